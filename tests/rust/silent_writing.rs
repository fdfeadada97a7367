//! Silent writing over real WebSockets, on SQLite and PostgreSQL: a participant's private
//! sticky lives in their draft and never reaches another participant — not in any update
//! they receive, not anywhere in the raw bytes — nor a plain y-websocket client joining the
//! board; a viewer opens no draft; only the facilitator switches silent writing and reveals;
//! drafts survive a restart; reveal merges every draft (with what the author typed during the
//! reveal) into the board for everyone.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use stormwall_model::protocol::{self, Incoming};
use stormwall_model::{doc, Sticky, StickyKind};
use stormwall_tests::server::{key, postgres_url, sqlite_url};
use stormwall_tests::{Peer, TestServer};
use yrs::updates::decoder::Decode;
use yrs::{ReadTxn, StateVector, Transact};

const SECRET_A: &str = "aaaaaaaaaaaaaaaaAAAAAAAAAAAAAAAA";
const SECRET_V: &str = "vvvvvvvvvvvvvvvvVVVVVVVVVVVVVVVV";
const PRIVATE: &str = "PRIVATE-ALPHA 비밀 메모";
const TYPED_LATE: &str = " typed during reveal";

async fn call(
    server: &TestServer,
    method: Method,
    path: &str,
    key: &str,
    body: Option<Value>,
) -> anyhow::Result<(StatusCode, Value)> {
    let mut req = reqwest::Client::new()
        .request(method, format!("{}{path}", server.http()))
        .bearer_auth(key);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await?;
    let status = resp.status();
    Ok((status, resp.json().await.unwrap_or(Value::Null)))
}

fn draft_path(board: &str, secret: &str, key: &str) -> String {
    format!("{board}~draft~{secret}?key={key}")
}

/// Every update a peer received (SyncStep2 and incremental), decoded, with no text of `text`
/// in it; and `text` nowhere in the raw bytes.
fn assert_never_received(raw: &[Vec<u8>], text: &str) {
    let needle = text.as_bytes();
    let scratch = doc::new_doc();
    for frame in raw {
        assert!(
            !frame.windows(needle.len()).any(|w| w == needle),
            "the private text is in a raw frame"
        );
        if let Ok(Incoming::SyncStep2(u) | Incoming::Update(u)) = protocol::decode(frame) {
            let update = yrs::Update::decode_v1(&u).expect("the server sends valid updates");
            scratch.transact_mut().apply_update(update).unwrap();
        }
    }
    let seen = doc::snapshot(&scratch);
    assert!(
        seen.stickies.iter().all(|s| !s.text.contains("PRIVATE")),
        "a decoded update carries the private sticky: {:?}",
        seen.stickies
    );
}

async fn silent_writing(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Silent").await?;
    let (fac, part, view) = (
        key(&board, "facilitator").unwrap(),
        key(&board, "participant").unwrap(),
        key(&board, "viewer").unwrap(),
    );
    let switch = format!("/api/boards/{board}/silent-writing");
    let reveal = format!("{switch}/reveal");

    // B, another participant, listens to everything the board sends.
    let mut b = Peer::connect(server.addr, &format!("{board}?key={part}")).await?;
    b.raw = Some(Vec::new());
    b.send_raw(protocol::silent_writing_request()).await?;
    b.sync().await?;
    b.until(|p| p.silent == [false]).await?;

    // A draft opens only while silent writing is on, and only the facilitator turns it on.
    let mut early = Peer::connect(server.addr, &draft_path(&board, SECRET_A, &part)).await?;
    assert_eq!(early.closed_by_server().await?.unwrap().code, 4411.into());
    let body = Some(json!({ "on": true }));
    let (status, _) = call(&server, Method::PUT, &switch, &part, body.clone()).await?;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(&server, Method::PUT, &switch, &view, body.clone()).await?;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(&server, Method::PUT, &switch, &fac, body).await?;
    assert_eq!(status, StatusCode::OK);
    b.until(|p| p.silent == [false, true]).await?;

    // A writes a private sticky in its draft.
    let mut a = Peer::join(server.addr, &draft_path(&board, SECRET_A, &part)).await?;
    let s = Sticky {
        id: "s-private".into(),
        kind: StickyKind::DomainEvent,
        text: PRIVATE.into(),
        x: 100.0,
        y: 80.0,
        ..Sticky::default()
    };
    a.edit(|r, t| doc::put_sticky(r, t, &s)).await?;
    a.send_raw(protocol::sync_status(b"stored")).await?;
    a.until(|p| !p.acks.is_empty()).await?;

    // A viewer opens no draft, not even A's; malformed draft names open nothing.
    for secret in [SECRET_V, SECRET_A] {
        let mut v = Peer::connect(server.addr, &draft_path(&board, secret, &view)).await?;
        assert_eq!(v.closed_by_server().await?.unwrap().code, 4403.into());
    }
    for bad in [
        "short",
        "has%20space%20in%20it%20really",
        "x~draft~yyyyyyyyyyyyyyyyyy",
    ] {
        let mut p = Peer::connect(server.addr, &draft_path(&board, bad, &part)).await?;
        assert_eq!(p.closed_by_server().await?.unwrap().code, 4404.into());
    }
    // Drafts are not boards on the REST surface.
    let (status, _) = call(
        &server,
        Method::GET,
        &format!("/api/boards/{board}~draft~{SECRET_A}/export"),
        &part,
        None,
    )
    .await?;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // B, and a plain y-websocket client joining now, see nothing of it.
    b.pump(std::time::Duration::from_millis(300)).await?;
    assert!(b.board().stickies.is_empty());
    let mut stock = Peer::join(server.addr, &format!("{board}?key={view}")).await?;
    stock.raw = Some(Vec::new());
    stock.sync().await?;
    assert!(stock.board().stickies.is_empty());
    assert_never_received(b.raw.as_ref().unwrap(), "PRIVATE-ALPHA");
    assert_never_received(stock.raw.as_ref().unwrap(), "PRIVATE-ALPHA");
    drop((a, stock));

    // Drafts are stored like boards: after a restart A gets its sticky back.
    drop(b);
    server.stop().await?;
    let server = TestServer::start(url, &[]).await?;
    let mut a = Peer::join(server.addr, &draft_path(&board, SECRET_A, &part)).await?;
    assert_eq!(a.board().sticky("s-private").unwrap().text, PRIVATE);
    let (status, got) = call(&server, Method::GET, &switch, &view, None).await?;
    assert_eq!(
        (status, got),
        (StatusCode::OK, json!({ "on": true, "drafts": 1 }))
    );
    let mut b = Peer::join(server.addr, &format!("{board}?key={part}")).await?;
    assert!(b.board().stickies.is_empty());

    // A types on while the facilitator reveals: this edit is still only in A's browser.
    {
        let mut txn = a.doc.transact_mut();
        let text = format!("{PRIVATE}{TYPED_LATE}");
        doc::set_sticky_text(&a.roots, &mut txn, "s-private", &text);
    }
    let (status, _) = call(&server, Method::POST, &reveal, &part, None).await?;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, got) = call(&server, Method::POST, &reveal, &fac, None).await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got, json!({ "on": false, "revealed": 1, "kept": 0 }));
    assert_eq!(a.closed_by_server().await?.unwrap().code, 4411.into());
    b.until(|p| p.board().sticky("s-private").is_some()).await?;
    let revealed = b.board().sticky("s-private").unwrap().clone();
    assert_eq!(
        (revealed.text.as_str(), revealed.x, revealed.y),
        (PRIVATE, 100.0, 80.0)
    );

    // A's browser moves what it holds of the draft to the board: the same items, so what was
    // merged stays once and the text typed during the reveal joins it.
    let mut a_board = Peer::join(server.addr, &format!("{board}?key={part}")).await?;
    let held = a
        .doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let held = yrs::Update::decode_v1(&held)?;
    a_board.doc.transact_mut().apply_update(held)?;
    let sv = StateVector::default();
    let all = a_board.doc.transact().encode_state_as_update_v1(&sv);
    a_board.send_raw(protocol::update(all)).await?;
    let full = format!("{PRIVATE}{TYPED_LATE}");
    b.until(|p| {
        p.board()
            .sticky("s-private")
            .is_some_and(|s| s.text == full)
    })
    .await?;
    assert_eq!(b.board().stickies.len(), 1);

    // The drafts are gone and no draft opens while silent writing is off.
    let (_, got) = call(&server, Method::GET, &switch, &view, None).await?;
    assert_eq!(got, json!({ "on": false, "drafts": 0 }));
    let mut late = Peer::connect(server.addr, &draft_path(&board, SECRET_A, &part)).await?;
    assert_eq!(late.closed_by_server().await?.unwrap().code, 4411.into());
    server.stop().await
}

#[tokio::test]
async fn sqlite_silent_writing() -> anyhow::Result<()> {
    let (_dir, url) = sqlite_url();
    silent_writing(&url).await
}

#[tokio::test]
async fn postgres_silent_writing() -> anyhow::Result<()> {
    match postgres_url() {
        Some(url) => silent_writing(&url).await,
        None => Ok(()),
    }
}
