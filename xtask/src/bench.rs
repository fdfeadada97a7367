//! `cargo xtask bench`: the sync benchmark, Stormwall and the reference Node server
//! (`@y/websocket-server`, pinned in tests/package-lock.json) side by side in one run. Each
//! server runs pinned to core 0, the load generator to core 1; one JSON line per scenario and
//! server, then a table of ratios. Then a cluster's figures ([`crate::bench_cluster`]) and the
//! board's own in Chromium. `--only S1,S12,board` runs the scenarios named.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

use anyhow::Context;
use serde_json::Value;

use crate::cmd::{self, root, step, target_dir};
use crate::setup;

pub struct Server {
    pub name: &'static str,
    pub child: Child,
    pub ws: String,
    http: Option<String>,
}

/// The scenarios a run is limited to (`--only S1,S12,board`); every one when absent.
pub struct Only(Option<Vec<String>>);

impl Only {
    /// Reads `--only LIST` from the arguments after `bench`.
    pub fn parse(args: &[String]) -> anyhow::Result<Only> {
        match args {
            [] => Ok(Only(None)),
            [flag, list] if flag == "--only" => Ok(Only(Some(
                list.split(',').map(|s| s.trim().to_uppercase()).collect(),
            ))),
            _ => anyhow::bail!("usage: cargo xtask bench [--only S1,S12,…,board]"),
        }
    }

    /// Whether scenario `s` runs.
    pub fn runs(&self, s: &str) -> bool {
        self.0
            .as_ref()
            .is_none_or(|l| l.iter().any(|x| x.eq_ignore_ascii_case(s)))
    }

    /// The load generator's `--only` for the scenarios of `all` that run (`None`: none runs).
    pub fn pick(&self, all: &[&str]) -> Option<String> {
        let picked: Vec<&str> = all.iter().copied().filter(|s| self.runs(s)).collect();
        (!picked.is_empty()).then(|| picked.join(","))
    }
}

/// The single-node scenarios of the load generator.
const SINGLE: &[&str] = &["S1", "S2", "S3", "S4", "S6", "S8", "S10", "S11"];

pub fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

pub fn wait_listening(port: u16) -> anyhow::Result<()> {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    anyhow::bail!("server on port {port} did not start")
}

fn stormwall(db_dir: &std::path::Path) -> anyhow::Result<Server> {
    let db = format!("sqlite://{}/bench.db", db_dir.display());
    stormwall_with(&db, &[])
}

/// A Stormwall node on database `db` with extra arguments.
pub fn stormwall_with(db: &str, args: &[&str]) -> anyhow::Result<Server> {
    let port = free_port()?;
    let child = Command::new("taskset")
        .args(["-c", "0"])
        .arg(target_dir().join("release/stormwall"))
        .args([
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--web-dir",
            "/nonexistent",
            "--database-url",
            db,
        ])
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()?;
    wait_listening(port)?;
    Ok(Server {
        name: "stormwall",
        child,
        ws: format!("ws://127.0.0.1:{port}/sync"),
        http: Some(format!("http://127.0.0.1:{port}")),
    })
}

fn reference() -> anyhow::Result<Server> {
    let port = free_port()?;
    let script = root().join("tests/node_modules/@y/websocket-server/src/server.js");
    anyhow::ensure!(
        script.exists(),
        "{} is missing (npm ci in tests/)",
        script.display()
    );
    let child = Command::new("taskset")
        .args(["-c", "0", "node"])
        .arg(script)
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .stdout(Stdio::null())
        .spawn()?;
    wait_listening(port)?;
    Ok(Server {
        name: "y-websocket-server (Node)",
        child,
        ws: format!("ws://127.0.0.1:{port}/sync"),
        http: None,
    })
}

pub fn load(server: &Server, seconds: &str, extra: &[&str]) -> anyhow::Result<Vec<Value>> {
    let mut cmd = Command::new("taskset");
    cmd.args(["-c", "1"])
        .arg(target_dir().join("release/stormwall-load"))
        .args([
            "--ws",
            &server.ws,
            "--server",
            server.name,
            "--pid",
            &server.child.id().to_string(),
            "--seconds",
            seconds,
        ])
        .args(extra)
        .stdout(Stdio::piped());
    if let Some(http) = &server.http {
        cmd.args(["--http", http]);
    }
    let mut child = cmd.spawn()?;
    let mut lines = Vec::new();
    for line in BufReader::new(child.stdout.take().context("load generator stdout")?).lines() {
        let line = line?;
        println!("{line}");
        lines.push(serde_json::from_str(&line)?);
    }
    anyhow::ensure!(
        child.wait()?.success(),
        "load generator failed against {}",
        server.name
    );
    Ok(lines)
}

/// Builds, runs the scenarios selected by `args` (every one by default) and prints the
/// comparison.
pub fn run(args: &[String]) -> anyhow::Result<()> {
    let only = Only::parse(args)?;
    setup::test_tools()?;
    step("building the server and the load generator (release)");
    cmd::cargo(&[
        "build",
        "--release",
        "-p",
        "stormwall-server",
        "-p",
        "stormwall-tests",
        "--bin",
        "stormwall",
        "--bin",
        "stormwall-load",
    ])?;
    let seconds = std::env::var("STORMWALL_BENCH_SECONDS").unwrap_or_else(|_| "10".into());
    let mut results = Vec::new();
    if let Some(picked) = only.pick(SINGLE) {
        let db = std::env::temp_dir().join(format!("stormwall-bench-{}", std::process::id()));
        std::fs::create_dir_all(&db)?;
        for start in [
            stormwall as fn(&std::path::Path) -> anyhow::Result<Server>,
            |_: &std::path::Path| reference(),
        ] {
            let mut server = start(&db)?;
            step(&format!("scenarios against {}", server.name));
            let r = load(&server, &seconds, &["--only", &picked]);
            let _ = server.child.kill();
            let _ = server.child.wait();
            results.push(r?);
        }
        let _ = std::fs::remove_dir_all(&db);
        print_table(&results[0], &results[1]);
    }
    crate::bench_cluster::run(&only, &seconds, results.first().map(Vec::as_slice))?;
    if only.runs("board") {
        board()?;
    }
    Ok(())
}

/// The board's quality bars in headless Chromium: a 2,000- and a 10,000-sticky board's first
/// picture, pan frame rate near and from afar, and typing latency (tests/bench/board.mjs).
fn board() -> anyhow::Result<()> {
    let tools = setup::web_tools()?;
    crate::web::build(&tools)?;
    for stickies in ["2000", "10000"] {
        step(&format!(
            "board benchmark in Chromium ({stickies} stickies)"
        ));
        cmd::run(
            Command::new("node")
                .arg("bench/board.mjs")
                .current_dir(root().join("tests"))
                .env("STORMWALL_BIN", target_dir().join("release/stormwall"))
                .env("STORMWALL_WEB_DIR", root().join("web/dist"))
                .env("STORMWALL_BENCH_STICKIES", stickies),
        )?;
    }
    Ok(())
}

fn print_table(ours: &[Value], theirs: &[Value]) {
    println!(
        "\n{:<52} {:>10} {:>12} {:>12} {:>8}",
        "scenario / metric", "", "stormwall", "reference", "ratio"
    );
    for o in ours {
        let scenario = o["scenario"].as_str().unwrap_or_default();
        let t = theirs.iter().find(|t| t["scenario"] == o["scenario"]);
        for metric in [
            "p50_ms",
            "p99_ms",
            "p99_ratio_to_empty",
            "ratio",
            "mean_ms",
            "converged_ms",
            "checkpoint_bytes",
            "bytes_per_1000_edits_at_1_per_s",
        ] {
            let Some(a) = o[metric].as_f64() else {
                continue;
            };
            let b = t.and_then(|t| t[metric].as_f64());
            let ratio = b
                .map(|b| format!("{:.2}", a / b))
                .unwrap_or_else(|| "-".into());
            let b = b.map(|b| format!("{b:.3}")).unwrap_or_else(|| "-".into());
            println!(
                "{:<52} {:>10} {:>12.3} {:>12} {:>8}",
                scenario.chars().take(52).collect::<String>(),
                metric,
                a,
                b,
                ratio
            );
        }
    }
}
