//! Stormwall's board: a Leptos app (client-side rendered, built by Trunk) that edits a board's
//! Yjs document live with everyone else on the same board.

mod analysis;
mod canvas;
mod contexts;
mod facilitation;
mod files;
mod history;
mod legend;
mod presence;
mod requirements;
mod sharing;
mod shell;
mod start;
mod stickies;
mod timeline;

fn main() {
    console_error_panic_hook_install();
    leptos::mount::mount_to_body(shell::app::App);
}

/// Reports Rust panics in the browser console instead of an opaque "unreachable".
fn console_error_panic_hook_install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Stormwall crashed: {info}").into());
    }));
}
