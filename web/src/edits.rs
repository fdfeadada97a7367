//! Document edits the board needs beyond those of `stormwall_model::doc`: moving and
//! resizing frames, renaming them, changing a sticky's kind or colour, removing one attribute
//! or example, and replacing the whole board (import, examples) in one undoable transaction.

use stormwall_model::doc::{self, Roots};
use stormwall_model::Board;
use yrs::{Array, Map, MapRef, Out, ReadTxn, TransactionMut};

fn child<T: ReadTxn>(root: &MapRef, txn: &T, id: &str) -> Option<MapRef> {
    match root.get(txn, id)? {
        Out::YMap(m) => Some(m),
        _ => None,
    }
}

/// Sets numeric fields of the entry `id` of `root` (a sticky or a frame).
pub fn set_numbers(
    root: &MapRef,
    txn: &mut TransactionMut,
    id: &str,
    fields: &[(&str, f64)],
) -> bool {
    let Some(m) = child(root, txn, id) else {
        return false;
    };
    for (k, v) in fields {
        m.insert(txn, *k, *v);
    }
    true
}

/// Renames a frame (bounded context).
pub fn set_frame_name(roots: &Roots, txn: &mut TransactionMut, id: &str, name: &str) -> bool {
    let Some(m) = child(&roots.frames, txn, id) else {
        return false;
    };
    m.insert(txn, "name", name);
    true
}

/// Changes a sticky's kind.
pub fn set_sticky_kind(
    roots: &Roots,
    txn: &mut TransactionMut,
    id: &str,
    kind: stormwall_model::StickyKind,
) -> bool {
    let Some(m) = child(&roots.stickies, txn, id) else {
        return false;
    };
    m.insert(txn, "kind", kind.as_str());
    true
}

/// Sets (or, with `None`, clears) a sticky's colour override.
pub fn set_sticky_color(
    roots: &Roots,
    txn: &mut TransactionMut,
    id: &str,
    color: Option<&str>,
) -> bool {
    let Some(m) = child(&roots.stickies, txn, id) else {
        return false;
    };
    match color {
        Some(c) => {
            m.insert(txn, "color", c);
        }
        None => {
            m.remove(txn, "color");
        }
    }
    true
}

/// Which list of a sticky's details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Its attributes.
    Attributes,
    /// Its given/when/then examples.
    Examples,
}

/// Removes the `index`-th attribute or example of a sticky.
pub fn remove_detail(
    roots: &Roots,
    txn: &mut TransactionMut,
    id: &str,
    which: Detail,
    index: u32,
) -> bool {
    let key = match which {
        Detail::Attributes => "attributes",
        Detail::Examples => "examples",
    };
    let Some(m) = child(&roots.stickies, txn, id) else {
        return false;
    };
    match m.get(txn, key) {
        Some(Out::YArray(a)) if index < a.len(txn) => {
            a.remove(txn, index);
            true
        }
        _ => false,
    }
}

/// Replaces everything on the board with `board` (import, opening an example).
pub fn replace_board(roots: &Roots, txn: &mut TransactionMut, board: &Board) {
    for root in [
        &roots.stickies,
        &roots.links,
        &roots.frames,
        &roots.legend,
        &roots.relations,
        &roots.requirements,
    ] {
        root.clear(txn);
    }
    doc::set_name(roots, txn, &board.name);
    doc::set_description(roots, txn, &board.description);
    for (kind, entry) in &board.legend.entries {
        doc::set_legend_entry(roots, txn, *kind, entry);
    }
    for s in &board.stickies {
        doc::put_sticky(roots, txn, s);
    }
    for l in &board.links {
        doc::put_link(roots, txn, l);
    }
    for f in &board.frames {
        doc::put_frame(roots, txn, f);
    }
    for r in &board.relations {
        doc::put_relation(roots, txn, r);
    }
    for set in &board.requirements {
        doc::put_requirement_set(roots, txn, set);
    }
}

/// A fresh, practically unique id starting with `prefix` (s sticky, l link, f frame).
pub fn new_id(prefix: char) -> String {
    let r = (js_sys::Math::random() * 4_294_967_296.0) as u32;
    format!("{prefix}{:x}{:08x}", js_sys::Date::now() as u64, r)
}
