//! Work the page does when the browser has nothing else to do.

use leptos::prelude::window;
use wasm_bindgen::JsCast;

/// Runs `f` when the browser is idle, or after `timeout_ms` at the latest (a busy page would
/// otherwise postpone it without end).
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) {
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(timeout_ms);
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    if window()
        .request_idle_callback_with_options(f.unchecked_ref(), &options)
        .is_err()
    {
        web_sys::console::warn_1(&"idle work could not be scheduled".into());
    }
}
