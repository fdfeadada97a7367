//! A room taking what other nodes serving its board sent (a cluster member only): document
//! updates are applied and broadcast (never stored again: the node that took them stored
//! them), awareness is kept under a pseudo connection per node (so a node's cursors go when
//! it says so or when it dies), and access changes act as if made here.
//!
//! Everything from the stream is untrusted: it passes the same raw-byte checks as a client's
//! frame, and whatever fails them is logged and skipped.

use std::sync::atomic::Ordering::Relaxed;

use bytes::Bytes;
use stormwall_model::protocol::{self, Incoming};

use super::edits::Applied;
use super::{CloseReason, Room};
use crate::cluster::{Body, Entry, Remote};

/// Pseudo connection ids of other nodes start here (local connection ids count from 0).
const NODE_CONNS: u64 = 1 << 62;

/// Whether `conn` stands for another node.
pub(super) fn is_node_conn(conn: u64) -> bool {
    conn >= NODE_CONNS
}

impl Room {
    /// Acts on what the board's peers sent; returns the reason to stop when the board was
    /// deleted. A closed queue means this node fell behind the stream: the room reloads.
    pub(super) async fn remote(&mut self, msg: Option<Remote>) -> Option<CloseReason> {
        match msg {
            None => {
                self.remote = None;
                self.broken = Some(CloseReason::reloading());
            }
            Some(Remote::Compacted(len)) => self.progress.size.compacted(self.seq, len),
            Some(Remote::Entries(entries)) => {
                for entry in entries {
                    if let Some(reason) = self.remote_entry(entry).await {
                        return Some(reason);
                    }
                    if self.broken.is_some() {
                        break;
                    }
                }
            }
        }
        None
    }

    pub(super) async fn remote_entry(&mut self, entry: Entry) -> Option<CloseReason> {
        let message = match entry.body {
            Body::Control(change) => return self.access_changed(change).await,
            Body::Message(m) => m,
        };
        let limit = self.shared.limits.awareness_state_bytes;
        match protocol::decode_with(&message, limit) {
            Ok(Incoming::Update(u) | Incoming::SyncStep2(u)) => self.remote_update(u),
            Ok(Incoming::Awareness(update)) => {
                let conn = self.node_conn(&entry.node);
                let limits = &self.shared.limits;
                let max = limits
                    .awareness_ids_per_connection
                    .saturating_mul(limits.max_connections_per_board);
                match self.presence.apply(conn, update, max) {
                    Ok(Some(changed)) => self.broadcast(None, changed),
                    Ok(None) => {}
                    Err(_) => {
                        tracing::warn!(board = %self.id, node = %entry.node, "cluster: node announced too many awareness clients; skipped")
                    }
                }
            }
            Ok(_) => {
                tracing::warn!(board = %self.id, node = %entry.node, "cluster: unexpected message in the stream; skipped")
            }
            Err(e) => {
                tracing::warn!(board = %self.id, node = %entry.node, error = %e, "cluster: malformed message in the stream; skipped")
            }
        }
        None
    }

    fn remote_update(&mut self, bytes: Vec<u8>) {
        let update = match protocol::decode_update_shaped(&bytes) {
            Ok((update, _)) => update,
            Err(e) => {
                return tracing::warn!(board = %self.id, error = %e, "cluster: malformed update in the stream; skipped")
            }
        };
        match self.apply_guarded(update) {
            Applied::Changed(true) => {}
            Applied::Changed(false) => return,
            Applied::Invalid => {
                return tracing::warn!(board = %self.id, "cluster: update in the stream does not apply; skipped")
            }
            Applied::Panicked => {
                return tracing::error!(board = %self.id, "cluster: update in the stream made the document engine panic; board reloads")
            }
        }
        self.full_state = None;
        self.progress.size.appended(self.seq, bytes.len());
        self.shared.metrics.updates.fetch_add(1, Relaxed);
        self.broadcast(None, Bytes::from(protocol::update(bytes)));
    }

    /// The pseudo connection under which node `node`'s awareness is kept.
    fn node_conn(&mut self, node: &str) -> u64 {
        let next = self.nodes.values().max().map_or(NODE_CONNS, |m| m + 1);
        *self.nodes.entry(node.to_string()).or_insert(next)
    }

    /// Removes the cursors of nodes that died without saying so.
    pub(super) fn check_nodes(&mut self) {
        if self.nodes.is_empty() {
            return;
        }
        let dead: Vec<(String, u64)> = self
            .nodes
            .iter()
            .filter(|(node, _)| !self.shared.peers.is_live(node))
            .map(|(n, c)| (n.clone(), *c))
            .collect();
        for (node, conn) in dead {
            tracing::info!(board = %self.id, node = %node, "cluster: node gone; its cursors are removed");
            self.nodes.remove(&node);
            if let Some(gone) = self.presence.leave(conn) {
                self.broadcast(None, gone);
            }
        }
    }
}
