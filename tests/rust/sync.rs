//! Live sync over real WebSockets against a real server: convergence, late joiners, awareness,
//! "saved" acknowledgements, unknown boards, idle unload.

use stormwall_model::{doc, protocol};
use stormwall_model::{Sticky, StickyKind};
use stormwall_tests::{Peer, TestServer};

fn event(id: &str, text: &str) -> Sticky {
    Sticky {
        id: id.into(),
        kind: StickyKind::DomainEvent,
        text: text.into(),
        x: 10.0,
        y: 10.0,
        ..Sticky::default()
    }
}

async fn peers_converge_and_a_late_joiner_receives_everything(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Food delivery").await?;
    let mut a = Peer::join(server.addr, &board).await?;
    let mut b = Peer::join(server.addr, &board).await?;

    a.edit(|r, t| doc::put_sticky(r, t, &event("e1", "주문됨")))
        .await?;
    b.until(|p| p.board().sticky("e1").is_some_and(|s| s.text == "주문됨"))
        .await?;
    b.edit(|r, t| {
        doc::set_sticky_text(r, t, "e1", "주문됨!");
    })
    .await?;
    a.until(|p| p.board().sticky("e1").is_some_and(|s| s.text == "주문됨!"))
        .await?;

    let late = Peer::join(server.addr, &board).await?;
    assert_eq!(
        late.board().sticky("e1").map(|s| s.text.clone()).as_deref(),
        Some("주문됨!")
    );
    assert_eq!(late.board(), a.board());
    server.stop().await
}

/// A board whose state is larger than one piece reaches a joiner as updates ending with a
/// SyncStep2, each piece small, and the joiner ends with exactly the board.
async fn a_big_board_reaches_a_joiner_in_pieces(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Company-wide wall").await?;
    let mut a = Peer::join(server.addr, &board).await?;
    a.edit(|r, t| {
        for i in 0..3000 {
            let mut s = event(&format!("s{i:05}"), &format!("Step {i} 주문됨"));
            s.x = (i % 100) as f64 * 160.0;
            s.y = (i / 100) as f64 * 160.0;
            doc::put_sticky(r, t, &s);
        }
    })
    .await?;
    let mut b = Peer::join(server.addr, &board).await?;
    b.until(|p| p.board().stickies.len() == 3000).await?;

    for _ in 0..2 {
        let mut late = Peer::connect(server.addr, &board).await?;
        late.raw = Some(Vec::new());
        late.sync().await?;
        let sync: Vec<(u8, usize)> = late
            .raw
            .take()
            .unwrap()
            .iter()
            .filter(|f| f[0] == 0 && f[1] != 0)
            .map(|f| (f[1], f.len()))
            .collect();
        assert!(sync.len() >= 3, "the state came in {} frames", sync.len());
        let (last, pieces) = sync.split_last().unwrap();
        assert_eq!(last.0, 1, "the last is the SyncStep2");
        for (kind, len) in pieces {
            assert_eq!(*kind, 2, "the pieces before it are updates");
            assert!(
                *len <= protocol::SYNC_PIECE_BYTES + 64,
                "a piece of {len} bytes"
            );
        }
        assert_eq!(late.board(), a.board());
    }
    server.stop().await
}

async fn unknown_board_gets_404_and_its_socket_is_closed_with_a_reason(
    url: &str,
) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let resp = reqwest::get(format!("{}/api/boards/does-not-exist", server.http())).await?;
    assert_eq!(resp.status(), 404);
    let body: serde_json::Value = resp.json().await?;
    assert_eq!(body["error"], "no such board");

    let mut p = Peer::connect(server.addr, "does-not-exist").await?;
    let close = p.closed_by_server().await?.expect("a close frame");
    assert_eq!(u16::from(close.code), 4404);
    assert!(close.reason.contains("unknown board"), "{}", close.reason);
    server.stop().await
}

async fn awareness_is_relayed_and_removed_when_a_peer_leaves(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("b").await?;
    let mut a = Peer::join(server.addr, &board).await?;
    let mut b = Peer::join(server.addr, &board).await?;
    a.announce(1, r#"{"user":{"name":"Ana"}}"#).await?;
    let a_id = a.doc.client_id().get();
    b.until(|p| p.awareness.get(&a_id).is_some_and(|j| j.contains("Ana")))
        .await?;

    // A newcomer receives the states already present.
    let mut c = Peer::join(server.addr, &board).await?;
    c.until(|p| p.awareness.contains_key(&a_id)).await?;

    drop(a);
    b.until(|p| !p.awareness.contains_key(&a_id)).await?;
    c.until(|p| !p.awareness.contains_key(&a_id)).await?;
    server.stop().await
}

async fn sync_status_is_acknowledged_only_after_the_update_is_stored(
    url: &str,
) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("b").await?;
    let mut a = Peer::join(server.addr, &board).await?;
    a.edit(|r, t| doc::put_sticky(r, t, &event("e1", "Order placed")))
        .await?;
    a.send_raw(stormwall_model::protocol::sync_status(b"42"))
        .await?;
    a.until(|p| p.acks.iter().any(|x| x == b"42")).await?;

    // The acknowledged update is in the database: a second server on the same file has it.
    let stored = stormwall_server::store::Store::connect(url)
        .await?
        .load_doc(&board)
        .await?;
    assert_eq!(stored.last_seq, 1);
    assert_eq!(stored.updates.len(), 1);
    server.stop().await
}

async fn an_idle_board_unloads_and_reloads_intact(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &["--idle-unload-ms", "100"]).await?;
    let board = server.create_board("b").await?;
    {
        let mut a = Peer::join(server.addr, &board).await?;
        a.edit(|r, t| doc::put_sticky(r, t, &event("e1", "Payment approved")))
            .await?;
        a.send_raw(stormwall_model::protocol::sync_status(b"1"))
            .await?;
        a.until(|p| !p.acks.is_empty()).await?;
    }
    let metrics = || async {
        reqwest::get(format!("{}/api/metrics", server.http()))
            .await?
            .text()
            .await
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !metrics().await?.contains("stormwall_boards_loaded 0") {
        assert!(std::time::Instant::now() < deadline, "board never unloaded");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let b = Peer::join(server.addr, &board).await?;
    assert_eq!(
        b.board().sticky("e1").map(|s| s.text.clone()).as_deref(),
        Some("Payment approved")
    );
    server.stop().await
}

stormwall_tests::on_both_databases!(
    peers_converge_and_a_late_joiner_receives_everything,
    a_big_board_reaches_a_joiner_in_pieces,
    unknown_board_gets_404_and_its_socket_is_closed_with_a_reason,
    awareness_is_relayed_and_removed_when_a_peer_leaves,
    sync_status_is_acknowledged_only_after_the_update_is_stored,
    an_idle_board_unloads_and_reloads_intact,
);
