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

    #[command(flatten)]
    pub cluster: ClusterConfig,

    #[command(flatten)]
    pub http: HttpPolicy,
}

/// Running as one node of a cluster: Redis carries every board's updates and awareness
/// between nodes, PostgreSQL stores them. Explained in `docs/deploy.md`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ClusterConfig {
    /// Redis URL (`redis://host:6379/0`) that makes this node a cluster member; needs a
    /// `postgres://` database shared by every node. Redis must run with `appendonly yes` and
    /// `appendfsync always`: an edit counts as saved once Redis acknowledged its append.
    #[arg(long, env = "STORMWALL_REDIS_URL")]
    pub redis_url: Option<String>,

    /// Milliseconds between two compactions of a board's stream into the database by the node
    /// holding the board's storage lease (and between two renewals of the lease).
    #[arg(long, env = "STORMWALL_CLUSTER_COMPACT_MS", default_value_t = 2000)]
    pub cluster_compact_ms: u64,

    /// Milliseconds a board's storage lease lasts unless renewed: how soon another node takes
    /// over storing a board when the holder dies.
    #[arg(long, env = "STORMWALL_CLUSTER_LEASE_MS", default_value_t = 10000)]
    pub cluster_lease_ms: u64,

    /// Milliseconds a node counts as alive after its last heartbeat: how soon the cursors of a
    /// dead node's clients disappear elsewhere.
    #[arg(long, env = "STORMWALL_CLUSTER_NODE_TTL_MS", default_value_t = 5000)]
    pub cluster_node_ttl_ms: u64,

    /// Milliseconds an entry stays in a board's stream at least, stored or not, so a node a
    /// little behind still reads what it missed.
    #[arg(
        long,
        env = "STORMWALL_CLUSTER_STREAM_LIFETIME_MS",
        default_value_t = 60000
    )]
    pub cluster_stream_lifetime_ms: u64,
}

/// Who may reach the server over HTTP and how often: origins, host names, metrics, request
/// time and rates. Explained in `docs/security.md`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct HttpPolicy {
    /// An origin besides the server's own that may open sync sockets and change state, e.g.
    /// `https://storm.example.com`. Repeat (or separate with commas) for more.
    #[arg(
        long = "allowed-origin",
        env = "STORMWALL_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    pub allowed_origins: Vec<String>,

    /// A host name the server answers to besides loopback names and the bind address (against
    /// DNS rebinding), e.g. `storm.example.com`; `*` accepts any. Repeat for more.
    #[arg(
        long = "allowed-host",
        env = "STORMWALL_ALLOWED_HOSTS",
        value_delimiter = ','
    )]
    pub allowed_hosts: Vec<String>,

    /// Bearer token that opens `/api/metrics` to remote scrapers; without it metrics answer
    /// only clients on this machine (loopback).
    #[arg(long, env = "STORMWALL_METRICS_TOKEN")]
    pub metrics_token: Option<String>,

    /// Seconds an HTTP request may take (headers, body and answer).
    #[arg(long, env = "STORMWALL_REQUEST_TIMEOUT_S", default_value_t = 30)]
    pub request_timeout_s: u64,

    /// Boards created or imported and requirement sets uploaded, per IP address per minute.
    #[arg(long, env = "STORMWALL_CREATES_PER_MINUTE", default_value_t = 30)]
    pub creates_per_minute: u32,

    /// Analysis and coverage computations running at once; more wait their turn.
    #[arg(long, env = "STORMWALL_ANALYSIS_CONCURRENCY", default_value_t = 2)]
    pub analysis_concurrency: usize,

    /// Seconds one analysis or coverage computation may take before it answers 503.
    #[arg(long, env = "STORMWALL_ANALYSIS_TIMEOUT_S", default_value_t = 10)]
    pub analysis_timeout_s: u64,
}

/// Limits that protect the server and every board from a single misbehaving client. Each is
/// explained, with its default and the reason for it, in `docs/security.md`.
#[derive(Debug, Clone, clap::Args)]
pub struct Limits {
    /// Largest accepted WebSocket frame, in bytes. Clients send small incremental updates; only
    /// a client replaying a large offline session sends more.
    #[arg(long, env = "STORMWALL_MAX_FRAME", default_value_t = 8 * 1024 * 1024)]
    pub max_frame_bytes: usize,

    /// Largest board document, in bytes of stored updates; updates that add content beyond it
    /// are refused (deletions are always accepted, so a full board can be cleaned up).
    #[arg(long, env = "STORMWALL_MAX_DOC", default_value_t = 64 * 1024 * 1024)]
    pub max_doc_bytes: usize,

    /// Bytes queued for one connection before it is disconnected as too slow.
    #[arg(long, env = "STORMWALL_OUTBOUND_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub outbound_bytes: usize,

    /// Bytes of received frames waiting for one board before its readers are paused.
    #[arg(long, env = "STORMWALL_INBOX_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub inbox_bytes: usize,

    /// Bytes of updates waiting to be stored for one board before new edits are refused.
    #[arg(long, env = "STORMWALL_SAVE_QUEUE_BYTES", default_value_t = 64 * 1024 * 1024)]
    pub save_queue_bytes: usize,

    /// Connections allowed on one board at once.
    #[arg(long, env = "STORMWALL_MAX_CONNECTIONS", default_value_t = 500)]
    pub max_connections_per_board: usize,

    /// Sync connections allowed in the whole process.
    #[arg(
        long,
        env = "STORMWALL_MAX_CONNECTIONS_TOTAL",
        default_value_t = 10_000
    )]
    pub max_connections_total: usize,

    /// Sync connections allowed from one IP address (a whole office may share one).
    #[arg(long, env = "STORMWALL_MAX_CONNECTIONS_PER_IP", default_value_t = 256)]
    pub max_connections_per_ip: usize,

    /// Boards loaded in memory at once; joining another waits for one to unload.
    #[arg(long, env = "STORMWALL_MAX_LOADED_BOARDS", default_value_t = 1_000)]
    pub max_loaded_boards: usize,

    /// Bytes of board documents loaded in memory at once (stored size).
    #[arg(long, env = "STORMWALL_MAX_LOADED_BYTES", default_value_t = 2 * 1024 * 1024 * 1024)]
    pub max_loaded_bytes: usize,

    /// Awareness client ids one connection may announce (a browser tab uses one).
    #[arg(long, env = "STORMWALL_AWARENESS_IDS", default_value_t = 4)]
    pub awareness_ids_per_connection: usize,

    /// Largest awareness state (one client's cursor, name and selection), in bytes.
    #[arg(long, env = "STORMWALL_AWARENESS_STATE_BYTES", default_value_t = 64 * 1024)]
    pub awareness_state_bytes: usize,

    /// Full-state requests (SyncStep1) and awareness queries a connection may burst; afterwards
    /// one per second.
    #[arg(long, env = "STORMWALL_SYNC_REQUEST_BURST", default_value_t = 8)]
    pub sync_request_burst: u32,

    /// "Saved" acknowledgements one connection may have pending.
    #[arg(long, env = "STORMWALL_PENDING_ACKS", default_value_t = 64)]
    pub pending_acks: usize,

    /// Milliseconds a write may stay uncommitted before clients are told storage is failing.
    #[arg(long, env = "STORMWALL_STORAGE_GRACE_MS", default_value_t = 3_000)]
    pub storage_grace_ms: u64,

    /// Milliseconds a board may take to load before a join or read gives up.
    #[arg(long, env = "STORMWALL_LOAD_TIMEOUT_MS", default_value_t = 15_000)]
    pub load_timeout_ms: u64,

    /// Milliseconds shutdown waits for boards to flush.
    #[arg(long, env = "STORMWALL_SHUTDOWN_FLUSH_MS", default_value_t = 10_000)]
    pub shutdown_flush_ms: u64,

    /// Milliseconds a board stays loaded after its last connection left.
    #[arg(long, env = "STORMWALL_IDLE_UNLOAD_MS", default_value_t = 30_000)]
    pub idle_unload_ms: u64,

    /// Longest wait, in milliseconds, before pending updates are committed together (a
    /// cluster member appends to its Redis stream at once).
    #[arg(long, env = "STORMWALL_COMMIT_DELAY_MS", default_value_t = 5)]
    pub commit_delay_ms: u64,

    /// Updates appended to the log before it is compacted into one snapshot.
    #[arg(long, env = "STORMWALL_COMPACT_EVERY", default_value_t = 500)]
    pub compact_every: u64,

    /// Checkpoints: when they are made and how long they are kept (`docs/history.md`).
    #[command(flatten)]
    pub history: crate::history::HistoryPolicy,
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

    /// How long a write may stay uncommitted before storage counts as failing.
    pub fn storage_grace(&self) -> Duration {
        Duration::from_millis(self.storage_grace_ms)
    }

    /// How long a board may take to load.
    pub fn load_timeout(&self) -> Duration {
        Duration::from_millis(self.load_timeout_ms)
    }

    /// How long shutdown waits for boards to flush.
    pub fn shutdown_flush(&self) -> Duration {
        Duration::from_millis(self.shutdown_flush_ms)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Config::parse_from(["stormwall"]).limits
    }
}
