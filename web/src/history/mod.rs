//! Undo and redo of this page's own edits.

pub mod undo;
