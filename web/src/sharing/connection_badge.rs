//! The badge in the top bar that says whether the board is connected and saved. While someone
//! types, every keystroke is saved within moments; the badge says "saving…" from the first
//! unconfirmed edit and "saved" once everything has stayed confirmed for [`SETTLE_MS`], so it
//! neither flickers with each key nor ever says "saved" early.

use std::time::Duration;

use leptos::prelude::*;

use crate::sharing::sync::Status;

/// How long everything stays confirmed before the badge says "saved" again after saving.
const SETTLE_MS: u64 = 600;

/// Shows connecting / saving… / saved / offline.
#[component]
pub fn ConnectionBadge(
    status: RwSignal<Status>,
    reason: RwSignal<Option<String>>,
) -> impl IntoView {
    let shown = RwSignal::new(status.get_untracked());
    // Counts changes of status, so a pending "saved" is dropped when another change came.
    let changes = StoredValue::new(0u32);
    Effect::new(move |_| {
        let now = status.get();
        changes.update_value(|n| *n = n.wrapping_add(1));
        if now == Status::Saved && shown.get_untracked() == Status::Saving {
            let change = changes.get_value();
            set_timeout(
                move || {
                    if changes.try_get_value() == Some(change) {
                        shown.try_set(Status::Saved);
                    }
                },
                Duration::from_millis(SETTLE_MS),
            );
        } else if shown.get_untracked() != now {
            shown.set(now);
        }
    });
    let label = move || match shown.get() {
        Status::Connecting => "connecting…",
        Status::Saved => "saved",
        Status::Saving => "saving…",
        Status::Offline => "offline — edits kept",
        Status::Refused => "unavailable",
        Status::NotSaved => "not saved — server cannot store changes",
    };
    let class = move || match shown.get() {
        Status::Saved => "badge ok",
        Status::Saving | Status::Connecting => "badge busy",
        Status::Offline | Status::Refused | Status::NotSaved => "badge bad",
    };
    view! {
        <span class=class id="connection" title=move || reason.get().unwrap_or_default()>{label}</span>
    }
}
