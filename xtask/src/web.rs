//! Builds the board (web/) into web/dist with Trunk, in release mode, and reports its size.

use std::process::Command;

use crate::cmd::{self, root, step};
use crate::setup::{cargo_bin, path_with, WebTools};
use crate::split;

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
    // The standard library is built from source on both routes, in its small-code variant:
    // sorts (merge/heap sort instead of one driftsort/ipnsort copy per element type), integer
    // formatting and float parsing.
    trunk
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            // `erase_components` makes Leptos type-erase views, attribute lists and reactive
            // closures (`AnyView`, `Vec<AnyAttribute>`, `Arc<Mutex<dyn FnMut>>`), so the render
            // machinery is compiled once per output type instead of once per view shape: the
            // bundle shrinks by about a seventh (2595 -> 2240 KB raw, 989 -> 855 KB gzip).
            // `location-detail=none` leaves out where each possible panic is in the source
            // (file, line, column): a panic still says what went wrong in the console, and
            // the page module loses a few thousand locations it never shows.
            // (The page's module is linked with its relocations kept, for the splitter:
            // `web/build.rs`.)
            "--cfg erase_components -Zlocation-detail=none",
        );
    // Two compilers must not share a target folder.
    trunk
        .env("CARGO_TARGET_DIR", cmd::target_dir().join("web"))
        .env_remove("RUSTFLAGS");
    cmd::run(&mut trunk)?;
    let dist = root().join("web/dist");
    split::finish(
        &dist,
        &cmd::target_dir().join("web/wasm32-unknown-unknown/wasm-release"),
    )?;
    report_size()
}

/// What the board's modules weigh: the page's own module (what every page downloads before it
/// shows anything), the chunks split off it (fetched when a panel first opens, or while the
/// browser idles) and the model worker.
fn report_size() -> anyhow::Result<()> {
    let (mut page, mut worker, mut chunks) = (None, None, Vec::new());
    for entry in std::fs::read_dir(root().join("web/dist"))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if !name.ends_with(".wasm") {
            continue;
        }
        let raw = std::fs::metadata(&path)?.len();
        let gz = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&path)
            .output()?
            .stdout
            .len() as u64;
        if name.starts_with("model_worker") {
            worker = Some((raw, gz));
        } else if name.ends_with("_bg.wasm") {
            page = Some((raw, gz));
        } else {
            let label = name.split_once("-split_").map_or("shared", |(_, n)| n);
            chunks.push((label.trim_end_matches(".wasm").to_string(), raw, gz));
        }
    }
    let kb = |b: u64| (b as f64 / 1024.0).round();
    if let Some((raw, gz)) = page {
        eprintln!(
            "board bundle: page module {} KB raw, {} KB gzip",
            kb(raw),
            kb(gz)
        );
    }
    chunks.sort_by_key(|c| std::cmp::Reverse(c.2));
    let (raw, gz) = chunks.iter().fold((0, 0), |(r, g), c| (r + c.1, g + c.2));
    let named: Vec<String> = chunks
        .iter()
        .filter(|c| c.0 != "shared")
        .map(|c| format!("{} {} KB", c.0, kb(c.2)))
        .collect();
    eprintln!(
        "board bundle: {} lazy chunks, {} KB raw, {} KB gzip in all ({}; the rest shared between panels)",
        chunks.len(),
        kb(raw),
        kb(gz),
        named.join(", ")
    );
    if let Some((raw, gz)) = worker {
        eprintln!(
            "board bundle: model worker {} KB raw, {} KB gzip",
            kb(raw),
            kb(gz)
        );
    }
    Ok(())
}
