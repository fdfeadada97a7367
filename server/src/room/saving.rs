//! A room keeping its promises about saving: "saved" acknowledgements once the commit holding
//! a client's updates is done, notices when storage starts or stops failing, and flushing
//! with a time limit.

use std::sync::atomic::Ordering::Relaxed;

use bytes::Bytes;
use tokio::sync::oneshot;

use super::{CloseReason, Room, MAX_ACK_PAYLOAD};
use crate::persist::PersistMsg;
use stormwall_model::protocol;

impl Room {
    pub(super) fn sync_status(&mut self, conn: u64, payload: Vec<u8>) -> Result<(), CloseReason> {
        if payload.len() > MAX_ACK_PAYLOAD {
            return Err(CloseReason::new(1008, "sync status payload too long"));
        }
        let max = self.shared.limits.pending_acks;
        let (committed, seq) = (*self.committed.borrow(), self.seq);
        let trouble = self.storage_trouble;
        let Some(c) = self.conns.get_mut(&conn) else {
            return Ok(());
        };
        let first = !c.status_aware;
        c.status_aware = true;
        if committed >= seq {
            self.send_to(conn, protocol::sync_status(&payload));
        } else if c.acks.len() >= max {
            return Err(CloseReason::new(1008, "too many pending sync requests"));
        } else {
            c.acks.push((seq, payload));
        }
        if first && trouble {
            self.send_to(
                conn,
                protocol::server_notice(protocol::NOTICE_STORAGE_FAILING),
            );
        }
        Ok(())
    }

    /// Tells clients when storage starts or stops failing; a board storage refused for good
    /// stops the room.
    pub(super) fn check_storage(&mut self) {
        let p = &self.progress;
        if p.failed.load(Relaxed) {
            self.broken = Some(CloseReason::new(
                1011,
                "server cannot store changes to this board",
            ));
            return;
        }
        let grace = self.shared.limits.storage_grace().as_millis() as i64;
        let trouble = p.waiting_ms() > grace;
        if trouble == self.storage_trouble {
            return;
        }
        self.storage_trouble = trouble;
        let (code, level) = if trouble {
            (protocol::NOTICE_STORAGE_FAILING, "warn")
        } else {
            (protocol::NOTICE_STORAGE_OK, "info")
        };
        tracing::info!(board = %self.id, code, level, "storage status changed");
        let notice = Bytes::from(protocol::server_notice(code));
        let conns: Vec<(u64, bool)> = self
            .conns
            .iter()
            .map(|(id, c)| (*id, c.status_aware))
            .collect();
        for (conn, aware) in conns {
            if aware {
                self.send_to(conn, notice.clone());
            } else if trouble {
                // Stock clients cannot be told; they reconnect later and resend what they have.
                self.drop_conn(conn, Some(CloseReason::storage_unavailable()));
            }
        }
    }

    /// Waits until everything sent to the storage writer is committed (or given up), for at
    /// most the shutdown flush time. (The log is compacted by count only: compacting a large
    /// board at unload would cost CPU for no durability.)
    pub(super) async fn flush(&mut self) {
        let (done, wait) = oneshot::channel();
        if self.persist.send(PersistMsg::Flush(done)).is_ok() {
            let limit = self.shared.limits.shutdown_flush();
            if tokio::time::timeout(limit, wait).await.is_err() {
                tracing::error!(board = %self.id, "storage did not finish in time; unsaved edits stay with the clients");
            }
        }
    }

    pub(super) fn send_acks(&mut self) {
        let committed = *self.committed.borrow_and_update();
        let mut ready = Vec::new();
        for (id, c) in self.conns.iter_mut() {
            c.acks.retain(|(seq, payload)| {
                let done = *seq <= committed;
                if done {
                    ready.push((*id, protocol::sync_status(payload)));
                }
                !done
            });
        }
        for (conn, frame) in ready {
            self.send_to(conn, frame);
        }
    }
}
