//! Stormwall's server: the board web app, live sync over y-websocket, storage, and the REST API.
//!
//! The sync path: [`ws`] turns sockets into frames for a board's [`room`] (an actor owning the
//! Yjs document), which hands updates to its storage writer ([`persist`]) over [`store`].

pub mod access;
pub mod api;
pub mod app;
pub mod board_id;
pub mod catalog;
pub mod cli;
pub mod cluster;
pub mod config;
pub mod drafts;
pub mod error;
pub mod history;
pub mod http_guard;
pub mod listen;
pub mod metrics;
pub mod model_api;
pub mod outbox;
pub mod persist;
pub mod presence;
pub mod rate;
pub mod room;
pub mod rooms;
pub mod storage;
pub mod store;
pub mod workshop;
pub mod ws;
