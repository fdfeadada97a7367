//! The board's WebAssembly after Trunk has built it: the page's module is split at its
//! `#[wasm_split]` functions (`wasm_split_cli_support`, the splitter Leptos' `#[lazy]` uses too)
//! into what every page needs and chunks fetched when a panel is first opened; then every
//! module, the model worker's too, is optimised with wasm-opt and the page's integrity hashes
//! are brought up to date.
//!
//! The page's module is linked with `--emit-relocs` (`web/build.rs`) so the splitter can move
//! code; Trunk neither optimises nor splits (`data-wasm-opt="0"` in `web/index.html`). Chunks are named after the
//! page's module (`stormwall-web-<hash>-split_<name>.wasm`), so a page left open across an
//! upgrade asks for its own chunks and gets a clear failure instead of another build's code.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;
use base64::Engine;
use sha2::Digest;

use crate::cmd::{self, step};
use crate::setup::cargo_bin;
use crate::table_exports;

/// The features wasm-opt must keep: those rustc's default wasm32 CPU generates.
const FEATURES: &[&str] = &[
    "--enable-reference-types",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-multivalue",
];

/// Splits, binds and optimises the page's module into `dist`; optimises the model worker there.
pub fn finish(dist: &Path, cargo_out: &Path) -> anyhow::Result<()> {
    step("splitting the board's module at its lazy panels and optimising (wasm-opt -Oz)");
    let stem = page_stem(dist)?;
    let work = cmd::target_dir().join("web/split");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("bound"))?;

    let input = std::fs::read(cargo_out.join("stormwall-web.wasm"))
        .context("reading the page's module as cargo built it")?;
    let main = work.join("main.wasm");
    let link = format!("./{stem}-split.js");
    let page_js = format!("./{stem}.js");
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input);
        opts.output_dir = &work;
        opts.main_out_path = &main;
        opts.link_name = &link;
        opts.main_module = &page_js;
        opts
    })
    .map_err(|e| anyhow::anyhow!("splitting the page's module: {e:?}"))?;

    cmd::run(
        Command::new(cargo_bin().join("wasm-bindgen"))
            .args([
                "--target",
                "web",
                "--keep-lld-exports",
                "--no-demangle",
                "--out-name",
                &stem,
            ])
            .arg("--out-dir")
            .arg(work.join("bound"))
            .arg(&main),
    )?;

    // The loader fetches each chunk next to itself; chunks take the page module's name.
    let mut loader = std::fs::read_to_string(work.join(&link))?;
    for chunk in &split.split_modules {
        let name = file_name(chunk)?;
        let named = format!("{stem}-{name}");
        loader = loader.replace(&format!("\"./{name}\""), &format!("\"./{named}\""));
        optimise(chunk, &dist.join(&named))?;
    }
    std::fs::write(dist.join(&link), loader)?;
    let page_wasm = format!("{stem}_bg.wasm");
    optimise(&work.join("bound").join(&page_wasm), &dist.join(&page_wasm))?;
    std::fs::copy(
        work.join("bound").join(format!("{stem}.js")),
        dist.join(format!("{stem}.js")),
    )?;
    let worker = dist.join("model_worker_bg.wasm");
    optimise(&worker, &worker)?;

    let index = dist.join("index.html");
    let mut html = std::fs::read_to_string(&index)?;
    for file in [format!("{stem}.js"), page_wasm] {
        html = with_integrity(&html, &file, &std::fs::read(dist.join(&file))?)?;
    }
    std::fs::write(index, html)?;
    eprintln!(
        "{} chunk(s) split off the page's module",
        split.split_modules.len()
    );
    Ok(())
}

/// `stormwall-web-<hash>`, the name Trunk gave the page's module in `dist`.
fn page_stem(dist: &Path) -> anyhow::Result<String> {
    for entry in std::fs::read_dir(dist)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix("_bg.wasm") {
            if stem.starts_with("stormwall-web-") {
                return Ok(stem.to_string());
            }
        }
    }
    anyhow::bail!(
        "Trunk wrote no stormwall-web-*_bg.wasm into {}",
        dist.display()
    )
}

fn file_name(path: &Path) -> anyhow::Result<String> {
    Ok(path
        .file_name()
        .context("a chunk without a file name")?
        .to_string_lossy()
        .into_owned())
}

/// wasm-opt -Oz from `input` to `output`, then the table exports repaired. With
/// `STORMWALL_WASM_NAMES=1` the function names are kept, so a browser profile of the board
/// names Rust functions (the modules grow; never for a release).
fn optimise(input: &Path, output: &Path) -> anyhow::Result<()> {
    let before = std::fs::read(input)?;
    let tmp: PathBuf = output.with_extension("opt.wasm");
    let keep_names = std::env::var_os("STORMWALL_WASM_NAMES").is_some_and(|v| v == "1");
    cmd::run(
        Command::new("wasm-opt")
            .arg("-Oz")
            .args(keep_names.then_some("--debuginfo"))
            .args(FEATURES)
            .arg(input)
            .arg("-o")
            .arg(&tmp),
    )?;
    let repaired = table_exports::repair(&before, std::fs::read(&tmp)?)?;
    std::fs::remove_file(&tmp)?;
    std::fs::write(output, repaired)?;
    Ok(())
}

/// `html` with the `integrity` of the tag that loads `/{file}` set to the hash of `bytes`.
fn with_integrity(html: &str, file: &str, bytes: &[u8]) -> anyhow::Result<String> {
    let href = format!("href=\"/{file}\"");
    let at = html
        .find(&href)
        .with_context(|| format!("index.html does not load {file}"))?;
    let tag_end = at
        + html[at..]
            .find('>')
            .context("an unclosed tag in index.html")?;
    let key = "integrity=\"";
    let Some(rel) = html[at..tag_end].find(key) else {
        return Ok(html.to_string());
    };
    let value = at + rel + key.len();
    let value_end = value
        + html[value..]
            .find('"')
            .context("an unclosed integrity value")?;
    let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes));
    Ok(format!(
        "{}sha384-{digest}{}",
        &html[..value],
        &html[value_end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_integrity_of_the_named_file_is_replaced() {
        let html = r#"<link rel="modulepreload" href="/a.js" integrity="sha384-old"><link rel="preload" href="/a_bg.wasm" integrity="sha384-keep">"#;
        let out = with_integrity(html, "a.js", b"abc").unwrap();
        let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(b"abc"));
        assert!(out.contains(&format!(r#"href="/a.js" integrity="sha384-{digest}""#)));
        assert!(out.contains(r#"href="/a_bg.wasm" integrity="sha384-keep""#));
        assert!(with_integrity(html, "b.js", b"").is_err());
    }
}
