//! The board's access as the page shows it: the link's role and the lock in the top bar, a note
//! explaining why a page that may not edit changes nothing, and the page shown when the link no
//! longer opens the board.

use leptos::prelude::*;
use stormwall_model::access::{AccessNotice, Role};

use super::role_name;

/// Role and lock, in the top bar.
#[component]
pub fn AccessBadge(access: RwSignal<Option<AccessNotice>>) -> impl IntoView {
    view! {
        {move || access.get().map(|a| view! {
            <span class="role-chip" id="my-role" data-role=a.role.as_str() title=super::describe(a.role)>
                {role_name(a.role)}
            </span>
            {a.locked.then(|| view! {
                <span class="lock-chip" id="lock-state" title="Only facilitators edit until the board is unlocked">"🔒 Locked"</span>
            })}
        })}
    }
}

/// Why nothing this page does changes the board, when it may not edit.
#[component]
pub fn ReadOnlyNote(access: RwSignal<Option<AccessNotice>>) -> impl IntoView {
    view! {
        {move || access.get().filter(|a| !a.can_edit).map(|a| {
            let text = if a.role == Role::Viewer {
                "View only: this link lets you watch the board live, so typing and moving things do nothing. Ask the facilitator for a participant link to edit."
            } else {
                "The facilitator locked the board: it is read-only until they unlock it."
            };
            view! { <div class="readonly-note" role="status">{text}</div> }
        })}
    }
}

/// Instead of the board, when the link does not (or no longer) open it.
#[component]
pub fn LinkGone(reason: Signal<String>) -> impl IntoView {
    view! {
        <div class="link-gone" role="alert">
            <h2>"This link no longer opens the board"</h2>
            <p>{move || reason.get()}</p>
            <p>"Ask the facilitator for a new one."</p>
            <a href="/">"Back to your boards"</a>
        </div>
    }
}
