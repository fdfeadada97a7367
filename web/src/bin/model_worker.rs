//! The model worker: does the board's heavy model work away from the board's page — the live
//! analysis, reading imported files, writing the JSON and CML exports
//! ([`stormwall_model::model_worker`]) — so analysing a big board never takes a frame from
//! typing, panning or opening it, the page's own module stays small, and a fault in this work
//! never takes the board down with it. It says [`READY`] once it listens (the page holds its
//! requests until then), then answers each request (UTF-8 bytes) with JSON text.
//! The page's side is `shell::model_worker` (one-off jobs) and `analysis::worker` in the board.

use stormwall_model::model_worker::{answer, READY};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// A request as the page sends it: UTF-8 bytes (or text). Bytes that are not UTF-8 are read
/// with replacement characters, and the job then says what it could not read.
fn text_of(data: JsValue) -> String {
    if let Some(text) = data.as_string() {
        return text;
    }
    let bytes = match data.dyn_into::<js_sys::Uint8Array>() {
        Ok(array) => array.to_vec(),
        Err(other) => js_sys::Uint8Array::new(&other).to_vec(),
    };
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let request = text_of(e.data());
        if replies
            .post_message(&JsValue::from_str(&answer(&request)))
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
