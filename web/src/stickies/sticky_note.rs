//! One sticky note on the canvas: its colour, its text (editable in place, IME-safe), a body
//! to drag it (and the rest of the selection) by, a handle to draw a link from, its selection
//! outline, and the outline of any other participant who has it selected.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use stormwall_model::{doc, Sticky};
use wasm_bindgen::JsCast;

use crate::canvas::board_canvas::{focus_later, take_pointer};
use crate::shell::keyboard_nav::Keyboard;
use crate::shell::notice::{Action, Notice};
use crate::shell::state::{start_resize, BoardCtx, Drag, Resizable};
use crate::stickies::ime_text_area::ImeTextArea;
use crate::stickies::placing::add_next;

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
        click_edits: None,
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

/// The press handler of an item's body (a sticky, a frame's bar): selects the item (shift
/// toggles it) and, when it is selected afterwards, starts `drag` from the press point.
pub fn grab(
    ctx: BoardCtx,
    id: String,
    drag: fn(BoardCtx, &str, (f64, f64)),
) -> impl Fn(web_sys::PointerEvent) + Clone + 'static {
    move |ev| {
        if ev.button() != 0 {
            return;
        }
        ev.stop_propagation();
        take_pointer(&ev);
        if press_select(ctx, &id, ev.shift_key()) {
            drag(ctx, &id, (ev.client_x() as f64, ev.client_y() as f64));
        }
    }
}

/// Tells the user that the sticky they were typing in was deleted by someone else, offers to
/// put it back, and holds the keyboard so what they type next goes nowhere.
fn deleted_while_editing(ctx: BoardCtx, lost: Option<Sticky>) {
    let restore = lost.map(|s| {
        let run: Action = Arc::new(move || {
            ctx.live.with_value(|c| c.cut_history());
            ctx.edit(|r, txn| doc::put_sticky(r, txn, &s));
            ctx.edit_text(&s.id);
        });
        ("Restore", run)
    });
    ctx.notices.show(Notice {
        text: "Someone else deleted the sticky you were typing in. Keys do nothing until you press Esc or click.".into(),
        action: restore,
        holds_keys: true,
    });
}

/// The outline and name tag of another participant who has the item selected.
#[component]
pub fn PeerOutline(peer: Memo<Option<crate::presence::awareness::User>>) -> impl IntoView {
    move || {
        peer.get().map(|u| {
            view! {
                <span class="peer-outline" style=format!("border-color:{}", u.color)></span>
                <span class="peer-tag" style=format!("background:{}", u.color)>{u.name}</span>
            }
        })
    }
}

/// A sticky note, looked up by id in the board snapshot. Rendered once; its position,
/// colour, kind and text update in place, so typing or dragging touches one element.
#[component]
pub fn StickyNote(id: String) -> impl IntoView {
    let ctx = BoardCtx::get();
    let sticky = ctx.sticky_memo(id.clone());
    let text = Signal::derive(move || {
        sticky.with(|s| s.as_ref().map(|s| s.text.clone()).unwrap_or_default())
    });
    let kind = Memo::new(move |_| sticky.with(|s| s.as_ref().map(|s| s.kind)));
    // Place, colour, and the text's size with the height that holds it (smaller type first,
    // then a taller sticky); and whether the text made it taller than its own size.
    let look = Memo::new(move |_| {
        sticky.with(|s| {
            s.as_ref().map(|s| {
                let f = stormwall_model::fit::of(s);
                let style = format!(
                    "left:{}px;top:{}px;width:{}px;height:{}px;--fit:{}px;background:{}",
                    s.x,
                    s.y,
                    s.w,
                    f.height,
                    f.size,
                    crate::legend::board_legend::fill(ctx, s.color.as_deref(), s.kind)
                );
                (style, (f.height > s.h).to_string())
            })
        })
    });
    let style = move || look.with(|l| l.as_ref().map(|l| l.0.clone()));
    let grown = move || look.with(|l| l.as_ref().map(|l| l.1.clone()));
    let details = move || {
        sticky.with(|s| {
            let s = s.as_ref()?;
            let (a, e) = (s.attributes.len(), s.examples.len());
            (a + e > 0).then(|| {
                let mut parts = Vec::new();
                if a > 0 {
                    parts.push(format!("{a} attr."));
                }
                if e > 0 {
                    parts.push(format!("{e} ex."));
                }
                parts.join(" ")
            })
        })
    };
    let write = {
        let id = id.clone();
        Callback::new(move |value: String| {
            ctx.edit(|r, txn| _ = doc::set_sticky_text(r, txn, &id, &value))
        })
    };
    let grab = grab(ctx, id.clone(), |ctx, _, client| start_move(ctx, client));
    let resize = {
        let id = id.clone();
        move |ev: web_sys::PointerEvent| {
            if let Some(s) = sticky.get_untracked() {
                start_resize(ctx, Resizable::Sticky, &id, (s.w, s.h), &ev);
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
    // Pressing the text selects and drags like the rest of the sticky; a click that does not
    // move (without shift) opens the text for editing. Leaving the text area closes it.
    let press_text = {
        let id = id.clone();
        let grab = grab.clone();
        move |ev: web_sys::PointerEvent| {
            if ctx.editing.get_untracked().as_deref() == Some(id.as_str()) {
                ev.stop_propagation();
                return;
            }
            grab(ev.clone());
            if !ev.shift_key() {
                ctx.drag.update(|d| {
                    if let Some(Drag::Move { click_edits, .. }) = d {
                        *click_edits = Some(id.clone());
                    }
                });
            }
        }
    };
    let editing = {
        let id = id.clone();
        Memo::new(move |_| ctx.editing.with(|e| e.as_deref() == Some(id.as_str())))
    };
    let stop_editing = {
        let id = id.clone();
        move |ev: web_sys::FocusEvent| {
            // The window losing focus (switching apps) is not leaving the text.
            if ev.related_target().is_none() && !document().has_focus().unwrap_or(true) {
                return;
            }
            // A sticky deleted under the user's fingers loses its text area too: that ends
            // editing when it goes (below), with a notice.
            let gone = ctx.board.with_untracked(|b| b.sticky(&id).is_none());
            if !gone && ctx.editing.get_untracked().as_deref() == Some(id.as_str()) {
                ctx.editing.set(None);
            }
        }
    };
    // A sticky removed while edited (by someone else) is no longer being edited, and the
    // keys that follow, meant for its text, must not become board shortcuts. The text area
    // keeps the sticky as last seen here, to put it back.
    let last = Arc::new(Mutex::new(None::<Sticky>));
    let last_seen = last.clone();
    {
        let id = id.clone();
        on_cleanup(move || {
            if ctx.editing.try_get_untracked().flatten().as_deref() != Some(id.as_str()) {
                return;
            }
            ctx.editing.try_set(None);
            let gone = ctx.board.try_with_untracked(|b| b.sticky(&id).is_none());
            if gone == Some(true) {
                let lost = last.lock().unwrap_or_else(|e| e.into_inner()).take();
                deleted_while_editing(ctx, lost);
            }
        });
    }
    // Escape ends editing; Tab (or ⌘/Ctrl+Enter) goes on with the next sticky of the kind.
    let keys = {
        let id = id.clone();
        move |ev: web_sys::KeyboardEvent| {
            let key = ev.key();
            let next = (key == "Tab" && !ev.shift_key())
                || (key == "Enter" && (ev.ctrl_key() || ev.meta_key()));
            if next {
                ev.prevent_default();
                // Text still being composed (Korean, say) is kept as the field shows it.
                if let Some(t) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                {
                    write.run(t.value());
                }
                add_next(ctx, &id);
            } else if (key == "Escape" && !ev.is_composing()) || (key == "Tab" && ev.shift_key()) {
                // Escape while an IME composes cancels the composition, not the editing. The
                // keyboard stays on the sticky (never off to the next control on the page).
                ev.prevent_default();
                ctx.editing.set(None);
                focus_later(format!(".sticky[data-id=\"{id}\"]"));
            }
        }
    };
    let label = move || {
        kind.get()
            .map(|k| crate::legend::board_legend::label(ctx, k))
            .unwrap_or_default()
    };
    // Only the sticky being edited has a text area; the others show their text, which keeps
    // a big board light to draw.
    let shown_text = move || {
        if editing.get() {
            let last = last_seen.clone();
            Effect::new(move |_| {
                if let Some(s) = sticky.get() {
                    *last.lock().unwrap_or_else(|e| e.into_inner()) = Some(s);
                }
            });
            view! {
                <ImeTextArea value=text on_change=write class="sticky-text" placeholder="Type…" label=Signal::derive(move || format!("{} text", label())) autofocus=true caret=ctx.caret.get_value() />
            }
            .into_any()
        } else {
            view! { <div class="sticky-text" data-placeholder="Type…">{move || text.get()}</div> }
                .into_any()
        }
    };
    // The first other participant who has this sticky selected.
    let peer = ctx.selected_by_peer(id.clone());
    let made_by = crate::history::authorship_hint::hint(ctx, id.clone());
    // Keyboard: one sticky in the tab order; its name says its kind and text.
    let kb = Keyboard::get();
    let tab_stop = {
        let id = id.clone();
        move || {
            if kb.tab_stop.with(|t| t.as_deref() == Some(id.as_str())) {
                "0"
            } else {
                "-1"
            }
        }
    };
    let aria_label = move || {
        let text = text.get();
        match text.trim() {
            "" => format!("{}, empty", label()),
            t => format!("{}: {t}", label()),
        }
    };
    // Selected, highlighted (found by the analysis) and the target of a link being made
    // with the keyboard: one class list, so a sticky element watches these once.
    let classes = {
        let id = id.clone();
        move || {
            let mut c = String::from("sticky");
            if ctx.is_selected(&id) {
                c.push_str(" selected");
            }
            if ctx.highlight.with(|h| h.contains(&id)) {
                c.push_str(" highlighted");
            }
            let target = kb.linking.with(|l| {
                l.as_ref()
                    .is_some_and(|l| l.to.as_deref() == Some(id.as_str()))
            });
            if target {
                c.push_str(" link-target");
            }
            c
        }
    };
    let focused = {
        let id = id.clone();
        move |_: web_sys::FocusEvent| {
            if !ctx.is_selected(&id) && ctx.editing.get_untracked().is_none() {
                ctx.select(vec![id.clone()]);
            }
        }
    };
    let marks =
        view! { <crate::facilitation::sticky_marks::StickyMarks id=id.clone() kind=kind /> };

    let marker_id = id.clone();
    view! {
        <div
            class=classes
            data-id=id
            tabindex=tab_stop
            role="group"
            aria-roledescription="sticky"
            aria-label=aria_label
            on:focus=focused
            data-kind=move || kind.get().map(|k| k.as_str())
            data-grown=grown
            style=style
            title=made_by
            on:pointerdown=grab
        >
            <div class="sticky-kind">{label}</div>
            <div class="sticky-body" on:pointerdown=press_text on:focusout=stop_editing on:keydown=keys>
                {shown_text}
            </div>
            {move || details().map(|d| view! { <div class="sticky-details">{d}</div> })}
            <span class="link-handle" title="Drag to another sticky to link them" on:pointerdown=start_link></span>
            <span class="sticky-resize" title="Resize" on:pointerdown=resize></span>
            {marks}
            <PeerOutline peer=peer />
            <crate::facilitation::private_marker::PrivateMarker id=marker_id />
        </div>
    }
}
