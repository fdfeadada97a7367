//! One board's durable storage in a cluster: the node holding the board's lease (a Redis key
//! set with `NX PX`, renewed while held, taken over by another node once it expires) merges
//! the stream into the board's PostgreSQL snapshot and only after that commit trims the
//! stream (`XTRIM MINID`), keeping every entry for at least the stream lifetime so a node a
//! little behind still reads what it missed.
//!
//! The merge happens inside a transaction that locks the board's row and merges onto the
//! snapshot it reads there: two nodes that both believe they hold the lease (a paused
//! process) each add to the stored state, neither overwrites the other's.

use std::sync::Arc;
use std::time::Duration;

use redis::aio::ConnectionManager;
use redis::streams::StreamRangeReply;
use sqlx::Row;
use stormwall_model::protocol::{self, Incoming};
use tokio::sync::mpsc;
use yrs::{ReadTxn, StateVector, Transact};

use super::entry::{self, stream_key};
use super::reader::parse_id;
use super::Remote;
use crate::store::Store;

/// How often, and for how long, a board's lease and stream are kept.
#[derive(Debug, Clone)]
pub struct Timing {
    /// Between compactions (and lease renewals).
    pub every: Duration,
    /// How long a lease lasts unless renewed.
    pub lease: Duration,
    /// How long an entry stays in the stream at least.
    pub lifetime: Duration,
}

/// Most entries read per page of the stream.
const PAGE: usize = 1000;

const RENEW: &str = "if redis.call('get', KEYS[1]) == ARGV[1] then \
                     return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE: &str = "if redis.call('get', KEYS[1]) == ARGV[1] then \
                       return redis.call('del', KEYS[1]) else return 0 end";

/// Keeps one followed board stored while its room lives.
pub struct Keeper {
    pub board: String,
    /// This room's lease token (the node id and a random suffix).
    pub token: String,
    pub conn: ConnectionManager,
    pub store: Store,
    /// The room's queue: closes when the room goes; told of compactions.
    pub tx: mpsc::Sender<Remote>,
    pub timing: Arc<Timing>,
    /// Frames over this size in the stream are skipped.
    pub max_message: usize,
    /// Update bytes merged per compaction at most (the rest waits for the next one).
    pub max_bytes: usize,
}

fn lease_key(board: &str) -> String {
    format!("stormwall:lease:{board}")
}

/// Document updates from a page of stream entries (awareness and access changes skipped).
pub fn updates(page: &StreamRangeReply, max_message: usize, into: &mut Vec<Vec<u8>>) {
    for e in &page.ids {
        let Ok(entry) = entry::decode(&e.map, max_message) else {
            continue;
        };
        if let super::Body::Message(m) = entry.body {
            if let Ok(Incoming::Update(u) | Incoming::SyncStep2(u)) =
                protocol::decode_with(&m, max_message)
            {
                into.push(u);
            }
        }
    }
}

/// The id right after `id`, for an exclusive range start or a trim bound.
fn after(id: &str) -> Option<String> {
    let (ms, seq) = parse_id(id)?;
    Some(match seq.checked_add(1) {
        Some(s) => format!("{ms}-{s}"),
        None => format!("{}-0", ms.checked_add(1)?),
    })
}

impl Keeper {
    pub async fn run(mut self) {
        let mut holder = false;
        let mut compacted: Option<String> = None;
        let mut tick = tokio::time::interval(self.timing.every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = self.tx.closed() => break,
                _ = tick.tick() => {}
            }
            holder = self.lease(holder).await;
            if holder {
                self.compact(&mut compacted).await;
            }
        }
        // The room has written everything it had: store it before letting the lease go.
        if self.lease(holder).await {
            self.compact(&mut compacted).await;
            let _ = redis::cmd("EVAL")
                .arg(RELEASE)
                .arg(1)
                .arg(lease_key(&self.board))
                .arg(&self.token)
                .query_async::<i64>(&mut self.conn)
                .await;
        }
    }

    /// Renews the lease when held, else tries to take it. Returns whether it is held.
    async fn lease(&mut self, holder: bool) -> bool {
        let ms = self.timing.lease.as_millis() as u64;
        let key = lease_key(&self.board);
        let got = if holder {
            redis::cmd("EVAL")
                .arg(RENEW)
                .arg(1)
                .arg(&key)
                .arg(&self.token)
                .arg(ms)
                .query_async::<i64>(&mut self.conn)
                .await
                .map(|n| n == 1)
        } else {
            redis::cmd("SET")
                .arg(&key)
                .arg(&self.token)
                .arg("NX")
                .arg("PX")
                .arg(ms)
                .query_async::<Option<String>>(&mut self.conn)
                .await
                .map(|ok| ok.is_some())
        };
        match got {
            Ok(held) => {
                if held != holder {
                    tracing::info!(board = %self.board, held, "cluster: storage lease changed");
                }
                held
            }
            Err(e) => {
                tracing::warn!(board = %self.board, error = %e, "cluster: cannot renew the storage lease");
                false
            }
        }
    }

    /// Merges what the stream holds (up to its newest entry) into the stored snapshot, then
    /// trims the stream up to it (but not entries younger than the lifetime).
    async fn compact(&mut self, compacted: &mut Option<String>) {
        let key = stream_key(&self.board);
        let newest: Result<StreamRangeReply, _> = redis::cmd("XREVRANGE")
            .arg(&key)
            .arg("+")
            .arg("-")
            .arg("COUNT")
            .arg(1)
            .query_async(&mut self.conn)
            .await;
        let Some(newest) = newest
            .ok()
            .and_then(|r| r.ids.into_iter().next())
            .map(|e| e.id)
        else {
            return;
        };
        if compacted.as_deref() == Some(newest.as_str()) {
            // Stored already; entries that were too young to go may go now.
            if let Err(e) = self.trim(&key, &newest).await {
                tracing::warn!(board = %self.board, error = %e, "cluster: cannot trim the stream");
            }
            return;
        }
        let (parts, upto) = match self.read(&key, &newest).await {
            Ok(read) => read,
            Err(e) => {
                return tracing::warn!(board = %self.board, error = %e, "cluster: cannot read the stream to store it")
            }
        };
        // Only awareness since the last time: nothing to store, only to trim.
        let merged = if parts.is_empty() {
            Ok(Some(None))
        } else {
            merge_into_snapshot(&self.store, &self.board, parts)
                .await
                .map(|m| m.map(Some))
        };
        let stored = match merged {
            Ok(Some(len)) => len,
            Ok(None) => {
                // The board was deleted: its stream goes too.
                let _ = redis::cmd("DEL")
                    .arg(&key)
                    .query_async::<()>(&mut self.conn)
                    .await;
                return;
            }
            Err(e) => {
                return tracing::warn!(board = %self.board, error = %e, "cluster: cannot store the stream; retrying later")
            }
        };
        if let Some(len) = stored {
            let _ = self.tx.try_send(Remote::Compacted(len));
        }
        if let Err(e) = self.trim(&key, &upto).await {
            tracing::warn!(board = %self.board, error = %e, "cluster: cannot trim the stream");
        }
        *compacted = Some(upto);
    }

    /// The updates of the stream up to `newest` (fewer when over the byte budget), and the
    /// id of the last entry read.
    async fn read(
        &mut self,
        key: &str,
        newest: &str,
    ) -> redis::RedisResult<(Vec<Vec<u8>>, String)> {
        let mut parts = Vec::new();
        let mut start = "-".to_string();
        let mut last = start.clone();
        loop {
            let page: StreamRangeReply = redis::cmd("XRANGE")
                .arg(key)
                .arg(&start)
                .arg(newest)
                .arg("COUNT")
                .arg(PAGE)
                .query_async(&mut self.conn)
                .await?;
            let Some(end) = page.ids.last().map(|e| e.id.clone()) else {
                break;
            };
            updates(&page, self.max_message, &mut parts);
            let more = page.ids.len() == PAGE;
            last = end.clone();
            let bytes: usize = parts.iter().map(Vec::len).sum();
            match after(&end) {
                Some(next) if more && bytes < self.max_bytes => start = next,
                _ => break,
            }
        }
        Ok((parts, last))
    }

    /// Drops entries up to `upto` that are older than the lifetime (by Redis's clock).
    async fn trim(&mut self, key: &str, upto: &str) -> redis::RedisResult<()> {
        let (secs, micros): (u64, u64) = redis::cmd("TIME").query_async(&mut self.conn).await?;
        let now_ms = secs * 1000 + micros / 1000;
        let oldest_kept = now_ms.saturating_sub(self.timing.lifetime.as_millis() as u64);
        let Some(bound) = after(upto) else {
            return Ok(());
        };
        let min_id = match parse_id(&bound) {
            Some((ms, _)) if ms > oldest_kept => format!("{oldest_kept}-0"),
            _ => bound,
        };
        redis::cmd("XTRIM")
            .arg(key)
            .arg("MINID")
            .arg(min_id)
            .query_async::<i64>(&mut self.conn)
            .await?;
        Ok(())
    }
}

/// Merges `parts` onto board `board`'s stored snapshot and log in one transaction that locks
/// the board; returns the new snapshot's size, or `None` when the board no longer exists.
async fn merge_into_snapshot(
    store: &Store,
    board: &str,
    parts: Vec<Vec<u8>>,
) -> Result<Option<usize>, sqlx::Error> {
    let mut tx = store.pool().begin().await?;
    let exists = sqlx::query("SELECT id FROM boards WHERE id = $1 FOR UPDATE")
        .bind(board)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Ok(None);
    }
    let snap = sqlx::query("SELECT upto_seq, data FROM board_snapshots WHERE board_id = $1")
        .bind(board)
        .fetch_optional(&mut *tx)
        .await?;
    let (mut upto, snapshot) = match snap {
        Some(r) => (
            r.try_get::<i64, _>("upto_seq")?,
            Some(r.try_get::<Vec<u8>, _>("data")?),
        ),
        None => (0, None),
    };
    let rows = sqlx::query(
        "SELECT seq, data FROM board_updates WHERE board_id = $1 AND seq > $2 ORDER BY seq",
    )
    .bind(board)
    .bind(upto)
    .fetch_all(&mut *tx)
    .await?;
    let mut all: Vec<Vec<u8>> = snapshot.into_iter().collect();
    for r in rows {
        upto = r.try_get("seq")?;
        all.push(r.try_get("data")?);
    }
    all.extend(parts);
    let id = board.to_string();
    let data = tokio::task::spawn_blocking(move || {
        let doc = crate::room::build_doc(&id, &all);
        let data = doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        data
    })
    .await
    .map_err(|e| sqlx::Error::Protocol(format!("merge failed: {e}")))?;
    sqlx::query(
        "INSERT INTO board_snapshots (board_id, upto_seq, data) VALUES ($1, $2, $3) \
         ON CONFLICT (board_id) DO UPDATE SET upto_seq = excluded.upto_seq, data = excluded.data",
    )
    .bind(board)
    .bind(upto)
    .bind(&data)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM board_updates WHERE board_id = $1 AND seq <= $2")
        .bind(board)
        .bind(upto)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(data.len()))
}

#[cfg(test)]
mod tests {
    use super::after;

    #[test]
    fn the_id_after_another() {
        assert_eq!(after("5-3").as_deref(), Some("5-4"));
        assert_eq!(after(&format!("5-{}", u64::MAX)).as_deref(), Some("6-0"));
        assert_eq!(after("x"), None);
    }
}
