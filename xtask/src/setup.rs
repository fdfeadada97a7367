//! Installs what the build and the tests need, and only what is missing: the wasm32 target (or
//! Debian's rustc-web route where rustup cannot download it), Trunk, the wasm-bindgen CLI that
//! matches Cargo.lock, wasm-opt, and for tests Chromium, CJK fonts, PostgreSQL and npm packages.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

use crate::cmd::{self, ensure_debs, root, step, succeeds, version_of};

/// Trunk release known to build the board with the toolchains here.
const TRUNK_VERSION: &str = "0.21.14";

/// How the board's WebAssembly gets compiled.
pub enum WebTools {
    /// rustup's wasm32 target and standard library sources.
    Rustup,
    /// Debian's rustc-web with std built from source; `bin` holds `cargo`/`rustc` links to it.
    Debian {
        /// Folder put first on PATH for Trunk.
        bin: PathBuf,
    },
}

/// `$CARGO_HOME/bin`, where `cargo install` puts tools.
pub fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// PATH with `dirs` in front.
pub fn path_with(dirs: &[PathBuf]) -> std::ffi::OsString {
    let mut all: Vec<PathBuf> = dirs.to_vec();
    all.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(all).expect("valid PATH")
}

fn has_rustup_wasm() -> bool {
    Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "wasm32-unknown-unknown")
        })
}

/// The wasm-bindgen version pinned in Cargo.lock.
pub fn locked_wasm_bindgen() -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    anyhow::bail!("Cargo.lock has no wasm-bindgen entry")
}

fn cargo_install(krate: &str, version: &str, locked: bool) -> anyhow::Result<()> {
    step(&format!(
        "compiling {krate} {version} from crates.io (first setup only, a few minutes)"
    ));
    let mut args = vec!["install", krate, "--version", version];
    if locked {
        args.push("--locked");
    }
    cmd::cargo(&args)
}

fn tool_has_version(program: &str, version: &str) -> bool {
    let path = cargo_bin().join(program);
    let found = version_of(path.to_str().unwrap_or(program)).or_else(|| version_of(program));
    found.is_some_and(|v| {
        v.split_whitespace()
            .any(|w| w.trim_start_matches('v') == version)
    })
}

/// Makes sure the board can be built; returns how.
pub fn web_tools() -> anyhow::Result<WebTools> {
    step("checking the WebAssembly toolchain");
    let rustup = |args: &[&str]| succeeds(Command::new("rustup").args(args));
    let rustup_ok = (has_rustup_wasm() || rustup(&["target", "add", "wasm32-unknown-unknown"]))
        && rustup(&["component", "add", "rust-src"]);
    let tools = if rustup_ok {
        WebTools::Rustup
    } else {
        eprintln!("rustup cannot provide wasm32-unknown-unknown here; using Debian's rustc-web with std from source");
        ensure_debs(&["rustc-web", "cargo-web", "rust-web-src", "lld-22"])?;
        let bin = root().join(".tools/debian-bin");
        std::fs::create_dir_all(&bin)?;
        for tool in ["cargo", "rustc"] {
            let link = bin.join(tool);
            if std::fs::read_link(&link).ok() != Some(PathBuf::from("/usr/bin").join(tool)) {
                let _ = std::fs::remove_file(&link);
                std::os::unix::fs::symlink(PathBuf::from("/usr/bin").join(tool), &link)?;
            }
        }
        WebTools::Debian { bin }
    };
    ensure_debs(&["binaryen"])?;
    if !tool_has_version("trunk", TRUNK_VERSION) {
        cargo_install("trunk", TRUNK_VERSION, true)?;
    }
    let wb = locked_wasm_bindgen()?;
    if !tool_has_version("wasm-bindgen", &wb) {
        // Not --locked: its lockfile pins a webpki-roots release the registry may not serve.
        cargo_install("wasm-bindgen-cli", &wb, false)?;
    }
    Ok(tools)
}

/// Where an installed Debian program is (`/usr/bin` or `/usr/sbin`).
pub fn program(name: &str) -> anyhow::Result<PathBuf> {
    ["/usr/bin", "/usr/sbin", "/usr/local/bin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.exists())
        .ok_or_else(|| anyhow::anyhow!("{name} is not installed"))
}

/// Makes sure the browser, fonts, PostgreSQL, Redis, HAProxy and the npm test packages are
/// there.
pub fn test_tools() -> anyhow::Result<()> {
    step("checking Chromium, fonts, PostgreSQL, Redis, HAProxy and npm packages");
    ensure_debs(&[
        "chromium",
        "fonts-noto-cjk",
        "postgresql",
        "redis-server",
        "haproxy",
    ])?;
    // Node.js may come from Debian or elsewhere (npm bundled); install only what is absent.
    for (program, package) in [("node", "nodejs"), ("npm", "npm")] {
        if version_of(program).is_none() {
            cmd::apt_install(&[package])?;
        }
    }
    let tests = root().join("tests");
    let lock = tests.join("package-lock.json");
    let stamp = tests.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&stamp)) {
        (Ok(l), Ok(s)) => s.modified()? >= l.modified()?,
        _ => false,
    };
    if !fresh {
        step("installing npm test packages (npm ci)");
        cmd::run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&tests),
        )?;
    }
    Ok(())
}
