//! How a room reaches the other nodes serving its board, as a small trait: follow the board's
//! shared stream (the tail already in it, then what other nodes add), publish awareness and
//! access changes, and tell whether a node that announced cursors is still alive.
//!
//! A single node has no peers: [`Local`] follows nothing and publishes nothing, so rooms work
//! exactly as before. A cluster member ([`member::RedisCluster`], `--redis-url`) carries each
//! board's updates, awareness and access changes over a Redis stream per board; see
//! `docs/deploy.md`. Document updates themselves reach the stream through the room's storage
//! writer ([`crate::storage::DocStore::append`]), so "saved" keeps meaning "durably appended".

pub mod entry;
mod keeper;
mod live;
pub mod member;
mod nodes;
mod reader;

pub use keeper::Timing;

use bytes::Bytes;
use tokio::sync::mpsc;

use crate::access::AccessChange;
use crate::storage::{BoxFuture, StorageError};

/// What another node added to a board's stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A y-protocol message (a document update or an awareness update), still untrusted.
    Message(Bytes),
    /// A change of the board's access made on another node.
    Control(AccessChange),
}

/// One entry of a board's stream from another node.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The node that added it.
    pub node: String,
    /// What it carries.
    pub body: Body,
}

/// What a followed board's room receives from its peers.
#[derive(Debug)]
pub enum Remote {
    /// Entries other nodes added, in stream order.
    Entries(Vec<Entry>),
    /// The stored snapshot now holds everything streamed so far; its size in bytes.
    Compacted(usize),
}

/// A board followed: the updates already in its stream, and what comes after them. When the
/// receiver closes, the node fell too far behind (or lost the stream) and the room reloads.
pub struct Follow {
    /// Document updates in the stream that the stored state may not hold yet.
    pub tail: Vec<Vec<u8>>,
    /// Awareness other nodes announced in the stream (the newest few), for cursors already
    /// there when the board loads.
    pub awareness: Vec<Entry>,
    /// Entries added after the tail; `None` on a single node.
    pub remote: Option<mpsc::Receiver<Remote>>,
}

/// A room's view of the other nodes.
pub trait Peers: Send + Sync + 'static {
    /// This node's id in the cluster (`None` on a single node).
    fn node(&self) -> Option<&str>;
    /// Starts following board `board`. Read before the stored state, so that nothing
    /// compacted meanwhile is missed (updates apply idempotently).
    fn follow<'a>(&'a self, board: &'a str) -> BoxFuture<'a, Result<Follow, StorageError>>;
    /// Sends a y-protocol message (awareness) to the other nodes serving `board`; best effort.
    fn publish(&self, board: &str, message: Bytes);
    /// Tells the other nodes serving `board` of an access change; waits until it is sent.
    fn control<'a>(&'a self, board: &'a str, change: &'a AccessChange) -> BoxFuture<'a, ()>;
    /// Whether node `node`, whose clients' cursors a room shows, is still alive.
    fn is_live(&self, node: &str) -> bool;
    /// Whether the room's storage writer appends to a log shared by the nodes (a cluster
    /// member's stream). Then it appends at once, without a group-commit window (appends
    /// queued meanwhile still go in one round trip), and never compacts: the lease holder
    /// stores the stream into the database.
    fn shared_log(&self) -> bool;
    /// The node stops: it stops announcing itself, so peers drop its clients' cursors.
    fn stop(&self) -> BoxFuture<'_, ()>;
}

/// A single node: no peers.
pub struct Local;

impl Peers for Local {
    fn node(&self) -> Option<&str> {
        None
    }

    fn follow<'a>(&'a self, _board: &'a str) -> BoxFuture<'a, Result<Follow, StorageError>> {
        Box::pin(async {
            Ok(Follow {
                tail: Vec::new(),
                awareness: Vec::new(),
                remote: None,
            })
        })
    }

    fn publish(&self, _board: &str, _message: Bytes) {}

    fn control<'a>(&'a self, _board: &'a str, _change: &'a AccessChange) -> BoxFuture<'a, ()> {
        Box::pin(async {})
    }

    fn is_live(&self, _node: &str) -> bool {
        true
    }

    fn shared_log(&self) -> bool {
        false
    }

    fn stop(&self) -> BoxFuture<'_, ()> {
        Box::pin(async {})
    }
}

/// The next message from a followed board's peers; pending forever on a single node.
pub async fn next(remote: &mut Option<mpsc::Receiver<Remote>>) -> Option<Remote> {
    match remote {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}
