//! The mark on a private sticky (silent writing): "only you see this", until the facilitator
//! reveals all.

use leptos::prelude::*;

use super::drafts::Drafts;

/// Shows on sticky `id` while it is one of this page's private stickies.
#[component]
pub fn PrivateMarker(id: String) -> impl IntoView {
    let drafts = use_context::<Drafts>();
    move || {
        drafts.is_some_and(|d| d.ids.with(|s| s.contains(&id))).then(|| {
            view! {
                <span class="private-marker" title="Silent writing: only you see this sticky until the facilitator reveals all">
                    "🔒 Only you see this"
                </span>
            }
        })
    }
}
