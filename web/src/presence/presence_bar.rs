//! Who is here, in the top bar: a round badge with initials per participant in their colour,
//! this page's own first (click it to change name or colour).

use leptos::prelude::*;

use crate::presence::awareness::User;
use crate::shell::state::BoardCtx;

fn initials(name: &str) -> String {
    let mut words = name
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic));
    let first = words.next().and_then(|w| w.chars().next());
    let second = words.next().and_then(|w| w.chars().next());
    first
        .into_iter()
        .chain(second)
        .flat_map(char::to_uppercase)
        .collect()
}

fn avatar(user: User, me: bool) -> impl IntoView {
    view! {
        <span
            class="avatar"
            class:me=me
            data-name=user.name.clone()
            title=if me { format!("{} (you)", user.name) } else { user.name.clone() }
            style=format!("background:{}", user.color)
        >{initials(&user.name)}</span>
    }
}

/// The participants list; `on_me` opens the name dialog.
#[component]
pub fn PresenceBar(me: RwSignal<User>, on_me: Callback<()>) -> impl IntoView {
    let ctx = BoardCtx::get();
    view! {
        <div class="presence" aria-label="Who is here">
            <button class="me-button" title="Change your name or colour" on:click=move |_| on_me.run(())>
                {move || avatar(me.get(), true)}
            </button>
            {move || ctx.peers.get().into_iter().map(|p| avatar(p.state.user, false)).collect_view()}
            <span class="here-count">{move || {
                let n = ctx.peers.with(|p| p.len()) + 1;
                if n == 1 { "only you".to_string() } else { format!("{n} here") }
            }}</span>
        </div>
    }
}
