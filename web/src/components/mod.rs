//! The board's view, a component per file, each named after what the user sees.

pub mod app;
pub mod board_list;
pub mod board_page;
pub mod connection_badge;
pub mod palette;
pub mod sticky_note;
