//! Reads the analysis worker's replies. Reading a report takes serde code for every part of
//! the analysis (findings, contexts, the context map, coverage and its evidence), so it is
//! split off the page's module into a chunk of its own, fetched with the first report (or
//! while the browser idles once the board is drawn); the board is drawn and usable without it.

use stormwall_model::analysis::Reply;
use wasm_split_helpers::SplitLoaderError;

/// The report in `text` (the worker's JSON), or why it could not be read.
#[wasm_split_helpers::wasm_split(analysis_reader, fallible, preload(preload))]
pub(crate) fn read_split(text: String) -> Result<Reply, SplitLoaderError> {
    Ok(serde_json::from_str::<Reply>(&text).unwrap_or_else(|e| {
        Err(format!(
            "the analysis answered in a form the board does not read: {e}"
        ))
    }))
}

/// The report in `text`, and how long the page took to read it (ms), not counting the fetch of
/// the reader's chunk; `Err` says why there is none, in words.
pub async fn read(text: String) -> (Reply, f64) {
    if let Err(e) = preload().await {
        return (Err(unfetched(e)), 0.0);
    }
    let started = js_sys::Date::now();
    let reply = read_split(text).await.unwrap_or_else(|e| Err(unfetched(e)));
    (reply, js_sys::Date::now() - started)
}

fn unfetched(e: SplitLoaderError) -> String {
    format!(
        "the part of the page that reads the analysis could not be fetched ({e}); reload the page"
    )
}
