//! Tests of the document layer: round trips and concurrent edits merging.

use super::*;
use crate::board::{Attribute, Example};
use crate::legend::LegendEntry;
use crate::relation::{Pattern, Rank, Relation};
use crate::requirements::food_delivery;
use yrs::updates::decoder::Decode;
use yrs::Doc;
use yrs::Update;

pub(super) fn sticky(id: &str, kind: StickyKind, text: &str) -> Sticky {
    Sticky {
        id: id.into(),
        kind,
        text: text.into(),
        x: 10.0,
        y: 20.0,
        ..Sticky::default()
    }
}

/// Sends what each document has and the other lacks, both ways.
pub(crate) fn sync(a: &Doc, b: &Doc) {
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

/// Two peers whose documents both hold `first`: the start of every merge test.
pub(super) fn two_peers_sharing(first: Sticky) -> (Doc, Roots, Doc, Roots) {
    let (a, b) = (new_doc(), new_doc());
    let ra = Roots::of(&a);
    put_sticky(&ra, &mut a.transact_mut(), &first);
    sync(&a, &b);
    let rb = Roots::of(&b);
    (a, ra, b, rb)
}

/// Writes `board` into a new document and reads it back unchanged.
fn assert_round_trip(board: &Board) {
    let doc = new_doc();
    write_board(&doc, board);
    assert_eq!(&snapshot(&doc), board);
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
            label: "결제 시 on payment".into(),
        }],
        frames: vec![Frame {
            id: "f".into(),
            name: "app".into(),
            x: 0.0,
            y: 0.0,
            w: 500.0,
            h: 400.0,
            rank: Some(Rank::Core),
        }],
        ..full_extras()
    };
    assert_round_trip(&board);
}

#[test]
fn concurrent_typing_in_one_sticky_keeps_both_users_text() {
    let (a, ra, b, rb) = two_peers_sharing(sticky("s", StickyKind::DomainEvent, "Order placed"));
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
    let (a, ra, b, rb) = two_peers_sharing(sticky("s", StickyKind::DomainEvent, "주문"));
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
                label: String::new(),
            },
        );
        remove_sticky(&r, &mut txn, "a");
    }
    let board = snapshot(&doc);
    assert_eq!(board.stickies.len(), 1);
    assert!(board.links.is_empty());
}

#[test]
fn a_link_label_is_set_trimmed_bounded_and_removed() {
    let doc = new_doc();
    let r = Roots::of(&doc);
    let mut txn = doc.transact_mut();
    put_link(&r, &mut txn, &Link::new("l", "a", "b"));
    assert!(set_link_label(&r, &mut txn, "l", "  결제 시 on payment "));
    assert!(!set_link_label(&r, &mut txn, "nope", "x"));
    drop(txn);
    assert_eq!(snapshot(&doc).links[0].label, "결제 시 on payment");
    let mut txn = doc.transact_mut();
    set_link_label(&r, &mut txn, "l", &"가".repeat(500));
    drop(txn);
    assert_eq!(
        snapshot(&doc).links[0].label.chars().count(),
        LINK_LABEL_MAX
    );
    let mut txn = doc.transact_mut();
    set_link_label(&r, &mut txn, "l", "   ");
    drop(txn);
    assert_eq!(snapshot(&doc).links[0].label, "");
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
}

/// Every part added after the first schema: description, legend, attributes, examples,
/// relations and requirement sets.
fn full_extras() -> Board {
    let mut legend = crate::legend::Legend::default();
    legend.entries.insert(
        StickyKind::Hotspot,
        LegendEntry {
            color: Some("#ff4dd2".into()),
            label: Some("Question".into()),
        },
    );
    let mut reqs = food_delivery();
    reqs.requirements[0].stickies = vec!["a".into(), "b".into()];
    Board {
        description: "음식 배달 / food delivery".into(),
        legend,
        relations: vec![Relation {
            id: "r1".into(),
            upstream: "f".into(),
            downstream: "g".into(),
            patterns: vec![Pattern::OpenHostService, Pattern::PublishedLanguage],
        }],
        requirements: vec![reqs],
        votes: vec![crate::workshop::VoteResult {
            sticky: "o".into(),
            votes: 3,
        }],
        ..Board::default()
    }
}

#[test]
fn extras_round_trip_through_the_document() {
    let mut board = full_extras();
    board.stickies = vec![Sticky {
        attributes: vec![
            Attribute {
                name: "orderId".into(),
                ty: "Long".into(),
            },
            Attribute {
                name: "수량".into(),
                ty: String::new(),
            },
        ],
        examples: vec![Example {
            given: "장바구니에 메뉴 2개".into(),
            when: "주문".into(),
            then: "주문됨".into(),
        }],
        ..sticky("o", StickyKind::Aggregate, "Order")
    }];
    assert_round_trip(&board);
}

#[test]
fn concurrent_attribute_and_example_additions_both_survive() {
    let (a, ra, b, rb) = two_peers_sharing(sticky("o", StickyKind::Aggregate, "Order"));
    let attr = |n: &str| Attribute {
        name: n.into(),
        ty: String::new(),
    };
    assert!(add_attribute(
        &ra,
        &mut a.transact_mut(),
        "o",
        &attr("price")
    ));
    assert!(add_attribute(
        &rb,
        &mut b.transact_mut(),
        "o",
        &attr("가격")
    ));
    assert!(add_example(
        &rb,
        &mut b.transact_mut(),
        "o",
        &Example {
            given: "g".into(),
            when: "w".into(),
            then: "t".into()
        }
    ));
    sync(&a, &b);
    let s = snapshot(&a).stickies[0].clone();
    let mut names: Vec<_> = s.attributes.iter().map(|a| a.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["price", "가격"]);
    assert_eq!(s.examples.len(), 1);
    assert_eq!(snapshot(&a), snapshot(&b));
}

#[test]
fn concurrent_requirement_links_and_rank_changes_merge() {
    let a = new_doc();
    let b = new_doc();
    let ra = Roots::of(&a);
    {
        let mut t = a.transact_mut();
        put_requirement_set(&ra, &mut t, &food_delivery());
        put_frame(
            &ra,
            &mut t,
            &Frame {
                id: "app".into(),
                w: 100.0,
                h: 100.0,
                ..Frame::default()
            },
        );
    }
    sync(&a, &b);
    let rb = Roots::of(&b);
    assert!(link_requirement(
        &ra,
        &mut a.transact_mut(),
        "food-delivery",
        "FR1",
        "s1"
    ));
    assert!(link_requirement(
        &rb,
        &mut b.transact_mut(),
        "food-delivery",
        "FR1",
        "s2"
    ));
    assert!(!link_requirement(
        &rb,
        &mut b.transact_mut(),
        "food-delivery",
        "FR99",
        "s2"
    ));
    assert!(set_frame_rank(
        &ra,
        &mut a.transact_mut(),
        "app",
        Some(Rank::Core)
    ));
    set_legend_entry(
        &rb,
        &mut b.transact_mut(),
        StickyKind::Policy,
        &LegendEntry {
            color: Some("#cc99ff".into()),
            label: None,
        },
    );
    sync(&a, &b);
    let board = snapshot(&b);
    assert_eq!(board.requirements[0].requirements[0].stickies, ["s1", "s2"]);
    assert_eq!(board.requirements[0].requirements.len(), 13);
    assert_eq!(board.requirements[0].requirements[12].id, "NFR5");
    assert_eq!(board.frames[0].rank, Some(Rank::Core));
    assert_eq!(board.legend.color(StickyKind::Policy), "#cc99ff");
    assert_eq!(snapshot(&a), board);
    assert!(unlink_requirement(
        &ra,
        &mut a.transact_mut(),
        "food-delivery",
        "FR1",
        "s1"
    ));
    assert_eq!(
        snapshot(&a).requirements[0].requirements[0].stickies,
        ["s2"]
    );
}

#[test]
fn removing_a_frame_removes_its_relations() {
    let doc = new_doc();
    let mut board = full_extras();
    board.frames = vec![
        Frame {
            id: "f".into(),
            ..Frame::default()
        },
        Frame {
            id: "g".into(),
            ..Frame::default()
        },
    ];
    write_board(&doc, &board);
    let r = Roots::of(&doc);
    remove_frame(&r, &mut doc.transact_mut(), "g");
    let b = snapshot(&doc);
    assert_eq!(b.frames.len(), 1);
    assert!(b.relations.is_empty());
}

/// One step of a random editing session: which peer edits, and what.
#[derive(Debug, Clone)]
enum Step {
    Put(bool, u8, u8),
    Type(bool, u8, String),
    Move(bool, u8, i16),
    Remove(bool, u8),
    Link(bool, u8, u8, bool),
    Frame(bool, u8, i16),
    DropFrame(bool, u8),
    Legend(bool, u8),
    Sync,
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        (any::<bool>(), 0..48u8, 0..10u8).prop_map(|(p, i, k)| Step::Put(p, i, k)),
        (any::<bool>(), 0..12u8, "[a-z주문됨 ]{0,6}").prop_map(|(p, i, t)| Step::Type(p, i, t)),
        (any::<bool>(), 0..12u8, any::<i16>()).prop_map(|(p, i, d)| Step::Move(p, i, d)),
        (any::<bool>(), 0..12u8).prop_map(|(p, i)| Step::Remove(p, i)),
        (any::<bool>(), 0..12u8, 0..12u8, any::<bool>())
            .prop_map(|(p, a, b, c)| Step::Link(p, a, b, c)),
        (any::<bool>(), 0..4u8, any::<i16>()).prop_map(|(p, i, d)| Step::Frame(p, i, d)),
        (any::<bool>(), 0..4u8).prop_map(|(p, i)| Step::DropFrame(p, i)),
        (any::<bool>(), 0..10u8).prop_map(|(p, k)| Step::Legend(p, k)),
        Just(Step::Sync),
    ]
}

fn apply_step(roots: &Roots, txn: &mut TransactionMut, step: &Step) {
    let s = |i: &u8| format!("s{i}");
    match step {
        Step::Put(_, i, k) => put_sticky(
            roots,
            txn,
            &sticky(&s(i), StickyKind::ALL[*k as usize], "new"),
        ),
        Step::Type(_, i, t) => _ = set_sticky_text(roots, txn, &s(i), t),
        Step::Move(_, i, d) => _ = move_sticky(roots, txn, &s(i), f64::from(*d), 3.0),
        Step::Remove(_, i) => remove_sticky(roots, txn, &s(i)),
        Step::Link(_, a, b, cb) => {
            let mut l = Link::new(&format!("l{a}{b}"), &s(a), &s(b));
            l.circuit_breaker = *cb;
            put_link(roots, txn, &l);
        }
        Step::Frame(_, i, d) => put_frame(
            roots,
            txn,
            &Frame {
                id: format!("f{i}"),
                name: format!("F{d}"),
                x: f64::from(*d),
                y: 0.0,
                w: 300.0,
                h: 200.0,
                rank: None,
            },
        ),
        Step::DropFrame(_, i) => remove_frame(roots, txn, &format!("f{i}")),
        Step::Legend(_, k) => set_legend_entry(
            roots,
            txn,
            StickyKind::ALL[*k as usize],
            &LegendEntry {
                color: Some("#123456".into()),
                label: Some("라벨".into()),
            },
        ),
        Step::Sync => {}
    }
}

proptest::proptest! {
    /// Patching a snapshot with what a watch saw gives the same board as reading it anew,
    /// after local edits and after remote updates alike.
    #[test]
    fn patched_snapshots_match_full_reads(steps in proptest::collection::vec(step(), 1..40)) {
        let (a, b) = (new_doc(), new_doc());
        let (ra, rb) = (Roots::of(&a), Roots::of(&b));
        let watch = Watch::new(&ra);
        let mut board = snapshot(&a);
        for st in &steps {
            let on_b = match st {
                Step::Sync => { sync(&a, &b); false }
                Step::Put(p, ..) | Step::Type(p, ..) | Step::Move(p, ..) | Step::Remove(p, ..)
                | Step::Link(p, ..) | Step::Frame(p, ..) | Step::DropFrame(p, ..) | Step::Legend(p, ..) => *p,
            };
            let (doc, roots) = if on_b { (&b, &rb) } else { (&a, &ra) };
            apply_step(roots, &mut doc.transact_mut(), st);
            let before = layout(&board);
            let laid_out = watch.take().patch(&mut board, &ra, &a.transact());
            proptest::prop_assert_eq!(&board, &snapshot(&a));
            if !laid_out {
                proptest::prop_assert_eq!(layout(&board), before, "a layout change went unreported");
            }
        }
    }
}

/// What views that draw where stickies are depend on: every sticky's place, size, kind and
/// colour, the links, the frames and the legend.
fn layout(b: &Board) -> impl PartialEq + std::fmt::Debug {
    let stickies: Vec<_> = b
        .stickies
        .iter()
        .map(|s| (s.id.clone(), s.x, s.y, s.w, s.h, s.kind, s.color.clone()))
        .collect();
    (
        stickies,
        b.links.clone(),
        b.frames.clone(),
        b.legend.clone(),
    )
}

#[test]
fn concurrent_pattern_change_and_swap_of_one_relation_both_survive() {
    let (a, b) = (new_doc(), new_doc());
    let ra = Roots::of(&a);
    let relation = Relation {
        id: "r".into(),
        upstream: "f".into(),
        downstream: "g".into(),
        patterns: vec![Pattern::CustomerSupplier],
    };
    put_relation(&ra, &mut a.transact_mut(), &relation);
    sync(&a, &b);
    let rb = Roots::of(&b);
    let acl = [Pattern::OpenHostService, Pattern::AnticorruptionLayer];
    assert!(set_relation_patterns(&ra, &mut a.transact_mut(), "r", &acl));
    assert!(swap_relation(&rb, &mut b.transact_mut(), "r"));
    assert!(!swap_relation(&rb, &mut b.transact_mut(), "nope"));
    assert!(!set_relation_patterns(
        &rb,
        &mut b.transact_mut(),
        "nope",
        &acl
    ));
    sync(&a, &b);
    let r = &snapshot(&a).relations[0];
    assert_eq!((r.upstream.as_str(), r.downstream.as_str()), ("g", "f"));
    assert_eq!(r.patterns, acl);
    assert_eq!(snapshot(&a), snapshot(&b));
    remove_relation(&rb, &mut b.transact_mut(), "r");
    assert!(snapshot(&b).relations.is_empty());
}

#[test]
fn linking_a_built_in_requirement_adds_its_set_once() {
    let doc = new_doc();
    let r = Roots::of(&doc);
    let set = food_delivery();
    let mut t = doc.transact_mut();
    assert!(!link_requirement(&r, &mut t, &set.id, "FR1", "s1"));
    assert!(ensure_requirement_set(&r, &mut t, &set));
    assert!(link_requirement(&r, &mut t, &set.id, "FR1", "s1"));
    assert!(!ensure_requirement_set(&r, &mut t, &set), "kept, links too");
    // Unlinking what was never linked, or from a requirement stored without links, is fine.
    assert!(unlink_requirement(&r, &mut t, &set.id, "FR2", "s1"));
    drop(t);
    let board = snapshot(&doc);
    assert_eq!(board.requirements.len(), 1);
    assert_eq!(board.requirements[0].requirements[0].stickies, ["s1"]);
    assert!(board.requirements[0].requirements[1].stickies.is_empty());
}
