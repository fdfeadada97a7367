//! Swimlanes: named horizontal bands across the board, under everything else. Each band's
//! header stays at the left edge of the view with its name (edit to rename), how many stickies
//! it holds, and buttons to move it up or down (its stickies move with it) or delete it (they
//! stay). **＋ Lane**, beside the zoom controls, adds one under the lowest.

use leptos::prelude::*;
use stormwall_model::doc;
use stormwall_model::timeline::{self, lanes::ordered, Lane, MAX_LANES};

use crate::facilitation::annotations::Annotations;
use crate::shell::ids::new_id;
use crate::shell::state::BoardCtx;

/// Screen pixels between the canvas's left edge and a lane's header (the palette's width).
const HEAD_INSET: f64 = 224.0;

/// Every lane of the board, drawn in the world layer below frames and stickies.
#[component]
pub fn LaneBands() -> impl IntoView {
    let ctx = BoardCtx::get();
    let w = Annotations::get();
    let lanes = Memo::new(move |_| {
        w.marks.with(|m| {
            ordered(&m.lanes)
                .into_iter()
                .cloned()
                .collect::<Vec<Lane>>()
        })
    });
    // Board x where the lane headers stay: the view's left edge, clear of the palette.
    let left = Memo::new(move |_| (HEAD_INSET - ctx.pan.get().0) / ctx.zoom.get());
    view! {
        <For
            each={move || lanes.get().into_iter().enumerate().collect::<Vec<_>>()}
            key={|(i, l): &(usize, Lane)| (*i, l.id.clone(), l.name.clone(), l.y.to_bits(), l.h.to_bits())}
            children={move |(i, lane): (usize, Lane)| view! { <LaneBand lane=lane index=i left=left /> }}
        />
    }
}

/// Moves lane `id` one step up or down, its stickies with it, as one edit.
fn reorder(ctx: BoardCtx, id: &str, up: bool) {
    let Some(r) = ctx.board.with_untracked(|b| timeline::reorder(b, id, up)) else {
        return;
    };
    ctx.edit(|roots, txn| {
        for (lane, y) in &r.lanes {
            doc::set_numbers(&roots.lanes, txn, lane, &[("y", *y)]);
        }
        for (s, x, y) in &r.stickies {
            doc::move_sticky(roots, txn, s, *x, *y);
        }
    });
}

#[component]
fn LaneBand(lane: Lane, index: usize, left: Memo<f64>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let id = lane.id.clone();
    let count = {
        let id = id.clone();
        Memo::new(move |_| ctx.board.with(|b| timeline::members(b, &id).len()))
    };
    let rename = {
        let id = id.clone();
        move |ev: web_sys::Event| {
            let name = event_target_value(&ev);
            ctx.edit(|r, txn| _ = doc::set_lane_name(r, txn, &id, &name));
        }
    };
    let (up, down, del) = (id.clone(), id.clone(), id.clone());
    view! {
        <div class="lane" class:odd=index % 2 == 1 data-id=id.clone() style=format!("top:{}px;height:{}px", lane.y, lane.h)>
            <div class="lane-fill"></div>
            <div class="lane-head" style=move || format!("left:{}px", left.get())
                on:pointerdown=|ev| ev.stop_propagation() on:dblclick=|ev| ev.stop_propagation()>
                <input class="lane-name" aria-label="Lane name" placeholder="Lane name" maxlength="80"
                    prop:value=lane.name.clone() on:change=rename />
                <span class="lane-count">{move || format!("{} stickies", count.get())}</span>
                <button class="lane-up" title="Move the lane up (its stickies move with it)" on:click=move |_| reorder(ctx, &up, true)>"↑"</button>
                <button class="lane-down" title="Move the lane down (its stickies move with it)" on:click=move |_| reorder(ctx, &down, false)>"↓"</button>
                <button class="lane-delete" title="Delete the lane (its stickies stay)" on:click=move |_| ctx.edit(|r, txn| doc::remove_lane(r, txn, &del))>"×"</button>
            </div>
        </div>
    }
}

/// The button that adds a lane under the lowest one (or above the stickies).
#[component]
pub fn AddLaneButton() -> impl IntoView {
    let ctx = BoardCtx::get();
    let w = Annotations::get();
    let full = Memo::new(move |_| w.marks.with(|m| m.lanes.len() >= MAX_LANES));
    let add = move |_| {
        let (y, h, n) = ctx.board.with_untracked(|b| {
            let (y, h) = timeline::new_lane(b);
            (y, h, b.lanes.len() + 1)
        });
        let lane = Lane {
            id: new_id('n'),
            name: format!("Lane {n}"),
            y,
            h,
        };
        ctx.edit(|r, txn| doc::put_lane(r, txn, &lane));
    };
    view! {
        <button class="zoom-button add-lane" disabled=move || full.get()
            title=move || if full.get() { format!("A board holds at most {MAX_LANES} lanes") } else { "Add a swimlane (people, systems, sub-processes)".into() }
            on:click=add>"＋ Lane"</button>
    }
}
