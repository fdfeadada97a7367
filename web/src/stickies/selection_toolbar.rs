//! The small toolbar floating above the selected stickies: their kind, their colour, a link
//! to another sticky (picked with the arrows or the pointer's next press), a new bounded
//! context around them, delete, and the full inspector on demand. Hidden while something is
//! dragged, and for those who cannot edit.

use leptos::prelude::*;
use stormwall_model::doc;
use stormwall_model::lang::grammar::with_article;
use stormwall_model::StickyKind;

use crate::contexts::frame_around::frame_selection;
use crate::legend::board_legend;
use crate::shell::keyboard_nav::Keyboard;
use crate::shell::panels::Panels;
use crate::shell::shortcuts::delete_selection;
use crate::shell::state::BoardCtx;
use crate::stickies::link_picker;

/// Bounds on the board: left, top, right, bottom.
type Bounds = (f64, f64, f64, f64);

/// Where the toolbar goes: the selected stickies' ids and their bounds on the board.
fn selected_stickies(ctx: BoardCtx) -> Option<(Vec<String>, Bounds)> {
    let sel = ctx.selection.get();
    ctx.board.with(|b| {
        let chosen: Vec<_> = b.stickies.iter().filter(|s| sel.contains(&s.id)).collect();
        let bounds = chosen
            .iter()
            .map(|s| (s.x, s.y, s.x + s.w, s.y + s.h))
            .reduce(|a, s| (a.0.min(s.0), a.1.min(s.1), a.2.max(s.2), a.3.max(s.3)))?;
        Some((chosen.iter().map(|s| s.id.clone()).collect(), bounds))
    })
}

/// The toolbar of the selection, in screen pixels over the canvas.
#[component]
pub fn SelectionToolbar(#[prop(into)] can_edit: Signal<bool>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let panels = Panels::get();
    let kb = Keyboard::get();
    let chosen = Memo::new(move |_| selected_stickies(ctx));
    let ids = Memo::new(move |_| chosen.with(|c| c.as_ref().map(|(ids, _)| ids.clone())));
    let busy =
        Memo::new(move |_| ctx.drag.with(Option::is_some) || kb.linking.with(Option::is_some));
    let colours_open = RwSignal::new(false);
    Effect::new(move |_| {
        ids.track();
        colours_open.set(false);
    });
    let style = move || {
        let (_, (x0, y0, x1, y1)) = chosen.get()?;
        let (px, py) = ctx.pan.get();
        let z = ctx.zoom.get();
        let x = px + (x0 + x1) / 2.0 * z;
        let (top, below) = (py + y0 * z - 14.0, py + y1 * z + 14.0);
        // Above the stickies, or below them when there is no room above.
        Some(if top > 56.0 {
            format!("left:{x}px;top:{top}px;transform:translate(-50%,-100%)")
        } else {
            format!("left:{x}px;top:{below}px;transform:translate(-50%,0)")
        })
    };
    // The kind all selected stickies share, if they share one.
    let kind = move || {
        let ids = ids.get()?;
        ctx.board.with(|b| {
            let mut kinds = ids.iter().filter_map(|id| b.sticky(id).map(|s| s.kind));
            let first = kinds.next()?;
            kinds.all(|k| k == first).then_some(first)
        })
    };
    let each = move |f: &dyn Fn(&doc::Roots, &mut yrs::TransactionMut, &str)| {
        let ids = ids.get_untracked().unwrap_or_default();
        ctx.live.with_value(|c| c.cut_history());
        ctx.edit(|r, txn| ids.iter().for_each(|id| f(r, txn, id)));
        ctx.live.with_value(|c| c.cut_history());
    };
    let set_kind = move |ev: web_sys::Event| {
        if let Some(k) = StickyKind::parse(&event_target_value(&ev)) {
            each(&|r, txn, id| _ = doc::set_sticky_kind(r, txn, id, k));
        }
    };
    let set_colour = move |c: Option<&'static str>| {
        each(&|r, txn, id| _ = doc::set_sticky_color(r, txn, id, c));
        colours_open.set(false);
    };
    let single = move || ids.with(|i| i.as_ref().is_some_and(|i| i.len() == 1));
    let swatch = move || {
        let k = kind().unwrap_or(StickyKind::DomainEvent);
        let own = ids.with(|i| {
            let first = i.as_ref()?.first()?;
            ctx.board.with(|b| b.sticky(first)?.color.clone())
        });
        format!("background:{}", board_legend::fill(ctx, own.as_deref(), k))
    };

    move || {
        let shown = can_edit.get() && !busy.get();
        shown.then(style).flatten().map(|style| view! {
            <div class="selection-toolbar" role="toolbar" aria-label="Selected stickies" style=style>
                <select class="toolbar-kind" aria-label="Kind" on:change=set_kind prop:value=move || kind().map(|k| k.as_str()).unwrap_or("")>
                    {move || kind().is_none().then(|| view! { <option value="" disabled=true>"Mixed kinds"</option> })}
                    {StickyKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str()>{move || board_legend::label(ctx, k)}</option>
                    }).collect_view()}
                </select>
                <button class="toolbar-colour" title="Colour" aria-label="Colour" aria-expanded=move || colours_open.get().to_string()
                    on:click=move |_| colours_open.update(|o| *o = !*o)>
                    <span class="swatch" style=swatch></span>
                </button>
                <button class="toolbar-link" title="Link to another sticky (L): pick it with the arrows, Enter links" disabled=move || !single()
                    on:click=move |_| link_picker::start(ctx, kb.linking)>"Link"</button>
                <button class="toolbar-frame" title="Put into a new bounded context (⇧F)" on:click=move |_| frame_selection(ctx)>"Frame"</button>
                <button class="toolbar-delete" title="Delete (Del)" on:click=move |_| delete_selection(ctx)>"Delete"</button>
                <button class="toolbar-more" title="All details: attributes, examples, requirements (I)" aria-pressed=move || panels.inspector.get().to_string()
                    disabled=move || !single() on:click=move |_| panels.inspector.update(|o| *o = !*o)>"More…"</button>
                {move || colours_open.get().then(|| view! {
                    <div class="toolbar-colours" role="group" aria-label="Colours">
                        {StickyKind::ALL.into_iter().map(|k| {
                            let c = k.default_color();
                            view! {
                                <button class="color-choice" style=format!("background:{c}") data-color=c
                                    title=format!("Colour of {}", with_article(k.label_en())) aria-label=format!("Colour of {}", with_article(k.label_en()))
                                    on:click=move |_| set_colour(Some(c))></button>
                            }
                        }).collect_view()}
                        <button class="reset-color" on:click=move |_| set_colour(None)>"Kind colour"</button>
                    </div>
                })}
            </div>
        })
    }
}
