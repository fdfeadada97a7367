//! The facilitator's keys: W opens the workshop strip, P / ⇧P next and previous phase, T start, pause or resume the
//! countdown, ⇧T one more minute, M follow me, ⇧M bring everyone here, V open or close a vote.
//! M also lets a participant follow again or stop. Like the board's other shortcuts they
//! follow the physical keys and never fire while typing, in a dialog, or while a notice holds
//! the keyboard.

use leptos::prelude::*;

use super::{follow_toggle, phase_bar, vote_round, workshop_timer, Workshop, FACILITATOR_ONLY};
use crate::shell::keys;

/// Listens for the workshop keys.
pub fn install(w: Workshop) {
    let ctx = w.board();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.is_composing() || ev.repeat() {
            return;
        }
        if keys::meant_for_field(&ev) || ctx.notices.holds_keys() {
            return;
        }
        let shift = ev.shift_key();
        let letter = keys::letter(&ev);
        if !matches!(letter, Some('p' | 't' | 'm' | 'v' | 'w')) {
            return;
        }
        ev.prevent_default();
        let facilitator = w.is_facilitator();
        match (letter, shift) {
            (Some('m'), false) => follow_toggle::toggle(w),
            _ if !facilitator => w.tell(FACILITATOR_ONLY),
            (Some('p'), _) => phase_bar::step(w, !shift),
            (Some('t'), false) => workshop_timer::toggle(w),
            (Some('t'), true) => workshop_timer::extend(w),
            (Some('m'), true) => follow_toggle::summon(w),
            (Some('v'), _) => vote_round::toggle(w),
            (Some('w'), _) => w.open.update(|o| *o = !*o),
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}
