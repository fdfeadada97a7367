//! The application shell: `/` is the board list and `/b/{id}` a board. Every move between
//! them loads a new page (a board's key must leave the address bar before anything runs), so
//! the address is read once, when the page starts.

use leptos::prelude::*;

use crate::shell::board_page::BoardPage;
use crate::shell::lazy_panel::lazy_panel;
use crate::start::board_list;

/// What an address shows.
#[derive(Debug, PartialEq, Eq)]
enum Route {
    /// The board list.
    Start,
    /// The board with this id.
    Board(String),
    /// Nothing here.
    NotFound,
}

/// The page at `path` (the address without its query): a trailing slash is allowed, and a
/// board id is percent-decoded.
fn route(path: &str) -> Route {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    if path == "/" {
        return Route::Start;
    }
    match path.strip_prefix("/b/") {
        Some(id) if !id.is_empty() && !id.contains('/') => Route::Board(
            percent_encoding::percent_decode_str(id)
                .decode_utf8()
                .map_or_else(|_| id.to_string(), |d| d.into_owned()),
        ),
        _ => Route::NotFound,
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let path = window().location().pathname().unwrap_or_default();
    match route(&path) {
        Route::Start => lazy_panel(board_list::preload, board_list::split).into_any(),
        Route::Board(id) => view! { <BoardPage id=id /> }.into_any(),
        Route::NotFound => {
            view! { <p class="empty">"Page not found. " <a href="/">"Back to boards"</a></p> }
                .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_route_to_their_pages() {
        assert_eq!(route("/"), Route::Start);
        assert_eq!(route("/b/abc123"), Route::Board("abc123".into()));
        assert_eq!(route("/b/abc123/"), Route::Board("abc123".into()));
        assert_eq!(route("/b/%EC%A3%BC%EB%AC%B8"), Route::Board("주문".into()));
        assert_eq!(route("/b/"), Route::NotFound);
        assert_eq!(route("/b/a/b"), Route::NotFound);
        assert_eq!(route("/boards"), Route::NotFound);
    }
}
