//! Which items a checkpoint and the live board disagree on, for the preview's highlight:
//! items deleted since the checkpoint, changed since, and added since. Read through
//! [`Differ`], so the comparison can be the model's own board diff
//! (`stormwall_model::history`) once the board is built with it.

use std::collections::{HashMap, HashSet};

use stormwall_model::Board;

/// Ids of the items that differ, seen from the checkpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// On the live board, not at the checkpoint (a whole restore removes them).
    pub added: HashSet<String>,
    /// On both, different.
    pub changed: HashSet<String>,
    /// At the checkpoint, no longer on the live board (a restore brings them back).
    pub removed: HashSet<String>,
}

/// Compares a checkpoint's board with the live one.
pub trait Differ {
    /// What differs between `then` and `now`.
    fn marks(then: &Board, now: &Board) -> Marks;
}

/// Compares stickies, links and frames by id and content.
pub struct ById;

fn compare<T: PartialEq>(then: &[T], now: &[T], id: impl Fn(&T) -> &str, marks: &mut Marks) {
    let now_by_id: HashMap<&str, &T> = now.iter().map(|n| (id(n), n)).collect();
    for t in then {
        match now_by_id.get(id(t)) {
            None => _ = marks.removed.insert(id(t).to_string()),
            Some(n) if *n != t => _ = marks.changed.insert(id(t).to_string()),
            Some(_) => {}
        }
    }
    let then_ids: HashSet<&str> = then.iter().map(&id).collect();
    marks.added.extend(
        now_by_id
            .keys()
            .filter(|k| !then_ids.contains(*k))
            .map(|k| k.to_string()),
    );
}

impl Differ for ById {
    fn marks(then: &Board, now: &Board) -> Marks {
        let mut m = Marks::default();
        compare(&then.stickies, &now.stickies, |s| &s.id, &mut m);
        compare(&then.links, &now.links, |l| &l.id, &mut m);
        compare(&then.frames, &now.frames, |f| &f.id, &mut m);
        m
    }
}

#[cfg(test)]
mod tests {
    use stormwall_model::{Sticky, StickyKind};

    use super::*;

    #[test]
    fn deleted_changed_and_added_items_are_told_apart() {
        let s = |id: &str, text: &str| Sticky::new(id, StickyKind::DomainEvent, text, 0.0, 0.0);
        let then = Board {
            stickies: vec![s("kept", "a"), s("edited", "b"), s("gone", "c")],
            ..Board::default()
        };
        let now = Board {
            stickies: vec![s("kept", "a"), s("edited", "b!"), s("new", "d")],
            ..Board::default()
        };
        let m = ById::marks(&then, &now);
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<HashSet<_>>();
        assert_eq!(m.removed, set(&["gone"]));
        assert_eq!(m.changed, set(&["edited"]));
        assert_eq!(m.added, set(&["new"]));
    }
}
