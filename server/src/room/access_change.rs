//! How a loaded board reacts when its access changes while people are connected: a lock or
//! unlock (or a new name) tells the connections that asked, a replaced link closes the connections opened with
//! it, and a deletion closes every connection after writing what is pending.

use super::{CloseReason, Room};
use crate::access::AccessChange;

impl Room {
    /// Acts on a change of the board's access at once: a lock changes who edits (and tells the
    /// connections that asked), a replaced link closes the connections opened with it, a
    /// deletion closes every connection and writes what is pending. Returns the reason to
    /// refuse later joins with when the board was deleted (the room stops).
    pub(super) async fn access_changed(&mut self, change: AccessChange) -> Option<CloseReason> {
        let reason = change.close_reason();
        match change {
            AccessChange::Locked(locked) => {
                self.locked = locked;
                let notices: Vec<(u64, Vec<u8>)> = self
                    .conns
                    .iter_mut()
                    .filter_map(|(id, c)| Some((*id, c.access.lock_changed(locked)?)))
                    .collect();
                for (conn, notice) in notices {
                    self.send_to(conn, notice);
                }
                None
            }
            AccessChange::Renamed(name) => {
                let notices: Vec<(u64, Vec<u8>)> = self
                    .conns
                    .iter()
                    .filter_map(|(id, c)| Some((*id, c.access.renamed(self.locked, &name)?)))
                    .collect();
                for (conn, notice) in notices {
                    self.send_to(conn, notice);
                }
                None
            }
            AccessChange::Revoked(role) => {
                let gone: Vec<u64> = self
                    .conns
                    .iter()
                    .filter(|(_, c)| c.access.role == role)
                    .map(|(id, _)| *id)
                    .collect();
                for conn in gone {
                    self.drop_conn(conn, reason.clone());
                }
                None
            }
            AccessChange::Deleted | AccessChange::Revealed => {
                let reason = reason.expect("a deletion closes with a reason");
                self.close_all(reason.clone());
                self.flush().await;
                Some(reason)
            }
        }
    }

    pub(super) fn close_all(&mut self, reason: CloseReason) {
        for (_, mut c) in self.conns.drain() {
            if let Some(close) = c.close.take() {
                let _ = close.send(reason.clone());
            }
        }
    }
}
