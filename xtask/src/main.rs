//! `cargo xtask`: Stormwall's one-command setup, run and test driver.
//!
//! - `cargo xtask run`  — installs what is missing, builds the board, serves on 127.0.0.1:8080.
//! - `cargo xtask test` — installs what is missing, then formatting, lints, Rust tests, the wasm
//!   build and the browser end-to-end tests, against SQLite and a throwaway PostgreSQL.
//! - `cargo xtask bench` — the sync benchmark against the reference Node server.
//! - `cargo xtask fuzz --minutes N` — a long fuzzing run of every target.
//! - `cargo xtask build-web` — only builds the board.

mod bench;
mod bench_cluster;
mod cmd;
mod fuzz;
mod postgres;
mod redis;
mod setup;
mod split;
mod table_exports;
mod test;
mod web;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <run|test|bench|fuzz|build-web> [-- server args]

  run        install what is missing, build the board (release), start the server
  test       install what is missing and run every check and test
  bench      sync benchmark: Stormwall vs the reference Node server, side by side, then a
             cluster's; --only S1,S12,…,board runs the scenarios named
  fuzz       fuzz every target; --minutes N shares N minutes among them (default 30)
  build-web  build the board only";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test::all(),
        Some("bench") => bench::run(&args[1..]),
        Some("fuzz") => {
            fuzz_minutes(&args[1..]).and_then(|m| fuzz::all(m * 60 / fuzz::TARGETS.len() as u32))
        }
        Some("build-web") => setup::web_tools().and_then(|t| web::build(&t)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask failed: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `--minutes N` (default 30).
fn fuzz_minutes(args: &[String]) -> anyhow::Result<u32> {
    match args {
        [] => Ok(30),
        [flag, n] if flag == "--minutes" => n
            .parse()
            .map_err(|_| anyhow::anyhow!("--minutes takes a whole number, not {n:?}")),
        _ => anyhow::bail!("usage: cargo xtask fuzz [--minutes N]"),
    }
}

fn run(server_args: &[String]) -> anyhow::Result<()> {
    let tools = setup::web_tools()?;
    web::build(&tools)?;
    cmd::step("building the server");
    cmd::cargo(&["build", "--release", "-p", "stormwall-server"])?;
    cmd::step("starting Stormwall (Ctrl-C stops it)");
    let mut args = vec![
        "--web-dir".to_string(),
        cmd::root().join("web/dist").display().to_string(),
    ];
    args.extend(server_args.iter().filter(|a| *a != "--").cloned());
    let status = std::process::Command::new(cmd::target_dir().join("release/stormwall"))
        .args(&args)
        .current_dir(cmd::root())
        .status()?;
    anyhow::ensure!(status.success(), "the server exited with {status}");
    Ok(())
}
