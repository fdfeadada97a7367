//! A board's workshop session on the server: phase, countdown, "follow me", summons and dot
//! voting (the state is [`stormwall_model::workshop::Workshop`]), driven by the sync protocol's
//! workshop messages.
//!
//! The room hands every workshop message here with the sender's connection id and gets back
//! the frames to send and, when a vote closes, the results to put on the board. Only
//! facilitators change the state; anyone else is answered with the state and a reason. Ballots
//! never leave the server while a round is open: each connection is told only its own voter's
//! votes, and a vote changes only the frames sent to that voter's connections. Controls and
//! view updates are rate-limited per connection; bad payloads are answered, never fatal.

mod session;
pub mod store;

pub use session::{Reply, Session};
