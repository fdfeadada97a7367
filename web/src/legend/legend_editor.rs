//! The legend editor, a side panel: for every sticky kind, its colour (a colour picker) and
//! its label on this board, each reset to the default on its own or all at once. Every change
//! is a live edit of the board document: everyone's legend, palette and stickies follow.

use leptos::prelude::*;
use stormwall_model::{doc, LegendEntry, StickyKind};

use crate::shell::state::BoardCtx;

/// Changes the legend entry of `kind` with `f` (an entry left without overrides is removed).
fn update(ctx: BoardCtx, kind: StickyKind, f: impl FnOnce(&mut LegendEntry)) {
    let mut entry = ctx
        .legend
        .with_untracked(|l| l.entries.get(&kind).cloned().unwrap_or_default());
    f(&mut entry);
    ctx.edit(|r, txn| doc::set_legend_entry(r, txn, kind, &entry));
}

/// The editor; `open` closes it.
/// The legend editor, from its own chunk (`shell::lazy_panel`).
#[wasm_split_helpers::wasm_split(legend_editor, fallible, preload(preload))]
pub fn split(open: RwSignal<bool>) -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(view! { <LegendEditor open=open /> }.into_any())
}

#[component]
pub fn LegendEditor(open: RwSignal<bool>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let customised = move || ctx.legend.with(|l| !l.is_empty());
    let reset_all = move |_| {
        let kinds: Vec<StickyKind> = ctx
            .legend
            .with_untracked(|l| l.entries.keys().copied().collect());
        ctx.live.with_value(|c| c.cut_history());
        ctx.edit(|r, txn| {
            for k in kinds {
                doc::set_legend_entry(r, txn, k, &LegendEntry::default());
            }
        });
    };
    view! {
        <section class="panel legend-editor" aria-label="Legend editor">
            <header class="panel-head">
                <h2>"Legend"</h2>
                <button class="close" title="Close" on:click=move |_| open.set(false)>"×"</button>
            </header>
            <p class="muted legend-intro">"Colours and labels of this board's stickies, for everyone on it. A sticky with its own colour keeps it."</p>
            <ul class="legend-edit-rows">
                {StickyKind::ALL.into_iter().map(|k| view! { <KindRow kind=k /> }).collect_view()}
            </ul>
            <button class="legend-reset-all" disabled=move || !customised() on:click=reset_all>"Reset all to defaults"</button>
        </section>
    }
}

/// One kind's colour, label and reset button.
#[component]
fn KindRow(kind: StickyKind) -> impl IntoView {
    let ctx = BoardCtx::get();
    // Per-kind memos, so an edit of another kind never rewrites a label being typed here.
    let color = Memo::new(move |_| ctx.legend.with(|l| l.color(kind).to_string()));
    let label = Memo::new(move |_| {
        ctx.legend
            .with(|l| l.entries.get(&kind).and_then(|e| e.label.clone()))
    });
    let custom = Memo::new(move |_| ctx.legend.with(|l| l.entries.contains_key(&kind)));
    let set_color = move |ev: web_sys::Event| {
        let c = event_target_value(&ev).to_lowercase();
        update(ctx, kind, |e| {
            e.color = (c != kind.default_color()).then_some(c)
        });
    };
    let set_label = move |ev: web_sys::Event| {
        let t = event_target_value(&ev).trim().to_string();
        update(ctx, kind, |e| {
            e.label = (!t.is_empty() && t != kind.label_en()).then_some(t)
        });
    };
    let reset = move |_| {
        ctx.live.with_value(|c| c.cut_history());
        update(ctx, kind, |e| *e = LegendEntry::default());
    };
    view! {
        <li class="legend-edit-row" class:custom=move || custom.get() data-kind=kind.as_str()>
            <input
                type="color"
                class="legend-color"
                aria-label=format!("Colour of {}", kind.label_en())
                prop:value=move || color.get()
                on:input=set_color
            />
            <input
                class="legend-label-input"
                aria-label=format!("Label of {}", kind.label_en())
                placeholder=kind.label_en()
                title=format!("{} · {} — Enter to apply", kind.label_en(), kind.label_ko())
                prop:value=move || label.get().unwrap_or_default()
                on:change=set_label
            />
            <button
                class="legend-reset"
                disabled=move || !custom.get()
                title="Back to the default colour and label"
                on:click=reset
            >"Reset"</button>
        </li>
    }
}
