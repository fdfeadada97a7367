//! A board's REST surface of its own: creating a board hands out its three links; any link
//! reads the board's name, lock and the link's role; the facilitator renames, locks and
//! unlocks, replaces a role's link, and deletes the board. Live connections follow at once.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use stormwall_model::access::Role;

use super::extract::BoardAccess;
use super::keys::{self, Links};
use super::{tell_room, AccessChange};
use crate::app::AppState;
use crate::error::ApiError;
use crate::store::BoardInfo;

/// Longest board name accepted.
pub const MAX_NAME: usize = 200;

/// Routes of a board's own REST surface (creation is [`create`], called by each way of
/// making a board).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/boards/{id}", get(board).patch(change).delete(delete))
        .route("/api/boards/{id}/links/{role}", post(rotate))
}

/// A new board: its id, name, creation time and its three links.
#[derive(Debug, Serialize)]
pub struct Created {
    /// The board.
    #[serde(flatten)]
    pub info: BoardInfo,
    /// Its share links, shown once: the server keeps only their hashes.
    pub links: Links,
}

/// Creates a board named `name` (with `doc` as its starting document) and its links.
pub async fn create(app: &AppState, name: &str, doc: Option<&[u8]>) -> Result<Created, ApiError> {
    if name.chars().count() > MAX_NAME {
        return Err(ApiError::BadRequest(format!(
            "board name is longer than {MAX_NAME} characters"
        )));
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    let (info, links) = keys::create_board(&app.shared.store, &id, name, doc).await?;
    Ok(Created { info, links })
}

/// A board as one of its links sees it.
#[derive(Debug, Serialize)]
pub struct BoardView {
    /// The board.
    #[serde(flatten)]
    pub info: BoardInfo,
    /// The role of the link asking.
    pub role: Role,
    /// Whether only facilitators edit.
    pub locked: bool,
}

fn view(access: BoardAccess) -> BoardView {
    BoardView {
        info: access.0.info,
        role: access.0.role,
        locked: access.0.locked,
    }
}

/// `GET /api/boards/{id}`: name, lock and the asking link's role.
async fn board(access: BoardAccess) -> Json<BoardView> {
    Json(view(access))
}

/// Body of `PATCH /api/boards/{id}`: what the facilitator changes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// A new name.
    pub name: Option<String>,
    /// Lock (`true`) or unlock the board.
    pub locked: Option<bool>,
}

/// `PATCH /api/boards/{id}` (facilitator): rename, lock or unlock.
async fn change(
    State(app): State<AppState>,
    access: BoardAccess,
    Json(body): Json<Change>,
) -> Result<Json<BoardView>, ApiError> {
    access.facilitator()?;
    let store = &app.shared.store;
    let mut access = access;
    if let Some(name) = body.name {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME {
            return Err(ApiError::BadRequest(format!(
                "a board name has 1 to {MAX_NAME} characters"
            )));
        }
        keys::rename(store, access.id(), name).await?;
        tell_room(&app.shared, access.id(), AccessChange::Renamed(name.into())).await;
        access.0.info.name = name.to_string();
    }
    if let Some(locked) = body.locked {
        keys::set_locked(store, access.id(), locked).await?;
        tell_room(&app.shared, access.id(), AccessChange::Locked(locked)).await;
        tracing::info!(board = %access.id(), locked, "board lock changed");
        access.0.locked = locked;
    }
    Ok(Json(view(access)))
}

/// `POST /api/boards/{id}/links/{role}` (facilitator): replaces `role`'s link. The old link
/// stops working at once and its open connections are closed.
async fn rotate(
    State(app): State<AppState>,
    access: BoardAccess,
    Path((_, role)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    access.facilitator()?;
    let role = Role::parse(&role).ok_or_else(|| {
        ApiError::BadRequest("role must be facilitator, participant or viewer".into())
    })?;
    let key = keys::rotate(&app.shared.store, access.id(), role).await?;
    tell_room(&app.shared, access.id(), AccessChange::Revoked(role)).await;
    tracing::info!(board = %access.id(), %role, "link replaced");
    Ok(Json(serde_json::json!({
        "role": role,
        "url": keys::link(access.id(), &key),
    })))
}

/// `DELETE /api/boards/{id}` (facilitator): closes every connection and removes the board and
/// everything stored for it.
async fn delete(State(app): State<AppState>, access: BoardAccess) -> Result<StatusCode, ApiError> {
    access.facilitator()?;
    let store = &app.shared.store;
    // No link opens it from here on; then the room closes and writes what is pending.
    keys::revoke_all(store, access.id()).await?;
    tell_room(&app.shared, access.id(), AccessChange::Deleted).await;
    keys::delete_board(store, access.id()).await?;
    tracing::info!(board = %access.id(), "board deleted");
    Ok(StatusCode::NO_CONTENT)
}
