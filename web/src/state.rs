//! The state every component of an open board shares, provided once by the board page as a
//! Leptos context: the live connection, the board snapshot, the view (pan, zoom), the
//! selection, the pointer gesture in progress and the active tool.

use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use stormwall_model::doc::{self, Roots};
use stormwall_model::{Board, Sticky};
use yrs::TransactionMut;

use crate::sync::SyncClient;

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
    /// Panning the canvas from a screen point with the pan it had.
    Pan { from: (f64, f64), start: (f64, f64) },
    /// Moving stickies and frames from a board point, with the positions they had.
    Move { from: (f64, f64), items: Placed },
    /// Drawing a link from a sticky to the pointer.
    Link { from: String, to: (f64, f64) },
    /// Drawing a new frame from a corner to the pointer.
    Frame { start: (f64, f64), end: (f64, f64) },
    /// Resizing a frame by its bottom-right corner from a board point, with the size it had.
    Resize {
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
    /// Pan offset in screen pixels.
    pub pan: RwSignal<(f64, f64)>,
    /// Zoom factor.
    pub zoom: RwSignal<f64>,
    /// Selected ids (stickies, links, frames).
    pub selection: RwSignal<Vec<String>>,
    /// Ids to highlight briefly (a finding was clicked).
    pub highlight: RwSignal<Vec<String>>,
    /// The gesture in progress.
    pub drag: RwSignal<Option<Drag>>,
    /// The active tool.
    pub tool: RwSignal<Tool>,
    /// Screen position of the canvas's top-left corner.
    pub origin: RwSignal<(f64, f64)>,
    /// Everyone else on the board.
    pub peers: RwSignal<Vec<crate::presence::Peer>>,
    /// Position of each sticky in the snapshot, by id (look-ups stay O(1) on big boards).
    pub index: Memo<HashMap<String, usize>>,
}

/// The sticky index of a board snapshot signal.
pub fn sticky_index(board: RwSignal<Board>) -> Memo<HashMap<String, usize>> {
    Memo::new(move |_| {
        board.with(|b| {
            b.stickies
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i))
                .collect()
        })
    })
}

impl BoardCtx {
    /// The context provided by the board page.
    pub fn get() -> BoardCtx {
        expect_context::<BoardCtx>()
    }

    /// Applies a local edit (sent to everyone, undoable by this page).
    pub fn edit(self, f: impl FnOnce(&Roots, &mut TransactionMut)) {
        self.live.with_value(|c| c.edit(f));
    }

    /// Board coordinates of a screen point.
    pub fn to_board(self, client_x: f64, client_y: f64) -> (f64, f64) {
        let (ox, oy) = self.origin.get_untracked();
        let (px, py) = self.pan.get_untracked();
        let z = self.zoom.get_untracked();
        ((client_x - ox - px) / z, (client_y - oy - py) / z)
    }

    /// The sticky `id` as it is now (tracked).
    pub fn sticky(self, id: &str) -> Option<Sticky> {
        let i = self.index.with(|ix| ix.get(id).copied())?;
        self.board.with(|b| b.stickies.get(i).cloned())
    }

    /// Current positions of the stickies and frames among `ids`.
    pub fn placed(self, ids: &[String]) -> Placed {
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
                crate::edits::set_numbers(&r.frames, txn, id, &[("x", x + dx), ("y", y + dy)]);
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
    pub fn selected_by_peer(self, id: String) -> Memo<Option<crate::presence::User>> {
        Memo::new(move |_| {
            self.peers.with(|ps| {
                ps.iter()
                    .find(|p| p.state.selection.contains(&id))
                    .map(|p| p.state.user.clone())
            })
        })
    }

    /// Whether `id` is selected.
    pub fn is_selected(self, id: &str) -> bool {
        self.selection.with(|s| s.iter().any(|x| x == id))
    }

    /// Size of the canvas (side panel included) in screen pixels.
    pub fn viewport(self) -> (f64, f64) {
        let w = window();
        let px = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
        let (ox, oy) = self.origin.get_untracked();
        (
            px(w.inner_width()).unwrap_or(1280.0) - ox,
            px(w.inner_height()).unwrap_or(800.0) - oy,
        )
    }

    /// Zooms by `factor` around the middle of the visible canvas.
    pub fn zoom_by(self, factor: f64) {
        let (vw, vh) = self.viewport();
        let z = self.zoom.get_untracked();
        let nz = (z * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let (px, py) = self.pan.get_untracked();
        let (mx, my) = (vw / 2.0, vh / 2.0);
        self.pan
            .set((mx - (mx - px) * nz / z, my - (my - py) * nz / z));
        self.zoom.set(nz);
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
            .with_untracked(|b| crate::geometry::bounds(b, keep));
        let Some(bounds) = bounds else {
            return;
        };
        let canvas = self.viewport();
        let best = crate::components::minimap::free_margins(right)
            .into_iter()
            .map(|m| crate::geometry::fitted(bounds, canvas, m, (MIN_ZOOM, 1.0)))
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

/// The smallest zoom factor.
pub const MIN_ZOOM: f64 = 0.2;
/// The largest zoom factor.
pub const MAX_ZOOM: f64 = 3.0;

/// Width the side panels take from the right of the canvas (panel and margins).
pub const SIDE_PANEL: f64 = 344.0;
