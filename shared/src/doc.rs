//! The board's Yjs document: its root types, and typed reads and writes over a yrs [`Doc`].
//!
//! Layout (documented for other clients in `docs/board-schema.md`):
//! - `meta`: Y.Map — `name` (string).
//! - `stickies`: Y.Map id → Y.Map { `kind` (string), `text` (Y.Text), `x`, `y`, `w`, `h`
//!   (numbers), `color` (string, optional) }.
//! - `links`: Y.Map id → Y.Map { `from`, `to` (sticky ids), `circuit_breaker` (bool) }.
//! - `frames`: Y.Map id → Y.Map { `name`, `x`, `y`, `w`, `h` }.
//!
//! Text positions count UTF-16 code units, as Yjs does in JavaScript.

use yrs::any::Number;
use yrs::types::text::TextPrelim;
use yrs::{
    Any, Doc, GetString, Map, MapPrelim, MapRef, OffsetKind, Options, Out, ReadTxn, Text, TextRef,
    Transact, TransactionMut,
};

use crate::board::{Board, Frame, Link, Sticky, STICKY_SIZE};
use crate::kind::StickyKind;
use crate::text;

/// Root map holding board metadata.
pub const META: &str = "meta";
/// Root map of stickies by id.
pub const STICKIES: &str = "stickies";
/// Root map of links by id.
pub const LINKS: &str = "links";
/// Root map of bounded-context frames by id.
pub const FRAMES: &str = "frames";

/// A new, empty board document with the offset unit JavaScript clients use.
pub fn new_doc() -> Doc {
    Doc::with_options(Options {
        offset_kind: OffsetKind::Utf16,
        ..Options::default()
    })
}

/// The root types of a board document, resolved once.
#[derive(Clone)]
pub struct Roots {
    /// Board metadata.
    pub meta: MapRef,
    /// Stickies by id.
    pub stickies: MapRef,
    /// Links by id.
    pub links: MapRef,
    /// Frames by id.
    pub frames: MapRef,
}

impl Roots {
    /// Resolves (creating when absent) the root types of `doc`.
    pub fn of(doc: &Doc) -> Roots {
        Roots {
            meta: doc.get_or_insert_map(META),
            stickies: doc.get_or_insert_map(STICKIES),
            links: doc.get_or_insert_map(LINKS),
            frames: doc.get_or_insert_map(FRAMES),
        }
    }
}

fn number<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<f64> {
    match map.get(txn, key)? {
        Out::Any(Any::Number(Number::Float(n))) => Some(n),
        Out::Any(Any::Number(Number::Int(n))) => Some(n as f64),
        _ => None,
    }
}

fn string<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<String> {
    match map.get(txn, key)? {
        Out::Any(Any::String(s)) => Some(s.to_string()),
        Out::YText(t) => Some(t.get_string(txn)),
        _ => None,
    }
}

fn boolean<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> bool {
    matches!(map.get(txn, key), Some(Out::Any(Any::Bool(true))))
}

fn child<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<MapRef> {
    match map.get(txn, key)? {
        Out::YMap(m) => Some(m),
        _ => None,
    }
}

/// Children of a root map as `(id, map)`, sorted by id so snapshots are deterministic.
fn entries<T: ReadTxn>(root: &MapRef, txn: &T) -> Vec<(String, MapRef)> {
    let mut v: Vec<(String, MapRef)> = root
        .iter(txn)
        .filter_map(|(k, v)| match v {
            Out::YMap(m) => Some((k.to_string(), m)),
            _ => None,
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Reads the whole board in one transaction. Entries that do not fit the schema (written by a
/// buggy or foreign client) are skipped rather than failing the read.
pub fn read_board<T: ReadTxn>(roots: &Roots, txn: &T) -> Board {
    let stickies = entries(&roots.stickies, txn)
        .into_iter()
        .filter_map(|(id, m)| {
            Some(Sticky {
                kind: StickyKind::parse(&string(&m, txn, "kind")?)?,
                text: string(&m, txn, "text").unwrap_or_default(),
                x: number(&m, txn, "x").unwrap_or(0.0),
                y: number(&m, txn, "y").unwrap_or(0.0),
                w: number(&m, txn, "w").unwrap_or(STICKY_SIZE),
                h: number(&m, txn, "h").unwrap_or(STICKY_SIZE),
                color: string(&m, txn, "color"),
                id,
            })
        })
        .collect();
    let links = entries(&roots.links, txn)
        .into_iter()
        .filter_map(|(id, m)| {
            Some(Link {
                from: string(&m, txn, "from")?,
                to: string(&m, txn, "to")?,
                circuit_breaker: boolean(&m, txn, "circuit_breaker"),
                id,
            })
        })
        .collect();
    let frames = entries(&roots.frames, txn)
        .into_iter()
        .map(|(id, m)| Frame {
            name: string(&m, txn, "name").unwrap_or_default(),
            x: number(&m, txn, "x").unwrap_or(0.0),
            y: number(&m, txn, "y").unwrap_or(0.0),
            w: number(&m, txn, "w").unwrap_or(400.0),
            h: number(&m, txn, "h").unwrap_or(300.0),
            id,
        })
        .collect();
    Board {
        name: string(&roots.meta, txn, "name").unwrap_or_default(),
        stickies,
        links,
        frames,
    }
}

/// Reads the whole board of `doc`.
pub fn snapshot(doc: &Doc) -> Board {
    let roots = Roots::of(doc);
    let txn = doc.transact();
    read_board(&roots, &txn)
}

/// Sets the board's name.
pub fn set_name(roots: &Roots, txn: &mut TransactionMut, name: &str) {
    roots.meta.insert(txn, "name", name);
}

/// Adds (or replaces) a sticky.
pub fn put_sticky(roots: &Roots, txn: &mut TransactionMut, s: &Sticky) {
    let mut prelim = MapPrelim::from([
        ("kind", yrs::In::from(s.kind.as_str())),
        ("x", yrs::In::from(s.x)),
        ("y", yrs::In::from(s.y)),
        ("w", yrs::In::from(s.w)),
        ("h", yrs::In::from(s.h)),
    ]);
    if let Some(c) = &s.color {
        prelim.insert("color".into(), yrs::In::from(c.as_str()));
    }
    let m = roots.stickies.insert(txn, s.id.as_str(), prelim);
    m.insert(txn, "text", TextPrelim::new(s.text.as_str()));
}

/// The sticky's map, when it exists.
pub fn sticky_map<T: ReadTxn>(roots: &Roots, txn: &T, id: &str) -> Option<MapRef> {
    child(&roots.stickies, txn, id)
}

fn sticky_text<T: ReadTxn>(m: &MapRef, txn: &T) -> Option<TextRef> {
    match m.get(txn, "text")? {
        Out::YText(t) => Some(t),
        _ => None,
    }
}

/// Changes a sticky's text with the smallest splice, so concurrent typing merges.
/// Returns false when the sticky does not exist.
pub fn set_sticky_text(roots: &Roots, txn: &mut TransactionMut, id: &str, new: &str) -> bool {
    let Some(m) = sticky_map(roots, txn, id) else {
        return false;
    };
    let t = match sticky_text(&m, txn) {
        Some(t) => t,
        None => m.insert(txn, "text", TextPrelim::new("")),
    };
    let old = t.get_string(txn);
    if let Some(s) = text::diff(&old, new) {
        if s.delete > 0 {
            t.remove_range(txn, s.index, s.delete);
        }
        if !s.insert.is_empty() {
            t.insert(txn, s.index, &s.insert);
        }
    }
    true
}

/// Moves a sticky's top-left corner. Returns false when the sticky does not exist.
pub fn move_sticky(roots: &Roots, txn: &mut TransactionMut, id: &str, x: f64, y: f64) -> bool {
    let Some(m) = sticky_map(roots, txn, id) else {
        return false;
    };
    m.insert(txn, "x", x);
    m.insert(txn, "y", y);
    true
}

/// Deletes a sticky and every link that touches it.
pub fn remove_sticky(roots: &Roots, txn: &mut TransactionMut, id: &str) {
    roots.stickies.remove(txn, id);
    let dangling: Vec<String> = entries(&roots.links, txn)
        .into_iter()
        .filter(|(_, m)| {
            string(m, txn, "from").as_deref() == Some(id)
                || string(m, txn, "to").as_deref() == Some(id)
        })
        .map(|(k, _)| k)
        .collect();
    for k in dangling {
        roots.links.remove(txn, &k);
    }
}

/// Adds (or replaces) a link.
pub fn put_link(roots: &Roots, txn: &mut TransactionMut, l: &Link) {
    roots.links.insert(
        txn,
        l.id.as_str(),
        MapPrelim::from([
            ("from", yrs::In::from(l.from.as_str())),
            ("to", yrs::In::from(l.to.as_str())),
            ("circuit_breaker", yrs::In::from(l.circuit_breaker)),
        ]),
    );
}

/// Adds (or replaces) a frame.
pub fn put_frame(roots: &Roots, txn: &mut TransactionMut, f: &Frame) {
    roots.frames.insert(
        txn,
        f.id.as_str(),
        MapPrelim::from([
            ("name", yrs::In::from(f.name.as_str())),
            ("x", yrs::In::from(f.x)),
            ("y", yrs::In::from(f.y)),
            ("w", yrs::In::from(f.w)),
            ("h", yrs::In::from(f.h)),
        ]),
    );
}

/// Writes a whole board into `doc` (used by import and by the reference boards).
pub fn write_board(doc: &Doc, board: &Board) {
    let roots = Roots::of(doc);
    let mut txn = doc.transact_mut();
    set_name(&roots, &mut txn, &board.name);
    for s in &board.stickies {
        put_sticky(&roots, &mut txn, s);
    }
    for l in &board.links {
        put_link(&roots, &mut txn, l);
    }
    for f in &board.frames {
        put_frame(&roots, &mut txn, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::updates::decoder::Decode;
    use yrs::{StateVector, Update};

    fn sticky(id: &str, kind: StickyKind, text: &str) -> Sticky {
        Sticky {
            id: id.into(),
            kind,
            text: text.into(),
            x: 10.0,
            y: 20.0,
            w: STICKY_SIZE,
            h: STICKY_SIZE,
            color: None,
        }
    }

    fn sync(a: &Doc, b: &Doc) {
        let ua = a
            .transact()
            .encode_state_as_update_v1(&b.transact().state_vector());
        let ub = b
            .transact()
            .encode_state_as_update_v1(&a.transact().state_vector());
        b.transact_mut()
            .apply_update(Update::decode_v1(&ua).unwrap())
            .unwrap();
        a.transact_mut()
            .apply_update(Update::decode_v1(&ub).unwrap())
            .unwrap();
    }

    #[test]
    fn write_then_read_gives_the_same_board() {
        let board = Board {
            name: "Food delivery".into(),
            stickies: vec![
                sticky("a", StickyKind::DomainEvent, "주문됨"),
                Sticky {
                    color: Some("#123456".into()),
                    ..sticky("b", StickyKind::Command, "주문")
                },
            ],
            links: vec![Link {
                id: "l1".into(),
                from: "b".into(),
                to: "a".into(),
                circuit_breaker: true,
            }],
            frames: vec![Frame {
                id: "f".into(),
                name: "app".into(),
                x: 0.0,
                y: 0.0,
                w: 500.0,
                h: 400.0,
            }],
        };
        let doc = new_doc();
        write_board(&doc, &board);
        assert_eq!(snapshot(&doc), board);
    }

    #[test]
    fn concurrent_typing_in_one_sticky_keeps_both_users_text() {
        let a = new_doc();
        let b = new_doc();
        let ra = Roots::of(&a);
        put_sticky(
            &ra,
            &mut a.transact_mut(),
            &sticky("s", StickyKind::DomainEvent, "Order placed"),
        );
        sync(&a, &b);
        let rb = Roots::of(&b);
        assert!(set_sticky_text(
            &ra,
            &mut a.transact_mut(),
            "s",
            "New order placed"
        ));
        assert!(set_sticky_text(
            &rb,
            &mut b.transact_mut(),
            "s",
            "Order placed!"
        ));
        sync(&a, &b);
        assert_eq!(snapshot(&a).stickies[0].text, "New order placed!");
        assert_eq!(snapshot(&a), snapshot(&b));
    }

    #[test]
    fn concurrent_move_and_edit_both_survive() {
        let a = new_doc();
        let b = new_doc();
        let ra = Roots::of(&a);
        put_sticky(
            &ra,
            &mut a.transact_mut(),
            &sticky("s", StickyKind::DomainEvent, "주문"),
        );
        sync(&a, &b);
        let rb = Roots::of(&b);
        assert!(move_sticky(&ra, &mut a.transact_mut(), "s", 300.0, 40.0));
        assert!(set_sticky_text(&rb, &mut b.transact_mut(), "s", "주문됨"));
        sync(&a, &b);
        let s = &snapshot(&b).stickies[0];
        assert_eq!((s.x, s.y, s.text.as_str()), (300.0, 40.0, "주문됨"));
    }

    #[test]
    fn removing_a_sticky_removes_its_links() {
        let doc = new_doc();
        let r = Roots::of(&doc);
        {
            let mut txn = doc.transact_mut();
            put_sticky(
                &r,
                &mut txn,
                &sticky("a", StickyKind::Command, "Place order"),
            );
            put_sticky(
                &r,
                &mut txn,
                &sticky("b", StickyKind::DomainEvent, "Order placed"),
            );
            put_link(
                &r,
                &mut txn,
                &Link {
                    id: "l".into(),
                    from: "a".into(),
                    to: "b".into(),
                    circuit_breaker: false,
                },
            );
            remove_sticky(&r, &mut txn, "a");
        }
        let board = snapshot(&doc);
        assert_eq!(board.stickies.len(), 1);
        assert!(board.links.is_empty());
    }

    #[test]
    fn foreign_entries_are_skipped_not_fatal() {
        let doc = new_doc();
        let r = Roots::of(&doc);
        {
            let mut txn = doc.transact_mut();
            r.stickies.insert(
                &mut txn,
                "bad",
                MapPrelim::from([("kind", yrs::In::from("nonsense"))]),
            );
            r.stickies.insert(&mut txn, "scalar", 5.0);
            put_sticky(&r, &mut txn, &sticky("ok", StickyKind::Hotspot, "?"));
        }
        let board = snapshot(&doc);
        assert_eq!(board.stickies.len(), 1);
        assert_eq!(board.stickies[0].id, "ok");
        let _ = StateVector::default();
    }
}
