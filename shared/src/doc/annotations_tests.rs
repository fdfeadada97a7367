//! Workshop state in the document: written and read back, exported and imported unchanged,
//! patched incrementally like the rest of the board, bounded against hostile writers, and
//! absent from older boards without changing them.

use yrs::{Map, Transact};

use super::*;
use crate::comments::{Comment, MAX_CHARS};
use crate::export::to_json;
use crate::hotspots::HotspotStatus;
use crate::import::from_json;
use crate::timeline::Lane;

fn board() -> Board {
    let mut b = crate::reference::food_delivery_revised();
    let (event, hotspot) = (b.stickies[0].id.clone(), b.stickies[1].id.clone());
    b.stickies[0].kind = StickyKind::DomainEvent;
    b.stickies[1].kind = StickyKind::Hotspot;
    b.hotspots.insert(hotspot.clone(), HotspotStatus::Discussed);
    b.comments = vec![
        Comment {
            id: "c1".into(),
            sticky: hotspot.clone(),
            author: "지민".into(),
            author_key: "k-jimin".into(),
            at: 1_764_600_000_000,
            edited_at: Some(1_764_600_060_000),
            text: "PG사 타임아웃은 몇 초? \u{202E}rtl".into(),
        },
        Comment {
            id: "c2".into(),
            sticky: event.clone(),
            author: "Ana".into(),
            author_key: String::new(),
            at: 1,
            edited_at: None,
            text: "Is this pivotal?".into(),
        },
    ];
    b.lanes = vec![
        Lane {
            id: "lane-a".into(),
            name: "고객".into(),
            y: -40.0,
            h: 200.0,
        },
        Lane {
            id: "lane-b".into(),
            name: "Payment system".into(),
            y: 160.5,
            h: 180.0,
        },
    ];
    b.pivotal = vec![event];
    b.sort();
    b
}

#[test]
fn workshop_state_round_trips_through_the_document_and_the_export() {
    let b = board();
    let doc = new_doc();
    write_board(&doc, &b);
    assert_eq!(snapshot(&doc), b);
    let json = to_json(&b);
    let back = from_json(&json).unwrap();
    assert_eq!(back, b);
    assert_eq!(to_json(&back), json);
    // Through a document again, as an import does.
    let doc2 = new_doc();
    write_board(&doc2, &back);
    assert_eq!(to_json(&snapshot(&doc2)), json);
}

#[test]
fn boards_without_workshop_roots_read_and_export_as_before() {
    let b = crate::reference::food_delivery_first();
    let doc = new_doc();
    write_board(&doc, &b);
    let read = snapshot(&doc);
    assert!(read.hotspots.is_empty() && read.comments.is_empty());
    assert!(read.lanes.is_empty() && read.pivotal.is_empty());
    let json = to_json(&read);
    for key in ["\"hotspots\"", "\"comments\"", "\"lanes\"", "\"pivotal\""] {
        assert!(!json.contains(key), "{key} in an old board's export");
    }
}

#[test]
fn comments_follow_their_sticky_out_and_back_and_patches_agree() {
    let b = board();
    let doc = new_doc();
    write_board(&doc, &b);
    let roots = Roots::of(&doc);
    let watch = Watch::new(&roots);
    let mut seen = snapshot(&doc);
    let hotspot = b.comments[0].sticky.clone();
    let kept = b.sticky(&hotspot).unwrap().clone();
    remove_sticky(&roots, &mut doc.transact_mut(), &hotspot);
    watch.take().patch(&mut seen, &roots, &doc.transact());
    assert_eq!(seen, snapshot(&doc));
    assert!(seen.comments.iter().all(|c| c.sticky != hotspot));
    assert!(!seen.hotspots.contains_key(&hotspot));
    put_sticky(&roots, &mut doc.transact_mut(), &kept);
    watch.take().patch(&mut seen, &roots, &doc.transact());
    // Its links went with it; its comments and status come back.
    assert_eq!(seen.comments, b.comments);
    assert_eq!(seen.hotspots, b.hotspots);
    // Edits through the typed API are patched in too.
    {
        let mut txn = doc.transact_mut();
        edit_comment(&roots, &mut txn, "c1", "3초", 5);
        remove_comment(&roots, &mut txn, "c2");
        set_hotspot_status(&roots, &mut txn, &hotspot, HotspotStatus::Open);
        set_lane_name(&roots, &mut txn, "lane-a", "  Customer  ");
        set_pivotal(&roots, &mut txn, &b.pivotal[0], false);
        remove_lane(&roots, &mut txn, "lane-b");
    }
    watch.take().patch(&mut seen, &roots, &doc.transact());
    assert_eq!(seen, snapshot(&doc));
    assert_eq!(seen.comments.len(), 1);
    assert_eq!(seen.comments[0].text, "3초");
    assert_eq!(seen.comments[0].edited_at, Some(5));
    assert!(seen.hotspots.is_empty() && seen.pivotal.is_empty());
    assert_eq!(seen.lanes.len(), 1);
    assert_eq!(seen.lanes[0].name, "Customer");
}

#[test]
fn what_a_hostile_client_writes_is_read_within_bounds() {
    let b = board();
    let doc = new_doc();
    write_board(&doc, &b);
    let roots = Roots::of(&doc);
    {
        let mut txn = doc.transact_mut();
        let sticky = b.comments[0].sticky.as_str();
        let huge = "ا".repeat(MAX_CHARS * 10);
        let mut c = b.comments[0].clone();
        c.id = "huge".into();
        c.text = huge;
        put_comment(&roots, &mut txn, &c);
        // Wrong types, unknown status, a lane with no height, a pivotal mark that is no bool.
        roots.comments.insert(&mut txn, "not-a-map", "text");
        roots.hotspots.insert(&mut txn, sticky, "closed");
        roots.lanes.insert(
            &mut txn,
            "flat",
            yrs::MapPrelim::from([("name", yrs::In::from("x")), ("y", yrs::In::from(0.0))]),
        );
        roots.pivotal.insert(&mut txn, "whatever", "yes");
    }
    let read = snapshot(&doc);
    let huge = read.comments.iter().find(|c| c.id == "huge").unwrap();
    assert_eq!(huge.text.chars().count(), MAX_CHARS);
    assert!(read.comments.iter().all(|c| c.id != "not-a-map"));
    assert!(read.hotspots.is_empty());
    assert_eq!(read.lanes, b.lanes);
    assert_eq!(read.pivotal, b.pivotal);
    // What was read exports to a file that imports.
    assert!(from_json(&to_json(&read)).is_ok());
}
