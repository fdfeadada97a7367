//! Malformed and hostile frames close only the offending connection, with a reason; the board,
//! its other connections and what is stored are untouched.

use stormwall_model::doc;
use stormwall_model::{Sticky, StickyKind};
use stormwall_tests::{Peer, TestServer};

fn sticky(id: &str, text: &str) -> Sticky {
    Sticky {
        id: id.into(),
        kind: StickyKind::DomainEvent,
        text: text.into(),
        x: 0.0,
        y: 0.0,
        ..Sticky::default()
    }
}

async fn each_malformed_frame_closes_only_its_connection(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &["--max-frame-bytes", "65536"]).await?;
    let board = server.create_board("b").await?;
    let mut good = Peer::join(server.addr, &board).await?;
    good.edit(|r, t| doc::put_sticky(r, t, &sticky("keep", "Order placed")))
        .await?;

    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("truncated varint", vec![0x80], 1008),
        (
            "huge length prefix",
            vec![0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f],
            1008,
        ),
        ("unknown sync sub-type", vec![0, 7, 0], 1008),
        ("invalid update", vec![0, 2, 3, 0xff, 0xff, 0xff], 1008),
        ("client-sent auth", vec![2, 1], 1008),
        ("unknown message type", vec![77, 0], 1008),
        (
            "client id beyond 53 bits (made yrs panic; found by fuzzing)",
            vec![
                0, 0, 15, 15, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 102,
                0, 0, 0, 0, 0, 1, 0,
            ],
            1008,
        ),
        ("oversized frame", vec![0; 70_000], 1009),
    ];
    for (name, frame, code) in cases {
        let mut bad = Peer::join(server.addr, &board).await?;
        bad.send_raw(frame).await?;
        let close = bad
            .closed_by_server()
            .await?
            .unwrap_or_else(|| panic!("{name}: no close frame"));
        assert_eq!(u16::from(close.code), code, "{name}: {}", close.reason);
        assert!(!close.reason.is_empty(), "{name}: empty reason");

        // The board still syncs for everyone else.
        let text = format!("still alive after {name}");
        good.edit(|r, t| {
            doc::set_sticky_text(r, t, "keep", &text);
        })
        .await?;
        let mut other = Peer::join(server.addr, &board).await?;
        other
            .until(|p| p.board().sticky("keep").is_some_and(|s| s.text == text))
            .await?;
    }

    let metrics = reqwest::get(format!("{}/api/metrics", server.http()))
        .await?
        .text()
        .await?;
    assert!(
        metrics.contains("stormwall_rejected_connections_total 8"),
        "{metrics}"
    );
    let expected = good.board();
    drop(good);
    server.stop().await?;

    let server = TestServer::start(url, &[]).await?;
    let after = Peer::join(server.addr, &board).await?;
    assert_eq!(
        after.board(),
        expected,
        "stored board damaged by hostile input"
    );
    server.stop().await
}

async fn text_frames_are_refused(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("b").await?;
    let board = stormwall_tests::server::keyed(&board);
    let (mut ws, _) =
        tokio_tungstenite::connect_async(format!("ws://{}/sync/{board}", server.addr)).await?;
    use futures_util::{SinkExt, StreamExt};
    ws.send(tokio_tungstenite::tungstenite::Message::Text(
        "hello".into(),
    ))
    .await?;
    let mut code = None;
    while let Some(Ok(m)) = ws.next().await {
        if let tokio_tungstenite::tungstenite::Message::Close(Some(f)) = m {
            code = Some(u16::from(f.code));
            break;
        }
    }
    assert_eq!(code, Some(1003));
    server.stop().await
}

stormwall_tests::on_both_databases!(
    each_malformed_frame_closes_only_its_connection,
    text_frames_are_refused,
);
