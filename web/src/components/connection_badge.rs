//! The badge in the top bar that says whether the board is connected and saved.

use leptos::prelude::*;

use crate::sync::Status;

/// Shows connecting / saving… / saved / offline.
#[component]
pub fn ConnectionBadge(
    status: RwSignal<Status>,
    reason: RwSignal<Option<String>>,
) -> impl IntoView {
    let label = move || match status.get() {
        Status::Connecting => "connecting…",
        Status::Saved => "saved",
        Status::Saving => "saving…",
        Status::Offline => "offline — edits kept",
        Status::Refused => "unavailable",
        Status::NotSaved => "not saved — server cannot store changes",
    };
    let class = move || match status.get() {
        Status::Saved => "badge ok",
        Status::Saving | Status::Connecting => "badge busy",
        Status::Offline | Status::Refused | Status::NotSaved => "badge bad",
    };
    view! {
        <span class=class id="connection" title=move || reason.get().unwrap_or_default()>{label}</span>
    }
}
