//! The registry of loaded boards: finds or starts a board's room, unloads idle ones, enforces
//! the process-wide budgets (loaded boards and their bytes, sync connections in total and per
//! IP address), hands out per-board writer leases, and shuts every room down on exit —
//! refusing new joins first, then flushing with a time limit.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot, OwnedMutexGuard, Semaphore};

use crate::cluster::{Local, Peers};
use crate::config::Limits;
use crate::metrics::Metrics;
use crate::room::{self, CloseReason, Join, RoomMsg};
use crate::storage::DocStore;
use crate::store::Store;

/// A loaded board's inbox: its queue and the byte budget of frames waiting in it.
#[derive(Clone)]
pub struct RoomHandle {
    /// The room's message queue.
    pub tx: mpsc::Sender<RoomMsg>,
    /// Permits are bytes of frames not yet handled; a reader waits for its frame's share.
    pub inbox: Arc<Semaphore>,
}

/// What every room shares with the registry.
pub struct Shared {
    /// The board store (boards, requirement sets, and documents).
    pub store: Store,
    /// Where rooms load and store documents.
    pub docs: Arc<dyn DocStore>,
    /// The other nodes serving the same boards (none on a single node).
    pub peers: Arc<dyn Peers>,
    /// Configured limits.
    pub limits: Limits,
    /// Process counters.
    pub metrics: Arc<Metrics>,
    rooms: Mutex<HashMap<String, RoomHandle>>,
    leases: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    loaded_bytes: AtomicUsize,
    connections: Mutex<HashMap<IpAddr, usize>>,
    stopping: AtomicBool,
}

/// Queue length of a room's inbox, in messages (its bytes are bounded by `inbox_bytes`).
const ROOM_INBOX: usize = 4096;

/// A sync connection counted against the process and per-IP caps; released on drop.
pub struct ConnSlot {
    shared: Arc<Shared>,
    ip: IpAddr,
}

impl Drop for ConnSlot {
    fn drop(&mut self) {
        let mut counts = self.shared.connections.lock().expect("poisoned");
        if let Some(n) = counts.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.ip);
            }
        }
    }
}

impl Shared {
    /// A registry with no room loaded.
    pub fn new(store: Store, limits: Limits, metrics: Arc<Metrics>) -> Arc<Shared> {
        Shared::with_peers(
            store.clone(),
            Arc::new(store),
            Arc::new(Local),
            limits,
            metrics,
        )
    }

    /// A registry whose rooms store through `docs` and reach other nodes through `peers`.
    pub fn with_peers(
        store: Store,
        docs: Arc<dyn DocStore>,
        peers: Arc<dyn Peers>,
        limits: Limits,
        metrics: Arc<Metrics>,
    ) -> Arc<Shared> {
        Arc::new(Shared {
            docs,
            peers,
            store,
            limits,
            metrics,
            rooms: Mutex::new(HashMap::new()),
            leases: Mutex::new(HashMap::new()),
            loaded_bytes: AtomicUsize::new(0),
            connections: Mutex::new(HashMap::new()),
            stopping: AtomicBool::new(false),
        })
    }

    /// Counts a new sync connection from `ip`, or says why it is refused.
    pub fn admit_connection(self: &Arc<Shared>, ip: IpAddr) -> Result<ConnSlot, CloseReason> {
        let mut counts = self.connections.lock().expect("poisoned");
        let total: usize = counts.values().sum();
        if total >= self.limits.max_connections_total {
            return Err(CloseReason::new(1013, "server is full, try again later"));
        }
        let n = counts.entry(ip).or_default();
        if *n >= self.limits.max_connections_per_ip {
            return Err(CloseReason::new(
                1013,
                "too many connections from your address",
            ));
        }
        *n += 1;
        Ok(ConnSlot {
            shared: self.clone(),
            ip,
        })
    }

    /// Whether shutdown has begun (new joins are refused).
    pub fn stopping(&self) -> bool {
        self.stopping.load(Relaxed)
    }

    fn room(self: &Arc<Shared>, id: &str) -> Result<RoomHandle, CloseReason> {
        let mut rooms = self.rooms.lock().expect("room registry poisoned");
        if let Some(h) = rooms.get(id).filter(|h| !h.tx.is_closed()) {
            return Ok(h.clone());
        }
        if rooms.len() >= self.limits.max_loaded_boards {
            return Err(CloseReason::new(
                1013,
                "server has too many boards open, try again later",
            ));
        }
        let (tx, rx) = mpsc::channel(ROOM_INBOX);
        let handle = RoomHandle {
            tx,
            inbox: Arc::new(Semaphore::new(self.limits.inbox_bytes)),
        };
        rooms.insert(id.to_string(), handle.clone());
        room::spawn(id.to_string(), self.clone(), rx);
        Ok(handle)
    }

    /// The writer lease of board `id`: held by a room's storage writer until it has written
    /// everything, so a reload never reads a board while its previous writer still writes.
    pub async fn writer_lease(&self, id: &str) -> OwnedMutexGuard<()> {
        let lease = self
            .leases
            .lock()
            .expect("poisoned")
            .entry(id.to_string())
            .or_default()
            .clone();
        lease.lock_owned().await
    }

    /// Forgets board `id`'s lease once its writer has finished and nobody waits for it, so the
    /// map does not grow with every board ever loaded.
    pub fn prune_lease(&self, id: &str) {
        let mut leases = self.leases.lock().expect("poisoned");
        if leases
            .get(id)
            .is_some_and(|l| Arc::strong_count(l) == 1 && l.try_lock().is_ok())
        {
            leases.remove(id);
        }
    }

    /// Counts `bytes` of a board being loaded against the memory budget.
    pub fn reserve_memory(&self, bytes: usize) -> bool {
        let max = self.limits.max_loaded_bytes;
        self.loaded_bytes
            .fetch_update(Relaxed, Relaxed, |now| {
                (now == 0 || now + bytes <= max).then_some(now + bytes)
            })
            .is_ok()
    }

    /// Returns what [`Shared::reserve_memory`] counted.
    pub fn release_memory(&self, bytes: usize) {
        self.loaded_bytes.fetch_sub(bytes, Relaxed);
    }

    /// Joins board `id`, loading it when needed. Returns the room's inbox.
    pub async fn join(
        self: &Arc<Shared>,
        id: &str,
        mut join: impl FnMut() -> Join,
    ) -> Result<RoomHandle, CloseReason> {
        // A room that is unloading refuses with "reloading"; the next attempt loads it afresh.
        for _ in 0..3 {
            if self.stopping() {
                return Err(CloseReason::new(1001, "server shutting down"));
            }
            let handle = self.room(id)?;
            let (reply, answer) = oneshot::channel();
            if handle.tx.send(RoomMsg::Join(join(), reply)).await.is_err() {
                continue;
            }
            match answer.await {
                Ok(Ok(())) => return Ok(handle),
                Ok(Err(r)) if r == CloseReason::reloading() => continue,
                Ok(Err(r)) => return Err(r),
                Err(_) => continue,
            }
        }
        Err(CloseReason::new(1013, "board is busy, try again"))
    }

    /// Reads board `id`'s live state, loading its room when needed (it unloads again once
    /// idle). `None` when the room cannot load in time (storage unavailable, server busy).
    /// The caller checks that the board exists.
    pub async fn snapshot(self: &Arc<Shared>, id: &str) -> Option<stormwall_model::Board> {
        self.ask(id, RoomMsg::Snapshot).await
    }

    /// Sends board `id`'s room the request `msg` makes (loading the room when needed) and
    /// waits for its answer; `None` when the room cannot load or answer in time. The caller
    /// checks that the board exists.
    pub async fn ask<T>(
        self: &Arc<Shared>,
        id: &str,
        mut msg: impl FnMut(oneshot::Sender<T>) -> RoomMsg,
    ) -> Option<T> {
        let attempt = async {
            // A room that is unloading drops the request; the next attempt loads it afresh.
            for _ in 0..3 {
                let (reply, answer) = oneshot::channel();
                let handle = self.room(id).ok()?;
                if handle.tx.send(msg(reply)).await.is_err() {
                    continue;
                }
                if let Ok(answer) = answer.await {
                    return Some(answer);
                }
            }
            None
        };
        tokio::time::timeout(self.limits.load_timeout(), attempt)
            .await
            .ok()
            .flatten()
    }

    /// Sends `msg` to board `id`'s room when it is loaded (a board that is not loaded has no
    /// connection to tell). Returns whether a room took it.
    pub async fn tell_if_loaded(&self, id: &str, msg: RoomMsg) -> bool {
        let room = self
            .rooms
            .lock()
            .expect("room registry poisoned")
            .get(id)
            .cloned();
        match room {
            Some(handle) => handle.tx.send(msg).await.is_ok(),
            None => false,
        }
    }

    /// The ids of board `id`'s drafts whose rooms are loaded (see [`crate::drafts`]).
    pub fn loaded_drafts(&self, id: &str) -> Vec<String> {
        let prefix = format!("{id}{}", stormwall_model::drafts::SEPARATOR);
        let rooms = self.rooms.lock().expect("room registry poisoned");
        rooms
            .keys()
            .filter(|r| r.starts_with(&prefix))
            .cloned()
            .collect()
    }

    /// Called by an idle room after flushing: removes it when no message is waiting for it.
    pub fn unload_if_idle(&self, id: &str, rx: &mpsc::Receiver<RoomMsg>) -> bool {
        let mut rooms = self.rooms.lock().expect("room registry poisoned");
        if !rx.is_empty() {
            return false;
        }
        rooms.remove(id);
        true
    }

    /// Forgets a room that failed to load or stopped.
    pub fn forget(&self, id: &str) {
        self.rooms
            .lock()
            .expect("room registry poisoned")
            .remove(id);
    }

    /// Refuses new joins, then flushes and stops every room (closing its connections), each
    /// flush limited to the configured time.
    pub async fn shutdown(&self) {
        self.stopping.store(true, Relaxed);
        let rooms: Vec<_> = self
            .rooms
            .lock()
            .expect("room registry poisoned")
            .drain()
            .map(|(_, h)| h.tx)
            .collect();
        let limit = self.limits.shutdown_flush();
        let all = async {
            for tx in rooms {
                let (done, wait) = oneshot::channel();
                if tx.send(RoomMsg::Shutdown(done)).await.is_ok() {
                    let _ = wait.await;
                }
            }
        };
        if tokio::time::timeout(limit, all).await.is_err() {
            tracing::error!("shutdown flush took too long; stopping anyway");
        }
        self.peers.stop().await;
    }
}
