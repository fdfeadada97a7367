//! What a room needs from durable storage, as a small trait: load a board's document, append
//! updates, compact. The SQL [`Store`] implements it for one node; a cluster member implements
//! it over its shared log without the room changing.
//!
//! Failures are classified: a *transient* one (database unreachable, busy, read-only for a
//! while, pool exhausted) is retried with backoff; a *permanent* one (a constraint broken, data
//! the database will never take) is not retried, and the room tells its clients the board
//! cannot be saved.

use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;

use crate::store::{Store, StoredDoc};

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
}
