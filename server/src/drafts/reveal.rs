//! Turning silent writing on, and revealing all: every draft of the board is merged into the
//! board's document and removed, and silent writing is off.
//!
//! Silent writing goes off first, so browsers stop writing new private stickies and no new
//! draft opens. Then, one draft at a time: its room closes its author's connections (4411) and
//! writes what is pending; its stored state is merged into the board in one update that keeps
//! every item's identity (ids, positions, text, authorship — the same Yjs items), so whatever
//! the author's browser still holds for it (text typed during the reveal) merges on top when
//! the browser moves its draft to the board; only once the board has stored the merge is the
//! draft deleted. A draft that cannot be merged (storage failing, board full) is kept for the
//! next reveal: nothing an author wrote is lost.

use std::sync::Arc;

use serde::Serialize;
use yrs::{ReadTxn, StateVector, Transact};

use super::store;
use crate::access::{keys, AccessChange};
use crate::room::{self, RoomMsg};
use crate::rooms::Shared;

/// What a reveal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Revealed {
    /// Drafts merged into the board and removed.
    pub revealed: usize,
    /// Drafts that could not be merged now; they stay for the next reveal.
    pub kept: usize,
}

/// Turns silent writing on or off for board `board` and tells its live room.
pub async fn set_silent(shared: &Arc<Shared>, board: &str, on: bool) -> Result<(), sqlx::Error> {
    store::set_silent(&shared.store, board, on).await?;
    shared
        .tell_if_loaded(board, RoomMsg::SilentWriting(on))
        .await;
    tracing::info!(board, on, "silent writing switched");
    Ok(())
}

/// Turns silent writing off and merges every draft of board `board` into it.
pub async fn reveal(shared: &Arc<Shared>, board: &str) -> Result<Revealed, sqlx::Error> {
    set_silent(shared, board, false).await?;
    let mut done = Revealed {
        revealed: 0,
        kept: 0,
    };
    for draft in store::drafts_of(&shared.store, board).await? {
        match reveal_one(shared, board, &draft).await {
            Ok(()) => done.revealed += 1,
            Err(e) => {
                tracing::error!(board, error = %e, "a draft could not be revealed; kept");
                done.kept += 1;
            }
        }
    }
    tracing::info!(
        board,
        revealed = done.revealed,
        kept = done.kept,
        "drafts revealed"
    );
    Ok(done)
}

/// Merges draft `draft` into board `board`, then deletes it.
async fn reveal_one(shared: &Arc<Shared>, board: &str, draft: &str) -> Result<(), String> {
    // The draft's room (when loaded) closes its connections, writes what is pending and stops.
    let (acted, wait) = tokio::sync::oneshot::channel();
    if shared
        .tell_if_loaded(draft, RoomMsg::Access(AccessChange::Revealed, acted))
        .await
    {
        let _ = wait.await;
    }
    // Its writer has finished once the lease is free; holding it keeps the draft from loading.
    let lease = shared.writer_lease(draft).await;
    let stored = shared.docs.load(draft).await.map_err(|e| e.to_string())?;
    let parts: Vec<Vec<u8>> = stored.snapshot.into_iter().chain(stored.updates).collect();
    let id = draft.to_string();
    let state = tokio::task::spawn_blocking(move || {
        room::build_doc(&id, &parts)
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    })
    .await
    .map_err(|_| "the draft could not be read".to_string())?;
    // An empty document encodes as two zero bytes.
    if state.len() > 2 {
        let (seq, mut committed) = shared
            .ask(board, |reply| RoomMsg::Merge(state.clone(), reply))
            .await
            .ok_or("the board did not answer")??;
        let limit = shared.limits.load_timeout();
        let stored = tokio::time::timeout(limit, committed.wait_for(|c| *c >= seq))
            .await
            .is_ok_and(|r| r.is_ok());
        if !stored {
            return Err("the board did not store the merge in time".into());
        }
    }
    keys::delete_board(&shared.store, draft)
        .await
        .map_err(|e| e.to_string())?;
    drop(lease);
    shared.prune_lease(draft);
    Ok(())
}
