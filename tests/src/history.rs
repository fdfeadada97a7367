//! Helpers of the history tests (and the history benchmarks): REST calls with a role's key,
//! waiting until the server stored what a peer sent, a filled board, named checkpoints,
//! listing and restoring.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use stormwall_model::{doc, protocol, Board, Link, Sticky, StickyKind};

use crate::server::key;
use crate::{Peer, TestServer};

/// A REST call with the key of `role` on the board the path names (`None`: no key).
pub async fn call(
    server: &TestServer,
    method: Method,
    path: &str,
    role: Option<&str>,
    body: Option<Value>,
) -> anyhow::Result<(StatusCode, Value)> {
    let board = path
        .split("/api/boards/")
        .nth(1)
        .and_then(|r| r.split('/').next());
    let mut req = reqwest::Client::new().request(method, format!("{}{path}", server.http()));
    if let Some(k) = role.zip(board).and_then(|(r, b)| key(b, r)) {
        req = req.bearer_auth(k);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await?;
    let status = resp.status();
    let text = resp.text().await?;
    Ok((
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    ))
}

pub fn sticky(id: &str, x: f64) -> Sticky {
    Sticky::new(id, StickyKind::DomainEvent, &format!("{id} 주문됨"), x, 0.0)
}

/// Waits until the server has applied (and stored) everything `p` sent.
pub async fn settle(p: &mut Peer) -> anyhow::Result<()> {
    let n = p.acks.len();
    p.send_raw(protocol::sync_status(b"settle")).await?;
    p.until(|p| p.acks.len() > n).await
}

/// A board with `n` stickies and a link between the first two, written by `a`.
pub async fn fill(a: &mut Peer, n: usize) -> anyhow::Result<Board> {
    for i in 0..n {
        let s = sticky(&format!("s{i}"), i as f64 * 150.0);
        a.edit(|r, t| doc::put_sticky(r, t, &s)).await?;
    }
    a.edit(|r, t| doc::put_link(r, t, &Link::new("l01", "s0", "s1")))
        .await?;
    settle(a).await?;
    Ok(a.board())
}

pub async fn named(server: &TestServer, board: &str, name: &str) -> anyhow::Result<Value> {
    let path = format!("/api/boards/{board}/checkpoints");
    let (status, body) = call(
        server,
        Method::POST,
        &path,
        Some("facilitator"),
        Some(json!({ "name": name, "by": "Alice" })),
    )
    .await?;
    anyhow::ensure!(
        status == StatusCode::CREATED,
        "named checkpoint: {status} {body}"
    );
    Ok(body)
}

pub async fn checkpoints(server: &TestServer, board: &str) -> anyhow::Result<Vec<Value>> {
    let path = format!("/api/boards/{board}/checkpoints");
    let (status, body) = call(server, Method::GET, &path, Some("viewer"), None).await?;
    anyhow::ensure!(status == StatusCode::OK, "list: {status} {body}");
    Ok(body["checkpoints"].as_array().cloned().unwrap_or_default())
}

pub async fn restore(
    server: &TestServer,
    board: &str,
    cid: &str,
    body: Option<Value>,
) -> anyhow::Result<Value> {
    let path = format!("/api/boards/{board}/checkpoints/{cid}/restore");
    let (status, body) = call(server, Method::POST, &path, Some("participant"), body).await?;
    anyhow::ensure!(status == StatusCode::OK, "restore: {status} {body}");
    Ok(body)
}
