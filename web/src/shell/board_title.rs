//! The board's name in the top bar. A facilitator renames the board right there: click the
//! name (or focus it and press Enter), type, Enter saves for everyone, Escape keeps the old
//! name. Everyone else sees the name only.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::access::Role;

use crate::shell::api;

/// The longest board name the server takes.
const MAX_NAME: usize = 200;

/// The name of board `id`, renamable with `key` when `role` is the facilitator's; problems
/// go to `error`.
#[component]
pub fn BoardTitle(
    id: String,
    key: String,
    role: Role,
    name: RwSignal<String>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    if role != Role::Facilitator {
        return view! { <h1 class="board-name">{move || name.get()}</h1> }.into_any();
    }
    let (id, key) = (StoredValue::new(id), StoredValue::new(key));
    let typing = RwSignal::new(None::<String>);
    // Only opening and closing the field re-renders it, not each key typed into it.
    let open = Memo::new(move |_| typing.with(Option::is_some));
    let field = NodeRef::<Input>::new();
    Effect::new(move |_| {
        if let Some(el) = field.get() {
            let _ = el.focus();
            el.select();
        }
    });
    let save = move || {
        let Some(typed) = typing.get_untracked() else {
            return;
        };
        typing.set(None);
        let typed = typed.trim().to_string();
        if typed.is_empty() || typed == name.get_untracked() {
            return;
        }
        spawn_local(async move {
            let change = serde_json::json!({ "name": typed });
            match api::change_board(&id.get_value(), &key.get_value(), change).await {
                Ok(b) => {
                    crate::sharing::opened(&b.id, &b.name, b.role, &key.get_value());
                    name.set(b.name);
                }
                Err(e) => error.set(Some(format!("The board was not renamed: {e}"))),
            }
        });
    };
    let keys = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" if !ev.is_composing() => {
            ev.prevent_default();
            save();
        }
        "Escape" => typing.set(None),
        _ => {}
    };
    view! {
        <h1 class="board-name">
            {move || if open.get() {
                view! {
                    <input node_ref=field class="board-name-input" aria-label="Board name" maxlength=MAX_NAME.to_string()
                        prop:value=typing.get_untracked().unwrap_or_default() on:input=move |ev| typing.set(Some(event_target_value(&ev)))
                        on:keydown=keys on:blur=move |_| save() />
                }.into_any()
            } else {
                view! {
                    <button class="board-name-button" title="Rename the board for everyone"
                        on:click=move |_| typing.set(Some(name.get_untracked()))>{move || name.get()}</button>
                }.into_any()
            }}
        </h1>
    }
    .into_any()
}
