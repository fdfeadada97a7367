//! Copy, cut and paste of the selection through the system clipboard, so pieces of a board
//! travel to another board (or tab): ⌘/Ctrl+C puts the selected stickies, the links between
//! them and the selected frames on the clipboard in Stormwall's clipboard format
//! ([`stormwall_model::clipboard`]), ⌘/Ctrl+X also deletes them, and ⌘/Ctrl+V adds a copy
//! with fresh ids centred on the pointer (or on the middle of the view), selected, undoable in
//! one step.
//!
//! It listens to the `copy`, `cut` and `paste` events, so the browser asks for no permission.
//! Text fields keep their own copy and paste, and so does text selected in a side panel.
//! The last copy is also kept in memory, for a paste the browser hands no clipboard data.

use std::cell::RefCell;

use leptos::prelude::*;
use stormwall_model::clipboard::{Clip, ClipError, MIME};
use stormwall_model::doc;
use wasm_bindgen::JsCast;

use crate::shell::ids::new_id;
use crate::shell::keys::meant_for_field;
use crate::shell::shortcuts::{delete_selection, view_centre};
use crate::shell::state::BoardCtx;

thread_local! {
    /// The last clip this page put on the clipboard.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Adds a copy of `clip` centred on board point `at`, with fresh ids, as one undo step, and
/// selects its stickies and frames.
pub fn paste(ctx: BoardCtx, clip: &Clip, at: (f64, f64)) {
    let placed = clip.placed(at, new_id);
    if placed.is_empty() {
        return;
    }
    ctx.live.with_value(|c| c.cut_history());
    ctx.edit(|r, txn| doc::put_clip(r, txn, &placed));
    ctx.live.with_value(|c| c.cut_history());
    let ids = placed
        .stickies
        .iter()
        .map(|s| s.id.clone())
        .chain(placed.frames.iter().map(|f| f.id.clone()))
        .collect();
    ctx.select(ids);
}

/// Whether the user is working with text: in a field, or with text selected in a side panel
/// or banner (a finding in the analysis panel, say). Then copy and paste are the browser's.
fn text_in_use(ev: &web_sys::Event) -> bool {
    let in_field =
        |el: &web_sys::Element| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT");
    let in_panel = |n: Option<web_sys::Node>| {
        n.and_then(|n| match n.dyn_into::<web_sys::Element>() {
            Ok(el) => Some(el),
            Err(n) => n.parent_element(),
        })
        .and_then(|el| el.closest(".side, .banner").ok().flatten())
        .is_some()
    };
    let panel_text = window()
        .get_selection()
        .ok()
        .flatten()
        .filter(|s| !s.is_collapsed())
        .is_some_and(|s| in_panel(s.anchor_node()) && in_panel(s.focus_node()));
    meant_for_field(ev) || document().active_element().is_some_and(|el| in_field(&el)) || panel_text
}

/// Puts the selection on the clipboard; with `cut`, deletes it too.
fn copy(ctx: BoardCtx, ev: web_sys::ClipboardEvent, cut: bool) {
    if text_in_use(&ev) {
        return;
    }
    let ids = ctx.selection.get_untracked();
    let clip = ctx.board.with_untracked(|b| Clip::of(b, &ids));
    if clip.is_empty() {
        return;
    }
    let json = clip.to_json();
    if let Some(data) = ev.clipboard_data() {
        let _ = data.set_data(MIME, &json);
        let _ = data.set_data("text/plain", &json);
    }
    ev.prevent_default();
    LAST.with(|l| *l.borrow_mut() = Some(json));
    if cut {
        delete_selection(ctx);
    }
}

/// What a paste event carries: Stormwall's entry, else the plain text, else (when the browser
/// hands over nothing at all) this page's last copy.
fn pasted_text(ev: &web_sys::ClipboardEvent) -> Option<String> {
    let data = ev.clipboard_data();
    let get = |mime: &str| {
        data.as_ref()
            .and_then(|d| d.get_data(mime).ok())
            .filter(|t| !t.is_empty())
    };
    get(MIME).or_else(|| get("text/plain")).or_else(|| {
        let empty = data.as_ref().is_none_or(|d| d.types().length() == 0);
        empty.then(|| LAST.with(|l| l.borrow().clone())).flatten()
    })
}

/// Where a paste goes: under the pointer when it is over the canvas, else the view's middle.
fn paste_point(ctx: BoardCtx, pointer: Option<(f64, f64)>) -> (f64, f64) {
    let over_canvas = |(x, y): (f64, f64)| {
        document()
            .element_from_point(x as f32, y as f32)
            .and_then(|el| el.closest(".canvas").ok().flatten())
            .is_some()
    };
    match pointer.filter(|p| over_canvas(*p)) {
        Some((x, y)) => ctx.to_board(x, y),
        None => view_centre(ctx),
    }
}

/// The last paste: its text, where it went, and how many times it went there.
type Repeats = StoredValue<Option<(String, (f64, f64), u32)>>;

/// Pastes a clip from the clipboard; anything else on it is left alone. Pasting the same clip
/// at the same point again shifts each copy a little, so copies do not hide each other.
fn on_paste(
    ctx: BoardCtx,
    ev: web_sys::ClipboardEvent,
    pointer: Option<(f64, f64)>,
    last: Repeats,
) {
    if text_in_use(&ev) {
        return;
    }
    let Some(text) = pasted_text(&ev) else {
        return;
    };
    match Clip::from_json(&text) {
        Ok(clip) => {
            ev.prevent_default();
            let at = paste_point(ctx, pointer);
            let n = match last.get_value() {
                Some((t, p, n)) if t == text && p == at => n + 1,
                _ => 0,
            };
            last.set_value(Some((text, at, n)));
            let shift = 24.0 * f64::from(n);
            paste(ctx, &clip, (at.0 + shift, at.1 + shift));
        }
        Err(ClipError::Foreign) => {}
        Err(e) => web_sys::console::warn_1(&format!("nothing pasted: {e}").into()),
    }
}

/// Listens for copy, cut and paste until the board page goes away.
pub fn install(ctx: BoardCtx) {
    let pointer = StoredValue::new(None::<(f64, f64)>);
    let moves = window_event_listener(leptos::ev::pointermove, move |ev| {
        pointer.set_value(Some((ev.client_x() as f64, ev.client_y() as f64)))
    });
    let copies = window_event_listener(leptos::ev::copy, move |ev| copy(ctx, ev, false));
    let cuts = window_event_listener(leptos::ev::cut, move |ev| copy(ctx, ev, true));
    let repeats: Repeats = StoredValue::new(None);
    let pastes = window_event_listener(leptos::ev::paste, move |ev| {
        on_paste(ctx, ev, pointer.get_value(), repeats)
    });
    on_cleanup(move || {
        moves.remove();
        copies.remove();
        cuts.remove();
        pastes.remove();
    });
}
