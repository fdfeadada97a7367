//! How sticky elements come and go over frames. Zooming in on a wall makes a few hundred
//! stickies elements, and zooming out hands them to the far view's painting: each frame adds
//! or removes at most [`PER_FRAME`] of them, new ones nearest the middle of the view first,
//! so no frame is one long task the page cannot answer in. A few come or go at once, in the
//! task that asked (a sticky added, pasted, deleted or scrolled into view); more wait for the
//! frame's own callbacks, which run before that frame is drawn, so the click or key that
//! zoomed answers at once and the first stickies show in the frame that shows the new zoom.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::shell::state::BoardCtx;

/// Most sticky elements added, and most removed, in one frame.
pub const PER_FRAME: usize = 60;
/// Up to this many elements come and go in the task that asked for them.
pub const AT_ONCE: usize = 24;

/// The next elements on the way from `have` to `want` (each in the board's order): the
/// wanted ones already there stay, at most `per_frame` new ones come (the nearest first, by
/// `distance`), and at most `per_frame` unwanted ones go, the others staying where they are in
/// the order for a later step. Returns the next elements and whether they are not yet `want`.
/// Stickies no longer on the board must not be in `have`: the caller takes them out first.
pub fn next_elements(
    have: &[String],
    want: &[String],
    distance: impl Fn(&str) -> f64,
    per_frame: usize,
) -> (Vec<String>, bool) {
    let had: HashSet<&str> = have.iter().map(String::as_str).collect();
    let wanted: HashSet<&str> = want.iter().map(String::as_str).collect();
    let mut missing: Vec<(f64, &str)> = want
        .iter()
        .filter(|id| !had.contains(id.as_str()))
        .map(|id| (distance(id), id.as_str()))
        .collect();
    let adding_all = missing.len() <= per_frame;
    if !adding_all {
        missing.sort_by(|a, b| a.0.total_cmp(&b.0));
        missing.truncate(per_frame);
    }
    let add: HashSet<&str> = missing.into_iter().map(|(_, id)| id).collect();
    // The unwanted elements past the first `per_frame` stay for now.
    let staying: HashSet<&str> = have
        .iter()
        .map(String::as_str)
        .filter(|id| !wanted.contains(id))
        .skip(per_frame)
        .collect();
    if adding_all && staying.is_empty() {
        return (want.to_vec(), false);
    }
    // Both lists are in the board's order and share the order of what they hold in common:
    // the staying elements are kept before the next element they preceded.
    let mut next = Vec::with_capacity(want.len() + staying.len());
    let mut from = have.iter().peekable();
    for id in want {
        if had.contains(id.as_str()) {
            while let Some(h) = from.next_if(|h| *h != id) {
                if staying.contains(h.as_str()) {
                    next.push(h.clone());
                }
            }
            from.next();
            next.push(id.clone());
        } else if add.contains(id.as_str()) {
            next.push(id.clone());
        }
    }
    next.extend(from.filter(|h| staying.contains(h.as_str())).cloned());
    (next, true)
}

/// The stickies that are elements now: `wanted`, reached over frames ([`next_elements`]).
pub fn mounted(ctx: BoardCtx, wanted: Memo<Vec<String>>) -> ReadSignal<Vec<String>> {
    let mounted = RwSignal::new(Vec::<String>::new());
    let looping = StoredValue::new(false);
    // One step towards `wanted`; true when more remain for the next frame.
    let step = move || {
        let want = wanted.get_untracked();
        let w = ctx.window.get_untracked();
        let middle = ((w.left + w.right) / 2.0, (w.top + w.bottom) / 2.0);
        let (next, more) = ctx.board.with_untracked(|b| {
            mounted.with_untracked(|have| {
                // A deleted sticky's element goes at once.
                let have: Vec<String> = have
                    .iter()
                    .filter(|id| b.sticky(id).is_some())
                    .cloned()
                    .collect();
                let distance = |id: &str| {
                    b.sticky(id).map_or(f64::MAX, |s| {
                        let (dx, dy) = (s.x + s.w / 2.0 - middle.0, s.y + s.h / 2.0 - middle.1);
                        dx * dx + dy * dy
                    })
                };
                next_elements(&have, &want, distance, PER_FRAME)
            })
        });
        if mounted.with_untracked(|m| *m != next) {
            mounted.set(next);
        }
        more
    };
    fn again(step: impl Fn() -> bool + Copy + 'static, looping: StoredValue<bool>) {
        request_animation_frame(move || {
            if step() {
                again(step, looping);
            } else {
                looping.set_value(false);
            }
        });
    }
    Effect::new(move |_| {
        wanted.track();
        if looping.get_value() {
            return;
        }
        // More than a few changes to make: a step of AT_ONCE would leave some.
        let many = wanted.with_untracked(|want| {
            mounted.with_untracked(|have| next_elements(have, want, |_| 0.0, AT_ONCE).1)
        });
        if many || step() {
            looping.set_value(true);
            again(step, looping);
        }
    });
    mounted.read_only()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// Distance by the number in the id: "s3" is 3 away.
    fn by_number(id: &str) -> f64 {
        id[1..].parse().unwrap()
    }

    #[test]
    fn a_small_change_is_made_whole() {
        let (next, more) = next_elements(&ids(&["s1", "s2"]), &ids(&["s2", "s3"]), by_number, 2);
        assert_eq!(next, ids(&["s2", "s3"]));
        assert!(!more);
    }

    #[test]
    fn new_elements_come_nearest_first_in_board_order() {
        let want = ids(&["s5", "s1", "s4", "s2", "s3"]);
        let (next, more) = next_elements(&[], &want, by_number, 2);
        assert_eq!(next, ids(&["s1", "s2"]));
        assert!(more);
        let (next, more) = next_elements(&next, &want, by_number, 2);
        assert_eq!(next, ids(&["s1", "s4", "s2", "s3"]));
        assert!(more);
        let (next, more) = next_elements(&next, &want, by_number, 2);
        assert_eq!(next, want);
        assert!(!more);
    }

    #[test]
    fn unwanted_elements_go_a_frame_at_a_time_keeping_their_place() {
        let have = ids(&["a1", "s1", "a2", "s2", "a3", "a4"]);
        let want = ids(&["s1", "s2"]);
        let (next, more) = next_elements(&have, &want, by_number, 2);
        // a1 and a2 go; a3 and a4 stay where they were, after s2.
        assert_eq!(next, ids(&["s1", "s2", "a3", "a4"]));
        assert!(more);
        let (next, more) = next_elements(&next, &want, by_number, 2);
        assert_eq!(next, want);
        assert!(!more);
    }

    #[test]
    fn staying_elements_keep_their_place_among_new_ones() {
        let have = ids(&["a1", "a2", "a3", "s2"]);
        let want = ids(&["s1", "s2", "s3"]);
        let (next, more) = next_elements(&have, &want, by_number, 1);
        // a1 goes, a2 and a3 stay before s2; s1 (nearest) comes.
        assert_eq!(next, ids(&["s1", "a2", "a3", "s2"]));
        assert!(more);
    }

    #[test]
    fn more_than_a_few_changes_wait_for_the_frame() {
        let many_changes = |have: &[String], want: &[String], at_once| {
            next_elements(have, want, by_number, at_once).1
        };
        let have = ids(&["s1", "s2"]);
        assert!(!many_changes(&have, &ids(&["s1", "s2", "s3"]), 1));
        assert!(many_changes(&have, &ids(&["s1", "s2", "s3", "s4"]), 1));
        assert!(many_changes(&have, &[], 1));
        assert!(!many_changes(&have, &ids(&["s2"]), 1));
    }
}
