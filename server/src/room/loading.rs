//! Loading a board into its room: the writer lease, the cluster stream, the lock, silent
//! writing, the workshop and the stored document (updates replayed on a fresh document,
//! corrupt entries skipped) — everything a room holds before it answers its first message.

use super::*;

/// Applies stored updates to a fresh document; corrupt entries are skipped and logged.
pub(crate) fn build_doc(id: &str, parts: &[Vec<u8>]) -> Doc {
    let doc = stormwall_model::doc::new_doc();
    {
        let mut txn = doc.transact_mut();
        for bytes in parts {
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
    doc
}

impl Room {
    /// Loads board `id` into a room, ready to serve.
    pub(super) async fn load(id: String, shared: Arc<Shared>) -> Result<Room, CloseReason> {
        // The previous writer of this board (an unloaded or broken room) finishes first.
        let lease = shared.writer_lease(&id).await;
        // The stream is read before the stored state, so nothing stored meanwhile is missed.
        let follow = shared.peers.follow(&id).await.map_err(|e| {
            tracing::error!(board = %id, error = %e, "cannot follow the board's stream");
            CloseReason::storage_unavailable()
        })?;
        let locked = access::room_lock(&shared.store, &id).await?;
        let silent = crate::drafts::store::silent(&shared.store, &id)
            .await
            .map_err(|_| CloseReason::storage_unavailable())?;
        let stored = shared.docs.load(&id).await.map_err(|e| {
            tracing::error!(board = %id, error = %e, "cannot read board");
            CloseReason::storage_unavailable()
        })?;
        let newest = shared.docs.newest_checkpoint(&id).await.map_err(|e| {
            tracing::error!(board = %id, error = %e, "cannot read checkpoints");
            CloseReason::storage_unavailable()
        })?;
        let size = DocSize::loaded(
            stored.snapshot.as_ref().map_or(0, Vec::len),
            (stored.last_seq - stored.updates.len() as i64 + 1..)
                .zip(stored.updates.iter().map(Vec::len))
                .chain(follow.tail.iter().map(|u| (stored.last_seq, u.len()))),
        );
        if !shared.reserve_memory(size.total()) {
            return Err(CloseReason::new(
                1013,
                "server is at its memory limit, try again later",
            ));
        }
        let workshop = crate::workshop::Session::load(&shared.store, &id).await;
        let log_len = stored.updates.len();
        let last_seq = stored.last_seq;
        let parts: Vec<Vec<u8>> = stored
            .snapshot
            .into_iter()
            .chain(stored.updates)
            .chain(follow.tail)
            .collect();
        let (board, reserved) = (id.clone(), size.total());
        let doc = tokio::task::spawn_blocking(move || build_doc(&board, &parts))
            .await
            .map_err(|_| {
                shared.release_memory(reserved);
                CloseReason::new(1011, "board could not be loaded")
            })?;
        let (persist_tx, persist_rx) = mpsc::unbounded_channel();
        let (committed_tx, committed) = watch::channel(last_seq);
        let progress = Arc::new(Progress {
            size,
            ..Progress::default()
        });
        let writer = persist::Writer {
            store: shared.docs.clone(),
            board: id.clone(),
            committed: committed_tx,
            metrics: shared.metrics.clone(),
            progress: progress.clone(),
            history: shared.limits.history.clone(),
        };
        let writer = tokio::spawn(persist::run(
            writer,
            persist_rx,
            if shared.peers.shared_log() {
                Duration::ZERO
            } else {
                shared.limits.commit_delay()
            },
            lease,
        ));
        shared.metrics.boards_loaded.fetch_add(1, Relaxed);
        tracing::info!(board = %id, bytes = reserved, log = log_len, "board loaded");
        let mut room = Room {
            progress,
            full_state: None,
            seq: last_seq,
            since_compact: log_len as u64,
            id,
            shared,
            doc,
            conns: HashMap::new(),
            presence: Presence::default(),
            locked,
            persist: persist_tx,
            writer,
            committed,
            storage_trouble: false,
            broken: None,
            history: checkpoints::History::loaded(newest),
            remote: follow.remote,
            nodes: HashMap::new(),
            silent: crate::drafts::Silent::new(silent),
            workshop,
        };
        for entry in follow.awareness {
            room.remote_entry(entry).await;
        }
        Ok(room)
    }
}
