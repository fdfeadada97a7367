//! Where the board puts a new sticky: under the pointer when it is over the canvas, else by
//! the middle of the view — in either case at the nearest spot where it covers no other
//! sticky ([`stormwall_model::placement`]). The next sticky of a series (Tab while typing)
//! goes right of the one being typed in, in the same row.

use leptos::prelude::*;
use stormwall_model::board::STICKY_SIZE;
use stormwall_model::placement::{free_spot, next_right, sticky_rects, GAP};
use stormwall_model::{doc, StickyKind};

use crate::canvas::snap::{self, GRID};
use crate::shell::ids::new_id;
use crate::shell::shortcuts::view_centre;
use crate::shell::state::BoardCtx;

const SIZE: (f64, f64) = (STICKY_SIZE, STICKY_SIZE);

/// Adds a sticky of `kind` as near its top-left corner at a board point as the other stickies
/// let it (on the grid when snapping), selects it and opens its text.
pub fn add_sticky(ctx: BoardCtx, kind: StickyKind, x: f64, y: f64) {
    let want = snap::place(x, y);
    let spot = ctx
        .board
        .with_untracked(|b| free_spot(want, SIZE, &sticky_rects(b), GRID));
    put(ctx, kind, spot);
}

/// Adds a sticky of `kind` centred under the pointer when it is over the canvas, else by the
/// middle of the view.
pub fn add_here(ctx: BoardCtx, kind: StickyKind) {
    let (x, y) = ctx.pointer.get_value().unwrap_or_else(|| view_centre(ctx));
    add_sticky(ctx, kind, x - SIZE.0 / 2.0, y - SIZE.1 / 2.0);
}

/// Adds the next sticky of a series: the kind of sticky `id`, right of it in its row.
pub fn add_next(ctx: BoardCtx, id: &str) {
    let Some((kind, spot)) = ctx.board.with_untracked(|b| {
        let s = b.sticky(id)?;
        let start = snap::place(s.x + s.w + GAP, s.y);
        Some((s.kind, next_right(start, SIZE, &sticky_rects(b), GRID)))
    }) else {
        return;
    };
    put(ctx, kind, spot);
}

/// Writes a new sticky at `(x, y)` as an undo step of its own, selects it and opens its text.
fn put(ctx: BoardCtx, kind: StickyKind, (x, y): (f64, f64)) {
    let s = stormwall_model::Sticky::new(&new_id('s'), kind, "", x, y);
    ctx.live.with_value(|c| c.cut_history());
    crate::facilitation::drafts::edit_new(ctx, |r, txn| doc::put_sticky(r, txn, &s));
    ctx.select(vec![s.id.clone()]);
    ctx.edit_text(&s.id);
}
