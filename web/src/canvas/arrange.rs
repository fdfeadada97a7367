//! Aligning and distributing the selection ([`stormwall_model::arrange`]): stickies at the size
//! their text makes them, frames with what they hold. Each operation is one undo step and goes
//! to everyone like any edit. Keys: ⌥⇧ (Alt+Shift) with L, C, R (left, centre, right),
//! T, M, B (top, middle, bottom), H and V (distribute horizontally, vertically).

use std::collections::HashSet;

use leptos::prelude::*;
use stormwall_model::arrange::{Arrange, Item};
use stormwall_model::{doc, Board};

use crate::shell::state::BoardCtx;

/// The operation an Alt+Shift+letter shortcut runs.
pub fn for_letter(letter: char) -> Option<Arrange> {
    Some(match letter {
        'l' => Arrange::Left,
        'c' => Arrange::CentreX,
        'r' => Arrange::Right,
        't' => Arrange::Top,
        'm' => Arrange::CentreY,
        'b' => Arrange::Bottom,
        'h' => Arrange::SpreadX,
        'v' => Arrange::SpreadY,
        _ => return None,
    })
}

/// What a button or key of `op` says it does.
pub fn describe(op: Arrange) -> (&'static str, &'static str) {
    match op {
        Arrange::Left => ("⇤", "Align left edges (⌥⇧L)"),
        Arrange::CentreX => ("↔", "Align centres (⌥⇧C)"),
        Arrange::Right => ("⇥", "Align right edges (⌥⇧R)"),
        Arrange::Top => ("⤒", "Align top edges (⌥⇧T)"),
        Arrange::CentreY => ("↕", "Align middles (⌥⇧M)"),
        Arrange::Bottom => ("⤓", "Align bottom edges (⌥⇧B)"),
        Arrange::SpreadX => ("⋯", "Distribute horizontally, evenly spaced (⌥⇧H)"),
        Arrange::SpreadY => ("⋮", "Distribute vertically, evenly spaced (⌥⇧V)"),
    }
}

/// The items of the selection `ids` to arrange: its frames, and its stickies that no selected
/// frame holds (they go with their frame), each at its drawn size.
pub fn items(b: &Board, ids: &[String]) -> Vec<Item> {
    let chosen: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let frames: Vec<_> = b
        .frames
        .iter()
        .filter(|f| chosen.contains(f.id.as_str()))
        .collect();
    let held: HashSet<String> = frames
        .iter()
        .flat_map(|f| b.frame_contents(&f.id))
        .collect();
    b.stickies_of(ids)
        .filter(|s| !held.contains(&s.id))
        .map(|s| {
            let (x, y, w, h) = stormwall_model::fit::shown_rect(s);
            (s.id.clone(), x, y, w, h)
        })
        .chain(frames.iter().map(|f| (f.id.clone(), f.x, f.y, f.w, f.h)))
        .collect()
}

/// Runs `op` on the selection as one undo step.
pub fn arrange(ctx: BoardCtx, op: Arrange) {
    let ids = ctx.selection.get_untracked();
    // (id, dx, dy) of every sticky and frame that moves, a frame's contents with it.
    let moves: Vec<(String, f64, f64)> = ctx.board.with_untracked(|b| {
        let items = items(b, &ids);
        op.apply(&items)
            .into_iter()
            .flat_map(|(id, x, y)| {
                let (ox, oy) = items
                    .iter()
                    .find(|i| i.0 == id)
                    .map_or((x, y), |i| (i.1, i.2));
                let (dx, dy) = (x - ox, y - oy);
                let carried = if b.frame(&id).is_some() {
                    b.frame_contents(&id)
                } else {
                    vec![id]
                };
                carried.into_iter().map(move |c| (c, dx, dy))
            })
            .collect()
    });
    if moves.is_empty() {
        return;
    }
    let items = ctx.placed(&moves.iter().map(|m| m.0.clone()).collect::<Vec<_>>());
    let delta = |id: &str| {
        moves
            .iter()
            .find(|m| m.0 == id)
            .map_or((0.0, 0.0), |m| (m.1, m.2))
    };
    ctx.live.with_value(|c| c.cut_history());
    ctx.edit(|r, txn| {
        for (id, x, y) in &items.stickies {
            let (dx, dy) = delta(id);
            doc::move_sticky(r, txn, id, x + dx, y + dy);
        }
        for (id, x, y) in &items.frames {
            let (dx, dy) = delta(id);
            doc::set_numbers(&r.frames, txn, id, &[("x", x + dx), ("y", y + dy)]);
        }
    });
    ctx.live.with_value(|c| c.cut_history());
}
