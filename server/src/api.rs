//! The REST API under `/api`: creating boards, health and metrics. A board's own routes (read,
//! rename, lock, links, delete) are in [`crate::access::routes`]; the model's routes (export,
//! import, analysis, coverage, requirement sets, examples) in [`crate::model_api`]. There is
//! no listing of every board: that is for the operator (`stormwall boards list`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::app::AppState;
use crate::error::ApiError;

/// Routes of the REST API.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/boards", post(create_board))
        .merge(crate::access::routes::routes())
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
    let created = crate::access::routes::create(&app, name, None).await?;
    tracing::info!(board = %created.info.id, name, "board created");
    Ok((StatusCode::CREATED, Json(created)))
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
