//! This page's pointer as the others see it: its board position shared through presence at
//! most every 30 ms, with a trailing update so the last position always arrives.

use leptos::prelude::*;

use crate::shell::state::BoardCtx;

/// Sends this page's cursor to the others at most every 30 ms, with a trailing update so the
/// last position always arrives.
#[derive(Clone, Copy)]
pub struct CursorShare {
    last_sent: StoredValue<f64>,
    latest: StoredValue<Option<(f64, f64)>>,
    pending: StoredValue<bool>,
}

impl CursorShare {
    /// Nothing sent yet.
    pub fn new() -> CursorShare {
        CursorShare {
            last_sent: StoredValue::new(0.0),
            latest: StoredValue::new(None),
            pending: StoredValue::new(false),
        }
    }

    fn send(self, ctx: BoardCtx) {
        self.last_sent.set_value(js_sys::Date::now());
        let pos = self.latest.get_value();
        ctx.live.with_value(|c| {
            c.set_presence(|p| {
                p.cursor = pos.map(|(x, y)| crate::presence::awareness::Cursor { x, y })
            })
        });
    }

    /// The pointer is at board point `pos` (`None`: it left the canvas).
    pub fn update(self, ctx: BoardCtx, pos: Option<(f64, f64)>) {
        self.latest.set_value(pos);
        if pos.is_none() || js_sys::Date::now() - self.last_sent.get_value() >= 30.0 {
            self.send(ctx);
        } else if !self.pending.get_value() {
            self.pending.set_value(true);
            set_timeout(
                move || {
                    self.pending.set_value(false);
                    self.send(ctx);
                },
                std::time::Duration::from_millis(30),
            );
        }
    }
}
