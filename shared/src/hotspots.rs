//! The hotspot workflow: a hotspot sticky is open until the group has discussed it, then
//! resolved or parked for later. The status lives in the document's `hotspots` root by sticky
//! id (see [`crate::doc`]); a hotspot with no entry is open.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::board::Board;
use crate::kind::StickyKind;
use crate::legend::Lang;

/// Where a hotspot stands.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum HotspotStatus {
    /// Raised, not talked about yet.
    #[default]
    Open,
    /// Talked about, no answer yet.
    Discussed,
    /// Answered.
    Resolved,
    /// Deliberately left for later.
    Parked,
}

impl HotspotStatus {
    /// Every status, in workflow order.
    pub const ALL: [HotspotStatus; 4] = [
        HotspotStatus::Open,
        HotspotStatus::Discussed,
        HotspotStatus::Resolved,
        HotspotStatus::Parked,
    ];

    /// Identifier as stored and exported: `open`, `discussed`, `resolved`, `parked`.
    pub fn as_str(self) -> &'static str {
        match self {
            HotspotStatus::Open => "open",
            HotspotStatus::Discussed => "discussed",
            HotspotStatus::Resolved => "resolved",
            HotspotStatus::Parked => "parked",
        }
    }

    /// The status an identifier names.
    pub fn parse(s: &str) -> Option<HotspotStatus> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// What the board shows.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (HotspotStatus::Open, Lang::En) => "Open",
            (HotspotStatus::Discussed, Lang::En) => "Discussed",
            (HotspotStatus::Resolved, Lang::En) => "Resolved",
            (HotspotStatus::Parked, Lang::En) => "Parked",
            (HotspotStatus::Open, Lang::Ko) => "열림",
            (HotspotStatus::Discussed, Lang::Ko) => "논의함",
            (HotspotStatus::Resolved, Lang::Ko) => "해결됨",
            (HotspotStatus::Parked, Lang::Ko) => "보류",
        }
    }

    /// The next step of the workflow (the keyboard shortcut's cycle): open → discussed →
    /// resolved → parked → open.
    pub fn next(self) -> HotspotStatus {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// Whether the group still owes it an answer (open or discussed).
    pub fn is_unresolved(self) -> bool {
        matches!(self, HotspotStatus::Open | HotspotStatus::Discussed)
    }
}

/// The status of the sticky `id` (open when none was set).
pub fn status_of(board: &Board, id: &str) -> HotspotStatus {
    board.hotspots.get(id).copied().unwrap_or_default()
}

/// How many hotspots of each status the board has (every status present, zero or not).
pub fn tally(board: &Board) -> BTreeMap<HotspotStatus, usize> {
    let mut t: BTreeMap<HotspotStatus, usize> =
        HotspotStatus::ALL.into_iter().map(|s| (s, 0)).collect();
    for s in board
        .stickies
        .iter()
        .filter(|s| s.kind == StickyKind::Hotspot)
    {
        *t.entry(status_of(board, &s.id)).or_default() += 1;
    }
    t
}

/// Hotspots still waiting for an answer (open or discussed).
pub fn unresolved(board: &Board) -> usize {
    tally(board)
        .into_iter()
        .filter(|(s, _)| s.is_unresolved())
        .map(|(_, n)| n)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::Sticky;

    #[test]
    fn statuses_round_trip_and_cycle_through_the_workflow() {
        for s in HotspotStatus::ALL {
            assert_eq!(HotspotStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        assert_eq!(HotspotStatus::parse("closed"), None);
        let mut s = HotspotStatus::Open;
        let mut seen = vec![s];
        for _ in 0..4 {
            s = s.next();
            seen.push(s);
        }
        assert_eq!(seen.first(), seen.last());
        assert_eq!(HotspotStatus::Resolved.label(Lang::Ko), "해결됨");
    }

    #[test]
    fn only_open_and_discussed_hotspots_count_as_unresolved() {
        let mut b = Board::default();
        for (i, kind) in [StickyKind::Hotspot; 4]
            .into_iter()
            .chain([StickyKind::DomainEvent])
            .enumerate()
        {
            b.stickies
                .push(Sticky::new(&format!("s{i}"), kind, "?", 0.0, 0.0));
        }
        // s0 open (no entry), s1 discussed, s2 resolved, s3 parked; s4 is no hotspot.
        b.hotspots.insert("s1".into(), HotspotStatus::Discussed);
        b.hotspots.insert("s2".into(), HotspotStatus::Resolved);
        b.hotspots.insert("s3".into(), HotspotStatus::Parked);
        b.hotspots.insert("s4".into(), HotspotStatus::Discussed);
        assert_eq!(unresolved(&b), 2);
        assert_eq!(tally(&b)[&HotspotStatus::Resolved], 1);
        assert_eq!(status_of(&b, "s0"), HotspotStatus::Open);
    }
}
