//! What a [`Watch`] records of a document's transactions, and how a snapshot is patched with
//! it: typing leaves the layout alone, and a page's own edits are taken apart from others'.

use super::tests::{sticky, sync, two_peers_sharing};
use super::*;

#[test]
fn typing_leaves_the_layout_and_moving_changes_it() {
    let doc = new_doc();
    let r = Roots::of(&doc);
    put_sticky(
        &r,
        &mut doc.transact_mut(),
        &sticky("a", StickyKind::Command, "Pay"),
    );
    let watch = Watch::new(&r);
    let mut board = snapshot(&doc);
    assert!(set_sticky_text(
        &r,
        &mut doc.transact_mut(),
        "a",
        "Pay 주문"
    ));
    assert!(!watch.take().patch(&mut board, &r, &doc.transact()));
    assert_eq!(board.stickies[0].text, "Pay 주문");
    assert!(move_sticky(&r, &mut doc.transact_mut(), "a", 40.0, 0.0));
    assert!(watch.take().patch(&mut board, &r, &doc.transact()));
    remove_sticky(&r, &mut doc.transact_mut(), "a");
    assert!(watch.take().patch(&mut board, &r, &doc.transact()));
    assert!(board.stickies.is_empty());
}

#[test]
fn own_edits_are_taken_apart_from_others() {
    let (a, ra, b, rb) = two_peers_sharing(sticky("x", StickyKind::Command, "Pay"));
    put_sticky(
        &rb,
        &mut b.transact_mut(),
        &sticky("y", StickyKind::Policy, "Whenever"),
    );
    let watch = Watch::new(&ra);
    // Someone else's sticky arrives (a transaction without an origin)...
    sync(&a, &b);
    // ...and this page types into its own (a transaction with its origin).
    assert!(set_sticky_text(
        &ra,
        &mut a.transact_mut_with("page"),
        "x",
        "Pay 주문"
    ));
    let own = watch.take_own();
    assert_eq!(own.stickies.iter().collect::<Vec<_>>(), ["x"]);
    assert!(watch.take_own().is_empty());
    // Others' change waits for the next full take, which has both kinds.
    assert!(set_sticky_text(
        &ra,
        &mut a.transact_mut_with("page"),
        "x",
        "Paid"
    ));
    let all = watch.take();
    assert_eq!(all.stickies.iter().collect::<Vec<_>>(), ["x", "y"]);
    assert!(watch.take().is_empty());
}

#[test]
fn a_first_reading_in_parts_gives_the_board_read_at_once() {
    let doc = new_doc();
    let r = Roots::of(&doc);
    let watch = Watch::new(&r);
    let mut board = crate::board::Board {
        name: "Wall".into(),
        ..Default::default()
    };
    for i in 0..250 {
        board.stickies.push(sticky(
            &format!("s{i:03}"),
            StickyKind::DomainEvent,
            "주문됨",
        ));
    }
    for i in 0..120 {
        board.links.push(crate::board::Link {
            id: format!("l{i:03}"),
            from: format!("s{i:03}"),
            to: format!("s{:03}", i + 1),
            ..Default::default()
        });
    }
    write_board(&doc, &board);
    let changes = watch.take();
    let mut at_once = Board::default();
    changes.patch(&mut at_once, &r, &doc.transact());
    let parts = changes.split(64);
    assert_eq!(parts.len(), (250 + 120_usize).div_ceil(64));
    assert!(parts[..parts.len() - 1]
        .iter()
        .all(|p| !p.other && p.frames.is_empty()));
    let mut in_parts = Board::default();
    for p in &parts {
        assert!(p.stickies.len() + p.links.len() <= 64);
        p.patch(&mut in_parts, &r, &doc.transact());
    }
    assert_eq!(in_parts, at_once);
    assert_eq!(in_parts, snapshot(&doc));
}
