//! Command-line and environment configuration of the `stormwall` binary.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

pub use crate::cli::Command;

/// Stormwall: a collaborative Event Storming whiteboard server.
///
/// Serves the board web app, syncs boards live over the y-websocket protocol at
/// `/sync/{board_id}`, and persists them in SQLite (default) or PostgreSQL. Without a
/// subcommand it serves; `stormwall check` checks an exported board file.
#[derive(Debug, Clone, Parser)]
#[command(name = "stormwall", version, about, long_about = None)]
pub struct Config {
    /// What to do instead of serving.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Address to listen on.
    #[arg(long, env = "STORMWALL_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Database URL: `sqlite://PATH` (created when missing) or `postgres://…`.
    /// Defaults to a SQLite file under `./data/`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/stormwall.db"
    )]
    pub database_url: String,

    /// Folder holding the built board (Trunk's `dist`). Without it only the API is served.
    #[arg(long, env = "STORMWALL_WEB_DIR", default_value = "web/dist")]
    pub web_dir: PathBuf,

    #[command(flatten)]
    pub limits: Limits,
}

/// Limits that protect the server and every board from a single misbehaving client.
#[derive(Debug, Clone, clap::Args)]
pub struct Limits {
    /// Largest accepted WebSocket frame, in bytes.
    #[arg(long, env = "STORMWALL_MAX_FRAME", default_value_t = 16 * 1024 * 1024)]
    pub max_frame_bytes: usize,

    /// Largest board document, in bytes of stored updates; updates beyond it are refused.
    #[arg(long, env = "STORMWALL_MAX_DOC", default_value_t = 64 * 1024 * 1024)]
    pub max_doc_bytes: usize,

    /// Messages queued for one connection before it is disconnected as too slow.
    #[arg(long, env = "STORMWALL_OUTBOUND_QUEUE", default_value_t = 4096)]
    pub outbound_queue: usize,

    /// Connections allowed on one board at once.
    #[arg(long, env = "STORMWALL_MAX_CONNECTIONS", default_value_t = 500)]
    pub max_connections_per_board: usize,

    /// Milliseconds a board stays loaded after its last connection left.
    #[arg(long, env = "STORMWALL_IDLE_UNLOAD_MS", default_value_t = 30_000)]
    pub idle_unload_ms: u64,

    /// Longest wait, in milliseconds, before pending updates are committed together.
    #[arg(long, env = "STORMWALL_COMMIT_DELAY_MS", default_value_t = 5)]
    pub commit_delay_ms: u64,

    /// Updates appended to the log before it is compacted into one snapshot.
    #[arg(long, env = "STORMWALL_COMPACT_EVERY", default_value_t = 500)]
    pub compact_every: u64,
}

impl Limits {
    /// How long an idle board stays in memory.
    pub fn idle_unload(&self) -> Duration {
        Duration::from_millis(self.idle_unload_ms)
    }

    /// The group-commit window.
    pub fn commit_delay(&self) -> Duration {
        Duration::from_millis(self.commit_delay_ms)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Config::parse_from(["stormwall"]).limits
    }
}
