//! Where a new sticky goes so that it never lands on top of another: at the wanted spot when
//! it is free, otherwise at the nearest free spot around it (a spiral search on a grid of
//! `step` board units, nearest first, to the right first on a tie), or in the same row to the
//! right of a sticky when the next one of a series is added.

use crate::board::Board;

/// A rectangle on the board: left, top, width, height.
pub type Rect = (f64, f64, f64, f64);

/// Space kept free between a new sticky and any other.
pub const GAP: f64 = 12.0;

/// How many rings of the spiral are searched before giving up on nearness.
const RINGS: i32 = 60;

/// Whether `a` comes within `gap` of `b`.
fn crowds(a: Rect, b: Rect, gap: f64) -> bool {
    a.0 < b.0 + b.2 + gap && b.0 < a.0 + a.2 + gap && a.1 < b.1 + b.3 + gap && b.1 < a.1 + a.3 + gap
}

/// The rectangles of every sticky of `board`.
pub fn sticky_rects(board: &Board) -> Vec<Rect> {
    board
        .stickies
        .iter()
        .map(|s| (s.x, s.y, s.w, s.h))
        .collect()
}

/// Offsets (in steps) of ring `r` around the centre, starting due right and going round
/// clockwise on screen (down first).
fn ring(r: i32) -> impl Iterator<Item = (i32, i32)> {
    let right = (0..r).map(move |j| (r, j));
    let bottom = (0..2 * r).map(move |i| (r - i, r));
    let left = (0..2 * r).map(move |j| (-r, r - j));
    let top = (0..2 * r).map(move |i| (-r + i, -r));
    let back = (0..r).map(move |j| (r, -r + j));
    right.chain(bottom).chain(left).chain(top).chain(back)
}

/// The top-left corner nearest `want` where a sticky of `size` keeps [`GAP`] from every
/// rectangle of `taken`. Candidates lie on a grid of `step` through `want`, so a wanted spot
/// on the snapping grid gives a spot on it. When nothing is free within the search, the spot
/// right of everything, in `want`'s row.
pub fn free_spot(want: (f64, f64), size: (f64, f64), taken: &[Rect], step: f64) -> (f64, f64) {
    let reach = f64::from(RINGS) * step + size.0.max(size.1) + GAP;
    let near: Vec<Rect> = taken
        .iter()
        .copied()
        .filter(|t| {
            crowds(
                (want.0 - reach, want.1 - reach, 2.0 * reach, 2.0 * reach),
                *t,
                0.0,
            )
        })
        .collect();
    let at = |(i, j): (i32, i32)| (want.0 + f64::from(i) * step, want.1 + f64::from(j) * step);
    let free = |(x, y): (f64, f64)| {
        near.iter()
            .all(|t| !crowds((x, y, size.0, size.1), *t, GAP))
    };
    if free(want) {
        return want;
    }
    let mut best: Option<(f64, (i32, i32))> = None;
    for r in 1..=RINGS {
        // No spot of this ring or beyond is nearer than the best one found.
        if best.is_some_and(|(d, _)| f64::from(r) > d) {
            break;
        }
        for ij in ring(r) {
            let d = f64::from(ij.0).hypot(f64::from(ij.1));
            if best.is_none_or(|(b, _)| d < b - 1e-9) && free(at(ij)) {
                best = Some((d, ij));
            }
        }
    }
    match best {
        Some((_, ij)) => at(ij),
        None => right_of_all(want, taken),
    }
}

/// A spot in `want`'s row right of every rectangle of `taken`.
fn right_of_all(want: (f64, f64), taken: &[Rect]) -> (f64, f64) {
    let right = taken.iter().map(|t| t.0 + t.2).fold(want.0, f64::max);
    (right + GAP, want.1)
}

/// Where the next sticky of a series goes: the first spot at `start` or right of it, in its
/// row, moving right by `step`, where a sticky of `size` keeps [`GAP`] from every rectangle of
/// `taken`. Callers start [`GAP`] right of the previous sticky.
pub fn next_right(start: (f64, f64), size: (f64, f64), taken: &[Rect], step: f64) -> (f64, f64) {
    (0..200)
        .map(|k| (start.0 + f64::from(k) * step, start.1))
        .find(|&(x, y)| {
            taken
                .iter()
                .all(|t| !crowds((x, y, size.0, size.1), *t, GAP))
        })
        .unwrap_or_else(|| right_of_all(start, taken))
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: (f64, f64) = (120.0, 120.0);

    fn clear_of_all(spot: (f64, f64), taken: &[Rect]) -> bool {
        taken
            .iter()
            .all(|t| !crowds((spot.0, spot.1, S.0, S.1), *t, GAP - 1e-9))
    }

    #[test]
    fn a_free_wanted_spot_is_kept() {
        let taken = [(400.0, 400.0, 120.0, 120.0)];
        assert_eq!(free_spot((0.0, 0.0), S, &taken, 24.0), (0.0, 0.0));
        assert_eq!(free_spot((5.0, 7.0), S, &[], 24.0), (5.0, 7.0));
    }

    #[test]
    fn a_taken_spot_moves_to_the_nearest_free_one_to_the_right_first() {
        let taken = [(0.0, 0.0, 120.0, 120.0)];
        let spot = free_spot((0.0, 0.0), S, &taken, 24.0);
        assert!(clear_of_all(spot, &taken));
        // 120 + GAP rounded up to the step: 144, due right.
        assert_eq!(spot, (144.0, 0.0));
    }

    #[test]
    fn the_spot_is_the_nearest_free_one() {
        // A wall to the right: the nearest free spot is to the left.
        let taken = [(0.0, 0.0, 120.0, 120.0), (132.0, -300.0, 120.0, 900.0)];
        let spot = free_spot((10.0, 0.0), S, &taken, 24.0);
        assert!(clear_of_all(spot, &taken));
        assert_eq!(spot, (10.0 - 6.0 * 24.0, 0.0));
    }

    #[test]
    fn ten_stickies_added_at_one_spot_never_overlap() {
        let mut taken: Vec<Rect> = Vec::new();
        for _ in 0..10 {
            let spot = free_spot((480.0, 240.0), S, &taken, 24.0);
            assert!(clear_of_all(spot, &taken), "{spot:?} crowds {taken:?}");
            // Near the wanted spot: within three sticky widths.
            assert!((spot.0 - 480.0).hypot(spot.1 - 240.0) < 3.0 * 144.0);
            taken.push((spot.0, spot.1, S.0, S.1));
        }
    }

    #[test]
    fn spots_on_the_grid_stay_on_the_grid() {
        let taken = [(0.0, 0.0, 130.0, 125.0), (150.0, 0.0, 120.0, 120.0)];
        let spot = free_spot((24.0, 48.0), S, &taken, 24.0);
        assert_eq!((spot.0 % 24.0, spot.1 % 24.0), (0.0, 0.0));
        assert!(clear_of_all(spot, &taken));
    }

    #[test]
    fn a_crowded_neighbourhood_falls_back_to_the_right_of_everything() {
        let taken = [(-5000.0, -5000.0, 10000.0, 10000.0)];
        assert_eq!(free_spot((0.0, 0.0), S, &taken, 24.0), (5000.0 + GAP, 0.0));
    }

    #[test]
    fn the_next_sticky_of_a_series_goes_right_in_the_same_row() {
        let first = (0.0, 0.0, 120.0, 120.0);
        let start = (120.0 + GAP, 0.0);
        assert_eq!(next_right(start, S, &[first], 24.0), (132.0, 0.0));
        // Skips a sticky in the way.
        let blocker = (140.0, 30.0, 120.0, 120.0);
        let spot = next_right(start, S, &[first, blocker], 24.0);
        assert_eq!(spot.1, 0.0);
        assert!(spot.0 >= 260.0 + GAP && clear_of_all(spot, &[first, blocker]));
    }

    #[test]
    fn the_stickies_of_a_board_are_its_taken_space() {
        let mut b = Board::default();
        b.stickies.push(crate::Sticky::new(
            "s1",
            crate::StickyKind::Actor,
            "",
            10.0,
            20.0,
        ));
        assert_eq!(sticky_rects(&b), vec![(10.0, 20.0, 120.0, 120.0)]);
    }
}
