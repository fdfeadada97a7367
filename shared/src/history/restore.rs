//! Restoring an earlier state (a checkpoint's document) onto the live board document, as one
//! transaction of ordinary edits: the live document's history is kept, other users' copies
//! merge the restore like any other change, and an edit made concurrently to an item the
//! restore does not touch survives it.
//!
//! The walk is generic over the document's shared types (maps, texts, arrays, plain values),
//! so every field of a sticky, link, frame, legend entry, relation or requirement set comes
//! back — including fields added to the schema later. Only differences are written: an equal
//! value is left alone, a text is spliced, an array keeps its common head and tail. The
//! board's name is the server's (not restored); its description is.

use std::collections::BTreeSet;

use yrs::types::ToJson;
use yrs::{
    Array, ArrayPrelim, ArrayRef, Doc, GetString, Map, MapPrelim, MapRef, Out, ReadTxn, TextPrelim,
    Transact, TransactionMut,
};

use super::diff::{BoardDiff, Summary};
use crate::board::Board;
use crate::doc::{snapshot, splice_text, Roots};

/// What a restore did to the live document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Restored {
    /// The live board's change, in counts.
    pub summary: Summary,
    /// The Yjs update (v1) the restore made, to send to other copies of the board; empty when
    /// the live document already was as wanted.
    pub update: Vec<u8>,
}

/// Metadata keys a restore leaves alone.
const KEEP_META: &[&str] = &["name"];

/// Makes `live` equal to `target` (stickies with their text, position, size, kind and details;
/// links; frames; legend; relations; requirement sets; description) in one transaction.
pub fn restore_board(live: &Doc, target: &Doc) -> Restored {
    let (lr, tr) = (Roots::of(live), Roots::of(target));
    edit(live, |txn| {
        let ttxn = target.transact();
        sync_map(txn, &lr.meta, &tr.meta, &ttxn, KEEP_META);
        for (l, t) in lr.content().into_iter().zip(tr.content()) {
            sync_map(txn, l, t, &ttxn, &[]);
        }
    })
}

/// Brings the stickies, links and frames named by `ids` back to their state in `target`, in
/// one transaction; everything else is left as it is. An id `target` does not hold is removed
/// from the live board (it did not exist then); unknown ids are ignored.
pub fn restore_items(live: &Doc, target: &Doc, ids: &[String]) -> Restored {
    let (lr, tr) = (Roots::of(live), Roots::of(target));
    let pairs = [
        (&lr.stickies, &tr.stickies),
        (&lr.links, &tr.links),
        (&lr.frames, &tr.frames),
    ];
    edit(live, |txn| {
        let ttxn = target.transact();
        for id in ids {
            let held = pairs
                .iter()
                .find_map(|(l, t)| Some((*l, t.get(&ttxn, id)?)));
            match held {
                Some((l, want)) => sync_entry(txn, l, id, &want, &ttxn),
                None => {
                    for (l, _) in &pairs {
                        l.remove(txn, id);
                    }
                }
            }
        }
    })
}

/// `ids` plus the links of `target` between a sticky of `ids` and a sticky that is in `live`
/// or in `ids`: restoring a sticky brings its arrows back with it.
pub fn with_links(target: &Board, live: &Board, ids: &[String]) -> Vec<String> {
    let chosen: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    let present = |s: &str| chosen.contains(s) || live.sticky(s).is_some();
    let mut out = ids.to_vec();
    for l in &target.links {
        let touches = chosen.contains(l.from.as_str()) || chosen.contains(l.to.as_str());
        if touches && present(&l.from) && present(&l.to) && !chosen.contains(l.id.as_str()) {
            out.push(l.id.clone());
        }
    }
    out
}

/// Runs `f` in one transaction on `live` and reports what it changed.
fn edit(live: &Doc, f: impl FnOnce(&mut TransactionMut)) -> Restored {
    let before: Board = snapshot(live);
    let update = {
        let mut txn = live.transact_mut();
        f(&mut txn);
        if txn.insert_set().is_empty() && txn.delete_set().is_empty() {
            Vec::new()
        } else {
            txn.encode_update_v1()
        }
    };
    Restored {
        summary: BoardDiff::between(&before, &snapshot(live)).summary(),
        update,
    }
}

fn sync_map<T: ReadTxn>(
    txn: &mut TransactionMut,
    live: &MapRef,
    target: &MapRef,
    ttxn: &T,
    keep: &[&str],
) {
    let stale: Vec<String> = live
        .keys(txn)
        .filter(|k| !keep.contains(k) && !target.contains_key(ttxn, k))
        .map(str::to_string)
        .collect();
    for k in stale {
        live.remove(txn, &k);
    }
    for (k, want) in target.iter(ttxn) {
        if !keep.contains(&k) {
            sync_entry(txn, live, k, &want, ttxn);
        }
    }
}

fn sync_entry<T: ReadTxn>(
    txn: &mut TransactionMut,
    live: &MapRef,
    key: &str,
    want: &Out,
    ttxn: &T,
) {
    match (live.get(txn, key), want) {
        (Some(Out::YMap(l)), Out::YMap(t)) => sync_map(txn, &l, t, ttxn, &[]),
        (Some(Out::YText(l)), Out::YText(t)) => splice_text(txn, &l, &t.get_string(ttxn)),
        (Some(Out::YArray(l)), Out::YArray(t)) => sync_array(txn, &l, t, ttxn),
        (Some(Out::Any(l)), Out::Any(t)) if &l == t => {}
        _ => match want {
            Out::Any(a) => _ = live.insert(txn, key, a.clone()),
            Out::YMap(t) => {
                let m = live.insert(txn, key, MapPrelim::default());
                sync_map(txn, &m, t, ttxn, &[]);
            }
            Out::YText(t) => _ = live.insert(txn, key, TextPrelim::new(t.get_string(ttxn))),
            Out::YArray(t) => {
                let a = live.insert(txn, key, ArrayPrelim::default());
                sync_array(txn, &a, t, ttxn);
            }
            // No other shared type is part of a board.
            _ => {}
        },
    }
}

/// Keeps the common head and tail of the live array and replaces the middle with the
/// target's, so a detail appended concurrently elsewhere in the list survives.
fn sync_array<T: ReadTxn>(txn: &mut TransactionMut, live: &ArrayRef, target: &ArrayRef, ttxn: &T) {
    let have: Vec<yrs::Any> = live.iter(txn).map(|v| v.to_json(txn)).collect();
    let want: Vec<Out> = target.iter(ttxn).collect();
    let want_json: Vec<yrs::Any> = want.iter().map(|v| v.to_json(ttxn)).collect();
    let head = have
        .iter()
        .zip(&want_json)
        .take_while(|(a, b)| a == b)
        .count();
    let room = have.len().min(want_json.len()) - head;
    let tail = have
        .iter()
        .rev()
        .zip(want_json.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let gone = (have.len() - head - tail) as u32;
    if gone > 0 {
        live.remove_range(txn, head as u32, gone);
    }
    for (i, w) in want[head..want.len() - tail].iter().enumerate() {
        let at = (head + i) as u32;
        match w {
            Out::YMap(t) => {
                let m = live.insert(txn, at, MapPrelim::default());
                sync_map(txn, &m, t, ttxn, &[]);
            }
            Out::YText(t) => _ = live.insert(txn, at, TextPrelim::new(t.get_string(ttxn))),
            Out::YArray(t) => {
                let a = live.insert(txn, at, ArrayPrelim::default());
                sync_array(txn, &a, t, ttxn);
            }
            other => _ = live.insert(txn, at, other.to_json(ttxn)),
        }
    }
}
