//! The "Examples" section of the start page: opens a new board holding a reference model (the
//! food-delivery case, revised), written into the board's document through the live sync
//! client, so it is an ordinary board everyone can edit.

use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::reference;

use crate::files::browser_files::sleep;
use crate::presence::identity;
use crate::sharing;
use crate::sharing::sync::{Status, SyncClient};
use crate::shell::api;

/// Creates the example board and fills it; returns its id.
async fn open_food_delivery() -> Result<String, String> {
    let board = reference::food_delivery_revised();
    let info = api::create_board(&board.name).await?;
    sharing::remember_created(&info.id, &info.name, &info.links);
    let key = info
        .links
        .get("facilitator")
        .and_then(|l| sharing::key_of(l))
        .unwrap_or_default();
    let user = identity::remembered().unwrap_or_else(identity::guest);
    let client = SyncClient::connect(info.id.clone(), key, user);
    let mut waited = 0;
    while !client.is_synced() {
        if waited > 10_000 {
            return Err("the server did not answer".into());
        }
        sleep(50).await;
        waited += 50;
    }
    client.edit(|r, txn| stormwall_model::doc::replace_board(r, txn, &board));
    while client.status.get_untracked() != Status::Saved {
        if waited > 20_000 {
            return Err("the example could not be saved".into());
        }
        sleep(50).await;
        waited += 50;
    }
    client.close();
    Ok(info.id)
}

/// The example boards offered on the start page.
#[component]
pub fn Examples() -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let open = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match open_food_delivery().await {
                Ok(id) => {
                    let _ = window().location().set_href(&format!("/b/{id}"));
                }
                Err(e) => {
                    error.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <section class="examples-section">
            <h2>"Examples"</h2>
            <button class="example-card" id="example-food-delivery" disabled=move || busy.get() on:click=open>
                <span class="example-title">"음식 배달 · Food delivery"</span>
                <span class="example-text">"The reference model of the workshop: ordering, payment, store and customer-notification contexts, their context map, and full coverage of the food-delivery requirements."</span>
                <span class="example-action">{move || if busy.get() { "Opening…" } else { "Open a copy →" }}</span>
            </button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">"Cannot open the example: " {e}</p> })}
        </section>
    }
}
