//! The analysis worker: runs the board's analysis ([`stormwall_model::analysis::answer`]) away
//! from the board's page, so analysing a big board never takes a frame from typing, panning or
//! opening it, and a fault in the analysis never takes the board down with it. It says
//! [`READY`] once it listens (the page holds boards until then), then answers each board it receives (JSON) with a report (JSON).
//! The page's side is `analysis::worker` in the board.

use stormwall_model::analysis::READY;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let board = e.data().as_string().unwrap_or_default();
        let answer = stormwall_model::analysis::answer(&board);
        if replies.post_message(&JsValue::from_str(&answer)).is_err() {
            web_sys::console::error_1(&"the analysis could not be sent back".into());
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    if scope.post_message(&JsValue::from_str(READY)).is_err() {
        web_sys::console::error_1(&"the analysis worker could not report ready".into());
    }
}
