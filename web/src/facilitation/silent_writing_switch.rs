//! The facilitator's silent-writing control in the top bar: **Silent writing** turns it on
//! (new stickies stay private to their authors); **Reveal all** merges everyone's private
//! stickies into the board and turns it off. The server checks the facilitator's key.

use leptos::prelude::*;
use stormwall_model::access::{AccessNotice, Role};

use super::drafts::Drafts;
use crate::shell::api;

async fn switch(board: &str, key: &str, on: bool) -> Result<serde_json::Value, String> {
    let base = format!("/api/boards/{board}/silent-writing");
    if on {
        let body = serde_json::json!({ "on": true }).to_string();
        api::fetch("PUT", &base, Some(body), Some(key)).await
    } else {
        api::fetch("POST", &format!("{base}/reveal"), None, Some(key)).await
    }
}

/// The switch, shown to facilitators only.
#[component]
pub fn SilentWritingSwitch(
    board: StoredValue<String>,
    key: StoredValue<String>,
    access: RwSignal<Option<AccessNotice>>,
) -> impl IntoView {
    let drafts = use_context::<Drafts>();
    let on = move || drafts.is_some_and(|d| d.on.get() == Some(true));
    let facilitator =
        move || access.with(|a| a.as_ref().is_some_and(|a| a.role == Role::Facilitator));
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let toggle = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let want = !on();
        leptos::task::spawn_local(async move {
            let done = switch(&board.get_value(), &key.get_value(), want).await;
            error.set(done.err());
            busy.set(false);
        });
    };
    move || {
        facilitator().then(|| {
            view! {
                <button
                    class="topbar-button silent-writing-toggle"
                    class:on=on
                    disabled=move || busy.get()
                    title=move || error.get().unwrap_or_else(|| if on() {
                        "Reveal everyone's private stickies to all, and end silent writing".into()
                    } else {
                        "Silent writing: new stickies stay private to their authors until you reveal all".into()
                    })
                    on:click=toggle
                >
                    {move || if on() { "Reveal all" } else { "Silent writing" }}
                </button>
            }
        })
    }
}
