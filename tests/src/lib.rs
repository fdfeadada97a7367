//! Test harness: an in-process Stormwall server on a free port, and a Rust y-websocket peer
//! that holds a real yrs document. Used by the integration tests and the load generator.

pub mod peer;
pub mod server;

pub use peer::Peer;
pub use server::TestServer;
