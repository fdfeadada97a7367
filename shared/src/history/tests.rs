//! Restore and diff on real documents: two copies of a board exchanging updates stand for two
//! users, a checkpoint is a decoded copy of an earlier state.

use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, ReadTxn, StateVector, Transact, Update};

use super::*;
use crate::board::{Board, Link, Sticky};
use crate::doc::tests::sync;
use crate::doc::{self, new_doc, snapshot, Roots};
use crate::kind::StickyKind;
use crate::legend::LegendEntry;

/// A copy of `doc`'s current state: what a checkpoint holds.
fn copy(doc: &Doc) -> Doc {
    let out = new_doc();
    let state = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    apply(&out, &state);
    out
}

fn apply(doc: &Doc, update: &[u8]) {
    doc.transact_mut()
        .apply_update(Update::decode_v1(update).unwrap())
        .unwrap();
}

fn edit(d: &Doc, f: impl FnOnce(&Roots, &mut yrs::TransactionMut)) {
    let roots = Roots::of(d);
    f(&roots, &mut d.transact_mut());
}

/// The food-delivery board with a legend override: stickies, links, frames, relations and
/// requirement sets.
fn workshop() -> Doc {
    let d = new_doc();
    let mut board = crate::reference::food_delivery_first();
    board.legend.entries.insert(
        StickyKind::Policy,
        LegendEntry {
            color: Some("#aa00ff".into()),
            label: Some("정책".into()),
        },
    );
    doc::write_board(&d, &board);
    d
}

fn three() -> Doc {
    let d = new_doc();
    edit(&d, |r, t| {
        for (i, id) in ["s1", "s2", "s3"].iter().enumerate() {
            doc::put_sticky(
                r,
                t,
                &Sticky::new(id, StickyKind::DomainEvent, id, i as f64 * 200.0, 0.0),
            );
        }
        doc::put_link(r, t, &Link::new("l12", "s1", "s2"));
    });
    d
}

#[test]
fn restore_after_select_all_delete_brings_everything_back() {
    let live = workshop();
    let checkpoint = copy(&live);
    let before = snapshot(&live);
    assert!(before.stickies.len() > 10 && !before.relations.is_empty());
    assert!(!before.requirements.is_empty() && !before.legend.is_empty());
    edit(&live, |r, t| {
        for root in r.content() {
            root.clear(t);
        }
    });
    assert!(snapshot(&live).stickies.is_empty());

    let restored = restore_board(&live, &checkpoint);
    assert_eq!(snapshot(&live), before);
    assert_eq!(restored.summary.stickies.added, before.stickies.len());
    assert_eq!(restored.summary.links.added, before.links.len());
    assert_eq!(restored.summary.frames.added, before.frames.len());

    // The restore is one update: another copy that saw the wipe converges by applying it.
    let other = copy(&checkpoint);
    let live2 = copy(&checkpoint);
    let wipe = {
        let roots = Roots::of(&other);
        let mut t = other.transact_mut();
        for root in roots.content() {
            root.clear(&mut t);
        }
        t.encode_update_v1()
    };
    apply(&live2, &wipe);
    let r2 = restore_board(&live2, &checkpoint);
    apply(&other, &r2.update);
    assert_eq!(snapshot(&other), before);
}

#[test]
fn restore_undoes_every_kind_of_change_and_leaves_equal_items_alone() {
    let live = workshop();
    let checkpoint = copy(&live);
    let before = snapshot(&live);
    let (moved, typed) = (before.stickies[0].id.clone(), before.stickies[1].id.clone());
    let frame = before.frames[0].id.clone();
    edit(&live, |r, t| {
        doc::move_sticky(r, t, &moved, 999.0, 999.0);
        doc::set_sticky_text(r, t, &typed, "바뀐 글");
        doc::set_sticky_kind(r, t, &typed, StickyKind::Hotspot);
        doc::set_numbers(&r.stickies, t, &typed, &[("w", 300.0)]);
        doc::set_frame_name(r, t, &frame, "Renamed");
        doc::put_sticky(
            r,
            t,
            &Sticky::new("new", StickyKind::Command, "Added", 0.0, 0.0),
        );
        doc::set_legend_entry(r, t, StickyKind::Policy, &LegendEntry::default());
        doc::set_description(r, t, "changed");
    });
    let r = restore_board(&live, &checkpoint);
    assert_eq!(snapshot(&live), before);
    let s = r.summary;
    assert_eq!(
        (s.stickies.changed, s.stickies.removed, s.frames.changed),
        (2, 1, 1)
    );
    // Nothing to do twice: the second restore changes nothing.
    let again = restore_board(&live, &checkpoint);
    assert_eq!((again.summary, again.update.len()), (Summary::default(), 0));
}

#[test]
fn an_edit_made_during_a_restore_survives_it_on_both_copies() {
    let alice = three();
    let bob = copy(&alice);
    let checkpoint = copy(&alice);
    edit(&alice, |r, t| {
        doc::move_sticky(r, t, "s1", 500.0, 500.0);
        doc::remove_sticky(r, t, "s2");
    });
    sync(&alice, &bob);

    // Alice restores while Bob, who has not seen it yet, types into s3 and s1 and adds s4.
    restore_board(&alice, &checkpoint);
    edit(&bob, |r, t| {
        doc::set_sticky_text(r, t, "s3", "s3 edited by Bob");
        doc::set_sticky_text(r, t, "s1", "s1!");
        doc::put_sticky(
            r,
            t,
            &Sticky::new("s4", StickyKind::Command, "new", 0.0, 300.0),
        );
    });
    sync(&alice, &bob);

    let (a, b) = (snapshot(&alice), snapshot(&bob));
    assert_eq!(a, b, "both copies converge");
    assert_eq!(a.sticky("s3").unwrap().text, "s3 edited by Bob");
    assert_eq!(a.sticky("s1").unwrap().text, "s1!");
    assert_eq!(
        (a.sticky("s1").unwrap().x, a.sticky("s1").unwrap().y),
        (0.0, 0.0)
    );
    assert!(a.sticky("s2").is_some() && a.sticky("s4").is_some());
    assert_eq!(a.links.len(), 1, "the link of the deleted sticky is back");
}

#[test]
fn restoring_one_sticky_brings_back_its_text_and_nothing_else() {
    let live = three();
    let checkpoint = copy(&live);
    edit(&live, |r, t| {
        doc::set_sticky_text(r, t, "s1", "s1 rewritten meanwhile");
        doc::set_sticky_text(r, t, "s2", "s2 kept");
    });
    let r = restore_items(&live, &checkpoint, &["s1".into()]);
    let b = snapshot(&live);
    assert_eq!(b.sticky("s1").unwrap().text, "s1");
    assert_eq!(b.sticky("s2").unwrap().text, "s2 kept");
    assert_eq!(r.summary.stickies.changed, 1);
}

#[test]
fn restoring_a_deleted_sticky_brings_its_links_and_an_unknown_id_changes_nothing() {
    let live = three();
    let checkpoint = copy(&live);
    edit(&live, |r, t| doc::remove_sticky(r, t, "s2"));
    let ids = with_links(&snapshot(&checkpoint), &snapshot(&live), &["s2".into()]);
    assert_eq!(ids, ["s2", "l12"]);
    let r = restore_items(&live, &checkpoint, &ids);
    assert_eq!(snapshot(&live), snapshot(&checkpoint));
    assert_eq!((r.summary.stickies.added, r.summary.links.added), (1, 1));
    let r = restore_items(&live, &checkpoint, &["nope".into()]);
    assert_eq!(r.summary, Summary::default());
    // An item added after the checkpoint is removed by restoring it (it did not exist then).
    edit(&live, |r, t| {
        doc::put_sticky(r, t, &Sticky::new("s9", StickyKind::Actor, "", 0.0, 0.0))
    });
    restore_items(&live, &checkpoint, &["s9".into()]);
    assert!(snapshot(&live).sticky("s9").is_none());
}

#[test]
fn the_diff_names_added_changed_and_removed_items() {
    let before = snapshot(&three());
    let mut after: Board = before.clone();
    after.stickies[0].text = "changed".into();
    after.stickies.remove(2);
    after.links.clear();
    after
        .stickies
        .push(Sticky::new("s5", StickyKind::Actor, "", 0.0, 0.0));
    let d = BoardDiff::between(&before, &after);
    assert_eq!(d.stickies.added, ["s5"]);
    assert_eq!(d.stickies.changed, ["s1"]);
    assert_eq!(d.stickies.removed, ["s3"]);
    assert_eq!(d.links.removed, ["l12"]);
    let s = d.summary();
    assert_eq!(s.removed(), 2);
    assert_eq!(
        serde_json::to_value(s).unwrap()["stickies"],
        serde_json::json!({"added": 1, "changed": 1, "removed": 1})
    );
    assert!(BoardDiff::between(&before, &before).is_empty());
}
