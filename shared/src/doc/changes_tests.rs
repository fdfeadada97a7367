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
