//! Adding a copied piece of a board (a [`Clip`], already placed with fresh ids) in one
//! transaction: pasting and duplicating.

use yrs::TransactionMut;

use super::Roots;
use crate::clipboard::Clip;

/// Writes every sticky, link and frame of `clip`.
pub fn put_clip(roots: &Roots, txn: &mut TransactionMut, clip: &Clip) {
    super::edits::put_all(roots, txn, &clip.stickies, &clip.links, &clip.frames);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::{Board, Frame, Link, Sticky};
    use crate::doc::{new_doc, snapshot};
    use crate::kind::StickyKind;
    use yrs::Transact;

    #[test]
    fn a_pasted_clip_lands_beside_what_was_there() {
        let source = Board {
            stickies: vec![
                Sticky::new("a", StickyKind::Command, "Place order", 0.0, 0.0),
                Sticky::new("b", StickyKind::DomainEvent, "주문됨", 200.0, 0.0),
            ],
            links: vec![Link::new("ab", "a", "b")],
            frames: vec![Frame::new("f", "Ordering", (-20.0, -20.0, 400.0, 200.0))],
            ..Board::default()
        };
        let mut n = 0;
        let clip = Clip::of(&source, &["f".into()]).placed((1000.0, 1000.0), |p| {
            n += 1;
            format!("{p}{n}")
        });
        let doc = new_doc();
        let roots = Roots::of(&doc);
        put_clip(
            &roots,
            &mut doc.transact_mut(),
            &Clip::of(&source, &["a".into()]),
        );
        put_clip(&roots, &mut doc.transact_mut(), &clip);
        let b = snapshot(&doc);
        assert_eq!(b.stickies.len(), 3);
        assert_eq!(b.links, clip.links);
        assert_eq!(b.frames, clip.frames);
        assert_eq!(b.sticky("s2").unwrap().text, "주문됨");
        assert!(b.sticky("a").is_some(), "what was there stays");
    }
}
