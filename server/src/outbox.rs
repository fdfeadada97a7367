//! A connection's outbound queue, bounded in bytes rather than messages: the room queues frames
//! without waiting, the socket writer takes them, and a client that stops reading is refused
//! more once the bytes it has not taken reach the budget.
//!
//! Frames are reference-counted [`Bytes`]: the full state shared by many joiners is held once,
//! but it counts against the budget of every connection that has it queued.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::mpsc;

/// The room's side: queue a frame or learn that the client is too slow.
pub struct Outbox {
    tx: mpsc::UnboundedSender<Bytes>,
    queued: Arc<AtomicUsize>,
    budget: usize,
}

/// The socket writer's side.
pub struct OutboxReader {
    rx: mpsc::UnboundedReceiver<Bytes>,
    queued: Arc<AtomicUsize>,
}

/// Why a frame was not queued.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The client has not taken what was queued before, up to the budget.
    Full,
    /// The connection is gone.
    Closed,
}

/// A queue that holds at most `budget` bytes not yet taken by the writer. One frame larger than
/// the whole budget is still accepted when nothing else is queued, so a client can always
/// receive a board bigger than the budget once.
pub fn outbox(budget: usize) -> (Outbox, OutboxReader) {
    let (tx, rx) = mpsc::unbounded_channel();
    let queued = Arc::new(AtomicUsize::new(0));
    (
        Outbox {
            tx,
            queued: queued.clone(),
            budget,
        },
        OutboxReader { rx, queued },
    )
}

impl Outbox {
    /// Queues `frame` unless the budget would be exceeded.
    pub fn send(&self, frame: Bytes) -> Result<(), Refused> {
        let len = frame.len();
        let before = self.queued.fetch_add(len, Relaxed);
        if before > 0 && before + len > self.budget {
            self.queued.fetch_sub(len, Relaxed);
            return Err(Refused::Full);
        }
        self.tx.send(frame).map_err(|_| {
            self.queued.fetch_sub(len, Relaxed);
            Refused::Closed
        })
    }

    /// Queues `frames` together, or none of them: like one frame of their total size (so a
    /// board's state in pieces larger than the whole budget passes when nothing is queued).
    pub fn send_all(&self, frames: &[Bytes]) -> Result<(), Refused> {
        let total: usize = frames.iter().map(Bytes::len).sum();
        let before = self.queued.fetch_add(total, Relaxed);
        if before > 0 && before + total > self.budget {
            self.queued.fetch_sub(total, Relaxed);
            return Err(Refused::Full);
        }
        for (i, frame) in frames.iter().enumerate() {
            if self.tx.send(frame.clone()).is_err() {
                let unsent: usize = frames[i..].iter().map(Bytes::len).sum();
                self.queued.fetch_sub(unsent, Relaxed);
                return Err(Refused::Closed);
            }
        }
        Ok(())
    }

    /// Bytes queued and not yet taken.
    pub fn queued(&self) -> usize {
        self.queued.load(Relaxed)
    }
}

impl OutboxReader {
    /// The next frame, or `None` once the room dropped the queue and it is empty.
    pub async fn recv(&mut self) -> Option<Bytes> {
        let frame = self.rx.recv().await?;
        self.queued.fetch_sub(frame.len(), Relaxed);
        Some(frame)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_reader_that_stops_reading_is_refused_at_the_budget() {
        let (out, mut reader) = outbox(100);
        out.send(Bytes::from(vec![0; 60])).unwrap();
        assert_eq!(out.send(Bytes::from(vec![0; 60])), Err(Refused::Full));
        out.send(Bytes::from(vec![0; 40])).unwrap();
        assert_eq!(out.queued(), 100);
        assert_eq!(reader.recv().await.unwrap().len(), 60);
        out.send(Bytes::from(vec![0; 60])).unwrap();
        assert_eq!(out.queued(), 100);
    }

    #[tokio::test]
    async fn one_frame_larger_than_the_budget_passes_when_nothing_is_queued() {
        let (out, mut reader) = outbox(10);
        out.send(Bytes::from(vec![0; 50])).unwrap();
        assert_eq!(out.send(Bytes::from(vec![0; 1])), Err(Refused::Full));
        reader.recv().await.unwrap();
        assert_eq!(out.queued(), 0);
        drop(reader);
        assert_eq!(out.send(Bytes::from(vec![0; 1])), Err(Refused::Closed));
    }

    #[tokio::test]
    async fn frames_sent_together_are_queued_whole_or_not_at_all() {
        let (out, mut reader) = outbox(100);
        let piece = || Bytes::from(vec![0; 70]);
        // A state larger than the budget passes in pieces when nothing is queued...
        out.send_all(&[piece(), piece(), piece()]).unwrap();
        assert_eq!(out.queued(), 210);
        // ...but not behind other frames, and then nothing of it is queued.
        assert_eq!(out.send_all(&[piece(), piece()]), Err(Refused::Full));
        assert_eq!(out.queued(), 210);
        for _ in 0..3 {
            assert_eq!(reader.recv().await.unwrap().len(), 70);
        }
        assert_eq!(out.queued(), 0);
        drop(reader);
        assert_eq!(out.send_all(&[piece()]), Err(Refused::Closed));
        assert_eq!(out.queued(), 0);
    }
}
