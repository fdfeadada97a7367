//! The state every component of an open board shares, provided once by the board page as a
//! Leptos context: the live connection, the board snapshot, the view (pan, zoom), the
//! selection, the pointer gesture in progress and the active tool.

use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use stormwall_model::doc::{self, Roots};
use stormwall_model::{Board, Sticky};
use yrs::TransactionMut;

use crate::presence::awareness::{Peer, User};
use crate::sharing::sync::SyncClient;
use crate::shell::notice::Notices;

/// The live connection, reachable from every component of the board.
pub type Live = StoredValue<Rc<SyncClient>, LocalStorage>;

/// Where some stickies and frames were when a move started: (id, x, y).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Placed {
    /// Stickies.
    pub stickies: Vec<(String, f64, f64)>,
    /// Frames.
    pub frames: Vec<(String, f64, f64)>,
}

/// A pointer gesture in progress. Positions are in board coordinates unless noted.
#[derive(Debug, Clone, PartialEq)]
pub enum Drag {
    /// Panning the canvas from a screen point with the pan it had. A press inside a frame's
    /// empty area that ends where it started selects that frame.
    Pan {
        from: (f64, f64),
        start: (f64, f64),
        click_selects: Option<String>,
    },
    /// Moving stickies and frames from a board point, with the positions they had.
    /// A press on a sticky's text that ends where it started opens that text for editing.
    Move {
        from: (f64, f64),
        items: Placed,
        click_edits: Option<String>,
    },
    /// Drawing a link from a sticky to the pointer.
    Link { from: String, to: (f64, f64) },
    /// Drawing a new frame from a corner to the pointer.
    Frame { start: (f64, f64), end: (f64, f64) },
    /// Resizing a sticky or a frame by its bottom-right corner from a board point, with the
    /// size it had.
    Resize {
        what: Resizable,
        id: String,
        from: (f64, f64),
        size: (f64, f64),
    },
    /// Rubber-band selection from a corner to the pointer, added to `base`.
    Band {
        start: (f64, f64),
        end: (f64, f64),
        base: Vec<String>,
    },
}

/// What can be resized by its corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resizable {
    /// A sticky.
    Sticky,
    /// A bounded-context frame.
    Frame,
}

impl Resizable {
    /// The smallest size it may get.
    pub fn min(self) -> (f64, f64) {
        match self {
            Resizable::Sticky => (60.0, 60.0),
            Resizable::Frame => (160.0, 120.0),
        }
    }

    /// The root map holding it.
    pub fn root(self, roots: &Roots) -> &yrs::MapRef {
        match self {
            Resizable::Sticky => &roots.stickies,
            Resizable::Frame => &roots.frames,
        }
    }
}

/// Starts resizing `id` (of size `size`) from the pointer of `ev`.
pub fn start_resize(
    ctx: BoardCtx,
    what: Resizable,
    id: &str,
    size: (f64, f64),
    ev: &web_sys::PointerEvent,
) {
    ev.stop_propagation();
    ev.prevent_default();
    ctx.live.with_value(|c| c.cut_history());
    ctx.drag.set(Some(Drag::Resize {
        what,
        id: id.to_string(),
        from: ctx.to_board(ev.client_x() as f64, ev.client_y() as f64),
        size,
    }));
}

/// What a plain drag on the empty canvas does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// Pan (or, with shift, select by rubber band).
    Select,
    /// Draw a bounded-context frame.
    Frame,
}

/// Shared state of an open board.
#[derive(Clone, Copy)]
pub struct BoardCtx {
    /// The live connection.
    pub live: Live,
    /// The board snapshot.
    pub board: RwSignal<Board>,
    /// Changes when the snapshot's layout does, not when only text does (see
    /// [`BoardCtx::with_layout`]).
    pub layout: ReadSignal<u64>,
    /// Pan offset in screen pixels.
    pub pan: RwSignal<(f64, f64)>,
    /// Zoom factor.
    pub zoom: RwSignal<f64>,
    /// Selected ids (stickies, links, frames).
    pub selection: RwSignal<Vec<String>>,
    /// The part of the board the canvas draws (see [`crate::canvas::culling`]).
    pub window: Memo<crate::canvas::culling::Window>,
    /// The sticky whose text is being edited in place, if any.
    pub editing: RwSignal<Option<String>>,
    /// Where the caret goes when editing starts (UTF-16 offset; `None`: at the end).
    pub caret: StoredValue<Option<u32>>,
    /// Ids to highlight briefly (a finding was clicked).
    pub highlight: RwSignal<Vec<String>>,
    /// The gesture in progress.
    pub drag: RwSignal<Option<Drag>>,
    /// The active tool.
    pub tool: RwSignal<Tool>,
    /// Screen position of the canvas's top-left corner.
    pub origin: RwSignal<(f64, f64)>,
    /// Everyone else on the board.
    pub peers: RwSignal<Vec<Peer>>,
    /// Who else has each item selected (the first of them), by item id. Unchanged while others
    /// only move their cursors, so items' outlines are not re-evaluated then.
    pub peer_selections: ReadSignal<HashMap<String, User>>,
    /// The board's legend (see [`crate::legend::board_legend`]).
    pub legend: ReadSignal<stormwall_model::Legend>,
    /// Board coordinates of the pointer while it is over the canvas.
    pub pointer: StoredValue<Option<(f64, f64)>>,
    /// The notice over the board (see [`crate::shell::notice`]).
    pub notices: Notices,
}

/// The first other participant who has each item selected.
pub fn peer_selections(peers: RwSignal<Vec<Peer>>) -> ReadSignal<HashMap<String, User>> {
    crate::shell::settled::settled(move || {
        let mut by_item = HashMap::new();
        peers.with(|ps| {
            for p in ps {
                for id in &p.state.selection {
                    by_item
                        .entry(id.clone())
                        .or_insert_with(|| p.state.user.clone());
                }
            }
        });
        by_item
    })
}

impl BoardCtx {
    /// The context provided by the board page.
    pub fn get() -> BoardCtx {
        expect_context::<BoardCtx>()
    }

    /// Applies a local edit (sent to everyone, undoable by this page). An edit of this page's
    /// private stickies goes to its draft instead (see [`crate::facilitation::drafts`]).
    pub fn edit(self, f: impl FnOnce(&Roots, &mut TransactionMut)) {
        match crate::facilitation::drafts::target(self) {
            Some(draft) => crate::facilitation::drafts::edit_in(self, &draft, f),
            None => self.live.with_value(|c| c.edit(f)),
        }
    }

    /// Board coordinates of a screen point.
    pub fn to_board(self, client_x: f64, client_y: f64) -> (f64, f64) {
        let (ox, oy) = self.origin.get_untracked();
        let (px, py) = self.pan.get_untracked();
        let z = self.zoom.get_untracked();
        ((client_x - ox - px) / z, (client_y - oy - py) / z)
    }

    /// The sticky `id` as it is now (tracked: any change to the board).
    pub fn sticky(self, id: &str) -> Option<Sticky> {
        self.board.with(|b| b.sticky(id).cloned())
    }

    /// A memo of the sticky `id` that reruns only when that sticky changes.
    pub fn sticky_memo(self, id: String) -> Memo<Option<Sticky>> {
        let touched = self.live.with_value(|c| c.touched.sticky(&id));
        Memo::new(move |_| {
            touched.track();
            self.board.with_untracked(|b| b.sticky(&id).cloned())
        })
    }

    /// `f` of the board, tracking only its layout: where stickies, links and frames are, their
    /// size, kind and colour, the legend. For views that do not show text.
    pub fn with_layout<T>(self, f: impl FnOnce(&Board) -> T) -> T {
        self.layout.track();
        self.board.with_untracked(f)
    }

    /// Current positions of the stickies and frames among `ids`.
    pub fn placed(self, ids: &[String]) -> Placed {
        let ids: std::collections::HashSet<&String> = ids.iter().collect();
        self.board.with_untracked(|b| Placed {
            stickies: b
                .stickies
                .iter()
                .filter(|s| ids.contains(&s.id))
                .map(|s| (s.id.clone(), s.x, s.y))
                .collect(),
            frames: b
                .frames
                .iter()
                .filter(|f| ids.contains(&f.id))
                .map(|f| (f.id.clone(), f.x, f.y))
                .collect(),
        })
    }

    /// Moves `items` by (`dx`, `dy`) from where they were.
    pub fn move_placed(self, items: &Placed, dx: f64, dy: f64) {
        self.edit(|r, txn| {
            for (id, x, y) in &items.stickies {
                doc::move_sticky(r, txn, id, x + dx, y + dy);
            }
            for (id, x, y) in &items.frames {
                doc::set_numbers(&r.frames, txn, id, &[("x", x + dx), ("y", y + dy)]);
            }
        });
    }

    /// Selects exactly `ids` and tells the others.
    pub fn select(self, ids: Vec<String>) {
        if self.selection.with_untracked(|s| *s == ids) {
            return;
        }
        self.selection.set(ids.clone());
        self.live
            .with_value(|c| c.set_presence(|p| p.selection = ids));
    }

    /// The first other participant who has `id` selected.
    pub fn selected_by_peer(self, id: String) -> Memo<Option<User>> {
        Memo::new(move |_| self.peer_selections.with(|m| m.get(&id).cloned()))
    }

    /// Selects the sticky `id` and opens its text for editing.
    pub fn edit_text(self, id: &str) {
        self.edit_text_at(id, None);
    }

    /// Selects the sticky `id` and opens its text for editing with the caret at `caret`.
    pub fn edit_text_at(self, id: &str, caret: Option<u32>) {
        self.caret.set_value(caret);
        self.select(vec![id.to_string()]);
        self.editing.set(Some(id.to_string()));
    }

    /// Whether `id` is selected.
    pub fn is_selected(self, id: &str) -> bool {
        self.selection.with(|s| s.iter().any(|x| x == id))
    }

    /// Size of the canvas (side panel included) in screen pixels.
    pub fn viewport(self) -> (f64, f64) {
        canvas_size(self.origin.get_untracked())
    }

    /// Zooms by `factor` around the middle of the visible canvas.
    pub fn zoom_by(self, factor: f64) {
        let (vw, vh) = self.viewport();
        self.zoom_at(factor, (vw / 2.0, vh / 2.0));
    }

    /// Zooms by `factor` (within the zoom range) keeping the canvas point `(mx, my)` (screen
    /// pixels from the canvas corner) over the same board point.
    pub fn zoom_at(self, factor: f64, (mx, my): (f64, f64)) {
        let z = self.zoom.get_untracked();
        let nz = (z * factor).clamp(self.least_zoom().min(z), MAX_ZOOM);
        let (px, py) = self.pan.get_untracked();
        self.pan
            .set((mx - (mx - px) * nz / z, my - (my - py) * nz / z));
        self.zoom.set(nz);
    }

    /// The least zoom on this board: [`MIN_ZOOM`], or less on a board too big to be seen whole
    /// at it (down to [`LEAST_ZOOM`]), so that the whole board can always be seen.
    pub fn least_zoom(self) -> f64 {
        let (vw, vh) = self.viewport();
        self.board
            .with_untracked(|b| crate::canvas::geometry::bounds(b, |_| true))
            .map_or(MIN_ZOOM, |(x0, y0, x1, y1)| {
                let whole = (vw / (x1 - x0).max(1.0)).min(vh / (y1 - y0).max(1.0));
                (whole * 0.8).clamp(LEAST_ZOOM, MIN_ZOOM)
            })
    }

    /// Whether the whole board is visible in the canvas as it is.
    pub fn shows_everything(self) -> bool {
        let (vw, vh) = self.viewport();
        let (left, top) =
            self.to_board(self.origin.get_untracked().0, self.origin.get_untracked().1);
        let z = self.zoom.get_untracked();
        let (right, bottom) = (left + vw / z, top + vh / z);
        self.board.with_untracked(|b| {
            b.stickies
                .iter()
                .all(|s| s.x >= left && s.y >= top && s.x + s.w <= right && s.y + s.h <= bottom)
        })
    }

    /// Zooms and pans so the whole board fits the canvas (never above 100 %).
    pub fn fit(self) {
        self.fit_where(|_| true, 24.0);
    }

    /// Zooms and pans so the stickies and frames whose ids `keep` accepts fit the canvas clear
    /// of the palette, zoom controls and minimap, with at least `right` pixels free on its
    /// right (never above 100 %). Does nothing when it accepts none.
    pub fn fit_where(self, keep: impl Fn(&str) -> bool, right: f64) {
        let bounds = self
            .board
            .with_untracked(|b| crate::canvas::geometry::bounds(b, keep));
        let Some(bounds) = bounds else {
            return;
        };
        let canvas = self.viewport();
        let best = crate::canvas::minimap::free_margins(right)
            .into_iter()
            .map(|m| crate::canvas::geometry::fitted(bounds, canvas, m, (LEAST_ZOOM, 1.0)))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((z, pan)) = best {
            self.zoom.set(z);
            self.pan.set(pan);
        }
    }

    /// Centres the view on a board point, in the part of the canvas the side panel leaves.
    pub fn centre_on(self, x: f64, y: f64) {
        self.centre_at(x, y, SIDE_PANEL);
    }

    /// Centres the view on a board point, in the canvas less `right` pixels on its right.
    pub fn centre_at(self, x: f64, y: f64, right: f64) {
        let (vw, vh) = self.viewport();
        let z = self.zoom.get_untracked();
        self.pan.set(((vw - right) / 2.0 - x * z, vh / 2.0 - y * z));
    }
}

/// The smallest zoom factor of a board that can be seen whole at it.
pub const MIN_ZOOM: f64 = 0.2;
/// The smallest zoom factor of any board (Fit on a very big board).
pub const LEAST_ZOOM: f64 = 0.01;
/// The largest zoom factor.
pub const MAX_ZOOM: f64 = 3.0;

/// Width the side panels take from the right of the canvas (panel and margins).
pub const SIDE_PANEL: f64 = 344.0;

/// Size of a canvas whose top left corner is at `origin` in the browser window, reaching to its
/// right and bottom edges, in screen pixels.
pub fn canvas_size((ox, oy): (f64, f64)) -> (f64, f64) {
    let w = window();
    let px = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
    (
        px(w.inner_width()).unwrap_or(1280.0) - ox,
        px(w.inner_height()).unwrap_or(800.0) - oy,
    )
}
