//! Work the page does when the browser has nothing else to do.

use leptos::prelude::window;
use wasm_bindgen::JsCast;

/// Runs `f` when the browser is idle, or after `timeout_ms` at the latest (a busy page would
/// otherwise postpone it without end).
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) {
    when_quiet(0.0, timeout_ms, f);
}

/// Runs `f` once the browser is idle for at least `quiet_ms` in one stretch (it has no frame to
/// draw and no task waiting: a big board's first picture is done), or after `timeout_ms` at
/// the latest (a page that keeps drawing, others typing, would never be that quiet). For work
/// that keeps a second core busy a while, such as a worker taking in a whole board.
pub fn when_quiet(quiet_ms: f64, timeout_ms: u32, f: impl FnOnce() + 'static) {
    let until = js_sys::Date::now() + f64::from(timeout_ms);
    ask_quiet(quiet_ms, until, Box::new(f));
}

fn ask_quiet(quiet_ms: f64, until: f64, f: Box<dyn FnOnce()>) {
    let options = web_sys::IdleRequestOptions::new();
    // At least 1 ms: a timeout of 0 would mean none.
    options.set_timeout((until - js_sys::Date::now()).max(1.0) as u32);
    let callback =
        wasm_bindgen::closure::Closure::once_into_js(move |deadline: web_sys::IdleDeadline| {
            if deadline.time_remaining() >= quiet_ms
                || deadline.did_timeout()
                || js_sys::Date::now() >= until
            {
                f();
            } else {
                ask_quiet(quiet_ms, until, f);
            }
        });
    if window()
        .request_idle_callback_with_options(callback.unchecked_ref(), &options)
        .is_err()
    {
        web_sys::console::warn_1(&"idle work could not be scheduled".into());
    }
}
