//! A room taking document updates: the raw-byte check and decoding, the board's size limit
//! (deletions always pass), storage keeping up, a checkpoint when the edit calls for one,
//! applying under a panic guard, the nesting of shared types, then broadcasting and handing
//! the update to the storage writer.

use std::sync::atomic::Ordering::Relaxed;

use bytes::Bytes;
use yrs::{ReadTxn, Transact, Update};

/// What applying an update did.
pub(super) enum Applied {
    /// It applied; whether it changed the document.
    Changed(bool),
    /// The engine refused it.
    Invalid,
    /// The engine panicked; the room reloads.
    Panicked,
}

use super::{refusal, CloseReason, Room};
use crate::persist::{PersistMsg, OVERHEAD};
use stormwall_model::protocol;

impl Room {
    pub(super) async fn apply_update(
        &mut self,
        conn: u64,
        bytes: Vec<u8>,
    ) -> Result<(), CloseReason> {
        let (update, shape) = protocol::decode_update_shaped(&bytes).map_err(|e| refusal(&e))?;
        let sv = self.doc.transact().state_vector();
        let adds = protocol::adds_content(&update, &sv);
        if adds {
            self.admit_content(conn, bytes.len())?;
        }
        // The state before an edit that calls for a checkpoint is kept first.
        self.checkpoint_before(&update, adds).await;
        let changed = match self.apply_guarded(update) {
            Applied::Changed(changed) => changed,
            Applied::Invalid => {
                return Err(CloseReason::new(1008, "invalid update: does not apply"))
            }
            Applied::Panicked => {
                tracing::error!(board = %self.id, conn, "update made the document engine panic; refused");
                return Err(CloseReason::new(
                    1008,
                    "invalid update: rejected by the document engine",
                ));
            }
        };
        if !changed {
            return Ok(());
        }
        // Shared types nested on top of what the document had: measure the whole nesting
        // (the engine deletes nested types recursively). Too deep: the update was never
        // stored, so reloading the board from storage drops it.
        if shape.nests_into_document {
            let limit = protocol::MAX_NESTING + 1;
            let deepest = self
                .off_thread(move |doc| stormwall_model::doc::deepest_type(&doc.transact(), limit))
                .await
                .unwrap_or(usize::MAX);
            if deepest > limit {
                tracing::warn!(board = %self.id, conn, "update nests shared types too deep; board reloads");
                self.broken = Some(CloseReason::reloading());
                return Err(CloseReason::new(1008, "values nested too deep"));
            }
        }
        self.commit(Some(conn), bytes);
        Ok(())
    }

    /// Applies `update` under a panic guard. yrs asserts some invariants with panics; a
    /// caught panic may leave the document half changed, so the room stops and reloads the
    /// board from storage (which never saw the update).
    pub(super) fn apply_guarded(&mut self, update: Update) -> Applied {
        let doc = &self.doc;
        let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut txn = doc.transact_mut();
            if txn.apply_update(update).is_err() {
                return Applied::Invalid;
            }
            // Redundant updates (a reconnecting client resending what the board has) are
            // neither stored nor broadcast; updates waiting for missing dependencies are stored.
            Applied::Changed(
                !txn.insert_set().is_empty()
                    || !txn.delete_set().is_empty()
                    || txn.has_missing_updates(),
            )
        }));
        applied.unwrap_or_else(|_| {
            self.broken = Some(CloseReason::new(
                1011,
                "board is reloading after an internal error; reconnect",
            ));
            Applied::Panicked
        })
    }

    /// Takes an applied update (from connection `from`, or the room's own restore): counts
    /// it, broadcasts it to every other connection and hands it to the storage writer.
    pub(super) fn commit(&mut self, from: Option<u64>, bytes: Vec<u8>) {
        self.seq += 1;
        self.full_state = None;
        self.since_compact += 1;
        self.history.edited();
        let p = &self.progress;
        p.size.appended(self.seq, bytes.len());
        p.unsaved.fetch_add(bytes.len() + OVERHEAD, Relaxed);
        let m = &self.shared.metrics;
        m.updates.fetch_add(1, Relaxed);
        m.update_bytes.fetch_add(bytes.len() as u64, Relaxed);
        let frame = protocol::update(bytes.clone());
        self.broadcast(from, frame);
        let _ = self
            .persist
            .send(PersistMsg::Append(self.seq, Bytes::from(bytes)));
        if self.since_compact >= self.shared.limits.compact_every && !self.shared.peers.shared_log()
        {
            self.since_compact = 0;
            let _ = self.persist.send(PersistMsg::Compact);
        }
    }

    /// Whether an update that adds `len` bytes of content may be taken now: the board below
    /// its size limit, storage keeping up, and the sender aware of "saved" while storage fails.
    fn admit_content(&self, conn: u64, len: usize) -> Result<(), CloseReason> {
        let limits = &self.shared.limits;
        if self.progress.size.total() + len > self.doc_limit() {
            return Err(CloseReason::new(
                1009,
                "board is at its size limit; only deletions are accepted",
            ));
        }
        let aware = self.conns.get(&conn).is_some_and(|c| c.status_aware);
        if self.progress.unsaved.load(Relaxed) + len > limits.save_queue_bytes
            || (self.storage_trouble && !aware)
        {
            return Err(CloseReason::storage_unavailable());
        }
        Ok(())
    }
}
