// Starts the board's analysis worker (src/bin/analysis_worker.rs). A failure to fetch, compile
// or start its WebAssembly is thrown where the page sees it (the worker's error event), rather
// than left as a rejected promise only the worker would know of.
importScripts('./analysis_worker.js');
wasm_bindgen({ module_or_path: './analysis_worker_bg.wasm' }).catch((e) => setTimeout(() => { throw e; }));
