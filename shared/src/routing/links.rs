//! Routes of the links between stickies: from border to border, never from centre to centre.
//! Stickies side by side (or one above the other) with room between them are joined by a
//! straight line where their edges face each other, else by an elbow (horizontal, vertical,
//! horizontal) whose middle leg is tried on a coarse grid across the gap until it passes no
//! other sticky; when every elbow is blocked the link goes round above or below what is in the
//! way. Overlapping stickies keep a straight line between their borders. Other stickies are
//! found through a coarse grid of buckets, so routing a board costs about one lookup per leg.

use std::collections::HashMap;

use super::geom::{crosses, dist, path, push_path, Point, Rect};

/// How far outside a sticky's edge a link starts or ends (where the arrowhead's tip sits).
pub const MARGIN: f64 = 4.0;
/// Steps of the grid the middle leg of an elbow is tried on.
const GRID: f64 = 12.0;
/// How many grid steps either way from the middle of the gap are tried.
const TRIES: i32 = 8;
/// Room kept between a link and the stickies it passes.
const CLEAR: f64 = 6.0;
/// How far out a detour passes the stickies in its way.
const DETOUR: f64 = 20.0;
/// Edges facing each other over less than this are joined by an elbow, not a straight line.
const FACING: f64 = 16.0;
/// Side of a bucket of the obstacle grid.
const CELL: f64 = 256.0;
/// Radius of an elbow's corners.
const CORNER: f64 = 8.0;

/// One link's route: its corner points from the start (at the source) to the end (at the
/// target, where the arrowhead goes).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRoute {
    /// Two or more points, each leg horizontal or vertical except a fallback straight line.
    pub points: Vec<Point>,
}

impl LinkRoute {
    /// SVG path data, corners rounded.
    pub fn path(&self) -> String {
        path(&self.points, CORNER)
    }

    /// Appends [`LinkRoute::path`] to `out`.
    pub fn push_path(&self, out: &mut String) {
        push_path(out, &self.points, CORNER);
    }

    /// The point halfway along the route: where its label or circuit breaker goes.
    pub fn middle(&self) -> Point {
        let total: f64 = self.points.windows(2).map(|w| dist(w[0], w[1])).sum();
        let mut left = total / 2.0;
        for w in self.points.windows(2) {
            let d = dist(w[0], w[1]);
            if d >= left && d > 0.0 {
                let t = left / d;
                return (
                    w[0].0 + (w[1].0 - w[0].0) * t,
                    w[0].1 + (w[1].1 - w[0].1) * t,
                );
            }
            left -= d;
        }
        self.points.first().copied().unwrap_or((0.0, 0.0))
    }
}

/// Rectangles found by where they are, through buckets of a coarse grid.
pub struct Obstacles {
    rects: Vec<Rect>,
    buckets: HashMap<(i64, i64), Vec<usize>>,
}

fn cell(v: f64) -> i64 {
    (v / CELL).floor().clamp(-1e9, 1e9) as i64
}

impl Obstacles {
    /// The obstacle grid of `rects` (rectangles with coordinates that are not finite are left
    /// out).
    pub fn new(rects: Vec<Rect>) -> Obstacles {
        let mut buckets: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, r) in rects.iter().enumerate() {
            if ![r.0, r.1, r.2, r.3].iter().all(|v| v.is_finite()) {
                continue;
            }
            let (cx0, cx1) = (cell(r.0), cell(r.0 + r.2));
            let (cy0, cy1) = (cell(r.1), cell(r.1 + r.3));
            if (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > 4096 {
                continue;
            }
            for cx in cx0..=cx1 {
                for cy in cy0..=cy1 {
                    buckets.entry((cx, cy)).or_default().push(i);
                }
            }
        }
        Obstacles { rects, buckets }
    }

    /// The rectangle `i`.
    pub fn rect(&self, i: usize) -> Rect {
        self.rects[i]
    }

    /// Whether the segment `a`–`b` comes within [`CLEAR`] of any rectangle but those of `skip`.
    fn blocks(&self, a: Point, b: Point, skip: [usize; 2]) -> bool {
        let (x0, x1) = (a.0.min(b.0) - CLEAR, a.0.max(b.0) + CLEAR);
        let (y0, y1) = (a.1.min(b.1) - CLEAR, a.1.max(b.1) + CLEAR);
        let (cx0, cx1, cy0, cy1) = (cell(x0), cell(x1), cell(y0), cell(y1));
        if (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > 4096 {
            return false;
        }
        (cx0..=cx1)
            .flat_map(|cx| (cy0..=cy1).map(move |cy| (cx, cy)))
            .filter_map(|c| self.buckets.get(&c))
            .flatten()
            .filter(|i| !skip.contains(i))
            .any(|&i| {
                let r = self.rects[i];
                let grown = (
                    r.0 - CLEAR,
                    r.1 - CLEAR,
                    r.2 + 2.0 * CLEAR,
                    r.3 + 2.0 * CLEAR,
                );
                crosses(a, b, grown)
            })
    }

    /// Whether any leg of `points` is blocked.
    fn blocked(&self, points: &[Point], skip: [usize; 2]) -> bool {
        points.windows(2).any(|w| self.blocks(w[0], w[1], skip))
    }

    /// Rectangles (but those of `skip`) that overlap the box spanned by `a` and `b`.
    fn within(&self, a: Point, b: Point, skip: [usize; 2]) -> Vec<Rect> {
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        let mut found: Vec<usize> = (cell(x0)..=cell(x1))
            .flat_map(|cx| (cell(y0)..=cell(y1)).map(move |cy| (cx, cy)))
            .take(4096)
            .filter_map(|c| self.buckets.get(&c))
            .flatten()
            .copied()
            .filter(|i| !skip.contains(i))
            .filter(|&i| {
                let r = self.rects[i];
                r.0 < x1 && r.0 + r.2 > x0 && r.1 < y1 && r.1 + r.3 > y0
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| self.rects[i]).collect()
    }
}

fn swap((a, b): Point) -> Point {
    (b, a)
}

fn swap_rect((x, y, w, h): Rect) -> Rect {
    (y, x, h, w)
}

/// The route from rectangle `a` to rectangle `z` for rectangles side by side (`z` right of
/// `a` when `dir` is 1, left when -1). With `swapped`, x and y are swapped on the way in and
/// out: the same code routes rectangles above each other.
fn side_by_side(
    obs: &Obstacles,
    (ra, rz): (Rect, Rect),
    skip: [usize; 2],
    dir: f64,
    swapped: bool,
) -> Vec<Point> {
    let flip = |p: Point| if swapped { swap(p) } else { p };
    let flip_rect = |r: Rect| if swapped { swap_rect(r) } else { r };
    let (ra, rz) = (flip_rect(ra), flip_rect(rz));
    let board = |ps: Vec<Point>| -> Vec<Point> { ps.into_iter().map(flip).collect() };
    let free = |ps: &[Point]| !obs.blocked(&board(ps.to_vec()), skip);
    let ax = if dir > 0.0 {
        ra.0 + ra.2 + MARGIN
    } else {
        ra.0 - MARGIN
    };
    let zx = if dir > 0.0 {
        rz.0 - MARGIN
    } else {
        rz.0 + rz.2 + MARGIN
    };
    // Edges facing each other: straight across, in the middle of what they share.
    let (lo, hi) = (ra.1.max(rz.1), (ra.1 + ra.3).min(rz.1 + rz.3));
    if hi - lo >= FACING {
        let y = (lo + hi) / 2.0;
        let straight = vec![(ax, y), (zx, y)];
        if free(&straight) {
            return board(straight);
        }
    }
    let (ay, zy) = (ra.1 + ra.3 / 2.0, rz.1 + rz.3 / 2.0);
    let mid = (ax + zx) / 2.0;
    let room = (zx - ax).abs() / 2.0 - MARGIN;
    let elbow = |mx: f64| vec![(ax, ay), (mx, ay), (mx, zy), (zx, zy)];
    let tried = (0..=TRIES)
        .flat_map(|k| [f64::from(k), -f64::from(k)])
        .map(|k| k * GRID)
        .filter(|off| off.abs() <= room.max(0.0))
        .map(|off| elbow(mid + off));
    let first = elbow(mid);
    for ps in tried {
        if free(&ps) {
            return board(ps);
        }
    }
    // Round what is in the way: above it or below it, whichever is shorter.
    let (sx, ex) = (ax + dir * DETOUR / 2.0, zx - dir * DETOUR / 2.0);
    let between: Vec<Rect> = obs
        .within(flip((ax, ay.min(zy))), flip((zx, ay.max(zy))), skip)
        .into_iter()
        .map(flip_rect)
        .chain([ra, rz])
        .collect();
    let top = between.iter().map(|r| r.1).fold(f64::MAX, f64::min) - DETOUR;
    let bottom = between.iter().map(|r| r.1 + r.3).fold(f64::MIN, f64::max) + DETOUR;
    let round = |y: f64| vec![(ax, ay), (sx, ay), (sx, y), (ex, y), (ex, zy), (zx, zy)];
    let cost = |y: f64| (ay - y).abs() + (zy - y).abs();
    let (near, far) = if cost(top) <= cost(bottom) {
        (top, bottom)
    } else {
        (bottom, top)
    };
    [round(near), round(far)]
        .into_iter()
        .find(|ps| free(ps))
        .map(board)
        .unwrap_or_else(|| board(first))
}

/// The route of a link from rectangle `a` to rectangle `z` (indices into `obs`).
/// A route without points (nothing drawn) when either rectangle is not finite.
pub fn route(obs: &Obstacles, a: usize, z: usize) -> LinkRoute {
    let (ra, rz) = (obs.rect(a), obs.rect(z));
    let finite = |r: Rect| [r.0, r.1, r.2, r.3].iter().all(|v| v.is_finite());
    if !finite(ra) || !finite(rz) {
        return LinkRoute { points: Vec::new() };
    }
    let skip = [a, z];
    let gap_x = (rz.0 - (ra.0 + ra.2)).max(ra.0 - (rz.0 + rz.2));
    let gap_y = (rz.1 - (ra.1 + ra.3)).max(ra.1 - (rz.1 + rz.3));
    let points = if gap_x >= gap_y && gap_x > 2.0 * MARGIN + GRID {
        let dir = if rz.0 > ra.0 { 1.0 } else { -1.0 };
        side_by_side(obs, (ra, rz), skip, dir, false)
    } else if gap_y > 2.0 * MARGIN + GRID {
        let dir = if rz.1 > ra.1 { 1.0 } else { -1.0 };
        side_by_side(obs, (ra, rz), skip, dir, true)
    } else {
        let (ca, cz) = (
            (ra.0 + ra.2 / 2.0, ra.1 + ra.3 / 2.0),
            (rz.0 + rz.2 / 2.0, rz.1 + rz.3 / 2.0),
        );
        vec![
            crate::board::rect_border_point(ra, cz, MARGIN),
            crate::board::rect_border_point(rz, ca, MARGIN),
        ]
    };
    LinkRoute { points }
}

/// Routes of links between `rects` given as (from, to) indices, in order.
pub fn routes(rects: Vec<Rect>, pairs: &[(usize, usize)]) -> Vec<LinkRoute> {
    let obs = Obstacles::new(rects);
    pairs.iter().map(|&(a, z)| route(&obs, a, z)).collect()
}

#[cfg(test)]
mod tests;
