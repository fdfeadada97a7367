//! One notice at a time over the board: something happened that the user should know, with
//! an optional action (Undo, Restore). A notice may *hold the keyboard*: when a sticky
//! someone is typing in is deleted by someone else, the keys that follow were meant for that
//! text, so they go nowhere instead of becoming board shortcuts (1 adding stickies, Backspace
//! deleting the selection) until the user presses Escape, clicks, or closes the notice.

use std::sync::Arc;

use leptos::prelude::*;

/// What a notice's button does.
pub type Action = Arc<dyn Fn() + Send + Sync>;

/// A notice.
#[derive(Clone)]
pub struct Notice {
    /// What happened.
    pub text: String,
    /// A button beside it: its label and what it does (the notice closes first). A plain
    /// closure, not a reactive callback: notices outlive the component that raised them (a
    /// deleted sticky, a deleted frame).
    pub action: Option<(&'static str, Action)>,
    /// Whether keys go nowhere while it shows.
    pub holds_keys: bool,
}

/// The board's notice (one per board page, in [`crate::shell::state::BoardCtx`]).
#[derive(Clone, Copy)]
pub struct Notices(RwSignal<Option<Notice>>);

impl Default for Notices {
    fn default() -> Notices {
        Notices(RwSignal::new(None))
    }
}

impl Notices {
    /// Shows `notice` in place of any other.
    pub fn show(self, notice: Notice) {
        self.0.set(Some(notice));
    }

    /// Closes the notice.
    pub fn close(self) {
        if self.0.with_untracked(Option::is_some) {
            self.0.set(None);
        }
    }

    /// Whether the notice shown holds the keyboard.
    pub fn holds_keys(self) -> bool {
        self.0
            .with_untracked(|n| n.as_ref().is_some_and(|n| n.holds_keys))
    }

    /// Lets go of the keyboard (the notice stays, unless it was only there for that).
    pub fn release_keys(self) {
        if self.holds_keys() {
            self.0.update(|n| {
                if let Some(n) = n {
                    n.holds_keys = false;
                }
            });
        }
    }
}

/// The notice, at the top of the canvas.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let notices = crate::shell::state::BoardCtx::get().notices;
    move || {
        notices.0.get().map(|n| {
            let action = n.action.map(|(label, run)| {
                view! {
                    <button class="notice-action" on:click=move |_| { notices.close(); run(); }>{label}</button>
                }
            });
            view! {
                <div class="notice" class:holding=n.holds_keys role="alert">
                    <span class="notice-text">{n.text}</span>
                    {action}
                    <button class="dismiss" title="Close" on:click=move |_| notices.close()>"×"</button>
                </div>
            }
        })
    }
}
