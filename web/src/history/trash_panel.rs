//! The trash: stickies, links and frames deleted from the board, newest first, each with a
//! Restore button for whoever may edit. The server keeps them for a while after deletion.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::authorship_hint::when;
use super::checkpoints::{self, millis, TrashItem};
use super::history_panel::{tell, Access};
use crate::shell::state::BoardCtx;

/// The trash of the board.
#[component]
pub fn TrashPanel(access: Access) -> impl IntoView {
    let ctx = BoardCtx::get();
    let items = RwSignal::new(None::<Result<Vec<TrashItem>, String>>);
    let reload = move || {
        spawn_local(async move {
            let got = checkpoints::trash(&access.board.get_value(), &access.key.get_value()).await;
            items.set(Some(got));
        });
    };
    reload();
    let restore = move |item: TrashItem| {
        spawn_local(async move {
            let (board, key) = (access.board.get_value(), access.key.get_value());
            match checkpoints::restore_from_trash(&board, &key, &item.id).await {
                Ok(_) => {
                    let what = if item.label.is_empty() {
                        format!("The {}", item.kind)
                    } else {
                        format!("“{}”", item.label)
                    };
                    tell(ctx, format!("{what} is back on the board."));
                    reload();
                }
                Err(e) => tell(ctx, format!("It was not restored: {e}")),
            }
        });
    };
    let row = move |item: TrashItem, may_edit: bool| {
        let label = if item.label.is_empty() {
            "(empty)".to_string()
        } else {
            item.label.clone()
        };
        let it = item.clone();
        view! {
            <li class="trash-item" data-id=item.id.clone() data-kind=item.kind.clone()>
                <span class="trash-kind">{item.kind.clone()}</span>
                <span class="trash-label">{label}</span>
                <time class="muted">{when(millis(&item.deleted_at))}</time>
                {may_edit.then(|| view! {
                    <button class="restore-trash" on:click=move |_| restore(it.clone())>"Restore"</button>
                })}
            </li>
        }
    };
    let status = move || {
        items.with(|i| match i {
            None => Some("Loading the trash…".to_string()),
            Some(Err(e)) => Some(format!("The trash cannot be shown: {e}")),
            Some(Ok(v)) if v.is_empty() => {
                Some("The trash is empty: nothing was deleted lately.".to_string())
            }
            Some(Ok(_)) => None,
        })
    };
    let failed = move || items.with(|i| matches!(i, Some(Err(_))));
    // Rights are read when the list is drawn (it is drawn again when they change).
    let rows = move || {
        let may_edit = access.can_edit();
        let shown = items.get().and_then(Result::ok).unwrap_or_default();
        shown.into_iter().map(|i| row(i, may_edit)).collect_view()
    };
    view! {
        {move || status().map(|t| view! { <p class="empty" class:error=failed() role="status">{t}</p> })}
        <ul class="trash">{rows}</ul>
    }
}
