//! Coverage-guided fuzzing (cargo-fuzz / libFuzzer) of what the server reads from clients:
//! raw frames, structured document updates and awareness updates, and the text a team types
//! (requirements and stickies, through the parser, coverage and lint). `cargo xtask test` runs each
//! target for a few seconds; `cargo xtask fuzz --minutes N` shares N minutes among them.

use std::process::Command;

use crate::cmd::{self, root, step, version_of};
use crate::setup::{cargo_bin, path_with};

/// cargo-fuzz release the project uses.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// The fuzz targets: raw frames, structured document updates, structured awareness updates,
/// requirement and sticky text.
pub const TARGETS: [&str; 4] = ["decode", "update", "awareness", "requirement"];

/// Fuzzes every target for `seconds` each; a crash fails the run and leaves the input in
/// fuzz/artifacts/TARGET.
pub fn all(seconds: u32) -> anyhow::Result<()> {
    install()?;
    for target in TARGETS {
        step(&format!("fuzzing {target} for {seconds} s"));
        run(target, seconds)?;
    }
    Ok(())
}

fn install() -> anyhow::Result<()> {
    let installed = version_of(
        cargo_bin()
            .join("cargo-fuzz")
            .to_str()
            .unwrap_or("cargo-fuzz"),
    )
    .is_some_and(|v| v.contains(CARGO_FUZZ_VERSION));
    if !installed {
        step(&format!(
            "compiling cargo-fuzz {CARGO_FUZZ_VERSION} (first setup only)"
        ));
        cmd::cargo(&[
            "install",
            "cargo-fuzz",
            "--version",
            CARGO_FUZZ_VERSION,
            "--locked",
        ])?;
    }
    Ok(())
}

fn run(target: &str, seconds: u32) -> anyhow::Result<()> {
    cmd::run(
        Command::new("cargo")
            .args(["fuzz", "run", target, "--sanitizer", "none", "--"])
            .arg(format!("-max_total_time={seconds}"))
            // Long enough for a structured update nested a million levels deep.
            .arg("-max_len=65536")
            .arg("-print_final_stats=1")
            .current_dir(root().join("fuzz"))
            .env("PATH", path_with(&[cargo_bin()]))
            // libFuzzer's instrumentation flags are nightly-only; the stable compiler accepts them so.
            .env("RUSTC_BOOTSTRAP", "1")
            .env_remove("CARGO_TARGET_DIR"),
    )
}
