//! One loaded board: an actor task that owns the board's Yjs document and awareness, serves
//! its connections over channels, and hands updates to the board's storage writer.
//!
//! The room loads the document (on a blocking thread) before it reads its first message, so
//! no SyncStep1 is ever answered from a half-loaded board. Broadcasts are encoded once and the
//! same bytes are queued to every connection; a connection whose byte budget is full is
//! disconnected. What one client can make the room hold is bounded in bytes: frames waiting in
//! the inbox, frames queued to it, updates waiting to be stored, pending acknowledgements.
//!
//! A room that cannot go on safely — the document engine panicked mid-update, or storage
//! refused the board for good — closes every connection and stops; the next join loads the
//! board afresh from storage once this room's writer has finished.

mod access_change;
pub mod checkpoints;
mod close;
mod conn;
mod drafts;
mod edits;
mod loading;
mod remote;
mod saving;
mod workshop;

use std::collections::HashMap;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot, watch, OwnedSemaphorePermit};
use tokio::time::{interval, sleep_until, Instant};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use crate::access::{self, conn::ConnAccess, conn::EditCheck, AccessChange};
use crate::history::Reason;
use crate::outbox::{Outbox, Refused};
use crate::persist::{self, DocSize, PersistMsg, Progress};
use crate::presence::Presence;
use crate::rooms::Shared;
use stormwall_model::access::Role;
use stormwall_model::protocol::{self, Incoming};

use crate::rate::Bucket;
use close::refusal;
pub use close::CloseReason;
use conn::Conn;
pub(crate) use loading::build_doc;

/// What a connection gives the room when it joins.
pub struct Join {
    /// Connection id, unique in the process.
    pub conn: u64,
    /// The connection's outbound queue.
    pub out: Outbox,
    /// Where the room sends the reason when it closes the connection.
    pub close: oneshot::Sender<CloseReason>,
    /// The role of the share link it was opened with.
    pub role: Role,
}

/// Messages a room handles.
pub enum RoomMsg {
    /// A connection joins; the reply says whether it was admitted.
    Join(Join, oneshot::Sender<Result<(), CloseReason>>),
    /// A binary frame from a connection, holding its share of the room's inbox budget.
    Frame(u64, Bytes, OwnedSemaphorePermit),
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
    /// A named checkpoint of the board now: (name, by); answered with what tells when it is
    /// stored (`None`: the board could not be read).
    Checkpoint(
        (String, Option<String>),
        oneshot::Sender<Option<checkpoints::Stored>>,
    ),
    /// Restore a checkpoint's state, whole or some items, as one update to every client.
    Restore(
        checkpoints::Restore,
        oneshot::Sender<Result<checkpoints::Restoring, String>>,
    ),
    /// Silent writing was turned on or off (see [`crate::drafts`]).
    SilentWriting(bool),
    /// Merge a revealed draft's whole state into the board; answered once queued to storage.
    Merge(Vec<u8>, oneshot::Sender<drafts::Merged>),
}

/// Above this stored size, full-state encodes and snapshots run on a blocking thread.
const BLOCKING_ABOVE: usize = 256 * 1024;
/// Longest "saved" request payload a client may send.
const MAX_ACK_PAYLOAD: usize = 64;

struct Room {
    id: String,
    shared: Arc<Shared>,
    doc: Doc,
    conns: HashMap<u64, Conn>,
    presence: Presence,
    /// Whether only facilitators edit (see [`crate::access`]).
    locked: bool,
    seq: i64,
    since_compact: u64,
    progress: Arc<Progress>,
    /// What a fresh joiner (empty state vector) is sent: the state in pieces ending with a
    /// SyncStep2, encoded once per document state.
    full_state: Option<Arc<[Bytes]>>,
    persist: mpsc::UnboundedSender<PersistMsg>,
    writer: tokio::task::JoinHandle<()>,
    committed: watch::Receiver<i64>,
    /// Whether clients have been told that storage is failing.
    storage_trouble: bool,
    /// Set when the room must stop and be reloaded from storage.
    broken: Option<CloseReason>,
    /// When the last checkpoint was made, and edits since.
    history: checkpoints::History,
    /// What other nodes serving the board send (a cluster member only).
    remote: Option<mpsc::Receiver<crate::cluster::Remote>>,
    /// Other nodes whose clients announced awareness here, each as a pseudo connection.
    nodes: HashMap<String, u64>,
    /// Whether silent writing is on, and who asked to be told.
    silent: crate::drafts::Silent,
    /// Phase, timer, follow me and votes (see [`crate::workshop`]).
    workshop: crate::workshop::Session,
}

/// Starts the room task for board `id`; it loads the board, then serves `rx`.
pub fn spawn(id: String, shared: Arc<Shared>, rx: mpsc::Receiver<RoomMsg>) {
    tokio::spawn(async move {
        let loaded = tokio::time::timeout(
            shared.limits.load_timeout(),
            Room::load(id.clone(), shared.clone()),
        )
        .await
        .unwrap_or_else(|_| {
            tracing::error!(board = %id, "board took too long to load");
            Err(CloseReason::new(
                1013,
                "board took too long to load, try again",
            ))
        });
        match loaded {
            Ok(room) => room.run(rx).await,
            Err(reason) => {
                shared.forget(&id);
                shared.prune_lease(&id);
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
    async fn run(mut self, mut rx: mpsc::Receiver<RoomMsg>) {
        let mut idle_since = Instant::now();
        let mut health = interval(Duration::from_millis(250));
        let reserved = self.progress.size.total();
        let refusal = loop {
            let idle_deadline = idle_since + self.shared.limits.idle_unload();
            tokio::select! {
                msg = rx.recv() => match msg {
                    Some(RoomMsg::Shutdown(done)) => {
                        self.close_all(CloseReason::new(1001, "server shutting down"));
                        self.flush().await;
                        self.workshop.flush().await;
                        let _ = done.send(());
                        break CloseReason::new(1001, "server shutting down");
                    }
                    Some(RoomMsg::Access(change, done)) => {
                        let deleted = self.access_changed(change).await;
                        let _ = done.send(());
                        if let Some(reason) = deleted {
                            rx.close();
                            self.shared.forget(&self.id);
                            break reason;
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
                    None => break CloseReason::reloading(),
                },
                remote = crate::cluster::next(&mut self.remote) => {
                    if let Some(reason) = self.remote(remote).await {
                        rx.close();
                        self.shared.forget(&self.id);
                        break reason;
                    }
                }
                Ok(()) = self.committed.changed() => self.send_acks(),
                _ = health.tick() => {
                    self.check_storage();
                    self.check_nodes();
                }
                _ = sleep_until(idle_deadline), if self.conns.is_empty() => {
                    self.flush().await;
                    if self.shared.unload_if_idle(&self.id, &rx) {
                        rx.close();
                        break CloseReason::reloading();
                    }
                    idle_since = Instant::now();
                }
            }
            if let Some(reason) = self.broken.take() {
                tracing::error!(board = %self.id, reason = %reason.reason, "room stops; the board reloads from storage on the next join");
                self.close_all(reason);
                rx.close();
                self.shared.forget(&self.id);
                break CloseReason::reloading();
            }
        };
        // The writer finishes (and releases the board's lease) before anyone reloads it.
        let Room {
            persist,
            writer,
            mut workshop,
            ..
        } = self;
        drop(persist);
        let _ = writer.await;
        workshop.flush().await;
        self.shared.prune_lease(&self.id);
        self.shared.release_memory(reserved);
        self.shared.metrics.boards_loaded.fetch_sub(1, Relaxed);
        tracing::info!(board = %self.id, "board unloaded");
        refuse_all(rx, refusal).await;
    }

    async fn handle(&mut self, msg: RoomMsg) {
        match msg {
            RoomMsg::Join(join, reply) => self.join(join, reply),
            RoomMsg::Frame(conn, data, _permit) => {
                if !self.conns.contains_key(&conn) {
                    return;
                }
                let limit = self.shared.limits.awareness_state_bytes;
                let result = match protocol::decode_with(&data, limit) {
                    Ok(incoming) => self.apply(conn, incoming).await,
                    Err(e) => Err(refusal(&e)),
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
                let board = self.off_thread(stormwall_model::doc::snapshot).await;
                if let Some(board) = board {
                    let _ = reply.send(board);
                }
            }
            RoomMsg::Checkpoint((name, by), reply) => {
                let made = self.checkpoint(Reason::Named, Some(name), by).await;
                let _ = reply.send(made.map(|(_, stored)| stored));
            }
            RoomMsg::Restore(req, reply) => {
                let _ = reply.send(self.restore(req).await);
            }
            RoomMsg::SilentWriting(on) => self.silent_changed(on),
            RoomMsg::Merge(state, reply) => {
                let _ = reply.send(self.merge(state));
            }
            RoomMsg::Shutdown(_) | RoomMsg::Access(..) => unreachable!("handled by run"),
        }
    }

    /// Runs `f` on the document, on a blocking thread when the board is large. The room waits
    /// for it, so nothing else touches the document meanwhile.
    async fn off_thread<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Doc) -> T + Send + 'static,
    ) -> Option<T> {
        if self.progress.size.total() < BLOCKING_ABOVE {
            return Some(f(&self.doc));
        }
        let doc = self.doc.clone();
        tokio::task::spawn_blocking(move || f(&doc)).await.ok()
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
            status_aware: false,
            acks: Vec::new(),
            requests: Bucket::new(self.shared.limits.sync_request_burst, 1.0),
            access: ConnAccess::new(join.role),
        };
        if reply.send(Ok(())).is_err() {
            return;
        }
        self.conns.insert(join.conn, conn);
        self.workshop.join(join.conn, join.role);
        for f in first {
            self.send_to(join.conn, f);
        }
    }

    /// Takes one of the connection's expensive-request tokens.
    fn allow_request(&mut self, conn: u64) -> Result<(), CloseReason> {
        match self.conns.get_mut(&conn).map(|c| c.requests.take()) {
            Some(false) => Err(CloseReason::new(1008, "too many sync requests; slow down")),
            _ => Ok(()),
        }
    }

    async fn apply(&mut self, conn: u64, msg: Incoming) -> Result<(), CloseReason> {
        match msg {
            Incoming::SyncStep1(sv) => {
                self.allow_request(conn)?;
                let fresh = sv == StateVector::default();
                let frames = match &self.full_state {
                    Some(f) if fresh => f.clone(),
                    _ => {
                        let encoded = self
                            .off_thread(move |doc| {
                                protocol::answer_sync_step1(doc, &sv)
                                    .into_iter()
                                    .map(Bytes::from)
                                    .collect::<Arc<[Bytes]>>()
                            })
                            .await
                            .ok_or_else(|| CloseReason::new(1011, "could not read the board"))?;
                        if fresh {
                            self.full_state = Some(encoded.clone());
                        }
                        encoded
                    }
                };
                self.send_all_to(conn, &frames);
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
                // A client that reconnected here from another node takes its ids back.
                for id in update.clients.keys() {
                    self.presence.disown(id.get(), remote::is_node_conn);
                }
                let max = self.shared.limits.awareness_ids_per_connection;
                match self.presence.apply(conn, update, max) {
                    Ok(Some(changed)) => {
                        let changed = Bytes::from(changed);
                        self.shared.peers.publish(&self.id, changed.clone());
                        self.broadcast(Some(conn), changed);
                    }
                    Ok(None) => {}
                    Err(_) => {
                        return Err(CloseReason::new(
                            1008,
                            format!("a connection may announce at most {max} awareness clients"),
                        ))
                    }
                }
            }
            Incoming::QueryAwareness => {
                self.allow_request(conn)?;
                let all = self.presence.all();
                self.send_to(conn, all);
            }
            Incoming::SyncStatus(payload) => self.sync_status(conn, payload)?,
            Incoming::SilentWriting(_) => self.silent_subscribe(conn),
            Incoming::Workshop(payload) => self.workshop_message(conn, &payload),
            Incoming::Notice(_) => {
                return Err(CloseReason::new(
                    1008,
                    "clients may not send server notices",
                ))
            }
        }
        Ok(())
    }

    /// Queues `frame` to one connection; a full budget disconnects it.
    fn send_to(&mut self, conn: u64, frame: impl Into<Bytes>) {
        let refused = match self.conns.get(&conn) {
            Some(c) => c.out.send(frame.into()).err(),
            None => None,
        };
        self.after_send(conn, refused);
    }

    /// Sends frames that belong together (a state in pieces) as one: all are queued or none.
    fn send_all_to(&mut self, conn: u64, frames: &[Bytes]) {
        let refused = match self.conns.get(&conn) {
            Some(c) => c.out.send_all(frames).err(),
            None => None,
        };
        self.after_send(conn, refused);
    }

    /// Disconnects a client whose queue refused a frame.
    fn after_send(&mut self, conn: u64, refused: Option<Refused>) {
        match refused {
            Some(Refused::Full) => {
                self.shared
                    .metrics
                    .rejected_connections
                    .fetch_add(1, Relaxed);
                tracing::warn!(board = %self.id, conn, "outbound budget full; disconnecting slow client");
                self.drop_conn(
                    conn,
                    Some(CloseReason::new(
                        1013,
                        "client too slow: outbound queue full",
                    )),
                );
            }
            Some(Refused::Closed) => self.drop_conn(conn, None),
            None => {}
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
        self.workshop.leave(conn);
        if let (Some(reason), Some(close)) = (reason, c.close.take()) {
            let _ = close.send(reason);
        }
        if let Some(gone) = self.presence.leave(conn) {
            let gone = Bytes::from(gone);
            self.shared.peers.publish(&self.id, gone.clone());
            self.broadcast(None, gone);
        }
    }
}
