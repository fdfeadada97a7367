//! Builds the board (web/) into web/dist with Trunk, in release mode, and reports its size.

use std::process::Command;

use crate::cmd::{self, root, step};
use crate::setup::{cargo_bin, path_with, WebTools};

/// Builds the board.
pub fn build(tools: &WebTools) -> anyhow::Result<()> {
    step("building the board (Trunk, release)");
    let mut trunk = Command::new("trunk");
    trunk.args(["build", "--release"]).current_dir(root());
    match tools {
        WebTools::Rustup => {
            trunk.env("PATH", path_with(&[cargo_bin()]));
        }
        WebTools::Debian { bin } => {
            trunk
                .env("PATH", path_with(&[bin.clone(), cargo_bin()]))
                .env("RUSTC", "/usr/bin/rustc");
        }
    }
    // Debian's wasm-opt 108 mangles reference-types tables ("WebAssembly.Table.set(): Argument 1
    // is invalid for table"). Building std from source with the MVP feature set avoids them on
    // both routes; the precompiled wasm32 std has reference types switched on.
    trunk
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        // The standard library's small-code variants: sorts (merge/heap sort instead of one
        // driftsort/ipnsort copy per element type), integer formatting and float parsing.
        .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            // `erase_components` makes Leptos type-erase views, attribute lists and reactive
            // closures (`AnyView`, `Vec<AnyAttribute>`, `Arc<Mutex<dyn FnMut>>`), so the render
            // machinery is compiled once per output type instead of once per view shape: the
            // bundle shrinks by about a seventh (2595 -> 2240 KB raw, 989 -> 855 KB gzip).
            "-C target-cpu=mvp --cfg erase_components",
        );
    // Two compilers must not share a target folder.
    trunk
        .env("CARGO_TARGET_DIR", cmd::target_dir().join("web"))
        .env_remove("RUSTFLAGS");
    cmd::run(&mut trunk)?;
    report_size()
}

fn report_size() -> anyhow::Result<()> {
    for entry in std::fs::read_dir(root().join("web/dist"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "wasm") {
            let raw = std::fs::metadata(&path)?.len();
            let gz = Command::new("gzip")
                .args(["-9", "-c"])
                .arg(&path)
                .output()?
                .stdout
                .len();
            eprintln!(
                "board bundle: {} — {:.0} KB raw, {:.0} KB gzip",
                path.display(),
                raw as f64 / 1024.0,
                gz as f64 / 1024.0
            );
        }
    }
    Ok(())
}
