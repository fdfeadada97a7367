//! A board's history in model terms: what changed between two states ([`diff`]) and bringing
//! a live document back to an earlier state, whole or item by item ([`restore`]).
//!
//! Pure and IO-free like the rest of the model, so the browser uses the same code to preview a
//! checkpoint against the live board as the server uses to restore it.

pub mod diff;
pub mod restore;

pub use diff::{BoardDiff, Counts, Summary};
pub use restore::{restore_board, restore_items, with_links, Restored};

#[cfg(test)]
mod tests;
