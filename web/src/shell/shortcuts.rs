//! Keyboard shortcuts of the board and the selection operations they run: 1–0 add a sticky,
//! F draws a frame, Delete removes the selection, arrows nudge it, ⌘/Ctrl+D duplicates it,
//! ⌘/Ctrl+A selects every sticky, ⌘/Ctrl+Z undoes this page's own last edit and
//! ⇧⌘/Ctrl+Z (or Ctrl+Y) redoes it. Enter edits the selected sticky's text (Escape ends
//! editing). Escape clears the selection. ⇧1 fits the whole board, ⇧2 zooms to the
//! selection, G turns snapping to the grid on or off. (Copy, cut and paste come through the
//! clipboard events: see [`crate::files::clipboard`].) None of them fires while the user types in a
//! text field.

use leptos::prelude::*;
use stormwall_model::board::STICKY_SIZE;
use stormwall_model::clipboard::Clip;
use stormwall_model::{doc, StickyKind};
use wasm_bindgen::JsCast;

use crate::canvas::board_canvas::add_sticky;
use crate::canvas::zoom_controls::zoom_to_selection;
use crate::files::clipboard;
use crate::shell::prefs;
use crate::shell::state::{BoardCtx, Tool};
use crate::stickies::palette::kind_for_key;

/// Whether the event comes from a text field (or select) the user is working in.
pub fn typing_in_field(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

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

/// Adds a sticky in the middle of the visible canvas (shifted a little per sticky, so a
/// series of additions does not pile up).
pub fn add_centered(ctx: BoardCtx, kind: StickyKind) {
    let (x, y) = view_centre(ctx);
    let n = ctx.board.with_untracked(|b| b.stickies.len()) as f64;
    let jitter = (n % 6.0) * 24.0;
    add_sticky(
        ctx,
        kind,
        x - STICKY_SIZE / 2.0 + jitter,
        y - STICKY_SIZE / 2.0 + jitter,
    );
}

/// Deletes every selected sticky, link, frame and context relation.
pub fn delete_selection(ctx: BoardCtx) {
    let ids = ctx.selection.get_untracked();
    if ids.is_empty() {
        return;
    }
    let ids: std::collections::HashSet<&String> = ids.iter().collect();
    let (stickies, links, frames, relations) = ctx.board.with_untracked(|b| {
        // The ids among `ids` of one kind of item.
        let chosen = |all: Vec<&String>| -> Vec<String> {
            all.into_iter()
                .filter(|i| ids.contains(*i))
                .cloned()
                .collect()
        };
        (
            chosen(b.stickies.iter().map(|s| &s.id).collect()),
            chosen(b.links.iter().map(|l| &l.id).collect()),
            chosen(b.frames.iter().map(|f| &f.id).collect()),
            chosen(b.relations.iter().map(|r| &r.id).collect()),
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
    ctx.select(Vec::new());
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

fn on_key(ctx: BoardCtx, ev: web_sys::KeyboardEvent) {
    let cmd = ev.ctrl_key() || ev.meta_key();
    let key = ev.key();
    if cmd && (key == "z" || key == "Z" || key == "y") {
        // Undo/redo of text typed in a field is the field's own business.
        if typing_in_field(&ev) {
            return;
        }
        ev.prevent_default();
        let redo = key == "y" || ev.shift_key();
        ctx.live.with_value(|c| c.undo(redo));
        return;
    }
    if typing_in_field(&ev) || ev.alt_key() {
        return;
    }
    let step = if ev.shift_key() { 24.0 } else { 4.0 };
    // By physical key: shifted digits are punctuation, and which depends on the layout.
    match (cmd, ev.shift_key(), ev.code().as_str()) {
        (false, true, "Digit1") => return done(ev, || ctx.fit()),
        (false, true, "Digit2") => return done(ev, || zoom_to_selection(ctx)),
        (false, _, "KeyG") => return done(ev, || prefs::snap().toggle()),
        _ => {}
    }
    match (cmd, key.as_str()) {
        (true, "d") => duplicate_selection(ctx),
        (true, "a") => {
            let all = ctx
                .board
                .with_untracked(|b| b.stickies.iter().map(|s| s.id.clone()).collect());
            ctx.select(all);
        }
        (true, _) => return,
        (false, "Delete" | "Backspace") => delete_selection(ctx),
        (false, "Escape") => {
            ctx.select(Vec::new());
            ctx.tool.set(Tool::Select);
        }
        (false, "f" | "F") => ctx.tool.set(Tool::Frame),
        (false, "Enter") => match ctx.selection.get_untracked().as_slice() {
            [one] if ctx.board.with_untracked(|b| b.sticky(one).is_some()) => ctx.edit_text(one),
            _ => return,
        },
        (false, "ArrowLeft") => nudge(ctx, -step, 0.0),
        (false, "ArrowRight") => nudge(ctx, step, 0.0),
        (false, "ArrowUp") => nudge(ctx, 0.0, -step),
        (false, "ArrowDown") => nudge(ctx, 0.0, step),
        (false, k) => match kind_for_key(k) {
            Some(kind) => add_centered(ctx, kind),
            None => return,
        },
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
    let keys = window_event_listener(leptos::ev::keydown, move |ev| on_key(ctx, ev));
    on_cleanup(move || keys.remove());
}
