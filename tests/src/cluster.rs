//! A throwaway cluster for the tests: a `redis-server` of its own (append-only file, fsync on
//! every write, as `docs/deploy.md` asks) on a free loopback port that a test can kill with
//! SIGKILL and restart on the same files, and Stormwall nodes started as processes against it
//! and the test PostgreSQL. Tests run only when `STORMWALL_TEST_REDIS_SERVER` names the
//! `redis-server` binary (`cargo xtask test` sets it, and `STORMWALL_REQUIRE_REDIS`). Writers
//! that count what was acknowledged as saved, for the crash tests.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Duration;

use stormwall_model::{doc, protocol};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::history::sticky;
use crate::server::ServerProcess;
use crate::Peer;

/// The `redis-server` binary the run provides, if any; required when
/// `STORMWALL_REQUIRE_REDIS` is set.
pub fn redis_server() -> Option<PathBuf> {
    match std::env::var_os("STORMWALL_TEST_REDIS_SERVER") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => {
            assert!(
                std::env::var_os("STORMWALL_REQUIRE_REDIS").is_none(),
                "STORMWALL_TEST_REDIS_SERVER is required"
            );
            eprintln!("cluster tests skipped: STORMWALL_TEST_REDIS_SERVER is not set (cargo xtask test sets it)");
            None
        }
    }
}

/// A Redis server of one test.
pub struct TestRedis {
    bin: PathBuf,
    dir: tempfile::TempDir,
    /// Its port on 127.0.0.1.
    pub port: u16,
    child: Option<tokio::process::Child>,
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl TestRedis {
    /// Starts Redis with its persistence on, in a new folder.
    pub async fn start(bin: PathBuf) -> anyhow::Result<TestRedis> {
        let mut redis = TestRedis {
            bin,
            dir: tempfile::tempdir()?,
            port: free_port()?,
            child: None,
        };
        redis.run().await?;
        Ok(redis)
    }

    /// Its URL.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    async fn run(&mut self) -> anyhow::Result<()> {
        let child = tokio::process::Command::new(&self.bin)
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .arg("--dir")
            .arg(self.dir.path())
            .args([
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
            ])
            .args(["--daemonize", "no", "--protected-mode", "no"])
            .stdout(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        self.child = Some(child);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while tokio::time::Instant::now() < deadline {
            if self.ping().await {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        anyhow::bail!("redis-server did not answer on port {}", self.port)
    }

    async fn ping(&self) -> bool {
        let Ok(mut s) = tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await else {
            return false;
        };
        let mut buf = [0u8; 16];
        s.write_all(b"PING\r\n").await.is_ok()
            && matches!(s.read(&mut buf).await, Ok(n) if buf[..n].starts_with(b"+PONG"))
    }

    /// Kills Redis with SIGKILL (no goodbye, no final save).
    pub async fn kill(&mut self) -> anyhow::Result<()> {
        if let Some(mut c) = self.child.take() {
            c.kill().await?;
        }
        Ok(())
    }

    /// Starts it again on the same port and files.
    pub async fn restart(&mut self) -> anyhow::Result<()> {
        self.kill().await?;
        self.run().await
    }

    /// Opens a connection and sends one command with binary arguments; the connection stays
    /// open for what follows (a subscription's messages).
    pub async fn open(&self, args: &[&[u8]]) -> anyhow::Result<tokio::net::TcpStream> {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await?;
        let mut out = format!("*{}\r\n", args.len()).into_bytes();
        for a in args {
            out.extend(format!("${}\r\n", a.len()).as_bytes());
            out.extend_from_slice(a);
            out.extend(b"\r\n");
        }
        s.write_all(&out).await?;
        Ok(s)
    }

    /// Runs one command (inline protocol) and returns the raw answer.
    pub async fn command(&self, line: &str) -> anyhow::Result<String> {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await?;
        s.write_all(format!("{line}\r\n").as_bytes()).await?;
        let mut buf = vec![0u8; 4096];
        let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf)).await??;
        Ok(String::from_utf8_lossy(&buf[..n]).into_owned())
    }
}

/// Options that make a test cluster act fast: compaction and lease renewal every 200 ms, a
/// lease of 1.5 s, nodes dead after 1.2 s, stream entries kept 1 s.
pub const FAST: [&str; 8] = [
    "--cluster-compact-ms",
    "200",
    "--cluster-lease-ms",
    "1500",
    "--cluster-node-ttl-ms",
    "1200",
    "--cluster-stream-lifetime-ms",
    "1000",
];

/// Starts a Stormwall node of the cluster on `port` (0: a free one).
pub async fn node(pg: &str, redis: &TestRedis, port: u16) -> anyhow::Result<ServerProcess> {
    let url = redis.url();
    let mut args = vec!["--redis-url", &url];
    args.extend(FAST);
    ServerProcess::start_with(pg, port, &args).await
}

/// The node id a server reports in `/api/health`.
pub async fn node_id(addr: SocketAddr) -> anyhow::Result<String> {
    let health: serde_json::Value = reqwest::get(format!("http://{addr}/api/health"))
        .await?
        .json()
        .await?;
    health["node"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("no node id in {health}"))
}

/// HAProxy run with `docs/haproxy.cfg`, its `bind` port and `server` lines replaced.
pub struct TestHaproxy {
    /// Where clients connect.
    pub addr: SocketAddr,
    _dir: tempfile::TempDir,
    _child: tokio::process::Child,
}

/// The `haproxy` binary the run provides, if any (`STORMWALL_TEST_HAPROXY`).
pub fn haproxy() -> Option<PathBuf> {
    let p = std::env::var_os("STORMWALL_TEST_HAPROXY").filter(|p| !p.is_empty());
    if p.is_none() {
        assert!(
            std::env::var_os("STORMWALL_REQUIRE_REDIS").is_none(),
            "STORMWALL_TEST_HAPROXY is required"
        );
        eprintln!("load balancer tests skipped: STORMWALL_TEST_HAPROXY is not set");
    }
    p.map(PathBuf::from)
}

/// `docs/haproxy.cfg` listening on `port` and balancing over `nodes`.
pub fn haproxy_config(port: u16, nodes: &[SocketAddr]) -> anyhow::Result<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/haproxy.cfg");
    let text = std::fs::read_to_string(&path)?;
    let mut out = String::new();
    let mut servers = 0;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("bind ") {
            out.push_str(&format!("    bind 127.0.0.1:{port}\n"));
        } else if trimmed.starts_with("server ") {
            if servers == 0 {
                for (i, n) in nodes.iter().enumerate() {
                    out.push_str(&format!("    server node{} {n}\n", i + 1));
                }
            }
            servers += 1;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    anyhow::ensure!(servers > 0, "docs/haproxy.cfg has no server lines");
    Ok(out)
}

impl TestHaproxy {
    /// Starts HAProxy in front of `nodes` and waits until it sends to every one of them.
    pub async fn start(bin: PathBuf, nodes: &[SocketAddr]) -> anyhow::Result<TestHaproxy> {
        let dir = tempfile::tempdir()?;
        let port = free_port()?;
        let cfg = dir.path().join("haproxy.cfg");
        std::fs::write(&cfg, haproxy_config(port, nodes)?)?;
        let child = tokio::process::Command::new(bin)
            .arg("-f")
            .arg(&cfg)
            .arg("-db")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        // Ready once every node answered through it (each health check passed twice).
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        let mut seen = std::collections::HashSet::new();
        while seen.len() < nodes.len() {
            anyhow::ensure!(
                tokio::time::Instant::now() < deadline,
                "HAProxy did not reach every node"
            );
            if let Ok(id) = node_id(addr).await {
                seen.insert(id);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(TestHaproxy {
            addr,
            _dir: dir,
            _child: child,
        })
    }
}

/// Writes stickies `{name}-{n}` asking for "saved" after each, until `stop` or the connection
/// dies; returns the highest `n` acknowledged.
pub async fn writer(addr: SocketAddr, board: String, name: String, stop: Arc<AtomicBool>) -> u64 {
    let Ok(mut peer) = Peer::join(addr, &board).await else {
        return 0;
    };
    let mut acked = 0u64;
    let mut n = 0u64;
    while !stop.load(Relaxed) {
        n += 1;
        let s = sticky(&format!("{name}-{n}"), n as f64);
        let sent = async {
            peer.edit(|r, t| doc::put_sticky(r, t, &s)).await?;
            peer.send_raw(protocol::sync_status(n.to_string().as_bytes()))
                .await?;
            peer.pump(Duration::from_millis(5)).await
        };
        let ok = sent.await.is_ok();
        acked = acked.max(max_ack(&mut peer));
        if !ok {
            return acked;
        }
    }
    // The last acknowledgements may still be on their way.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while acked < n && tokio::time::Instant::now() < deadline {
        if peer.pump(Duration::from_millis(200)).await.is_err() {
            break;
        }
        acked = acked.max(max_ack(&mut peer));
    }
    acked
}

pub fn max_ack(peer: &mut Peer) -> u64 {
    peer.acks
        .drain(..)
        .map(|a| String::from_utf8_lossy(&a).parse().unwrap_or(0))
        .max()
        .unwrap_or(0)
}

/// Checks that `peer` holds every acknowledged sticky.
pub fn holds_all(peer: &Peer, acked: &[(String, u64)], when: &str) {
    let board = peer.board();
    for (name, n) in acked {
        for k in 1..=*n {
            assert!(
                board.sticky(&format!("{name}-{k}")).is_some(),
                "{when}: acknowledged {name}-{k} lost (acked up to {n})"
            );
        }
    }
}

pub fn spawn_writers(
    nodes: &[SocketAddr],
    board: &str,
    per_node: usize,
    stop: &Arc<AtomicBool>,
) -> Vec<(String, tokio::task::JoinHandle<u64>)> {
    let mut out = Vec::new();
    for (i, addr) in nodes.iter().enumerate() {
        for w in 0..per_node {
            let name = format!("n{i}w{w}");
            let task = tokio::spawn(writer(*addr, board.into(), name.clone(), stop.clone()));
            out.push((name, task));
        }
    }
    out
}

pub async fn collect(
    writers: Vec<(String, tokio::task::JoinHandle<u64>)>,
) -> anyhow::Result<Vec<(String, u64)>> {
    let mut acked = Vec::new();
    for (name, task) in writers {
        acked.push((name, task.await?));
    }
    Ok(acked)
}
