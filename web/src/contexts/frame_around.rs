//! Putting stickies into a bounded context from the keyboard (⇧F) or the selection toolbar: a
//! new frame drawn around the selected stickies, its name field focused to type the context's
//! name.

use leptos::prelude::*;
use stormwall_model::{doc, Frame};

use crate::canvas::board_canvas::focus_later;
use crate::canvas::geometry::FRAME_BAR;
use crate::shell::ids::new_id;
use crate::shell::state::BoardCtx;

/// Room left around the stickies inside the new frame.
const MARGIN: f64 = 32.0;

/// Draws a frame around the selected stickies as one undo step, selects it and focuses its
/// name. Does nothing when no sticky is selected.
pub fn frame_selection(ctx: BoardCtx) {
    let ids = ctx.selection.get_untracked();
    let Some((x0, y0, x1, y1)) = ctx.board.with_untracked(|b| {
        b.stickies
            .iter()
            .filter(|s| ids.contains(&s.id))
            .map(|s| (s.x, s.y, s.x + s.w, s.y + s.h))
            .reduce(|a, s| (a.0.min(s.0), a.1.min(s.1), a.2.max(s.2), a.3.max(s.3)))
    }) else {
        return;
    };
    let frame = Frame {
        id: new_id('f'),
        name: String::new(),
        x: (x0 - MARGIN).round(),
        y: (y0 - MARGIN - FRAME_BAR).round(),
        w: (x1 - x0 + 2.0 * MARGIN).round(),
        h: (y1 - y0 + 2.0 * MARGIN + FRAME_BAR).round(),
        rank: None,
    };
    ctx.live.with_value(|c| c.cut_history());
    ctx.edit(|r, txn| doc::put_frame(r, txn, &frame));
    ctx.live.with_value(|c| c.cut_history());
    ctx.select(vec![frame.id.clone()]);
    focus_later(format!(".frame[data-id=\"{}\"] .frame-name", frame.id));
}
