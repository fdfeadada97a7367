//! Load generator for `cargo xtask bench`: y-websocket clients holding real yrs documents run
//! the benchmark scenarios against one server (Stormwall or the reference Node server) and
//! print one JSON line per scenario.
//!
//! Usage: `stormwall-load --ws ws://HOST:PORT/sync --server NAME [--http http://HOST:PORT]
//! [--pid PID] [--seconds N]`. With `--http`, boards are created through Stormwall's REST API;
//! without it, any room name is used (the reference server creates rooms on demand).

#[path = "load/cluster.rs"]
mod cluster;
#[path = "load/history.rs"]
mod history;
#[path = "load/scale.rs"]
mod scale;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use stormwall_tests::Peer;
use tokio::time::{sleep, Instant};
use yrs::{Any, Doc, Map, Out, ReadTxn, Transact, WriteTxn};

/// Send times of writes, keyed by (writer, sequence number).
type Sent = Arc<Mutex<HashMap<(u32, u64), Instant>>>;
/// Observed latencies in microseconds.
type Latencies = Arc<Mutex<Vec<u64>>>;

struct Args {
    ws: String,
    http: Option<String>,
    server: String,
    pid: Option<u32>,
    seconds: u64,
    only: Option<String>,
    /// Sync URLs of every node of a cluster (`--nodes`), for the cluster scenarios.
    nodes: Vec<String>,
    /// Process ids of those nodes (`--pids`), in the same order, for their memory.
    pids: Vec<u32>,
}

impl Args {
    /// Whether scenario `s` (e.g. "S1") is selected by `--only S1,S4` (all when absent).
    fn runs(&self, s: &str) -> bool {
        self.only
            .as_deref()
            .is_none_or(|o| o.split(',').any(|x| x.trim().eq_ignore_ascii_case(s)))
    }
}

fn args() -> Args {
    let mut a = Args {
        ws: String::new(),
        http: None,
        server: "server".into(),
        pid: None,
        seconds: 10,
        only: None,
        nodes: Vec::new(),
        pids: Vec::new(),
    };
    let v: Vec<String> = std::env::args().skip(1).collect();
    for pair in v.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_default();
        match pair[0].as_str() {
            "--ws" => a.ws = value,
            "--http" => a.http = Some(value),
            "--server" => a.server = value,
            "--pid" => a.pid = value.parse().ok(),
            "--seconds" => a.seconds = value.parse().unwrap_or(10),
            "--only" => a.only = Some(value),
            "--nodes" => a.nodes = value.split(',').map(str::to_string).collect(),
            "--pids" => a.pids = value.split(',').filter_map(|p| p.parse().ok()).collect(),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

fn addr_and_prefix(ws: &str) -> (std::net::SocketAddr, String) {
    let rest = ws.trim_start_matches("ws://");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    (host.parse().expect("host:port"), path.to_string())
}

async fn board(args: &Args, name: &str) -> anyhow::Result<String> {
    match &args.http {
        Some(http) => {
            let resp = reqwest::Client::new()
                .post(format!("{http}/api/boards"))
                .json(&json!({ "name": name }))
                .send()
                .await?;
            anyhow::ensure!(
                resp.status().is_success(),
                "creating a board: {}",
                resp.status()
            );
            let resp: serde_json::Value = resp.json().await?;
            // The facilitator's link: the board's id with its key, as the sync path takes it.
            let link = resp["links"]["facilitator"].as_str().unwrap_or_default();
            Ok(link.trim_start_matches("/b/").to_string())
        }
        None => Ok(format!("{name}-{}", std::process::id())),
    }
}

async fn join(args: &Args, board: &str) -> anyhow::Result<Peer> {
    join_at(&args.ws, board).await
}

async fn join_at(ws: &str, board: &str) -> anyhow::Result<Peer> {
    let (addr, prefix) = addr_and_prefix(ws);
    Peer::join_path(addr, &format!("{prefix}/{board}")).await
}

/// Records, after each applied update, the latency of every write seen for the first time.
fn observe(peer: &mut Peer, me: Option<u32>, sent: Sent, lat: Latencies) {
    let mut seen: HashMap<u32, u64> = HashMap::new();
    peer.on_update = Some(Box::new(move |doc: &Doc| {
        let now = Instant::now();
        let map = doc.get_or_insert_map("bench");
        let txn = doc.transact();
        for (k, v) in map.iter(&txn) {
            let Some(w) = k.strip_prefix('w').and_then(|w| w.parse::<u32>().ok()) else {
                continue;
            };
            if Some(w) == me {
                continue;
            }
            let n = match v {
                Out::Any(Any::Number(n)) => n.as_f64().unwrap_or(0.0) as u64,
                _ => continue,
            };
            let last = seen.entry(w).or_insert(0);
            if n > *last {
                let sent = sent.lock().unwrap();
                let mut l = lat.lock().unwrap();
                for k in (*last + 1)..=n {
                    if let Some(t) = sent.get(&(w, k)) {
                        l.push(now.duration_since(*t).as_micros() as u64);
                    }
                }
                *last = n;
            }
        }
    }));
}

async fn write(peer: &mut Peer, me: u32, n: u64, sent: &Sent) -> anyhow::Result<()> {
    sent.lock().unwrap().insert((me, n), Instant::now());
    peer.edit(|_, txn| {
        let map = txn.get_or_insert_map("bench");
        map.insert(txn, format!("w{me}"), n as f64);
    })
    .await
}

fn percentile(v: &mut [u64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_unstable();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i] as f64 / 1000.0
}

/// `writers` clients write at `rate` updates/s each for `secs`; `observers` extra clients only
/// read. Writers observe each other too. Returns latencies (ms) p50/p99 and the count. With
/// `spread` (sync URLs of a cluster's nodes) writers join the first node and observers join
/// them all in turn.
async fn fanout(
    args: &Args,
    board: &str,
    writers: u32,
    observers: u32,
    rate: f64,
    secs: u64,
    spread: &[String],
) -> anyhow::Result<(f64, f64, usize)> {
    let node = |i: usize| {
        spread
            .get(i % spread.len().max(1))
            .unwrap_or(&args.ws)
            .clone()
    };
    let group = Group {
        board: board.to_string(),
        writers: (0..writers).map(|_| node(0)).collect(),
        observers: (0..observers as usize).map(node).collect(),
    };
    fanout_groups(&[group], rate, secs).await
}

/// The clients of one board in a fan-out: the sync URL each writer and each observer joins.
struct Group {
    board: String,
    writers: Vec<String>,
    observers: Vec<String>,
}

/// Every group's writers write at `rate` updates/s each for `secs` (their phases spread over
/// one period); everyone observes. Returns latencies (ms) p50/p99 and the deliveries counted.
async fn fanout_groups(
    groups: &[Group],
    rate: f64,
    secs: u64,
) -> anyhow::Result<(f64, f64, usize)> {
    let sent: Sent = Arc::default();
    let lat: Latencies = Arc::default();
    let mut watchers = Vec::new();
    let mut authors = Vec::new();
    for g in groups {
        for ws in &g.observers {
            let mut p = join_at(ws, &g.board).await?;
            observe(&mut p, None, sent.clone(), lat.clone());
            watchers.push(p);
        }
        for ws in &g.writers {
            let w = authors.len() as u32;
            let mut p = join_at(ws, &g.board).await?;
            observe(&mut p, Some(w), sent.clone(), lat.clone());
            authors.push((w, p));
        }
    }
    let writers = authors.len();
    // Everyone is connected: the measured window starts now.
    let end = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for mut p in watchers {
        tasks.push(tokio::spawn(async move {
            p.pump_until(end + Duration::from_millis(500)).await
        }));
    }
    for (w, mut p) in authors {
        let sent = sent.clone();
        let period = Duration::from_secs_f64(1.0 / rate);
        // Spread the writers' phases over one period.
        let start = Instant::now() + period.mul_f64(w as f64 / writers.max(1) as f64);
        tasks.push(tokio::spawn(async move {
            p.pump_until(start).await?;
            let mut next = start;
            let mut n = 0;
            while next < end {
                n += 1;
                write(&mut p, w, n, &sent).await?;
                next += period;
                p.pump_until(next).await?;
            }
            p.pump_until(end + Duration::from_millis(500)).await
        }));
    }
    for t in tasks {
        t.await??;
    }
    let mut l = std::mem::take(&mut *lat.lock().unwrap());
    Ok((percentile(&mut l, 0.5), percentile(&mut l, 0.99), l.len()))
}

/// Grows a board to about `bytes` of encoded state with stickies of long text.
async fn preload(args: &Args, board: &str, bytes: usize) -> anyhow::Result<usize> {
    let mut p = join(args, board).await?;
    let text = "주문됨 Order placed and paid; ".repeat(64);
    let mut i = 0;
    loop {
        let size = p
            .doc
            .transact()
            .encode_state_as_update_v1(&yrs::StateVector::default())
            .len();
        if size >= bytes {
            p.send_raw(stormwall_model::protocol::sync_status(b"loaded"))
                .await?;
            // Stormwall answers once stored; the reference server ignores it, so wait a little.
            let _ = tokio::time::timeout(Duration::from_secs(30), p.until(|p| !p.acks.is_empty()))
                .await;
            return Ok(size);
        }
        p.edit(|r, txn| {
            for k in 0..200 {
                let s = stormwall_model::Sticky::new(
                    &format!("s{i}-{k}"),
                    stormwall_model::StickyKind::DomainEvent,
                    &text,
                    k as f64,
                    i as f64,
                );
                stormwall_model::doc::put_sticky(r, txn, &s);
            }
        })
        .await?;
        p.pump(Duration::from_millis(1)).await?;
        i += 1;
    }
}

/// Raises this process's open-file limit to its hard limit (the cluster scenarios hold
/// thousands of sockets; many systems start processes at 1,024).
fn raise_open_files() {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}

fn rss_kb(pid: Option<u32>) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid?)).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn emit(args: &Args, scenario: &str, fields: serde_json::Value) {
    let mut line = json!({ "scenario": scenario, "server": args.server });
    if let (Some(o), Some(f)) = (line.as_object_mut(), fields.as_object()) {
        o.extend(f.clone());
    }
    println!("{line}");
}

async fn s6_memory(args: &Args) -> anyhow::Result<()> {
    sleep(Duration::from_millis(300)).await;
    let before = rss_kb(args.pid);
    let mut holders = Vec::new();
    let mut total = 0usize;
    for i in 0..4 {
        let b = board(args, &format!("s6-{i}")).await?;
        total += preload(args, &b, 4 << 20).await?;
        holders.push(join(args, &b).await?);
    }
    sleep(Duration::from_secs(1)).await;
    if let (Some(b), Some(a)) = (before, rss_kb(args.pid)) {
        let growth = a.saturating_sub(b) * 1024;
        emit(
            args,
            "S6 memory per loaded board / encoded size",
            json!({ "boards": 4, "encoded_bytes": total, "rss_growth_bytes": growth, "ratio": growth as f64 / total as f64 }),
        );
    }
    Ok(())
}

async fn s3_big_boards(args: &Args) -> anyhow::Result<()> {
    let b = board(args, "s3-empty").await?;
    let (_, empty_p99, _) = fanout(args, &b, 1, 10, 20.0, args.seconds, &[]).await?;
    for mb in [5usize, 20] {
        let b = board(args, &format!("s3-{mb}mb")).await?;
        let size = preload(args, &b, mb << 20).await?;
        let (p50, p99, n) = fanout(args, &b, 1, 10, 20.0, args.seconds, &[]).await?;
        emit(
            args,
            &format!("S3 big board {mb} MB, 1 writer + 10 observers"),
            json!({ "board_bytes": size, "p50_ms": p50, "p99_ms": p99, "empty_p99_ms": empty_p99, "p99_ratio_to_empty": p99 / empty_p99, "deliveries": n }),
        );
    }
    Ok(())
}

async fn s4_join_storm(args: &Args) -> anyhow::Result<()> {
    let b = board(args, "s4").await?;
    let size = preload(args, &b, 4 << 20).await?;
    let (addr, prefix) = addr_and_prefix(&args.ws);
    let joins: Vec<_> = (0..50)
        .map(|_| {
            let path = format!("{prefix}/{b}");
            tokio::spawn(async move {
                let t = Instant::now();
                let p = Peer::join_path(addr, &path).await?;
                let micros = t.elapsed().as_micros() as u64;
                drop(p);
                anyhow::Ok(micros)
            })
        })
        .collect();
    let mut times = Vec::new();
    for j in joins {
        times.push(j.await??);
    }
    emit(
        args,
        "S4 join storm: 50 clients join a 4 MB board",
        json!({ "board_bytes": size, "p50_ms": percentile(&mut times, 0.5), "p99_ms": percentile(&mut times, 0.99) }),
    );
    Ok(())
}

async fn s8_write_amplification(args: &Args) -> anyhow::Result<()> {
    let Some(http) = &args.http else {
        emit(
            args,
            "S8 write amplification",
            json!({ "ratio": null, "note": "the reference server keeps boards in memory only" }),
        );
        return Ok(());
    };
    let m = reqwest::get(format!("{http}/api/metrics"))
        .await?
        .text()
        .await?;
    let get = |name: &str| {
        m.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    let (stored, received) = (
        get("stormwall_bytes_stored_total"),
        get("stormwall_update_bytes_total"),
    );
    emit(
        args,
        "S8 write amplification",
        json!({ "bytes_stored": stored, "update_bytes": received, "ratio": stored / received }),
    );
    // What durable commits cost: every "saved" waits for one (SQLite synchronous = FULL).
    let (micros, commits) = (
        get("stormwall_commit_micros_total"),
        get("stormwall_commits_total"),
    );
    emit(
        args,
        "S9 durable commit (fsync on every commit)",
        json!({ "commits": commits, "mean_ms": micros / commits / 1000.0 }),
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args();
    raise_open_files();
    // First, while the cluster's nodes are fresh: their memory grows by the connections alone.
    if args.runs("S14") {
        scale::s14_idle_connections(&args).await?;
    }
    if args.runs("S1") {
        let b = board(&args, "s1").await?;
        let (p50, p99, n) = fanout(&args, &b, 1, 100, 20.0, args.seconds, &[]).await?;
        emit(
            &args,
            "S1 fan-out 1 writer + 100 observers @20/s",
            json!({ "p50_ms": p50, "p99_ms": p99, "deliveries": n }),
        );
    }
    if args.runs("S2") {
        let b = board(&args, "s2").await?;
        let (p50, p99, n) = fanout(&args, &b, 50, 0, 2.0, args.seconds, &[]).await?;
        emit(
            &args,
            "S2 50 writers @2/s, all observing",
            json!({ "p50_ms": p50, "p99_ms": p99, "deliveries": n }),
        );
    }
    if args.runs("S12") {
        cluster::s12_cross_node(&args).await?;
    }
    if args.runs("S13") {
        cluster::s13_join_storm(&args).await?;
    }
    if args.runs("S15") {
        scale::s15_throughput(&args).await?;
    }
    if args.runs("S3") {
        s3_big_boards(&args).await?;
    }
    if args.runs("S4") {
        s4_join_storm(&args).await?;
    }
    if args.runs("S6") {
        s6_memory(&args).await?;
    }
    if args.runs("S8") {
        s8_write_amplification(&args).await?;
    }
    // History: Stormwall only (the reference server has none).
    if let Some(http) = args.http.clone() {
        if args.runs("S10") {
            history::s10_restore(&args, &http).await?;
        }
        if args.runs("S11") {
            history::s11_checkpoint_cost(&args, &http).await?;
        }
    }
    Ok(())
}
