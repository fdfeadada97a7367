//! The REST surface of silent writing: anyone with a link reads whether it is on; the
//! facilitator turns it on, and reveals all (which also turns it off).
//!
//! - `GET /api/boards/{id}/silent-writing` → `{"on", "drafts"}`
//! - `PUT /api/boards/{id}/silent-writing` `{"on": true|false}` (facilitator); `false` reveals
//! - `POST /api/boards/{id}/silent-writing/reveal` (facilitator) → `{"on", "revealed", "kept"}`

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::reveal::{reveal, set_silent};
use super::store;
use crate::access::extract::BoardAccess;
use crate::app::AppState;
use crate::error::ApiError;

/// Routes of silent writing.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/boards/{id}/silent-writing", get(read).put(switch))
        .route("/api/boards/{id}/silent-writing/reveal", post(reveal_all))
}

async fn read(State(app): State<AppState>, access: BoardAccess) -> Result<Json<Value>, ApiError> {
    let store = &app.shared.store;
    let on = store::silent(store, access.id()).await?;
    let drafts = store::drafts_of(store, access.id()).await?.len();
    Ok(Json(json!({ "on": on, "drafts": drafts })))
}

/// Body of `PUT /api/boards/{id}/silent-writing`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Switch {
    on: bool,
}

async fn switch(
    State(app): State<AppState>,
    access: BoardAccess,
    Json(body): Json<Switch>,
) -> Result<Json<Value>, ApiError> {
    access.facilitator()?;
    if !body.on {
        return reveal_all(State(app), access).await;
    }
    set_silent(&app.shared, access.id(), true).await?;
    Ok(Json(json!({ "on": true })))
}

async fn reveal_all(
    State(app): State<AppState>,
    access: BoardAccess,
) -> Result<Json<Value>, ApiError> {
    access.facilitator()?;
    let done = reveal(&app.shared, access.id()).await?;
    Ok(Json(
        json!({ "on": false, "revealed": done.revealed, "kept": done.kept }),
    ))
}
