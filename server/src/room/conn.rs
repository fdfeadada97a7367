//! One connection as its room sees it: the byte-budgeted outbound queue, the close channel,
//! whether it understands server notices, its pending "saved" acknowledgements and its budget
//! of expensive requests (full-state syncs, awareness queries), and its rights.

use tokio::sync::oneshot;
use tokio::time::Instant;

use super::close::CloseReason;
use crate::access::conn::ConnAccess;
use crate::outbox::Outbox;

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

/// A token bucket: `burst` requests at once, then one a second.
pub struct Bucket {
    tokens: f64,
    burst: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket.
    pub fn new(burst: u32) -> Bucket {
        Bucket {
            tokens: burst as f64,
            burst: burst as f64,
            last: Instant::now(),
        }
    }

    /// Takes one token if there is one.
    pub fn take(&mut self) -> bool {
        self.take_at(Instant::now())
    }

    fn take_at(&mut self, now: Instant) -> bool {
        let refill = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + refill).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_allows_a_burst_then_one_a_second() {
        let start = Instant::now();
        let mut b = Bucket::new(3);
        b.last = start;
        assert!((0..3).all(|_| b.take_at(start)));
        assert!(!b.take_at(start));
        let later = start + std::time::Duration::from_millis(1100);
        assert!(b.take_at(later));
        assert!(!b.take_at(later));
    }
}
