//! Silent writing (private mode) on the server: while it is on, each author's new stickies live
//! in a *draft* of the board — a Yjs document of its own, served by the same rooms as boards —
//! that only its author opens. Nothing of a draft is ever sent to the board's room or to any
//! other connection until the facilitator reveals all; then every draft is merged into the
//! board with its items' identities kept, and removed.
//!
//! [`store`] keeps the switch and the drafts of each board, [`admit`] opens a draft's room for
//! its author over the sync socket, [`reveal`] merges the drafts, [`routes`] is the
//! facilitator's REST surface. Inside a room, [`Silent`] tells the connections that ask
//! whether silent writing is on (message type 106). The pure parts (room names, the notice)
//! are in [`stormwall_model::drafts`].

pub mod admit;
pub mod reveal;
pub mod routes;
pub mod store;

use std::collections::HashSet;

use stormwall_model::drafts::SilentNotice;
use stormwall_model::protocol;

/// Most drafts one board holds at once (one per author and browser).
pub const MAX_DRAFTS: i64 = 200;
/// Largest size of one draft's document, in bytes.
pub const MAX_DRAFT_BYTES: usize = 1024 * 1024;
/// Close code of a draft's connections when its stickies were revealed, or when silent
/// writing is off (the author's browser moves its drafts to the board and stops).
pub const CLOSE_REVEALED: u16 = 4411;
/// Close code of a draft asked for by a link that may not write (a viewer's).
pub const CLOSE_NO_DRAFTS: u16 = 4403;

/// A room's view of silent writing: whether it is on, and who asked to be told.
#[derive(Debug, Default)]
pub struct Silent {
    on: bool,
    listeners: HashSet<u64>,
}

impl Silent {
    /// The state a room starts with.
    pub fn new(on: bool) -> Silent {
        Silent {
            on,
            listeners: HashSet::new(),
        }
    }

    /// Whether silent writing is on.
    pub fn on(&self) -> bool {
        self.on
    }

    /// Connection `conn` asked: the notice to send it now (and on every change).
    pub fn subscribe(&mut self, conn: u64) -> Vec<u8> {
        self.listeners.insert(conn);
        self.notice()
    }

    /// Silent writing was turned on or off: the notice and who to send it to (only connections
    /// still in `connected`).
    pub fn set(&mut self, on: bool, connected: impl Fn(u64) -> bool) -> (Vec<u8>, Vec<u64>) {
        self.on = on;
        self.listeners.retain(|c| connected(*c));
        (self.notice(), self.listeners.iter().copied().collect())
    }

    fn notice(&self) -> Vec<u8> {
        protocol::silent_writing_notice(&SilentNotice { on: self.on })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stormwall_model::protocol::{decode, read_silent_writing_notice, Incoming};

    fn on(frame: &[u8]) -> bool {
        match decode(frame).unwrap() {
            Incoming::SilentWriting(p) => read_silent_writing_notice(&p).unwrap().on,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn only_connections_that_asked_and_are_still_here_are_told() {
        let mut s = Silent::new(false);
        assert!(!on(&s.subscribe(1)));
        s.subscribe(2);
        let (frame, to) = s.set(true, |c| c == 1);
        assert!(on(&frame) && s.on());
        assert_eq!(to, vec![1]);
        let (_, to) = s.set(false, |_| true);
        assert_eq!(to, vec![1], "a connection that left is forgotten");
    }
}
