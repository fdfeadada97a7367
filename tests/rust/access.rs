//! Share links and roles, enforced by the server, on SQLite and PostgreSQL: every board route
//! and the sync socket for every kind of key (none, wrong, replaced, viewer, participant,
//! facilitator); viewers' and locked participants' updates refused per message and absent
//! after a restart; a replaced link's live connection closed; a deleted board gone.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use stormwall_model::access::Role;
use stormwall_model::{doc, protocol, Sticky, StickyKind};
use stormwall_tests::server::{key, remember_rotated};
use stormwall_tests::{Peer, TestServer};

/// The keys a request can carry, in the order each route is tried (the facilitator last, so a
/// route that deletes or replaces something does it after the others were refused).
const WHO: [&str; 6] = [
    "no key",
    "wrong key",
    "replaced",
    "viewer",
    "participant",
    "facilitator",
];

/// A board prepared for one route: its id and a key for each of [`WHO`].
async fn prepared_board(server: &TestServer) -> anyhow::Result<(String, Vec<Option<String>>)> {
    let id = server.create_board("Access").await?;
    let replaced = key(&id, "participant");
    let rotated = rotate(server, &id, "participant").await?;
    anyhow::ensure!(rotated.0 == StatusCode::OK, "rotate answered {}", rotated.0);
    let keys = vec![
        None,
        Some("not-a-key-of-this-board".to_string()),
        replaced,
        key(&id, "viewer"),
        key(&id, "participant"),
        key(&id, "facilitator"),
    ];
    Ok((id, keys))
}

async fn call(
    server: &TestServer,
    method: Method,
    path: &str,
    key: Option<&str>,
    body: Option<Value>,
) -> anyhow::Result<(StatusCode, String)> {
    let mut req = reqwest::Client::new().request(method, format!("{}{path}", server.http()));
    if let Some(k) = key {
        req = req.bearer_auth(k);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await?;
    Ok((resp.status(), resp.text().await?))
}

/// Replaces `role`'s link of `board` with the facilitator's key; remembers the new key.
async fn rotate(
    server: &TestServer,
    board: &str,
    role: &str,
) -> anyhow::Result<(StatusCode, Value)> {
    let f = key(board, "facilitator");
    let path = format!("/api/boards/{board}/links/{role}");
    let (status, body) = call(server, Method::POST, &path, f.as_deref(), None).await?;
    let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    remember_rotated(board, &body);
    Ok((status, body))
}

/// What the sync socket does for a key: `open` (synced) or the close code.
async fn socket(server: &TestServer, board: &str, key: Option<&str>) -> anyhow::Result<String> {
    let target = format!("{board}?key={}", key.unwrap_or_default());
    let mut peer = Peer::connect(server.addr, &target).await?;
    Ok(match (peer.sync().await, peer.closed.clone().flatten()) {
        (Ok(()), _) => "open".into(),
        (Err(_), Some(f)) => u16::from(f.code).to_string(),
        (Err(e), None) => format!("failed: {e}"),
    })
}

async fn every_route_answers_each_key_as_its_role_allows(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let read = ["404", "404", "404", "200", "200", "200"];
    let manage = ["404", "404", "404", "403", "403", "200"];
    let routes: Vec<(Method, &str, Option<Value>, [&str; 6])> = vec![
        (Method::GET, "", None, read),
        (Method::GET, "/export", None, read),
        (Method::GET, "/export.cml", None, read),
        (Method::GET, "/analysis", None, read),
        (Method::GET, "/coverage?set=food-delivery", None, read),
        (
            Method::PATCH,
            "",
            Some(json!({ "name": "Renamed" })),
            manage,
        ),
        (Method::PATCH, "", Some(json!({ "locked": false })), manage),
        (Method::POST, "/links/viewer", None, manage),
        (
            Method::DELETE,
            "",
            None,
            ["404", "404", "404", "403", "403", "204"],
        ),
    ];
    let mut table = vec![format!("| route | {} |", WHO.join(" | "))];
    let mut failures = Vec::new();
    for (method, tail, body, expected) in &routes {
        let (id, keys) = prepared_board(&server).await?;
        let path = format!("/api/boards/{id}{tail}");
        let mut row = Vec::new();
        for k in &keys {
            let (status, text) =
                call(&server, method.clone(), &path, k.as_deref(), body.clone()).await?;
            if status == StatusCode::NOT_FOUND {
                // Exactly the answer for a board that does not exist.
                assert_eq!(text, json!({ "error": "no such board" }).to_string());
            }
            row.push(status.as_u16().to_string());
        }
        if row != expected.map(String::from) {
            failures.push(format!("{method} {tail}: {row:?}, expected {expected:?}"));
        }
        table.push(format!(
            "| {method} /api/boards/{{id}}{tail} | {} |",
            row.join(" | ")
        ));
    }
    // The sync socket: no valid key is the unknown board's 4404.
    let (id, keys) = prepared_board(&server).await?;
    let mut row = Vec::new();
    for k in &keys {
        row.push(socket(&server, &id, k.as_deref()).await?);
    }
    let expected = ["4404", "4404", "4404", "open", "open", "open"];
    if row != expected.map(String::from) {
        failures.push(format!("socket: {row:?}, expected {expected:?}"));
    }
    table.push(format!("| WS /sync/{{id}} | {} |", row.join(" | ")));
    // No listing of every board, for anyone.
    let (status, _) = call(
        &server,
        Method::GET,
        "/api/boards",
        keys[5].as_deref(),
        None,
    )
    .await?;
    table.push(format!(
        "| GET /api/boards | {} (any key) |",
        status.as_u16()
    ));
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    println!("{}", table.join("\n"));
    assert!(failures.is_empty(), "{failures:#?}\n{}", table.join("\n"));
    server.stop().await
}

fn event(id: &str, text: &str) -> Sticky {
    Sticky {
        id: id.into(),
        kind: StickyKind::DomainEvent,
        text: text.into(),
        ..Sticky::default()
    }
}

/// Joins `board` with `role`'s key.
async fn join_as(server: &TestServer, board: &str, role: &str) -> anyhow::Result<Peer> {
    let k = key(board, role).expect("a key for every role");
    Peer::join(server.addr, &format!("{board}?key={k}")).await
}

/// Waits until everything `peer` sent is stored (its sync-status echo).
async fn saved(peer: &mut Peer, tag: &[u8]) -> anyhow::Result<()> {
    peer.send_raw(protocol::sync_status(tag)).await?;
    peer.until(|p| p.acks.iter().any(|a| a == tag)).await
}

async fn refused_updates_are_never_applied_stored_or_broadcast(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Workshop").await?;
    let mut f = join_as(&server, &board, "facilitator").await?;
    let mut p = join_as(&server, &board, "participant").await?;
    let mut v = join_as(&server, &board, "viewer").await?;

    // A viewer's update is refused; it is told why, once.
    v.edit(|r, t| doc::put_sticky(r, t, &event("v1", "viewer wrote this")))
        .await?;
    v.until(|p| !p.access.is_empty()).await?;
    let n = &v.access[0];
    assert_eq!((n.role, n.can_edit), (Role::Viewer, false));
    assert!(n.refused.as_deref().unwrap().contains("view-only"));
    v.edit(|r, t| doc::put_sticky(r, t, &event("v2", "again")))
        .await?;
    saved(&mut v, b"v").await?;
    assert_eq!(v.access.len(), 1, "told once");

    // The viewer still sees the board live and shares its presence.
    p.edit(|r, t| doc::put_sticky(r, t, &event("p1", "participant wrote this")))
        .await?;
    v.until(|x| x.board().sticky("p1").is_some()).await?;
    v.announce(1, r#"{"user":{"name":"Vera"}}"#).await?;
    let vid = v.doc.client_id().get();
    f.until(|x| x.awareness.get(&vid).is_some_and(|j| j.contains("Vera")))
        .await?;
    f.until(|x| x.board().sticky("p1").is_some()).await?;
    assert!(f.board().sticky("v1").is_none() && f.board().sticky("v2").is_none());

    // Locked: the participant (who asked for its rights) is told, and its edits are refused.
    p.send_raw(protocol::access_request()).await?;
    p.until(|x| !x.access.is_empty()).await?;
    assert!(p.access[0].can_edit);
    let path = format!("/api/boards/{board}");
    let (status, body) = call(
        &server,
        Method::PATCH,
        &path,
        key(&board, "facilitator").as_deref(),
        Some(json!({ "locked": true })),
    )
    .await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    p.until(|x| x.access.last().is_some_and(|n| n.locked && !n.can_edit))
        .await?;
    p.edit(|r, t| doc::put_sticky(r, t, &event("p2", "while locked")))
        .await?;
    p.until(|x| x.access.last().is_some_and(|n| n.refused.is_some()))
        .await?;
    f.edit(|r, t| doc::put_sticky(r, t, &event("f1", "facilitator while locked")))
        .await?;
    p.until(|x| x.board().sticky("f1").is_some()).await?;
    saved(&mut f, b"f").await?;
    saved(&mut p, b"p").await?;
    let (_, body) = call(
        &server,
        Method::GET,
        &path,
        key(&board, "participant").as_deref(),
        None,
    )
    .await?;
    let view: Value = serde_json::from_str(&body)?;
    assert_eq!(
        (view["role"].as_str(), view["locked"].as_bool()),
        (Some("participant"), Some(true))
    );
    drop((f, p, v));
    server.stop().await?;

    // After a restart: what was applied is there, what was refused never was.
    let server = TestServer::start(url, &[]).await?;
    let again = join_as(&server, &board, "viewer").await?;
    let b = again.board();
    assert!(b.sticky("p1").is_some() && b.sticky("f1").is_some());
    for refused in ["v1", "v2", "p2"] {
        assert!(b.sticky(refused).is_none(), "{refused} was stored");
    }
    server.stop().await
}

async fn replacing_a_link_closes_its_live_connections(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Rotate").await?;
    let old = key(&board, "viewer").unwrap();
    let mut v = join_as(&server, &board, "viewer").await?;
    let mut p = join_as(&server, &board, "participant").await?;
    let (status, body) = rotate(&server, &board, "viewer").await?;
    assert_eq!(status, StatusCode::OK);
    assert!(body["url"]
        .as_str()
        .unwrap()
        .starts_with(&format!("/b/{board}?key=")));
    let close = v.closed_by_server().await?.expect("a close frame");
    assert_eq!(u16::from(close.code), 4401);
    assert!(
        close.reason.contains("ask the facilitator"),
        "{}",
        close.reason
    );
    assert_eq!(socket(&server, &board, Some(&old)).await?, "4404");
    // The other roles stay connected; the new link opens the board.
    p.edit(|r, t| doc::put_sticky(r, t, &event("still", "here")))
        .await?;
    saved(&mut p, b"p").await?;
    let v2 = join_as(&server, &board, "viewer").await?;
    assert!(v2.board().sticky("still").is_some());
    server.stop().await
}

async fn deleting_a_board_closes_it_and_removes_its_data(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Delete me").await?;
    let mut f = join_as(&server, &board, "facilitator").await?;
    let mut p = join_as(&server, &board, "participant").await?;
    p.edit(|r, t| doc::put_sticky(r, t, &event("e1", "soon gone")))
        .await?;
    saved(&mut p, b"p").await?;
    let fk = key(&board, "facilitator");
    let path = format!("/api/boards/{board}");
    let (status, _) = call(&server, Method::DELETE, &path, fk.as_deref(), None).await?;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for peer in [&mut f, &mut p] {
        let close = peer.closed_by_server().await?.expect("a close frame");
        assert_eq!(u16::from(close.code), 4410);
    }
    let (status, _) = call(&server, Method::GET, &path, fk.as_deref(), None).await?;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(socket(&server, &board, fk.as_deref()).await?, "4404");
    let store = stormwall_server::store::Store::connect(url).await?;
    let stored = store.load_doc(&board).await?;
    assert!(stored.snapshot.is_none() && stored.updates.is_empty());
    let listed = stormwall_server::access::keys::list(&store).await?;
    assert!(listed.iter().all(|b| b.info.id != board));
    store.close().await;
    server.stop().await
}

async fn a_rename_reaches_every_connection_that_asked(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Workshop").await?;
    let mut p = join_as(&server, &board, "participant").await?;
    let mut v = join_as(&server, &board, "viewer").await?;
    let mut stock = join_as(&server, &board, "participant").await?;
    for peer in [&mut p, &mut v] {
        peer.send_raw(protocol::access_request()).await?;
        peer.until(|x| !x.access.is_empty()).await?;
    }
    let (status, body) = call(
        &server,
        Method::PATCH,
        &format!("/api/boards/{board}"),
        key(&board, "facilitator").as_deref(),
        Some(json!({ "name": "  주문 흐름 Order flow  " })),
    )
    .await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    for peer in [&mut p, &mut v] {
        peer.until(|x| {
            x.access
                .last()
                .is_some_and(|n| n.name.as_deref() == Some("주문 흐름 Order flow"))
        })
        .await?;
    }
    // Its rights are unchanged by the rename.
    let n = v.access.last().expect("told");
    assert_eq!((n.role, n.can_edit, n.locked), (Role::Viewer, false, false));
    // A client that never asked (a stock y-websocket client) gets no custom frame.
    saved(&mut stock, b"s").await?;
    assert!(stock.access.is_empty());
    server.stop().await
}

stormwall_tests::on_both_databases!(
    a_rename_reaches_every_connection_that_asked,
    every_route_answers_each_key_as_its_role_allows,
    refused_updates_are_never_applied_stored_or_broadcast,
    replacing_a_link_closes_its_live_connections,
    deleting_a_board_closes_it_and_removes_its_data,
);
