//! The first reading of a big board into the page's snapshot, spread over tasks: a wall of
//! 10,000 stickies is read [`PER_TASK`] stickies and links a task into a copy of the
//! snapshot, which replaces it whole once complete. The page answers input between the
//! parts; what changes meanwhile, here or from others, is read right after. Any change from
//! others as big (someone replacing the board by an import) is read the same way.

use std::collections::VecDeque;

use stormwall_model::doc::{Changes, Roots};
use stormwall_model::Board;
use yrs::{Doc, Transact};

/// Stickies and links read in one task.
pub const PER_TASK: usize = 1500;

/// Whether reading `changes` is worth spreading over tasks.
pub fn needed(changes: &Changes) -> bool {
    changes.stickies.len() + changes.links.len() > PER_TASK
}

/// A reading under way.
pub struct FirstRead {
    board: Board,
    parts: VecDeque<Changes>,
    /// Everything read, for the views of those stickies once shown.
    all: Changes,
    laid_out: bool,
}

impl FirstRead {
    /// A reading of `changes` into a copy of `board`.
    pub fn new(board: Board, changes: Changes) -> FirstRead {
        FirstRead {
            board,
            parts: changes.clone().split(PER_TASK).into(),
            all: changes,
            laid_out: false,
        }
    }

    /// Reads the next part; true once every part is read.
    pub fn step(&mut self, roots: &Roots, doc: &Doc) -> bool {
        if let Some(part) = self.parts.pop_front() {
            self.laid_out |= part.patch(&mut self.board, roots, &doc.transact());
        }
        self.parts.is_empty()
    }

    /// The board read, what was read, and whether its layout changed.
    pub fn finish(self) -> (Board, Changes, bool) {
        (self.board, self.all, self.laid_out)
    }
}
