//! `cargo xtask test`: every check the project has, in the order a failure is cheapest to find.

use std::process::Command;
use std::time::Instant;

use crate::cmd::{self, root, step};
use crate::postgres::Cluster;
use crate::{fuzz, setup, web};

/// Runs formatting, lints, Rust tests, the wasm build and the browser tests.
pub fn all() -> anyhow::Result<()> {
    let started = Instant::now();
    let tools = setup::web_tools()?;
    setup::test_tools()?;

    step("cargo fmt --check");
    cmd::cargo(&["fmt", "--all", "--", "--check"])?;
    step("cargo clippy (warnings are errors)");
    cmd::cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;

    web::build(&tools)?;
    step("building the server for the tests");
    cmd::cargo(&["build", "-p", "stormwall-server"])?;

    let pg = Cluster::start()?;
    step("Rust unit and integration tests (SQLite and PostgreSQL)");
    cmd::run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["test", "--workspace"])
            .env("STORMWALL_TEST_POSTGRES_URL", &pg.url)
            .env("STORMWALL_REQUIRE_POSTGRES", "1")
            // The cluster tests start (and kill) their own Redis and HAProxy on free ports.
            .env(
                "STORMWALL_TEST_REDIS_SERVER",
                setup::program("redis-server")?,
            )
            .env("STORMWALL_TEST_HAPROXY", setup::program("haproxy")?)
            .env("STORMWALL_REQUIRE_REDIS", "1"),
    )?;

    step("browser end-to-end and JavaScript interop tests (Chromium, node --test)");
    let tests = root().join("tests");
    cmd::run(
        Command::new("node")
            .args(["--test", "--test-concurrency=1", "js/"])
            .current_dir(&tests)
            .env("STORMWALL_BIN", cmd::target_dir().join("debug/stormwall"))
            .env("STORMWALL_WEB_DIR", root().join("web/dist"))
            .env("STORMWALL_TEST_POSTGRES_URL", &pg.url)
            .env(
                "STORMWALL_TEST_REDIS_SERVER",
                setup::program("redis-server")?,
            )
            .env("STORMWALL_TEST_HAPROXY", setup::program("haproxy")?)
            .env("STORMWALL_SCREENSHOTS", root().join("tests/out")),
    )?;
    drop(pg);
    fuzz::all(10)?;
    eprintln!(
        "\nall checks passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
