//! Level of detail: which stickies are live elements of the page. Near (zoom from 50 %), or
//! from afar with few stickies around, every sticky in the drawn window is an element. From
//! afar on a crowded board the stickies are painted on one canvas
//! ([`crate::canvas::far_layer`]) and only those people work with stay elements: selected,
//! edited, highlighted, selected by someone else, the keyboard's tab stop, and the one under
//! the pointer — it becomes an element as the pointer reaches it, so pressing, dragging,
//! linking and typing behave exactly as near. A press that lands on a painted sticky before
//! it became an element (a touch) is found here too ([`Detail::hit`]).

use std::collections::HashSet;

use leptos::prelude::*;
use stormwall_model::routing::geom::Rect;

use crate::shell::keyboard_nav::Keyboard;
use crate::shell::state::BoardCtx;
use crate::stickies::far_links::Bundle;

/// Below this zoom the board is seen from afar: stickies drop their shadows and kind labels,
/// and their text keeps a readable size on screen.
pub const FAR: f64 = 0.5;
/// From afar, a drawn window holding more stickies than this is painted on the canvas.
pub const PAINT_OVER: usize = 300;
/// Whether stickies are painted, and what the painting shows.
#[derive(Clone, Copy)]
pub struct Detail {
    /// The stickies are painted (else each one in the window is an element).
    pub painted: Memo<bool>,
    /// The painted sticky under the pointer, made an element.
    pub hot: RwSignal<Option<String>>,
    /// The stickies painted, bottom to top, with their drawn rectangles.
    pub hits: StoredValue<Vec<(String, Rect)>>,
    /// The links painted under them, bundled by line style (set by the link layer).
    pub links: RwSignal<Vec<Bundle>>,
}

impl Detail {
    /// Creates the level of detail of the canvas and provides it to the views inside.
    pub fn provide(ctx: BoardCtx) -> Detail {
        let painted = Memo::new(move |_| {
            if ctx.zoom.get() >= FAR {
                return false;
            }
            let w = ctx.window.get();
            ctx.with_layout(|b| {
                b.stickies
                    .iter()
                    .filter(|s| w.overlaps(s.x, s.y, s.w, s.h))
                    .nth(PAINT_OVER)
                    .is_some()
            })
        });
        let detail = Detail {
            painted,
            hot: RwSignal::new(None),
            hits: StoredValue::new(Vec::new()),
            links: RwSignal::new(Vec::new()),
        };
        provide_context(detail);
        detail
    }

    /// The level of detail of the canvas, when there is one.
    pub fn get() -> Option<Detail> {
        use_context::<Detail>()
    }

    /// The sticky at board point `p` while stickies are painted, the topmost one.
    pub fn hit(&self, p: (f64, f64)) -> Option<String> {
        if !self.painted.get_untracked() {
            return None;
        }
        self.hits.with_value(|hits| {
            hits.iter()
                .rev()
                .find(|(_, (x, y, w, h))| p.0 >= *x && p.0 <= x + w && p.1 >= *y && p.1 <= y + h)
                .map(|(id, _)| id.clone())
        })
    }

    /// The pointer is at board point `p` (or left the canvas): the painted sticky under it
    /// becomes an element.
    pub fn pointer_at(&self, p: Option<(f64, f64)>) {
        let hot = p.and_then(|p| self.hit(p));
        if self.hot.get_untracked() != hot {
            self.hot.set(hot);
        }
    }
}

/// The ids of the stickies that are elements, sorted: those in the drawn window, or from
/// afar on a crowded board only those people work with.
pub fn element_stickies(ctx: BoardCtx, detail: Detail) -> Memo<Vec<String>> {
    let kb = use_context::<Keyboard>();
    Memo::new(move |_| {
        let window = ctx.window.get();
        let editing = ctx.editing.get();
        if !detail.painted.get() {
            return ctx.with_layout(|b| {
                b.stickies
                    .iter()
                    .filter(|s| {
                        window.overlaps(s.x, s.y, s.w, s.h) || editing.as_ref() == Some(&s.id)
                    })
                    .map(|s| s.id.clone())
                    .collect()
            });
        }
        let mut keep: HashSet<String> = ctx.selection.get().into_iter().collect();
        keep.extend(ctx.highlight.get());
        keep.extend(editing);
        keep.extend(detail.hot.get());
        keep.extend(
            ctx.peer_selections
                .with(|p| p.keys().cloned().collect::<Vec<_>>()),
        );
        if let Some(kb) = kb {
            keep.extend(kb.tab_stop.get());
            if let Some(to) = kb.linking.with(|l| l.as_ref().and_then(|l| l.to.clone())) {
                keep.insert(to);
            }
        }
        ctx.with_layout(|b| {
            b.stickies
                .iter()
                .filter(|s| keep.contains(&s.id))
                .map(|s| s.id.clone())
                .collect()
        })
    })
}
