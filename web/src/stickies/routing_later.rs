//! When the links are shaped and routed after the board changes: at once, except after a
//! change of a thousand stickies or links at once (a big board's first reading, an import),
//! or when a thousand more or fewer links come near the view at once (Fit on a big board).
//! Then the link layer shapes them (fits the stickies they join) in a task of its own once
//! the stickies are drawn, routes them in the next and bundles them for the far view in the
//! one after (each when the browser is idle, or after half a second at the latest). Fitting
//! thousands of stickies and routing thousands of links in the task that draws the stickies
//! would make one task longer than the page can go without answering.

use leptos::prelude::*;

/// A change of at least this many stickies (or links) at once waits for a task of its own.
pub const ROUTE_LATER: usize = 1000;

/// The longest that task waits for the browser to be idle (ms).
const IDLE_WAIT_MS: u32 = 500;

/// What the link layer does with a board it is asked to route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Route it now.
    Now,
    /// Keep the links as they are and ask for a task of their own.
    Ask,
    /// Keep the links as they are: the task asked for has not come yet.
    Wait,
}

/// The count of stickies (or links) last worked on, and the layout waiting for its own task
/// (and whether that task came).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Schedule {
    routed: usize,
    waiting: Option<(u64, bool)>,
}

impl Schedule {
    /// What to do with `count` stickies (or links) at `layout` (see
    /// [`crate::shell::state::BoardCtx::with_layout`]).
    pub fn step(&mut self, count: usize, layout: u64) -> Step {
        match self.waiting {
            Some((l, false)) if l == layout => return Step::Wait,
            Some((l, true)) if l == layout => {}
            _ if self.routed.abs_diff(count) >= ROUTE_LATER => {
                self.waiting = Some((layout, false));
                return Step::Ask;
            }
            _ => {}
        }
        self.waiting = None;
        self.routed = count;
        Step::Now
    }

    /// The task asked for at `layout` came.
    pub fn came(&mut self, layout: u64) {
        if let Some((l, came)) = &mut self.waiting {
            *came |= *l == layout;
        }
    }
}

/// A schedule of the link layer, with the signal that tells it the task it asked for came.
#[derive(Clone, Copy)]
pub struct Later {
    schedule: StoredValue<Schedule>,
    /// Bumped when such a task comes.
    came: RwSignal<u64>,
}

impl Later {
    pub fn new() -> Later {
        Later {
            schedule: StoredValue::new(Schedule::default()),
            came: RwSignal::new(0),
        }
    }

    /// For a memo's work on `count` stickies (or links) at `layout`: what the memo held
    /// (`before`), kept while the work waits for a task of its own (asked for when it starts
    /// waiting), or `None` when the work is done now. The memo runs again when that task
    /// comes.
    pub fn hold<T: Clone + Default>(
        self,
        before: Option<&T>,
        count: usize,
        layout: u64,
    ) -> Option<T> {
        self.came.track();
        let step = self
            .schedule
            .try_update_value(|s| s.step(count, layout))
            .unwrap_or(Step::Now);
        if step == Step::Ask {
            crate::shell::idle::when_idle(IDLE_WAIT_MS, move || {
                let _ = self.schedule.try_update_value(|s| s.came(layout));
                let _ = self.came.try_update(|n| *n += 1);
            });
        }
        (step != Step::Now).then(|| before.cloned().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_changes_are_routed_at_once() {
        let mut s = Schedule::default();
        assert_eq!(s.step(0, 0), Step::Now);
        assert_eq!(s.step(1, 1), Step::Now);
        assert_eq!(s.step(ROUTE_LATER - 1, 2), Step::Now);
        assert_eq!(s.step(0, 3), Step::Now);
    }

    #[test]
    fn a_big_change_waits_for_its_own_task_then_is_routed() {
        let mut s = Schedule::default();
        assert_eq!(s.step(10_000, 1), Step::Ask);
        // The view moves (Fit) before the task comes: still waiting, no second task.
        assert_eq!(s.step(10_000, 1), Step::Wait);
        s.came(1);
        assert_eq!(s.step(10_000, 1), Step::Now);
        // Then typing and dragging are routed at once again.
        assert_eq!(s.step(10_000, 1), Step::Now);
        assert_eq!(s.step(10_001, 2), Step::Now);
    }

    #[test]
    fn a_change_while_waiting_waits_for_a_task_of_its_own() {
        let mut s = Schedule::default();
        assert_eq!(s.step(5_000, 1), Step::Ask);
        // More stickies arrive before the task: the layout it was asked for is gone.
        assert_eq!(s.step(6_000, 2), Step::Ask);
        s.came(1);
        assert_eq!(s.step(6_000, 2), Step::Wait);
        s.came(2);
        assert_eq!(s.step(6_000, 2), Step::Now);
    }

    #[test]
    fn a_board_back_to_its_size_while_waiting_is_routed_at_once() {
        let mut s = Schedule::default();
        assert_eq!(s.step(3_000, 1), Step::Ask);
        s.came(1);
        assert_eq!(s.step(3_000, 1), Step::Now);
        assert_eq!(s.step(0, 2), Step::Ask);
        // The import was undone before the task came.
        assert_eq!(s.step(3_000, 3), Step::Now);
    }
}
