//! When the page's board snapshot catches up with the document: others' changes at most
//! twenty times a second (twice while this page edits) and never in the frame of this page's
//! own edit, a big board's first reading over several tasks ([`first_read`]), and this
//! page's own edits at once.

use leptos::prelude::*;
use std::rc::Weak;
use stormwall_model::doc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yrs::Transact;

use super::{SyncClient, EDITING_MS, REMOTE_REDRAW_EDITING_MS, REMOTE_REDRAW_MS};
use crate::sharing::first_read::{self, FirstRead};

impl SyncClient {
    /// Notes that this page just edited: the edit waits for the next frame, which then
    /// notes its time (callbacks of one frame run in the order they were asked for, so a
    /// drawing of others' changes in that frame sees either the wait or the time).
    pub(super) fn edit_waits_for_frame(&self) {
        if self.edit_frame.replace(None).is_some() {
            let me = self.me.borrow().clone();
            on_frame(move |frame| {
                if let Some(c) = me.upgrade() {
                    c.edit_frame.set(Some(frame));
                }
            });
        }
    }

    /// Patches the board snapshot with what the last transactions touched, and tells the
    /// views of those stickies.
    pub(super) fn refresh(&self) {
        if self.reading.borrow().is_some() {
            return;
        }
        let changes = self.watch.take();
        self.stamped.borrow_mut().forget(&changes);
        if first_read::needed(&changes) {
            let board = self.board.get_untracked();
            *self.reading.borrow_mut() = Some(FirstRead::new(board, changes));
            return self.read_on();
        }
        self.refresh_with(changes);
        if self.synced.get() {
            if let Some(f) = self.first_synced.take() {
                f();
            }
        }
    }

    /// Reads the next part of a big board's first reading in a task of its own; shows the
    /// board once all is read, then what changed meanwhile.
    fn read_on(&self) {
        let me = self.me.borrow().clone();
        set_timeout(
            move || {
                let Some(c) = me.upgrade() else { return };
                let done = c
                    .reading
                    .borrow_mut()
                    .as_mut()
                    .is_none_or(|r| r.step(&c.roots, &c.doc));
                if !done {
                    return c.read_on();
                }
                let Some(read) = c.reading.take() else { return };
                let (board, read, laid_out) = read.finish();
                c.board.set(board);
                if laid_out {
                    c.laid_out();
                }
                c.touched.notify(&read);
                let meanwhile = c.deferred.take();
                c.refresh_with(meanwhile);
                c.refresh();
            },
            std::time::Duration::ZERO,
        );
    }

    pub(super) fn refresh_with(&self, changes: doc::Changes) {
        if changes.is_empty() {
            return;
        }
        if self.reading.borrow().is_some() {
            // A big board is being read: this is read after it.
            return self.deferred.borrow_mut().merge(changes);
        }
        let mut laid_out = false;
        self.board
            .update(|b| laid_out = changes.patch(b, &self.roots, &self.doc.transact()));
        if laid_out {
            self.laid_out();
        }
        self.touched.notify(&changes);
    }

    /// Refreshes the board snapshot with remote changes in the next frame, and at most every
    /// [`REMOTE_REDRAW_MS`] ([`REMOTE_REDRAW_EDITING_MS`] while this page edits): fifty
    /// people typing at once send hundreds of updates a second, and the views follow them a
    /// few frames at a time instead of update by update, leaving the frames between free for
    /// this page's own work. A frame in which this page edited draws only that edit, and
    /// others' changes follow in the next frame: a keystroke here never waits for the
    /// drawing of what many others typed. A timer stands in when frames pause (a hidden tab).
    pub(super) fn refresh_soon(&self) {
        if self.refresh_queued.replace(true) {
            return;
        }
        let run = self.queued_refresh();
        let in_frame = {
            let (me, run) = (self.me.borrow().clone(), run.clone());
            move || in_quiet_frame(me, run)
        };
        let now = js_sys::Date::now();
        let gap = remote_redraw_gap(now - self.edited_at.get());
        let wait = (gap - (now - self.remote_drawn.get())).clamp(0.0, gap) as u64;
        if wait == 0 {
            in_frame();
        } else {
            set_timeout(in_frame, std::time::Duration::from_millis(wait));
        }
        set_timeout(run, std::time::Duration::from_millis(wait + 100));
    }

    /// Refreshes the board snapshot in the next task (or sooner, if a frame's refresh comes
    /// first).
    pub(super) fn refresh_next_task(&self) {
        self.refresh_queued.set(true);
        set_timeout(self.queued_refresh(), std::time::Duration::ZERO);
    }

    /// The queued refresh: whichever of its timers comes first refreshes, the others find
    /// nothing queued. Each queuing is a new round, so a timer left from an earlier round
    /// (its refresh already done) never refreshes out of turn.
    pub(super) fn queued_refresh(&self) -> impl FnOnce() + Clone + 'static {
        let me = self.me.borrow().clone();
        let round = self.refresh_round.get().wrapping_add(1);
        self.refresh_round.set(round);
        move || {
            if let Some(c) = me.upgrade() {
                if c.refresh_round.get() == round && c.refresh_queued.replace(false) {
                    c.remote_drawn.set(js_sys::Date::now());
                    c.refresh();
                }
            }
        }
    }
}

/// Runs `run` in the next frame that draws no edit of this page: a keystroke's frame draws
/// only the keystroke, whenever the drawing of others' changes was asked for, and no frame is
/// spent only on looking. (Each frame that draws an edit passes `run` on to the next; the
/// timer of [`SyncClient::refresh_soon`] draws if edits fill every frame.)
fn in_quiet_frame(me: Weak<SyncClient>, run: impl FnOnce() + 'static) {
    on_frame(move |frame| match me.upgrade() {
        Some(c) if c.edit_frame.get().is_none_or(|f| f == frame) => in_quiet_frame(me, run),
        Some(_) => run(),
        None => {}
    })
}

/// Runs `f` in the next frame with that frame's time, the same for every callback of a frame.
fn on_frame(f: impl FnOnce(f64) + 'static) {
    let f = Closure::once_into_js(f);
    let _ = web_sys::window()
        .expect("window")
        .request_animation_frame(f.unchecked_ref());
}

/// The shortest time (ms) between two drawings of others' changes, `since_edit` ms after this
/// page's last edit.
fn remote_redraw_gap(since_edit: f64) -> f64 {
    if since_edit < EDITING_MS {
        REMOTE_REDRAW_EDITING_MS
    } else {
        REMOTE_REDRAW_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn others_changes_are_drawn_less_often_while_this_page_edits() {
        assert_eq!(remote_redraw_gap(f64::INFINITY), REMOTE_REDRAW_MS);
        assert_eq!(remote_redraw_gap(EDITING_MS), REMOTE_REDRAW_MS);
        assert_eq!(remote_redraw_gap(0.0), REMOTE_REDRAW_EDITING_MS);
        assert_eq!(
            remote_redraw_gap(EDITING_MS - 1.0),
            REMOTE_REDRAW_EDITING_MS
        );
    }
}
