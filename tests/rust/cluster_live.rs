//! The live path between cluster nodes: a client's update on one node is published on the
//! board's live channel (Redis pub/sub, ahead of the stream's fsync), and an update that comes
//! only by that channel reaches the clients of every node serving the board; malformed live
//! messages are skipped and the nodes go on.
//!
//! Needs `STORMWALL_TEST_POSTGRES_URL` and `STORMWALL_TEST_REDIS_SERVER` (set by
//! `cargo xtask test`); skipped otherwise.

use std::time::Duration;

use stormwall_model::doc::{self, Roots};
use stormwall_model::protocol;
use stormwall_tests::cluster::{node, node_id, redis_server, TestRedis};
use stormwall_tests::history::sticky;
use stormwall_tests::server::postgres_url;
use stormwall_tests::Peer;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;
use yrs::Transact;

/// Reads from `s` until what it sent contains `needle`.
async fn read_until(s: &mut TcpStream, needle: &[u8]) -> anyhow::Result<()> {
    let mut seen = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !seen.windows(needle.len()).any(|w| w == needle) {
        let n = tokio::time::timeout_at(deadline, s.read(&mut buf))
            .await
            .map_err(|_| anyhow::anyhow!("{:?} never came", String::from_utf8_lossy(needle)))??;
        anyhow::ensure!(n > 0, "Redis closed the connection");
        seen.extend_from_slice(&buf[..n]);
    }
    Ok(())
}

fn holds(id: &'static str) -> impl Fn(&Peer) -> bool {
    move |p| p.board().sticky(id).is_some()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_travel_the_live_channel_both_ways() -> anyhow::Result<()> {
    let (Some(pg), Some(bin)) = (postgres_url(), redis_server()) else {
        return Ok(());
    };
    let redis = TestRedis::start(bin).await?;
    let (a, b) = (node(&pg, &redis, 0).await?, node(&pg, &redis, 0).await?);
    let board = a.create_board("live path").await?;
    let channel = format!("stormwall:live:{board}");
    let mut on_a = Peer::join(a.addr, &board).await?;
    let mut on_b = Peer::join(b.addr, &board).await?;

    // A client's edit on node A goes out on the board's channel, named by node A.
    let mut sub = redis.open(&[b"SUBSCRIBE", channel.as_bytes()]).await?;
    read_until(&mut sub, b"subscribe").await?;
    let s = sticky("typed", 0.0);
    on_a.edit(|r, t| doc::put_sticky(r, t, &s)).await?;
    read_until(&mut sub, node_id(a.addr).await?.as_bytes()).await?;
    on_b.until(holds("typed")).await?;

    // Garbage on the channel is skipped.
    for junk in [
        &b""[..],
        &[0, 1, 2],
        &[200, b'x'],
        &[3, b'a', b'b'],
        &[2, 0xff, 0xfe, 0],
    ] {
        let mut s = redis.open(&[b"PUBLISH", channel.as_bytes(), junk]).await?;
        read_until(&mut s, b":").await?;
    }
    // An update sent only on the channel (never appended to the stream) reaches the clients of
    // both nodes: nodes take it from the live path, not the stream.
    let other = doc::new_doc();
    let update = {
        let roots = Roots::of(&other);
        let mut txn = other.transact_mut();
        doc::put_sticky(&roots, &mut txn, &sticky("live-only", 100.0));
        txn.encode_update_v1()
    };
    let mut payload = vec![5u8];
    payload.extend_from_slice(b"ghost");
    payload.extend_from_slice(&protocol::update(update));
    let mut s = redis
        .open(&[b"PUBLISH", channel.as_bytes(), &payload])
        .await?;
    read_until(&mut s, b":").await?;
    on_a.until(holds("live-only")).await?;
    on_b.until(holds("live-only")).await?;

    // Both nodes still serve the board.
    let s = sticky("after", 200.0);
    on_b.edit(|r, t| doc::put_sticky(r, t, &s)).await?;
    on_a.until(holds("after")).await?;
    a.kill().await?;
    b.kill().await?;
    Ok(())
}
