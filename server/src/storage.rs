//! What a room needs from durable storage, as a small trait: load a board's document, append
//! updates, compact, and keep checkpoints of it. The SQL [`Store`] implements it for one node; a cluster member implements
//! it over its shared log without the room changing.
//!
//! Failures are classified: a *transient* one (database unreachable, busy, read-only for a
//! while, pool exhausted) is retried with backoff; a *permanent* one (a constraint broken, data
//! the database will never take) is not retried, and the room tells its clients the board
//! cannot be saved.

use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;

use crate::history::retention::Relinked;
use crate::history::{self, Checkpoint, HistoryPolicy};
use crate::store::{Store, StoredDoc};
use stormwall_model::history::Summary;

/// A boxed future, for a trait that can be used as `dyn`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A storage failure and whether retrying can help.
#[derive(Debug, thiserror::Error)]
#[error("{source}")]
pub struct StorageError {
    /// Retrying later may succeed.
    pub transient: bool,
    /// What the database said (logged, never sent to clients).
    #[source]
    pub source: anyhow::Error,
}

impl From<sqlx::Error> for StorageError {
    fn from(e: sqlx::Error) -> Self {
        use sqlx::Error as E;
        let transient = match &e {
            E::Io(_) | E::PoolTimedOut | E::PoolClosed | E::WorkerCrashed | E::Tls(_) => true,
            E::Protocol(_) => true,
            // Constraint violations never succeed on retry; read-only, locked, busy, out of
            // disk and connection loss may.
            E::Database(db) => !matches!(
                db.kind(),
                sqlx::error::ErrorKind::UniqueViolation
                    | sqlx::error::ErrorKind::ForeignKeyViolation
                    | sqlx::error::ErrorKind::NotNullViolation
                    | sqlx::error::ErrorKind::CheckViolation
            ),
            _ => false,
        };
        StorageError {
            transient,
            source: e.into(),
        }
    }
}

/// Durable storage of board documents, as a room uses it.
pub trait DocStore: Send + Sync + 'static {
    /// The board's snapshot and the log after it, read consistently.
    fn load<'a>(&'a self, board: &'a str) -> BoxFuture<'a, Result<StoredDoc, StorageError>>;
    /// Appends updates (sequence number, bytes) in one transaction.
    fn append<'a>(
        &'a self,
        board: &'a str,
        updates: &'a [(i64, Bytes)],
    ) -> BoxFuture<'a, Result<(), StorageError>>;
    /// Replaces snapshot and log up to `upto` with `data`, in one transaction.
    fn compact<'a>(
        &'a self,
        board: &'a str,
        upto: i64,
        data: &'a [u8],
    ) -> BoxFuture<'a, Result<(), StorageError>>;
    /// When the board's newest checkpoint was made (ms since the epoch).
    fn newest_checkpoint<'a>(
        &'a self,
        board: &'a str,
    ) -> BoxFuture<'a, Result<Option<i64>, StorageError>>;
    /// The state of checkpoint `id`, or of the newest one when `id` is `None`.
    fn checkpoint_state<'a>(
        &'a self,
        board: &'a str,
        id: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, StorageError>>;
    /// Stores a checkpoint and its state.
    fn add_checkpoint<'a>(
        &'a self,
        board: &'a str,
        checkpoint: &'a Checkpoint,
        data: &'a [u8],
    ) -> BoxFuture<'a, Result<(), StorageError>>;
    /// Deletes the checkpoints `policy` no longer keeps at `now`; returns the kept ones whose
    /// previous checkpoint went, each with its new previous one (their summaries are stale).
    fn thin_checkpoints<'a>(
        &'a self,
        board: &'a str,
        policy: &'a HistoryPolicy,
        now: i64,
    ) -> BoxFuture<'a, Result<Vec<Relinked>, StorageError>>;
    /// Replaces a checkpoint's summary.
    fn set_checkpoint_summary<'a>(
        &'a self,
        board: &'a str,
        id: &'a str,
        summary: &'a Summary,
    ) -> BoxFuture<'a, Result<(), StorageError>>;
}

impl DocStore for Store {
    fn load<'a>(&'a self, board: &'a str) -> BoxFuture<'a, Result<StoredDoc, StorageError>> {
        Box::pin(async move { Ok(self.load_doc(board).await?) })
    }

    fn append<'a>(
        &'a self,
        board: &'a str,
        updates: &'a [(i64, Bytes)],
    ) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async move { Ok(Store::append(self, board, updates).await?) })
    }

    fn compact<'a>(
        &'a self,
        board: &'a str,
        upto: i64,
        data: &'a [u8],
    ) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async move { Ok(Store::compact(self, board, upto, data).await?) })
    }

    fn newest_checkpoint<'a>(
        &'a self,
        board: &'a str,
    ) -> BoxFuture<'a, Result<Option<i64>, StorageError>> {
        Box::pin(async move { Ok(history::store::newest(self, board).await?) })
    }

    fn checkpoint_state<'a>(
        &'a self,
        board: &'a str,
        id: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, StorageError>> {
        Box::pin(async move { Ok(history::store::state(self, board, id).await?) })
    }

    fn add_checkpoint<'a>(
        &'a self,
        board: &'a str,
        checkpoint: &'a Checkpoint,
        data: &'a [u8],
    ) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async move { Ok(history::store::insert(self, board, checkpoint, data).await?) })
    }

    fn thin_checkpoints<'a>(
        &'a self,
        board: &'a str,
        policy: &'a HistoryPolicy,
        now: i64,
    ) -> BoxFuture<'a, Result<Vec<Relinked>, StorageError>> {
        Box::pin(async move {
            let all = history::store::entries(self, board).await?;
            let gone = history::retention::expired(&all, now, policy);
            if gone.is_empty() {
                return Ok(Vec::new());
            }
            history::store::delete(self, board, &gone).await?;
            Ok(history::retention::relinked(&all, &gone))
        })
    }

    fn set_checkpoint_summary<'a>(
        &'a self,
        board: &'a str,
        id: &'a str,
        summary: &'a Summary,
    ) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async move { Ok(history::store::set_summary(self, board, id, summary).await?) })
    }
}
