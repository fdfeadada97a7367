use super::*;
use crate::board::Sticky;
use crate::doc::tests::sync;
use crate::doc::{
    move_sticky, new_doc, put_sticky, remove_sticky, set_sticky_text, snapshot, Roots,
};
use crate::kind::StickyKind;
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

fn sticky(i: usize) -> Sticky {
    Sticky {
        id: format!("s{i}"),
        kind: StickyKind::DomainEvent,
        text: format!("Order placed {i}"),
        x: (i % 40) as f64 * 120.0,
        y: (i / 40) as f64 * 90.0,
        ..Sticky::default()
    }
}

/// A board worked on by three people: one adds 300 stickies, another retypes every third in
/// Korean, a third moves some and removes every seventh, then the first adds more.
fn busy_board() -> Doc {
    let (a, b, c) = (new_doc(), new_doc(), new_doc());
    let (ra, rb, rc) = (Roots::of(&a), Roots::of(&b), Roots::of(&c));
    for i in 0..300 {
        put_sticky(&ra, &mut a.transact_mut(), &sticky(i));
    }
    sync(&a, &b);
    sync(&a, &c);
    for i in (0..300).step_by(3) {
        set_sticky_text(
            &rb,
            &mut b.transact_mut(),
            &format!("s{i}"),
            &format!("주문됨 {i}"),
        );
    }
    for i in 0..300 {
        if i % 7 == 0 {
            remove_sticky(&rc, &mut c.transact_mut(), &format!("s{i}"));
        } else if i % 5 == 0 {
            move_sticky(&rc, &mut c.transact_mut(), &format!("s{i}"), 1.0, i as f64);
        }
    }
    sync(&a, &b);
    sync(&a, &c);
    sync(&b, &c);
    for i in 300..360 {
        put_sticky(&ra, &mut a.transact_mut(), &sticky(i));
    }
    a
}

fn apply_all<'a>(pieces: impl IntoIterator<Item = &'a Vec<u8>>) -> Doc {
    let doc = new_doc();
    for p in pieces {
        let u = Update::decode_v1(p).expect("each piece decodes");
        doc.transact_mut()
            .apply_update(u)
            .expect("each piece applies");
    }
    doc
}

fn full_state(doc: &Doc) -> Vec<u8> {
    doc.transact()
        .encode_state_as_update_v1(&StateVector::default())
}

#[test]
fn pieces_applied_in_order_give_the_same_board() {
    let board = busy_board();
    let full = full_state(&board);
    let pieces = split_update(&full, 2000).unwrap();
    assert!(
        pieces.len() >= full.len() / 2000,
        "{} pieces for {} bytes",
        pieces.len(),
        full.len()
    );
    for p in &pieces[..pieces.len() - 1] {
        assert!(p.len() <= 2000 + 32, "a piece of {} bytes", p.len());
    }
    let copy = apply_all(&pieces);
    assert!(
        !copy.transact().has_missing_updates(),
        "nothing left pending"
    );
    assert_eq!(
        copy.transact().state_vector(),
        board.transact().state_vector()
    );
    assert_eq!(snapshot(&copy), snapshot(&board));
    assert_eq!(snapshot(&copy).stickies.len(), 360 - 300 / 7 - 1);
}

#[test]
fn pieces_in_any_order_still_converge() {
    let board = busy_board();
    let pieces = split_update(&full_state(&board), 1500).unwrap();
    let copy = apply_all(pieces.iter().rev());
    assert!(!copy.transact().has_missing_updates());
    assert_eq!(snapshot(&copy), snapshot(&board));
}

#[test]
fn the_delete_set_travels_with_the_last_piece() {
    let board = busy_board();
    let full = full_state(&board);
    let pieces = split_update(&full, 3000).unwrap();
    let deletes = |bytes: &[u8]| Update::decode_v1(bytes).unwrap().delete_set().clone();
    assert!(!deletes(&full).is_empty());
    for p in &pieces[..pieces.len() - 1] {
        assert!(deletes(p).is_empty());
    }
    assert_eq!(deletes(pieces.last().unwrap()), deletes(&full));
}

#[test]
fn a_small_update_comes_back_whole() {
    let doc = new_doc();
    put_sticky(&Roots::of(&doc), &mut doc.transact_mut(), &sticky(1));
    let full = full_state(&doc);
    assert_eq!(split_update(&full, full.len()).unwrap(), vec![full]);
}

#[test]
fn a_malformed_update_is_refused_big_or_small() {
    let full = full_state(&busy_board());
    let cut = &full[..full.len() / 2];
    assert!(split_update(cut, 1000).is_err());
    assert!(split_update(cut, cut.len()).is_err());
}
