//! Pivotal events: domain events that split the timeline into phases ("Order placed",
//! "결제완료됨"). Each marked event draws a vertical boundary through its centre; the lint
//! checks that events on either side of it agree with the links (see `crate::lint`).

use crate::board::{Board, Sticky};
use crate::kind::StickyKind;

/// A phase boundary: the pivotal event and the board x its line runs along.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// The pivotal event's sticky id.
    pub sticky: String,
    /// The event's text.
    pub text: String,
    /// Where the vertical line runs (the event's centre).
    pub x: f64,
}

/// Whether sticky `s` is marked pivotal (only domain events can be).
pub fn is_pivotal(board: &Board, s: &Sticky) -> bool {
    s.kind == StickyKind::DomainEvent && board.pivotal.binary_search(&s.id).is_ok()
}

/// The boundaries of the board's pivotal events, left to right (ties by id). Marks on stickies
/// that are gone or no longer domain events draw nothing.
pub fn boundaries(board: &Board) -> Vec<Boundary> {
    let mut v: Vec<Boundary> = board
        .pivotal
        .iter()
        .filter_map(|id| board.sticky(id))
        .filter(|s| s.kind == StickyKind::DomainEvent && s.x.is_finite() && s.w.is_finite())
        .map(|s| Boundary {
            sticky: s.id.clone(),
            text: s.text.clone(),
            x: s.centre().0,
        })
        .collect();
    v.sort_by(|a, b| a.x.total_cmp(&b.x).then_with(|| a.sticky.cmp(&b.sticky)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::StickyKind::*;

    #[test]
    fn boundaries_run_through_pivotal_events_left_to_right() {
        let b = Board {
            stickies: vec![
                Sticky::new("late", DomainEvent, "Delivered", 900.0, 0.0),
                Sticky::new("early", DomainEvent, "주문됨", 100.0, 300.0),
                Sticky::new("cmd", Command, "Pay", 500.0, 0.0),
                Sticky::new("plain", DomainEvent, "Paid", 600.0, 0.0),
            ],
            pivotal: vec!["cmd".into(), "early".into(), "gone".into(), "late".into()],
            ..Board::default()
        };
        let xs: Vec<(String, f64)> = boundaries(&b)
            .into_iter()
            .map(|x| (x.sticky, x.x))
            .collect();
        assert_eq!(xs, [("early".into(), 160.0), ("late".into(), 960.0)]);
        assert!(is_pivotal(&b, &b.stickies[0]));
        assert!(!is_pivotal(&b, &b.stickies[2]));
        assert!(!is_pivotal(&b, &b.stickies[3]));
    }
}
