use super::*;
use crate::board::Board;
use crate::doc::{self, Roots};
use crate::kind::StickyKind;
use yrs::Map;

/// The page's side of the tests: a board document and what it sends.
struct Page {
    doc: Doc,
    roots: Roots,
}

impl Page {
    fn new() -> Page {
        let doc = doc::new_doc();
        let roots = Roots::of(&doc);
        Page { doc, roots }
    }

    /// Adds a sticky in a transaction of its own and returns that transaction's update, as a
    /// piece of the server's first state would come.
    fn add(&self, id: &str, kind: StickyKind, text: &str) -> Vec<u8> {
        let mut txn = self.doc.transact_mut();
        doc::put_sticky(
            &self.roots,
            &mut txn,
            &Sticky::new(id, kind, text, 0.0, 0.0),
        );
        txn.encode_update_v1()
    }

    fn since(&self, state: &StateVector) -> Vec<u8> {
        self.doc.transact().encode_state_as_update_v1(state)
    }

    fn board(&self) -> Board {
        doc::snapshot(&self.doc)
    }
}

fn ask(replica: &mut Replica, feed: &Feed) -> (StateVector, Option<Reply>) {
    let text = replica.answer(&feed.encode());
    let (state, reply) = read_answer(&text);
    let reply = reply.map(|json| serde_json::from_str::<Reply>(json).expect("a reply in JSON"));
    (state.expect("the state is always answered"), reply)
}

/// A feed of `updates` that asks for the report.
fn analysing(updates: Vec<Vec<u8>>) -> Feed {
    Feed {
        updates,
        analyse: true,
        ..Feed::default()
    }
}

fn analysed(board: &Board) -> Report {
    report(board).digest(PER_KIND)
}

#[test]
fn a_feed_reads_back_as_it_was_written() {
    let feed = Feed {
        updates: vec![vec![1, 2, 3], Vec::new(), vec![0; 300]],
        private: vec![Sticky::new(
            "p1",
            StickyKind::Hotspot,
            "왜 늦지? Why late?",
            1.0,
            2.0,
        )],
        analyse: true,
    };
    assert_eq!(Feed::decode(&feed.encode()), Ok(feed.clone()));
    assert_eq!(Feed::decode(&Feed::default().encode()), Ok(Feed::default()));
}

#[test]
fn a_truncated_or_padded_feed_is_refused_in_words() {
    let bytes = Feed {
        updates: vec![vec![7; 40]],
        private: Vec::new(),
        analyse: true,
    }
    .encode();
    for cut in 0..bytes.len() {
        let e = Feed::decode(&bytes[..cut]).unwrap_err();
        assert!(
            e.starts_with("the analysis could not read the"),
            "{cut}: {e}"
        );
    }
    let mut padded = bytes.clone();
    padded.push(0);
    assert!(Feed::decode(&padded).is_err());
    let mut flag = bytes;
    flag[0] = 2;
    assert!(Feed::decode(&flag).is_err());
    // A count far larger than the bytes sent ends at the end of the bytes.
    let mut huge = vec![1u8];
    huge.write_var(usize::MAX >> 8);
    assert!(Feed::decode(&huge).is_err());
}

#[test]
fn the_copy_fed_the_first_state_then_what_changed_analyses_the_pages_board() {
    let page = Page::new();
    let pieces = vec![
        page.add("e1", StickyKind::DomainEvent, "주문됨"),
        page.add("c1", StickyKind::Command, "Place order"),
        page.add("e2", StickyKind::DomainEvent, "Order paid"),
    ];
    let mut replica = Replica::default();
    // The first feed only brings the state: no report, and the state the copy is now in.
    let (state, reply) = ask(
        &mut replica,
        &Feed {
            updates: pieces,
            ..Feed::default()
        },
    );
    assert!(reply.is_none());
    assert_eq!(state, page.doc.transact().state_vector());
    // Meanwhile the page edits: a sticky goes (an update of deletions only, which moves no
    // state vector) and text changes.
    {
        let mut txn = page.doc.transact_mut();
        doc::remove_sticky(&page.roots, &mut txn, "e2");
        let m = doc::sticky_map(&page.roots, &txn, "c1").expect("there");
        m.insert(&mut txn, "kind", StickyKind::Policy.as_str());
    }
    let diff = page.since(&state);
    let (state, reply) = ask(&mut replica, &analysing(vec![diff]));
    assert_eq!(state, page.doc.transact().state_vector());
    assert_eq!(reply, Some(Ok(analysed(&page.board()))));
    // Nothing changed: an empty diff, the same report.
    let (_, again) = ask(&mut replica, &analysing(vec![page.since(&state)]));
    assert_eq!(again, Some(Ok(analysed(&page.board()))));
}

#[test]
fn private_stickies_are_analysed_over_the_board_without_joining_the_copy() {
    let page = Page::new();
    let first = page.add("e1", StickyKind::DomainEvent, "Order placed");
    let private = Sticky::new("p1", StickyKind::Command, "결제한다", 300.0, 0.0);
    let mut replica = Replica::default();
    let (state, reply) = ask(
        &mut replica,
        &Feed {
            updates: vec![first],
            private: vec![private.clone()],
            analyse: true,
        },
    );
    let mut seen = page.board();
    seen.put_sticky(private);
    assert_eq!(reply, Some(Ok(analysed(&seen))));
    assert_ne!(analysed(&seen), analysed(&page.board()));
    // Without them the next report is the board's alone.
    let (_, reply) = ask(&mut replica, &analysing(vec![page.since(&state)]));
    assert_eq!(reply, Some(Ok(analysed(&page.board()))));
}

#[test]
fn a_faulty_update_is_refused_in_words_and_the_state_says_how_far_the_copy_got() {
    let page = Page::new();
    let good = page.add("e1", StickyKind::DomainEvent, "Order placed");
    let mut replica = Replica::default();
    for junk in [vec![0xff; 12], vec![1], b"not an update".to_vec()] {
        let (state, reply) = ask(&mut replica, &analysing(vec![good.clone(), junk.clone()]));
        let why = reply.expect("a reply").unwrap_err();
        assert!(
            why.starts_with("the analysis refused update 2 it was sent"),
            "{junk:?}: {why}"
        );
        // The good update before it is in.
        assert_eq!(state, page.doc.transact().state_vector());
    }
    let (_, reply) = ask(
        &mut replica,
        &Feed {
            analyse: true,
            ..Feed::default()
        },
    );
    assert_eq!(reply, Some(Ok(analysed(&page.board()))));
    // Bytes that are no feed at all.
    let text = replica.answer(b"\x05");
    let (state, reply) = read_answer(&text);
    assert!(state.is_some());
    let reply: Reply = serde_json::from_str(reply.expect("a reply")).unwrap();
    assert!(reply
        .unwrap_err()
        .starts_with("the analysis could not read"));
}

#[test]
fn an_unreadable_state_line_means_the_whole_document_next_time() {
    for text in ["", "zz\n{}", "\n", "ff00ff\n"] {
        assert!(read_answer(text).0.is_none(), "{text:?}");
    }
    assert_eq!(read_answer("00\n").1, None);
    assert_eq!(read_answer("00\n{\"Ok\":1}").1, Some("{\"Ok\":1}"));
}

#[test]
fn a_board_a_client_gave_impossible_numbers_still_reaches_the_analysis() {
    let page = Page::new();
    page.add("s1", StickyKind::Command, "Pay");
    {
        let mut txn = page.doc.transact_mut();
        let map = doc::sticky_map(&page.roots, &txn, "s1").expect("written");
        map.insert(&mut txn, "x", f64::NAN);
        map.insert(&mut txn, "y", f64::INFINITY);
        map.insert(&mut txn, "w", f64::NEG_INFINITY);
    }
    let mut replica = Replica::default();
    let (_, reply) = ask(
        &mut replica,
        &analysing(vec![page.since(&StateVector::default())]),
    );
    let report = reply.expect("a reply").expect("the board reads");
    let summary = &report.analysis.summary;
    assert!(summary.errors + summary.warnings + summary.infos > 0);
    let s = &page.board().stickies[0];
    assert!(
        s.x.is_finite() && s.y.is_finite() && s.w.is_finite(),
        "{s:?}"
    );
}

#[test]
fn the_copys_board_patched_feed_after_feed_is_the_board_read_whole() {
    let page = Page::new();
    page.add("e1", StickyKind::DomainEvent, "Order placed");
    page.add("c1", StickyKind::Command, "Place order");
    let mut replica = Replica::default();
    let mut state = StateVector::default();
    let private = vec![Sticky::new(
        "p1",
        StickyKind::Command,
        "몰래 Secretly",
        9.0,
        9.0,
    )];
    let edits: [fn(&Page); 5] = [
        |_| {},
        |p| {
            p.add("a1", StickyKind::Aggregate, "주문 Order");
        },
        |p| {
            let mut txn = p.doc.transact_mut();
            doc::put_link(
                &p.roots,
                &mut txn,
                &crate::board::Link::new("l1", "c1", "a1"),
            );
            doc::put_link(
                &p.roots,
                &mut txn,
                &crate::board::Link::new("l2", "a1", "e1"),
            );
        },
        |p| {
            let mut txn = p.doc.transact_mut();
            let m = doc::sticky_map(&p.roots, &txn, "c1").expect("there");
            m.insert(&mut txn, "kind", StickyKind::Policy.as_str());
        },
        |p| {
            let mut txn = p.doc.transact_mut();
            doc::remove_sticky(&p.roots, &mut txn, "e1");
            doc::set_name(&p.roots, &mut txn, "주문 Orders");
        },
    ];
    for (i, edit) in edits.iter().enumerate() {
        edit(&page);
        // Every other feed carries a private sticky: it is laid over, never kept.
        let private = if i % 2 == 1 {
            private.clone()
        } else {
            Vec::new()
        };
        let mut seen = page.board();
        for s in &private {
            seen.put_sticky(s.clone());
        }
        let (next, reply) = ask(
            &mut replica,
            &Feed {
                updates: vec![page.since(&state)],
                private,
                analyse: true,
            },
        );
        state = next;
        assert_eq!(reply, Some(Ok(analysed(&seen))), "after edit {i}");
    }
}
