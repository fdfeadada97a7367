//! The group box: around a selection of two or more stickies or frames, a dashed box whose
//! border drags the whole group, with the align and distribute buttons above it
//! ([`crate::canvas::arrange`]).

use leptos::prelude::*;
use stormwall_model::arrange::Arrange;

use crate::canvas::arrange::{arrange, describe, items};
use crate::canvas::board_canvas::take_pointer;
use crate::shell::state::BoardCtx;
use crate::stickies::sticky_note::start_move;

/// The group box of the selection.
#[component]
pub fn GroupBox() -> impl IntoView {
    let ctx = BoardCtx::get();
    // (left, top, width, height, how many items); nothing for fewer than two.
    let area = Memo::new(move |_| {
        let ids = ctx.selection.get();
        if ids.len() < 2 {
            return None;
        }
        ctx.board.with(|b| {
            let items = items(b, &ids);
            if items.len() < 2 {
                return None;
            }
            let (l, t, r, bo) = items.iter().fold(
                (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
                |(l, t, r, bo), i| (l.min(i.1), t.min(i.2), r.max(i.1 + i.3), bo.max(i.2 + i.4)),
            );
            Some((l, t, r - l, bo - t, items.len()))
        })
    });
    let grab = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        ev.stop_propagation();
        take_pointer(&ev);
        start_move(ctx, (ev.client_x() as f64, ev.client_y() as f64));
    };
    move || {
        area.get().map(|(x, y, w, h, n)| {
            let buttons = Arrange::ALL
                .into_iter()
                .map(|op| {
                    let (icon, title) = describe(op);
                    view! {
                        <button
                            class="arrange"
                            data-op=op.as_str()
                            title=title
                            aria-label=title
                            disabled=n < op.needs()
                            on:click=move |_| arrange(ctx, op)
                        >
                            {icon}
                        </button>
                    }
                })
                .collect_view();
            view! {
                <div class="group-box" style=format!("left:{x}px;top:{y}px;width:{w}px;height:{h}px")>
                    <span class="group-edge top" on:pointerdown=grab></span>
                    <span class="group-edge bottom" on:pointerdown=grab></span>
                    <span class="group-edge left" on:pointerdown=grab></span>
                    <span class="group-edge right" on:pointerdown=grab></span>
                    <div
                        class="arrange-bar"
                        role="toolbar"
                        aria-label="Align and distribute"
                        on:pointerdown=|ev: web_sys::PointerEvent| ev.stop_propagation()
                    >
                        {buttons}
                    </div>
                </div>
            }
        })
    }
}
