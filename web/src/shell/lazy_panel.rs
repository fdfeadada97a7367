//! Panels whose code is not in the page's own module: each is a `#[wasm_split]` function, split
//! off into a chunk by the build (`xtask/src/split.rs`) and fetched the first time the panel
//! opens, so the board starts with less to download and compile. Once the board has been
//! drawn, the chunks are fetched while the browser idles, so opening a panel does not wait.
//! A chunk that cannot be fetched (the server was upgraded while the page stayed open, the
//! network dropped) leaves a note in the panel's place; the board keeps working.

use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_split_helpers::SplitLoaderError;

/// Where a panel's chunk is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chunk {
    Fetching,
    Here,
    Failed,
}

/// The panel `build` makes once its chunk is here (`preload` fetches it): at once when it
/// already is, else when it arrives; a note in its place if it cannot be fetched. The panel is
/// built in a reactive closure like any other view, never in a task that could outlive it.
pub fn lazy_panel<P, B, F>(preload: fn() -> P, build: B) -> impl IntoView
where
    P: Future<Output = Result<(), SplitLoaderError>> + 'static,
    B: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = Result<AnyView, SplitLoaderError>>,
{
    // Only this shim is made once per panel; the rest is shared.
    let fetch = Box::pin(async move { preload().await.is_ok() });
    let build = move || now(build()).and_then(Result::ok);
    panel(fetch, Box::new(build))
}

type Build = Box<dyn Fn() -> Option<AnyView> + Send + Sync>;

fn panel(mut fetch: Pin<Box<dyn Future<Output = bool>>>, build: Build) -> impl IntoView {
    let chunk = RwSignal::new(match now(fetch.as_mut()) {
        Some(true) => Chunk::Here,
        Some(false) => Chunk::Failed,
        None => Chunk::Fetching,
    });
    if chunk.get_untracked() == Chunk::Fetching {
        spawn_local(async move {
            let arrived = if fetch.await {
                Chunk::Here
            } else {
                Chunk::Failed
            };
            // The panel may have been closed meanwhile; then there is nothing to tell.
            chunk.try_set(arrived);
        });
    }
    move || match chunk.get() {
        Chunk::Fetching => None,
        Chunk::Here => Some(build().unwrap_or_else(failed)),
        Chunk::Failed => Some(failed()),
    }
}

/// What `future` gives if it is ready without waiting (a loaded chunk's function is).
fn now<T>(future: impl Future<Output = T>) -> Option<T> {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}

fn failed() -> AnyView {
    view! {
        <div class="panel lazy-failed" role="alert">
            "This part of the page could not be fetched from the server (it may have been "
            "upgraded since the page was opened). Reload the page to use it."
        </div>
    }
    .into_any()
}

/// Fetches every panel's chunk while the browser idles, one after another, so the first
/// opening of a panel does not wait for the network; the analysis reader's
/// (`analysis::reply_reader`) and the board menu's (`files::board_menu`) too. Called once the
/// board is drawn.
pub fn fetch_all_when_idle() {
    crate::shell::idle::when_idle(3000, || {
        leptos::task::spawn_local(async {
            // A failure here is met again, and shown, when the panel opens.
            let _ = crate::analysis::reply_reader::preload().await;
            let _ = crate::stickies::inspector::preload().await;
            let _ = crate::facilitation::comment_thread::preload().await;
            let _ = crate::contexts::relation_panel::preload().await;
            let _ = crate::analysis::analysis_panel::preload().await;
            let _ = crate::history::history_panel::preload().await;
            let _ = crate::sharing::share_dialog::preload().await;
            let _ = crate::legend::legend_editor::preload().await;
            let _ = crate::facilitation::workshop_bar::preload().await;
            let _ = crate::files::board_menu::preload().await;
        });
    });
}
