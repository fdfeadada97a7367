//! Running a workshop on a board: the phase the facilitator has the board in ([`phase`]), the
//! countdown ([`timer`]), "follow me" and summons, and dot voting ([`voting`]).
//!
//! This state is held by the server per board, outside the board's document, so that only
//! facilitators change it and ballots are never sent to other clients. It travels as the sync
//! protocol's *workshop* message ([`crate::protocol::MSG_WORKSHOP`]) in the JSON of [`wire`].
//! Only the results of a closed vote become part of the board ([`crate::Board::votes`]).

pub mod phase;
pub mod timer;
pub mod voting;
pub mod wire;

use serde::{Deserialize, Serialize};

pub use phase::Phase;
pub use timer::Timer;
pub use voting::{VoteResult, VoteRound};
pub use wire::{Command, StateView, View};

/// A board's workshop state as the server holds and stores it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workshop {
    /// The phase the board is in; `None` before the facilitator picks one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    /// The countdown, when one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timer: Option<Timer>,
    /// The facilitator's view while "follow me" is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow: Option<View>,
    /// The open voting round, with its ballots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<VoteRound>,
}

impl Workshop {
    /// What one voter may see at server time `now`: everything but other people's ballots.
    pub fn view_for(&self, voter: &str, now: i64) -> StateView {
        StateView {
            now,
            phase: self.phase,
            timer: self.timer,
            follow: self.follow,
            summon: None,
            vote: self.round.as_ref().map(|r| wire::VoteView {
                kinds: r.kinds.clone(),
                per_person: r.per_person,
                mine: r.mine(voter).to_vec(),
                left: r.left(voter),
            }),
            refused: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::StickyKind;

    #[test]
    fn a_voter_sees_only_their_own_ballot() {
        let mut w = Workshop {
            round: Some(VoteRound::open(&[], 3)),
            ..Workshop::default()
        };
        let round = w.round.as_mut().unwrap();
        round
            .toggle("alice", "h1", Some(StickyKind::Hotspot))
            .unwrap();
        round
            .toggle("bob", "h2", Some(StickyKind::Hotspot))
            .unwrap();
        let bob = serde_json::to_string(&w.view_for("bob", 5)).unwrap();
        assert!(bob.contains("h2") && !bob.contains("h1") && !bob.contains("alice"));
        let stored: Workshop = serde_json::from_str(&serde_json::to_string(&w).unwrap()).unwrap();
        assert_eq!(stored, w);
    }
}
