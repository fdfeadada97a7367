//! Listeners on the window in the capture phase, which see an event before anything on the
//! page does, removed when the component that added them goes.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::convert::FromWasmAbi;
use wasm_bindgen::JsCast;

/// Calls `f` with every `event` on the window, first of all listeners, until the calling
/// component is cleaned up.
pub fn on_window_capture<E>(event: &'static str, f: impl Fn(E) + 'static)
where
    E: FromWasmAbi + 'static,
{
    let listener = Closure::<dyn Fn(E)>::new(f);
    let _ = window().add_event_listener_with_callback_and_bool(
        event,
        listener.as_ref().unchecked_ref(),
        true,
    );
    let listener = StoredValue::new_local(listener);
    on_cleanup(move || {
        listener.try_with_value(|f| {
            let _ = window().remove_event_listener_with_callback_and_bool(
                event,
                f.as_ref().unchecked_ref(),
                true,
            );
        });
    });
}
