//! A board's storage writer: appends updates with group commit, compacts on request, and
//! reports the highest committed sequence number back to the room (for "saved" acks).
//!
//! One writer task per loaded board keeps that board's writes in order. When the database is
//! unreachable the writer keeps the batch and retries with backoff; the room goes on syncing
//! live and simply withholds "saved" acknowledgements until the commit succeeds.

use std::sync::Arc;
use std::time::Duration;

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::{sleep, timeout_at, Instant};

use yrs::updates::decoder::Decode;
use yrs::{ReadTxn, StateVector, Transact, Update};

use crate::metrics::Metrics;
use crate::store::Store;

/// Work for the writer, processed in order.
pub enum PersistMsg {
    /// Append one update with its sequence number.
    Append(i64, Bytes),
    /// Merge the stored snapshot and log into a new snapshot (off the room's task).
    Compact,
    /// Answer once everything before it is committed.
    Flush(oneshot::Sender<()>),
}

/// Most messages taken into one transaction.
const MAX_BATCH: usize = 2048;

/// Runs the writer until its sender is dropped and everything is written.
pub async fn run(
    store: Store,
    board: String,
    mut rx: mpsc::Receiver<PersistMsg>,
    committed: watch::Sender<i64>,
    delay: Duration,
    metrics: Arc<Metrics>,
    snapshot_bytes: Arc<AtomicUsize>,
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
                    write_appends(&store, &board, &mut appends, &committed, &metrics).await;
                    compact(&store, &board, &metrics, &snapshot_bytes).await;
                }
                PersistMsg::Flush(done) => {
                    write_appends(&store, &board, &mut appends, &committed, &metrics).await;
                    let _ = done.send(());
                }
            }
        }
        write_appends(&store, &board, &mut appends, &committed, &metrics).await;
    }
}

/// Replaces snapshot and log with one snapshot, in one transaction. The merge runs on a
/// blocking thread: the room keeps serving while a large board is compacted.
async fn compact(store: &Store, board: &str, metrics: &Metrics, snapshot_bytes: &AtomicUsize) {
    let stored = loop {
        match store.load_doc(board).await {
            Ok(s) => break s,
            Err(e) => {
                tracing::error!(board, error = %e, "cannot read the log to compact; retrying");
                sleep(Duration::from_millis(500)).await;
            }
        }
    };
    if stored.updates.is_empty() {
        return;
    }
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
    let data = match merged {
        Ok(Ok(data)) => data,
        Ok(Err(e)) => {
            return tracing::error!(board, error = %e, "log does not merge; compaction skipped")
        }
        Err(e) => return tracing::error!(board, error = %e, "compaction task failed"),
    };
    retry(board, "compact", || async {
        let t = std::time::Instant::now();
        store.compact(board, upto, &data).await?;
        metrics.commit(data.len(), t.elapsed().as_micros() as u64);
        Ok(())
    })
    .await;
    snapshot_bytes.store(data.len(), Relaxed);
}

async fn write_appends(
    store: &Store,
    board: &str,
    appends: &mut Vec<(i64, Bytes)>,
    committed: &watch::Sender<i64>,
    metrics: &Metrics,
) {
    let Some(&(last, _)) = appends.last() else {
        return;
    };
    let bytes: usize = appends.iter().map(|(_, d)| d.len()).sum();
    retry(board, "append", || async {
        let t = std::time::Instant::now();
        store.append(board, appends).await?;
        metrics.commit(bytes, t.elapsed().as_micros() as u64);
        Ok(())
    })
    .await;
    appends.clear();
    committed.send_replace(last);
}

/// Retries a write until it succeeds, backing off up to five seconds between tries.
async fn retry<F, Fut>(board: &str, what: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), sqlx::Error>>,
{
    let mut wait = Duration::from_millis(50);
    loop {
        match f().await {
            Ok(()) => return,
            Err(e) => {
                tracing::error!(board, what, error = %e, retry_in_ms = wait.as_millis() as u64, "storage write failed; retrying");
                sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(5));
            }
        }
    }
}
