//! Working on one board together: the live connection that keeps the board's document in
//! sync with the server and everyone on it, and the badge that says whether it is saved.

pub mod connection_badge;
pub mod sync;
