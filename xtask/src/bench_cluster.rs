//! The cluster part of `cargo xtask bench`: a throwaway PostgreSQL and Redis, four Stormwall
//! nodes pinned to the servers' core, and the load generator's cluster scenarios against them —
//! S1 with every client on one node and S12 with the observers spread over three (the cost of
//! crossing nodes, next to the single node's S1), S13 a join storm over three nodes, S14 idle
//! connections held over four (memory per connection), S15 throughput from one to four nodes.

use serde_json::Value;

use crate::bench::{load, stormwall_with, Only};
use crate::cmd::step;

/// The cluster scenarios of the load generator.
const CLUSTER: &[&str] = &["S12", "S13", "S14", "S15"];
/// Nodes started.
const NODES: usize = 4;

/// Runs the selected cluster scenarios; `single` holds the single node's results, for S1.
pub fn run(only: &Only, seconds: &str, single: Option<&[Value]>) -> anyhow::Result<()> {
    let Some(mut picked) = only.pick(CLUSTER) else {
        return Ok(());
    };
    if only.runs("S12") {
        // S12 is read next to S1 on one node of the same cluster.
        picked = format!("S1,{picked}");
    }
    let pg = crate::postgres::Cluster::start()?;
    let redis = crate::redis::Redis::start()?;
    // Every client and board of the benchmark comes from 127.0.0.1.
    let args = [
        "--redis-url",
        redis.url.as_str(),
        "--max-connections-per-ip",
        "100000",
        "--creates-per-minute",
        "100000",
    ];
    let mut nodes = Vec::new();
    for _ in 0..NODES {
        nodes.push(stormwall_with(&pg.url, &args)?);
    }
    step(&format!(
        "scenarios against a {NODES}-node Stormwall cluster"
    ));
    let join = |f: &dyn Fn(&crate::bench::Server) -> String| {
        nodes.iter().map(f).collect::<Vec<_>>().join(",")
    };
    let (all, pids) = (join(&|n| n.ws.clone()), join(&|n| n.child.id().to_string()));
    nodes[0].name = "stormwall cluster";
    let r = load(
        &nodes[0],
        seconds,
        &["--only", &picked, "--nodes", &all, "--pids", &pids],
    );
    for mut n in nodes {
        let _ = n.child.kill();
        let _ = n.child.wait();
    }
    print_latencies(single.unwrap_or_default(), &r?);
    Ok(())
}

/// The cluster's latencies next to the single node's S1.
fn print_latencies(single: &[Value], cluster: &[Value]) {
    let s1 = single
        .iter()
        .find(|v| v["scenario"].as_str().is_some_and(|s| s.starts_with("S1 ")));
    println!(
        "\n{:<72} {:>10} {:>10}",
        "cluster latencies", "p50_ms", "p99_ms"
    );
    let rows = s1
        .map(|v| ("S1 single node (SQLite)".to_string(), v))
        .into_iter()
        .chain(cluster.iter().map(|v| {
            let name = v["scenario"].as_str().unwrap_or_default();
            let name = if name.starts_with("S1 ") {
                "S1 cluster, all clients on one node"
            } else {
                name
            };
            (name.to_string(), v)
        }));
    for (name, v) in rows.filter(|(_, v)| v["p99_ms"].is_number()) {
        println!(
            "{:<72} {:>10.3} {:>10.3}",
            name.chars().take(72).collect::<String>(),
            v["p50_ms"].as_f64().unwrap_or(f64::NAN),
            v["p99_ms"].as_f64().unwrap_or(f64::NAN)
        );
    }
}
