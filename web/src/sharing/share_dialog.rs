//! The Share dialog. A facilitator sees the board's three links (as many as this browser was
//! handed; the server keeps only their hashes) with copy buttons, makes a new link for any role
//! (the old one stops working and whoever has it open is disconnected), locks and unlocks the
//! board, renames it, and deletes it after a confirmation. Participants and viewers see their
//! own link.

use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::access::{AccessNotice, Role};

use super::{absolute, describe, role_name};
use crate::shell::api;
use crate::shell::ask::confirm;

fn copy(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}

/// The Share dialog of board `id`, opened with `key`.
/// The share dialog, from its own chunk (`shell::lazy_panel`).
#[wasm_split_helpers::wasm_split(share_dialog, fallible, preload(preload))]
pub fn split(
    id: String,
    key: String,
    name: RwSignal<String>,
    access: RwSignal<Option<AccessNotice>>,
    open: RwSignal<bool>,
) -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(view! { <ShareDialog id=id key=key name=name access=access open=open /> }.into_any())
}

#[component]
pub fn ShareDialog(
    id: String,
    key: String,
    name: RwSignal<String>,
    access: RwSignal<Option<AccessNotice>>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let links = RwSignal::new(super::get(&id).map(|b| b.links).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let copied = RwSignal::new(None::<Role>);
    let facilitator = move || access.get().is_some_and(|a| a.role == Role::Facilitator);
    let mine = move || access.get().map(|a| a.role);
    let (id, key) = (StoredValue::new(id), StoredValue::new(key));

    let rotate = move |role: Role| {
        let question = format!(
            "Make a new {} link? The current one stops working at once, and whoever has it open is disconnected.",
            role_name(role).to_lowercase()
        );
        if !confirm(&question) {
            return;
        }
        spawn_local(async move {
            match api::rotate_link(&id.get_value(), &key.get_value(), role).await {
                Ok(r) => {
                    super::rotated(&id.get_value(), r.role, &r.url);
                    links.update(|l| {
                        l.insert(r.role.as_str().into(), r.url.clone());
                    });
                    // This page's own link was replaced: reopen the board with the new one.
                    if Some(r.role) == access.get_untracked().map(|a| a.role) {
                        let _ = window().location().set_href(&r.url);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let toggle_lock = move |_| {
        let locked = access.get_untracked().is_some_and(|a| a.locked);
        spawn_local(async move {
            let change = serde_json::json!({ "locked": !locked });
            match api::change_board(&id.get_value(), &key.get_value(), change).await {
                Ok(b) => access.set(Some(AccessNotice::new(b.role, b.locked))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let new_name = RwSignal::new(name.get_untracked());
    let rename = move || {
        let n = new_name.get_untracked();
        spawn_local(async move {
            let change = serde_json::json!({ "name": n });
            match api::change_board(&id.get_value(), &key.get_value(), change).await {
                Ok(b) => name.set(b.name),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let delete = move |_| {
        let question = format!(
            "Delete “{}” for everyone? Its stickies are removed from the server and every open page is closed. This cannot be undone.",
            name.get_untracked()
        );
        if !confirm(&question) {
            return;
        }
        spawn_local(async move {
            match api::delete_board(&id.get_value(), &key.get_value()).await {
                Ok(()) => {
                    super::forget(&id.get_value());
                    let _ = window().location().set_href("/");
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let row = move |role: Role| {
        let link = move || links.with(|l| l.get(role.as_str()).cloned());
        view! {
            <li class="share-row" data-role=role.as_str()>
                <div class="share-role">
                    <strong>{role_name(role)}</strong>
                    <span class="share-what">{describe(role)}</span>
                </div>
                {move || match link() {
                    Some(l) => {
                        let full = absolute(&l);
                        let shown = full.clone();
                        view! {
                            <input class="share-link" readonly aria-label=format!("{} link", role_name(role)) prop:value=shown on:focus=move |ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    i.select();
                                }
                            } />
                            <button type="button" class="copy-link" on:click=move |_| { copy(&full); copied.set(Some(role)); }>
                                {move || if copied.get() == Some(role) { "Copied" } else { "Copy" }}
                            </button>
                        }.into_any()
                    }
                    None => view! {
                        <span class="share-missing">"Not kept on this browser — make a new link to share it."</span>
                    }.into_any(),
                }}
                {move || facilitator().then(|| view! {
                    <button type="button" class="rotate-link" title="Make a new link; the current one stops working" on:click=move |_| rotate(role)>
                        {move || if link().is_some() { "New link" } else { "Make link" }}
                    </button>
                })}
            </li>
        }
    };

    view! {
        <div class="share-dialog" role="dialog" aria-label="Share this board">
            <header class="share-header">
                <h2>"Share this board"</h2>
                <button type="button" class="dismiss" title="Close" on:click=move |_| open.set(false)>"×"</button>
            </header>
            {move || if facilitator() {
                view! {
                    <p class="share-intro">"Anyone with a link has its role. Send each person the link they need."</p>
                    <ul class="share-links">{Role::ALL.into_iter().rev().map(row).collect_view()}</ul>
                    <div class="share-actions">
                        <button type="button" id="lock-board" class="topbar-button" on:click=toggle_lock>
                            {move || if access.get().is_some_and(|a| a.locked) { "Unlock board" } else { "Lock board (only facilitators edit)" }}
                        </button>
                        <form class="rename" on:submit=move |ev| { ev.prevent_default(); rename(); }>
                            <input id="board-rename" aria-label="New name of the board" maxlength="200" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
                            <button type="submit" class="topbar-button">"Rename"</button>
                        </form>
                        <button type="button" id="delete-board" class="danger" on:click=delete>"Delete board…"</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p class="share-intro">"Only the facilitator shares other links, locks or deletes the board. Your link:"</p>
                    <ul class="share-links">{move || mine().map(row)}</ul>
                }.into_any()
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
