//! The application shell: routes `/` to the board list and `/b/{id}` to a board.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::shell::board_page::BoardPage;
use crate::shell::lazy_panel::lazy_panel;
use crate::start::board_list;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { <p class="empty">"Page not found. " <a href="/">"Back to boards"</a></p> }>
                <Route path=path!("/") view=|| lazy_panel(board_list::preload, board_list::split) />
                <Route path=path!("/b/:id") view=BoardPage />
            </Routes>
        </Router>
    }
}
