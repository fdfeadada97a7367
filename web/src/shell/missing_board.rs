//! The page of a board that cannot be opened: unknown (a mistyped or deleted board's URL) or
//! unavailable (the server cannot be reached). It says which, in Korean and English, and
//! leads back to the start page; no canvas, so nothing typed there can be lost.

use leptos::prelude::*;

use crate::shell::api;

/// Why the board cannot be opened, and the ways on.
#[component]
pub fn MissingBoard(error: String) -> impl IntoView {
    let unknown = api::is_not_found(&error);
    let (title, hint) = if unknown {
        (
            "This board does not exist · 없는 보드입니다",
            "The link may be mistyped, or the board was deleted. 링크가 틀렸거나 보드가 삭제되었을 수 있습니다.",
        )
    } else {
        (
            "This board cannot be opened right now · 지금은 보드를 열 수 없습니다",
            "The server did not answer as it should. Try again in a moment. 잠시 후 다시 시도하세요.",
        )
    };
    view! {
        <main class="missing-board" data-reason=if unknown { "unknown" } else { "unavailable" }>
            <h1>{title}</h1>
            <p>{hint}</p>
            <p class="muted">{error}</p>
            <p class="ways">
                <a class="back-home" href="/">"← All boards · 보드 목록"</a>
                {(!unknown).then(|| view! {
                    <button class="retry" on:click=move |_| { let _ = window().location().reload(); }>"Try again · 다시 시도"</button>
                })}
            </p>
        </main>
    }
}
