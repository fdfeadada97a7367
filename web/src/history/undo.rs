//! Per-user undo and redo: a yrs `UndoManager` that tracks only transactions this page made
//! (the local origin), so undo never reverts someone else's work.

use std::collections::HashSet;
use std::sync::Arc;

use stormwall_model::doc::Roots;
use yrs::undo::Options;
use yrs::{Doc, Origin, ReadTxn, StateVector, Transact, UndoManager};

/// Origin of every transaction this page makes.
pub const LOCAL: &str = "stormwall-local";

/// Undo/redo stacks of this page's own edits.
pub struct History {
    undo: UndoManager,
}

impl History {
    /// Tracks local edits to every root of the board.
    pub fn new(doc: &Doc, roots: &Roots) -> History {
        let mut tracked_origins = HashSet::new();
        tracked_origins.insert(Origin::from(LOCAL));
        let options = Options {
            capture_timeout_millis: 600,
            tracked_origins,
            capture_transaction: None,
            timestamp: Arc::new(|| js_sys::Date::now() as u64),
            init_undo_stack: Vec::new(),
            init_redo_stack: Vec::new(),
        };
        let mut undo = UndoManager::with_options(options);
        for root in std::iter::once(&roots.meta).chain(roots.content()) {
            undo.expand_scope(doc, root);
        }
        History { undo }
    }

    /// Ends the current undo step: the next edit starts a new one.
    pub fn cut(&mut self) {
        self.undo.reset();
    }

    /// Undoes (or redoes) the last step; returns the document update it made, if any.
    pub fn step(&mut self, doc: &Doc, redo: bool) -> Option<Vec<u8>> {
        let before: StateVector = doc.transact().state_vector();
        let changed = if redo {
            self.undo.redo_blocking()
        } else {
            self.undo.undo_blocking()
        };
        changed.then(|| doc.transact().encode_state_as_update_v1(&before))
    }
}
