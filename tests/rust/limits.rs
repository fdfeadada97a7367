//! Configured limits hold: a board refuses connections beyond its maximum, and a client too
//! slow to read its messages is disconnected instead of growing the server's memory.

use std::time::Duration;

use stormwall_model::{doc, Sticky, StickyKind};
use stormwall_tests::{Peer, TestServer};

async fn a_full_board_refuses_one_more_connection_with_a_reason(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &["--max-connections-per-board", "2"]).await?;
    let board = server.create_board("small room").await?;
    let _a = Peer::join(server.addr, &board).await?;
    let mut b = Peer::join(server.addr, &board).await?;
    let mut c = Peer::connect(server.addr, &board).await?;
    let close = c.closed_by_server().await?.expect("close frame");
    assert_eq!(u16::from(close.code), 1013);
    assert!(close.reason.contains("full"), "{}", close.reason);
    // The two admitted connections keep working.
    b.edit(|r, t| {
        doc::put_sticky(
            r,
            t,
            &Sticky::new(
                "s",
                StickyKind::Hotspot,
                "누가 결제를 승인하나요?",
                0.0,
                0.0,
            ),
        )
    })
    .await?;
    server.stop().await
}

async fn a_client_that_never_reads_is_disconnected_and_the_board_goes_on(
    url: &str,
) -> anyhow::Result<()> {
    let server = TestServer::start(url, &["--outbound-bytes", "262144"]).await?;
    let board = server.create_board("busy").await?;
    let _slow = Peer::join(server.addr, &board).await?; // joins, then never reads again
    let mut writer = Peer::join(server.addr, &board).await?;
    let mut watcher = Peer::join(server.addr, &board).await?;
    let text = "x".repeat(64 * 1024);
    let metrics = || async {
        reqwest::get(format!("{}/api/metrics", server.http()))
            .await?
            .text()
            .await
    };
    let mut kicked = false;
    for i in 0..400 {
        writer
            .edit(|r, t| {
                doc::put_sticky(
                    r,
                    t,
                    &Sticky::new(&format!("s{i}"), StickyKind::DomainEvent, &text, 0.0, 0.0),
                )
            })
            .await?;
        writer.pump(Duration::from_millis(1)).await?;
        watcher.pump(Duration::from_millis(1)).await?;
        if i % 20 == 0
            && metrics()
                .await?
                .contains("stormwall_rejected_connections_total 1")
        {
            kicked = true;
            break;
        }
    }
    assert!(kicked, "the slow client was never disconnected");
    // Everyone else still syncs.
    writer
        .edit(|r, t| {
            doc::put_sticky(
                r,
                t,
                &Sticky::new("after", StickyKind::DomainEvent, "Still here", 0.0, 0.0),
            )
        })
        .await?;
    watcher
        .until(|p| p.board().sticky("after").is_some())
        .await?;
    server.stop().await
}

stormwall_tests::on_both_databases!(
    a_full_board_refuses_one_more_connection_with_a_reason,
    a_client_that_never_reads_is_disconnected_and_the_board_goes_on,
);
