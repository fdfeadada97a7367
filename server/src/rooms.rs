//! The registry of loaded boards: finds or starts a board's room, unloads idle ones, and shuts
//! them all down on exit.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot};

use crate::config::Limits;
use crate::metrics::Metrics;
use crate::room::{self, CloseReason, Join, RoomMsg};
use crate::store::Store;

/// What every room shares with the registry.
pub struct Shared {
    /// The board store.
    pub store: Store,
    /// Configured limits.
    pub limits: Limits,
    /// Process counters.
    pub metrics: Arc<Metrics>,
    rooms: Mutex<HashMap<String, mpsc::Sender<RoomMsg>>>,
}

/// Queue length of a room's inbox.
const ROOM_INBOX: usize = 4096;

impl Shared {
    /// A registry with no room loaded.
    pub fn new(store: Store, limits: Limits, metrics: Arc<Metrics>) -> Arc<Shared> {
        Arc::new(Shared {
            store,
            limits,
            metrics,
            rooms: Mutex::new(HashMap::new()),
        })
    }

    fn room(self: &Arc<Shared>, id: &str) -> mpsc::Sender<RoomMsg> {
        let mut rooms = self.rooms.lock().expect("room registry poisoned");
        if let Some(tx) = rooms.get(id).filter(|tx| !tx.is_closed()) {
            return tx.clone();
        }
        let (tx, rx) = mpsc::channel(ROOM_INBOX);
        rooms.insert(id.to_string(), tx.clone());
        room::spawn(id.to_string(), self.clone(), rx);
        tx
    }

    /// Joins board `id`, loading it when needed. Returns the room's inbox.
    pub async fn join(
        self: &Arc<Shared>,
        id: &str,
        mut join: impl FnMut() -> Join,
    ) -> Result<mpsc::Sender<RoomMsg>, CloseReason> {
        // A room that is unloading refuses with 1013; the next attempt loads it afresh.
        for _ in 0..3 {
            let tx = self.room(id);
            let (reply, answer) = oneshot::channel();
            if tx.send(RoomMsg::Join(join(), reply)).await.is_err() {
                continue;
            }
            match answer.await {
                Ok(Ok(())) => return Ok(tx),
                Ok(Err(r)) if r.code == 1013 && r.reason.contains("reloading") => continue,
                Ok(Err(r)) => return Err(r),
                Err(_) => continue,
            }
        }
        Err(CloseReason::new(1013, "board is busy, try again"))
    }

    /// Reads board `id`'s live state, loading its room when needed (it unloads again once
    /// idle). `None` when the room cannot load (storage unavailable). The caller checks that
    /// the board exists.
    pub async fn snapshot(self: &Arc<Shared>, id: &str) -> Option<stormwall_model::Board> {
        // A room that is unloading drops the request; the next attempt loads it afresh.
        for _ in 0..3 {
            let (reply, answer) = oneshot::channel();
            if self.room(id).send(RoomMsg::Snapshot(reply)).await.is_err() {
                continue;
            }
            if let Ok(board) = answer.await {
                return Some(board);
            }
        }
        None
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
            Some(tx) => tx.send(msg).await.is_ok(),
            None => false,
        }
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

    /// Forgets a room that failed to load.
    pub fn forget(&self, id: &str) {
        self.rooms
            .lock()
            .expect("room registry poisoned")
            .remove(id);
    }

    /// Flushes and stops every room, closing its connections.
    pub async fn shutdown(&self) {
        let rooms: Vec<_> = self
            .rooms
            .lock()
            .expect("room registry poisoned")
            .drain()
            .map(|(_, tx)| tx)
            .collect();
        for tx in rooms {
            let (done, wait) = oneshot::channel();
            if tx.send(RoomMsg::Shutdown(done)).await.is_ok() {
                let _ = wait.await;
            }
        }
    }
}
