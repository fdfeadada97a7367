//! Checkpoints in the database (`board_checkpoints`): add, list without their states, read
//! one state, delete, re-summarise. The same queries serve SQLite and PostgreSQL.

use sqlx::any::AnyRow;
use sqlx::Row;
use stormwall_model::history::Summary;

use super::retention::Entry;
use super::{Checkpoint, Reason};
use crate::store::Store;

const COLUMNS: &str = "id, created_at, name, reason, created_by, summary, bytes";

fn row_to_checkpoint(r: &AnyRow) -> Result<Checkpoint, sqlx::Error> {
    let summary: String = r.try_get("summary")?;
    Ok(Checkpoint {
        id: r.try_get("id")?,
        created_at: r.try_get("created_at")?,
        name: r.try_get("name")?,
        reason: Reason::parse(&r.try_get::<String, _>("reason")?),
        by: r.try_get("created_by")?,
        summary: serde_json::from_str(&summary).unwrap_or_default(),
        bytes: r.try_get::<i64, _>("bytes")?.max(0) as usize,
    })
}

fn summary_json(s: &Summary) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "{}".into())
}

/// Stores a checkpoint with its state.
pub async fn insert(
    store: &Store,
    board: &str,
    c: &Checkpoint,
    data: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO board_checkpoints (board_id, id, created_at, name, reason, created_by, \
         summary, data, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(board)
    .bind(&c.id)
    .bind(c.created_at)
    .bind(c.name.as_deref())
    .bind(c.reason.as_str())
    .bind(c.by.as_deref())
    .bind(summary_json(&c.summary))
    .bind(data)
    .bind(data.len() as i64)
    .execute(store.pool())
    .await
    .map(|_| ())
}

/// A board's checkpoints, newest first, without their states.
pub async fn list(store: &Store, board: &str) -> Result<Vec<Checkpoint>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM board_checkpoints WHERE board_id = $1 \
         ORDER BY created_at DESC, id DESC"
    ))
    .bind(board)
    .fetch_all(store.pool())
    .await?;
    rows.iter().map(row_to_checkpoint).collect()
}

/// One checkpoint, without its state.
pub async fn get(store: &Store, board: &str, id: &str) -> Result<Option<Checkpoint>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM board_checkpoints WHERE board_id = $1 AND id = $2"
    ))
    .bind(board)
    .bind(id)
    .fetch_optional(store.pool())
    .await?;
    row.as_ref().map(row_to_checkpoint).transpose()
}

/// The state of checkpoint `id`, or of the board's newest checkpoint when `id` is `None`.
pub async fn state(
    store: &Store,
    board: &str,
    id: Option<&str>,
) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let q = match id {
        Some(id) => {
            sqlx::query("SELECT data FROM board_checkpoints WHERE board_id = $1 AND id = $2")
                .bind(board)
                .bind(id)
        }
        None => sqlx::query(
            "SELECT data FROM board_checkpoints WHERE board_id = $1 \
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(board),
    };
    let row = q.fetch_optional(store.pool()).await?;
    row.map(|r| r.try_get("data")).transpose()
}

/// When the board's newest checkpoint was made.
pub async fn newest(store: &Store, board: &str) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query("SELECT MAX(created_at) AS t FROM board_checkpoints WHERE board_id = $1")
        .bind(board)
        .fetch_one(store.pool())
        .await?;
    row.try_get("t")
}

/// Every checkpoint of a board as retention sees it.
pub async fn entries(store: &Store, board: &str) -> Result<Vec<Entry>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id, created_at, reason FROM board_checkpoints WHERE board_id = $1")
            .bind(board)
            .fetch_all(store.pool())
            .await?;
    rows.iter()
        .map(|r| {
            Ok(Entry {
                id: r.try_get("id")?,
                created_at: r.try_get("created_at")?,
                named: r.try_get::<String, _>("reason")? == Reason::Named.as_str(),
            })
        })
        .collect()
}

/// Deletes checkpoints; returns how many there were.
pub async fn delete(store: &Store, board: &str, ids: &[String]) -> Result<u64, sqlx::Error> {
    let mut tx = store.pool().begin().await?;
    let mut n = 0;
    for id in ids {
        n += sqlx::query("DELETE FROM board_checkpoints WHERE board_id = $1 AND id = $2")
            .bind(board)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    tx.commit().await?;
    Ok(n)
}

/// Replaces a checkpoint's summary.
pub async fn set_summary(
    store: &Store,
    board: &str,
    id: &str,
    s: &Summary,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE board_checkpoints SET summary = $1 WHERE board_id = $2 AND id = $3")
        .bind(summary_json(s))
        .bind(board)
        .bind(id)
        .execute(store.pool())
        .await
        .map(|_| ())
}

/// How many named checkpoints a board has.
pub async fn named_count(store: &Store, board: &str) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM board_checkpoints WHERE board_id = $1 AND reason = 'named'",
    )
    .bind(board)
    .fetch_one(store.pool())
    .await?;
    row.try_get("n")
}
