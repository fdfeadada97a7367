//! The start page: a form to create a board, the examples, and the boards this browser opened
//! (with its role on each), most recent first. The name field has the focus when the page
//! opens and says what is wrong with a name before anything is sent. The server lists no boards: a board is reached
//! through one of its share links.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::sharing::{self, role_name};
use crate::shell::api;
use crate::start::examples::Examples;

/// Lists this browser's boards and creates new ones.
/// The start page, from its own chunk (`shell::lazy_panel`).
#[wasm_split_helpers::wasm_split(start_page, fallible, preload(preload))]
pub fn split() -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(view! { <BoardList /> }.into_any())
}

#[component]
pub fn BoardList() -> impl IntoView {
    let boards = sharing::all();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = field.get() {
            let _ = el.focus();
        }
    });
    // Shown once the user tried to create the board or typed something too long.
    let tried = RwSignal::new(false);
    let problem = move || {
        name_problem(&name.get())
            .filter(|_| tried.get() || name.with(|n| n.chars().count() > MAX_NAME))
    };

    let create = move || {
        if busy.get_untracked() {
            return;
        }
        tried.set(true);
        if name_problem(&name.get_untracked()).is_some() {
            if let Some(el) = field.get_untracked() {
                let _ = el.focus();
            }
            return;
        }
        busy.set(true);
        let n = name.get_untracked();
        spawn_local(async move {
            match api::create_board(&n).await {
                Ok(b) => {
                    sharing::remember_created(&b.id, &b.name, &b.links);
                    let _ = web_sys::window()
                        .expect("window")
                        .location()
                        .set_href(&format!("/b/{}", b.id));
                }
                Err(e) => {
                    error.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };

    view! {
        <div class="home">
            <header class="home-header">
                <h1><span class="logo">"⚡"</span>" Stormwall"</h1>
                <p class="tagline">"Event Storming boards your whole team edits live."</p>
            </header>
            <form class="new-board" on:submit=move |ev| { ev.prevent_default(); create(); }>
                <label class="visually-hidden" for="new-board-name">"Name of the new board"</label>
                <input
                    node_ref=field
                    id="new-board-name"
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby="new-board-problem"
                    placeholder="Name of the new board, e.g. Food delivery"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <button id="create-board" type="submit" disabled=move || busy.get()>"New board"</button>
            </form>
            <p id="new-board-problem" class="field-problem" aria-live="polite">{problem}</p>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <Examples />
            <section class="boards">
                <h2>"Your boards"</h2>
                {if boards.is_empty() {
                    view! {
                        <p class="empty">"No boards on this browser yet. Name one above and press New board to start your first Event Storming session, or open a board's link someone shared with you."</p>
                    }.into_any()
                } else {
                    view! {
                        <ul class="board-list">
                            {boards.into_iter().map(|b| {
                                let role = b.best_role();
                                view! {
                                    <li>
                                        <a class="board-link" href=format!("/b/{}", b.id)>{b.name.clone()}</a>
                                        <span class="role-chip" data-role=role.as_str()>{role_name(role)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <p class="hint">"Only boards opened on this browser are listed. Lost a link? Ask the board's facilitator."</p>
            </section>
        </div>
    }
}

/// The longest board name the server takes.
const MAX_NAME: usize = 200;

/// What is wrong with a new board's name, if anything.
pub fn name_problem(name: &str) -> Option<String> {
    let n = name.trim().chars().count();
    if n == 0 {
        Some("Give the board a name first, e.g. Food delivery.".into())
    } else if n > MAX_NAME {
        Some(format!(
            "That name is {n} characters long; keep it to {MAX_NAME}."
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::name_problem;

    #[test]
    fn names_must_be_given_and_not_too_long() {
        assert!(name_problem("   ").is_some());
        assert!(name_problem("음식 배달").is_none());
        assert!(name_problem(&"가".repeat(200)).is_none());
        assert!(name_problem(&"가".repeat(201)).is_some());
    }
}
