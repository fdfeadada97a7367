//! What the model says about a board: the full analysis (lint, contexts, context map, coverage
//! of the board's own requirement sets) and the coverage of a catalogue set.

use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use stormwall_model::analysis::{analyze, Analysis};
use stormwall_model::coverage::{self, Coverage};

use super::{analysis_work, live_board};
use crate::access::extract::BoardAccess;
use crate::app::AppState;
use crate::catalog;
use crate::error::ApiError;

/// `GET /api/boards/{id}/analysis`.
pub async fn analysis(
    State(app): State<AppState>,
    access: BoardAccess,
) -> Result<Json<Analysis>, ApiError> {
    let board = live_board(&app, &access).await?;
    Ok(Json(analysis_work(&app, move || analyze(&board)).await?))
}

/// Query of `GET /api/boards/{id}/coverage`.
#[derive(Debug, Deserialize)]
pub struct CoverageQuery {
    /// Requirement set id: built in (`food-delivery`) or uploaded.
    pub set: Option<String>,
}

/// `GET /api/boards/{id}/coverage?set={set_id}`.
pub async fn coverage(
    State(app): State<AppState>,
    access: BoardAccess,
    Query(q): Query<CoverageQuery>,
) -> Result<Json<Coverage>, ApiError> {
    let set_id = q
        .set
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::BadRequest("missing ?set= (a requirement set id)".into()))?;
    let board = live_board(&app, &access).await?;
    let set = catalog::get(&app.shared.store, &set_id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no requirement set with id {set_id}")))?
        .set;
    Ok(Json(
        analysis_work(&app, move || coverage::check(&board, &set)).await?,
    ))
}
