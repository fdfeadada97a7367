//! The REST API under `/api`: boards, health and metrics. The model's routes (export,
//! import, analysis, coverage, requirement sets, examples) are in [`crate::model_api`].

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use crate::app::AppState;
use crate::board_id::BoardId;
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
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(body): Json<NewBoard>,
) -> Result<impl IntoResponse, ApiError> {
    limit_creates(&app, peer)?;
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
    tracing::info!(board = %id, name = ?name, "board created");
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

/// The stored board `id`, or a 404 error (malformed ids are never looked up).
pub(crate) async fn find_board(app: &AppState, id: &str) -> Result<BoardInfo, ApiError> {
    let not_found = || ApiError::NotFound("no such board".into());
    let id = BoardId::parse(id).ok_or_else(not_found)?;
    app.shared
        .store
        .board(id.as_str())
        .await?
        .ok_or_else(not_found)
}

/// Counts one board creation, import or upload from `peer`; 429 past the per-IP rate.
pub(crate) fn limit_creates(app: &AppState, peer: SocketAddr) -> Result<(), ApiError> {
    if app.creates.allow(peer.ip()) {
        Ok(())
    } else {
        Err(ApiError::TooManyRequests(
            "too many boards or uploads from your address; wait a minute".into(),
        ))
    }
}

/// 415 unless the request says its body is JSON.
pub(crate) fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if json {
        Ok(())
    } else {
        Err(ApiError::Body(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the body as application/json".into(),
        ))
    }
}

async fn health(State(app): State<AppState>) -> impl IntoResponse {
    let ping = tokio::time::timeout(std::time::Duration::from_secs(3), app.shared.store.ping());
    let database = match ping.await {
        Ok(Ok(())) => "ok",
        Ok(Err(e)) => {
            tracing::error!(error = %e, "health check: database unreachable");
            "unreachable"
        }
        Err(_) => "not answering",
    };
    let failing = app
        .shared
        .metrics
        .storage_failing
        .load(std::sync::atomic::Ordering::Relaxed);
    let storage = if failing { "writes failing" } else { "ok" };
    let ok = database == "ok" && !failing;
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(serde_json::json!({
            "status": if ok { "ok" } else { "degraded" },
            "database": database,
            "storage": storage,
            "accepting": !app.shared.stopping(),
        })),
    )
}

/// Metrics for the machine itself, or for anyone holding `--metrics-token`.
async fn metrics(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let allowed = match (&app.http.metrics_token, bearer) {
        (Some(token), Some(given)) => {
            use subtle::ConstantTimeEq;
            token.as_bytes().ct_eq(given.as_bytes()).into()
        }
        (Some(_), None) => false,
        (None, _) => peer.ip().is_loopback(),
    };
    if !allowed {
        return Err(ApiError::NotFound("not found".into()));
    }
    Ok((
        [("content-type", "text/plain; version=0.0.4")],
        app.shared.metrics.render(),
    ))
}
