// Starts the board's model worker (src/bin/model_worker.rs). A failure to fetch, compile or
// start its WebAssembly is thrown where the page sees it (the worker's error event), rather
// than left as a rejected promise only the worker would know of.
importScripts('./model_worker.js');
wasm_bindgen({ module_or_path: './model_worker_bg.wasm' }).catch((e) => setTimeout(() => { throw e; }));
