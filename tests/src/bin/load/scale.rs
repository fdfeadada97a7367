//! The cluster scenarios of the load generator about capacity, over every node of a cluster
//! (`--nodes`, with their process ids in `--pids`): S14, idle connections held per node and
//! the memory each costs the server; S15, throughput of many boards on one to four nodes, with
//! each board's clients on one node (a balancer hashing the board) or spread over the nodes,
//! and the servers' CPU time per delivery (what a core's capacity is divided by).

use std::time::Duration;

use serde_json::json;
use tokio::time::sleep;

use super::{board, emit, fanout_groups, join_at, rss_kb, Args, Group};

/// Idle clients of S14.
const IDLE: usize = 2000;
/// Boards they are on.
const IDLE_BOARDS: usize = 20;
/// Clients joining at once.
const JOINING: usize = 50;

/// Boards of S15, each with one writer and this many observers.
const BUSY_BOARDS: usize = 20;
const OBSERVERS: usize = 9;
/// Each writer's updates per second.
const RATE: f64 = 50.0;
/// Seconds measured per S15 configuration.
const WINDOW: u64 = 3;

/// Joins `(node, board)` pairs, [`JOINING`] at a time; the clients stay connected.
async fn join_all(pairs: Vec<(String, String)>) -> anyhow::Result<Vec<stormwall_tests::Peer>> {
    let mut peers = Vec::with_capacity(pairs.len());
    for chunk in pairs.chunks(JOINING) {
        let joins: Vec<_> = chunk
            .iter()
            .cloned()
            .map(|(ws, b)| tokio::spawn(async move { join_at(&ws, &b).await }))
            .collect();
        for j in joins {
            peers.push(j.await??);
        }
    }
    Ok(peers)
}

/// CPU time the nodes have used so far, in milliseconds (user and system, from /proc).
fn cpu_ms(args: &Args) -> f64 {
    // SAFETY: sysconf only reads a setting.
    let tick = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    args.pids
        .iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/stat")).ok())
        .filter_map(|stat| {
            // Fields after the command name: state is the 3rd field, utime the 14th.
            let rest = stat.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some(f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?)
        })
        .sum::<f64>()
        * 1000.0
        / tick
}

fn resident(args: &Args) -> Vec<Option<u64>> {
    args.pids.iter().map(|p| rss_kb(Some(*p))).collect()
}

/// S14: 2,000 clients on 20 boards, spread evenly over the nodes, then idle. Every board is
/// first opened on every node, so the growth measured is the connections' alone.
pub async fn s14_idle_connections(args: &Args) -> anyhow::Result<()> {
    let nodes = &args.nodes;
    if nodes.len() < 2 || args.pids.len() != nodes.len() {
        return Ok(());
    }
    let mut boards = Vec::new();
    for i in 0..IDLE_BOARDS {
        boards.push(board(args, &format!("s14-{i}")).await?);
    }
    let pair = |i: usize| {
        (
            nodes[i % nodes.len()].clone(),
            boards[i % boards.len()].clone(),
        )
    };
    // One client per board and node loads the boards.
    let first = boards.len() * nodes.len();
    let mut held = join_all((0..first).map(pair).collect()).await?;
    sleep(Duration::from_millis(500)).await;
    let before = resident(args);
    held.extend(join_all((first..IDLE).map(pair).collect()).await?);
    sleep(Duration::from_secs(1)).await;
    let after = resident(args);
    let growth: Vec<u64> = before
        .iter()
        .zip(&after)
        .filter_map(|(b, a)| Some(a.as_ref()?.saturating_sub(*b.as_ref()?) * 1024))
        .collect();
    let added = (IDLE - first) as f64;
    emit(
        args,
        &format!(
            "S14 idle connections: {IDLE} clients on {IDLE_BOARDS} boards over {} nodes",
            nodes.len()
        ),
        json!({
            "clients": held.len(),
            "nodes": nodes.len(),
            "per_node": IDLE / nodes.len(),
            "rss_before_kb": before,
            "rss_after_kb": after,
            "bytes_per_connection": growth.iter().sum::<u64>() as f64 / added,
        }),
    );
    Ok(())
}

/// S15: 20 boards, each 1 writer @50/s and 9 observers, on 1 to 4 nodes: with each board's
/// clients on one node, and with each board's observers spread over the nodes.
pub async fn s15_throughput(args: &Args) -> anyhow::Result<()> {
    if args.nodes.len() < 2 {
        return Ok(());
    }
    for spread in [false, true] {
        for n in 1..=args.nodes.len() {
            if spread && n == 1 {
                continue;
            }
            let nodes = &args.nodes[..n];
            let mut groups = Vec::new();
            for i in 0..BUSY_BOARDS {
                let home = i % n;
                let at = |k: usize| nodes[if spread { (home + k) % n } else { home }].clone();
                groups.push(Group {
                    board: board(args, &format!("s15-{n}-{i}")).await?,
                    writers: vec![at(0)],
                    observers: (1..=OBSERVERS).map(at).collect(),
                });
            }
            let cpu = cpu_ms(args);
            let (p50, p99, delivered) = fanout_groups(&groups, RATE, WINDOW).await?;
            let cpu = cpu_ms(args) - cpu;
            let offered = BUSY_BOARDS as f64 * RATE * OBSERVERS as f64;
            let how = if spread {
                "observers spread over the nodes"
            } else {
                "each board on one node"
            };
            emit(
                args,
                &format!("S15 throughput, {BUSY_BOARDS} boards × (1 writer @50/s + {OBSERVERS} observers), {n} node(s), {how}"),
                json!({
                    "nodes": n,
                    "spread": spread,
                    "offered_deliveries_per_s": offered,
                    "deliveries_per_s": delivered as f64 / WINDOW as f64,
                    // Every node's CPU while the clients joined, wrote and drained.
                    "server_cpu_ms_per_1000_deliveries": cpu * 1000.0 / delivered.max(1) as f64,
                    "p50_ms": p50,
                    "p99_ms": p99,
                }),
            );
        }
    }
    Ok(())
}
