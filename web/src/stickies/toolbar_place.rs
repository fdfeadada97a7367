//! Where the selection's floating toolbar goes: above the selection, clear of the group box's
//! align bar, unless that would cover another sticky or leave the canvas; then below it.

/// A rectangle on the board: left, top, right, bottom.
pub type Bounds = (f64, f64, f64, f64);

/// Space between the toolbar and the selection, in screen pixels.
const GAP: f64 = 14.0;
/// Height the group box's align bar takes above a group (see `.arrange-bar`), with its gap.
const ARRANGE_BAR: f64 = 46.0;
/// Least room kept between the toolbar and the top of the canvas.
const TOP_ROOM: f64 = 12.0;
/// Height of the colour choices when they open above the toolbar.
const COLOURS: f64 = 96.0;

/// The toolbar's spot in canvas pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spot {
    /// Horizontal centre.
    pub x: f64,
    /// Top edge.
    pub top: f64,
    /// Above the selection (else below it).
    pub above: bool,
    /// The colour choices open upwards (above the selection, with room for them).
    pub colours_up: bool,
}

/// The spot for a toolbar of `size` (screen pixels) over the selection `sel` (board units; a
/// `group` gets the align bar above it) at `pan` and `zoom`, clear of the `others` stickies
/// when one of the two sides is.
pub fn place(
    sel: Bounds,
    group: bool,
    others: &[Bounds],
    pan: (f64, f64),
    zoom: f64,
    size: (f64, f64),
) -> Spot {
    let (w, h) = size;
    let x = pan.0 + (sel.0 + sel.2) / 2.0 * zoom;
    let lift = if group { ARRANGE_BAR } else { 0.0 };
    let above = pan.1 + sel.1 * zoom - GAP - lift - h;
    let below = pan.1 + sel.3 * zoom + GAP;
    let covers = |top: f64| {
        others.iter().any(|o| {
            let (l, t) = (pan.0 + o.0 * zoom, pan.1 + o.1 * zoom);
            let (r, b) = (pan.0 + o.2 * zoom, pan.1 + o.3 * zoom);
            l < x + w / 2.0 && x - w / 2.0 < r && t < top + h && top < b
        })
    };
    let room_above = above >= TOP_ROOM;
    let up = room_above && (!covers(above) || covers(below));
    let top = if up { above } else { below };
    Spot {
        x,
        top,
        above: up,
        colours_up: up && top - COLOURS >= TOP_ROOM,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: (f64, f64) = (400.0, 42.0);
    const SEL: Bounds = (100.0, 300.0, 220.0, 420.0);

    /// The spot at 100 %, not panned.
    fn at(sel: Bounds, group: bool, others: &[Bounds]) -> Spot {
        place(sel, group, others, (0.0, 0.0), 1.0, SIZE)
    }

    #[test]
    fn above_the_selection_when_nothing_is_there() {
        let s = at(SEL, false, &[]);
        assert_eq!((s.x, s.top, s.above), (160.0, 300.0 - 14.0 - 42.0, true));
        assert!(s.colours_up);
    }

    #[test]
    fn below_when_it_would_cover_the_stickies_just_above() {
        let above = [(100.0, 160.0, 220.0, 280.0), (240.0, 160.0, 360.0, 280.0)];
        let s = at(SEL, false, &above);
        assert_eq!((s.top, s.above, s.colours_up), (434.0, false, false));
        // Covered on both sides: above it stays.
        assert!(at(SEL, false, &[above[0], (100.0, 440.0, 220.0, 560.0)]).above);
    }

    #[test]
    fn clear_of_the_align_bar_and_the_top_edge() {
        assert_eq!(at(SEL, true, &[]).top, 300.0 - 14.0 - 46.0 - 42.0);
        let high = at((100.0, 40.0, 220.0, 160.0), false, &[]);
        assert_eq!((high.top, high.above), (174.0, false));
        // Zoomed and panned: screen pixels.
        let z = place(SEL, false, &[], (50.0, 20.0), 0.5, SIZE);
        assert_eq!((z.x, z.top), (50.0 + 80.0, 20.0 + 150.0 - 56.0));
    }
}
