//! The state every component of an open board shares, provided once by the board page as a
//! Leptos context: the live connection, the board snapshot, the view (pan, zoom), the
//! selection, the pointer gesture in progress and the active tool.

use std::rc::Rc;

use leptos::prelude::*;
use stormwall_model::doc::Roots;
use stormwall_model::Board;
use yrs::TransactionMut;

use crate::sync::SyncClient;

/// The live connection, reachable from every component of the board.
pub type Live = StoredValue<Rc<SyncClient>, LocalStorage>;

/// A pointer gesture in progress. Positions are in board coordinates unless noted.
#[derive(Debug, Clone, PartialEq)]
pub enum Drag {
    /// Panning the canvas from a screen point with the pan it had.
    Pan { from: (f64, f64), start: (f64, f64) },
    /// Moving stickies and frames from a board point, with the positions they had.
    Move {
        from: (f64, f64),
        stickies: Vec<(String, f64, f64)>,
        frames: Vec<(String, f64, f64)>,
    },
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

    /// Selects exactly `ids` and tells the others.
    pub fn select(self, ids: Vec<String>) {
        if self.selection.with_untracked(|s| *s == ids) {
            return;
        }
        self.selection.set(ids.clone());
        self.live
            .with_value(|c| c.set_presence(|p| p.selection = ids));
    }

    /// Whether `id` is selected.
    pub fn is_selected(self, id: &str) -> bool {
        self.selection.with(|s| s.iter().any(|x| x == id))
    }
}
