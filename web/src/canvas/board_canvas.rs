//! The pannable, zoomable canvas: frames and the relations between them under links under
//! stickies, everyone's cursors on top, and every pointer gesture — pan, move, link, draw a
//! frame, resize one, rubber-band selection, pinch ([`crate::canvas::pinch`]) — plus double-click to
//! add a domain event. A click in a frame's empty area selects the frame.

use leptos::html::Main;
use leptos::prelude::*;
use stormwall_model::board::STICKY_SIZE;
use stormwall_model::{doc, Frame, Link, StickyKind};
use wasm_bindgen::JsCast;

use crate::canvas::detail::{element_stickies, Detail, FAR};
use crate::canvas::far_layer::FarStickies;
use crate::canvas::geometry::frame_at;
use crate::canvas::group_box::GroupBox;
use crate::canvas::mounting::mounted;
use crate::contexts::frame_box::FrameBox;
use crate::contexts::relation_lines::ContextRelations;
use crate::presence::cursor_share::CursorShare;
use crate::presence::remote_cursors::RemoteCursors;
use crate::shell::ids::new_id;
use crate::shell::state::{BoardCtx, Drag, Tool};
use crate::stickies::link_layer::LinkLayer;
use crate::stickies::placing::add_sticky;
use crate::stickies::sticky_note::{press_select, start_move, StickyNote};

/// Normalised rectangle (x, y, w, h) spanned by two corners.
pub fn rect(a: (f64, f64), b: (f64, f64)) -> (f64, f64, f64, f64) {
    (
        a.0.min(b.0),
        a.1.min(b.1),
        (a.0 - b.0).abs(),
        (a.1 - b.1).abs(),
    )
}

/// The id of the sticky under a screen point, if any: an element, or one painted from afar.
fn sticky_at(ctx: BoardCtx, x: f64, y: f64) -> Option<String> {
    let element = || {
        document()
            .element_from_point(x as f32, y as f32)?
            .closest(".sticky")
            .ok()??
            .get_attribute("data-id")
    };
    element().or_else(|| Detail::get()?.hit(ctx.to_board(x, y)))
}

/// Applies a drag step to the document or the view.
fn drag_to(ctx: BoardCtx, d: Drag, client: (f64, f64), board: (f64, f64)) {
    match d {
        Drag::Pan { from, start, .. } => ctx
            .pan
            .set((start.0 + client.0 - from.0, start.1 + client.1 - from.1)),
        Drag::Move { from, items, .. } => {
            crate::canvas::snap::move_placed(ctx, &items, board.0 - from.0, board.1 - from.1)
        }
        Drag::Link { from, .. } => ctx.drag.set(Some(Drag::Link { from, to: board })),
        Drag::Frame { start, .. } => ctx.drag.set(Some(Drag::Frame { start, end: board })),
        Drag::Resize {
            what,
            id,
            from,
            size,
        } => {
            let (min_w, min_h) = what.min();
            let w = (size.0 + board.0 - from.0).max(min_w).round();
            let h = (size.1 + board.1 - from.1).max(min_h).round();
            ctx.edit(|r, txn| _ = doc::set_numbers(what.root(r), txn, &id, &[("w", w), ("h", h)]));
        }
        Drag::Band { start, base, .. } => {
            let (x, y, w, h) = rect(start, board);
            let mut sel = base.clone();
            ctx.board.with_untracked(|b| {
                for s in &b.stickies {
                    let (cx, cy) = s.centre();
                    if cx >= x && cx <= x + w && cy >= y && cy <= y + h && !sel.contains(&s.id) {
                        sel.push(s.id.clone());
                    }
                }
            });
            ctx.select(sel);
            ctx.drag.set(Some(Drag::Band {
                start,
                end: board,
                base,
            }));
        }
    }
}

/// Ends a drag: creates the link or frame it drew.
fn drop_drag(ctx: BoardCtx, d: Drag, client: (f64, f64)) {
    match d {
        Drag::Link { from, .. } => {
            if let Some(to) = sticky_at(ctx, client.0, client.1).filter(|t| *t != from) {
                let link = Link::new(&new_id('l'), &from, &to);
                ctx.live.with_value(|c| c.cut_history());
                ctx.edit(|r, txn| doc::put_link(r, txn, &link));
                ctx.select(vec![link.id]);
            }
        }
        Drag::Frame { start, end } => {
            let (mut x, mut y, mut w, mut h) = rect(start, end);
            if w < 40.0 || h < 40.0 {
                (x, y, w, h) = (start.0, start.1, 480.0, 320.0);
            }
            let frame = Frame {
                id: new_id('f'),
                name: String::new(),
                x: x.round(),
                y: y.round(),
                w: w.round(),
                h: h.round(),
                rank: None,
            };
            ctx.live.with_value(|c| c.cut_history());
            ctx.edit(|r, txn| doc::put_frame(r, txn, &frame));
            ctx.tool.set(Tool::Select);
            ctx.select(vec![frame.id.clone()]);
            focus_later(format!(".frame[data-id=\"{}\"] .frame-name", frame.id));
        }
        Drag::Move {
            from, click_edits, ..
        } => {
            ctx.live.with_value(|c| c.cut_history());
            let (x, y) = ctx.to_board(client.0, client.1);
            let still = (x - from.0).hypot(y - from.1) * ctx.zoom.get_untracked() < 4.0;
            if let Some(id) = click_edits.filter(|_| still) {
                ctx.edit_text_at(&id, text_offset_at(client));
            }
        }
        Drag::Resize { .. } => ctx.live.with_value(|c| c.cut_history()),
        Drag::Pan {
            from,
            click_selects: Some(frame),
            ..
        } => {
            if (client.0 - from.0).hypot(client.1 - from.1) < 4.0 {
                ctx.select(vec![frame]);
            }
        }
        Drag::Pan { .. } | Drag::Band { .. } => {}
    }
}

/// The offset (UTF-16) in a sticky's shown text under a screen point: where a click into the
/// text puts the caret.
fn text_offset_at((x, y): (f64, f64)) -> Option<u32> {
    let caret = document().caret_position_from_point(x as f32, y as f32)?;
    let node = caret.offset_node()?;
    node.parent_element()?.closest("div.sticky-text").ok()??;
    Some(caret.offset())
}

/// Starts a gesture without the browser's own: no text selection, no native drag of selected
/// text (which would cancel the pointer mid-gesture), and any field being edited lets go.
pub fn take_pointer(ev: &web_sys::PointerEvent) {
    ev.prevent_default();
    if let Some(sel) = window().get_selection().ok().flatten() {
        let _ = sel.remove_all_ranges();
    }
    if let Some(el) = document().active_element() {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.blur();
        }
    }
}

/// Focuses the element matching `selector` once it is rendered — unless meanwhile the focus
/// moved into a field or a dialog (a sticky added by a key pressed right after Escape has its
/// text area focused, and must keep it: typing goes there, not to the sticky just left).
pub fn focus_later(selector: String) {
    let before = document().active_element();
    request_animation_frame(move || {
        // Someone started typing elsewhere in the meantime (a new sticky's text, a dialog's
        // field): their caret stays where it is.
        let now = document().active_element();
        let typing_elsewhere = now.as_ref().is_some_and(|e| {
            Some(e) != before.as_ref()
                && (matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || e.closest("[role=dialog], dialog").ok().flatten().is_some())
        });
        if typing_elsewhere {
            return;
        }
        if let Some(el) = document().query_selector(&selector).ok().flatten() {
            if let Ok(t) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = t.focus();
            }
        }
    });
}

/// Spacing of the background dots: 24 board units, doubled while they would crowd.
fn grid(zoom: f64) -> f64 {
    let mut s = 24.0 * zoom;
    while s < 14.0 {
        s *= 2.0;
    }
    s
}

/// The canvas of an open board.
#[component]
pub fn Canvas() -> impl IntoView {
    let ctx = BoardCtx::get();
    let el = NodeRef::<Main>::new();
    let cursor = CursorShare::new();
    let pinch = crate::canvas::pinch::Pinch::new(ctx);
    let edge = crate::canvas::edge_pan::EdgePan::new();
    let detail = Detail::provide(ctx);
    // Fitted once for the links and the far view alike.
    let fits = StoredValue::new_local(crate::stickies::fitting::FitCache::default());
    // Measured in the first frame, where the page is laid out anyway: measuring as the
    // canvas mounts would lay out the whole new page inside the task that builds it.
    Effect::new(move |_| {
        if let Some(m) = el.get() {
            request_animation_frame(move || {
                let r = m.get_bounding_client_rect();
                let origin = (r.left(), r.top());
                if ctx.origin.get_untracked() != origin {
                    ctx.origin.set(origin);
                }
            });
        }
    });

    let on_pointer_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        take_pointer(&ev);
        let client = (ev.client_x() as f64, ev.client_y() as f64);
        let board = ctx.to_board(client.0, client.1);
        // A painted sticky pressed before it became an element (a touch) is pressed all the same.
        let painted = (ctx.tool.get_untracked() == Tool::Select)
            .then(|| detail.hit(board))
            .flatten();
        if let Some(id) = painted {
            detail.hot.set(Some(id.clone()));
            if press_select(ctx, &id, ev.shift_key()) {
                start_move(ctx, client);
            }
        } else if ctx.tool.get_untracked() == Tool::Frame {
            ctx.drag.set(Some(Drag::Frame {
                start: board,
                end: board,
            }));
        } else if ev.shift_key() {
            let base = ctx.selection.get_untracked();
            ctx.drag.set(Some(Drag::Band {
                start: board,
                end: board,
                base,
            }));
        } else {
            // A frame's empty area pans, and selects the frame on a click.
            ctx.select(Vec::new());
            ctx.drag.set(Some(Drag::Pan {
                from: client,
                start: ctx.pan.get_untracked(),
                click_selects: ctx.board.with_untracked(|b| frame_at(b, board)),
            }));
        }
    };
    let on_pointer_move = move |ev: web_sys::PointerEvent| {
        let client = (ev.client_x() as f64, ev.client_y() as f64);
        let board = ctx.to_board(client.0, client.1);
        ctx.pointer.set_value(Some(board));
        cursor.update(ctx, Some(board));
        detail.pointer_at(Some(board));
        if let Some(d) = ctx.drag.get_untracked() {
            if !matches!(d, Drag::Pan { .. }) {
                edge.moved(ctx, client, move |client| {
                    if let Some(d) = ctx.drag.get_untracked() {
                        drag_to(ctx, d, client, ctx.to_board(client.0, client.1));
                    }
                });
            }
            drag_to(ctx, d, client, board);
        }
    };
    let on_pointer_up = move |ev: web_sys::PointerEvent| {
        edge.stop();
        if let Some(d) = ctx.drag.get_untracked() {
            ctx.drag.set(None);
            drop_drag(ctx, d, (ev.client_x() as f64, ev.client_y() as f64));
        }
    };
    let on_pointer_leave = move |_: web_sys::PointerEvent| {
        edge.stop();
        ctx.drag.set(None);
        ctx.pointer.set_value(None);
        cursor.update(ctx, None);
        detail.pointer_at(None);
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        if ev.ctrl_key() || ev.meta_key() {
            let (ox, oy) = ctx.origin.get_untracked();
            ctx.zoom_at(
                (-ev.delta_y() * 0.002).exp(),
                (ev.client_x() as f64 - ox, ev.client_y() as f64 - oy),
            );
        } else {
            ctx.pan.update(|p| {
                p.0 -= ev.delta_x();
                p.1 -= ev.delta_y();
            });
        }
    };
    let on_dblclick = move |ev: web_sys::MouseEvent| {
        let (x, y) = ctx.to_board(ev.client_x() as f64, ev.client_y() as f64);
        add_sticky(
            ctx,
            StickyKind::DomainEvent,
            x - STICKY_SIZE / 2.0,
            y - STICKY_SIZE / 2.0,
        );
    };
    // Sorted, so the stacking order is the same on every page and stable while editing.
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let empty = Memo::new(move |_| {
        ctx.board
            .with(|b| b.stickies.is_empty() && b.frames.is_empty())
    });
    let drawn = mounted(ctx, element_stickies(ctx, detail));
    let frame_ids = Memo::new(move |_| {
        sorted(
            ctx.board
                .with(|b| b.frames.iter().map(|f| f.id.clone()).collect()),
        )
    });
    // The dot grid's cell, and where the layer sits: within one cell of the canvas corner.
    let cell = Memo::new(move |_| grid(ctx.zoom.get()));
    let dots = move || {
        let (x, y) = ctx.pan.get();
        let s = cell.get();
        format!(
            "background-size:{s}px {s}px;transform:translate({}px,{}px)",
            x.rem_euclid(s) - s,
            y.rem_euclid(s) - s
        )
    };
    let band = move || match ctx.drag.get() {
        Some(Drag::Band { start, end, .. }) | Some(Drag::Frame { start, end }) => {
            let (x, y, w, h) = rect(start, end);
            Some(format!("left:{x}px;top:{y}px;width:{w}px;height:{h}px"))
        }
        _ => None,
    };

    view! {
        <main
            node_ref=el
            class="canvas"
            class:panning=move || matches!(ctx.drag.get(), Some(Drag::Pan { .. }))
            class:drawing=move || ctx.tool.get() == Tool::Frame
            on:pointerdown:capture=move |ev| pinch.down(ev)
            on:pointermove:capture=move |ev| pinch.moved(ev)
            on:pointerup:capture=move |ev| pinch.up(ev)
            on:pointercancel:capture=move |ev| pinch.up(ev)
            on:pointerdown=on_pointer_down
            on:pointermove=on_pointer_move
            on:pointerup=on_pointer_up
            on:pointerleave=on_pointer_leave
            on:wheel=on_wheel
            on:dblclick=on_dblclick
        >
            <div class="dots" style=dots></div>
            // Pan and zoom on two layers: a pan changes a translation only, which the browser
            // applies to pixels already drawn.
            <div class="pan-layer" style=move || { let (x, y) = ctx.pan.get(); format!("transform:translate({x}px,{y}px)") }>
            <div class="world" class:far=move || ctx.zoom.get() < FAR style=move || { let z = ctx.zoom.get(); format!("transform:scale({z});--zoom:{z};--text-zoom:{}", (FAR / z).max(1.0)) }>
                <crate::timeline::lanes::LaneBands />
                <crate::timeline::pivotal_lines::PivotalLines />
                <For each=move || frame_ids.get() key=|id| id.clone() let:fid>
                    <FrameBox id=fid />
                </For>
                <ContextRelations />
                <LinkLayer fits=fits />
                <FarStickies detail=detail fits=fits />
                <For each=move || drawn.get() key=|id| id.clone() let:sid>
                    <StickyNote id=sid />
                </For>
                <GroupBox />
                {move || band().map(|style| view! { <div class="band" style=style></div> })}
                <RemoteCursors />
            </div>
            </div>
            {move || empty.get().then(|| view! {
                <div class="empty-board">
                    <p class="empty-title">"An empty board"</p>
                    <p>"Start with domain events: what happened in the business, in past tense — “Order placed”, “주문됨”."</p>
                    <p>"Pick a sticky from the palette, press 1–0, or double-click the canvas."</p>
                    <p class="hint">"Drag the dot on a sticky's edge onto another to link them · F draws a bounded context · ⌘/Ctrl+Z undoes your own edits."</p>
                </div>
            })}
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::{grid, rect};

    #[test]
    fn rectangles_span_corners_in_any_order() {
        assert_eq!(rect((10.0, 50.0), (4.0, 20.0)), (4.0, 20.0, 6.0, 30.0));
    }

    #[test]
    fn background_dots_never_crowd() {
        assert_eq!(grid(1.0), 24.0);
        assert!(grid(0.2) >= 14.0);
    }
}
