//! The board legend as the board shows it, following live edits: one signal of the legend per
//! board, the fill of a sticky and the label of a kind. Reading them tracks the legend only,
//! so a legend change recolours every sticky and other board changes recolour none. The
//! signal is written only when the legend changes: typing on a big board does not even ask
//! the hundreds of stickies drawn whether their colour changed.

use leptos::prelude::*;
use stormwall_model::{Board, Lang, Legend, StickyKind};

use crate::shell::settled::settled;
use crate::shell::state::BoardCtx;

/// The legend of a board snapshot signal.
pub fn legend_signal(board: RwSignal<Board>) -> ReadSignal<Legend> {
    settled(move || board.with(|b| b.legend.clone()))
}

/// Fill of a sticky of `kind` with its own colour `own`, if any (tracked).
pub fn fill(ctx: BoardCtx, own: Option<&str>, kind: StickyKind) -> String {
    match own {
        Some(c) => c.to_string(),
        None => ctx.legend.with(|l| l.color(kind).to_string()),
    }
}

/// Label of `kind` on this board (tracked).
pub fn label(ctx: BoardCtx, kind: StickyKind) -> String {
    ctx.legend.with(|l| l.label(kind, Lang::En).to_string())
}
