//! A room's part in silent writing (see [`crate::drafts`]): telling the connections that ask
//! whether it is on, merging a revealed draft's state into the board as one update that keeps
//! its items' identities, and the smaller size limit of a draft.

use tokio::sync::watch;
use yrs::Transact;

use super::{CloseReason, Room};
use stormwall_model::{drafts, protocol};

/// Told when a merge is stored: its sequence number and the room's committed sequence.
pub type Merged = Result<(i64, watch::Receiver<i64>), String>;

impl Room {
    /// Connection `conn` asked whether silent writing is on.
    pub(super) fn silent_subscribe(&mut self, conn: u64) {
        let notice = self.silent.subscribe(conn);
        self.send_to(conn, notice);
    }

    /// Silent writing was turned on or off: tell the connections that asked.
    pub(super) fn silent_changed(&mut self, on: bool) {
        let conns = &self.conns;
        let (notice, to) = self.silent.set(on, |c| conns.contains_key(&c));
        for conn in to {
            self.send_to(conn, notice.clone());
        }
    }

    /// Merges `state` (a revealed draft's whole state) into the board as one update, stored
    /// and sent to every connection like any edit.
    pub(super) fn merge(&mut self, state: Vec<u8>) -> Merged {
        if self.progress.size.total() + state.len() > self.shared.limits.max_doc_bytes {
            return Err("the board is at its size limit".into());
        }
        let update = protocol::decode_update(&state).map_err(|e| e.to_string())?;
        let doc = &self.doc;
        let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut txn = doc.transact_mut();
            txn.apply_update(update)
                .map(|_| !txn.insert_set().is_empty() || !txn.delete_set().is_empty())
        }));
        match applied {
            Ok(Ok(true)) => self.commit(None, state),
            Ok(Ok(false)) => {}
            Ok(Err(e)) => return Err(e.to_string()),
            Err(_) => {
                self.broken = Some(CloseReason::new(
                    1011,
                    "board is reloading after an internal error; reconnect",
                ));
                return Err("the draft made the document engine fail".into());
            }
        }
        Ok((self.seq, self.committed.clone()))
    }

    /// The largest size of this room's document: a draft's is smaller than a board's.
    pub(super) fn doc_limit(&self) -> usize {
        let board = self.shared.limits.max_doc_bytes;
        if drafts::is_draft(&self.id) {
            board.min(crate::drafts::MAX_DRAFT_BYTES)
        } else {
            board
        }
    }
}
