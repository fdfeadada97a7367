//! Workshop state in the document: hotspot status (`hotspots`: sticky id → status string),
//! comments (`comments`: comment id → map), swimlanes (`lanes`: lane id → map) and pivotal
//! marks (`pivotal`: sticky id → `true`). Each is keyed by its own id, so concurrent edits
//! merge. Reads are lenient and bounded (see [`crate::comments::bound`]): entries about
//! stickies the board does not hold are left out of the snapshot but kept in the document, so
//! restoring a sticky brings its comments back.

use std::collections::BTreeMap;

use yrs::{Any, Map, MapPrelim, Out, ReadTxn, TransactionMut};

use super::values::{child, entries, number, string};
use super::Roots;
use crate::board::Board;
use crate::comments::{self, Comment};
use crate::hotspots::HotspotStatus;
use crate::timeline::{Lane, MAX_LANES, MAX_LANE_NAME_CHARS};

/// Fills `board`'s hotspot statuses, comments, lanes and pivotal marks from the document,
/// keeping only entries about stickies `board` holds. The board's stickies are sorted by id,
/// as read from the document, so each entry is checked without indexing every sticky again:
/// this runs whenever a sticky changes, keystroke by keystroke.
pub(super) fn read_into<T: ReadTxn>(roots: &Roots, txn: &T, board: &mut Board) {
    let stickies = &board.stickies;
    debug_assert!(stickies.windows(2).all(|w| w[0].id < w[1].id));
    let has = |id: &str| stickies.binary_search_by(|s| s.id.as_str().cmp(id)).is_ok();
    let hotspots = read_hotspots(roots, txn, &has);
    let comments = read_comments(roots, txn, &has);
    let pivotal = roots
        .pivotal
        .iter(txn)
        .filter(|(k, v)| has(k) && matches!(v, Out::Any(Any::Bool(true))))
        .map(|(k, _)| k.to_string())
        .collect::<Vec<_>>();
    board.hotspots = hotspots;
    board.comments = comments;
    board.pivotal = pivotal;
    board.pivotal.sort();
    board.lanes = read_lanes(roots, txn);
}

fn read_hotspots<T: ReadTxn>(
    roots: &Roots,
    txn: &T,
    has: &impl Fn(&str) -> bool,
) -> BTreeMap<String, HotspotStatus> {
    roots
        .hotspots
        .iter(txn)
        .filter(|(k, _)| has(k))
        .filter_map(|(k, v)| match v {
            Out::Any(Any::String(s)) => Some((k.to_string(), HotspotStatus::parse(&s)?)),
            _ => None,
        })
        .collect()
}

fn read_comments<T: ReadTxn>(roots: &Roots, txn: &T, has: &impl Fn(&str) -> bool) -> Vec<Comment> {
    let mut v: Vec<Comment> = entries(&roots.comments, txn)
        .into_iter()
        .filter_map(|(id, m)| {
            Some(Comment {
                sticky: string(&m, txn, "sticky")?,
                author: string(&m, txn, "author").unwrap_or_default(),
                author_key: string(&m, txn, "authorKey").unwrap_or_default(),
                at: time(number(&m, txn, "at"))?,
                edited_at: time(number(&m, txn, "editedAt")),
                text: string(&m, txn, "text").filter(|t| !t.trim().is_empty())?,
                id,
            })
        })
        .collect();
    comments::bound(&mut v, has);
    v
}

fn time(n: Option<f64>) -> Option<u64> {
    n.filter(|n| n.is_finite() && *n >= 0.0).map(|n| n as u64)
}

fn read_lanes<T: ReadTxn>(roots: &Roots, txn: &T) -> Vec<Lane> {
    entries(&roots.lanes, txn)
        .into_iter()
        .filter_map(|(id, m)| {
            let (y, h) = (number(&m, txn, "y")?, number(&m, txn, "h")?);
            (y.is_finite() && h.is_finite() && h > 0.0).then(|| Lane {
                name: string(&m, txn, "name")
                    .unwrap_or_default()
                    .chars()
                    .take(MAX_LANE_NAME_CHARS)
                    .collect(),
                id,
                y,
                h,
            })
        })
        .take(MAX_LANES)
        .collect()
}

/// Sets a hotspot's status (open removes the entry: open is what no entry means).
pub fn set_hotspot_status(roots: &Roots, txn: &mut TransactionMut, id: &str, s: HotspotStatus) {
    if s == HotspotStatus::Open {
        roots.hotspots.remove(txn, id);
    } else {
        roots.hotspots.insert(txn, id, s.as_str());
    }
}

/// Adds (or replaces) a comment. The caller has checked its text ([`comments::clean_text`])
/// and that its sticky has room ([`comments::room_for_one_more`]).
pub fn put_comment(roots: &Roots, txn: &mut TransactionMut, c: &Comment) {
    let mut prelim = MapPrelim::from([
        ("sticky", yrs::In::from(c.sticky.as_str())),
        ("author", yrs::In::from(c.author.as_str())),
        ("at", yrs::In::from(c.at as f64)),
        ("text", yrs::In::from(c.text.as_str())),
    ]);
    if !c.author_key.is_empty() {
        prelim.insert("authorKey".into(), yrs::In::from(c.author_key.as_str()));
    }
    if let Some(t) = c.edited_at {
        prelim.insert("editedAt".into(), yrs::In::from(t as f64));
    }
    roots.comments.insert(txn, c.id.as_str(), prelim);
}

/// Changes a comment's text and marks when. Returns false when it does not exist.
pub fn edit_comment(
    roots: &Roots,
    txn: &mut TransactionMut,
    id: &str,
    text: &str,
    at: u64,
) -> bool {
    let Some(m) = child(&roots.comments, txn, id) else {
        return false;
    };
    m.insert(txn, "text", text);
    m.insert(txn, "editedAt", at as f64);
    true
}

/// Deletes a comment.
pub fn remove_comment(roots: &Roots, txn: &mut TransactionMut, id: &str) {
    roots.comments.remove(txn, id);
}

/// Adds (or replaces) a lane.
pub fn put_lane(roots: &Roots, txn: &mut TransactionMut, l: &Lane) {
    let name: String = l.name.chars().take(MAX_LANE_NAME_CHARS).collect();
    roots.lanes.insert(
        txn,
        l.id.as_str(),
        MapPrelim::from([
            ("name", yrs::In::from(name)),
            ("y", yrs::In::from(l.y)),
            ("h", yrs::In::from(l.h)),
        ]),
    );
}

/// Renames a lane (cut to its limit). Returns false when it does not exist.
pub fn set_lane_name(roots: &Roots, txn: &mut TransactionMut, id: &str, name: &str) -> bool {
    let Some(m) = child(&roots.lanes, txn, id) else {
        return false;
    };
    let name: String = name.trim().chars().take(MAX_LANE_NAME_CHARS).collect();
    m.insert(txn, "name", name);
    true
}

/// Deletes a lane (its stickies stay where they are).
pub fn remove_lane(roots: &Roots, txn: &mut TransactionMut, id: &str) {
    roots.lanes.remove(txn, id);
}

/// Marks or unmarks a domain event as pivotal.
pub fn set_pivotal(roots: &Roots, txn: &mut TransactionMut, id: &str, on: bool) {
    if on {
        roots.pivotal.insert(txn, id, true);
    } else {
        roots.pivotal.remove(txn, id);
    }
}

/// Writes `board`'s workshop state (into a document being filled with the board).
pub(super) fn write_into(roots: &Roots, txn: &mut TransactionMut, board: &Board) {
    for (id, s) in &board.hotspots {
        set_hotspot_status(roots, txn, id, *s);
    }
    for c in &board.comments {
        put_comment(roots, txn, c);
    }
    for l in &board.lanes {
        put_lane(roots, txn, l);
    }
    for id in &board.pivotal {
        set_pivotal(roots, txn, id, true);
    }
}
