//! Keyboard shortcuts of the board and the selection operations they run: 1–0 add a sticky,
//! F draws a frame, Delete removes the selection, arrows nudge it, ⌘/Ctrl+D duplicates it,
//! ⌘/Ctrl+A selects every sticky, ⌘/Ctrl+Z undoes this page's own last edit and
//! ⇧⌘/Ctrl+Z (or Ctrl+Y) redoes it. The keyboard-only workshop's keys (arrows between
//! stickies, L to link, ⇧F to frame, I for the inspector) are in [`crate::shell::keyboard_nav`]. Enter edits the selected sticky's text (Escape ends
//! editing). Escape clears the selection. ⇧1 fits the whole board, ⇧2 zooms to the
//! selection, G turns snapping to the grid on or off, ⌥⇧ with a letter aligns or distributes
//! the selection ([`crate::canvas::arrange`]). (Copy, cut and paste come through the
//! clipboard events: see [`crate::files::clipboard`].) None of them fires while the user types in a
//! text field or works in a dialog, nor while a notice holds the keyboard
//! ([`crate::shell::notice`]); keys are read by [`crate::shell::keys`].

use std::sync::Arc;

use leptos::prelude::*;
use stormwall_model::clipboard::Clip;
use stormwall_model::doc;
use stormwall_model::lang::grammar::count;

use crate::canvas::arrange;
use crate::canvas::zoom_controls::zoom_to_selection;
use crate::files::clipboard;
use crate::shell::keyboard_nav::{self, Keyboard};
use crate::shell::keys::{self, meant_for_field};
use crate::shell::notice::Notice;
use crate::shell::panels::Panels;
use crate::shell::prefs;
use crate::shell::state::{BoardCtx, Tool};
use crate::stickies::link_picker;
use crate::stickies::palette::kind_for_digit;
use crate::stickies::placing::add_here;

/// Board coordinates of the middle of the visible canvas.
pub fn view_centre(ctx: BoardCtx) -> (f64, f64) {
    let w = window();
    let vw = w
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(1280.0);
    let vh = w
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0);
    let (ox, oy) = ctx.origin.get_untracked();
    ctx.to_board(ox + (vw - ox) / 2.0, oy + (vh - oy) / 2.0)
}

/// Deletes every selected sticky, link, frame and context relation.
pub fn delete_selection(ctx: BoardCtx) {
    delete_items(ctx, &ctx.selection.get_untracked());
}

/// Deletes the stickies, links, frames and context relations among `ids` as one undo step,
/// and clears the selection. Deleting a frame that holds stickies (which stay) says so, with
/// Undo at hand.
pub fn delete_items(ctx: BoardCtx, ids: &[String]) {
    if ids.is_empty() {
        return;
    }
    let ids: std::collections::HashSet<&String> = ids.iter().collect();
    let (stickies, links, frames, relations, held) = ctx.board.with_untracked(|b| {
        // The ids among `ids` of one kind of item.
        let chosen = |all: Vec<&String>| -> Vec<String> {
            all.into_iter()
                .filter(|i| ids.contains(*i))
                .cloned()
                .collect()
        };
        let frames = chosen(b.frames.iter().map(|f| &f.id).collect());
        // Stickies left behind by deleted frames.
        let held: usize = frames
            .iter()
            .flat_map(|f| b.frame_contents(f))
            .filter(|i| !ids.contains(i) && b.sticky(i).is_some())
            .collect::<std::collections::HashSet<_>>()
            .len();
        (
            chosen(b.stickies.iter().map(|s| &s.id).collect()),
            chosen(b.links.iter().map(|l| &l.id).collect()),
            frames,
            chosen(b.relations.iter().map(|r| &r.id).collect()),
            held,
        )
    });
    ctx.live.with_value(|c| c.cut_history());
    ctx.edit(|r, txn| {
        stickies
            .iter()
            .for_each(|id| doc::remove_sticky(r, txn, id));
        links.iter().for_each(|id| doc::remove_link(r, txn, id));
        frames.iter().for_each(|id| doc::remove_frame(r, txn, id));
        relations
            .iter()
            .for_each(|id| doc::remove_relation(r, txn, id));
    });
    ctx.live.with_value(|c| c.cut_history());
    ctx.select(Vec::new());
    if held > 0 {
        ctx.notices.show(Notice {
            text: frames_deleted(frames.len(), held),
            action: Some((
                "Undo",
                Arc::new(move || ctx.live.with_value(|c| c.undo(false))),
            )),
            holds_keys: false,
        });
    }
}

/// What the notice of deleted frames says.
fn frames_deleted(frames: usize, stickies: usize) -> String {
    format!(
        "Deleted {}; {} inside {} on the board.",
        count(frames, "bounded context"),
        count(stickies, "sticky"),
        if stickies == 1 { "stays" } else { "stay" }
    )
}

/// Moves the selected stickies and frames by (`dx`, `dy`).
pub fn nudge(ctx: BoardCtx, dx: f64, dy: f64) {
    let items = ctx.placed(&ctx.selection.get_untracked());
    ctx.move_placed(&items, dx, dy);
}

/// Duplicates the selection (stickies, the links between them, frames) next to the originals
/// and selects the copies.
pub fn duplicate_selection(ctx: BoardCtx) {
    let ids = ctx.selection.get_untracked();
    let clip = ctx.board.with_untracked(|b| Clip::of(b, &ids));
    if let Some((x0, y0, x1, y1)) = clip.bounds() {
        clipboard::paste(ctx, &clip, ((x0 + x1) / 2.0 + 24.0, (y0 + y1) / 2.0 + 24.0));
    }
}

fn on_key(ctx: BoardCtx, with: (Keyboard, Panels), ev: web_sys::KeyboardEvent) {
    // Keys meant for a text that was just deleted under the user's fingers.
    if ctx.notices.holds_keys() {
        ev.prevent_default();
        if ev.key() == "Escape" {
            ctx.notices.release_keys();
        }
        return;
    }
    let cmd = ev.ctrl_key() || ev.meta_key();
    let letter = keys::letter(&ev);
    if cmd && matches!(letter, Some('z' | 'y')) {
        // Undo/redo of text typed in a field is the field's own business.
        if meant_for_field(&ev) {
            return;
        }
        ev.prevent_default();
        let redo = letter == Some('y') || ev.shift_key();
        ctx.live.with_value(|c| c.undo(redo));
        return;
    }
    if meant_for_field(&ev) || ev.is_composing() {
        return;
    }
    // Sticky to sticky, linking, framing, the inspector: see `keyboard_nav`.
    if keyboard_nav::on_key((ctx, with.0, with.1), &ev, letter) {
        return;
    }
    if ev.alt_key() {
        // ⌥⇧ + letter aligns or distributes the selection.
        if let Some(op) = letter
            .filter(|_| ev.shift_key() && !cmd)
            .and_then(arrange::for_letter)
        {
            done(ev, || arrange::arrange(ctx, op));
        }
        return;
    }
    let step = if ev.shift_key() { 24.0 } else { 4.0 };
    // By physical key: shifted digits are punctuation, and which depends on the layout.
    match (cmd, ev.shift_key(), keys::digit_of(&ev.code())) {
        (false, true, Some('1')) => return done(ev, || ctx.fit()),
        (false, true, Some('2')) => return done(ev, || zoom_to_selection(ctx)),
        (false, false, Some(d)) => match kind_for_digit(d) {
            Some(kind) => return done(ev, || add_here(ctx, kind)),
            None => return,
        },
        _ => {}
    }
    match (cmd, letter) {
        (false, Some('g')) => return done(ev, || prefs::snap().toggle()),
        (true, Some('d')) => return done(ev, || duplicate_selection(ctx)),
        (true, Some('a')) => {
            return done(ev, || {
                let all = ctx
                    .board
                    .with_untracked(|b| b.stickies.iter().map(|s| s.id.clone()).collect());
                ctx.select(all);
            })
        }
        (true, _) => return,
        (false, Some('f')) => return done(ev, || ctx.tool.set(Tool::Frame)),
        _ => {}
    }
    match ev.key().as_str() {
        "Delete" | "Backspace" => {
            // Keyboard users keep their place: the next sticky takes the focus.
            let next = keyboard_nav::successor(ctx);
            delete_selection(ctx);
            if let Some(next) = next {
                keyboard_nav::focus_sticky(ctx, &next);
            }
        }
        "Escape" => {
            ctx.select(Vec::new());
            ctx.tool.set(Tool::Select);
        }
        "Enter" => match ctx.selection.get_untracked().as_slice() {
            [one] if ctx.board.with_untracked(|b| b.sticky(one).is_some()) => ctx.edit_text(one),
            _ => return,
        },
        "ArrowLeft" => nudge(ctx, -step, 0.0),
        "ArrowRight" => nudge(ctx, step, 0.0),
        "ArrowUp" => nudge(ctx, 0.0, -step),
        "ArrowDown" => nudge(ctx, 0.0, step),
        _ => return,
    }
    ev.prevent_default();
}

/// Runs a shortcut's action and keeps the browser from handling the key too.
fn done(ev: web_sys::KeyboardEvent, action: impl FnOnce()) {
    ev.prevent_default();
    action();
}

/// Listens for the board's shortcuts until the board page goes away.
pub fn install(ctx: BoardCtx) {
    let with = (Keyboard::get(), Panels::get());
    let keys = window_event_listener(leptos::ev::keydown, move |ev| on_key(ctx, with, ev));
    // A press anywhere puts the user back in charge of the keys, and ends picking a link.
    let press = window_event_listener(leptos::ev::pointerdown, move |_| {
        ctx.notices.release_keys();
        link_picker::cancel(ctx, with.0.linking);
    });
    on_cleanup(move || {
        keys.remove();
        press.remove();
    });
}
