//! Boards survive a server restart, on SQLite and on PostgreSQL alike, including after their
//! update log has been compacted into a snapshot.

use stormwall_model::doc;
use stormwall_model::{Sticky, StickyKind};
use stormwall_tests::server::{postgres_url, sqlite_url};
use stormwall_tests::{Peer, TestServer};

async fn survives_restart(url: &str) -> anyhow::Result<()> {
    // Compact every 5 updates so the reload reads a snapshot plus a log tail.
    let args = ["--compact-every", "5"];
    let server = TestServer::start(url, &args).await?;
    let board = server.create_board("Persistent board").await?;
    let mut a = Peer::join(server.addr, &board).await?;
    for i in 0..12 {
        let s = Sticky {
            id: format!("s{i}"),
            kind: StickyKind::Command,
            text: format!("Place order {i}"),
            x: i as f64 * 140.0,
            y: 0.0,
            ..Sticky::default()
        };
        a.edit(|r, t| doc::put_sticky(r, t, &s)).await?;
    }
    a.edit(|r, t| {
        doc::set_sticky_text(r, t, "s3", "결제함");
    })
    .await?;
    let expected = {
        a.send_raw(stormwall_model::protocol::sync_status(b"done"))
            .await?;
        a.until(|p| !p.acks.is_empty()).await?;
        a.board()
    };
    drop(a);
    server.stop().await?;

    let server = TestServer::start(url, &args).await?;
    let listed = server
        .request(reqwest::Method::GET, &format!("/api/boards/{board}"))
        .send()
        .await?;
    assert_eq!(listed.status(), 200);
    let b = Peer::join(server.addr, &board).await?;
    assert_eq!(b.board(), expected);
    assert_eq!(b.board().stickies.len(), 12);
    assert_eq!(b.board().sticky("s3").unwrap().text, "결제함");
    server.stop().await
}

#[tokio::test]
async fn sqlite_board_survives_restart() -> anyhow::Result<()> {
    let (_dir, url) = sqlite_url();
    survives_restart(&url).await
}

#[tokio::test]
async fn postgres_board_survives_restart() -> anyhow::Result<()> {
    match postgres_url() {
        Some(url) => survives_restart(&url).await,
        None => Ok(()),
    }
}
