//! Moving whole boards in and out: versioned JSON export and import, Context Mapper (CML)
//! export, and new boards created from the built-in example boards.

use axum::extract::rejection::StringRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use stormwall_model::{cml, doc, export, import, reference, Board};
use yrs::{ReadTxn, StateVector, Transact};

use super::{blocking, live_board};
use crate::access::extract::BoardAccess;
use crate::access::routes::{create, Created, MAX_NAME};
use crate::api::{limit_creates, require_json};
use crate::app::AppState;
use crate::error::ApiError;

/// `GET /api/boards/{id}/export`: the board as versioned JSON.
pub async fn export(
    State(app): State<AppState>,
    access: BoardAccess,
) -> Result<impl IntoResponse, ApiError> {
    let board = live_board(&app, &access).await?;
    let json = blocking(move || export::to_json(&board)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"board.json\"",
            ),
        ],
        json,
    ))
}

/// `GET /api/boards/{id}/export.cml`: contexts and context map in Context Mapper's language.
pub async fn export_cml(
    State(app): State<AppState>,
    access: BoardAccess,
) -> Result<impl IntoResponse, ApiError> {
    let board = live_board(&app, &access).await?;
    let text = blocking(move || cml::to_cml(&board)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"board.cml\"",
            ),
        ],
        text,
    ))
}

/// `POST /api/boards/import`: validates the exported JSON, then creates a board holding it.
/// On any problem nothing is written and the answer names the JSON path.
pub async fn import(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
    body: Result<String, StringRejection>,
) -> Result<impl IntoResponse, ApiError> {
    require_json(&headers)?;
    limit_creates(&app, peer)?;
    let body = body?;
    let board = blocking(move || import::from_json(&body))
        .await?
        .map_err(|e| ApiError::Invalid {
            path: e.path,
            reason: e.reason,
        })?;
    let created = create_with(&app, board).await?;
    tracing::info!(board = %created.info.id, "board imported");
    Ok((StatusCode::CREATED, Json(created)))
}

/// The example boards: id, and the models each offers.
const EXAMPLES: &[(&str, &[&str])] = &[("food-delivery", &["first", "revised"])];

/// `GET /api/examples`: the example boards a new board can start from.
pub async fn examples() -> Json<Value> {
    let list: Vec<Value> = EXAMPLES
        .iter()
        .map(|(id, models)| {
            let names: Vec<Value> = models
                .iter()
                .filter_map(|m| Some(json!({ "model": m, "name": example(id, m)?.name })))
                .collect();
            json!({ "id": id, "models": names })
        })
        .collect();
    Json(Value::Array(list))
}

/// Query of `POST /api/examples/{example}`.
#[derive(Debug, Deserialize)]
pub struct ExampleQuery {
    /// Which model of the example: `first` or `revised`.
    pub model: Option<String>,
}

/// `POST /api/examples/{example}?model=first|revised`: a new board holding the example.
pub async fn create_example(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    Path(name): Path<String>,
    Query(q): Query<ExampleQuery>,
) -> Result<impl IntoResponse, ApiError> {
    limit_creates(&app, peer)?;
    let Some((_, models)) = EXAMPLES.iter().find(|(id, _)| *id == name) else {
        return Err(ApiError::NotFound(format!("no example named {name:?}")));
    };
    let model = q.model.as_deref().unwrap_or_default();
    let board = example(&name, model).ok_or_else(|| {
        ApiError::BadRequest(format!("model must be one of: {}", models.join(", ")))
    })?;
    let created = create_with(&app, board).await?;
    tracing::info!(board = %created.info.id, example = %name, model, "example board created");
    Ok((StatusCode::CREATED, Json(created)))
}

fn example(id: &str, model: &str) -> Option<Board> {
    match (id, model) {
        ("food-delivery", "first") => Some(reference::food_delivery_first()),
        ("food-delivery", "revised") => Some(reference::food_delivery_revised()),
        _ => None,
    }
}

/// Creates a board named after `board` whose document starts as `board`, and its links.
async fn create_with(app: &AppState, board: Board) -> Result<Created, ApiError> {
    let name: String = match board.name.trim() {
        "" => "Imported board".into(),
        n => n.chars().take(MAX_NAME).collect(),
    };
    let update = blocking(move || {
        let d = doc::new_doc();
        doc::write_board(&d, &board);
        // Bound so the transaction ends before the document drops.
        let update = d
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        update
    })
    .await?;
    let max = app.shared.limits.max_doc_bytes;
    if update.len() > max {
        return Err(ApiError::Body(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the board is larger than the board size limit ({max} bytes)"),
        ));
    }
    create(app, &name, Some(&update)).await
}
