//! One connection as its room sees it: the byte-budgeted outbound queue, the close channel,
//! whether it understands server notices, its pending "saved" acknowledgements and its budget
//! of expensive requests (full-state syncs, awareness queries), and its rights.

use tokio::sync::oneshot;

use super::close::CloseReason;
use crate::access::conn::ConnAccess;
use crate::outbox::Outbox;
use crate::rate::Bucket;

/// A connection in a room.
pub struct Conn {
    /// Frames to the client.
    pub out: Outbox,
    /// Where the room sends the reason when it closes the connection.
    pub close: Option<oneshot::Sender<CloseReason>>,
    /// The client asked for sync status, so it understands server notices and knows edits
    /// are saved only when acknowledged.
    pub status_aware: bool,
    /// Acknowledgements waiting for a commit: (sequence number, payload).
    pub acks: Vec<(i64, Vec<u8>)>,
    /// Expensive requests allowed now.
    pub requests: Bucket,
    /// Its rights: role, and what it was told about them.
    pub access: ConnAccess,
}
