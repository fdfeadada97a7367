//! The WebSocket endpoint `/sync/{board_id}`: one task reads frames into the board's room, one
//! writes the room's frames (and keep-alive pings) to the socket.
//!
//! Before a connection joins it is counted against the process and per-IP caps and its board
//! id is checked (unknown or malformed ids close with 4404, and are never logged raw). While
//! it is open, each frame waits for its share of the room's inbox budget before it is queued,
//! so a fast sender is slowed to what the room can take instead of growing memory.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::response::Response;
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use tokio::sync::oneshot;

use crate::access::extract::KeyQuery;
use crate::access::keys;
use crate::app::AppState;
use crate::board_id::BoardId;
use crate::outbox::{outbox, OutboxReader};
use crate::persist::OVERHEAD;
use crate::room::{CloseReason, Join, RoomMsg};
use crate::rooms::RoomHandle;
use stormwall_model::access::Role;

static NEXT_CONN: AtomicU64 = AtomicU64::new(1);

/// How often the server pings an idle client, and how long it waits for any sign of life.
const PING_EVERY: Duration = Duration::from_secs(20);
const DEAD_AFTER: Duration = Duration::from_secs(60);
/// Bytes read from a socket at a time. The WebSocket library allocates this much for every
/// connection up front (128 KiB by default): most of an idle connection's memory. Clients send
/// small frames; a large one takes more reads, no more memory.
const READ_BUFFER: usize = 8 * 1024;

/// Upgrades to a WebSocket and runs the y-websocket protocol for board `id`, with the rights
/// of the share link's `?key=`.
pub async fn sync(
    Path(id): Path<String>,
    key: Result<Query<KeyQuery>, QueryRejection>,
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    ws: WebSocketUpgrade,
) -> Response {
    let key = key.ok().and_then(|q| q.0.key).unwrap_or_default();
    let max = app.shared.limits.max_frame_bytes;
    ws.max_frame_size(max)
        .max_message_size(max)
        .read_buffer_size(READ_BUFFER)
        .on_upgrade(move |socket| connection(socket, id, key, peer.ip(), app))
}

/// The role the share link's `key` grants on board `id`; no board and no valid key are the
/// same 4404 (see [`crate::access`]).
pub(crate) async fn admit(app: &AppState, id: &str, key: &str) -> Result<Role, CloseReason> {
    let unknown = || CloseReason::new(4404, "unknown board");
    let id = BoardId::parse(id).ok_or_else(unknown)?;
    let check = tokio::time::timeout(
        app.shared.limits.load_timeout(),
        keys::resolve(&app.shared.store, id.as_str(), key),
    );
    match check.await {
        Ok(Ok(Some(grant))) => Ok(grant.role),
        Ok(Ok(None)) => Err(unknown()),
        Err(_) => Err(CloseReason::storage_unavailable()),
        Ok(Err(e)) => {
            tracing::error!(board = id.as_str(), error = %e, "cannot check board");
            Err(CloseReason::storage_unavailable())
        }
    }
}

async fn close(socket: &mut futures_util::stream::SplitSink<WebSocket, Message>, r: CloseReason) {
    let frame = CloseFrame {
        code: r.code,
        reason: r.reason.into(),
    };
    let _ = socket.send(Message::Close(Some(frame))).await;
    let _ = socket.close().await;
}

async fn connection(
    socket: WebSocket,
    id: String,
    key: String,
    ip: std::net::IpAddr,
    app: AppState,
) {
    let (mut sink, mut stream) = socket.split();
    let conn = NEXT_CONN.fetch_add(1, Relaxed);
    let mut channels = None;
    let slot = app.shared.admit_connection(ip);
    let draft = stormwall_model::drafts::DraftName::parse(&id);
    let admitted = match &draft {
        Some(draft) => crate::drafts::admit::admit(&app, draft, &key).await,
        None => admit(&app, &id, &key).await.map(|role| (id.clone(), role)),
    };
    // A draft's secret never reaches the logs.
    let id = draft.map_or(id, |d| {
        format!("{}{}…", d.board, stormwall_model::drafts::SEPARATOR)
    });
    let joined = match (&slot, admitted) {
        (Err(r), _) => Err(r.clone()),
        (_, Err(r)) => Err(r),
        (Ok(_), Ok((room, role))) => {
            let budget = app.shared.limits.outbound_bytes;
            app.shared
                .join(&room, || {
                    let (out, out_rx) = outbox(budget);
                    let (close, close_rx) = oneshot::channel();
                    channels = Some((out_rx, close_rx));
                    Join {
                        conn,
                        out,
                        close,
                        role,
                    }
                })
                .await
        }
    };
    // The id is known to be well-formed from here on, so it may be logged.
    let (room, (out_rx, close_rx)) = match (joined, channels) {
        (Ok(room), Some(ch)) => (room, ch),
        (Err(r), _) => {
            tracing::info!(board = ?id, conn, code = r.code, reason = %r.reason, "connection refused");
            close(&mut sink, r).await;
            return;
        }
        (Ok(_), None) => unreachable!("a successful join created its channels"),
    };
    let metrics = app.shared.metrics.clone();
    metrics.connections.fetch_add(1, Relaxed);
    let last_seen = Arc::new(AtomicU64::new(now_secs()));
    let writer = tokio::spawn(write_loop(sink, out_rx, close_rx, last_seen.clone()));

    match read_loop(&mut stream, &room, conn, &last_seen).await {
        Some(r) => {
            tracing::warn!(board = %id, conn, code = r.code, reason = %r.reason, "closing connection");
            metrics.rejected_connections.fetch_add(1, Relaxed);
            let _ = room.tx.send(RoomMsg::Reject(conn, r)).await;
        }
        None => {
            let _ = room.tx.send(RoomMsg::Leave(conn)).await;
        }
    }
    metrics.connections.fetch_sub(1, Relaxed);
    // The room dropped this connection's queue, so the writer ends after the close frame.
    let _ = writer.await;
}

/// Forwards frames to the room until the client leaves. Returns a reason when the client broke
/// a rule at the WebSocket level (text frame, oversized frame).
async fn read_loop(
    stream: &mut futures_util::stream::SplitStream<WebSocket>,
    room: &RoomHandle,
    conn: u64,
    last_seen: &AtomicU64,
) -> Option<CloseReason> {
    let budget = room.inbox.available_permits().max(1);
    while let Some(msg) = stream.next().await {
        last_seen.store(now_secs(), Relaxed);
        match msg {
            Ok(Message::Binary(b)) => {
                let cost = (b.len() + OVERHEAD).min(budget) as u32;
                let Ok(permit) = room.inbox.clone().acquire_many_owned(cost).await else {
                    return None;
                };
                if room.tx.send(RoomMsg::Frame(conn, b, permit)).await.is_err() {
                    return None;
                }
            }
            Ok(Message::Text(_)) => {
                return Some(CloseReason::new(
                    1003,
                    "text frames are not part of the y-websocket protocol",
                ));
            }
            Ok(Message::Close(_)) => return None,
            Ok(_) => {}
            Err(e) => {
                let e = e.to_string();
                // An oversized frame is the client's fault; a dropped connection is not.
                return e
                    .contains("Space limit exceeded")
                    .then(|| CloseReason::new(1009, "frame too large"));
            }
        }
    }
    None
}

async fn write_loop(
    mut sink: futures_util::stream::SplitSink<WebSocket, Message>,
    mut out: OutboxReader,
    closing: oneshot::Receiver<CloseReason>,
    last_seen: Arc<AtomicU64>,
) {
    let mut closing = Some(closing);
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    loop {
        tokio::select! {
            biased;
            frame = out.recv() => match frame {
                Some(f) => {
                    if sink.send(Message::Binary(f)).await.is_err() {
                        return;
                    }
                }
                None => {
                    // Deliver a close reason the room sent along with dropping the queue.
                    match closing.as_mut().map(|c| c.try_recv()) {
                        Some(Ok(r)) => close(&mut sink, r).await,
                        _ => { let _ = sink.close().await; }
                    }
                    return;
                }
            },
            r = async { closing.as_mut().expect("guarded").await }, if closing.is_some() => {
                closing = None;
                if let Ok(r) = r {
                    close(&mut sink, r).await;
                    return;
                }
            }
            _ = ping.tick() => {
                if now_secs().saturating_sub(last_seen.load(Relaxed)) > DEAD_AFTER.as_secs() {
                    close(&mut sink, CloseReason::new(1001, "no answer to pings")).await;
                    return;
                }
                if sink.send(Message::Ping(Bytes::new())).await.is_err() {
                    return;
                }
            }
        }
    }
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
