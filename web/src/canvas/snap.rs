//! Snapping to the grid of the canvas dots (24 board units), when this browser has it on
//! ([`crate::shell::prefs::snap`]): moved stickies and frames land with their top-left corner on the
//! grid, and so do new ones. Off, positions follow the pointer to the pixel.

use crate::shell::prefs;
use crate::shell::state::{BoardCtx, Placed};

/// Grid spacing in board units.
pub const GRID: f64 = 24.0;

/// The nearest grid line.
pub fn to_grid(v: f64) -> f64 {
    (v / GRID).round() * GRID
}

/// Where a new item with its top-left corner at (`x`, `y`) goes: on the grid when snapping,
/// else at the nearest whole unit.
pub fn place(x: f64, y: f64) -> (f64, f64) {
    if prefs::snap().get_untracked() {
        (to_grid(x), to_grid(y))
    } else {
        (x.round(), y.round())
    }
}

/// `items` moved by (`dx`, `dy`), each snapped to the grid.
fn snapped(items: &Placed, dx: f64, dy: f64) -> Placed {
    let each = |v: &[(String, f64, f64)]| {
        v.iter()
            .map(|(id, x, y)| (id.clone(), to_grid(x + dx), to_grid(y + dy)))
            .collect()
    };
    Placed {
        stickies: each(&items.stickies),
        frames: each(&items.frames),
    }
}

/// Moves `items` by (`dx`, `dy`) from where they were, snapping when that is on.
pub fn move_placed(ctx: BoardCtx, items: &Placed, dx: f64, dy: f64) {
    if prefs::snap().get_untracked() {
        ctx.move_placed(&snapped(items, dx, dy), 0.0, 0.0);
    } else {
        ctx.move_placed(items, dx.round(), dy.round());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_land_on_the_grid() {
        assert_eq!(to_grid(37.0), 48.0);
        assert_eq!(to_grid(-13.0), -24.0);
        let items = Placed {
            stickies: vec![("s".into(), 10.0, 250.0)],
            frames: vec![("f".into(), 0.0, 0.0)],
        };
        let p = snapped(&items, 30.0, -5.0);
        assert_eq!(p.stickies, [("s".to_string(), 48.0, 240.0)]);
        assert_eq!(p.frames, [("f".to_string(), 24.0, 0.0)]);
    }
}
