//! The small dialog that asks a participant's name and colour once (remembered in this browser)
//! so the others see who is who. It takes the focus when it opens.

use leptos::prelude::*;

use crate::presence::awareness::User;
use crate::presence::identity::{self, COLORS};

/// Asks for a name and colour; `on_done` receives them.
#[component]
pub fn NameDialog(initial: User, on_done: Callback<User>) -> impl IntoView {
    let name = RwSignal::new(initial.name.clone());
    let color = RwSignal::new(initial.color.clone());
    // The dialog takes the keyboard when it opens: what the user types is their name, never a
    // board shortcut.
    let field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = field.get() {
            let _ = input.focus();
            input.select();
        }
    });
    let submit = move || {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            return;
        }
        let user = User {
            name: n,
            color: color.get_untracked(),
        };
        identity::remember(&user);
        on_done.run(user);
    };
    view! {
        <form
            class="name-dialog"
            role="dialog"
            aria-label="Your name on this board"
            on:submit=move |ev| { ev.prevent_default(); submit(); }
        >
            <label for="my-name">"Your name, so others see who is who"</label>
            <div class="name-row">
                <input
                    node_ref=field
                    id="my-name"
                    autocomplete="nickname"
                    maxlength="40"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <button id="join-board" type="submit" disabled=move || name.with(|n| n.trim().is_empty())>"Join"</button>
            </div>
            <div class="colors" role="radiogroup" aria-label="Your colour">
                {COLORS.into_iter().map(|c| view! {
                    <button
                        type="button"
                        class="color-choice"
                        class:chosen=move || color.with(|x| x == c)
                        style=format!("background:{c}")
                        title=c
                        on:click=move |_| color.set(c.to_string())
                    ></button>
                }).collect_view()}
            </div>
        </form>
    }
}
