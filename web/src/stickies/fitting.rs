//! The rectangles the stickies are drawn in (grown to hold their text, see
//! [`stormwall_model::fit`]), remembered per sticky so that typing in one sticky fits only
//! that one again: what link routing works from.

use std::collections::HashMap;

use stormwall_model::fit;
use stormwall_model::routing::geom::Rect;
use stormwall_model::{Board, Sticky};

/// What a sticky's drawn height depends on, and that height.
struct Fitted {
    text: String,
    w: f64,
    h: f64,
    details: bool,
    height: f64,
}

/// Drawn heights of the stickies last asked for, by id.
#[derive(Default)]
pub struct FitCache {
    by_id: HashMap<String, Fitted>,
}

impl FitCache {
    /// The drawn height of `s`, fitted again only when its text or size changed.
    fn height(&mut self, s: &Sticky) -> f64 {
        let details = !s.attributes.is_empty() || !s.examples.is_empty();
        match self.by_id.get(&s.id) {
            Some(f) if f.w == s.w && f.h == s.h && f.details == details && f.text == s.text => {
                f.height
            }
            _ => {
                let height = fit::of(s).height;
                self.by_id.insert(
                    s.id.clone(),
                    Fitted {
                        text: s.text.clone(),
                        w: s.w,
                        h: s.h,
                        details,
                        height,
                    },
                );
                height
            }
        }
    }

    /// The drawn rectangle of every sticky of `b`, in board order. Forgets stickies that are
    /// gone.
    pub fn rects(&mut self, b: &Board) -> Vec<Rect> {
        if self.by_id.len() > b.stickies.len() * 2 + 64 {
            self.by_id.retain(|id, _| b.sticky(id).is_some());
        }
        b.stickies
            .iter()
            .map(|s| (s.x, s.y, s.w, self.height(s)))
            .collect()
    }
}
