//! A short coverage-guided fuzzing run of the frame decoder (cargo-fuzz / libFuzzer), part of
//! `cargo xtask test`. Longer runs by hand: `cd fuzz && cargo fuzz run decode -s none`.

use std::process::Command;

use crate::cmd::{self, root, step, version_of};
use crate::setup::{cargo_bin, path_with};

/// cargo-fuzz release the project uses.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Fuzzes `decode` for `seconds`; a crash fails the run and leaves the input in fuzz/artifacts.
pub fn decode(seconds: u32) -> anyhow::Result<()> {
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
    step(&format!("fuzzing the frame decoder for {seconds} s"));
    cmd::run(
        Command::new("cargo")
            .args(["fuzz", "run", "decode", "--sanitizer", "none", "--"])
            .arg(format!("-max_total_time={seconds}"))
            .current_dir(root().join("fuzz"))
            .env("PATH", path_with(&[cargo_bin()]))
            // libFuzzer's instrumentation flags are nightly-only; the stable compiler accepts them so.
            .env("RUSTC_BOOTSTRAP", "1")
            .env_remove("CARGO_TARGET_DIR"),
    )
}
