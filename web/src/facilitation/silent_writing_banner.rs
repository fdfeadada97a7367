//! The banner everyone sees while silent writing is on: what it means for them.

use leptos::prelude::*;

use super::drafts::Drafts;

/// "Silent writing" and what it means for this page, while it is on.
#[component]
pub fn SilentWritingBanner(writes: Signal<bool>) -> impl IntoView {
    let drafts = use_context::<Drafts>();
    let on = move || drafts.is_some_and(|d| d.on.get() == Some(true));
    move || {
        on().then(|| {
            let text = if writes.get() {
                "Silent writing — your new stickies are private until the facilitator reveals all."
            } else {
                "Silent writing — participants are writing privately until the facilitator reveals all."
            };
            view! { <div class="silent-banner" role="status">{text}</div> }
        })
    }
}
