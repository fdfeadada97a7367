//! Linking from the keyboard: L on a selected sticky starts a link from it, the arrows pick
//! the sticky it goes to (in reading order, shown with a dashed outline and the link drawn),
//! Enter makes the link, Escape gives up. A line over the board says what the keys do.

use leptos::prelude::*;
use stormwall_model::{doc, Link};

use crate::shell::ids::new_id;
use crate::shell::keyboard_nav::{focus_sticky, Keyboard};
use crate::shell::state::{BoardCtx, Drag};
use crate::stickies::reading_order::{self, Step};

/// A link being made from the keyboard: from a sticky to the one picked so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Linking {
    /// Where the link starts.
    pub from: String,
    /// The sticky it would go to now.
    pub to: Option<String>,
}

/// Starts linking from the one selected sticky; the first pick is the next in reading order.
pub fn start(ctx: BoardCtx, linking: RwSignal<Option<Linking>>) {
    let from = match ctx.selection.get_untracked().as_slice() {
        [one] if ctx.board.with_untracked(|b| b.sticky(one).is_some()) => one.clone(),
        _ => return,
    };
    let to = ctx.board.with_untracked(|b| {
        reading_order::step(&b.stickies, Some(from.as_str()), Step::Next)
            .or_else(|| reading_order::step(&b.stickies, Some(from.as_str()), Step::Previous))
    });
    linking.set(Some(Linking { from, to }));
    show(ctx, linking);
}

/// Draws the link being picked as the pointer would.
fn show(ctx: BoardCtx, linking: RwSignal<Option<Linking>>) {
    let drawn = linking.get_untracked().and_then(|l| {
        let to = ctx
            .board
            .with_untracked(|b| b.sticky(l.to.as_deref()?).map(|s| s.centre()))?;
        Some(Drag::Link { from: l.from, to })
    });
    ctx.drag.set(drawn);
}

/// Ends linking, leaving the focus on the sticky it started from.
fn stop(ctx: BoardCtx, linking: RwSignal<Option<Linking>>) {
    if let Some(l) = linking.get_untracked() {
        linking.set(None);
        ctx.drag.set(None);
        focus_sticky(ctx, &l.from);
    }
}

/// Gives up a link being picked (a press of the pointer anywhere).
pub fn cancel(ctx: BoardCtx, linking: RwSignal<Option<Linking>>) {
    if linking.get_untracked().is_some() {
        linking.set(None);
        if matches!(ctx.drag.get_untracked(), Some(Drag::Link { .. })) {
            ctx.drag.set(None);
        }
    }
}

/// A key while linking: arrows pick, Enter links, Escape cancels; every other key is ignored
/// (it is not a shortcut now). Returns true: the key was the picker's.
pub fn on_key(
    ctx: BoardCtx,
    linking: RwSignal<Option<Linking>>,
    ev: &web_sys::KeyboardEvent,
) -> bool {
    let Some(l) = linking.get_untracked() else {
        return false;
    };
    let key = ev.key();
    if let Some(step) = Step::of_key(&key) {
        let from = l.to.as_deref().unwrap_or(&l.from);
        let next = ctx.board.with_untracked(|b| {
            let mut at = reading_order::step(&b.stickies, Some(from), step);
            // The link's own start is skipped.
            if at.as_deref() == Some(l.from.as_str()) {
                at = reading_order::step(&b.stickies, at.as_deref(), step);
            }
            at
        });
        if next.is_some() {
            linking.set(Some(Linking { to: next, ..l }));
            show(ctx, linking);
        }
    } else if key == "Enter" {
        if let Some(to) = l.to.clone() {
            let link = Link::new(&new_id('l'), &l.from, &to);
            ctx.live.with_value(|c| c.cut_history());
            ctx.edit(|r, txn| doc::put_link(r, txn, &link));
        }
        stop(ctx, linking);
    } else if key == "Escape" {
        stop(ctx, linking);
    }
    ev.prevent_default();
    true
}

/// The line over the board while a link is picked from the keyboard.
#[component]
pub fn LinkPickHint() -> impl IntoView {
    let ctx = BoardCtx::get();
    let kb = Keyboard::get();
    let text = move || {
        kb.linking.get().map(|l| {
            let name = |id: &str| {
                ctx.board.with_untracked(|b| {
                    b.sticky(id)
                        .map(|s| match s.text.trim() {
                            "" => format!("the empty {}", s.kind.label_en().to_lowercase()),
                            t => format!("“{t}”"),
                        })
                        .unwrap_or_default()
                })
            };
            match l.to {
                Some(to) => format!(
                    "Link {} → {}. Arrows pick another sticky, Enter links, Esc cancels.",
                    name(&l.from),
                    name(&to)
                ),
                None => "No other sticky to link to. Esc cancels.".to_string(),
            }
        })
    };
    view! {
        <div class="keyboard-hint" role="status" aria-live="polite">
            {move || text().map(|t| view! { <span class="hint-text">{t}</span> })}
        </div>
    }
}
