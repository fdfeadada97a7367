//! The storage writer keeping checkpoints: it summarises a new checkpoint against the
//! previous one (off the async workers), stores it, thins the board's checkpoints by the
//! retention policy and summarises again those whose previous checkpoint went. Transient
//! storage failures are retried like every other write of the board.

use std::sync::Mutex;

use stormwall_model::history::Summary;

use super::{summary_between, Pending};
use crate::persist::Writer;
use crate::store::now_ms;

impl Writer {
    /// Stores `p` and tells whoever waits for it. Its reads and writes count as pending writes
    /// of the board, so a database that stops answering here is reported like any failing
    /// write (the summary's computation does not count).
    pub(crate) async fn checkpoint(&self, p: Pending) {
        let Pending {
            mut checkpoint,
            data,
            stored,
        } = p;
        let board = &self.board;
        let previous = self.read_state(None).await;
        let data = std::sync::Arc::new(data);
        let d = data.clone();
        checkpoint.summary = summarise(previous, move |before| summary_between(before, &d)).await;
        let ok = self
            .waited(self.retry("store a checkpoint", || {
                self.store.add_checkpoint(board, &checkpoint, &data)
            }))
            .await;
        tracing::info!(board, id = %checkpoint.id, reason = checkpoint.reason.as_str(), bytes = data.len(), ok, "checkpoint");
        if ok {
            self.thin().await;
        }
        if let Some(tell) = stored {
            let _ = tell.send(if ok { Ok(checkpoint) } else { Err(()) });
        }
    }

    /// Applies the retention policy, then summarises again what lost its previous checkpoint.
    async fn thin(&self) {
        let board = &self.board;
        let relinked = Mutex::new(Vec::new());
        self.waited(self.retry("thin checkpoints", || async {
            let r = self
                .store
                .thin_checkpoints(board, &self.history, now_ms())
                .await?;
            *relinked.lock().expect("poisoned") = r;
            Ok(())
        }))
        .await;
        for (id, previous) in relinked.into_inner().expect("poisoned") {
            let Some(after) = self.read_state(Some(&id)).await else {
                continue;
            };
            let before = match &previous {
                Some(p) => self.read_state(Some(p)).await,
                None => None,
            };
            let summary = summarise(before, move |b| summary_between(b, &after)).await;
            self.waited(self.retry("summarise a checkpoint", || {
                self.store.set_checkpoint_summary(board, &id, &summary)
            }))
            .await;
        }
    }

    /// A checkpoint's state (the newest when `id` is `None`), retried while storage fails.
    async fn read_state(&self, id: Option<&str>) -> Option<Vec<u8>> {
        let out = Mutex::new(None);
        self.waited(self.retry("read a checkpoint", || async {
            *out.lock().expect("poisoned") = self.store.checkpoint_state(&self.board, id).await?;
            Ok(())
        }))
        .await;
        out.into_inner().expect("poisoned")
    }
}

/// Runs a summary on a blocking thread (decoding two states of a large board takes a while).
async fn summarise(
    before: Option<Vec<u8>>,
    f: impl FnOnce(Option<&[u8]>) -> Summary + Send + 'static,
) -> Summary {
    tokio::task::spawn_blocking(move || f(before.as_deref()))
        .await
        .unwrap_or_default()
}
