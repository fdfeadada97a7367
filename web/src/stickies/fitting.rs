//! The rectangles the stickies are drawn in (grown to hold their text, see
//! [`stormwall_model::fit`]), remembered per sticky so that typing in one sticky fits only
//! that one again: what link routing and the far view's painting work from.

use std::collections::HashMap;

use stormwall_model::fit;
use stormwall_model::routing::geom::Rect;
use stormwall_model::{Board, Sticky};

/// What a sticky's fit depends on, and the fit: font size and drawn height.
#[derive(Clone)]
struct Fitted {
    text: String,
    w: f64,
    h: f64,
    details: bool,
    size: f64,
    height: f64,
}

impl Fitted {
    fn of(s: &Sticky) -> Fitted {
        let f = fit::of(s);
        Fitted {
            text: s.text.clone(),
            w: s.w,
            h: s.h,
            details: has_details(s),
            size: f.size,
            height: f.height,
        }
    }

    /// Whether this fit still holds for `s`.
    fn holds_for(&self, s: &Sticky) -> bool {
        self.w == s.w && self.h == s.h && self.details == has_details(s) && self.text == s.text
    }
}

fn has_details(s: &Sticky) -> bool {
    !s.attributes.is_empty() || !s.examples.is_empty()
}

/// Fits of the stickies last asked for: by id for single stickies, and in board order for
/// [`FitCache::rects`], which walks every sticky each time the board changes and so checks
/// each against the fit at the same place without hashing its id.
#[derive(Default)]
pub struct FitCache {
    by_id: HashMap<String, Fitted>,
    in_order: Vec<Option<(String, Fitted)>>,
}

impl FitCache {
    /// The font size and drawn height of `s`, fitted again only when its text or size changed.
    pub fn of(&mut self, s: &Sticky) -> (f64, f64) {
        match self.by_id.get(&s.id) {
            Some(f) if f.holds_for(s) => (f.size, f.height),
            _ => {
                let f = Fitted::of(s);
                let fitted = (f.size, f.height);
                self.by_id.insert(s.id.clone(), f);
                fitted
            }
        }
    }

    /// Forgets stickies that are gone, now and then.
    pub fn prune(&mut self, b: &Board) {
        if self.by_id.len() > b.stickies.len() * 2 + 64 {
            self.by_id.retain(|id, _| b.sticky(id).is_some());
        }
    }

    /// The rectangle of every sticky of `b`, in board order: drawn (grown to hold its text)
    /// for the stickies `near` picks by index, as placed for the others. On a big board only
    /// the stickies around the view are checked for typing, one by one. A sticky added or
    /// removed shifts the order; the stickies after it are found by id.
    pub fn rects(&mut self, b: &Board, near: impl Fn(usize) -> bool) -> Vec<Rect> {
        self.prune(b);
        self.in_order.truncate(b.stickies.len());
        self.in_order.resize_with(b.stickies.len(), || None);
        let mut rects = Vec::with_capacity(b.stickies.len());
        for (i, s) in b.stickies.iter().enumerate() {
            let height = if !near(i) {
                s.h
            } else {
                match &self.in_order[i] {
                    Some((id, f)) if *id == s.id && f.holds_for(s) => f.height,
                    _ => {
                        let height = self.of(s).1;
                        self.in_order[i] = Some((s.id.clone(), self.by_id[&s.id].clone()));
                        height
                    }
                }
            };
            rects.push((s.x, s.y, s.w, height));
        }
        rects
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stormwall_model::StickyKind;

    fn board(texts: &[(&str, &str)]) -> Board {
        Board {
            stickies: texts
                .iter()
                .enumerate()
                .map(|(i, (id, text))| {
                    Sticky::new(id, StickyKind::DomainEvent, text, i as f64 * 200.0, 0.0)
                })
                .collect(),
            ..Board::default()
        }
    }

    fn fresh(b: &Board) -> Vec<Rect> {
        FitCache::default().rects(b, |_| true)
    }

    /// Cached rectangles equal freshly fitted ones through typing, growing text, and stickies
    /// added and removed in the middle of the order.
    #[test]
    fn remembered_fits_follow_every_change() {
        let long =
            "a long text that needs a sticky taller than the default one to be read ".repeat(4);
        let mut cache = FitCache::default();
        let steps = [
            board(&[("a", "Order placed"), ("b", "Pay"), ("c", "주문됨")]),
            board(&[("a", "Order placed"), ("b", &long), ("c", "주문됨")]),
            board(&[
                ("a", "Order placed"),
                ("ab", &long),
                ("b", &long),
                ("c", "x"),
            ]),
            board(&[("a", &long), ("c", "x")]),
            board(&[]),
            board(&[("a", "again")]),
        ];
        for b in &steps {
            assert_eq!(cache.rects(b, |_| true), fresh(b));
        }
        assert!(
            fresh(&steps[1])[1].3 > fresh(&steps[0])[1].3,
            "long text grows the sticky"
        );
    }

    /// Stickies away from the view keep their placed height; coming near, they are fitted.
    #[test]
    fn only_stickies_near_are_fitted() {
        let long = "a long text that needs a taller sticky to be read in full ".repeat(4);
        let b = board(&[("a", &long), ("b", &long)]);
        let mut cache = FitCache::default();
        let near_a = cache.rects(&b, |i| i == 0);
        assert_eq!(near_a[0], fresh(&b)[0]);
        assert_eq!(near_a[1], (200.0, 0.0, b.stickies[1].w, b.stickies[1].h));
        assert!(near_a[0].3 > near_a[1].3);
        assert_eq!(cache.rects(&b, |_| true), fresh(&b));
    }
}
