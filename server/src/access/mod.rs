//! Who may open, read, edit and manage a board. Every board has three secret share links, one
//! per [`Role`]; the key in a link is checked on every surface (board page, sync socket, REST)
//! and enforced per message: a viewer's document updates, and a participant's while the board
//! is locked, are refused by the room, never applied, stored or broadcast.
//!
//! [`tokens`] makes and checks keys, [`keys`] stores their hashes and the lock, [`extract`]
//! guards REST routes, [`conn`] is a connection's rights inside a room, [`routes`] holds the
//! facilitator's REST powers (rename, lock, rotate, delete). The sync socket admits with
//! [`keys::resolve`]; rooms start from [`room_lock`] and hear of changes through [`tell_room`].
//!
//! Close codes: 4404 no such board or no valid key (the same answer for both), 4401 the link
//! was replaced by the facilitator, 4410 the board was deleted.

pub mod conn;
pub mod extract;
pub mod keys;
pub mod routes;
pub mod tokens;

use std::sync::Arc;

use stormwall_model::access::Role;
use tokio::sync::oneshot;

use crate::room::{CloseReason, RoomMsg};
use crate::rooms::Shared;
use crate::store::Store;

/// Close code of a connection whose link the facilitator replaced.
pub const CLOSE_REVOKED: u16 = 4401;
/// Close code of a connection to an unknown board, or without a valid key.
pub const CLOSE_UNKNOWN: u16 = 4404;
/// Close code of the connections to a board that was deleted.
pub const CLOSE_DELETED: u16 = 4410;

/// A change to a board's access that its live room acts on at once.
#[derive(Debug, Clone, PartialEq)]
pub enum AccessChange {
    /// The board was locked (`true`) or unlocked: editing rights follow.
    Locked(bool),
    /// `role`'s link was replaced: close the connections opened with the old one.
    Revoked(Role),
    /// The board is being deleted: close every connection, write what is pending, stop.
    Deleted,
    /// The facilitator renamed the board: everyone's title bar follows.
    Renamed(String),
    /// A draft's stickies are being revealed (see [`crate::drafts`]): the same as a deletion,
    /// with the close code that tells the author's browser to move its draft to the board.
    Revealed,
}

impl AccessChange {
    /// The reason a connection closed by this change is given.
    pub fn close_reason(&self) -> Option<CloseReason> {
        match self {
            AccessChange::Locked(_) | AccessChange::Renamed(_) => None,
            AccessChange::Revoked(_) => Some(CloseReason::new(
                CLOSE_REVOKED,
                "this link no longer opens the board: ask the facilitator for a new one",
            )),
            AccessChange::Deleted => Some(CloseReason::new(
                CLOSE_DELETED,
                "the facilitator deleted this board",
            )),
            AccessChange::Revealed => Some(CloseReason::new(
                crate::drafts::CLOSE_REVEALED,
                "the facilitator revealed all private stickies",
            )),
        }
    }
}

/// The lock state a room starts with (a draft's is its board's); a board that no longer exists
/// does not load.
pub async fn room_lock(store: &Store, id: &str) -> Result<bool, CloseReason> {
    let id = stormwall_model::drafts::board_of(id);
    match keys::locked(store, id).await {
        Ok(Some(locked)) => Ok(locked),
        Ok(None) => Err(CloseReason::new(CLOSE_UNKNOWN, "unknown board")),
        Err(e) => {
            tracing::error!(board = id, error = %e, "cannot read board");
            Err(CloseReason::storage_unavailable())
        }
    }
}

/// Tells board `id`'s room and its drafts' rooms, those loaded, about `change` and waits until
/// they have acted.
pub async fn tell_room(shared: &Arc<Shared>, id: &str, change: AccessChange) {
    // Other nodes serving the board act on it too.
    shared.peers.control(id, &change).await;
    let drafts = shared.loaded_drafts(id);
    for room in std::iter::once(id.to_string()).chain(drafts) {
        let (done, acted) = oneshot::channel();
        if shared
            .tell_if_loaded(&room, RoomMsg::Access(change.clone(), done))
            .await
        {
            let _ = acted.await;
        }
    }
}

/// The tracing span of an HTTP request: method and path, never the query string (a share
/// link's key travels there).
pub fn request_span<B>(req: &axum::http::Request<B>) -> tracing::Span {
    tracing::debug_span!("request", method = %req.method(), path = %req.uri().path())
}
