//! The model worker: does the board's heavy model work away from the board's page — the live
//! analysis, reading imported files, writing the JSON and CML exports
//! ([`stormwall_model::model_worker`]) — so analysing a big board never takes a frame from
//! typing, panning or opening it, the page's own module stays small, and a fault in this work
//! never takes the board down with it. It says [`READY`] once it listens (the page holds its
//! requests until then), then answers each request (bytes) with text, keeping the analysis's
//! copy of the board from one request to the next ([`ModelWorker`]).
//! The page's side is `shell::model_worker` (one-off jobs) and `analysis::worker` in the board.

use stormwall_model::model_worker::{ModelWorker, READY};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// A request as the page sends it: bytes (or a text, taken as UTF-8).
fn bytes_of(data: JsValue) -> Vec<u8> {
    if let Some(text) = data.as_string() {
        return text.into_bytes();
    }
    match data.dyn_into::<js_sys::Uint8Array>() {
        Ok(array) => array.to_vec(),
        Err(other) => js_sys::Uint8Array::new(&other).to_vec(),
    }
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let mut worker = ModelWorker::default();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let request = bytes_of(e.data());
        if replies
            .post_message(&JsValue::from_str(&worker.answer(&request)))
            .is_err()
        {
            web_sys::console::error_1(&"the model worker could not send its answer".into());
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    if scope.post_message(&JsValue::from_str(READY)).is_err() {
        web_sys::console::error_1(&"the model worker could not report ready".into());
    }
}
