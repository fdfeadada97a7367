//! A checkpoint shown read-only over the live board: the board as it was, drawn like the
//! picture export, with what changed since highlighted — red: deleted since (a restore brings
//! it back), amber: changed since, faded green: added since (a whole restore removes it).
//! Click a sticky or frame of the checkpoint to restore just that one; whoever may edit can
//! also restore the whole board from here.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::history::BoardDiff;
use stormwall_model::{svg, Board};
use wasm_bindgen::JsCast;

use super::authorship_hint::when;
use super::checkpoints::{self, Checkpoint};
use super::history_panel::{my_name, tell, Access};
use crate::shell::state::BoardCtx;

/// Ids of the items that differ, seen from the checkpoint (the model's diff from it to now).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Marks {
    /// On the live board only (a whole restore removes them).
    added: HashSet<String>,
    /// On both, different.
    changed: HashSet<String>,
    /// At the checkpoint only (a restore brings them back).
    removed: HashSet<String>,
}

impl Marks {
    fn between(then: &Board, now: &Board) -> Marks {
        let d = BoardDiff::between(then, now);
        let mut m = Marks::default();
        for ids in [d.stickies, d.links, d.frames] {
            m.added.extend(ids.added);
            m.changed.extend(ids.changed);
            m.removed.extend(ids.removed);
        }
        m
    }
}

/// The checkpoint's board with the items added since drawn too (they are marked as such).
fn with_added(then: &Board, now: &Board, marks: &Marks) -> Board {
    let mut shown = then.clone();
    shown.stickies.extend(
        now.stickies
            .iter()
            .filter(|s| marks.added.contains(&s.id))
            .cloned(),
    );
    shown.frames.extend(
        now.frames
            .iter()
            .filter(|f| marks.added.contains(&f.id))
            .cloned(),
    );
    let links: Vec<_> = now
        .links
        .iter()
        .filter(|l| marks.added.contains(&l.id))
        .filter(|l| shown.sticky(&l.from).is_some() && shown.sticky(&l.to).is_some())
        .cloned()
        .collect();
    shown.links.extend(links);
    shown.sort();
    shown
}

/// Marks every drawn item of the picture in `host` with how it differs (`data-diff`). The
/// items are the children of the picture's `<svg>`.
fn mark(host: &web_sys::Element, marks: &Marks) {
    let mut next = host
        .first_element_child()
        .and_then(|svg| svg.first_element_child());
    while let Some(el) = next {
        let id = el.get_attribute("data-id").unwrap_or_default();
        let diff = if marks.removed.contains(&id) {
            Some("removed")
        } else if marks.changed.contains(&id) {
            Some("changed")
        } else if marks.added.contains(&id) {
            Some("added")
        } else {
            None
        };
        if let Some(d) = diff {
            let _ = el.set_attribute("data-diff", d);
        }
        next = el.next_element_sibling();
    }
}

/// The id of the drawn item a click landed on.
fn clicked_item(ev: &leptos::ev::MouseEvent) -> Option<String> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest("[data-id]").ok()??.get_attribute("data-id")
}

/// The preview of `checkpoint`.
#[component]
pub fn CheckpointPreview(
    access: Access,
    checkpoint: Checkpoint,
    close: Callback<()>,
    restore_all: Callback<Checkpoint>,
) -> impl IntoView {
    let ctx = BoardCtx::get();
    let then = RwSignal::new(None::<Result<Board, String>>);
    let marks = RwSignal::new(Marks::default());
    let picked = RwSignal::new(None::<(String, String)>);
    let host = NodeRef::<leptos::html::Div>::new();
    let cid = checkpoint.id.clone();
    spawn_local(async move {
        let got =
            checkpoints::state(&access.board.get_value(), &access.key.get_value(), &cid).await;
        then.set(Some(got));
    });
    // A still: the live board is read once, when the checkpoint arrives.
    Effect::new(move |_| {
        let (Some(el), Some(Ok(b))) = (host.get(), then.get()) else {
            return;
        };
        let now = ctx.board.get_untracked();
        let m = Marks::between(&b, &now);
        el.set_inner_html(&svg::render(&with_added(&b, &now, &m), None).svg);
        mark(&el, &m);
        marks.set(m);
    });
    let pick = move |ev: leptos::ev::MouseEvent| {
        let Some(id) = clicked_item(&ev) else {
            return picked.set(None);
        };
        let label = then.with_untracked(|t| {
            let b = t.as_ref()?.as_ref().ok()?;
            b.sticky(&id)
                .map(|s| s.text.clone())
                .or_else(|| b.frame(&id).map(|f| f.name.clone()))
        });
        picked.set(label.map(|l| (id, l)));
    };
    let at = when(checkpoint.millis());
    let title = checkpoint
        .name
        .clone()
        .unwrap_or_else(|| checkpoint.why().to_string());
    let cid = StoredValue::new(checkpoint.id.clone());
    let restore_one = move |_| {
        let Some((id, label)) = picked.get_untracked() else {
            return;
        };
        let by = my_name(ctx);
        spawn_local(async move {
            let (board, key) = (access.board.get_value(), access.key.get_value());
            match checkpoints::restore(&board, &key, &cid.get_value(), Some(vec![id]), &by).await {
                Ok(_) => {
                    tell(ctx, format!("“{label}” is back as it was."));
                    close.run(());
                }
                Err(e) => tell(ctx, format!("It was not restored: {e}")),
            }
        });
    };
    let counts = move || {
        marks.with(|m| {
            format!(
                "{} deleted since · {} changed since · {} added since",
                m.removed.len(),
                m.changed.len(),
                m.added.len()
            )
        })
    };
    let whole = checkpoint.clone();
    view! {
        <div class="history-overlay checkpoint-preview" role="dialog" aria-label="Checkpoint preview">
            <header class="overlay-head">
                <h2>{format!("{title} — {at}")}</h2>
                <span class="read-only-tag">"read-only"</span>
                <span class="diff-legend">
                    <i class="swatch removed"></i>"deleted since"
                    <i class="swatch changed"></i>"changed since"
                    <i class="swatch added"></i>"added since"
                </span>
                {move || access.can_edit().then(|| {
                    let whole = whole.clone();
                    view! { <button class="primary restore-whole" on:click=move |_| restore_all.run(whole.clone())>"Restore this version"</button> }
                })}
                <button class="close" title="Close the preview" on:click=move |_| close.run(())>"×"</button>
            </header>
            <p class="diff-counts muted">{counts}</p>
            {move || then.with(|t| match t {
                None => Some("Loading the checkpoint…".to_string()),
                Some(Err(e)) => Some(format!("This checkpoint cannot be shown: {e}")),
                Some(Ok(_)) => None,
            }).map(|t| view! { <p class="empty" role="status">{t}</p> })}
            <div class="preview-picture" node_ref=host on:click=pick></div>
            {move || picked.get().map(|(_, label)| view! {
                <div class="picked">
                    <span>{format!("Selected: “{label}”")}</span>
                    {access.can_edit().then(|| view! {
                        <button class="primary restore-one" on:click=restore_one>"Restore just this"</button>
                    })}
                </div>
            })}
        </div>
    }
}
