//! The board without a mouse: one sticky is in the tab order at a time (the selected one, else
//! the first in reading order — a roving tab stop), arrows go to the next sticky in reading
//! order ([`crate::stickies::reading_order`]), Alt/Option+arrows move the selection, L links
//! the focused sticky to one picked with the arrows ([`crate::stickies::link_picker`]),
//! ⇧F puts the selection into a new bounded context, I opens or closes the inspector.
//! Called by the board's shortcuts ([`crate::shell::shortcuts`]).

use leptos::prelude::*;

use crate::canvas::board_canvas::focus_later;
use crate::contexts::frame_around::frame_selection;
use crate::shell::panels::Panels;
use crate::shell::settled::settled;
use crate::shell::shortcuts::nudge;
use crate::shell::state::BoardCtx;
use crate::stickies::link_picker::{self, Linking};
use crate::stickies::reading_order::{self, Step};

/// Keyboard state of a board page, provided as a context by the board page.
#[derive(Clone, Copy)]
pub struct Keyboard {
    /// The one sticky in the tab order, settled: every sticky element reads it.
    pub tab_stop: ReadSignal<Option<String>>,
    /// The link being made from the keyboard, if any.
    pub linking: RwSignal<Option<Linking>>,
}

impl Keyboard {
    /// The keyboard state of the board of `ctx`.
    pub fn new(ctx: BoardCtx) -> Keyboard {
        let find = move || {
            let first_selected = ctx.selection.with(|sel| {
                ctx.board
                    .with(|b| sel.iter().find(|id| b.sticky(id).is_some()).cloned())
            });
            first_selected.or_else(|| {
                ctx.board
                    .with(|b| reading_order::first(&b.stickies).map(|s| s.id.clone()))
            })
        };
        Keyboard {
            tab_stop: settled(find),
            linking: RwSignal::new(None),
        }
    }

    /// The context provided by the board page.
    pub fn get() -> Keyboard {
        expect_context::<Keyboard>()
    }
}

/// The sticky that has the keyboard focus, if one has.
pub fn focused_sticky() -> Option<String> {
    let el = document().active_element()?;
    el.class_list()
        .contains("sticky")
        .then(|| el.get_attribute("data-id"))
        .flatten()
}

/// Brings sticky `id` into view when it is outside, selects it and gives it the focus.
pub fn focus_sticky(ctx: BoardCtx, id: &str) {
    let seen = ctx.board.with_untracked(|b| {
        b.sticky(id).map(|s| {
            let (vw, vh) = ctx.viewport();
            let z = ctx.zoom.get_untracked();
            let (px, py) = ctx.pan.get_untracked();
            let (l, t) = (s.x * z + px, s.y * z + py);
            (
                l >= 0.0 && t >= 0.0 && l + s.w * z <= vw && t + s.h * z <= vh,
                s.centre(),
            )
        })
    });
    let Some((inside, (cx, cy))) = seen else {
        return;
    };
    if !inside {
        ctx.centre_on(cx, cy);
    }
    ctx.select(vec![id.to_string()]);
    focus_later(format!(".sticky[data-id=\"{id}\"]"));
}

/// Handles a key of the keyboard-only workshop; returns whether it was one.
pub fn on_key(
    (ctx, kb, panels): (BoardCtx, Keyboard, Panels),
    ev: &web_sys::KeyboardEvent,
    letter: Option<char>,
) -> bool {
    if kb.linking.get_untracked().is_some() {
        return link_picker::on_key(ctx, kb.linking, ev);
    }
    let cmd = ev.ctrl_key() || ev.meta_key();
    let key = ev.key();
    if let Some(step) = Step::of_key(&key).filter(|_| !cmd) {
        if ev.alt_key() {
            let d = if ev.shift_key() { 24.0 } else { 4.0 };
            let (dx, dy) = match step {
                Step::Next => (d, 0.0),
                Step::Previous => (-d, 0.0),
                Step::Up => (0.0, -d),
                Step::Down => (0.0, d),
            };
            nudge(ctx, dx, dy);
            ev.prevent_default();
            return true;
        }
        // Plain arrows go from sticky to sticky while one has the focus.
        let Some(from) = focused_sticky() else {
            return false;
        };
        let to = ctx
            .board
            .with_untracked(|b| reading_order::step(&b.stickies, Some(from.as_str()), step));
        if let Some(to) = to {
            focus_sticky(ctx, &to);
        }
        ev.prevent_default();
        return true;
    }
    if cmd || ev.alt_key() {
        return false;
    }
    match letter {
        Some('l') => link_picker::start(ctx, kb.linking),
        Some('i') => panels.inspector.update(|o| *o = !*o),
        Some('f') if ev.shift_key() => frame_selection(ctx),
        _ => return false,
    }
    ev.prevent_default();
    true
}

/// After the focused sticky is deleted, the sticky that took its place in reading order.
pub fn successor(ctx: BoardCtx) -> Option<String> {
    let from = focused_sticky()?;
    ctx.board.with_untracked(|b| {
        reading_order::step(&b.stickies, Some(from.as_str()), Step::Next)
            .or_else(|| reading_order::step(&b.stickies, Some(from.as_str()), Step::Previous))
    })
}
