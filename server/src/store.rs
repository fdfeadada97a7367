//! Board storage over sqlx: the same queries serve SQLite and PostgreSQL through `sqlx::Any`.
//!
//! A board's document is a snapshot (`board_snapshots`, the merged state up to `upto_seq`) plus
//! an append-only log of updates after it (`board_updates`). Appends are grouped into one
//! transaction; compaction replaces snapshot and log in one transaction, so a crash at any
//! moment leaves either the old or the new state, never a gap. SQLite runs with
//! `synchronous = FULL`: a commit, and so a "saved" acknowledgement, survives power loss.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context;
use serde::Serialize;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};

/// A board as listed by the API.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BoardInfo {
    /// Stable id used in `/b/{id}` and `/sync/{id}`.
    pub id: String,
    /// Name chosen at creation.
    pub name: String,
    /// Creation time, milliseconds since the Unix epoch.
    pub created_at: i64,
}

/// Everything stored for one board's document.
#[derive(Debug, Default)]
pub struct StoredDoc {
    /// The compacted snapshot, if any.
    pub snapshot: Option<Vec<u8>>,
    /// Updates after the snapshot, in order.
    pub updates: Vec<Vec<u8>>,
    /// Highest sequence number stored (snapshot or log).
    pub last_seq: i64,
}

impl StoredDoc {
    /// Stored bytes in total.
    pub fn size(&self) -> usize {
        self.snapshot.as_ref().map_or(0, Vec::len)
            + self.updates.iter().map(Vec::len).sum::<usize>()
    }
}

/// Which database the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// The board store.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

pub(crate) fn row_to_info(r: &AnyRow) -> Result<BoardInfo, sqlx::Error> {
    Ok(BoardInfo {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

pub(crate) fn new_info(id: &str, name: &str) -> BoardInfo {
    BoardInfo {
        id: id.into(),
        name: name.into(),
        created_at: now_ms(),
    }
}

pub(crate) async fn insert_board<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
    info: &BoardInfo,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO boards (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(&info.id)
        .bind(&info.name)
        .bind(info.created_at)
        .execute(db)
        .await
        .map(|_| ())
}

/// Stores `doc` (an encoded Yjs update) as a new board's first snapshot.
pub(crate) async fn insert_snapshot<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
    id: &str,
    doc: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO board_snapshots (board_id, upto_seq, data) VALUES ($1, 0, $2)")
        .bind(id)
        .bind(doc)
        .execute(db)
        .await
        .map(|_| ())
}

impl Store {
    /// Connects, creating the SQLite file and its folder when missing, and runs migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            anyhow::bail!("unsupported database URL {url:?}: use sqlite://PATH or postgres://…");
        };
        let url = match backend {
            Backend::Sqlite => sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 10 })
            // A dead database fails a request in seconds instead of hanging it.
            .acquire_timeout(std::time::Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;").await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("cannot open database {}", redact(&url)))?;
        let migrator = match backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("../migrations/postgres"),
        };
        migrator
            .run(&pool)
            .await
            .context("database migration failed")?;
        Ok(Store { pool, backend })
    }

    /// The connection pool, for storage modules beside this one.
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Which backend is in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Creates a board.
    pub async fn create_board(&self, id: &str, name: &str) -> Result<BoardInfo, sqlx::Error> {
        let info = new_info(id, name);
        insert_board(&self.pool, &info).await?;
        Ok(info)
    }

    /// Creates a board whose document starts as `doc` (an encoded Yjs update, stored as its
    /// first snapshot), in one transaction: either both exist afterwards or neither does.
    pub async fn create_board_with_doc(
        &self,
        id: &str,
        name: &str,
        doc: &[u8],
    ) -> Result<BoardInfo, sqlx::Error> {
        let info = new_info(id, name);
        let mut tx = self.pool.begin().await?;
        insert_board(&mut *tx, &info).await?;
        insert_snapshot(&mut *tx, id, doc).await?;
        tx.commit().await?;
        Ok(info)
    }

    /// All boards, newest first.
    pub async fn list_boards(&self) -> Result<Vec<BoardInfo>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, name, created_at FROM boards WHERE draft_of IS NULL \
                 ORDER BY created_at DESC, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(row_to_info).collect()
    }

    /// One board, or `None` when no board has this id.
    pub async fn board(&self, id: &str) -> Result<Option<BoardInfo>, sqlx::Error> {
        let row = sqlx::query("SELECT id, name, created_at FROM boards WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(row_to_info).transpose()
    }

    /// Loads a board's document: snapshot plus the log after it.
    pub async fn load_doc(&self, id: &str) -> Result<StoredDoc, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        // Snapshot and log from one view of the database, even if a compaction commits between
        // the two reads (SQLite's read transaction already is one).
        if self.backend == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute(&mut *tx)
                .await?;
        }
        let snap = sqlx::query("SELECT upto_seq, data FROM board_snapshots WHERE board_id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let (snapshot, upto) = match snap {
            Some(r) => (
                Some(r.try_get::<Vec<u8>, _>("data")?),
                r.try_get::<i64, _>("upto_seq")?,
            ),
            None => (None, 0),
        };
        let rows = sqlx::query(
            "SELECT seq, data FROM board_updates WHERE board_id = $1 AND seq > $2 ORDER BY seq",
        )
        .bind(id)
        .bind(upto)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut doc = StoredDoc {
            snapshot,
            updates: Vec::with_capacity(rows.len()),
            last_seq: upto,
        };
        for r in rows {
            doc.last_seq = r.try_get("seq")?;
            doc.updates.push(r.try_get("data")?);
        }
        Ok(doc)
    }

    /// Appends updates to a board's log in one transaction (group commit).
    pub async fn append(
        &self,
        id: &str,
        updates: &[(i64, bytes::Bytes)],
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        for (seq, data) in updates {
            sqlx::query("INSERT INTO board_updates (board_id, seq, data) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(*seq)
                .bind(data.as_ref())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }

    /// Replaces the snapshot with `data` (the state up to `upto_seq`) and drops the log entries
    /// it includes, in one transaction.
    pub async fn compact(&self, id: &str, upto_seq: i64, data: &[u8]) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO board_snapshots (board_id, upto_seq, data) VALUES ($1, $2, $3) \
             ON CONFLICT (board_id) DO UPDATE SET upto_seq = excluded.upto_seq, data = excluded.data",
        )
        .bind(id)
        .bind(upto_seq)
        .bind(data)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM board_updates WHERE board_id = $1 AND seq <= $2")
            .bind(id)
            .bind(upto_seq)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }

    /// Answers when the database is reachable.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    /// Closes all connections.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// `sqlite://data/x.db` → an absolute-or-relative path with `mode=rwc`, creating its folder.
fn sqlite_url(url: &str) -> anyhow::Result<String> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or(rest);
    if path != ":memory:" {
        if let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
    }
    Ok(if rest.contains('?') {
        format!("sqlite://{rest}")
    } else {
        format!("sqlite://{rest}?mode=rwc")
    })
}

/// A URL safe to print: the password, if any, replaced.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://u:secret@h:5/db"),
            "postgres://u:***@h:5/db"
        );
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }

    #[tokio::test]
    async fn snapshot_and_log_round_trip_and_compact() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/s.db", dir.path().display());
        let store = Store::connect(&url).await.unwrap();
        store.create_board("b1", "Board").await.unwrap();
        assert_eq!(store.board("b1").await.unwrap().unwrap().name, "Board");
        assert!(store.board("nope").await.unwrap().is_none());
        store
            .append(
                "b1",
                &[
                    (1, bytes::Bytes::from_static(b"a")),
                    (2, bytes::Bytes::from_static(b"b")),
                ],
            )
            .await
            .unwrap();
        let d = store.load_doc("b1").await.unwrap();
        assert_eq!(
            (d.snapshot, d.updates, d.last_seq),
            (None, vec![b"a".to_vec(), b"b".to_vec()], 2)
        );
        store.compact("b1", 2, b"ab").await.unwrap();
        store
            .append("b1", &[(3, bytes::Bytes::from_static(b"c"))])
            .await
            .unwrap();
        let d = store.load_doc("b1").await.unwrap();
        assert_eq!(
            (d.snapshot, d.updates, d.last_seq),
            (Some(b"ab".to_vec()), vec![b"c".to_vec()], 3)
        );
    }

    #[tokio::test]
    async fn a_board_created_with_its_document_loads_it_as_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/s.db", dir.path().display());
        let store = Store::connect(&url).await.unwrap();
        let info = store
            .create_board_with_doc("b1", "Imported", b"doc")
            .await
            .unwrap();
        assert_eq!(store.board("b1").await.unwrap(), Some(info));
        let d = store.load_doc("b1").await.unwrap();
        assert_eq!((d.snapshot, d.last_seq), (Some(b"doc".to_vec()), 0));
        // A second board with the same id leaves nothing behind.
        assert!(store.create_board_with_doc("b1", "x", b"y").await.is_err());
        let d = store.load_doc("b1").await.unwrap();
        assert_eq!(d.snapshot, Some(b"doc".to_vec()));
        // Live updates append after the imported snapshot.
        store
            .append("b1", &[(1, bytes::Bytes::from_static(b"u"))])
            .await
            .unwrap();
        assert_eq!(store.load_doc("b1").await.unwrap().updates, [b"u".to_vec()]);
    }
}
