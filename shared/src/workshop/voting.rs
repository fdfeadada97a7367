//! Dot voting: a round the facilitator opens on some sticky kinds with N votes per person.
//! Ballots stay on the server while the round is open (each voter is only ever told their own);
//! closing the round tallies them into ranked results, which become part of the board.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::kind::StickyKind;

/// Most votes a person may have in one round.
pub const MAX_VOTES_PER_PERSON: u8 = 20;
/// Most voters a round keeps ballots for.
pub const MAX_VOTERS: usize = 1_000;
/// Longest voter or sticky id accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

/// An open voting round, with everyone's ballots (server side only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteRound {
    /// The kinds of sticky that can be voted on.
    pub kinds: Vec<StickyKind>,
    /// Votes each person has.
    pub per_person: u8,
    /// Each voter's votes: the stickies they voted for, in the order they voted.
    #[serde(default)]
    pub ballots: BTreeMap<String, Vec<String>>,
}

/// How many votes one sticky got when the round closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteResult {
    /// The sticky voted for.
    pub sticky: String,
    /// Votes it got.
    pub votes: u32,
}

/// Why a vote was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VoteError {
    /// The voter has used all their votes.
    #[error("you have used all your votes; take one back first")]
    NoVotesLeft,
    /// The sticky does not exist or is not of a kind this round votes on.
    #[error("this sticky is not part of the vote")]
    NotVotable,
    /// An id too long, or too many voters.
    #[error("vote refused")]
    Refused,
}

impl VoteRound {
    /// A round on `kinds` (hotspots when empty) with `per_person` votes (1 to
    /// [`MAX_VOTES_PER_PERSON`]).
    pub fn open(kinds: &[StickyKind], per_person: u8) -> VoteRound {
        let mut kinds: Vec<StickyKind> = kinds.to_vec();
        kinds.sort();
        kinds.dedup();
        if kinds.is_empty() {
            kinds.push(StickyKind::Hotspot);
        }
        VoteRound {
            kinds,
            per_person: per_person.clamp(1, MAX_VOTES_PER_PERSON),
            ballots: BTreeMap::new(),
        }
    }

    /// Places `voter`'s vote on `sticky` (of kind `kind`, `None` when it does not exist), or
    /// takes it back when they already voted for it. Returns whether the vote is now placed.
    pub fn toggle(
        &mut self,
        voter: &str,
        sticky: &str,
        kind: Option<StickyKind>,
    ) -> Result<bool, VoteError> {
        if voter.is_empty() || voter.len() > MAX_ID_LEN || sticky.len() > MAX_ID_LEN {
            return Err(VoteError::Refused);
        }
        if let Some(mine) = self.ballots.get_mut(voter) {
            if let Some(i) = mine.iter().position(|s| s == sticky) {
                mine.remove(i);
                return Ok(false);
            }
        }
        if !kind.is_some_and(|k| self.kinds.contains(&k)) {
            return Err(VoteError::NotVotable);
        }
        if !self.ballots.contains_key(voter) && self.ballots.len() >= MAX_VOTERS {
            return Err(VoteError::Refused);
        }
        let mine = self.ballots.entry(voter.to_string()).or_default();
        if mine.len() >= self.per_person as usize {
            return Err(VoteError::NoVotesLeft);
        }
        mine.push(sticky.to_string());
        Ok(true)
    }

    /// The stickies `voter` voted for.
    pub fn mine(&self, voter: &str) -> &[String] {
        self.ballots.get(voter).map_or(&[], Vec::as_slice)
    }

    /// Votes `voter` has left.
    pub fn left(&self, voter: &str) -> u8 {
        self.per_person
            .saturating_sub(self.mine(voter).len().min(255) as u8)
    }

    /// The results: every sticky with at least one vote, most votes first, ties by sticky id.
    /// Stickies for which `exists` is false (deleted during the round) are left out.
    pub fn tally(&self, exists: impl Fn(&str) -> bool) -> Vec<VoteResult> {
        let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
        for sticky in self.ballots.values().flatten() {
            *counts.entry(sticky).or_default() += 1;
        }
        let mut results: Vec<VoteResult> = counts
            .into_iter()
            .filter(|(s, _)| exists(s))
            .map(|(s, votes)| VoteResult {
                sticky: s.to_string(),
                votes,
            })
            .collect();
        results.sort_by(|a, b| b.votes.cmp(&a.votes).then_with(|| a.sticky.cmp(&b.sticky)));
        results
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StickyKind as K;

    #[test]
    fn voters_place_and_take_back_votes_within_their_budget() {
        let mut r = VoteRound::open(&[], 2);
        assert_eq!(r.kinds, vec![K::Hotspot]);
        assert_eq!(r.toggle("a", "h1", Some(K::Hotspot)), Ok(true));
        assert_eq!(r.toggle("a", "h2", Some(K::Hotspot)), Ok(true));
        assert_eq!(
            r.toggle("a", "h3", Some(K::Hotspot)),
            Err(VoteError::NoVotesLeft)
        );
        assert_eq!(r.left("a"), 0);
        assert_eq!(r.toggle("a", "h1", Some(K::Hotspot)), Ok(false));
        assert_eq!(r.left("a"), 1);
        assert_eq!(r.mine("a"), ["h2".to_string()]);
        assert_eq!(r.mine("nobody"), [] as [String; 0]);
    }

    #[test]
    fn only_stickies_of_the_round_kinds_take_votes() {
        let mut r = VoteRound::open(&[K::DomainEvent, K::DomainEvent], 3);
        assert_eq!(r.kinds, vec![K::DomainEvent]);
        assert_eq!(
            r.toggle("a", "h1", Some(K::Hotspot)),
            Err(VoteError::NotVotable)
        );
        assert_eq!(r.toggle("a", "gone", None), Err(VoteError::NotVotable));
        assert_eq!(
            r.toggle("", "e1", Some(K::DomainEvent)),
            Err(VoteError::Refused)
        );
        let long = "x".repeat(MAX_ID_LEN + 1);
        assert_eq!(
            r.toggle("a", &long, Some(K::DomainEvent)),
            Err(VoteError::Refused)
        );
        assert_eq!(VoteRound::open(&[], 0).per_person, 1);
        assert_eq!(VoteRound::open(&[], 200).per_person, MAX_VOTES_PER_PERSON);
    }

    #[test]
    fn the_tally_ranks_by_votes_then_id_and_skips_deleted_stickies() {
        let mut r = VoteRound::open(&[K::Hotspot], 3);
        for (voter, sticky) in [
            ("a", "h2"),
            ("b", "h2"),
            ("a", "h1"),
            ("c", "h3"),
            ("c", "gone"),
        ] {
            r.toggle(voter, sticky, Some(K::Hotspot)).unwrap();
        }
        let results = r.tally(|s| s != "gone");
        let ranked: Vec<(&str, u32)> = results
            .iter()
            .map(|v| (v.sticky.as_str(), v.votes))
            .collect();
        assert_eq!(ranked, vec![("h2", 2), ("h1", 1), ("h3", 1)]);
    }
}
