//! Two-finger pinch on a touch screen: the canvas zooms with the distance between the fingers,
//! around the point between them, and pans as that point moves. It listens to the canvas's
//! pointer events in the capture phase, so once a second finger lands, neither finger pans the
//! canvas or moves a sticky. (Trackpad pinches arrive as ctrl+wheel and are the canvas's.)

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::shell::state::{BoardCtx, MAX_ZOOM};

/// Pan (screen pixels) and zoom of the view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Pan offset.
    pub pan: (f64, f64),
    /// Zoom factor.
    pub zoom: f64,
}

fn mid(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1).max(1.0)
}

/// The view after the fingers moved from `from` to `to` (canvas coordinates), starting from
/// `start`: the board point that was between the fingers stays between them. The zoom stays
/// between `least` and [`MAX_ZOOM`].
pub fn pinched(start: View, from: [(f64, f64); 2], to: [(f64, f64); 2], least: f64) -> View {
    let zoom = (start.zoom * dist(to[0], to[1]) / dist(from[0], from[1]))
        .clamp(least.min(start.zoom), MAX_ZOOM);
    let (c0, c1) = (mid(from[0], from[1]), mid(to[0], to[1]));
    let board = (
        (c0.0 - start.pan.0) / start.zoom,
        (c0.1 - start.pan.1) / start.zoom,
    );
    View {
        pan: (c1.0 - board.0 * zoom, c1.1 - board.1 * zoom),
        zoom,
    }
}

/// Touches on the canvas, and the pinch in progress.
#[derive(Default)]
struct Touches {
    /// Where each finger is, by pointer id, in canvas coordinates.
    at: BTreeMap<i32, (f64, f64)>,
    /// The view and finger positions when the pinch started.
    pinch: Option<(View, [(f64, f64); 2])>,
}

impl Touches {
    fn pair(&self) -> Option<[(f64, f64); 2]> {
        let mut v = self.at.values();
        Some([*v.next()?, *v.next()?])
    }
}

/// The pinch gesture of a canvas: hand its pointer events, in the capture phase, to
/// [`Pinch::down`], [`Pinch::moved`] and [`Pinch::up`].
#[derive(Clone, Copy)]
pub struct Pinch {
    ctx: BoardCtx,
    touches: StoredValue<Touches>,
}

impl Pinch {
    /// A pinch gesture for the board's canvas.
    pub fn new(ctx: BoardCtx) -> Pinch {
        Pinch {
            ctx,
            touches: StoredValue::new(Touches::default()),
        }
    }

    fn local(self, ev: &web_sys::PointerEvent) -> (f64, f64) {
        let (ox, oy) = self.ctx.origin.get_untracked();
        (ev.client_x() as f64 - ox, ev.client_y() as f64 - oy)
    }

    /// Swallows an event the pinch handles, so the canvas and stickies do not see it.
    fn consume(ev: &web_sys::PointerEvent) {
        ev.stop_immediate_propagation();
        ev.prevent_default();
    }

    /// A finger lands; the second one starts a pinch.
    pub fn down(self, ev: web_sys::PointerEvent) {
        if ev.pointer_type() != "touch" {
            return;
        }
        let p = self.local(&ev);
        let ctx = self.ctx;
        let started = self.touches.try_update_value(|t| {
            t.at.insert(ev.pointer_id(), p);
            let pair = t.pair().filter(|_| t.at.len() == 2)?;
            let view = View {
                pan: ctx.pan.get_untracked(),
                zoom: ctx.zoom.get_untracked(),
            };
            t.pinch = Some((view, pair));
            Some(())
        });
        if started.flatten().is_some() {
            ctx.drag.set(None);
            Self::consume(&ev);
        }
    }

    /// A finger moves: while pinching, the view follows.
    pub fn moved(self, ev: web_sys::PointerEvent) {
        if ev.pointer_type() != "touch" {
            return;
        }
        let p = self.local(&ev);
        let least = self.ctx.least_zoom();
        let step = self.touches.try_update_value(|t| {
            let at = t.at.get_mut(&ev.pointer_id())?;
            *at = p;
            let (start, from) = t.pinch?;
            Some(pinched(start, from, t.pair()?, least))
        });
        if let Some(view) = step.flatten() {
            self.ctx.pan.set(view.pan);
            self.ctx.zoom.set(view.zoom);
            Self::consume(&ev);
        }
    }

    /// A finger lifts (or the browser takes the touch over): the pinch ends.
    pub fn up(self, ev: web_sys::PointerEvent) {
        if ev.pointer_type() != "touch" {
            return;
        }
        let was_pinching = self.touches.try_update_value(|t| {
            t.at.remove(&ev.pointer_id());
            let was = t.pinch.is_some();
            if t.at.len() < 2 {
                t.pinch = None;
            }
            was
        });
        if was_pinching == Some(true) {
            Self::consume(&ev);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::state::MIN_ZOOM;

    #[test]
    fn spreading_fingers_zooms_around_their_middle() {
        let start = View {
            pan: (100.0, 50.0),
            zoom: 1.0,
        };
        // Fingers twice as far apart, middle unchanged at (300, 200).
        let v = pinched(
            start,
            [(250.0, 200.0), (350.0, 200.0)],
            [(200.0, 200.0), (400.0, 200.0)],
            MIN_ZOOM,
        );
        assert_eq!(v.zoom, 2.0);
        // Board point (200, 150) was under the middle and still is.
        assert_eq!(
            (200.0 * v.zoom + v.pan.0, 150.0 * v.zoom + v.pan.1),
            (300.0, 200.0)
        );
    }

    #[test]
    fn moving_both_fingers_pans_and_zoom_stays_in_range() {
        let start = View {
            pan: (0.0, 0.0),
            zoom: 1.0,
        };
        let v = pinched(
            start,
            [(0.0, 0.0), (100.0, 0.0)],
            [(50.0, 30.0), (150.0, 30.0)],
            MIN_ZOOM,
        );
        assert_eq!(
            v,
            View {
                pan: (50.0, 30.0),
                zoom: 1.0
            }
        );
        let far = pinched(
            start,
            [(0.0, 0.0), (10.0, 0.0)],
            [(0.0, 0.0), (1000.0, 0.0)],
            MIN_ZOOM,
        );
        assert_eq!(far.zoom, MAX_ZOOM);
    }
}
