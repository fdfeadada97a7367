//! A board's storage writer: appends updates with group commit, compacts on request, and
//! reports progress back to the room: the highest committed sequence number (for "saved"
//! acks), the bytes still unsaved, how long the oldest write has waited, and whether storage
//! refused the board for good.
//!
//! One writer task per loaded board keeps that board's writes in order, and it holds the
//! board's writer lease until it has written everything: a room for the same board loads only
//! after the previous writer finished. A transient failure (database unreachable, busy,
//! read-only) is retried with backoff while the room goes on syncing live and withholds "saved"
//! acknowledgements; a permanent one is not retried and marks the board as failed.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot, watch, OwnedMutexGuard};
use tokio::time::{sleep, timeout_at, Instant};

use yrs::updates::decoder::Decode;
use yrs::{ReadTxn, StateVector, Transact, Update};

use crate::metrics::Metrics;
use crate::storage::{DocStore, StorageError};
use crate::store::now_ms;

/// Work for the writer, processed in order.
pub enum PersistMsg {
    /// Append one update with its sequence number.
    Append(i64, Bytes),
    /// Merge the stored snapshot and log into a new snapshot (off the room's task).
    Compact,
    /// Answer once everything before it is committed (or given up).
    Flush(oneshot::Sender<()>),
    /// Store a checkpoint, then thin the board's checkpoints (see [`crate::history`]).
    Checkpoint(Box<crate::history::Pending>),
}

/// Most messages taken into one transaction.
const MAX_BATCH: usize = 2048;

/// Bytes a queued update is counted for beyond its payload (queue and batch overhead), so a
/// flood of tiny updates is bounded too.
pub const OVERHEAD: usize = 64;

/// What the writer and its room share.
#[derive(Default)]
pub struct Progress {
    /// The document's stored size: snapshot plus log entries after it.
    pub size: DocSize,
    /// Bytes handed to the writer and not yet committed (with [`OVERHEAD`] each).
    pub unsaved: AtomicUsize,
    /// When the oldest uncommitted write started, milliseconds since the epoch; 0 when none.
    pub pending_since_ms: AtomicI64,
    /// Storage refused this board's writes for good; the room must stop accepting edits.
    pub failed: AtomicBool,
}

impl Progress {
    /// Milliseconds the oldest uncommitted write has waited.
    pub fn waiting_ms(&self) -> i64 {
        match self.pending_since_ms.load(Relaxed) {
            0 => 0,
            since => now_ms() - since,
        }
    }
}

/// A document's stored size, kept right across compactions that succeed or fail.
#[derive(Default)]
pub struct DocSize(Mutex<SizeInner>);

#[derive(Default)]
struct SizeInner {
    snapshot: usize,
    log: VecDeque<(i64, usize)>,
    log_bytes: usize,
}

impl DocSize {
    /// Starts from what was loaded.
    pub fn loaded(snapshot: usize, log: impl IntoIterator<Item = (i64, usize)>) -> Self {
        let log: VecDeque<_> = log.into_iter().collect();
        let log_bytes = log.iter().map(|(_, n)| n).sum();
        DocSize(Mutex::new(SizeInner {
            snapshot,
            log,
            log_bytes,
        }))
    }

    /// Bytes stored (or about to be): snapshot plus log.
    pub fn total(&self) -> usize {
        let s = self.0.lock().expect("size poisoned");
        s.snapshot + s.log_bytes
    }

    /// Counts an appended update.
    pub fn appended(&self, seq: i64, len: usize) {
        let mut s = self.0.lock().expect("size poisoned");
        s.log.push_back((seq, len));
        s.log_bytes += len;
    }

    /// A compaction up to `upto` committed a snapshot of `snapshot` bytes.
    pub fn compacted(&self, upto: i64, snapshot: usize) {
        let mut s = self.0.lock().expect("size poisoned");
        while s.log.front().is_some_and(|(seq, _)| *seq <= upto) {
            let (_, n) = s.log.pop_front().expect("checked");
            s.log_bytes -= n;
        }
        s.snapshot = snapshot;
    }
}

/// Runs the writer until its sender is dropped and everything is written, then releases the
/// board's writer lease.
pub async fn run(
    w: Writer,
    mut rx: mpsc::UnboundedReceiver<PersistMsg>,
    delay: Duration,
    lease: OwnedMutexGuard<()>,
) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        let deadline = Instant::now() + delay;
        while batch.len() < MAX_BATCH && !matches!(batch.last(), Some(PersistMsg::Flush(_))) {
            match timeout_at(deadline, rx.recv()).await {
                Ok(Some(m)) => batch.push(m),
                _ => break,
            }
        }
        let mut appends: Vec<(i64, Bytes)> = Vec::new();
        for msg in batch {
            match msg {
                PersistMsg::Append(seq, data) => appends.push((seq, data)),
                PersistMsg::Compact => {
                    w.write_appends(&mut appends).await;
                    w.compact().await;
                }
                PersistMsg::Flush(done) => {
                    w.write_appends(&mut appends).await;
                    let _ = done.send(());
                }
                PersistMsg::Checkpoint(pending) => {
                    w.write_appends(&mut appends).await;
                    w.checkpoint(*pending).await;
                }
            }
        }
        w.write_appends(&mut appends).await;
    }
    drop(lease);
}

/// Where a board's writer stores and whom it tells.
pub struct Writer {
    /// The storage.
    pub store: Arc<dyn DocStore>,
    /// The board written.
    pub board: String,
    /// Receives the highest committed sequence number.
    pub committed: watch::Sender<i64>,
    /// Process counters.
    pub metrics: Arc<Metrics>,
    /// Shared with the room.
    pub progress: Arc<Progress>,
    /// How long checkpoints are kept.
    pub history: crate::history::HistoryPolicy,
}

impl Writer {
    async fn write_appends(&self, appends: &mut Vec<(i64, Bytes)>) {
        let Some(&(last, _)) = appends.last() else {
            return;
        };
        let bytes: usize = appends.iter().map(|(_, d)| d.len()).sum();
        let p = &self.progress;
        if !p.failed.load(Relaxed) {
            let ok = self
                .waited(self.retry("append", || async {
                    let t = std::time::Instant::now();
                    self.store.append(&self.board, appends).await?;
                    self.metrics.commit(bytes, t.elapsed().as_micros() as u64);
                    Ok(())
                }))
                .await;
            if ok {
                self.committed.send_replace(last);
            }
        }
        p.unsaved
            .fetch_sub(bytes + OVERHEAD * appends.len(), Relaxed);
        appends.clear();
    }

    /// Runs a write the room's clients wait for: while it is under way, the room sees how long
    /// it has waited (and tells clients when storage fails).
    pub(crate) async fn waited<T>(&self, write: impl std::future::Future<Output = T>) -> T {
        let since = &self.progress.pending_since_ms;
        let _ = since.compare_exchange(0, now_ms(), Relaxed, Relaxed);
        let out = write.await;
        since.store(0, Relaxed);
        out
    }

    /// Replaces snapshot and log with one snapshot, in one transaction. The merge runs on a
    /// blocking thread: the room keeps serving while a large board is compacted.
    async fn compact(&self) {
        if self.progress.failed.load(Relaxed) {
            return;
        }
        let stored = std::sync::Mutex::new(None);
        self.retry("read the log to compact", || async {
            let doc = self.store.load(&self.board).await?;
            *stored.lock().expect("poisoned") = Some(doc);
            Ok(())
        })
        .await;
        let stored = stored.into_inner().expect("poisoned");
        let Some(stored) = stored.filter(|s| !s.updates.is_empty()) else {
            return;
        };
        let upto = stored.last_seq;
        let parts: Vec<Vec<u8>> = stored.snapshot.into_iter().chain(stored.updates).collect();
        let merged = tokio::task::spawn_blocking(move || {
            let doc = stormwall_model::doc::new_doc();
            let mut txn = doc.transact_mut();
            for p in &parts {
                txn.apply_update(Update::decode_v1(p)?)?;
            }
            drop(txn);
            let data = doc
                .transact()
                .encode_state_as_update_v1(&StateVector::default());
            anyhow::Ok(data)
        })
        .await;
        let board = &self.board;
        let data = match merged {
            Ok(Ok(data)) => data,
            Ok(Err(e)) => {
                return tracing::error!(board, error = %e, "log does not merge; compaction skipped")
            }
            Err(e) => return tracing::error!(board, error = %e, "compaction task failed"),
        };
        let done = self
            .retry("compact", || async {
                let t = std::time::Instant::now();
                self.store.compact(board, upto, &data).await?;
                self.metrics
                    .commit(data.len(), t.elapsed().as_micros() as u64);
                Ok(())
            })
            .await;
        if done {
            self.progress.size.compacted(upto, data.len());
        }
    }

    /// Retries a write while its failure is transient, backing off up to five seconds between
    /// tries. A permanent failure marks the board failed. Returns whether it succeeded.
    pub(crate) async fn retry<F, Fut>(&self, what: &str, mut f: F) -> bool
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<(), StorageError>>,
    {
        let board = &self.board;
        let mut wait = Duration::from_millis(50);
        loop {
            match f().await {
                Ok(()) => {
                    self.metrics.storage_failing.store(false, Relaxed);
                    return true;
                }
                Err(e) if e.transient => {
                    self.metrics.storage_failing.store(true, Relaxed);
                    tracing::error!(board, what, error = %e, retry_in_ms = wait.as_millis() as u64, "storage write failed; retrying");
                    sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(5));
                }
                Err(e) => {
                    tracing::error!(board, what, error = %e, "storage refused the write for good; the board stops taking edits");
                    self.progress.failed.store(true, Relaxed);
                    return false;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_follows_appends_and_only_successful_compactions() {
        let size = DocSize::loaded(100, [(1, 10), (2, 20)]);
        assert_eq!(size.total(), 130);
        size.appended(3, 5);
        assert_eq!(size.total(), 135);
        // A compaction up to 2 that produced a 90-byte snapshot.
        size.compacted(2, 90);
        assert_eq!(size.total(), 95);
        // A failed compaction changes nothing: the log entries stay counted.
        size.appended(4, 7);
        assert_eq!(size.total(), 102);
    }
}
