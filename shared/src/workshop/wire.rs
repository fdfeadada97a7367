//! The JSON carried by the sync protocol's workshop message: what a client asks for
//! ([`Command`]) and what the server tells each connection ([`StateView`]). Decoding is bounded:
//! a payload over [`MAX_PAYLOAD`] bytes, a view with numbers that are not finite or out of
//! range, or a string field over its limit is refused with a reason.

use serde::{Deserialize, Serialize};

use super::phase::Phase;
use super::timer::Timer;
use super::voting::MAX_ID_LEN;
use crate::kind::StickyKind;

/// Largest workshop message payload, in bytes, either way.
pub const MAX_PAYLOAD: usize = 2048;
/// Largest board coordinate a view may centre on (either sign).
pub const MAX_COORD: f64 = 1.0e7;

/// A viewport: the board point at the centre of the screen and the zoom.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Board x at the centre of the screen.
    pub x: f64,
    /// Board y at the centre of the screen.
    pub y: f64,
    /// Zoom factor.
    pub zoom: f64,
}

impl View {
    /// Whether every number is finite and in range.
    pub fn is_sane(&self) -> bool {
        self.x.abs() <= MAX_COORD
            && self.y.abs() <= MAX_COORD
            && self.zoom.is_finite()
            && (0.01..=100.0).contains(&self.zoom)
    }
}

/// What a client asks the server to do. All but [`Command::Hello`] and [`Command::Vote`] are
/// the facilitator's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    /// Asks for the state; `voter` is this browser's id for votes.
    Hello {
        /// A per-browser id, at most [`MAX_ID_LEN`] bytes.
        voter: String,
    },
    /// Moves the board to a phase (`None`: no phase).
    Phase {
        /// The phase.
        phase: Option<Phase>,
    },
    /// Starts a countdown of `ms`.
    TimerStart {
        /// Duration in milliseconds.
        ms: i64,
    },
    /// Pauses the countdown.
    TimerPause,
    /// Resumes the countdown.
    TimerResume,
    /// Adds `ms` to the countdown.
    TimerExtend {
        /// Milliseconds to add.
        ms: i64,
    },
    /// Removes the countdown.
    TimerClear,
    /// Turns "follow me" on from `view`, or off (`None`).
    Follow {
        /// The facilitator's view, or `None` to stop.
        view: Option<View>,
    },
    /// The facilitator's view moved while "follow me" is on.
    View {
        /// Where it is now.
        view: View,
    },
    /// Brings everyone to `view` once.
    Summon {
        /// Where to.
        view: View,
    },
    /// Opens a voting round on `kinds` with `per_person` votes each.
    VoteOpen {
        /// Kinds that can be voted on (hotspots when empty).
        kinds: Vec<StickyKind>,
        /// Votes per person.
        per_person: u8,
    },
    /// Places this voter's vote on `sticky`, or takes it back.
    Vote {
        /// The sticky.
        sticky: String,
    },
    /// Closes the round: results go on the board.
    VoteClose,
    /// Drops the round without results.
    VoteCancel,
}

impl Command {
    /// Whether only a facilitator may send it.
    pub fn is_control(&self) -> bool {
        !matches!(self, Command::Hello { .. } | Command::Vote { .. })
    }

    /// Whether it is a view update, which may come often.
    pub fn is_view(&self) -> bool {
        matches!(self, Command::View { .. })
    }

    /// Reads a payload from a client, refusing what is too big, malformed or out of range.
    pub fn decode(payload: &[u8]) -> Result<Command, String> {
        if payload.len() > MAX_PAYLOAD {
            return Err(format!("workshop message over {MAX_PAYLOAD} bytes"));
        }
        let cmd: Command = serde_json::from_slice(payload)
            .map_err(|e| format!("malformed workshop message: {e}"))?;
        let sane = match &cmd {
            Command::Hello { voter } => !voter.is_empty() && voter.len() <= MAX_ID_LEN,
            Command::Vote { sticky } => !sticky.is_empty() && sticky.len() <= MAX_ID_LEN,
            Command::VoteOpen { kinds, .. } => kinds.len() <= StickyKind::ALL.len(),
            Command::Follow { view: Some(v) }
            | Command::View { view: v }
            | Command::Summon { view: v } => v.is_sane(),
            _ => true,
        };
        if sane {
            Ok(cmd)
        } else {
            Err("workshop message out of range".into())
        }
    }

    /// The payload of this command.
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a command always serializes")
    }
}

/// An open round as one voter sees it: their own votes only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteView {
    /// Kinds that can be voted on.
    pub kinds: Vec<StickyKind>,
    /// Votes each person has.
    pub per_person: u8,
    /// The stickies this voter voted for.
    pub mine: Vec<String>,
    /// Votes this voter has left.
    pub left: u8,
}

/// The workshop state as the server tells one connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateView {
    /// The server's clock when it sent this (ms since the epoch), to correct the client's.
    pub now: i64,
    /// The board's phase.
    #[serde(default)]
    pub phase: Option<Phase>,
    /// The countdown.
    #[serde(default)]
    pub timer: Option<Timer>,
    /// The facilitator's view while "follow me" is on.
    #[serde(default)]
    pub follow: Option<View>,
    /// Set only in the message that summons everyone: where to go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summon: Option<View>,
    /// The open voting round, as this connection's voter sees it.
    #[serde(default)]
    pub vote: Option<VoteView>,
    /// Set when the message answers a refused command: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

impl StateView {
    /// The payload of this state.
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a state always serializes")
    }

    /// Reads a state sent by the server; `None` when it is not one.
    pub fn decode(payload: &[u8]) -> Option<StateView> {
        if payload.len() > 64 * 1024 {
            return None;
        }
        serde_json::from_slice(payload).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_round_trip() {
        let v = View {
            x: 1.0,
            y: -2.0,
            zoom: 0.5,
        };
        for c in [
            Command::Hello { voter: "b1".into() },
            Command::Phase {
                phase: Some(Phase::Aggregates),
            },
            Command::TimerStart { ms: 300_000 },
            Command::TimerPause,
            Command::Follow { view: Some(v) },
            Command::Summon { view: v },
            Command::VoteOpen {
                kinds: vec![StickyKind::Hotspot],
                per_person: 3,
            },
            Command::Vote {
                sticky: "s1".into(),
            },
            Command::VoteClose,
        ] {
            assert_eq!(Command::decode(&c.encode()), Ok(c));
        }
        assert_eq!(
            Command::decode(br#"{"op":"phase","phase":"aggregates"}"#),
            Ok(Command::Phase {
                phase: Some(Phase::Aggregates)
            })
        );
        assert!(!Command::Vote { sticky: "x".into() }.is_control());
        assert!(Command::VoteClose.is_control());
    }

    #[test]
    fn garbage_and_out_of_range_commands_are_refused_not_a_panic() {
        let long = format!(
            r#"{{"op":"hello","voter":"{}"}}"#,
            "v".repeat(MAX_ID_LEN + 1)
        );
        let huge = vec![b' '; MAX_PAYLOAD + 1];
        for bad in [
            &b""[..],
            b"\xff\xfe",
            b"null",
            b"[]",
            br#"{"op":"launch"}"#,
            br#"{"op":"phase","phase":"lunch"}"#,
            br#"{"op":"timer_start","ms":"soon"}"#,
            br#"{"op":"timer_start","ms":1e400}"#,
            br#"{"op":"summon","view":{"x":1e300,"y":0,"zoom":1}}"#,
            br#"{"op":"view","view":{"x":0,"y":0,"zoom":0}}"#,
            br#"{"op":"vote","sticky":""}"#,
            br#"{"op":"vote_open","kinds":["hotspot"],"per_person":300}"#,
            long.as_bytes(),
            &huge,
        ] {
            assert!(
                Command::decode(bad).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        assert_eq!(StateView::decode(b"{}"), None);
    }
}
