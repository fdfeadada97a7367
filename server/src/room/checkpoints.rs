//! A room making checkpoints of its board: automatic ones of the state before an edit that
//! starts a new UTC day, follows a stretch of activity, replaces the whole board (an import)
//! or removes many stickies at once; named ones when a facilitator asks; and one before every
//! restore, which the room then applies as one update to every client. The room only encodes
//! the state (on a blocking thread for large boards) and hands it to its storage writer,
//! which summarises, stores and thins (see [`crate::history`]).

use std::sync::atomic::Ordering::Relaxed;

use stormwall_model::doc::{snapshot, STICKIES};
use stormwall_model::history::{restore_board, restore_items, with_links, Summary};
use tokio::sync::oneshot;
use yrs::{BranchID, Map, Out, ReadTxn, StateVector, Transact, Update};

use super::{CloseReason, Room};
use crate::history::time::utc_day;
use crate::history::{decode_doc, Checkpoint, HistoryPolicy, Pending, Reason};
use crate::persist::PersistMsg;
use crate::store::now_ms;

/// Told once a checkpoint is stored (or could not be).
pub type Stored = oneshot::Receiver<Result<Checkpoint, ()>>;

/// When the room last made a checkpoint and how many edits it took since.
pub(super) struct History {
    last_at: i64,
    since: u64,
}

/// A request to restore a checkpoint's state.
pub struct Restore {
    /// The checkpoint's state.
    pub state: Vec<u8>,
    /// Only these stickies, links and frames (with the links between them and the board);
    /// `None`: the whole board.
    pub items: Option<Vec<String>>,
    /// Who asks (a display name).
    pub by: Option<String>,
}

/// A restore applied and broadcast.
pub struct Restoring {
    /// What it changed on the live board.
    pub restored: Summary,
    /// The checkpoint of the state just before it.
    pub undo: String,
    /// Told once that checkpoint is stored.
    pub stored: Stored,
}

impl History {
    /// After loading: the newest stored checkpoint's time. Edits may have been made since
    /// (by an earlier load), so the board counts as edited.
    pub(super) fn loaded(newest: Option<i64>) -> History {
        History {
            last_at: newest.unwrap_or(0),
            since: 1,
        }
    }

    /// One more edit applied.
    pub(super) fn edited(&mut self) {
        self.since += 1;
    }

    /// The automatic checkpoint an edit at `now` calls for, by time and count.
    fn due(&self, now: i64, p: &HistoryPolicy) -> Option<Reason> {
        if self.since == 0 {
            None
        } else if utc_day(now) != utc_day(self.last_at) {
            Some(Reason::Daily)
        } else if now - self.last_at >= p.interval_ms() || self.since >= p.checkpoint_every_updates
        {
            Some(Reason::Activity)
        } else {
            None
        }
    }
}

impl Room {
    /// Before `update` is applied: makes the checkpoint it calls for, of the state before it.
    /// `adds` says whether it brings new content (time and count only count such edits).
    pub(super) async fn checkpoint_before(&mut self, update: &Update, adds: bool) {
        let policy = &self.shared.limits.history;
        let reason = self
            .destructive(update, adds, policy.bulk_delete_stickies)
            .or_else(|| self.history.due(now_ms(), policy).filter(|_| adds));
        let empty = self.doc.transact().state_vector() == StateVector::default();
        if let (Some(reason), false) = (reason, empty) {
            self.checkpoint(reason, None, None).await;
        }
    }

    /// Whether `update` replaces every sticky with new content (an import) or removes more
    /// than `bulk` stickies, judged from its delete set against the live stickies.
    fn destructive(&self, update: &Update, adds: bool, bulk: usize) -> Option<Reason> {
        let deleted = update.delete_set();
        if deleted.is_empty() {
            return None;
        }
        let txn = self.doc.transact();
        let stickies = txn.get_map(STICKIES)?;
        let (mut total, mut removed) = (0, 0);
        for (_, v) in stickies.iter(&txn) {
            if let Out::YMap(m) = v {
                total += 1;
                if matches!(m.as_ref().id(), BranchID::Nested(id) if deleted.contains(&id)) {
                    removed += 1;
                }
            }
        }
        if adds && removed > 0 && removed == total {
            Some(Reason::BeforeImport)
        } else if removed > bulk {
            Some(Reason::BeforeBulkDelete)
        } else {
            None
        }
    }

    /// Encodes the board's state now and hands it to the storage writer as a checkpoint.
    pub(super) async fn checkpoint(
        &mut self,
        reason: Reason,
        name: Option<String>,
        by: Option<String>,
    ) -> Option<(Checkpoint, Stored)> {
        let data = self
            .off_thread(|doc| {
                doc.transact()
                    .encode_state_as_update_v1(&StateVector::default())
            })
            .await?;
        let checkpoint = Checkpoint::new(reason, name, by, data.len());
        self.history = History {
            last_at: checkpoint.created_at,
            since: 0,
        };
        let (tell, stored) = oneshot::channel();
        let pending = Pending {
            checkpoint: checkpoint.clone(),
            data,
            stored: Some(tell),
        };
        let _ = self.persist.send(PersistMsg::Checkpoint(Box::new(pending)));
        Some((checkpoint, stored))
    }

    /// Restores `req` after a checkpoint of the state before it, as one update to everyone.
    pub(super) async fn restore(&mut self, req: Restore) -> Result<Restoring, String> {
        if self.progress.failed.load(Relaxed) {
            return Err("the server cannot store changes to this board".into());
        }
        let Restore { state, items, by } = req;
        let (undo, stored) = self
            .checkpoint(Reason::BeforeRestore, None, by)
            .await
            .ok_or("the board could not be read")?;
        let restored = self
            .off_thread(move |doc| {
                let target = decode_doc(&state)?;
                Some(match items {
                    None => restore_board(doc, &target),
                    Some(ids) => {
                        let ids = with_links(&snapshot(&target), &snapshot(doc), &ids);
                        restore_items(doc, &target, &ids)
                    }
                })
            })
            .await;
        let restored = match restored {
            Some(Some(r)) => r,
            Some(None) => return Err("the checkpoint's state does not decode".into()),
            None => {
                self.broken = Some(CloseReason::new(
                    1011,
                    "board is reloading after an internal error; reconnect",
                ));
                return Err("the restore failed; the board reloads".into());
            }
        };
        if !restored.update.is_empty() {
            self.commit(None, restored.update);
        }
        tracing::info!(board = %self.id, undo = %undo.id, "restored");
        Ok(Restoring {
            restored: restored.summary,
            undo: undo.id,
            stored,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn edits_call_for_a_checkpoint_on_a_new_day_after_a_pause_or_after_many_updates() {
        let p = crate::config::Config::parse_from(["stormwall"])
            .limits
            .history;
        let day = crate::history::policy::DAY_MS;
        let t = 100 * day + 10 * 3_600_000;
        let h = |last_at, since| History { last_at, since };
        assert_eq!(h(t, 1).due(t + 60_000, &p), None);
        assert_eq!(h(t, 1).due(t + 300_000, &p), Some(Reason::Activity));
        assert_eq!(h(t, 2_000).due(t + 1, &p), Some(Reason::Activity));
        assert_eq!(h(t, 1).due(101 * day + 5, &p), Some(Reason::Daily));
        // Nothing edited since the last checkpoint: nothing new to keep.
        assert_eq!(h(t, 0).due(101 * day + 5, &p), None);
        assert_eq!(History::loaded(None).due(t, &p), Some(Reason::Daily));
    }
}
