//! What the canvas draws of a big board: the stickies and links near the visible part of the
//! board (which of those stickies are elements: [`crate::canvas::detail`]). The drawn window reaches half a viewport beyond each
//! edge of the view and moves only once the view leaves it (or zooms far in), so panning
//! and typing mostly re-render nothing.

use leptos::prelude::*;

use crate::shell::state::canvas_size;

/// A rectangle in board coordinates: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl Window {
    /// Whether the box (x, y, w, h) overlaps the window.
    pub fn overlaps(&self, x: f64, y: f64, w: f64, h: f64) -> bool {
        x <= self.right && x + w >= self.left && y <= self.bottom && y + h >= self.top
    }

    fn area(&self) -> f64 {
        (self.right - self.left) * (self.bottom - self.top)
    }

    fn contains(&self, o: &Window) -> bool {
        o.left >= self.left && o.right <= self.right && o.top >= self.top && o.bottom <= self.bottom
    }

    /// The window grown by half its size on every side.
    fn around(&self) -> Window {
        let (w, h) = (
            (self.right - self.left) / 2.0,
            (self.bottom - self.top) / 2.0,
        );
        Window {
            left: self.left - w,
            top: self.top - h,
            right: self.right + w,
            bottom: self.bottom + h,
        }
    }
}

/// The next drawn window for a view: the current one while it still holds the view and is not
/// much larger, else a new one around the view.
pub fn next_window(current: Option<Window>, view: Window) -> Window {
    match current {
        Some(w) if w.contains(&view) && w.area() <= 9.0 * view.area() => w,
        _ => view.around(),
    }
}

/// The drawn window of a view at `pan` and `zoom` on a canvas whose top left corner is at
/// `origin` in the browser window: it follows the view as it pans and zooms, and as the browser
/// window is resized. A memo rather than an effect, so whoever reads it after a zoom gets the
/// window of that zoom: zooming in from a fitted wall of 10,000 stickies must not, even for
/// one frame, make every sticky of the wall's window an element.
pub fn drawn_window(
    pan: RwSignal<(f64, f64)>,
    zoom: RwSignal<f64>,
    origin: RwSignal<(f64, f64)>,
) -> Memo<Window> {
    let resized = RwSignal::new(0u32);
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || listener.remove());
    // Read from the browser only when it may have changed: reading it makes the browser lay
    // the page out, which on every pan frame costs a layout of the whole board.
    let size = Memo::new(move |_| {
        resized.track();
        canvas_size(origin.get())
    });
    Memo::new(move |current: Option<&Window>| {
        let (px, py) = pan.get();
        let z = zoom.get();
        let (vw, vh) = size.get();
        let view = Window {
            left: -px / z,
            top: -py / z,
            right: (vw - px) / z,
            bottom: (vh - py) / z,
        };
        next_window(current.copied(), view)
    })
}

#[cfg(test)]
mod tests {
    use super::{next_window, Window};

    fn w(left: f64, top: f64, right: f64, bottom: f64) -> Window {
        Window {
            left,
            top,
            right,
            bottom,
        }
    }

    #[test]
    fn the_window_stays_while_the_view_pans_inside_it() {
        let first = next_window(None, w(0.0, 0.0, 100.0, 100.0));
        assert_eq!(first, w(-50.0, -50.0, 150.0, 150.0));
        assert_eq!(next_window(Some(first), w(40.0, 40.0, 140.0, 140.0)), first);
        let moved = next_window(Some(first), w(100.0, 0.0, 200.0, 100.0));
        assert_eq!(moved, w(50.0, -50.0, 250.0, 150.0));
    }

    #[test]
    fn zooming_far_in_shrinks_the_window() {
        let wide = next_window(None, w(0.0, 0.0, 1000.0, 1000.0));
        assert_eq!(
            next_window(Some(wide), w(0.0, 0.0, 100.0, 100.0)),
            w(-50.0, -50.0, 150.0, 150.0)
        );
    }

    #[test]
    fn boxes_touching_the_window_overlap_it() {
        let win = w(0.0, 0.0, 100.0, 100.0);
        assert!(win.overlaps(-10.0, -10.0, 10.0, 10.0));
        assert!(!win.overlaps(101.0, 0.0, 10.0, 10.0));
    }
}
