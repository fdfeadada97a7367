//! One sticky note on the canvas: its colour, its text (editable in place, IME-safe), a body
//! to drag it (and the rest of the selection) by, a handle to draw a link from, its selection
//! outline, and the outline of any other participant who has it selected.

use leptos::prelude::*;
use stormwall_model::doc;

use super::ime_text_area::ImeTextArea;
use crate::state::{BoardCtx, Drag};

/// Starts moving the selection (stickies and frames) from a screen point.
pub fn start_move(ctx: BoardCtx, client: (f64, f64)) {
    start_move_of(ctx, &ctx.selection.get_untracked(), client);
}

/// Starts moving the stickies and frames among `ids` from a screen point.
pub fn start_move_of(ctx: BoardCtx, ids: &[String], client: (f64, f64)) {
    let items = ctx.placed(ids);
    ctx.live.with_value(|c| c.cut_history());
    ctx.drag.set(Some(Drag::Move {
        from: ctx.to_board(client.0, client.1),
        items,
    }));
}

/// Selects `id` on a press: shift toggles it in the selection, a plain press on an unselected
/// item selects only it. Returns whether the item is selected afterwards.
pub fn press_select(ctx: BoardCtx, id: &str, shift: bool) -> bool {
    let mut sel = ctx.selection.get_untracked();
    let was = sel.iter().any(|x| x == id);
    if shift {
        if was {
            sel.retain(|x| x != id);
        } else {
            sel.push(id.to_string());
        }
    } else if !was {
        sel = vec![id.to_string()];
    }
    let now = sel.iter().any(|x| x == id);
    ctx.select(sel);
    now
}

/// The outline and name tag of another participant who has the item selected.
#[component]
pub fn PeerOutline(peer: Memo<Option<crate::presence::User>>) -> impl IntoView {
    move || {
        peer.get().map(|u| {
            view! {
                <span class="peer-outline" style=format!("border-color:{}", u.color)></span>
                <span class="peer-tag" style=format!("background:{}", u.color)>{u.name}</span>
            }
        })
    }
}

/// A sticky note, looked up by id in the board snapshot.
#[component]
pub fn StickyNote(id: String) -> impl IntoView {
    let ctx = BoardCtx::get();
    let sid = id.clone();
    let sticky = Memo::new(move |_| ctx.sticky(&sid));
    let text = Signal::derive(move || {
        sticky.with(|s| s.as_ref().map(|s| s.text.clone()).unwrap_or_default())
    });
    let write = {
        let id = id.clone();
        Callback::new(move |value: String| {
            ctx.edit(|r, txn| _ = doc::set_sticky_text(r, txn, &id, &value))
        })
    };
    let grab = {
        let id = id.clone();
        move |ev: web_sys::PointerEvent| {
            if ev.button() != 0 {
                return;
            }
            ev.stop_propagation();
            if press_select(ctx, &id, ev.shift_key()) {
                start_move(ctx, (ev.client_x() as f64, ev.client_y() as f64));
            }
        }
    };
    let start_link = {
        let id = id.clone();
        move |ev: web_sys::PointerEvent| {
            ev.stop_propagation();
            ev.prevent_default();
            let to = ctx.to_board(ev.client_x() as f64, ev.client_y() as f64);
            ctx.drag.set(Some(Drag::Link {
                from: id.clone(),
                to,
            }));
        }
    };
    let focus_select = {
        let id = id.clone();
        move |_: web_sys::FocusEvent| {
            if !ctx.is_selected(&id) {
                ctx.select(vec![id.clone()]);
            }
        }
    };
    let selected = {
        let id = id.clone();
        move || ctx.is_selected(&id)
    };
    let highlighted = {
        let id = id.clone();
        move || ctx.highlight.with(|h| h.contains(&id))
    };
    // The first other participant who has this sticky selected.
    let peer = ctx.selected_by_peer(id.clone());

    view! {
        {move || sticky.get().map(|s| {
            let (own, kind, (x, y, w, h)) = (s.color.clone(), s.kind, (s.x, s.y, s.w, s.h));
            let color = move || crate::legend::fill(ctx, own.as_deref(), kind);
            view! {
                <div
                    class="sticky"
                    class:selected=selected.clone()
                    class:highlighted=highlighted.clone()
                    data-id=s.id.clone()
                    data-kind=s.kind.as_str()
                    style=move || format!("left:{x}px;top:{y}px;width:{w}px;height:{h}px;background:{}", color())
                    on:pointerdown=grab.clone()
                >
                    <div class="sticky-kind">{move || crate::legend::label(ctx, kind)}</div>
                    <div class="sticky-body" on:pointerdown=|ev: web_sys::PointerEvent| ev.stop_propagation() on:focusin=focus_select.clone()>
                        <ImeTextArea value=text on_change=write class="sticky-text" placeholder="Type…" label=format!("{} text", s.kind.label_en()) />
                    </div>
                    {(!s.attributes.is_empty() || !s.examples.is_empty()).then(|| view! {
                        <div class="sticky-details">
                            {(!s.attributes.is_empty()).then(|| format!("{} attr.", s.attributes.len()))}
                            " "
                            {(!s.examples.is_empty()).then(|| format!("{} ex.", s.examples.len()))}
                        </div>
                    })}
                    <span class="link-handle" title="Drag to another sticky to link them" on:pointerdown=start_link.clone()></span>
                    <PeerOutline peer=peer />
                </div>
            }
        })}
    }
}
