//! The application shell: routes `/` to the board list and `/b/{id}` to a board.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::board_list::BoardList;
use super::board_page::BoardPage;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { <p class="empty">"Page not found. " <a href="/">"Back to boards"</a></p> }>
                <Route path=path!("/") view=BoardList />
                <Route path=path!("/b/:id") view=BoardPage />
            </Routes>
        </Router>
    }
}
