//! The history's REST surface: list, name, delete, export and read checkpoints; restore one
//! (whole or chosen items); list the trash and restore an item from it. Any link reads;
//! participants (while the board is unlocked) and facilitators restore; facilitators name and
//! delete checkpoints. Restores and new checkpoints count against the per-address rate of
//! creations and uploads.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;
use stormwall_model::access::Role;
use stormwall_model::export;
use stormwall_model::history::Summary;

use super::trash::{self, TrashItem};
use super::{decode_board, store, valid_id, Checkpoint};
use crate::access::extract::BoardAccess;
use crate::access::routes::MAX_NAME;
use crate::api::require_json;
use crate::app::AppState;
use crate::error::ApiError;
use crate::room::checkpoints::{Restore, Restoring, Stored};
use crate::room::RoomMsg;

/// Largest request body on these routes.
const MAX_BODY: usize = 256 * 1024;
/// Most items one restore names.
const MAX_ITEMS: usize = 5_000;
/// Longest item id, and longest display name, in characters.
const MAX_ID: usize = 128;
/// Longest display name in `by`, in characters.
const MAX_BY: usize = 100;
/// How long a request waits for a checkpoint to be stored.
const STORE_WAIT: Duration = Duration::from_secs(20);

/// Routes of the history.
pub fn routes() -> Router<AppState> {
    let cp = "/api/boards/{id}/checkpoints";
    Router::new()
        .route(cp, get(list).post(create))
        .route(&format!("{cp}/{{cid}}"), delete(remove))
        .route(&format!("{cp}/{{cid}}/export"), get(export_json))
        .route(&format!("{cp}/{{cid}}/state"), get(state))
        .route(&format!("{cp}/{{cid}}/restore"), post(restore))
        .route("/api/boards/{id}/trash", get(trash_list))
        .route("/api/boards/{id}/trash/{item}/restore", post(trash_restore))
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

fn no_checkpoint() -> ApiError {
    ApiError::NotFound("no such checkpoint".into())
}

fn unavailable() -> ApiError {
    ApiError::Unavailable("the board could not be loaded, try again".into())
}

/// Refuses (403) a link that may not edit the board now.
fn may_edit(access: &BoardAccess) -> Result<(), ApiError> {
    match (access.role(), access.0.locked) {
        (Role::Facilitator, _) | (Role::Participant, false) => Ok(()),
        (Role::Participant, true) => Err(ApiError::Forbidden(
            "the board is locked: only the facilitator can restore".into(),
        )),
        (Role::Viewer, _) => Err(ApiError::Forbidden(
            "this link is view-only: it cannot restore".into(),
        )),
    }
}

fn limit(app: &AppState, peer: std::net::SocketAddr) -> Result<(), ApiError> {
    if app.creates.allow(peer.ip()) {
        Ok(())
    } else {
        Err(ApiError::TooManyRequests(
            "too many checkpoints or restores from your address; wait a minute".into(),
        ))
    }
}

/// An optional JSON body: empty means the defaults.
fn body<T: DeserializeOwned + Default>(headers: &HeaderMap, bytes: &Bytes) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    require_json(headers)?;
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::BadRequest(format!("the body is not what this route takes: {e}")))
}

/// A display name: trimmed, bounded, absent when empty.
fn by(name: Option<String>) -> Result<Option<String>, ApiError> {
    let name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    match name {
        Some(n) if n.chars().count() > MAX_BY => Err(ApiError::BadRequest(format!(
            "\"by\" is longer than {MAX_BY} characters"
        ))),
        n => Ok(n),
    }
}

/// The state of checkpoint `cid` of the board, or 404.
async fn checkpoint_state(
    app: &AppState,
    access: &BoardAccess,
    cid: &str,
) -> Result<Vec<u8>, ApiError> {
    if !valid_id(cid) {
        return Err(no_checkpoint());
    }
    store::state(&app.shared.store, access.id(), Some(cid))
        .await?
        .ok_or_else(no_checkpoint)
}

/// Waits until a checkpoint is stored.
async fn stored(s: Stored) -> Result<Checkpoint, ApiError> {
    match tokio::time::timeout(STORE_WAIT, s).await {
        Ok(Ok(Ok(c))) => Ok(c),
        _ => Err(ApiError::Unavailable(
            "the checkpoint could not be stored, try again".into(),
        )),
    }
}

/// `GET …/checkpoints`: newest first.
async fn list(
    State(app): State<AppState>,
    access: BoardAccess,
) -> Result<impl IntoResponse, ApiError> {
    let checkpoints = store::list(&app.shared.store, access.id()).await?;
    Ok(Json(json!({ "checkpoints": checkpoints })))
}

/// Body of `POST …/checkpoints`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Named {
    name: String,
    by: Option<String>,
}

/// `POST …/checkpoints` (facilitator): names the board's state now.
async fn create(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    access: BoardAccess,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    access.facilitator()?;
    let Named { name, by: who } = body(&headers, &bytes)?;
    let name = name.trim().to_string();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(ApiError::BadRequest(format!(
            "a checkpoint name has 1 to {MAX_NAME} characters"
        )));
    }
    let who = by(who)?;
    limit(&app, peer)?;
    let max = app.shared.limits.history.max_named_checkpoints;
    if store::named_count(&app.shared.store, access.id()).await? >= max as i64 {
        return Err(ApiError::Conflict(format!(
            "this board already has {max} named checkpoints; delete some first"
        )));
    }
    let made = app
        .shared
        .ask(access.id(), |reply| {
            RoomMsg::Checkpoint((name.clone(), who.clone()), reply)
        })
        .await
        .flatten()
        .ok_or_else(unavailable)?;
    Ok((StatusCode::CREATED, Json(stored(made).await?)))
}

/// `DELETE …/checkpoints/{cid}` (facilitator).
async fn remove(
    State(app): State<AppState>,
    access: BoardAccess,
    Path((_, cid)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    access.facilitator()?;
    if !valid_id(&cid) || store::delete(&app.shared.store, access.id(), &[cid]).await? == 0 {
        return Err(no_checkpoint());
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `GET …/checkpoints/{cid}/export`: the board JSON at that checkpoint, as an attachment.
async fn export_json(
    State(app): State<AppState>,
    access: BoardAccess,
    Path((_, cid)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    let data = checkpoint_state(&app, &access, &cid).await?;
    let name = access.0.info.name.clone();
    let json = tokio::task::spawn_blocking(move || {
        let mut board = decode_board(&data);
        board.name = name;
        export::to_json(&board)
    })
    .await
    .map_err(|_| unavailable())?;
    let disposition = format!("attachment; filename=\"board-{cid}.json\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        json,
    ))
}

/// `GET …/checkpoints/{cid}/state`: the Yjs v1 state at that checkpoint.
async fn state(
    State(app): State<AppState>,
    access: BoardAccess,
    Path((_, cid)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    let data = checkpoint_state(&app, &access, &cid).await?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], data))
}

/// Body of `POST …/restore`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RestoreBody {
    items: Option<Vec<String>>,
    by: Option<String>,
}

/// Asks the room to restore `state` (all of it, or `items`), then waits for the checkpoint
/// of the state before it.
async fn restore_in_room(
    app: &AppState,
    access: &BoardAccess,
    state: Vec<u8>,
    items: Option<Vec<String>>,
    who: Option<String>,
) -> Result<(Summary, Checkpoint), ApiError> {
    let answer = app
        .shared
        .ask(access.id(), |reply| {
            let req = Restore {
                state: state.clone(),
                items: items.clone(),
                by: who.clone(),
            };
            RoomMsg::Restore(req, reply)
        })
        .await
        .ok_or_else(unavailable)?;
    let Restoring {
        restored,
        stored: s,
        ..
    } = answer.map_err(ApiError::Unavailable)?;
    Ok((restored, stored(s).await?))
}

/// `POST …/checkpoints/{cid}/restore` (participant and up).
async fn restore(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    access: BoardAccess,
    Path((_, cid)): Path<(String, String)>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    may_edit(&access)?;
    let RestoreBody { items, by: who } = body(&headers, &bytes)?;
    if let Some(items) = &items {
        if items.is_empty() || items.len() > MAX_ITEMS {
            return Err(ApiError::BadRequest(format!(
                "\"items\" names 1 to {MAX_ITEMS} ids (leave it out to restore the whole board)"
            )));
        }
        if items
            .iter()
            .any(|i| i.is_empty() || i.chars().count() > MAX_ID)
        {
            return Err(ApiError::BadRequest(format!(
                "an item id has 1 to {MAX_ID} characters"
            )));
        }
    }
    let who = by(who)?;
    let data = checkpoint_state(&app, &access, &cid).await?;
    limit(&app, peer)?;
    let (restored, undo) = restore_in_room(&app, &access, data, items, who).await?;
    Ok(Json(json!({
        "restored": restored,
        "undo_checkpoint": undo.id,
    })))
}

/// The board's trash now.
async fn trash_of(app: &AppState, access: &BoardAccess) -> Result<Vec<TrashItem>, ApiError> {
    let live = app
        .shared
        .snapshot(access.id())
        .await
        .ok_or_else(unavailable)?;
    let window = app.shared.limits.history.trash_ms();
    Ok(trash::gather(&app.shared.store, access.id(), live, window).await?)
}

/// `GET …/trash`: deleted items that can be restored.
async fn trash_list(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    access: BoardAccess,
) -> Result<impl IntoResponse, ApiError> {
    limit(&app, peer)?;
    Ok(Json(json!({ "items": trash_of(&app, &access).await? })))
}

/// `POST …/trash/{item}/restore` (participant and up): brings one deleted item back (a
/// sticky with its links to stickies on the board).
async fn trash_restore(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    access: BoardAccess,
    Path((_, item)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    may_edit(&access)?;
    limit(&app, peer)?;
    let found = trash_of(&app, &access)
        .await?
        .into_iter()
        .find(|t| t.id == item)
        .ok_or_else(|| ApiError::NotFound("no such item in the trash".into()))?;
    let data = checkpoint_state(&app, &access, &found.checkpoint).await?;
    let (restored, _) = restore_in_room(&app, &access, data, Some(vec![item]), None).await?;
    Ok(Json(json!({ "restored": restored })))
}
