//! A bounded-context frame: a named, ranked rectangle behind the stickies. Dragging its title
//! bar moves it with every sticky (and smaller frame) inside; the corner resizes it. Its rank
//! (core, supporting, generic subdomain) colours it.

use leptos::prelude::*;
use stormwall_model::{doc, Rank};

use super::sticky_note::{grab, start_move_of, PeerOutline};
use crate::state::{start_resize, BoardCtx, Resizable};

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
    let frame = Memo::new(move |_| ctx.board.with(|b| b.frame(&fid).cloned()));
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
        move |_| {
            ctx.edit(|r, txn| doc::remove_frame(r, txn, &id));
            ctx.select(Vec::new());
        }
    };
    let selected = {
        let id = id.clone();
        move || ctx.is_selected(&id)
    };
    let peer = ctx.selected_by_peer(id.clone());
    let highlighted = move || ctx.highlight.with(|h| h.contains(&id));
    let stop = |ev: web_sys::PointerEvent| ev.stop_propagation();

    view! {
        {move || frame.get().map(|f| {
            let rank = f.rank.map(|r| r.as_str()).unwrap_or("none");
            view! {
                <section
                    class="frame"
                    class:selected=selected.clone()
                    class:highlighted=highlighted.clone()
                    data-id=f.id.clone()
                    data-rank=rank
                    style=format!("left:{}px;top:{}px;width:{}px;height:{}px", f.x, f.y, f.w, f.h)
                >
                    <header class="frame-bar" on:pointerdown=grab.clone() title="Drag to move the context with its stickies">
                        <input
                            class="frame-name"
                            placeholder="Name this context"
                            prop:value=f.name.clone()
                            on:pointerdown=stop
                            on:input=rename.clone()
                            on:compositionstart=move |_| composing.set(true)
                            on:compositionend=composed.clone()
                        />
                        <select class="frame-rank" on:pointerdown=stop on:change=set_rank.clone() title="Subdomain rank">
                            <option value="" selected=f.rank.is_none()>"Rank…"</option>
                            {Rank::ALL.into_iter().map(|r| view! {
                                <option value=r.as_str() selected=f.rank == Some(r)>{r.label_en()}</option>
                            }).collect_view()}
                        </select>
                        <button class="frame-delete" on:pointerdown=stop on:click=delete.clone() title="Delete the frame (its stickies stay)">"×"</button>
                    </header>
                    <PeerOutline peer=peer />
                    <span class="frame-resize" on:pointerdown=resize.clone() title="Resize"></span>
                </section>
            }
        })}
    }
}
