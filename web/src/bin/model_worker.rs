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

/// A request as the page sends it: UTF-8 bytes (or text).
fn text_of(data: JsValue) -> String {
    match data.as_string() {
        Some(text) => text,
        None => String::from_utf8_lossy(&js_sys::Uint8Array::new(&data).to_vec()).into_owned(),
    }
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
