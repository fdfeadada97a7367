//! Routes of the lines between frames (context relations). Straight across the gap between
//! two frames when no other frame is in the way; otherwise a bridge that leaves both frames
//! on the same side and runs past the frames between them (below a row of frames, or right of
//! a column, whichever is the shorter way round), each further bridge on that side a little
//! farther out, so relations between frames in a row never pile up on one line through the
//! frames between them.

use super::geom::{centre, clear_spot, contains, crosses, dist, path};
pub use super::geom::{Point, Rect};

/// How far a frame's title bar reaches above the frame.
const FRAME_BAR: f64 = 24.0;

/// Space between a frame's edge and the end of a line (where its U / D marker sits).
pub const GAP: f64 = 12.0;
/// Space between a bridge and the frames it passes, and between stacked bridges.
const CLEARANCE: f64 = 44.0;
/// Space between the legs of bridges that leave one side of a frame.
const LEG_SPACING: f64 = 36.0;
/// Radius of a bridge's corners.
const CORNER: f64 = 18.0;
/// Straight lines shorter than this carry their label beside them, clear of the markers.
const SHORT: f64 = 260.0;

/// One route: its corner points, from the upstream end to the downstream end.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Two points (straight) or four (a bridge).
    pub points: Vec<Point>,
}

impl Route {
    /// The upstream end.
    pub fn from(&self) -> Point {
        self.points[0]
    }

    /// The downstream end.
    pub fn to(&self) -> Point {
        self.points[self.points.len() - 1]
    }

    /// SVG path data, corners rounded.
    pub fn path(&self) -> String {
        path(&self.points, CORNER)
    }

    /// Where the route's label goes: the middle of a bridge's span; the middle of a straight
    /// line, or beside it (above, or right of a steep line) when it is too short to hold the
    /// label between its end markers.
    pub fn label(&self) -> Point {
        let p = &self.points;
        let (a, b) = if p.len() == 4 {
            (p[1], p[2])
        } else {
            (p[0], p[1])
        };
        let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        let len = dist(a, b);
        if p.len() == 4 || len >= SHORT || len == 0.0 {
            return mid;
        }
        let (dx, dy) = ((b.0 - a.0) / len, (b.1 - a.1) / len);
        // The unit normal pointing up (or right, for a steep line).
        let (nx, ny) = if dx.abs() >= dy.abs() {
            (dy * dx.signum(), -dx.abs())
        } else {
            (dy.abs(), -dx * dy.signum())
        };
        (mid.0 + nx * 26.0, mid.1 + ny * 26.0)
    }
}

/// Room a U / D marker pill takes, with a little air: along a level line, and across.
const MARKER: (f64, f64) = (84.0, 26.0);

impl Route {
    /// Where the U and D markers want to be: at the two ends; when a straight line is too
    /// short to hold both pills apart (frames side by side with a narrow gap), the two stack
    /// across the line at its middle, upstream above (or left), so neither hides the other.
    pub fn markers(&self) -> (Point, Point) {
        let (a, b) = (self.from(), self.to());
        let len = dist(a, b);
        if self.points.len() != 2 {
            return (a, b);
        }
        let (dx, dy) = if len > 0.0 {
            ((b.0 - a.0) / len, (b.1 - a.1) / len)
        } else {
            (1.0, 0.0)
        };
        let (w, h) = MARKER;
        if len >= w * dx.abs() + h * dy.abs() {
            return (a, b);
        }
        let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        // Across a level line the pills stack by their height, across a steep one by width.
        let half = (h * dx.abs() + w * dy.abs()) / 2.0;
        if dx.abs() >= dy.abs() {
            ((mid.0, mid.1 - half), (mid.0, mid.1 + half))
        } else {
            ((mid.0 - half, mid.1), (mid.0 + half, mid.1))
        }
    }
}

/// The room a marker pill saying `text` takes on the board (as the SVG export draws it, a
/// little more than the board's own pills).
fn pill_size(text: &str) -> (f64, f64) {
    (crate::svg::width(text, 12.0) + 24.0, 26.0)
}

/// Where a relation's U and D pills go, `texts` being what each says ("U", "D ACL"): where
/// [`Route::markers`] wants them, each moved to the nearest spot that covers none of `avoid`
/// (stickies, frame title bars, the relation's label) nor the pill placed before it.
pub fn marker_spots(route: &Route, texts: [&str; 2], avoid: &[Rect]) -> (Point, Point) {
    let (up, down) = route.markers();
    let mut avoid = avoid.to_vec();
    let mut place = |want: Point, text: &str| {
        let size = pill_size(text);
        let at = clear_spot(&route.points, want, size, &avoid, 6.0);
        avoid.push((at.0 - size.0 / 2.0, at.1 - size.1 / 2.0, size.0, size.1));
        at
    };
    let up = place(up, texts[0]);
    (up, place(down, texts[1]))
}

/// Where the straight line from the centre of `r` towards `to` leaves it, `GAP` outside.
fn edge_point(r: Rect, to: Point) -> Point {
    crate::board::rect_border_point(r, to, GAP)
}

fn swap((a, b): Point) -> Point {
    (b, a)
}

fn swap_rect((x, y, w, h): Rect) -> Rect {
    (y, x, h, w)
}

/// Which bridges are already out on each side: how many pass at each side, and how many legs
/// leave each side of each frame.
#[derive(Default)]
struct Taken {
    /// Bridges below (or right) and above (or left).
    sides: [usize; 2],
    /// (frame, side) → legs.
    legs: std::collections::HashMap<(usize, usize), usize>,
}

/// A bridge between rects `a` and `z` past `blockers`, for frames side by side (swap x and y
/// for frames above each other): below them or above them, whichever is shorter.
fn bridge(rects: &[Rect], a: usize, z: usize, blockers: &[usize], taken: &mut Taken) -> Vec<Point> {
    let (ra, rz) = (rects[a], rects[z]);
    let all = || blockers.iter().map(|&i| rects[i]).chain([ra, rz]);
    let below = all().map(|r| r.1 + r.3).fold(f64::MIN, f64::max) + CLEARANCE;
    // Above, the frames' title bars take room too.
    let above = all().map(|r| r.1).fold(f64::MAX, f64::min) - FRAME_BAR - CLEARANCE;
    let cost_below = 2.0 * below - (ra.1 + ra.3) - (rz.1 + rz.3);
    let cost_above = ra.1 + rz.1 - 2.0 * above;
    let side = usize::from(cost_above < cost_below);
    let sign = if side == 0 { 1.0 } else { -1.0 };
    let level = if side == 0 { below } else { above } + sign * CLEARANCE * taken.sides[side] as f64;
    taken.sides[side] += 1;
    let towards = (centre(rz).0 - centre(ra).0).signum();
    let mut leg = |i: usize, r: Rect, dir: f64| {
        let k = taken.legs.entry((i, side)).or_default();
        // Later bridges pass farther out: their legs leave nearer the middle, so none cross.
        let x = (r.0 + r.2 / 2.0 + dir * (r.2 / 4.0 - LEG_SPACING * *k as f64))
            .clamp(r.0 + GAP, r.0 + r.2 - GAP);
        *k += 1;
        let edge = if side == 0 {
            r.1 + r.3 + GAP
        } else {
            r.1 - GAP
        };
        ((x, edge), (x, level))
    };
    let (a0, a1) = leg(a, ra, towards);
    let (z0, z1) = leg(z, rz, -towards);
    vec![a0, a1, z1, z0]
}

/// What a relation's label must not cover: every sticky (at the size its text makes it) and
/// every frame's title bar.
pub fn label_obstacles(b: &crate::board::Board) -> Vec<Rect> {
    b.stickies
        .iter()
        .map(crate::fit::shown_rect)
        .chain(
            b.frames
                .iter()
                .map(|f| (f.x, f.y - FRAME_BAR, f.w, FRAME_BAR + 12.0)),
        )
        .collect()
}

/// Routes between pairs of rectangles (indices into `rects`, upstream first), in order.
pub fn routes(rects: &[Rect], pairs: &[(usize, usize)]) -> Vec<Route> {
    let mut taken = [Taken::default(), Taken::default()];
    pairs
        .iter()
        .map(|&(a, z)| {
            let (ca, cz) = (centre(rects[a]), centre(rects[z]));
            let (from, to) = (edge_point(rects[a], cz), edge_point(rects[z], ca));
            let blockers: Vec<usize> = (0..rects.len())
                .filter(|&i| i != a && i != z)
                .filter(|&i| !contains(rects[i], ca) && !contains(rects[i], cz))
                .filter(|&i| crosses(from, to, rects[i]))
                .collect();
            if blockers.is_empty() {
                return Route {
                    points: vec![from, to],
                };
            }
            let side_by_side = (cz.0 - ca.0).abs() >= (cz.1 - ca.1).abs();
            let points = if side_by_side {
                bridge(rects, a, z, &blockers, &mut taken[0])
            } else {
                let swapped: Vec<Rect> = rects.iter().copied().map(swap_rect).collect();
                let p = bridge(&swapped, a, z, &blockers, &mut taken[1]);
                p.into_iter().map(swap).collect()
            };
            Route { points }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four contexts in a row, as in the food-delivery example.
    const ROW: [Rect; 4] = [
        (-20.0, -60.0, 800.0, 680.0),
        (940.0, -60.0, 480.0, 680.0),
        (1580.0, -60.0, 640.0, 680.0),
        (2380.0, -60.0, 640.0, 680.0),
    ];

    #[test]
    fn neighbours_are_joined_straight_across_the_gap() {
        let r = &routes(&ROW, &[(1, 0)])[0];
        assert_eq!(r.points, [(928.0, 280.0), (792.0, 280.0)]);
        assert_eq!(r.label(), (860.0, 254.0), "short: the label sits above");
    }

    #[test]
    fn markers_of_a_line_too_short_for_both_stack_across_it_clear_of_stickies() {
        // Two frames 40 apart: the ends are 16 apart, the pills would lie on each other.
        let pair: [Rect; 2] = [(260.0, 380.0, 300.0, 200.0), (600.0, 380.0, 300.0, 200.0)];
        let r = &routes(&pair, &[(0, 1)])[0];
        let (u, d) = r.markers();
        assert_eq!(u.0, d.0, "one above the other");
        assert!(
            d.1 - u.1 >= MARKER.1,
            "apart by a pill's height: {u:?} {d:?}"
        );
        assert!(u.1 < d.1, "upstream above");
        // A sticky by each frame's inner edge at the line's height: the pills move along the
        // gap, off the stickies and off each other.
        let stickies = [(440.0, 420.0, 120.0, 120.0), (620.0, 420.0, 120.0, 120.0)];
        let (u, d) = marker_spots(r, ["U", "D ACL"], &stickies);
        let rect = |p: Point, t: &str| {
            let s = pill_size(t);
            (p.0 - s.0 / 2.0, p.1 - s.1 / 2.0, s.0, s.1)
        };
        let (ru, rd) = (rect(u, "U"), rect(d, "D ACL"));
        for s in stickies {
            assert!(!super::super::geom::overlaps(ru, s) && !super::super::geom::overlaps(rd, s));
        }
        assert!(!super::super::geom::overlaps(ru, rd), "{u:?} {d:?}");
        // Far apart, they sit at the ends.
        let far = &routes(&ROW, &[(1, 0)])[0];
        assert_eq!(far.markers(), (far.from(), far.to()));
        assert_eq!(marker_spots(far, ["U", "D"], &[]), (far.from(), far.to()));
        // Frames above each other with a narrow gap: side by side.
        let col: Vec<Rect> = pair.iter().copied().map(swap_rect).collect();
        let (u, d) = routes(&col, &[(0, 1)])[0].markers();
        assert_eq!(u.1, d.1);
        assert!(d.0 - u.0 >= MARKER.0);
    }

    #[test]
    fn relations_past_other_frames_bridge_below_them_one_under_another() {
        let rs = routes(&ROW, &[(2, 0), (0, 3), (1, 2)]);
        let bottom = 620.0;
        for r in &rs[..2] {
            assert_eq!(r.points.len(), 4);
            let (p, q) = (r.points[1], r.points[2]);
            assert_eq!(p.1, q.1, "the span is level");
            assert!(p.1 > bottom, "below every frame");
            // Legs start just below the frames they join.
            assert_eq!(r.from().1, bottom + GAP);
            assert_eq!(r.to().1, bottom + GAP);
        }
        assert!(
            rs[1].points[1].1 > rs[0].points[1].1,
            "the second bridge passes farther out"
        );
        assert_ne!(rs[0].to().0, rs[1].from().0, "two legs leave 'app' apart");
        assert_eq!(rs[2].points.len(), 2, "neighbours stay straight");
        assert!(rs[0].path().starts_with("M1740.0,632.0 L1740.0,"));
    }

    #[test]
    fn a_column_of_frames_bridges_to_the_side() {
        let col: Vec<Rect> = ROW.iter().copied().map(swap_rect).collect();
        let r = &routes(&col, &[(0, 2)])[0];
        assert_eq!(r.points.len(), 4);
        assert!(
            r.points[1].0 > 620.0 && r.points[1].0 == r.points[2].0,
            "right of the column"
        );
    }
}
