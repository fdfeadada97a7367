//! Dragging near an edge of the canvas pans it: while the pointer holds a sticky, a frame, a
//! link being drawn or a selection band within [`ZONE`] pixels of any edge of the canvas, the
//! view moves that way — faster the closer the pointer — and the drag follows, so what is
//! dragged can go anywhere on the board.

use leptos::prelude::*;

use crate::shell::state::BoardCtx;

/// Width of the band along each edge that pans, in screen pixels.
pub const ZONE: f64 = 48.0;
/// Fastest pan, in screen pixels per tick (about 60 ticks a second).
const SPEED: f64 = 18.0;

/// The pan speed (screen pixels per tick, x and y) of a pointer at `(x, y)` in a canvas of
/// `size`, both in pixels from the canvas's top-left corner. Positive moves the view's content
/// right or down (the pointer goes towards the left or top edge).
pub fn velocity((x, y): (f64, f64), (w, h): (f64, f64)) -> (f64, f64) {
    let axis = |at: f64, len: f64| {
        if at < ZONE {
            SPEED * (ZONE - at.max(0.0)) / ZONE
        } else if at > len - ZONE {
            -SPEED * (at.min(len) - (len - ZONE)) / ZONE
        } else {
            0.0
        }
    };
    (axis(x, w), axis(y, h))
}

/// Pans while a drag stays near an edge; `step` replays the drag at the pointer after each pan.
#[derive(Clone, Copy)]
pub struct EdgePan {
    pointer: StoredValue<Option<(f64, f64)>>,
    timer: StoredValue<Option<IntervalHandle>>,
}

impl EdgePan {
    /// Nothing panning yet.
    pub fn new() -> EdgePan {
        EdgePan {
            pointer: StoredValue::new(None),
            timer: StoredValue::new(None),
        }
    }

    /// The pointer of a drag moved to the screen point `client`.
    pub fn moved(self, ctx: BoardCtx, client: (f64, f64), step: impl Fn((f64, f64)) + 'static) {
        self.pointer.set_value(Some(client));
        let near = velocity(canvas_point(ctx, client), ctx.viewport()) != (0.0, 0.0);
        if !near {
            self.stop();
            return;
        }
        if self.timer.with_value(Option::is_some) {
            return;
        }
        let pointer = self.pointer;
        let handle = set_interval_with_handle(
            move || {
                let Some(client) = pointer.get_value() else {
                    return;
                };
                let (vx, vy) = velocity(canvas_point(ctx, client), ctx.viewport());
                if ctx.drag.get_untracked().is_none() || (vx, vy) == (0.0, 0.0) {
                    return;
                }
                ctx.pan.update(|p| {
                    p.0 += vx;
                    p.1 += vy;
                });
                step(client);
            },
            std::time::Duration::from_millis(16),
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// The drag ended or left the canvas.
    pub fn stop(self) {
        if let Some(h) = self.timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }
}

/// A screen point in pixels from the canvas's top-left corner.
fn canvas_point(ctx: BoardCtx, (x, y): (f64, f64)) -> (f64, f64) {
    let (ox, oy) = ctx.origin.get_untracked();
    (x - ox, y - oy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_edges_pan_and_the_closer_the_faster() {
        let size = (1000.0, 600.0);
        assert_eq!(velocity((500.0, 300.0), size), (0.0, 0.0));
        let (left, _) = velocity((4.0, 300.0), size);
        let (nearer, _) = velocity((1.0, 300.0), size);
        assert!(left > 0.0 && nearer > left);
        assert!(velocity((995.0, 300.0), size).0 < 0.0);
        assert!(velocity((500.0, 590.0), size).1 < 0.0);
        assert!(velocity((500.0, 10.0), size).1 > 0.0);
    }
}
