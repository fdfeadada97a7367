//! The sticky palette: one button per kind, in the kind's colour and label on this board's
//! legend, with its keyboard shortcut, and the Frame tool that draws a bounded context. It
//! folds to one small button (this browser remembers), leaving the canvas to the board. In a
//! workshop phase the phase's kinds come first.

use leptos::prelude::*;
use stormwall_model::StickyKind;

use crate::facilitation::Workshop;
use crate::legend::board_legend;
use crate::shell::panels::Panels;
use crate::shell::state::{BoardCtx, Tool};
use crate::stickies::placing::add_here;

/// Keyboard shortcut (a digit) of a kind, in palette order.
pub fn shortcut(kind: StickyKind) -> char {
    let i = StickyKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    char::from_digit(((i + 1) % 10) as u32, 10).unwrap_or('0')
}

/// The kind whose shortcut is the digit `d`.
pub fn kind_for_digit(d: char) -> Option<StickyKind> {
    StickyKind::ALL.into_iter().find(|k| shortcut(*k) == d)
}

/// Buttons that add a sticky of each kind, and the frame tool.
#[component]
pub fn Palette() -> impl IntoView {
    let ctx = BoardCtx::get();
    let open = Panels::get().palette;
    let toggle_frame = move |_| {
        ctx.tool.update(|t| {
            *t = if *t == Tool::Frame {
                Tool::Select
            } else {
                Tool::Frame
            }
        })
    };
    let fold = move |_| open.update(|o| *o = !*o);
    // The workshop's phase leads with its kinds; the others follow, one click away.
    let phase = move || use_context::<Workshop>().and_then(|w| w.phase());
    let kinds = move || phase().map_or(StickyKind::ALL.to_vec(), |p| p.palette());
    let lead = move |k: StickyKind| phase().is_some_and(|p| p.kinds().contains(&k));
    move || {
        if !open.get() {
            view! {
            <nav class="palette folded" aria-label="Add a sticky">
                <button class="palette-fold" aria-expanded="false" title="Show the palette" on:click=fold>"+ Stickies"</button>
            </nav>
        }.into_any()
        } else {
            view! {
        <nav class="palette" aria-label="Add a sticky">
            <button class="palette-fold" aria-expanded="true" title="Fold the palette (keys 1–0 still add stickies)" on:click=fold>"« Fold"</button>
            {move || kinds().into_iter().map(|k| view! {
                <button
                    class="palette-item"
                    class:lead=lead(k)
                    data-kind=k.as_str()
                    title=format!("{} · {} (key {})", k.label_en(), k.label_ko(), shortcut(k))
                    on:click=move |_| add_here(ctx, k)
                >
                    <span class="swatch" style=move || format!("background:{}", board_legend::fill(ctx, None, k))></span>
                    <span class="palette-label">{move || board_legend::label(ctx, k)}</span>
                    <kbd>{shortcut(k).to_string()}</kbd>
                </button>
            }).collect_view()}
            <hr class="palette-sep" />
            <button
                class="palette-item frame-tool"
                class:active=move || ctx.tool.get() == Tool::Frame
                title="Draw a bounded context: drag on the canvas (key F)"
                on:click=toggle_frame
            >
                <span class="swatch frame-swatch"></span>
                <span class="palette-label">"Bounded context"</span>
                <kbd>"F"</kbd>
            </button>
        </nav>
    }.into_any()
        }
    }
}
