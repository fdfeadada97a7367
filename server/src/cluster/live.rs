//! The live path between nodes: each document update is published on its board's channel
//! (`stormwall:live:{id}`, Redis pub/sub) just before it is appended to the board's stream,
//! and every node following the board hands it to its room at once.
//!
//! Why: with `appendfsync always` Redis answers nothing — neither the `XADD` nor a blocked
//! `XREAD` of another node — before it has fsynced the append-only file, so an update read
//! from the stream reaches other nodes one fsync later than the writer's own node (a slow disk
//! makes that tens of milliseconds at the tail). A `PUBLISH` is not a write and is delivered
//! without one. The stream stays the record: what the live path drops (a lost connection, a
//! full room queue) arrives from the stream a moment later, and what arrives twice applies
//! once (document updates are idempotent; a redundant one is neither applied nor broadcast
//! again). Seeing an edit before it is saved is what clients on the writer's node do too.
//!
//! What comes from Redis is untrusted: a message that is not `[node length][node][frame]`
//! within the frame limit is skipped.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;

use super::reader::Reader;
use super::{Body, Entry};

/// Longest node id carried.
const MAX_NODE: usize = 64;

/// The channel of board `board`.
pub fn channel(board: &str) -> String {
    format!("stormwall:live:{board}")
}

/// A live message: the node that sent it and its y-protocol frame.
pub fn encode(node: &str, frame: &[u8]) -> Vec<u8> {
    let node = &node.as_bytes()[..node.len().min(MAX_NODE)];
    let mut out = Vec::with_capacity(1 + node.len() + frame.len());
    out.push(node.len() as u8);
    out.extend_from_slice(node);
    out.extend_from_slice(frame);
    out
}

/// Reads a live message; `None` when malformed or over `max_message` bytes of frame.
pub fn decode(payload: &[u8], max_message: usize) -> Option<Entry> {
    let (&len, rest) = payload.split_first()?;
    let len = len as usize;
    if len == 0 || len > MAX_NODE || rest.len() < len || rest.len() - len > max_message {
        return None;
    }
    let (node, frame) = rest.split_at(len);
    Some(Entry {
        node: std::str::from_utf8(node).ok()?.to_string(),
        body: Body::Message(Bytes::copy_from_slice(frame)),
    })
}

/// The board a channel names, if it is one.
fn board_of_channel(channel: &str) -> Option<&str> {
    channel.strip_prefix("stormwall:live:")
}

/// Subscribes to the channel of every board `reader` follows and hands their messages to the
/// rooms, forever; a lost connection is reopened (and every channel subscribed again).
pub async fn run(client: redis::Client, reader: Arc<Reader>) {
    let mut backoff = Duration::from_millis(100);
    loop {
        let pubsub = match client.get_async_pubsub().await {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(error = %e, "cluster: cannot connect the live channel; retrying");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(2));
                continue;
            }
        };
        let (mut sink, mut messages) = pubsub.split();
        let mut subscribed: HashSet<String> = HashSet::new();
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tokio::select! {
                msg = messages.next() => {
                    let Some(msg) = msg else { break };
                    backoff = Duration::from_millis(100);
                    let Some(board) = board_of_channel(msg.get_channel_name()) else {
                        continue;
                    };
                    match decode(msg.get_payload_bytes(), reader.max_message()) {
                        Some(entry) => reader.live(board, entry),
                        None => tracing::warn!(board, "cluster: malformed live message skipped"),
                    }
                    continue;
                }
                _ = reader.changed() => {}
                _ = tick.tick() => {}
            }
            // A board followed, or a second passed: subscribe to what is followed, only.
            let want: HashSet<String> = reader.boards().into_iter().collect();
            let mut failed = false;
            for board in want.difference(&subscribed).cloned().collect::<Vec<_>>() {
                failed |= sink.subscribe(channel(&board)).await.is_err();
                subscribed.insert(board);
            }
            for board in subscribed.difference(&want).cloned().collect::<Vec<_>>() {
                failed |= sink.unsubscribe(channel(&board)).await.is_err();
                subscribed.remove(&board);
            }
            if failed {
                break;
            }
        }
        tracing::warn!("cluster: live channel lost; reconnecting (the stream carries on)");
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_messages_round_trip() {
        let e = decode(&encode("node-a", &[0, 2, 1, 0]), 16).unwrap();
        assert_eq!(e.node, "node-a");
        assert_eq!(e.body, Body::Message(Bytes::from_static(&[0, 2, 1, 0])));
        assert_eq!(board_of_channel(&channel("b1")), Some("b1"));
    }

    #[test]
    fn hostile_live_messages_are_refused() {
        let mut long = vec![65u8];
        long.extend([b'a'; 65]);
        for bad in [
            &[][..],
            &[0, 1, 2][..],
            &[5, b'a'][..],
            &[2, 0xff, 0xfe, 1][..],
            &long[..],
        ] {
            assert!(decode(bad, 16).is_none(), "{bad:?}");
        }
        // A frame over the limit.
        assert!(decode(&encode("a", &[0; 17]), 16).is_none());
    }
}
