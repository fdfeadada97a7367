//! Authorship in the document: the `createdBy`, `createdAt`, `updatedBy` and `updatedAt`
//! fields of each sticky, link and frame map, read into [`Board::authorship`] and written by
//! the board as people create and change items ([`stamp`]).

use std::collections::{BTreeMap, BTreeSet};

use yrs::{Map, MapRef, ReadTxn, TransactionMut};

use super::values::{child, number, string};
use super::{Changes, Roots};
use crate::authorship::{bounded_name, Authorship};
use crate::board::Board;

/// Key of the creator's name.
pub const CREATED_BY: &str = "createdBy";
/// Key of the creation time (ms since the epoch).
pub const CREATED_AT: &str = "createdAt";
/// Key of the last editor's name.
pub const UPDATED_BY: &str = "updatedBy";
/// Key of the last change's time (ms since the epoch).
pub const UPDATED_AT: &str = "updatedAt";

/// A change by the same person this soon after their last one does not rewrite the stamp,
/// so dragging or typing does not grow the document with every step.
pub const RESTAMP_AFTER_MS: u64 = 10_000;

fn time<T: ReadTxn>(m: &MapRef, txn: &T, key: &str) -> Option<u64> {
    number(m, txn, key)
        .filter(|t| t.is_finite() && *t >= 0.0)
        .map(|t| t as u64)
}

/// The authorship an item's map carries.
pub(crate) fn read<T: ReadTxn>(m: &MapRef, txn: &T) -> Authorship {
    Authorship {
        created_by: string(m, txn, CREATED_BY),
        created_at: time(m, txn, CREATED_AT),
        updated_by: string(m, txn, UPDATED_BY),
        updated_at: time(m, txn, UPDATED_AT),
    }
}

/// The map of the sticky, link or frame `id`.
fn item<T: ReadTxn>(roots: &Roots, txn: &T, id: &str) -> Option<MapRef> {
    [&roots.stickies, &roots.links, &roots.frames]
        .into_iter()
        .find_map(|root| child(root, txn, id))
}

/// Authorship of every sticky, link and frame of `board` that carries any.
pub(crate) fn read_all<T: ReadTxn>(
    roots: &Roots,
    txn: &T,
    board: &Board,
) -> BTreeMap<String, Authorship> {
    let ids = board
        .stickies
        .iter()
        .map(|s| &s.id)
        .chain(board.links.iter().map(|l| &l.id))
        .chain(board.frames.iter().map(|f| &f.id));
    ids.filter_map(|id| {
        let a = read(&item(roots, txn, id)?, txn);
        (!a.is_empty()).then(|| (id.clone(), a))
    })
    .collect()
}

/// Brings `board.authorship` up to date for the items `changes` touched.
pub(crate) fn patch<T: ReadTxn>(changes: &Changes, board: &mut Board, roots: &Roots, txn: &T) {
    let touched = changes
        .stickies
        .iter()
        .chain(&changes.links)
        .chain(&changes.frames);
    for id in touched {
        match item(roots, txn, id).map(|m| read(&m, txn)) {
            Some(a) if !a.is_empty() => {
                board.authorship.insert(id.clone(), a);
            }
            _ => {
                board.authorship.remove(id);
            }
        }
    }
}

/// Writes `a` into the map of the item `id` (import, restore); absent fields are left out.
pub fn put_authorship(roots: &Roots, txn: &mut TransactionMut, id: &str, a: &Authorship) {
    let Some(m) = item(roots, txn, id) else {
        return;
    };
    for (key, name) in [(CREATED_BY, &a.created_by), (UPDATED_BY, &a.updated_by)] {
        if let Some(n) = name {
            m.insert(txn, key, bounded_name(n));
        }
    }
    for (key, t) in [(CREATED_AT, a.created_at), (UPDATED_AT, a.updated_at)] {
        if let Some(t) = t {
            m.insert(txn, key, t as f64);
        }
    }
}

/// Stamps the items `changes` touched that still exist: `who` changed them at `now`, and
/// created them when `existed` says they were not there before and they carry no creator yet
/// (an imported item keeps its own). A change by the same person within
/// [`RESTAMP_AFTER_MS`] of their last stamp is not stamped again. Returns when the oldest
/// of the stamps `who` now holds on those items was written (`now` when all were).
pub fn stamp(
    roots: &Roots,
    txn: &mut TransactionMut,
    changes: &Changes,
    existed: impl Fn(&str) -> bool,
    who: &str,
    now: u64,
) -> u64 {
    let mut since = now;
    let who = bounded_name(who);
    let touched = changes
        .stickies
        .iter()
        .chain(&changes.links)
        .chain(&changes.frames);
    for id in touched {
        let Some(m) = item(roots, txn, id) else {
            continue;
        };
        let had = read(&m, txn);
        if !existed(id) && had.created_by.is_none() {
            m.insert(txn, CREATED_BY, who.as_str());
            m.insert(txn, CREATED_AT, now as f64);
        }
        let recent = had.updated_by.as_deref() == Some(who.as_str())
            && had
                .updated_at
                .is_some_and(|t| now.saturating_sub(t) < RESTAMP_AFTER_MS);
        if recent {
            since = since.min(had.updated_at.unwrap_or(now));
        } else {
            m.insert(txn, UPDATED_BY, who.as_str());
            m.insert(txn, UPDATED_AT, now as f64);
        }
    }
    since
}

/// The items a page stamped last, and when: while its edits keep to those items within
/// [`RESTAMP_AFTER_MS`] (typing in one sticky, dragging one selection), stamping again would
/// write nothing, so the page skips it — one stamp per edit session, not per keystroke.
#[derive(Debug, Default)]
pub struct Stamped {
    ids: BTreeSet<String>,
    at: u64,
}

impl Stamped {
    fn touched(changes: &Changes) -> impl Iterator<Item = &String> {
        changes
            .stickies
            .iter()
            .chain(&changes.links)
            .chain(&changes.frames)
    }

    /// Whether [`stamp`] would write nothing for `changes` at `now`: they touch only items
    /// stamped in this session, recently enough.
    pub fn covers(&self, changes: &Changes, now: u64) -> bool {
        now.saturating_sub(self.at) < RESTAMP_AFTER_MS
            && Self::touched(changes).all(|id| self.ids.contains(id))
    }

    /// [`stamp`] stamped the items `changes` touched; the oldest stamp is from `since`.
    pub fn record(&mut self, changes: &Changes, since: u64) {
        self.ids = Self::touched(changes).cloned().collect();
        self.at = since;
    }

    /// Someone else changed items: those of the session are stamped again on the next edit.
    pub fn forget(&mut self, changes: &Changes) {
        if Self::touched(changes).any(|id| self.ids.contains(id)) {
            self.ids.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use yrs::Transact;

    use super::*;
    use crate::doc::{move_sticky, new_doc, put_sticky, snapshot, write_board, Watch};
    use crate::kind::StickyKind;
    use crate::Sticky;

    #[test]
    fn new_items_get_a_creator_later_changes_an_editor() {
        let doc = new_doc();
        let roots = Roots::of(&doc);
        let watch = Watch::new(&roots);
        let s = Sticky::new("s1", StickyKind::DomainEvent, "주문됨", 0.0, 0.0);
        put_sticky(&roots, &mut doc.transact_mut(), &s);
        let changes = watch.take();
        stamp(
            &roots,
            &mut doc.transact_mut(),
            &changes,
            |_| false,
            "Ana",
            1_000,
        );
        move_sticky(&roots, &mut doc.transact_mut(), "s1", 5.0, 5.0);
        let changes = watch.take();
        // Bo's change, then Bo again soon after: stamped once.
        stamp(
            &roots,
            &mut doc.transact_mut(),
            &changes,
            |_| true,
            "Bo",
            2_000,
        );
        // The second stamp wrote nothing: Bo's stamp dates from the first.
        let since = stamp(
            &roots,
            &mut doc.transact_mut(),
            &changes,
            |_| true,
            "Bo",
            3_000,
        );
        assert_eq!(since, 2_000);
        let a = &snapshot(&doc).authorship["s1"];
        assert_eq!(a.created_by.as_deref(), Some("Ana"));
        assert_eq!(a.created_at, Some(1_000));
        assert_eq!(a.updated_by.as_deref(), Some("Bo"));
        assert_eq!(a.updated_at, Some(2_000));
        // Much later: stamped again.
        stamp(
            &roots,
            &mut doc.transact_mut(),
            &changes,
            |_| true,
            "Bo",
            20_000,
        );
        assert_eq!(snapshot(&doc).authorship["s1"].updated_at, Some(20_000));
    }

    #[test]
    fn an_edit_session_is_stamped_once() {
        let changes = |ids: &[&str]| Changes {
            stickies: ids.iter().map(|s| s.to_string()).collect(),
            ..Changes::default()
        };
        let mut s = Stamped::default();
        assert!(!s.covers(&changes(&["a"]), 1_000));
        s.record(&changes(&["a"]), 1_000);
        assert!(s.covers(&changes(&["a"]), 5_000));
        // Another item, or the same one much later, is stamped.
        assert!(!s.covers(&changes(&["a", "b"]), 5_000));
        assert!(!s.covers(&changes(&["a"]), 1_000 + RESTAMP_AFTER_MS));
        // Someone else's change to it ends the session.
        s.forget(&changes(&["c"]));
        assert!(s.covers(&changes(&["a"]), 5_000));
        s.forget(&changes(&["a"]));
        assert!(!s.covers(&changes(&["a"]), 5_000));
    }

    #[test]
    fn written_authorship_reads_back_and_patches_follow_it() {
        let mut board = crate::reference::food_delivery_first();
        let id = board.stickies[0].id.clone();
        let a = Authorship {
            created_by: Some("보라".into()),
            created_at: Some(7),
            updated_by: None,
            updated_at: None,
        };
        board.authorship.insert(id.clone(), a.clone());
        let doc = new_doc();
        write_board(&doc, &board);
        assert_eq!(snapshot(&doc), board);
        // An incremental snapshot sees a stamp and a removal.
        let roots = Roots::of(&doc);
        let watch = Watch::new(&roots);
        let mut live = snapshot(&doc);
        let other = board.stickies[1].id.clone();
        move_sticky(&roots, &mut doc.transact_mut(), &other, 1.0, 1.0);
        let changes = watch.take();
        stamp(
            &roots,
            &mut doc.transact_mut(),
            &changes,
            |_| true,
            "Ana",
            9,
        );
        crate::doc::remove_sticky(&roots, &mut doc.transact_mut(), &id);
        let changes = watch.take();
        changes.patch(&mut live, &roots, &doc.transact());
        assert_eq!(live, snapshot(&doc));
        assert!(!live.authorship.contains_key(&id));
        assert_eq!(live.authorship[&other].updated_by.as_deref(), Some("Ana"));
    }
}
