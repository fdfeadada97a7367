//! Stormwall's model: what a board is, independent of where it lives.
//!
//! Pure Rust with no IO and no async, so the same code runs natively in the server and as
//! WebAssembly in the board. The board's live state is a Yjs document ([`doc`]); analysis and
//! export work on a plain snapshot of it ([`board::Board`]).

pub mod board;
pub mod doc;
pub mod kind;
pub mod text;

pub use board::{Board, Frame, Link, Sticky};
pub use kind::StickyKind;
