//! Working on one board together: the live connection that keeps the board's document in
//! sync with the server and everyone on it, the badge that says whether it is saved, and share
//! links with roles — the [`share_dialog`] shows the links, the [`access_bar`] the role and the
//! lock, and [`links`] keeps what this browser knows of the boards it opened.

pub mod access_bar;
pub mod connection_badge;
pub mod first_read;
pub mod links;
pub mod share_dialog;
pub mod sync;

pub use links::*;
