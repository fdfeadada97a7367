//! Process-wide counters exposed at `GET /api/metrics` in the Prometheus text format.

use std::fmt::Write;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering::Relaxed};

/// Counters updated by rooms and the storage writers.
#[derive(Default)]
pub struct Metrics {
    /// Boards currently loaded in memory.
    pub boards_loaded: AtomicI64,
    /// Open sync connections.
    pub connections: AtomicI64,
    /// Document updates applied since start.
    pub updates: AtomicU64,
    /// Bytes of update payload received since start.
    pub update_bytes: AtomicU64,
    /// Bytes written to the database since start (log appends and snapshots).
    pub bytes_stored: AtomicU64,
    /// Transactions committed since start.
    pub commits: AtomicU64,
    /// Sum of commit latencies, microseconds.
    pub commit_micros: AtomicU64,
    /// Latest commit latency, microseconds.
    pub last_commit_micros: AtomicU64,
    /// Connections closed for a protocol violation or a limit.
    pub rejected_connections: AtomicU64,
    /// A storage write is failing and being retried right now.
    pub storage_failing: AtomicBool,
}

impl Metrics {
    /// Records one committed transaction that wrote `bytes` and took `micros`.
    pub fn commit(&self, bytes: usize, micros: u64) {
        self.bytes_stored.fetch_add(bytes as u64, Relaxed);
        self.commits.fetch_add(1, Relaxed);
        self.commit_micros.fetch_add(micros, Relaxed);
        self.last_commit_micros.store(micros, Relaxed);
    }

    /// The Prometheus text exposition of every counter.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let rows: [(&str, &str, &str, i128); 10] = [
            (
                "stormwall_storage_failing",
                "gauge",
                "1 while a storage write is failing and being retried",
                (self.storage_failing.load(Relaxed) as i64).into(),
            ),
            (
                "stormwall_boards_loaded",
                "gauge",
                "Boards loaded in memory",
                self.boards_loaded.load(Relaxed).into(),
            ),
            (
                "stormwall_connections",
                "gauge",
                "Open sync connections",
                self.connections.load(Relaxed).into(),
            ),
            (
                "stormwall_updates_total",
                "counter",
                "Document updates applied",
                self.updates.load(Relaxed).into(),
            ),
            (
                "stormwall_update_bytes_total",
                "counter",
                "Update payload bytes received",
                self.update_bytes.load(Relaxed).into(),
            ),
            (
                "stormwall_bytes_stored_total",
                "counter",
                "Bytes written to the database",
                self.bytes_stored.load(Relaxed).into(),
            ),
            (
                "stormwall_commits_total",
                "counter",
                "Database transactions committed",
                self.commits.load(Relaxed).into(),
            ),
            (
                "stormwall_commit_micros_total",
                "counter",
                "Sum of commit latencies in microseconds",
                self.commit_micros.load(Relaxed).into(),
            ),
            (
                "stormwall_last_commit_micros",
                "gauge",
                "Latest commit latency in microseconds",
                self.last_commit_micros.load(Relaxed).into(),
            ),
            (
                "stormwall_rejected_connections_total",
                "counter",
                "Connections closed for bad input or limits",
                self.rejected_connections.load(Relaxed).into(),
            ),
        ];
        for (name, kind, help, value) in rows {
            let _ = writeln!(
                s,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
            );
        }
        s
    }
}
