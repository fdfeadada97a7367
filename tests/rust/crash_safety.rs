//! Crash safety: ten clients write continuously, the server process is killed with SIGKILL at
//! a random moment, and after a restart every update that had been acknowledged as saved is
//! there. Several rounds, on SQLite and on PostgreSQL.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use stormwall_model::{doc, protocol, Sticky, StickyKind};
use stormwall_tests::server::{postgres_url, sqlite_url, ServerProcess};
use stormwall_tests::Peer;

const CLIENTS: usize = 10;
const ROUNDS: usize = 3;

/// A pseudo-random delay between 300 and 1300 ms (the moment of the crash).
fn random_delay(round: usize) -> Duration {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos()) as u64;
    Duration::from_millis(
        300 + (nanos
            .wrapping_mul(2654435761)
            .wrapping_add(round as u64 * 7919))
            % 1000,
    )
}

/// Writes stickies `c{client}-{n}` until the connection dies; returns the highest `n` the server
/// acknowledged as saved.
async fn write_until_killed(addr: std::net::SocketAddr, board: String, client: usize) -> u64 {
    let Ok(mut peer) = Peer::join(addr, &board).await else {
        return 0;
    };
    let mut acked = 0u64;
    for n in 1u64.. {
        let s = Sticky {
            id: format!("c{client}-{n}"),
            kind: StickyKind::DomainEvent,
            text: format!("Event {n} 됨"),
            x: n as f64,
            y: client as f64 * 130.0,
            ..Sticky::default()
        };
        let sent = async {
            peer.edit(|r, t| doc::put_sticky(r, t, &s)).await?;
            peer.send_raw(protocol::sync_status(n.to_string().as_bytes()))
                .await?;
            peer.pump(Duration::from_millis(3)).await
        };
        let ok = sent.await.is_ok();
        for a in peer.acks.drain(..) {
            let v: u64 = String::from_utf8_lossy(&a).parse().unwrap_or(0);
            acked = acked.max(v);
        }
        if !ok {
            break;
        }
    }
    acked
}

async fn crash_rounds(url: &str) -> anyhow::Result<()> {
    for round in 0..ROUNDS {
        let server = ServerProcess::start(url, 0).await?;
        let board = server.create_board(&format!("crash round {round}")).await?;
        let writers: Vec<_> = (0..CLIENTS)
            .map(|c| tokio::spawn(write_until_killed(server.addr, board.clone(), c)))
            .collect();
        tokio::time::sleep(random_delay(round)).await;
        let port = server.addr.port();
        server.kill().await?;
        let mut acked = Vec::new();
        for w in writers {
            acked.push(w.await?);
        }
        assert!(
            acked.iter().sum::<u64>() > 0,
            "round {round}: nothing was acknowledged before the crash"
        );

        let server = ServerProcess::start(url, port).await?;
        let reader = Peer::join(server.addr, &board).await?;
        let stored = reader.board();
        for (c, &n) in acked.iter().enumerate() {
            for k in 1..=n {
                assert!(
                    stored.sticky(&format!("c{c}-{k}")).is_some(),
                    "round {round}: acknowledged update c{c}-{k} lost (acked up to {n})"
                );
            }
        }
        eprintln!(
            "round {round}: {} acknowledged updates all present after SIGKILL ({} stored)",
            acked.iter().sum::<u64>(),
            stored.stickies.len()
        );
        server.kill().await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_updates_survive_sigkill_on_sqlite() -> anyhow::Result<()> {
    let (_dir, url) = sqlite_url();
    crash_rounds(&url).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_updates_survive_sigkill_on_postgres() -> anyhow::Result<()> {
    match postgres_url() {
        Some(url) => crash_rounds(&url).await,
        None => Ok(()),
    }
}
