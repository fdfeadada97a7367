//! The legend card in the canvas's bottom-left corner: every kind in use on this board with
//! its colour, its label on this board and how many stickies have it. It folds down to a row
//! of swatches; clicking it (or Edit) opens the legend editor — for those who may edit the
//! board; the others see no Edit that would do nothing.

use leptos::prelude::*;
use stormwall_model::StickyKind;

use crate::legend::board_legend;
use crate::shell::state::BoardCtx;

/// The legend of the open board; `editing` opens and closes the legend editor.
#[component]
pub fn LegendCard(editing: RwSignal<bool>, #[prop(into)] can_edit: Signal<bool>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let open = RwSignal::new(true);
    // Kinds in use, in palette order, with how many stickies have each.
    let in_use = Memo::new(move |_| {
        let mut counts = [0usize; StickyKind::ALL.len()];
        ctx.board.with(|b| {
            for s in &b.stickies {
                if let Some(i) = StickyKind::ALL.iter().position(|k| *k == s.kind) {
                    counts[i] += 1;
                }
            }
        });
        StickyKind::ALL
            .into_iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .collect::<Vec<_>>()
    });
    let swatch = move |k: StickyKind| format!("background:{}", board_legend::fill(ctx, None, k));
    let edit = move |_| {
        if can_edit.get_untracked() {
            editing.set(true)
        }
    };
    Effect::new(move |_| {
        if !can_edit.get() {
            editing.set(false);
        }
    });

    view! {
        <aside class="legend-card" class:folded=move || !open.get() aria-label="Legend">
            <header class="legend-head">
                <button
                    class="legend-fold"
                    aria-expanded=move || open.get().to_string()
                    title=move || if open.get() { "Fold the legend" } else { "Show the legend" }
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span class="chevron" aria-hidden="true"></span>
                    "Legend"
                </button>
                {move || (!open.get()).then(|| view! {
                    <span class="legend-dots" aria-hidden="true">
                        {in_use.get().into_iter().map(|(k, _)| view! { <span class="dot" style=swatch(k)></span> }).collect_view()}
                    </span>
                })}
                <Show when=move || can_edit.get()>
                <button
                    class="legend-edit"
                    class:on=move || editing.get()
                    title="Change this board's colours and labels, for everyone"
                    on:click=move |_| editing.update(|e| *e = !*e)
                >"Edit"</button>
                </Show>
            </header>
            {move || open.get().then(|| {
                let rows = in_use.get();
                if rows.is_empty() {
                    view! { <p class="legend-empty">"Kinds show here once the board has stickies."</p> }.into_any()
                } else {
                    view! {
                        <ul class="legend-rows" title=move || can_edit.get().then_some("Click to edit the legend") on:click=edit>
                            {rows.into_iter().map(|(k, n)| view! {
                                <li class="legend-row" data-kind=k.as_str()>
                                    <span class="swatch" style=move || swatch(k)></span>
                                    <span class="legend-label">{move || board_legend::label(ctx, k)}</span>
                                    <span class="legend-count">{n}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </aside>
    }
}
