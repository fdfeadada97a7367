//! A cluster member over Redis Streams and PostgreSQL (`--redis-url`). Each board has a
//! stream `stormwall:board:{id}`: document updates are appended to it by the room's storage
//! writer (acknowledged as saved once Redis answers the `XADD`, which with `appendfsync
//! always` means it is on disk), awareness and access changes by the room and the API. Every
//! node serving the board reads the stream ([`super::reader`]) and, for document updates, the
//! board's live channel ahead of it ([`super::live`]); the node holding the board's lease
//! stores it into PostgreSQL and trims it ([`super::keeper`]). Node liveness:
//! [`super::nodes`].

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::streams::StreamRangeReply;
use tokio::sync::mpsc;

use super::entry::{self, control_text, stream_key};
use super::keeper::{Keeper, Timing};
use super::live;
use super::nodes::Nodes;
use super::reader::{parse_id, Reader};
use super::{Body, Entry, Follow, Peers};
use crate::access::AccessChange;
use crate::history::retention::Relinked;
use crate::history::{Checkpoint, HistoryPolicy};
use crate::storage::{BoxFuture, DocStore, StorageError};
use crate::store::{Backend, Store, StoredDoc};
use stormwall_model::history::Summary;
use stormwall_model::protocol::{self, Incoming};

/// Batches a room's queue holds before the room counts as fallen behind.
const ROOM_QUEUE: usize = 64;
/// Awareness messages waiting to be published; beyond, they are dropped (the next one
/// replaces them anyway).
const PUBLISH_QUEUE: usize = 4096;
/// Most awareness messages taken from a stream's tail when a board loads.
const TAIL_AWARENESS: usize = 1024;
/// Most awareness messages published in one round trip.
const PUBLISH_BATCH: usize = 256;

/// Settings of a cluster member.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Redis URL.
    pub url: String,
    /// Compaction, lease and stream lifetime timing.
    pub timing: Timing,
    /// How long a node counts as alive after its last heartbeat.
    pub node_ttl: Duration,
    /// Largest frame read back from a stream (the server's frame limit).
    pub max_message: usize,
    /// Largest stream tail read when a board loads (the board size limit).
    pub max_tail_bytes: usize,
}

/// This node as a member of a cluster.
pub struct RedisCluster {
    node: String,
    conn: ConnectionManager,
    store: Store,
    reader: Arc<Reader>,
    nodes: Arc<Nodes>,
    settings: Settings,
    timing: Arc<Timing>,
    publish: mpsc::Sender<(String, Bytes)>,
    tasks: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

fn transient(e: redis::RedisError) -> StorageError {
    StorageError {
        transient: true,
        source: anyhow::anyhow!("redis: {e}"),
    }
}

impl RedisCluster {
    /// Connects to Redis and starts this node's reader, heartbeat and publisher. The database
    /// must be PostgreSQL, shared by every node.
    pub async fn connect(settings: Settings, store: Store) -> anyhow::Result<Arc<RedisCluster>> {
        if store.backend() != Backend::Postgres {
            anyhow::bail!(
                "--redis-url needs a PostgreSQL database shared by every node (--database-url postgres://…); SQLite serves one node only"
            );
        }
        let client = redis::Client::open(settings.url.as_str())
            .map_err(|e| anyhow::anyhow!("invalid --redis-url: {e}"))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Duration::from_secs(5))
            .set_response_timeout(Duration::from_secs(5))
            .set_number_of_retries(2)
            .set_max_delay(1000);
        let conn = tokio::time::timeout(
            Duration::from_secs(10),
            client.get_connection_manager_with_config(config),
        )
        .await
        .map_err(|_| anyhow::anyhow!("Redis did not answer within 10 s"))?
        .map_err(|e| anyhow::anyhow!("cannot connect to Redis: {e}"))?;
        check_durability(conn.clone()).await;
        let node = uuid::Uuid::new_v4().simple().to_string();
        let reader = Arc::new(Reader::new(node.clone(), settings.max_message));
        let nodes = Arc::new(Nodes::new(node.clone(), settings.node_ttl));
        let (publish, queue) = mpsc::channel(PUBLISH_QUEUE);
        let mut tasks = Vec::new();
        let r = reader.clone();
        tasks.push(tokio::spawn(live::run(client.clone(), reader.clone())));
        tasks.push(tokio::spawn(async move { r.run(client).await }));
        let (n, c) = (nodes.clone(), conn.clone());
        tasks.push(tokio::spawn(async move { n.run(c).await }));
        tasks.push(tokio::spawn(publisher(node.clone(), conn.clone(), queue)));
        tracing::info!(node = %node, "cluster member: boards are shared over Redis streams");
        Ok(Arc::new(RedisCluster {
            timing: Arc::new(settings.timing.clone()),
            node,
            conn,
            store,
            reader,
            nodes,
            settings,
            publish,
            tasks: Mutex::new(tasks),
        }))
    }

    /// The updates in board `board`'s stream now, the awareness other nodes announced there,
    /// and the id of its newest entry.
    async fn tail(&self, board: &str) -> Result<(Vec<Vec<u8>>, Vec<Entry>, String), StorageError> {
        let key = stream_key(board);
        let mut conn = self.conn.clone();
        let (mut parts, mut bytes, mut last) = (Vec::new(), 0usize, "0-0".to_string());
        let mut awareness = VecDeque::new();
        loop {
            let start = if last == "0-0" {
                "-".to_string()
            } else {
                format!("({last}")
            };
            let page: StreamRangeReply = redis::cmd("XRANGE")
                .arg(&key)
                .arg(start)
                .arg("+")
                .arg("COUNT")
                .arg(1000)
                .query_async(&mut conn)
                .await
                .map_err(transient)?;
            let Some(end) = page.ids.last().map(|e| e.id.clone()) else {
                break;
            };
            if parse_id(&end).is_none() {
                return Err(transient(redis::RedisError::from((
                    redis::ErrorKind::TypeError,
                    "malformed stream id",
                ))));
            }
            for e in &page.ids {
                let Ok(entry) = entry::decode(&e.map, self.settings.max_message) else {
                    continue;
                };
                let Body::Message(m) = &entry.body else {
                    continue;
                };
                match protocol::decode_with(m, self.settings.max_message) {
                    Ok(Incoming::Update(u) | Incoming::SyncStep2(u)) => {
                        bytes += u.len();
                        parts.push(u);
                    }
                    Ok(Incoming::Awareness(_)) if entry.node != self.node => {
                        if awareness.len() == TAIL_AWARENESS {
                            awareness.pop_front();
                        }
                        awareness.push_back(entry);
                    }
                    _ => {}
                }
            }
            if bytes > self.settings.max_tail_bytes {
                return Err(StorageError {
                    transient: true,
                    source: anyhow::anyhow!("the board's stream holds more than its size limit"),
                });
            }
            last = end;
            if page.ids.len() < 1000 {
                break;
            }
        }
        Ok((parts, awareness.into(), last))
    }
}

/// Warns when Redis may lose acknowledged appends on a crash.
async fn check_durability(mut conn: ConnectionManager) {
    let fsync: Result<Vec<String>, _> = redis::cmd("CONFIG")
        .arg("GET")
        .arg("appendfsync")
        .query_async(&mut conn)
        .await;
    let aof: Result<Vec<String>, _> = redis::cmd("CONFIG")
        .arg("GET")
        .arg("appendonly")
        .query_async(&mut conn)
        .await;
    match (fsync, aof) {
        (Ok(f), Ok(a)) if f.get(1).map(String::as_str) == Some("always")
            && a.get(1).map(String::as_str) == Some("yes") => {}
        (Ok(_), Ok(_)) => tracing::warn!(
            "Redis runs without `appendonly yes` and `appendfsync always`: edits acknowledged as saved can be lost if Redis crashes (see docs/deploy.md)"
        ),
        _ => tracing::info!("cannot read Redis's persistence settings; see docs/deploy.md for what they must be"),
    }
}

/// Publishes awareness messages, many per round trip; failures drop them (cursors move on).
async fn publisher(
    node: String,
    mut conn: ConnectionManager,
    mut queue: mpsc::Receiver<(String, Bytes)>,
) {
    let mut batch = Vec::with_capacity(PUBLISH_BATCH);
    while queue.recv_many(&mut batch, PUBLISH_BATCH).await > 0 {
        let mut pipe = redis::pipe();
        for (board, message) in batch.drain(..) {
            pipe.cmd("XADD")
                .arg(stream_key(&board))
                .arg("*")
                .arg("n")
                .arg(&node)
                .arg("m")
                .arg(message.as_ref())
                .ignore();
        }
        if let Err(e) = pipe.query_async::<()>(&mut conn).await {
            tracing::warn!(error = %e, "cluster: awareness not published");
        }
    }
}

impl Peers for RedisCluster {
    fn node(&self) -> Option<&str> {
        Some(&self.node)
    }

    fn follow<'a>(&'a self, board: &'a str) -> BoxFuture<'a, Result<Follow, StorageError>> {
        Box::pin(async move {
            let (tail, awareness, last) = self.tail(board).await?;
            let (tx, rx) = mpsc::channel(ROOM_QUEUE);
            self.reader.add(board, last, tx.clone());
            let keeper = Keeper {
                board: board.to_string(),
                token: format!("{}:{}", self.node, uuid::Uuid::new_v4().simple()),
                conn: self.conn.clone(),
                store: self.store.clone(),
                tx,
                timing: self.timing.clone(),
                max_message: self.settings.max_message,
                max_bytes: self.settings.max_tail_bytes,
            };
            tokio::spawn(keeper.run());
            Ok(Follow {
                tail,
                awareness,
                remote: Some(rx),
            })
        })
    }

    fn publish(&self, board: &str, message: Bytes) {
        if self.publish.try_send((board.to_string(), message)).is_err() {
            tracing::debug!(board, "cluster: awareness queue full; message dropped");
        }
    }

    fn control<'a>(&'a self, board: &'a str, change: &'a AccessChange) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            let mut conn = self.conn.clone();
            let sent = redis::cmd("XADD")
                .arg(stream_key(board))
                .arg("*")
                .arg("n")
                .arg(&self.node)
                .arg("c")
                .arg(control_text(change))
                .query_async::<String>(&mut conn)
                .await;
            if let Err(e) = sent {
                tracing::error!(board, error = %e, "cluster: access change not sent to the other nodes; they see it at their next join");
            }
        })
    }

    fn is_live(&self, node: &str) -> bool {
        self.nodes.is_live(node)
    }

    fn shared_log(&self) -> bool {
        true
    }

    fn stop(&self) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            for t in self.tasks.lock().expect("poisoned").drain(..) {
                t.abort();
            }
            self.nodes.stop(self.conn.clone()).await;
        })
    }
}

impl DocStore for RedisCluster {
    fn load<'a>(&'a self, board: &'a str) -> BoxFuture<'a, Result<StoredDoc, StorageError>> {
        DocStore::load(&self.store, board)
    }

    /// Publishes the updates on the board's live channel, then appends them to its stream;
    /// done once Redis acknowledged every entry. The publish has a round trip of its own so
    /// that Redis delivers it before, not together with, the append's fsync.
    fn append<'a>(
        &'a self,
        board: &'a str,
        updates: &'a [(i64, Bytes)],
    ) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async move {
            let frames: Vec<Vec<u8>> = updates
                .iter()
                .map(|(_, data)| protocol::update(data.to_vec()))
                .collect();
            let mut conn = self.conn.clone();
            let mut publish = redis::pipe();
            let channel = live::channel(board);
            for frame in &frames {
                publish
                    .cmd("PUBLISH")
                    .arg(&channel)
                    .arg(live::encode(&self.node, frame))
                    .ignore();
            }
            if let Err(e) = publish.query_async::<()>(&mut conn).await {
                tracing::debug!(board, error = %e, "cluster: live publish failed; the stream carries the updates");
            }
            let key = stream_key(board);
            let mut pipe = redis::pipe();
            for frame in &frames {
                pipe.cmd("XADD")
                    .arg(&key)
                    .arg("*")
                    .arg("n")
                    .arg(&self.node)
                    .arg("m")
                    .arg(frame)
                    .ignore();
            }
            pipe.query_async::<()>(&mut conn).await.map_err(transient)
        })
    }

    /// The stream is compacted by the lease holder ([`super::keeper`]), not by the writer.
    fn compact<'a>(
        &'a self,
        _board: &'a str,
        _upto: i64,
        _data: &'a [u8],
    ) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async { Ok(()) })
    }

    fn newest_checkpoint<'a>(
        &'a self,
        board: &'a str,
    ) -> BoxFuture<'a, Result<Option<i64>, StorageError>> {
        self.store.newest_checkpoint(board)
    }

    fn checkpoint_state<'a>(
        &'a self,
        board: &'a str,
        id: Option<&'a str>,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>, StorageError>> {
        self.store.checkpoint_state(board, id)
    }

    fn add_checkpoint<'a>(
        &'a self,
        board: &'a str,
        checkpoint: &'a Checkpoint,
        data: &'a [u8],
    ) -> BoxFuture<'a, Result<(), StorageError>> {
        self.store.add_checkpoint(board, checkpoint, data)
    }

    fn thin_checkpoints<'a>(
        &'a self,
        board: &'a str,
        policy: &'a HistoryPolicy,
        now: i64,
    ) -> BoxFuture<'a, Result<Vec<Relinked>, StorageError>> {
        self.store.thin_checkpoints(board, policy, now)
    }

    fn set_checkpoint_summary<'a>(
        &'a self,
        board: &'a str,
        id: &'a str,
        summary: &'a Summary,
    ) -> BoxFuture<'a, Result<(), StorageError>> {
        self.store.set_checkpoint_summary(board, id, summary)
    }
}
