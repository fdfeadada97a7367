//! Plane geometry the routes share: points and rectangles in board units, whether a segment
//! passes through a rectangle, SVG path data with rounded corners (its numbers written by
//! [`Tenths`]), and the free spot along a route where a label covers no rectangle.

use std::fmt::{self, Write};

/// A point in board units.
pub type Point = (f64, f64);
/// A rectangle in board units: (x, y, w, h).
pub type Rect = (f64, f64, f64, f64);

pub(crate) fn dist(a: Point, b: Point) -> f64 {
    (b.0 - a.0).hypot(b.1 - a.1)
}

/// The point `r` from `a` towards `b`.
pub(crate) fn towards(a: Point, b: Point, r: f64) -> Point {
    let d = dist(a, b).max(1e-9);
    (a.0 + (b.0 - a.0) * r / d, a.1 + (b.1 - a.1) * r / d)
}

pub(crate) fn centre((x, y, w, h): Rect) -> Point {
    (x + w / 2.0, y + h / 2.0)
}

pub(crate) fn contains((x, y, w, h): Rect, (px, py): Point) -> bool {
    px >= x && px <= x + w && py >= y && py <= y + h
}

/// Whether two rectangles overlap (touching edges do not).
pub fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// Whether the segment `a`–`b` passes through the rectangle (Liang–Barsky clipping).
pub fn crosses(a: Point, b: Point, (x, y, w, h): Rect) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.0 - x),
        (dx, x + w - a.0),
        (-dy, a.1 - y),
        (dy, y + h - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// A number as SVG path data and styles write it: rounded to a tenth, the text of `{:.1}`, but
/// without the float formatting machinery, which is slow in WebAssembly (the links of a big
/// board seen from afar write tens of thousands of numbers in one go).
#[derive(Debug, Clone, Copy)]
pub struct Tenths(pub f64);

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut digits = [0; 24];
        match tenths(self.0, &mut digits) {
            Some(text) => f.write_str(text),
            None => write!(f, "{:.1}", self.0),
        }
    }
}

/// Appends `v` as [`Tenths`] writes it, without going through `fmt` at all: a big board's
/// links write tens of thousands of numbers at once.
pub fn push_tenths(out: &mut String, v: f64) {
    let mut digits = [0; 24];
    match tenths(v, &mut digits) {
        Some(text) => out.push_str(text),
        None => {
            let _ = write!(out, "{v:.1}");
        }
    }
}

/// `v` rounded to a tenth, written into the end of `buf`; `None` for numbers too big or not
/// finite (left to `{:.1}`).
fn tenths(v: f64, buf: &mut [u8; 24]) -> Option<&str> {
    let t = (v * 10.0).round();
    if !t.is_finite() || t.abs() >= 1e15 {
        return None;
    }
    let mut n = t.abs() as u64;
    let mut i = buf.len();
    let mut put = |b: u8| {
        i -= 1;
        buf[i] = b;
    };
    put(b'0' + (n % 10) as u8);
    put(b'.');
    n /= 10;
    loop {
        put(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if t.is_sign_negative() {
        put(b'-');
    }
    std::str::from_utf8(&buf[i..]).ok()
}

/// Appends `command` and the point `p` (`"L12.0,3.5"`), as path data.
pub fn push_point(out: &mut String, command: &str, p: Point) {
    out.push_str(command);
    push_tenths(out, p.0);
    out.push(',');
    push_tenths(out, p.1);
}

/// SVG path data through `points`, each inner corner rounded with radius `corner` (less
/// where the segments are short).
pub fn path(points: &[Point], corner: f64) -> String {
    let mut d = String::new();
    push_path(&mut d, points, corner);
    d
}

/// Appends [`path`] of `points` to `out`.
pub fn push_path(out: &mut String, points: &[Point], corner: f64) {
    let Some((&first, rest)) = points.split_first() else {
        return;
    };
    out.reserve(16 + 48 * points.len());
    push_point(out, "M", first);
    for i in 1..points.len().saturating_sub(1) {
        let (a, b, c) = (points[i - 1], points[i], points[i + 1]);
        let r = corner.min(dist(a, b) / 2.0).min(dist(b, c) / 2.0);
        let (s, e) = (towards(b, a, r), towards(b, c, r));
        push_point(out, " L", s);
        push_point(out, " Q", b);
        push_point(out, " ", e);
    }
    if let Some(&z) = rest.last() {
        push_point(out, " L", z);
    }
}

/// How far across its line a label may move to find free space.
const ACROSS: f64 = 320.0;

/// Where a label of `size` wanted at `want` on the polyline `points` goes so that it overlaps
/// none of `avoid`: `want` when that is free, else the nearest free spot, tried every `step`
/// units outwards along the line in both directions and across it (along the gap a line
/// crosses); `want` itself when nothing near is free.
pub fn clear_spot(
    points: &[Point],
    want: Point,
    size: (f64, f64),
    avoid: &[Rect],
    step: f64,
) -> Point {
    let free = |p: Point| {
        let r = (p.0 - size.0 / 2.0, p.1 - size.1 / 2.0, size.0, size.1);
        !avoid.iter().any(|a| overlaps(r, *a))
    };
    if free(want) || points.len() < 2 || step <= 0.0 {
        return want;
    }
    // Arc length of every vertex.
    let mut at = vec![0.0];
    for w in points.windows(2) {
        at.push(at[at.len() - 1] + dist(w[0], w[1]));
    }
    let total = at[at.len() - 1];
    let seg_at = |s: f64| at.partition_point(|&v| v < s).clamp(1, points.len() - 1);
    let point_at = |s: f64| {
        let i = seg_at(s);
        let seg = at[i] - at[i - 1];
        let t = if seg > 0.0 {
            (s - at[i - 1]) / seg
        } else {
            0.0
        };
        let (a, b) = (points[i - 1], points[i]);
        (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
    };
    let steps = ((total.max(ACROSS) / step).ceil() as usize).min(2000);
    // Where `want` sits along the line (its nearest sampled point).
    let origin = (0..=steps)
        .map(|k| (k as f64 * step).min(total))
        .min_by(|a, b| dist(point_at(*a), want).total_cmp(&dist(point_at(*b), want)))
        .unwrap_or(0.0);
    let i = seg_at(origin);
    let (a, b) = (points[i - 1], points[i]);
    let len = dist(a, b).max(1e-9);
    let normal = (-(b.1 - a.1) / len, (b.0 - a.0) / len);
    (1..=steps)
        .flat_map(|k| {
            let d = k as f64 * step;
            let along = [origin + d, origin - d]
                .into_iter()
                .filter(|s| (0.0..=total).contains(s))
                .map(point_at);
            let across = [d, -d]
                .into_iter()
                .filter(|d| d.abs() <= ACROSS)
                .map(|d| (want.0 + normal.0 * d, want.1 + normal.1 * d));
            along.chain(across).collect::<Vec<_>>()
        })
        .find(|p| free(*p))
        .unwrap_or(want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cross_rectangles_they_pass_through_only() {
        let r = (0.0, 0.0, 10.0, 10.0);
        assert!(crosses((-5.0, 5.0), (15.0, 5.0), r));
        assert!(!crosses((-5.0, 15.0), (15.0, 15.0), r));
        assert!(!crosses((-5.0, 5.0), (-1.0, 5.0), r));
        assert!(crosses((-5.0, -5.0), (5.0, 5.0), r));
    }

    #[test]
    fn tenths_write_what_float_formatting_writes() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut checked = 0;
        for i in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let scale = [1.0, 100.0, 1e5, 1e9][i % 4];
            let v = ((seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * scale;
            // On a tie the two may round either way; a drawing cannot tell.
            if ((v * 10.0).abs().fract() - 0.5).abs() < 1e-6 {
                continue;
            }
            assert_eq!(Tenths(v).to_string(), format!("{v:.1}"), "{v}");
            let mut pushed = String::from("x");
            push_tenths(&mut pushed, v);
            assert_eq!(pushed, format!("x{v:.1}"), "{v}");
            checked += 1;
        }
        assert!(checked > 19_000);
        for v in [
            0.0,
            -0.0,
            -0.04,
            0.04,
            12.0,
            -7.96,
            1e20,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_eq!(Tenths(v).to_string(), format!("{v:.1}"), "{v}");
            let mut pushed = String::new();
            push_tenths(&mut pushed, v);
            assert_eq!(pushed, format!("{v:.1}"), "{v}");
        }
    }

    #[test]
    fn paths_round_inner_corners_only() {
        assert_eq!(path(&[(0.0, 0.0), (10.0, 0.0)], 8.0), "M0.0,0.0 L10.0,0.0");
        let d = path(&[(0.0, 0.0), (100.0, 0.0), (100.0, 100.0)], 8.0);
        assert_eq!(d, "M0.0,0.0 L92.0,0.0 Q100.0,0.0 100.0,8.0 L100.0,100.0");
        assert_eq!(path(&[], 8.0), "");
    }

    #[test]
    fn a_label_slides_along_its_line_off_the_rectangles() {
        let line = [(0.0, 0.0), (400.0, 0.0)];
        let sticky = (150.0, -30.0, 100.0, 60.0);
        let p = clear_spot(&line, (200.0, 0.0), (60.0, 20.0), &[sticky], 8.0);
        let label = (p.0 - 30.0, p.1 - 10.0, 60.0, 20.0);
        assert!(!overlaps(label, sticky), "clear of the sticky: {p:?}");
        // Just off the sticky's bottom edge, across the line: the nearest free spot.
        assert_eq!(p, (200.0, 40.0));
        // Free already: unchanged. Nowhere free: unchanged.
        assert_eq!(
            clear_spot(&line, (50.0, 0.0), (20.0, 20.0), &[sticky], 8.0),
            (50.0, 0.0)
        );
        let wall = (-1000.0, -1000.0, 3000.0, 2000.0);
        assert_eq!(
            clear_spot(&line, (200.0, 0.0), (20.0, 20.0), &[wall], 8.0),
            (200.0, 0.0)
        );
    }

    #[test]
    fn a_label_wider_than_a_gap_moves_along_the_gap() {
        // Two frames' stickies face each other over a 100-unit gap at the line's height; the
        // gap is free above them.
        let line = [(200.0, 60.0), (300.0, 60.0)];
        let stickies = [(80.0, 0.0, 120.0, 120.0), (300.0, 0.0, 120.0, 120.0)];
        let p = clear_spot(&line, (250.0, 60.0), (160.0, 28.0), &stickies, 12.0);
        assert_eq!(p.0, 250.0, "in the gap");
        assert!(
            p.1 + 14.0 <= 0.0 || p.1 - 14.0 >= 120.0,
            "above or below the stickies: {p:?}"
        );
    }
}
