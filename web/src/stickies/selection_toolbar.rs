//! The small toolbar floating above the selected stickies: their kind, their colour, a link
//! to another sticky (picked with the arrows or the pointer's next press), a new bounded
//! context around them, delete, and the full inspector on demand. Hidden while something is
//! dragged, and for those who cannot edit. Where it goes: [`crate::stickies::toolbar_place`].

use leptos::prelude::*;
use stormwall_model::doc;
use stormwall_model::lang::grammar::with_article;
use stormwall_model::StickyKind;

use crate::canvas::arrange;
use crate::contexts::frame_around::frame_selection;
use crate::legend::board_legend;
use crate::shell::keyboard_nav::Keyboard;
use crate::shell::panels::Panels;
use crate::shell::shortcuts::delete_selection;
use crate::shell::state::BoardCtx;
use crate::stickies::link_picker;
use crate::stickies::toolbar_place::{place, Bounds};

/// The toolbar's size before it is first drawn, in screen pixels.
const SIZE_GUESS: (f64, f64) = (420.0, 42.0);

/// Room beyond the toolbar's height it may sit from the selection (gap and align bar), in
/// screen pixels, generously.
const REACH: f64 = 80.0;

/// The selection as the toolbar sees it.
#[derive(Clone, PartialEq)]
struct Chosen {
    /// The selected stickies.
    ids: Vec<String>,
    /// Bounds of everything selected on the board, stickies at their drawn size.
    bounds: Bounds,
    /// The group box (and its align bar) shows.
    group: bool,
}

/// The selected stickies, or nothing when no sticky is selected.
fn selected_stickies(ctx: BoardCtx) -> Option<Chosen> {
    let sel = ctx.selection.get();
    ctx.board.with(|b| {
        let ids: Vec<String> = b.stickies_of(&sel).map(|s| s.id.clone()).collect();
        if ids.is_empty() {
            return None;
        }
        let items = arrange::items(b, &sel);
        let bounds = items
            .iter()
            .map(|i| (i.1, i.2, i.1 + i.3, i.2 + i.4))
            .reduce(|a, s| (a.0.min(s.0), a.1.min(s.1), a.2.max(s.2), a.3.max(s.3)))?;
        Some(Chosen {
            ids,
            bounds,
            group: items.len() >= 2,
        })
    })
}

/// The other stickies the toolbar could cover, at their drawn size: only those in the column
/// it spans (`half` board units either side of the selection's centre) and not far below the
/// selection (drawn heights only grow downwards), so a keystroke in a big board fits a handful
/// of stickies, not all of them.
fn others_near(ctx: BoardCtx, c: &Chosen, half: f64, reach: f64) -> Vec<Bounds> {
    let centre = (c.bounds.0 + c.bounds.2) / 2.0;
    let (left, right) = (centre - half, centre + half);
    ctx.board.with(|b| {
        b.stickies
            .iter()
            .filter(|s| s.x < right && s.x + s.w > left && s.y < c.bounds.3 + reach)
            .filter(|s| !c.ids.contains(&s.id))
            .map(|s| {
                let (x, y, w, h) = stormwall_model::fit::shown_rect(s);
                (x, y, x + w, y + h)
            })
            .filter(|o| o.3 > c.bounds.1 - reach)
            .collect()
    })
}

/// The toolbar of the selection, in screen pixels over the canvas.
#[component]
pub fn SelectionToolbar(#[prop(into)] can_edit: Signal<bool>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let panels = Panels::get();
    let kb = Keyboard::get();
    let chosen = Memo::new(move |_| selected_stickies(ctx));
    let ids = Memo::new(move |_| chosen.with(|c| c.as_ref().map(|c| c.ids.clone())));
    let bar = NodeRef::<leptos::html::Div>::new();
    // Its size as last drawn (it is hidden while something is dragged, and then measures 0),
    // measured in the frame that draws it, where the page is laid out anyway: measuring as it
    // mounts would lay out the whole board inside the task that selected or zoomed.
    let size = RwSignal::new(SIZE_GUESS);
    Effect::new(move |_| {
        if let Some(e) = bar.get() {
            request_animation_frame(move || {
                let drawn = (e.offset_width() as f64, e.offset_height() as f64);
                if drawn.0 > 0.0 && drawn != size.get_untracked() {
                    size.set(drawn);
                }
            });
        }
    });
    let busy =
        Memo::new(move |_| ctx.drag.with(Option::is_some) || kb.linking.with(Option::is_some));
    let colours_open = RwSignal::new(false);
    Effect::new(move |_| {
        ids.track();
        colours_open.set(false);
    });
    let spot = Memo::new(move |_| {
        let c = chosen.get()?;
        let (zoom, size) = (ctx.zoom.get(), size.get());
        // The toolbar's half width, and how far above or below the selection it reaches.
        let reach = (size.1 + REACH) / zoom;
        let others = others_near(ctx, &c, size.0 / 2.0 / zoom, reach);
        Some(place(c.bounds, c.group, &others, ctx.pan.get(), zoom, size))
    });
    let style = move || {
        let s = spot.get()?;
        Some(format!(
            "left:{}px;top:{}px;transform:translate(-50%,0)",
            s.x, s.top
        ))
    };
    let place_name = move || {
        spot.get().map(|s| match (s.above, s.colours_up) {
            (true, true) => "above colours-up",
            (true, false) => "above",
            _ => "below",
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

    // The toolbar is made when it appears and follows the view in place: panning or zooming
    // with a selection moves it, and makes nothing anew.
    let placed = Memo::new(move |_| spot.with(Option::is_some));
    move || {
        let shown = can_edit.get() && !busy.get() && placed.get();
        shown.then(|| view! {
            <div node_ref=bar class="selection-toolbar" role="toolbar" aria-label="Selected stickies" style=style data-place=place_name>
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
