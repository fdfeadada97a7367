use super::*;

const S: f64 = 120.0;

fn sticky(x: f64, y: f64) -> Rect {
    (x, y, S, S)
}

fn legs_are_orthogonal(ps: &[Point]) -> bool {
    ps.windows(2).all(|w| w[0].0 == w[1].0 || w[0].1 == w[1].1)
}

fn on_border(p: Point, r: Rect) -> bool {
    let (x0, y0, x1, y1) = (
        r.0 - MARGIN,
        r.1 - MARGIN,
        r.0 + r.2 + MARGIN,
        r.1 + r.3 + MARGIN,
    );
    let inside = p.0 >= x0 - 1e-9 && p.0 <= x1 + 1e-9 && p.1 >= y0 - 1e-9 && p.1 <= y1 + 1e-9;
    inside && (p.0 == x0 || p.0 == x1 || p.1 == y0 || p.1 == y1)
}

#[test]
fn facing_stickies_are_joined_straight_from_border_to_border() {
    let rects = vec![sticky(0.0, 0.0), sticky(300.0, 40.0)];
    let r = &routes(rects.clone(), &[(0, 1)])[0];
    // Straight across what their edges share (y 40..120), in its middle.
    assert_eq!(r.points, [(124.0, 80.0), (296.0, 80.0)]);
    assert!(on_border(r.points[0], rects[0]) && on_border(r.points[1], rects[1]));
    assert_eq!(r.middle(), (210.0, 80.0));
    // Backwards: from the left edge of the right one.
    let back = &routes(rects, &[(1, 0)])[0];
    assert_eq!(back.points, [(296.0, 80.0), (124.0, 80.0)]);
}

#[test]
fn offset_stickies_get_an_elbow() {
    let rects = vec![sticky(0.0, 0.0), sticky(400.0, 300.0)];
    let r = &routes(rects.clone(), &[(0, 1)])[0];
    assert_eq!(r.points.len(), 4);
    assert!(legs_are_orthogonal(&r.points));
    assert!(on_border(r.points[0], rects[0]) && on_border(r.points[3], rects[1]));
    // Leaves the right edge, enters the left edge: the arrow points at the target's side.
    assert_eq!(r.points[0], (124.0, 60.0));
    assert_eq!(r.points[3], (396.0, 360.0));
    assert!(r.path().contains('Q'), "rounded corners");
}

#[test]
fn stickies_above_each_other_are_joined_vertically() {
    let rects = vec![sticky(0.0, 0.0), sticky(10.0, 400.0)];
    let r = &routes(rects, &[(0, 1)])[0];
    assert_eq!(r.points, [(65.0, 124.0), (65.0, 396.0)]);
}

#[test]
fn a_sticky_in_the_way_is_routed_around() {
    // A row: a, b in the middle, c. a → c must not run through b.
    let rects = vec![sticky(0.0, 0.0), sticky(200.0, 0.0), sticky(400.0, 0.0)];
    let r = &routes(rects.clone(), &[(0, 2)])[0];
    assert!(legs_are_orthogonal(&r.points));
    let b = rects[1];
    for w in r.points.windows(2) {
        assert!(!crosses(w[0], w[1], b), "leg {w:?} runs through b");
    }
    assert!(on_border(r.points[0], rects[0]));
    assert!(on_border(*r.points.last().unwrap(), rects[2]));
}

#[test]
fn an_elbow_shifts_its_middle_leg_off_a_sticky() {
    // The middle of the gap is taken by a sticky; a leg beside it is free.
    let rects = vec![
        sticky(0.0, 0.0),
        sticky(600.0, 400.0),
        (340.0, 100.0, 40.0, 200.0),
    ];
    let r = &routes(rects.clone(), &[(0, 1)])[0];
    assert_eq!(r.points.len(), 4);
    for w in r.points.windows(2) {
        assert!(
            !crosses(w[0], w[1], rects[2]),
            "leg {w:?} runs through the blocker"
        );
    }
}

#[test]
fn overlapping_stickies_keep_a_line_between_borders() {
    let rects = vec![sticky(0.0, 0.0), sticky(60.0, 60.0)];
    let r = &routes(rects, &[(0, 1)])[0];
    assert_eq!(r.points.len(), 2);
}

#[test]
fn a_big_board_routes_quickly() {
    // 2,000 stickies in a grid, 1,000 links between neighbours and across rows.
    let cols = 55;
    let rects: Vec<Rect> = (0..2000)
        .map(|i| sticky((i % cols) as f64 * 160.0, (i / cols) as f64 * 160.0))
        .collect();
    let pairs: Vec<(usize, usize)> = (0..1000)
        .map(|i| (2 * i, (2 * i + 1 + cols) % 2000))
        .collect();
    let t = std::time::Instant::now();
    let rs = routes(rects, &pairs);
    assert_eq!(rs.len(), 1000);
    assert!(t.elapsed().as_millis() < 2000, "took {:?}", t.elapsed());
}
