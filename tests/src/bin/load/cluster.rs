//! The cluster scenarios of the load generator that spread one board over the nodes of a
//! cluster (`--nodes ws://A/sync,ws://B/sync,…`, the first three of them):
//! S12, the S1 fan-out with the writer on the first node and the observers round-robin over
//! every node, so most deliveries cross nodes through Redis; S13, a join storm on one board
//! over the nodes, next to the same storm on one node.

use serde_json::json;
use tokio::time::Instant;

use super::{board, emit, fanout, join_at, percentile, preload, Args};

/// Nodes one board is spread over.
const SPREAD: usize = 3;
/// Clients of the join storm.
const JOINERS: usize = 150;
/// Encoded size of the board they join.
const JOINED_BYTES: usize = 256 << 10;

/// The nodes one board is spread over; `None` without a cluster.
fn spread(args: &Args) -> Option<&[String]> {
    (args.nodes.len() >= 2).then(|| &args.nodes[..args.nodes.len().min(SPREAD)])
}

/// S12: 1 writer on node A, 100 observers spread over the nodes, 20 updates/s.
pub async fn s12_cross_node(args: &Args) -> anyhow::Result<()> {
    let Some(nodes) = spread(args) else {
        return Ok(());
    };
    let b = board(args, "s12").await?;
    let (p50, p99, n) = fanout(args, &b, 1, 100, 20.0, args.seconds, nodes).await?;
    emit(
        args,
        &format!(
            "S12 cross-node fan-out 1 writer + 100 observers over {} nodes",
            nodes.len()
        ),
        json!({ "p50_ms": p50, "p99_ms": p99, "deliveries": n }),
    );
    Ok(())
}

/// S13: 150 clients join a 256 KB board at once, on one node and then (another board) spread
/// over the nodes; how long each took to hold the board, and until all did.
pub async fn s13_join_storm(args: &Args) -> anyhow::Result<()> {
    let Some(nodes) = spread(args) else {
        return Ok(());
    };
    for over in [&nodes[..1], nodes] {
        let b = board(args, &format!("s13-{}", over.len())).await?;
        let size = preload(args, &b, JOINED_BYTES).await?;
        let start = Instant::now();
        let joins: Vec<_> = (0..JOINERS)
            .map(|i| {
                let (ws, b) = (over[i % over.len()].clone(), b.clone());
                tokio::spawn(async move {
                    let t = Instant::now();
                    let p = join_at(&ws, &b).await?;
                    anyhow::Ok((t.elapsed().as_micros() as u64, p))
                })
            })
            .collect();
        let mut times = Vec::new();
        let mut peers = Vec::new();
        for j in joins {
            let (micros, p) = j.await??;
            times.push(micros);
            peers.push(p);
        }
        let all_ms = start.elapsed().as_secs_f64() * 1000.0;
        emit(
            args,
            &format!(
                "S13 join storm: {JOINERS} clients join a 256 KB board over {} node(s)",
                over.len()
            ),
            json!({
                "nodes": over.len(),
                "board_bytes": size,
                "p50_ms": percentile(&mut times, 0.5),
                "p99_ms": percentile(&mut times, 0.99),
                "all_synced_ms": all_ms,
            }),
        );
    }
    Ok(())
}
