//! The requirement-set catalogue over REST: list, read one, upload (validated, with the JSON
//! path of the first problem on rejection).

use axum::extract::rejection::StringRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use stormwall_model::RequirementSet;

use crate::app::AppState;
use crate::catalog::{self, CatalogEntry, CatalogError};
use crate::error::ApiError;

/// `GET /api/requirement-sets`: built-in sets, then uploaded ones.
pub async fn list(State(app): State<AppState>) -> Result<Json<Vec<CatalogEntry>>, ApiError> {
    Ok(Json(catalog::list(&app.shared.store).await?))
}

/// `GET /api/requirement-sets/{id}`.
pub async fn get(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<CatalogEntry>, ApiError> {
    catalog::get(&app.shared.store, &id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no requirement set with id {id}")))
}

/// `POST /api/requirement-sets`: stores a set under a free id (never replacing another).
pub async fn upload(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
    body: Result<String, StringRejection>,
) -> Result<impl IntoResponse, ApiError> {
    crate::api::require_json(&headers)?;
    crate::api::limit_creates(&app, peer)?;
    let set = RequirementSet::from_json(&body?).map_err(|e| ApiError::Invalid {
        path: e.path,
        reason: e.reason,
    })?;
    catalog::save(&app.shared.store, &set)
        .await
        .map_err(|e| match e {
            CatalogError::Reserved(_) | CatalogError::Taken(_) => ApiError::Conflict(e.to_string()),
            CatalogError::Storage(e) => ApiError::Storage(e),
        })?;
    tracing::info!(set = %set.id, "requirement set stored");
    let entry = CatalogEntry {
        builtin: false,
        set,
    };
    Ok((StatusCode::CREATED, Json(entry)))
}
