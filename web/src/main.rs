//! Stormwall's board: a Leptos app (client-side rendered, built by Trunk) that edits a board's
//! Yjs document live with everyone else on the same board.

mod api;
mod clipboard;
mod components;
mod culling;
mod files;
mod geometry;
mod history;
mod identity;
mod ids;
mod image;
mod legend;
mod pinch;
mod prefs;
mod presence;
mod routing;
mod sharing;
mod shortcuts;
mod snap;
mod state;
mod sync;
mod touched;

fn main() {
    console_error_panic_hook_install();
    leptos::mount::mount_to_body(components::app::App);
}

/// Reports Rust panics in the browser console instead of an opaque "unreachable".
fn console_error_panic_hook_install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Stormwall crashed: {info}").into());
    }));
}
