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
/// Most sticky elements added in one frame: zooming in on a wall makes a few hundred stickies
/// elements, and they come over a few frames, those nearest the middle of the view first,
/// rather than in one long frame the page cannot answer in.
pub const MOUNT_PER_FRAME: usize = 80;
/// Up to this many new sticky elements are made at once, in the task that asked for them (a
/// sticky added, pasted or scrolled into view). More wait for the frame's own callbacks,
/// which run before that frame is drawn: the click or key that zoomed in answers at once,
/// and the first stickies still show in the frame that shows the new zoom.
pub const MOUNT_AT_ONCE: usize = 24;

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

/// The stickies that are elements now: `wanted`, reached at most [`MOUNT_PER_FRAME`] new
/// elements a frame, nearest the middle of the drawn window first (a few at once, more from
/// the next frame's callbacks on: [`MOUNT_AT_ONCE`]). Elements no longer wanted
/// go at once, and those already there stay: a selected, edited or pointed-at sticky is an
/// element before and after a zoom.
pub fn mounted(ctx: BoardCtx, wanted: Memo<Vec<String>>) -> ReadSignal<Vec<String>> {
    let mounted = RwSignal::new(Vec::<String>::new());
    let looping = StoredValue::new(false);
    // One step towards `wanted`; true when more remain for the next frame.
    let step = move || {
        let want = wanted.get_untracked();
        let more = mounted.with_untracked(|have| {
            let have: HashSet<&String> = have.iter().collect();
            let missing: Vec<&String> = want.iter().filter(|id| !have.contains(id)).collect();
            if missing.len() <= MOUNT_PER_FRAME {
                return None;
            }
            let w = ctx.window.get_untracked();
            let middle = ((w.left + w.right) / 2.0, (w.top + w.bottom) / 2.0);
            let mut by_distance: Vec<(f64, &String)> = ctx.board.with_untracked(|b| {
                missing
                    .iter()
                    .map(|id| {
                        let d = b.sticky(id).map_or(f64::MAX, |s| {
                            let (dx, dy) = (s.x + s.w / 2.0 - middle.0, s.y + s.h / 2.0 - middle.1);
                            dx * dx + dy * dy
                        });
                        (d, *id)
                    })
                    .collect()
            });
            by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
            let add: HashSet<&String> = by_distance
                .into_iter()
                .take(MOUNT_PER_FRAME)
                .map(|(_, id)| id)
                .collect();
            Some(
                want.iter()
                    .filter(|id| have.contains(id) || add.contains(id))
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        });
        match more {
            Some(next) => {
                mounted.set(next);
                true
            }
            None => {
                if mounted.with_untracked(|m| *m != want) {
                    mounted.set(want);
                }
                false
            }
        }
    };
    fn again(step: impl Fn() -> bool + Copy + 'static, looping: StoredValue<bool>) {
        request_animation_frame(move || {
            if step() {
                again(step, looping);
            } else {
                looping.set_value(false);
            }
        });
    }
    Effect::new(move |_| {
        wanted.track();
        if looping.get_value() {
            return;
        }
        let many = wanted.with_untracked(|want| {
            mounted.with_untracked(|have| {
                let have: HashSet<&String> = have.iter().collect();
                want.iter()
                    .filter(|id| !have.contains(id))
                    .nth(MOUNT_AT_ONCE)
                    .is_some()
            })
        });
        if many || step() {
            looping.set_value(true);
            again(step, looping);
        }
    });
    mounted.read_only()
}
