//! Reads the streams of every board this node follows with one blocking `XREAD` loop on a
//! connection of its own, starting from the last id it has of each board, and hands each
//! room the entries other nodes added (its own are skipped by node id).
//!
//! Bounded: each room has a queue of a few batches; a room that falls that far behind loses
//! its subscription (its queue closes) and reloads from stored state plus the stream tail. A
//! lost Redis connection is reopened with backoff; the last ids stay, so nothing is missed
//! that is still in the stream (entries stay there for `--cluster-stream-lifetime-ms`).
//!
//! The same rooms receive what the live path ([`super::live`]) brings ahead of the stream,
//! only into the spare half of their queue: the stream brings it anyway.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use redis::streams::StreamReadReply;
use tokio::sync::{mpsc, Notify};

use super::entry::{self, board_of, stream_key};
use super::{Entry, Remote};

/// Most entries read per stream per round.
const BATCH: usize = 512;
/// How long one `XREAD` waits for new entries; a newly followed board joins the next round.
const BLOCK_MS: u64 = 200;
/// Free batches a room's queue keeps for the stream: live messages only use the rest.
const KEPT_FOR_STREAM: usize = 32;

struct Followed {
    last: String,
    tx: mpsc::Sender<Remote>,
}

/// The boards this node follows and where their entries go.
pub struct Reader {
    me: String,
    max_message: usize,
    follows: Mutex<HashMap<String, Followed>>,
    wake: Notify,
    /// Told when a board is followed (the live path subscribes to it).
    followed: Notify,
}

/// Parses a stream id `ms-seq`.
pub fn parse_id(id: &str) -> Option<(u64, u64)> {
    let (ms, seq) = id.split_once('-')?;
    Some((ms.parse().ok()?, seq.parse().ok()?))
}

impl Reader {
    pub fn new(me: String, max_message: usize) -> Reader {
        Reader {
            me,
            max_message,
            follows: Mutex::new(HashMap::new()),
            wake: Notify::new(),
            followed: Notify::new(),
        }
    }

    /// The largest frame taken from another node.
    pub fn max_message(&self) -> usize {
        self.max_message
    }

    /// Resolves when a board was followed since the last call.
    pub async fn changed(&self) {
        self.followed.notified().await
    }

    /// The boards followed, forgetting those whose room went away.
    pub fn boards(&self) -> Vec<String> {
        let mut follows = self.follows.lock().expect("poisoned");
        follows.retain(|_, f| !f.tx.is_closed());
        follows.keys().cloned().collect()
    }

    /// Hands a message that came by the live path to board `board`'s room, if it follows the
    /// board and its queue has room to spare; else drops it (the stream brings it).
    pub fn live(&self, board: &str, entry: Entry) {
        if entry.node == self.me {
            return;
        }
        let follows = self.follows.lock().expect("poisoned");
        if let Some(f) = follows.get(board) {
            if f.tx.capacity() > KEPT_FOR_STREAM {
                let _ = f.tx.try_send(Remote::Entries(vec![entry]));
            }
        }
    }

    /// Follows `board` from stream id `last` on; entries go to `tx`.
    pub fn add(&self, board: &str, last: String, tx: mpsc::Sender<Remote>) {
        self.follows
            .lock()
            .expect("poisoned")
            .insert(board.to_string(), Followed { last, tx });
        self.wake.notify_one();
        self.followed.notify_one();
    }

    /// The boards followed and their last ids, forgetting those whose room went away.
    fn targets(&self) -> Vec<(String, String)> {
        let mut follows = self.follows.lock().expect("poisoned");
        follows.retain(|_, f| !f.tx.is_closed());
        follows
            .iter()
            .map(|(b, f)| (stream_key(b), f.last.clone()))
            .collect()
    }

    /// Reads forever.
    pub async fn run(&self, client: redis::Client) {
        let config = redis::AsyncConnectionConfig::new()
            .set_connection_timeout(Duration::from_secs(5))
            .set_response_timeout(Duration::from_millis(BLOCK_MS + 5000));
        let mut conn = None;
        let mut backoff = Duration::from_millis(100);
        loop {
            let targets = self.targets();
            if targets.is_empty() {
                let _ = tokio::time::timeout(Duration::from_secs(1), self.wake.notified()).await;
                continue;
            }
            let c = match conn.as_mut() {
                Some(c) => c,
                None => match client
                    .get_multiplexed_async_connection_with_config(&config)
                    .await
                {
                    Ok(c) => conn.insert(c),
                    Err(e) => {
                        tracing::warn!(error = %e, "cluster: cannot connect the stream reader; retrying");
                        tokio::time::sleep(backoff).await;
                        backoff = (backoff * 2).min(Duration::from_secs(2));
                        continue;
                    }
                },
            };
            let mut cmd = redis::cmd("XREAD");
            cmd.arg("COUNT").arg(BATCH).arg("BLOCK").arg(BLOCK_MS);
            cmd.arg("STREAMS");
            for (key, _) in &targets {
                cmd.arg(key);
            }
            for (_, last) in &targets {
                cmd.arg(last);
            }
            match cmd.query_async::<Option<StreamReadReply>>(c).await {
                Ok(Some(reply)) => {
                    backoff = Duration::from_millis(100);
                    self.dispatch(reply);
                }
                Ok(None) => backoff = Duration::from_millis(100),
                Err(e) => {
                    tracing::warn!(error = %e, "cluster: stream read failed; reconnecting");
                    conn = None;
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(2));
                }
            }
        }
    }

    fn dispatch(&self, reply: StreamReadReply) {
        for stream in reply.keys {
            let Some(board) = board_of(&stream.key) else {
                continue;
            };
            let Some(newest) = stream.ids.last().map(|e| e.id.clone()) else {
                continue;
            };
            let mut entries: Vec<Entry> = Vec::new();
            for e in &stream.ids {
                match entry::decode(&e.map, self.max_message) {
                    Ok(entry) if entry.node == self.me => {}
                    Ok(entry) => entries.push(entry),
                    Err(err) => {
                        tracing::warn!(board, id = %e.id, error = %err, "cluster: bad stream entry skipped")
                    }
                }
            }
            let mut follows = self.follows.lock().expect("poisoned");
            let Some(f) = follows.get_mut(board) else {
                continue;
            };
            // Only forward: a read begun before a room re-followed the board may be older.
            match (parse_id(&newest), parse_id(&f.last)) {
                (Some(n), Some(l)) if n <= l => continue,
                (None, _) => continue,
                _ => f.last = newest,
            }
            if entries.is_empty() {
                continue;
            }
            if let Err(e) = f.tx.try_send(Remote::Entries(entries)) {
                if matches!(e, mpsc::error::TrySendError::Full(_)) {
                    tracing::warn!(board, "cluster: room fell behind its stream; it reloads");
                }
                follows.remove(board);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_id;

    #[test]
    fn stream_ids_parse_or_are_refused() {
        assert_eq!(parse_id("1700000000000-3"), Some((1700000000000, 3)));
        assert_eq!(parse_id("0-0"), Some((0, 0)));
        for bad in ["", "-", "1", "a-1", "1-b", "1-2-3"] {
            assert_eq!(parse_id(bad), None, "{bad}");
        }
    }
}
