//! Edits of single fields the board makes as people work: moving and resizing stickies and
//! frames, renaming a frame, changing a sticky's kind or colour, removing one attribute or
//! example, and replacing the whole board (import, examples) in one undoable transaction.

use yrs::{Array, Map, MapRef, Out, TransactionMut};

use super::values::child;
use super::{
    put_frame, put_link, put_relation, put_requirement_set, put_sticky, set_description,
    set_legend_entry, set_name, Roots,
};
use crate::board::{Board, Frame, Link, Sticky};
use crate::kind::StickyKind;

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
    kind: StickyKind,
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
    for root in roots.content() {
        root.clear(txn);
    }
    set_description(roots, txn, "");
    write_into(roots, txn, board);
}

/// Writes stickies, links and frames (a board's, a pasted piece's).
pub(crate) fn put_all(
    roots: &Roots,
    txn: &mut TransactionMut,
    stickies: &[Sticky],
    links: &[Link],
    frames: &[Frame],
) {
    for s in stickies {
        put_sticky(roots, txn, s);
    }
    for l in links {
        put_link(roots, txn, l);
    }
    for f in frames {
        put_frame(roots, txn, f);
    }
}

/// Writes `board`'s content into a document that has none (or that was just cleared).
pub(crate) fn write_into(roots: &Roots, txn: &mut TransactionMut, board: &Board) {
    set_name(roots, txn, &board.name);
    if !board.description.is_empty() {
        set_description(roots, txn, &board.description);
    }
    for (kind, entry) in &board.legend.entries {
        set_legend_entry(roots, txn, *kind, entry);
    }
    put_all(roots, txn, &board.stickies, &board.links, &board.frames);
    for (id, a) in &board.authorship {
        super::put_authorship(roots, txn, id, a);
    }
    for r in &board.relations {
        put_relation(roots, txn, r);
    }
    for set in &board.requirements {
        put_requirement_set(roots, txn, set);
    }
    if !board.votes.is_empty() {
        super::set_votes(roots, txn, &board.votes);
    }
    super::annotations::write_into(roots, txn, board);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::Attribute;
    use crate::doc::{add_attribute, new_doc, snapshot};
    use yrs::Transact;

    fn board_with_one_of_each() -> (yrs::Doc, Roots) {
        let doc = new_doc();
        let roots = Roots::of(&doc);
        let mut txn = doc.transact_mut();
        let mut s = Sticky::new("s1", StickyKind::DomainEvent, "주문됨", 0.0, 0.0);
        s.attributes.push(Attribute {
            name: "id".into(),
            ty: "Uuid".into(),
        });
        put_sticky(&roots, &mut txn, &s);
        put_frame(
            &roots,
            &mut txn,
            &Frame::new("f1", "Ordering", (0.0, 0.0, 400.0, 300.0)),
        );
        drop(txn);
        (doc, roots)
    }

    #[test]
    fn field_edits_change_only_their_field_and_report_missing_items() {
        let (doc, roots) = board_with_one_of_each();
        let mut txn = doc.transact_mut();
        assert!(set_numbers(
            &roots.frames,
            &mut txn,
            "f1",
            &[("w", 500.0), ("h", 200.0)]
        ));
        assert!(set_frame_name(&roots, &mut txn, "f1", "주문 Ordering"));
        assert!(set_sticky_kind(&roots, &mut txn, "s1", StickyKind::Command));
        assert!(set_sticky_color(&roots, &mut txn, "s1", Some("#ff0000")));
        assert!(!set_sticky_kind(
            &roots,
            &mut txn,
            "nope",
            StickyKind::Command
        ));
        assert!(!set_numbers(
            &roots.stickies,
            &mut txn,
            "nope",
            &[("x", 1.0)]
        ));
        drop(txn);
        let b = snapshot(&doc);
        let (s, f) = (&b.stickies[0], &b.frames[0]);
        assert_eq!(
            (s.kind, s.color.as_deref(), s.text.as_str()),
            (StickyKind::Command, Some("#ff0000"), "주문됨")
        );
        assert_eq!(
            (f.name.as_str(), f.w, f.h, f.x),
            ("주문 Ordering", 500.0, 200.0, 0.0)
        );
        set_sticky_color(&roots, &mut doc.transact_mut(), "s1", None);
        assert_eq!(snapshot(&doc).stickies[0].color, None);
    }

    #[test]
    fn removing_a_detail_removes_that_one_only() {
        let (doc, roots) = board_with_one_of_each();
        let mut txn = doc.transact_mut();
        add_attribute(
            &roots,
            &mut txn,
            "s1",
            &Attribute {
                name: "total".into(),
                ty: "Money".into(),
            },
        );
        assert!(!remove_detail(
            &roots,
            &mut txn,
            "s1",
            Detail::Attributes,
            5
        ));
        assert!(remove_detail(&roots, &mut txn, "s1", Detail::Attributes, 0));
        assert!(!remove_detail(&roots, &mut txn, "s1", Detail::Examples, 0));
        drop(txn);
        let names: Vec<_> = snapshot(&doc).stickies[0]
            .attributes
            .iter()
            .map(|a| a.name.clone())
            .collect();
        assert_eq!(names, ["total"]);
    }

    #[test]
    fn replacing_the_board_leaves_exactly_the_new_one() {
        let (doc, roots) = board_with_one_of_each();
        set_description(&roots, &mut doc.transact_mut(), "Old notes");
        let mut next = crate::reference::food_delivery_first();
        next.description = String::new();
        replace_board(&roots, &mut doc.transact_mut(), &next);
        assert_eq!(snapshot(&doc), next);
        next.description = "배달 모델".into();
        replace_board(&roots, &mut doc.transact_mut(), &next);
        assert_eq!(snapshot(&doc), next);
    }
}
