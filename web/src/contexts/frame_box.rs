//! A bounded-context frame: a named, ranked rectangle behind the stickies. Dragging its title
//! bar moves it with every sticky (and smaller frame) inside; the corner resizes it. Its rank
//! (core, supporting, generic subdomain) colours it. Its border grabs it like the title bar;
//! a click in its empty area selects it (see the canvas).

use leptos::prelude::*;
use stormwall_model::{doc, Rank};

use crate::shell::shortcuts::delete_items;
use crate::shell::state::{start_resize, BoardCtx, Resizable};
use crate::stickies::sticky_note::{grab, start_move_of, PeerOutline};

/// Starts moving frame `id` with everything inside it.
fn start_frame_move(ctx: BoardCtx, id: &str, client: (f64, f64)) {
    let ids = ctx.board.with_untracked(|b| b.frame_contents(id));
    if !ids.is_empty() {
        start_move_of(ctx, &ids, client);
    }
}

/// A frame, looked up by id in the board snapshot.
#[component]
pub fn FrameBox(id: String) -> impl IntoView {
    let ctx = BoardCtx::get();
    let fid = id.clone();
    let frame = Memo::new(move |_| ctx.with_layout(|b| b.frame(&fid).cloned()));
    let grab = grab(ctx, id.clone(), start_frame_move);
    let resize = {
        let id = id.clone();
        move |ev: web_sys::PointerEvent| {
            if let Some(f) = frame.get_untracked() {
                start_resize(ctx, Resizable::Frame, &id, (f.w, f.h), &ev);
            }
        }
    };
    // IME-safe: a syllable being composed is written once composition ends.
    let composing = RwSignal::new(false);
    let rename = {
        let id = id.clone();
        move |ev: web_sys::Event| {
            if !composing.get_untracked() {
                let name = event_target_value(&ev);
                ctx.edit(|r, txn| _ = doc::set_frame_name(r, txn, &id, &name));
            }
        }
    };
    let composed = {
        let rename = rename.clone();
        move |ev: web_sys::CompositionEvent| {
            composing.set(false);
            rename(ev.into());
        }
    };
    let set_rank = {
        let id = id.clone();
        move |ev: web_sys::Event| {
            let rank = Rank::parse(&event_target_value(&ev));
            ctx.edit(|r, txn| _ = doc::set_frame_rank(r, txn, &id, rank));
        }
    };
    let delete = {
        let id = id.clone();
        move |_| delete_items(ctx, std::slice::from_ref(&id))
    };
    let selected = {
        let id = id.clone();
        move || ctx.is_selected(&id)
    };
    let peer = ctx.selected_by_peer(id.clone());
    let highlighted = {
        let id = id.clone();
        move || ctx.highlight.with(|h| h.contains(&id))
    };
    let stop = |ev: web_sys::PointerEvent| ev.stop_propagation();

    // Rendered once; the frame's place, name and rank update in place, so renaming keeps the
    // focus and the caret. A name typed elsewhere shows up unless a syllable is being composed.
    let field = NodeRef::<leptos::html::Input>::new();
    let name =
        Memo::new(move |_| frame.with(|f| f.as_ref().map(|f| f.name.clone()).unwrap_or_default()));
    Effect::new(move |_| {
        let name = name.get();
        if let Some(input) = field.get() {
            if !composing.get_untracked() && input.value() != name {
                input.set_value(&name);
            }
        }
    });
    let rank = Memo::new(move |_| frame.with(|f| f.as_ref().and_then(|f| f.rank)));
    let style = move || {
        frame.with(|f| {
            f.as_ref().map(|f| {
                format!(
                    "left:{}px;top:{}px;width:{}px;height:{}px",
                    f.x, f.y, f.w, f.h
                )
            })
        })
    };

    view! {
        <section
            class="frame"
            class:selected=selected
            class:highlighted=highlighted
            data-id=id
            data-rank=move || rank.get().map(|r| r.as_str()).unwrap_or("none")
            style=style
        >
            // The border grabs the frame like its title bar does.
            {["top", "right", "bottom", "left"].map(|side| view! {
                <span class=format!("frame-edge {side}") on:pointerdown=grab.clone() title="Drag to move the context with its stickies"></span>
            })}
            <header class="frame-bar" on:pointerdown=grab title="Drag to move the context with its stickies">
                <input
                    node_ref=field
                    class="frame-name"
                    placeholder="Name this context"
                    aria-label="Name of the bounded context"
                    on:pointerdown=stop
                    on:input=rename
                    on:compositionstart=move |_| composing.set(true)
                    on:compositionend=composed
                />
                <select class="frame-rank" on:pointerdown=stop on:change=set_rank title="Subdomain rank" aria-label="Subdomain rank">
                    <option value="" selected=move || rank.get().is_none()>"Rank…"</option>
                    {Rank::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || rank.get() == Some(r)>{r.label_en()}</option>
                    }).collect_view()}
                </select>
                <button class="frame-delete" on:pointerdown=stop on:click=delete title="Delete the frame (its stickies stay)">"×"</button>
            </header>
            <PeerOutline peer=peer />
            <span class="frame-resize" on:pointerdown=resize title="Resize"></span>
        </section>
    }
}
