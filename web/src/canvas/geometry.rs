//! Board geometry the view needs: the bounding box of some stickies and frames, the zoom and
//! pan that fit a box, and which frame a press lands on.

use stormwall_model::Board;

pub use stormwall_model::board::{union, Bounds};

/// Height of a frame's title bar, drawn above its top edge.
pub const FRAME_BAR: f64 = 24.0;

/// The box around the stickies and frames whose ids `keep` accepts (frames with their title
/// bar), or `None` when it accepts none.
pub fn bounds(b: &Board, keep: impl Fn(&str) -> bool) -> Option<Bounds> {
    stormwall_model::board::bounds_of(&b.stickies, &b.frames, keep, FRAME_BAR)
}

/// Margins of the canvas, in screen pixels: (left, top, right, bottom).
pub type Margins = (f64, f64, f64, f64);

/// The zoom (within `range`) and pan that show `b` whole and centred in a canvas of `size`
/// less `margins`.
pub fn fitted(
    (x0, y0, x1, y1): Bounds,
    (vw, vh): (f64, f64),
    (left, top, right, bottom): Margins,
    range: (f64, f64),
) -> (f64, (f64, f64)) {
    let (w, h) = ((vw - left - right).max(1.0), (vh - top - bottom).max(1.0));
    let z = (w / (x1 - x0).max(1.0))
        .min(h / (y1 - y0).max(1.0))
        .clamp(range.0, range.1);
    (
        z,
        (
            left + (w - (x1 - x0) * z) / 2.0 - x0 * z,
            top + (h - (y1 - y0) * z) / 2.0 - y0 * z,
        ),
    )
}

/// The frame a press at board point `p` lands in: the smallest one holding it, so nested
/// frames give the inner one.
pub fn frame_at(b: &Board, p: (f64, f64)) -> Option<String> {
    b.frames
        .iter()
        .filter(|f| f.contains(p))
        .min_by(|a, c| (a.w * a.h).total_cmp(&(c.w * c.h)))
        .map(|f| f.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use stormwall_model::{Frame, Sticky, StickyKind};

    #[test]
    fn bounds_cover_the_kept_items_only() {
        let b = Board {
            stickies: vec![
                Sticky::new("a", StickyKind::Command, "", 0.0, 0.0),
                Sticky::new("b", StickyKind::Command, "", 500.0, 300.0),
            ],
            frames: vec![Frame {
                id: "f".into(),
                x: -100.0,
                y: 100.0,
                w: 50.0,
                h: 50.0,
                ..Frame::default()
            }],
            ..Board::default()
        };
        assert_eq!(bounds(&b, |_| true), Some((-100.0, 0.0, 620.0, 420.0)));
        assert_eq!(
            bounds(&b, |id| id == "b"),
            Some((500.0, 300.0, 620.0, 420.0))
        );
        assert_eq!(
            bounds(&b, |id| id == "f"),
            Some((-100.0, 76.0, -50.0, 150.0))
        );
        assert_eq!(bounds(&b, |_| false), None);
    }

    #[test]
    fn fitting_centres_the_box_in_the_free_area() {
        let (z, pan) = fitted(
            (0.0, 0.0, 1000.0, 100.0),
            (600.0, 400.0),
            (100.0, 0.0, 0.0, 0.0),
            (0.2, 1.0),
        );
        assert_eq!(z, 0.5);
        assert_eq!(pan, (100.0, 175.0));
        assert_eq!(
            fitted(
                (0.0, 0.0, 10.0, 10.0),
                (600.0, 400.0),
                (0.0, 0.0, 0.0, 0.0),
                (0.2, 1.0)
            )
            .0,
            1.0
        );
    }

    #[test]
    fn lines_leave_rectangles_at_their_border() {
        use stormwall_model::board::rect_border_point as border_point;
        let r = (0.0, 0.0, 100.0, 50.0);
        assert_eq!(border_point(r, (250.0, 25.0), 0.0), (100.0, 25.0));
        assert_eq!(border_point(r, (50.0, -100.0), 4.0), (50.0, -4.0));
        assert_eq!(border_point(r, (50.0, 25.0), 4.0), (50.0, 25.0));
        // A target inside the margin is reached, not passed.
        assert_eq!(border_point(r, (52.0, 25.0), 4.0), (52.0, 25.0));
    }

    #[test]
    fn presses_land_in_the_inner_frame() {
        let mut b = Board::default();
        b.frames.push(stormwall_model::Frame::new(
            "outer",
            "",
            (0.0, 0.0, 1000.0, 800.0),
        ));
        b.frames.push(stormwall_model::Frame::new(
            "inner",
            "",
            (100.0, 100.0, 300.0, 200.0),
        ));
        assert_eq!(frame_at(&b, (50.0, 50.0)).as_deref(), Some("outer"));
        assert_eq!(frame_at(&b, (200.0, 200.0)).as_deref(), Some("inner"));
        assert_eq!(frame_at(&b, (1200.0, 10.0)), None);
    }
}
