//! One loaded board: an actor task that owns the board's Yjs document and awareness, serves
//! its connections over channels, and hands updates to the board's storage writer.
//!
//! The room loads the document from the database before it reads its first message, so no
//! SyncStep1 is ever answered from a half-loaded board. Broadcasts are encoded once and the
//! same bytes are queued to every connection; a connection whose queue is full is disconnected.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::{sleep_until, Instant};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Transact, Update};

use crate::access::{self, conn::ConnAccess, conn::EditCheck, AccessChange};
use crate::persist::{self, PersistMsg};
use crate::presence::Presence;
use crate::rooms::Shared;
use stormwall_model::access::Role;
use stormwall_model::protocol::{self, Incoming};

/// Why the server closes a connection: a WebSocket close code and a human reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseReason {
    /// WebSocket close code (1008 policy, 1009 too big, 1011 server error, 1013 try later,
    /// 4404 unknown board).
    pub code: u16,
    /// Text sent in the close frame and logged.
    pub reason: String,
}

impl CloseReason {
    /// A close reason.
    /// The reason is cut to the 123 bytes a WebSocket close frame can carry (on a character
    /// boundary), so a long decoder message never makes the close frame itself invalid.
    pub fn new(code: u16, reason: impl Into<String>) -> CloseReason {
        let mut reason = reason.into();
        if reason.len() > MAX_REASON {
            let mut end = MAX_REASON - 3;
            while !reason.is_char_boundary(end) {
                end -= 1;
            }
            reason.truncate(end);
            reason.push_str("...");
        }
        CloseReason { code, reason }
    }
}

/// Longest close reason a WebSocket close frame carries, in bytes.
const MAX_REASON: usize = 123;

/// What a connection gives the room when it joins.
pub struct Join {
    /// Connection id, unique in the process.
    pub conn: u64,
    /// The connection's outbound queue.
    pub out: mpsc::Sender<Bytes>,
    /// Where the room sends the reason when it closes the connection.
    pub close: oneshot::Sender<CloseReason>,
    /// The role of the share link it was opened with.
    pub role: Role,
}

/// Messages a room handles.
pub enum RoomMsg {
    /// A connection joins; the reply says whether it was admitted.
    Join(Join, oneshot::Sender<Result<(), CloseReason>>),
    /// A binary frame from a connection.
    Frame(u64, Bytes),
    /// A connection went away.
    Leave(u64),
    /// A connection broke a rule at the socket level: close it with this reason.
    Reject(u64, CloseReason),
    /// Server shutdown: flush, close every connection, stop.
    Shutdown(oneshot::Sender<()>),
    /// A read of the board's live state, answered with its plain snapshot.
    Snapshot(oneshot::Sender<stormwall_model::Board>),
    /// The board's access changed (lock, replaced link, deletion); answered once acted on.
    Access(AccessChange, oneshot::Sender<()>),
}

struct Conn {
    out: mpsc::Sender<Bytes>,
    close: Option<oneshot::Sender<CloseReason>>,
    access: ConnAccess,
}

struct Room {
    id: String,
    shared: Arc<Shared>,
    doc: Doc,
    conns: HashMap<u64, Conn>,
    presence: Presence,
    /// Whether only facilitators edit (see [`crate::access`]).
    locked: bool,
    seq: i64,
    /// Size of the stored snapshot (updated by the storage writer after each compaction).
    snapshot_bytes: Arc<AtomicUsize>,
    /// Bytes of updates appended since the last compaction request.
    log_bytes: usize,
    since_compact: u64,
    /// SyncStep2 for an empty state vector (a fresh joiner), encoded once per document state.
    full_state: Option<Bytes>,
    persist: mpsc::Sender<PersistMsg>,
    committed: watch::Receiver<i64>,
    acks: Vec<(u64, i64, Vec<u8>)>,
}

/// Starts the room task for board `id`; it loads the board, then serves `rx`.
pub fn spawn(id: String, shared: Arc<Shared>, rx: mpsc::Receiver<RoomMsg>) {
    tokio::spawn(async move {
        match Room::load(id.clone(), shared.clone()).await {
            Ok(room) => room.run(rx).await,
            Err(reason) => {
                tracing::error!(board = %id, %reason.reason, "board failed to load");
                shared.forget(&id);
                refuse_all(rx, reason).await;
            }
        }
    });
}

/// Answers every queued join with `reason` once the room can no longer serve.
async fn refuse_all(mut rx: mpsc::Receiver<RoomMsg>, reason: CloseReason) {
    rx.close();
    while let Some(msg) = rx.recv().await {
        match msg {
            RoomMsg::Join(_, reply) => {
                let _ = reply.send(Err(reason.clone()));
            }
            RoomMsg::Shutdown(done) => {
                let _ = done.send(());
            }
            _ => {}
        }
    }
}

impl Room {
    async fn load(id: String, shared: Arc<Shared>) -> Result<Room, CloseReason> {
        let locked = access::room_lock(&shared.store, &id).await?;
        let stored = shared.store.load_doc(&id).await.map_err(|e| {
            tracing::error!(board = %id, error = %e, "cannot read board");
            CloseReason::new(1011, "storage unavailable, try again later")
        })?;
        let doc = stormwall_model::doc::new_doc();
        {
            let mut txn = doc.transact_mut();
            for bytes in stored.snapshot.iter().chain(&stored.updates) {
                match Update::decode_v1(bytes) {
                    Ok(u) => {
                        if let Err(e) = txn.apply_update(u) {
                            tracing::error!(board = %id, error = %e, "stored update does not apply; skipped");
                        }
                    }
                    Err(e) => {
                        tracing::error!(board = %id, error = %e, "stored update is corrupt; skipped")
                    }
                }
            }
        }
        let (persist_tx, persist_rx) = mpsc::channel(65_536);
        let (committed_tx, committed) = watch::channel(stored.last_seq);
        let snapshot_bytes = Arc::new(AtomicUsize::new(
            stored.snapshot.as_ref().map_or(0, Vec::len),
        ));
        tokio::spawn(persist::run(
            shared.store.clone(),
            id.clone(),
            persist_rx,
            committed_tx,
            shared.limits.commit_delay(),
            shared.metrics.clone(),
            snapshot_bytes.clone(),
        ));
        shared.metrics.boards_loaded.fetch_add(1, Relaxed);
        tracing::info!(board = %id, bytes = stored.size(), log = stored.updates.len(), "board loaded");
        Ok(Room {
            snapshot_bytes,
            log_bytes: stored.updates.iter().map(Vec::len).sum(),
            full_state: None,
            seq: stored.last_seq,
            since_compact: stored.updates.len() as u64,
            id,
            shared,
            doc,
            conns: HashMap::new(),
            presence: Presence::default(),
            locked,
            persist: persist_tx,
            committed,
            acks: Vec::new(),
        })
    }

    async fn run(mut self, mut rx: mpsc::Receiver<RoomMsg>) {
        let mut idle_since = Instant::now();
        loop {
            let idle_deadline = idle_since + self.shared.limits.idle_unload();
            tokio::select! {
                msg = rx.recv() => match msg {
                    Some(RoomMsg::Shutdown(done)) => {
                        self.close_all(CloseReason::new(1001, "server shutting down")).await;
                        self.flush().await;
                        let _ = done.send(());
                        break;
                    }
                    Some(RoomMsg::Access(change, done)) => {
                        let deleted = self.access_changed(change).await;
                        let _ = done.send(());
                        if deleted {
                            self.shared.forget(&self.id);
                            rx.close();
                            break;
                        }
                        if self.conns.is_empty() {
                            idle_since = Instant::now();
                        }
                    }
                    Some(msg) => {
                        self.handle(msg).await;
                        if self.conns.is_empty() {
                            idle_since = Instant::now();
                        }
                    }
                    None => break,
                },
                Ok(()) = self.committed.changed() => self.send_acks(),
                _ = sleep_until(idle_deadline), if self.conns.is_empty() => {
                    self.flush().await;
                    if self.shared.unload_if_idle(&self.id, &rx) {
                        rx.close();
                        break;
                    }
                    idle_since = Instant::now();
                }
            }
        }
        self.shared.metrics.boards_loaded.fetch_sub(1, Relaxed);
        tracing::info!(board = %self.id, "board unloaded");
        refuse_all(rx, CloseReason::new(1013, "board is reloading, try again")).await;
    }

    async fn handle(&mut self, msg: RoomMsg) {
        match msg {
            RoomMsg::Join(join, reply) => self.join(join, reply),
            RoomMsg::Frame(conn, data) => {
                if !self.conns.contains_key(&conn) {
                    return;
                }
                let result = match protocol::decode(&data) {
                    Ok(incoming) => self.apply(conn, incoming).await,
                    Err(e) => Err(CloseReason::new(1008, e.to_string())),
                };
                if let Err(reason) = result {
                    tracing::warn!(board = %self.id, conn, code = reason.code, reason = %reason.reason, "closing connection");
                    self.shared
                        .metrics
                        .rejected_connections
                        .fetch_add(1, Relaxed);
                    self.drop_conn(conn, Some(reason));
                }
            }
            RoomMsg::Leave(conn) => self.drop_conn(conn, None),
            RoomMsg::Reject(conn, reason) => self.drop_conn(conn, Some(reason)),
            RoomMsg::Snapshot(reply) => {
                let _ = reply.send(stormwall_model::doc::snapshot(&self.doc));
            }
            RoomMsg::Shutdown(_) | RoomMsg::Access(..) => unreachable!("handled by run"),
        }
    }

    fn join(&mut self, join: Join, reply: oneshot::Sender<Result<(), CloseReason>>) {
        if self.conns.len() >= self.shared.limits.max_connections_per_board {
            let _ = reply.send(Err(CloseReason::new(
                1013,
                "board is full, try again later",
            )));
            return;
        }
        let sv = self.doc.transact().state_vector();
        let mut first = vec![protocol::sync_step1(&sv)];
        if !self.presence.is_empty() {
            first.push(self.presence.all());
        }
        let conn = Conn {
            out: join.out,
            close: Some(join.close),
            access: ConnAccess::new(join.role),
        };
        if reply.send(Ok(())).is_err() {
            return;
        }
        self.conns.insert(join.conn, conn);
        for f in first {
            self.send_to(join.conn, f);
        }
    }

    async fn apply(&mut self, conn: u64, msg: Incoming) -> Result<(), CloseReason> {
        match msg {
            Incoming::SyncStep1(sv) if sv.is_empty() => {
                let doc = &self.doc;
                let frame = self
                    .full_state
                    .get_or_insert_with(|| {
                        Bytes::from(protocol::sync_step2(
                            doc.transact().encode_state_as_update_v1(&sv),
                        ))
                    })
                    .clone();
                self.send_to(conn, frame);
            }
            Incoming::SyncStep1(sv) => {
                let diff = self.doc.transact().encode_state_as_update_v1(&sv);
                self.send_to(conn, protocol::sync_step2(diff));
            }
            Incoming::SyncStep2(bytes) | Incoming::Update(bytes) => {
                // Access: an update from a connection that may not edit is dropped here.
                let Some(c) = self.conns.get_mut(&conn) else {
                    return Ok(());
                };
                match c.access.check_edit(self.locked, &bytes) {
                    EditCheck::Apply => self.apply_update(conn, bytes).await?,
                    EditCheck::Refuse(Some(notice)) => self.send_to(conn, notice),
                    EditCheck::Refuse(None) => {}
                }
            }
            Incoming::Access(_) => {
                if let Some(c) = self.conns.get_mut(&conn) {
                    let notice = c.access.subscribe(self.locked);
                    self.send_to(conn, notice);
                }
            }
            Incoming::Awareness(update) => {
                if let Some(changed) = self.presence.apply(conn, update) {
                    self.broadcast(Some(conn), changed);
                }
            }
            Incoming::QueryAwareness => {
                let all = self.presence.all();
                self.send_to(conn, all);
            }
            Incoming::SyncStatus(payload) => {
                if *self.committed.borrow() >= self.seq {
                    self.send_to(conn, protocol::sync_status(&payload));
                } else {
                    self.acks.push((conn, self.seq, payload));
                }
            }
        }
        Ok(())
    }

    async fn apply_update(&mut self, conn: u64, bytes: Vec<u8>) -> Result<(), CloseReason> {
        if self.snapshot_bytes.load(Relaxed) + self.log_bytes + bytes.len()
            > self.shared.limits.max_doc_bytes
        {
            return Err(CloseReason::new(
                1009,
                "board is at its size limit; update refused",
            ));
        }
        let update =
            protocol::decode_update(&bytes).map_err(|e| CloseReason::new(1008, e.to_string()))?;
        // yrs asserts some invariants with panics; one hostile update must not end the board.
        let doc = &self.doc;
        let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut txn = doc.transact_mut();
            txn.apply_update(update)
                .map_err(|e| CloseReason::new(1008, format!("invalid update: {e}")))?;
            // Redundant updates (a reconnecting client resending what the board has) are neither
            // stored nor broadcast; updates waiting for missing dependencies are stored.
            Ok(!txn.insert_set().is_empty()
                || !txn.delete_set().is_empty()
                || txn.has_missing_updates())
        }));
        let changed = match applied {
            Ok(result) => result?,
            Err(_) => {
                tracing::error!(board = %self.id, conn, "update made the document engine panic; refused");
                return Err(CloseReason::new(
                    1008,
                    "invalid update: rejected by the document engine",
                ));
            }
        };
        if !changed {
            return Ok(());
        }
        self.seq += 1;
        self.log_bytes += bytes.len();
        self.full_state = None;
        self.since_compact += 1;
        let m = &self.shared.metrics;
        m.updates.fetch_add(1, Relaxed);
        m.update_bytes.fetch_add(bytes.len() as u64, Relaxed);
        let frame = protocol::update(bytes.clone());
        self.broadcast(Some(conn), frame);
        let _ = self
            .persist
            .send(PersistMsg::Append(self.seq, Bytes::from(bytes)))
            .await;
        if self.since_compact >= self.shared.limits.compact_every {
            self.compact().await;
        }
        Ok(())
    }

    async fn compact(&mut self) {
        self.log_bytes = 0;
        self.since_compact = 0;
        let _ = self.persist.send(PersistMsg::Compact).await;
    }

    /// Waits until everything sent to the storage writer is committed. (The log is compacted
    /// by count only: compacting a large board at unload would cost CPU for no durability.)
    async fn flush(&mut self) {
        let (done, wait) = oneshot::channel();
        if self.persist.send(PersistMsg::Flush(done)).await.is_ok() {
            let _ = wait.await;
        }
    }

    fn send_acks(&mut self) {
        let committed = *self.committed.borrow_and_update();
        let (ready, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.acks)
            .into_iter()
            .partition(|(_, s, _)| *s <= committed);
        self.acks = waiting;
        for (conn, _, payload) in ready {
            self.send_to(conn, protocol::sync_status(&payload));
        }
    }

    /// Queues `frame` to one connection; a full queue disconnects it.
    fn send_to(&mut self, conn: u64, frame: impl Into<Bytes>) {
        let frame = frame.into();
        let full = match self.conns.get(&conn) {
            Some(c) => c.out.try_send(frame).is_err(),
            None => false,
        };
        if full {
            self.shared
                .metrics
                .rejected_connections
                .fetch_add(1, Relaxed);
            tracing::warn!(board = %self.id, conn, "outbound queue full; disconnecting slow client");
            self.drop_conn(
                conn,
                Some(CloseReason::new(
                    1013,
                    "client too slow: outbound queue full",
                )),
            );
        }
    }

    fn broadcast(&mut self, except: Option<u64>, frame: impl Into<Bytes>) {
        let frame: Bytes = frame.into();
        let targets: Vec<u64> = self
            .conns
            .keys()
            .copied()
            .filter(|c| Some(*c) != except)
            .collect();
        for conn in targets {
            self.send_to(conn, frame.clone());
        }
    }

    /// Removes a connection, closing it with `reason` when the room is the one closing, and
    /// tells everyone its cursors are gone.
    fn drop_conn(&mut self, conn: u64, reason: Option<CloseReason>) {
        let Some(mut c) = self.conns.remove(&conn) else {
            return;
        };
        if let (Some(reason), Some(close)) = (reason, c.close.take()) {
            let _ = close.send(reason);
        }
        self.acks.retain(|(a, _, _)| *a != conn);
        if let Some(gone) = self.presence.leave(conn) {
            self.broadcast(None, gone);
        }
    }

    /// Acts on a change of the board's access at once: a lock changes who edits (and tells the
    /// connections that asked), a replaced link closes the connections opened with it, a
    /// deletion closes every connection and writes what is pending. Returns whether the board
    /// was deleted (the room stops).
    async fn access_changed(&mut self, change: AccessChange) -> bool {
        let reason = change.close_reason();
        match change {
            AccessChange::Locked(locked) => {
                self.locked = locked;
                let notices: Vec<(u64, Vec<u8>)> = self
                    .conns
                    .iter_mut()
                    .filter_map(|(id, c)| Some((*id, c.access.lock_changed(locked)?)))
                    .collect();
                for (conn, notice) in notices {
                    self.send_to(conn, notice);
                }
                false
            }
            AccessChange::Revoked(role) => {
                let gone: Vec<u64> = self
                    .conns
                    .iter()
                    .filter(|(_, c)| c.access.role == role)
                    .map(|(id, _)| *id)
                    .collect();
                for conn in gone {
                    self.drop_conn(conn, reason.clone());
                }
                false
            }
            AccessChange::Deleted => {
                if let Some(reason) = reason {
                    self.close_all(reason).await;
                }
                self.flush().await;
                true
            }
        }
    }

    async fn close_all(&mut self, reason: CloseReason) {
        for (_, mut c) in self.conns.drain() {
            if let Some(close) = c.close.take() {
                let _ = close.send(reason.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_reasons_fit_a_close_frame() {
        let r = CloseReason::new(1008, "결제".repeat(100));
        assert!(r.reason.len() <= MAX_REASON);
        assert!(r.reason.ends_with("..."));
        assert_eq!(CloseReason::new(1000, "short").reason, "short");
    }
}
