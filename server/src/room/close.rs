//! Why the server closes a connection: a WebSocket close code and a short reason for people.
//! Reasons are fixed sentences written here, never raw internal errors.

/// A WebSocket close code and a human reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseReason {
    /// WebSocket close code (1001 going away, 1003 unsupported data, 1008 policy, 1009 too big,
    /// 1011 server error, 1013 try later, 4404 unknown board).
    pub code: u16,
    /// Text sent in the close frame and logged.
    pub reason: String,
}

/// Longest close reason a WebSocket close frame carries, in bytes.
const MAX_REASON: usize = 123;

impl CloseReason {
    /// A close reason.
    /// The reason is cut to the 123 bytes a WebSocket close frame can carry (on a character
    /// boundary), so a long message never makes the close frame itself invalid.
    pub fn new(code: u16, reason: impl Into<String>) -> CloseReason {
        let mut reason = reason.into();
        if reason.len() > MAX_REASON {
            let mut end = MAX_REASON - 3;
            while !reason.is_char_boundary(end) {
                end -= 1;
            }
            reason.truncate(end);
            reason.push_str("...");
        }
        CloseReason { code, reason }
    }

    /// The server cannot store changes right now; the client should come back later.
    pub fn storage_unavailable() -> CloseReason {
        CloseReason::new(
            1013,
            "server cannot store changes right now, try again later",
        )
    }

    /// The board is being reloaded (after an internal error or a storage failure).
    pub fn reloading() -> CloseReason {
        CloseReason::new(1013, "board is reloading, try again")
    }
}

/// The close reason for a frame refused by the decoder: fixed wording for the client, no
/// internal error text.
pub(super) fn refusal(e: &stormwall_model::protocol::ProtocolError) -> CloseReason {
    use stormwall_model::protocol::{ProtocolError as P, Refusal as R};
    match e {
        P::Refused(R::TooDeep) => CloseReason::new(1008, "values nested too deep"),
        P::Refused(R::StateTooLarge(_)) => CloseReason::new(1009, "awareness state too large"),
        P::Refused(R::ClientId | R::Clock) => CloseReason::new(1008, "id or clock out of range"),
        P::Refused(R::Malformed(_)) | P::Malformed(_) => {
            CloseReason::new(1008, "malformed message")
        }
        P::Unsupported(t) => CloseReason::new(1008, format!("unsupported message type {t}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_reasons_fit_a_close_frame() {
        let r = CloseReason::new(1008, "결제".repeat(100));
        assert!(r.reason.len() <= MAX_REASON);
        assert!(r.reason.ends_with("..."));
        assert_eq!(CloseReason::new(1000, "short").reason, "short");
    }
}
