//! Swimlanes: named horizontal bands across the whole board. A lane is its top edge and
//! height; the stickies whose centre lies in the band are its items. Reordering swaps a lane
//! with its neighbour and carries each lane's stickies along.

use serde::{Deserialize, Serialize};

use crate::board::Board;

/// Height of a new lane in board units (a sticky and a half of room).
pub const DEFAULT_LANE_HEIGHT: f64 = 200.0;

/// One swimlane.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    /// Stable identifier, unique within the board.
    pub id: String,
    /// Who or what the lane is about ("Customer", "결제 시스템").
    #[serde(default)]
    pub name: String,
    /// Top edge in board units.
    pub y: f64,
    /// Height in board units.
    pub h: f64,
}

impl Lane {
    /// Whether the board height `y` lies in the band (top inclusive, bottom exclusive).
    pub fn holds(&self, y: f64) -> bool {
        y >= self.y && y < self.y + self.h
    }
}

/// The lanes from top to bottom (ties by id).
pub fn ordered(lanes: &[Lane]) -> Vec<&Lane> {
    let mut v: Vec<&Lane> = lanes.iter().collect();
    v.sort_by(|a, b| a.y.total_cmp(&b.y).then_with(|| a.id.cmp(&b.id)));
    v
}

/// The lane a point lies in: the topmost band holding its height.
pub fn lane_of(lanes: &[Lane], (_, y): (f64, f64)) -> Option<&Lane> {
    ordered(lanes).into_iter().find(|l| l.holds(y))
}

/// Ids of the stickies lane `id` holds (their centre lies in it and in no lane above it).
pub fn members(board: &Board, id: &str) -> Vec<String> {
    board
        .stickies
        .iter()
        .filter(|s| lane_of(&board.lanes, s.centre()).is_some_and(|l| l.id == id))
        .map(|s| s.id.clone())
        .collect()
}

/// Where a new lane goes: under the lowest lane, else with its top just above the stickies
/// (or at 0 on an empty board). Returns `(y, h)`.
pub fn new_lane(board: &Board) -> (f64, f64) {
    let bottom = board
        .lanes
        .iter()
        .map(|l| l.y + l.h)
        .filter(|v| v.is_finite())
        .reduce(f64::max);
    let top = bottom.unwrap_or_else(|| {
        board
            .stickies
            .iter()
            .map(|s| s.y)
            .filter(|v| v.is_finite())
            .reduce(f64::min)
            .map_or(0.0, |y| y - 40.0)
    });
    (top, DEFAULT_LANE_HEIGHT)
}

/// What moving a lane one step up or down changes: new tops of lanes and new positions of
/// stickies, `(id, y)` and `(id, x, y)`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reorder {
    /// Lanes and their new top edge.
    pub lanes: Vec<(String, f64)>,
    /// Stickies and their new top-left corner.
    pub stickies: Vec<(String, f64, f64)>,
}

/// Swaps lane `id` with the lane above it (`up`) or below it, keeping the gap between them;
/// each lane's stickies move with it. `None` when there is no such lane or neighbour.
pub fn reorder(board: &Board, id: &str, up: bool) -> Option<Reorder> {
    let order = ordered(&board.lanes);
    let i = order.iter().position(|l| l.id == id)?;
    let j = if up { i.checked_sub(1)? } else { i + 1 };
    let (top, low) = if up {
        (order[j], order[i])
    } else {
        (order[i], *order.get(j)?)
    };
    let gap = low.y - (top.y + top.h);
    let low_to = top.y;
    let top_to = top.y + low.h + gap;
    let mut r = Reorder {
        lanes: vec![(low.id.clone(), low_to), (top.id.clone(), top_to)],
        stickies: Vec::new(),
    };
    for (lane, dy) in [(top, top_to - top.y), (low, low_to - low.y)] {
        for sid in members(board, &lane.id) {
            if let Some(s) = board.sticky(&sid) {
                r.stickies.push((sid, s.x, s.y + dy));
            }
        }
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::Sticky;
    use crate::kind::StickyKind::*;

    fn lane(id: &str, name: &str, y: f64, h: f64) -> Lane {
        Lane {
            id: id.into(),
            name: name.into(),
            y,
            h,
        }
    }

    fn board() -> Board {
        Board {
            stickies: vec![
                // Centres at y 60, 260, 470 and 1000.
                Sticky::new("a", Actor, "Customer", 0.0, 0.0),
                Sticky::new("b", DomainEvent, "Paid", 200.0, 200.0),
                Sticky::new("c", DomainEvent, "Shipped", 400.0, 410.0),
                Sticky::new("far", DomainEvent, "Lost", 400.0, 940.0),
            ],
            lanes: vec![
                lane("L2", "결제 시스템", 200.0, 200.0),
                lane("L1", "Customer", 0.0, 200.0),
                lane("L3", "Shipping", 420.0, 100.0),
            ],
            ..Board::default()
        }
    }

    #[test]
    fn a_lane_holds_the_stickies_whose_centre_lies_in_it() {
        let b = board();
        assert_eq!(members(&b, "L1"), ["a"]);
        assert_eq!(members(&b, "L2"), ["b"]);
        assert_eq!(members(&b, "L3"), ["c"]);
        assert_eq!(lane_of(&b.lanes, (0.0, 1000.0)), None);
        // The bottom edge belongs to the lane below.
        assert_eq!(lane_of(&b.lanes, (0.0, 200.0)).unwrap().id, "L2");
    }

    #[test]
    fn a_new_lane_goes_under_the_lowest_or_above_the_stickies() {
        assert_eq!(new_lane(&board()), (520.0, DEFAULT_LANE_HEIGHT));
        let mut b = board();
        b.lanes.clear();
        assert_eq!(new_lane(&b), (-40.0, DEFAULT_LANE_HEIGHT));
        assert_eq!(new_lane(&Board::default()), (0.0, DEFAULT_LANE_HEIGHT));
    }

    #[test]
    fn moving_a_lane_swaps_it_with_its_neighbour_and_carries_its_stickies() {
        let b = board();
        let r = reorder(&b, "L3", true).unwrap();
        // L3 (100 high) takes L2's top; L2 goes under it, keeping the 20-unit gap.
        assert_eq!(r.lanes, [("L3".into(), 200.0), ("L2".into(), 320.0)]);
        assert_eq!(
            r.stickies,
            [("b".into(), 200.0, 320.0), ("c".into(), 400.0, 190.0)]
        );
        assert_eq!(reorder(&b, "L2", false), Some(r));
        assert_eq!(reorder(&b, "L1", true), None);
        assert_eq!(reorder(&b, "L3", false), None);
        assert_eq!(reorder(&b, "nope", true), None);
    }
}
