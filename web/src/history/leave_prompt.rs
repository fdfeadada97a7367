//! The browser's "leave this page?" prompt while this page holds edits the server has not
//! confirmed (offline, or still saving). The edits are also kept in this browser
//! ([`crate::history::offline_copy`]), so leaving anyway loses nothing on this device; the
//! prompt says that the others do not have them yet.

use leptos::prelude::*;

use crate::shell::state::Live;

/// Asks before the page is left (closed, reloaded, navigated away) with unconfirmed edits.
pub fn install(live: Live) {
    let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if live.with_value(|c| c.has_unsaved_edits()) {
            ev.prevent_default();
            ev.set_return_value("Your latest changes have not reached the server yet.");
        }
    });
    on_cleanup(move || handle.remove());
}
