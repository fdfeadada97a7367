//! The rectangles the stickies are drawn in (grown to hold their text, see
//! [`stormwall_model::fit`]), remembered per sticky so that typing in one sticky fits only
//! that one again: what link routing and the far view's painting work from.

use std::collections::HashMap;

use stormwall_model::fit;
use stormwall_model::routing::geom::Rect;
use stormwall_model::{Board, Sticky};

/// What a sticky's fit depends on, and the fit: font size and drawn height.
struct Fitted {
    text: String,
    w: f64,
    h: f64,
    details: bool,
    size: f64,
    height: f64,
}

/// Fits of the stickies last asked for, by id.
#[derive(Default)]
pub struct FitCache {
    by_id: HashMap<String, Fitted>,
}

impl FitCache {
    /// The font size and drawn height of `s`, fitted again only when its text or size changed.
    pub fn of(&mut self, s: &Sticky) -> (f64, f64) {
        let details = !s.attributes.is_empty() || !s.examples.is_empty();
        match self.by_id.get(&s.id) {
            Some(f) if f.w == s.w && f.h == s.h && f.details == details && f.text == s.text => {
                (f.size, f.height)
            }
            _ => {
                let f = fit::of(s);
                self.by_id.insert(
                    s.id.clone(),
                    Fitted {
                        text: s.text.clone(),
                        w: s.w,
                        h: s.h,
                        details,
                        size: f.size,
                        height: f.height,
                    },
                );
                (f.size, f.height)
            }
        }
    }

    /// The drawn height of `s`.
    pub fn height(&mut self, s: &Sticky) -> f64 {
        self.of(s).1
    }

    /// Forgets stickies that are gone, now and then.
    pub fn prune(&mut self, b: &Board) {
        if self.by_id.len() > b.stickies.len() * 2 + 64 {
            self.by_id.retain(|id, _| b.sticky(id).is_some());
        }
    }

    /// The drawn rectangle of every sticky of `b`, in board order. Forgets stickies that are
    /// gone.
    pub fn rects(&mut self, b: &Board) -> Vec<Rect> {
        self.prune(b);
        b.stickies
            .iter()
            .map(|s| (s.x, s.y, s.w, self.height(s)))
            .collect()
    }
}
