//! The start page: every board, newest first, and a form to create one.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::shell::api::{self, BoardInfo};
use crate::start::examples::Examples;

/// Lists boards and creates new ones.
#[component]
pub fn BoardList() -> impl IntoView {
    let boards = RwSignal::new(None::<Result<Vec<BoardInfo>, String>>);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    spawn_local(async move { boards.set(Some(api::list_boards().await)) });

    let create = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let n = name.get_untracked();
        spawn_local(async move {
            match api::create_board(&n).await {
                Ok(b) => {
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
                <input
                    id="new-board-name"
                    placeholder="Name of the new board, e.g. Food delivery"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <button id="create-board" type="submit" disabled=move || busy.get()>"New board"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <Examples />
            <section class="boards">
                <h2>"Boards"</h2>
                {move || match boards.get() {
                    None => view! { <p class="empty">"Loading boards…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="error" role="alert">"Cannot load boards: " {e}</p> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! {
                        <p class="empty">"No boards yet. Name one above and press New board to start your first Event Storming session."</p>
                    }.into_any(),
                    Some(Ok(list)) => view! {
                        <ul class="board-list">
                            {list.into_iter().map(|b| view! {
                                <li><a class="board-link" href=format!("/b/{}", b.id)>{b.name}</a></li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </section>
        </div>
    }
}
