//! The difference between two board states: which stickies, links and frames were added,
//! changed or removed (by id), and its [`Summary`] in counts, as listed beside checkpoints.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::board::Board;

/// Ids added, changed and removed in one kind of item, each sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ids {
    /// In the newer state only.
    pub added: Vec<String>,
    /// In both, different.
    pub changed: Vec<String>,
    /// In the older state only.
    pub removed: Vec<String>,
}

/// What changed from one board state to another.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardDiff {
    /// Stickies by id.
    pub stickies: Ids,
    /// Links by id.
    pub links: Ids,
    /// Frames by id.
    pub frames: Ids,
}

/// How many items were added, changed and removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Added.
    pub added: usize,
    /// Changed.
    pub changed: usize,
    /// Removed.
    pub removed: usize,
}

/// A [`BoardDiff`] in counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Stickies.
    pub stickies: Counts,
    /// Links.
    pub links: Counts,
    /// Frames.
    pub frames: Counts,
}

fn ids<T: PartialEq>(before: &[T], after: &[T], id: impl Fn(&T) -> &str) -> Ids {
    let old: BTreeMap<&str, &T> = before.iter().map(|t| (id(t), t)).collect();
    let new: BTreeMap<&str, &T> = after.iter().map(|t| (id(t), t)).collect();
    let mut out = Ids::default();
    for (k, n) in &new {
        match old.get(k) {
            None => out.added.push(k.to_string()),
            Some(o) if o != n => out.changed.push(k.to_string()),
            Some(_) => {}
        }
    }
    out.removed = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .map(|k| k.to_string())
        .collect();
    out
}

impl Ids {
    /// The counts.
    pub fn counts(&self) -> Counts {
        Counts {
            added: self.added.len(),
            changed: self.changed.len(),
            removed: self.removed.len(),
        }
    }

    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

impl BoardDiff {
    /// What changed from `before` to `after`.
    pub fn between(before: &Board, after: &Board) -> BoardDiff {
        BoardDiff {
            stickies: ids(&before.stickies, &after.stickies, |s| &s.id),
            links: ids(&before.links, &after.links, |l| &l.id),
            frames: ids(&before.frames, &after.frames, |f| &f.id),
        }
    }

    /// The counts.
    pub fn summary(&self) -> Summary {
        Summary {
            stickies: self.stickies.counts(),
            links: self.links.counts(),
            frames: self.frames.counts(),
        }
    }

    /// Whether no sticky, link or frame differs.
    pub fn is_empty(&self) -> bool {
        self.stickies.is_empty() && self.links.is_empty() && self.frames.is_empty()
    }
}

impl Summary {
    /// Items of every kind removed.
    pub fn removed(&self) -> usize {
        self.stickies.removed + self.links.removed + self.frames.removed
    }
}
