//! The REST API under `/api`: boards, health and metrics. The model's routes (export,
//! import, analysis, coverage, requirement sets, examples) are in [`crate::model_api`].

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use crate::app::AppState;
use crate::error::ApiError;
use crate::store::BoardInfo;

/// Routes of the REST API.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/boards", get(list_boards).post(create_board))
        .route("/api/boards/{id}", get(get_board))
        .route("/api/health", get(health))
        .route("/api/metrics", get(metrics))
        .merge(crate::model_api::routes())
}

/// Body of `POST /api/boards`.
#[derive(Debug, Deserialize)]
pub struct NewBoard {
    /// The board's name.
    #[serde(default)]
    pub name: String,
}

/// Longest board name accepted.
pub(crate) const MAX_NAME: usize = 200;

async fn create_board(
    State(app): State<AppState>,
    Json(body): Json<NewBoard>,
) -> Result<impl IntoResponse, ApiError> {
    let name = body.name.trim();
    let name = if name.is_empty() {
        "Untitled board"
    } else {
        name
    };
    if name.chars().count() > MAX_NAME {
        return Err(ApiError::BadRequest(format!(
            "board name is longer than {MAX_NAME} characters"
        )));
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    let info = app.shared.store.create_board(&id, name).await?;
    tracing::info!(board = %id, name, "board created");
    Ok((StatusCode::CREATED, Json(info)))
}

async fn list_boards(State(app): State<AppState>) -> Result<Json<Vec<BoardInfo>>, ApiError> {
    Ok(Json(app.shared.store.list_boards().await?))
}

async fn get_board(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<BoardInfo>, ApiError> {
    find_board(&app, &id).await.map(Json)
}

/// The stored board `id`, or a 404 error.
pub(crate) async fn find_board(app: &AppState, id: &str) -> Result<BoardInfo, ApiError> {
    app.shared
        .store
        .board(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no board with id {id}")))
}

async fn health(State(app): State<AppState>) -> impl IntoResponse {
    match app.shared.store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(serde_json::json!({ "status": "ok", "database": "ok" })),
        ),
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "status": "degraded", "database": e.to_string() })),
        ),
    }
}

async fn metrics(State(app): State<AppState>) -> impl IntoResponse {
    (
        [("content-type", "text/plain; version=0.0.4")],
        app.shared.metrics.render(),
    )
}
