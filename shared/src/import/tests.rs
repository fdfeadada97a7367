//! Import validation and the export → import → export identity on generated boards.

use proptest::prelude::*;

use super::*;
use crate::board::{Attribute, Example, Frame, Link, Sticky};
use crate::export::to_json;
use crate::kind::StickyKind;
use crate::legend::LegendEntry;
use crate::reference::food_delivery_revised;
use crate::relation::{Pattern, Rank, Relation};
use crate::requirements::{Category, Requirement, RequirementKind, RequirementSet, Tactic};

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z 주문됨결제취소\"\\\\\n🍕]{0,12}"
}

fn coord() -> impl Strategy<Value = f64> {
    prop_oneof![(-5000i32..5000).prop_map(f64::from), -1.0e6f64..1.0e6]
}

fn size() -> impl Strategy<Value = f64> {
    prop_oneof![Just(120.0), 0.0f64..2000.0]
}

prop_compose! {
    fn sticky(i: usize)(kind in 0usize..10, t in text(), x in coord(), y in coord(), w in size(), h in size(),
        color in proptest::option::of("#[0-9a-f]{6}"),
        attrs in proptest::collection::vec((text(), text()), 0..3),
        ex in proptest::collection::vec((text(), text(), text()), 0..2)) -> Sticky {
        Sticky {
            id: format!("s{i}"),
            kind: StickyKind::ALL[kind],
            text: t, x, y, w, h, color,
            attributes: attrs.into_iter().map(|(name, ty)| Attribute { name, ty }).collect(),
            examples: ex.into_iter().map(|(given, when, then)| Example { given, when, then }).collect(),
        }
    }
}

fn board() -> impl Strategy<Value = Board> {
    (1usize..12, 0usize..4).prop_flat_map(|(n, nf)| {
        let stickies: Vec<_> = (0..n).map(sticky).collect();
        let links = proptest::collection::vec((0..n, 0..n, any::<bool>()), 0..10);
        let frames = proptest::collection::vec(
            (text(), coord(), coord(), size(), size(), 0usize..4),
            nf..=nf,
        );
        let relations = proptest::collection::vec(
            (
                0..nf.max(1),
                0..nf.max(1),
                proptest::collection::vec(0usize..8, 0..3),
            ),
            0..nf.div_ceil(2) + 1,
        );
        let legend = proptest::collection::vec(
            (
                0usize..10,
                proptest::option::of("#[0-9a-f]{6}"),
                proptest::option::of(text()),
            ),
            0..3,
        );
        let reqs = proptest::collection::vec(
            (
                text(),
                any::<bool>(),
                0usize..6,
                proptest::collection::vec(0..n, 0..3),
            ),
            0..4,
        );
        (stickies, links, frames, relations, legend, reqs, text()).prop_map(
            move |(stickies, links, frames, relations, legend, reqs, name)| {
                let mut b = Board {
                    name,
                    description: String::new(),
                    ..Board::default()
                };
                b.stickies = stickies;
                b.links = links
                    .into_iter()
                    .enumerate()
                    .map(|(i, (a, c, cb))| Link {
                        id: format!("l{i}"),
                        from: format!("s{a}"),
                        to: format!("s{c}"),
                        circuit_breaker: cb,
                        label: String::new(),
                    })
                    .collect();
                b.frames = frames
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, x, y, w, h, r))| Frame {
                        id: format!("f{i}"),
                        name,
                        x,
                        y,
                        w,
                        h,
                        rank: Rank::ALL.get(r).copied(),
                    })
                    .collect();
                if nf > 0 {
                    b.relations = relations
                        .into_iter()
                        .enumerate()
                        .map(|(i, (u, d, ps))| Relation {
                            id: format!("r{i}"),
                            upstream: format!("f{u}"),
                            downstream: format!("f{d}"),
                            patterns: ps.into_iter().map(|p| Pattern::ALL[p]).collect(),
                        })
                        .collect();
                }
                for (k, color, label) in legend {
                    b.legend
                        .entries
                        .insert(StickyKind::ALL[k], LegendEntry { color, label });
                }
                if !reqs.is_empty() {
                    b.requirements = vec![RequirementSet {
                        id: "set".into(),
                        name: "요구사항".into(),
                        requirements: reqs
                            .into_iter()
                            .enumerate()
                            .map(|(i, (t, nfr, c, st))| Requirement {
                                id: format!("R{i}"),
                                text: t,
                                kind: if nfr {
                                    RequirementKind::NonFunctional
                                } else {
                                    RequirementKind::Functional
                                },
                                category: [
                                    Category::Transaction,
                                    Category::FaultIsolation,
                                    Category::Performance,
                                ]
                                .get(c)
                                .copied(),
                                tactic: [Tactic::SyncCall, Tactic::CqrsView].get(c).copied(),
                                scope: if nfr { vec!["주문".into()] } else { vec![] },
                                stickies: st
                                    .into_iter()
                                    .map(|s| format!("s{s}"))
                                    .collect::<std::collections::BTreeSet<_>>()
                                    .into_iter()
                                    .collect(),
                                ..Requirement::default()
                            })
                            .collect(),
                    }];
                }
                b
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_byte_identical(b in board()) {
        let once = to_json(&b);
        let back = from_json(&once).unwrap();
        prop_assert_eq!(to_json(&back), once);
    }
}

#[test]
fn vote_results_round_trip_byte_identically() {
    let mut b = food_delivery_revised();
    b.votes = vec![
        crate::workshop::VoteResult {
            sticky: b.stickies[1].id.clone(),
            votes: 4,
        },
        crate::workshop::VoteResult {
            sticky: "deleted-after-the-vote".into(),
            votes: 1,
        },
    ];
    let json = to_json(&b);
    assert!(json.contains("\"votes\": 4"));
    let back = from_json(&json).unwrap();
    assert_eq!(back, b);
    assert_eq!(to_json(&back), json);
}

#[test]
fn reference_board_round_trips() {
    let b = food_delivery_revised();
    let json = to_json(&b);
    assert_eq!(from_json(&json).unwrap(), b);
    assert!(json.starts_with("{\n  \"format\": \"stormwall-board\",\n  \"version\": 1,"));
}

#[test]
fn authorship_round_trips_and_keeps_only_items_that_exist() {
    let mut b = food_delivery_revised();
    let (sticky, link, frame) = (
        b.stickies[0].id.clone(),
        b.links[0].id.clone(),
        b.frames[0].id.clone(),
    );
    for (i, id) in [sticky, link, frame].into_iter().enumerate() {
        let at = 1_764_590_000_000 + i as u64;
        b.authorship.insert(
            id,
            crate::Authorship {
                created_by: Some("보라".into()),
                created_at: Some(at),
                updated_by: Some("Ana".into()),
                updated_at: Some(at + 5),
            },
        );
    }
    let json = to_json(&b);
    assert!(json.contains(r#""created_by": "보라""#), "{json}");
    assert_eq!(from_json(&json).unwrap(), b);
    // A board written before authorship was kept has none, and loads.
    let old = to_json(&food_delivery_revised());
    assert!(!old.contains("authorship"));
    assert!(from_json(&old).unwrap().authorship.is_empty());
    // Authorship of an item the board does not hold (a file edited by hand) is dropped; the
    // rest of the board loads with its authors.
    let kept = b.authorship.clone();
    b.authorship
        .insert("ghost".into(), crate::Authorship::default());
    assert_eq!(from_json(&to_json(&b)).unwrap().authorship, kept);
}

fn reject(json: &str) -> ImportError {
    from_json(json).unwrap_err()
}

#[test]
fn bad_input_is_rejected_with_path_and_reason() {
    let env =
        |board: &str| format!(r#"{{"format":"stormwall-board","version":1,"board":{board}}}"#);
    let e = reject("not json");
    assert_eq!(e.path, "$");
    let e = reject(r#"{"format":"other","version":1,"board":{}}"#);
    assert_eq!(e.path, "$.format");
    let e = reject(r#"{"format":"stormwall-board","version":9,"board":{}}"#);
    assert_eq!(e.path, "$.version");
    let e = reject(&env(
        r#"{"stickies":[{"id":"a","kind":"banana","x":0,"y":0}]}"#,
    ));
    assert_eq!(e.path, "$.board.stickies[0].kind");
    assert!(e.reason.contains("banana"), "{}", e.reason);
    let e = reject(&env(
        r#"{"stickies":[{"id":"a","kind":"command","x":"left","y":0}]}"#,
    ));
    assert_eq!(e.path, "$.board.stickies[0].x");
    let e = reject(&env(
        r#"{"stickies":[{"id":"a","kind":"command","x":0,"y":0,"size":3}]}"#,
    ));
    assert!(e.reason.contains("size"), "{e}");
    let e = reject(&env(
        r#"{"stickies":[{"id":"a","kind":"command","x":0,"y":0},{"id":"a","kind":"actor","x":0,"y":0}]}"#,
    ));
    assert_eq!(e.path, "$.board.stickies[1].id");
    let e = reject(&env(
        r#"{"stickies":[{"id":"a","kind":"command","x":0,"y":0}],"links":[{"id":"l","from":"a","to":"zz"}]}"#,
    ));
    assert_eq!(
        (e.path.as_str(), e.reason.as_str()),
        ("$.board.links[0].to", "no sticky with id \"zz\"")
    );
    let e = reject(&env(
        r#"{"relations":[{"id":"r","upstream":"x","downstream":"y"}]}"#,
    ));
    assert_eq!(e.path, "$.board.relations[0].upstream");
    let e = reject(&env(r#"{"frames":[{"id":"f","x":0,"y":0,"w":-1,"h":5}]}"#));
    assert_eq!(e.path, "$.board.frames[0]");
    let e = reject(&env(
        r#"{"requirements":[{"id":"s","requirements":[{"id":"R","text":"t","stickies":["nope"]}]}]}"#,
    ));
    assert_eq!(
        e.path,
        "$.board.requirements[0].requirements[0].stickies[0]"
    );
}

#[test]
fn bad_workshop_state_is_refused_with_its_path() {
    use crate::comments::{Comment, MAX_CHARS};
    use crate::timeline::Lane;
    let base = food_delivery_revised();
    let (s0, s1) = (base.stickies[0].id.clone(), base.stickies[1].id.clone());
    let comment = |sticky: &str, text: &str| Comment {
        id: "c".into(),
        sticky: sticky.into(),
        author: "Ana".into(),
        author_key: "k".into(),
        at: 1,
        edited_at: None,
        text: text.into(),
    };
    let lane = |h: f64| Lane {
        id: "l".into(),
        name: "Customer".into(),
        y: 0.0,
        h,
    };
    type Change<'a> = Box<dyn Fn(&mut Board) + 'a>;
    let cases: Vec<(Change, &str, &str)> = vec![
        (
            Box::new(|b| b.comments = vec![comment("nope", "hi")]),
            "$.board.comments[0].sticky",
            "no sticky",
        ),
        (
            Box::new({
                let s = s0.clone();
                move |b| b.comments = vec![comment(&s, "  ")]
            }),
            "$.board.comments[0].text",
            "needs some text",
        ),
        (
            Box::new({
                let s = s0.clone();
                move |b| b.comments = vec![comment(&s, &"글".repeat(MAX_CHARS + 1))]
            }),
            "$.board.comments[0].text",
            "at most 2000",
        ),
        (
            Box::new({
                let s = s0.clone();
                move |b| {
                    let mut c = comment(&s, "x");
                    c.at = u64::MAX;
                    b.comments = vec![c]
                }
            }),
            "$.board.comments[0].at",
            "at most",
        ),
        (
            Box::new({
                let s = s0.clone();
                move |b| b.comments = vec![comment(&s, "a"), comment(&s, "b")]
            }),
            "$.board.comments[1].id",
            "duplicate",
        ),
        (
            Box::new(|b| {
                _ = b
                    .hotspots
                    .insert("ghost".into(), crate::hotspots::HotspotStatus::Parked)
            }),
            "$.board.hotspots.ghost",
            "no sticky",
        ),
        (
            Box::new(|b| b.lanes = vec![lane(0.0)]),
            "$.board.lanes[0].h",
            "more than 0",
        ),
        (
            Box::new(|b| {
                b.lanes = (0..=crate::timeline::MAX_LANES)
                    .map(|i| Lane {
                        id: format!("l{i:03}"),
                        ..lane(10.0)
                    })
                    .collect()
            }),
            "$.board.lanes[64]",
            "at most 64 lanes",
        ),
        (
            Box::new(|b| {
                b.lanes = vec![Lane {
                    name: "x".repeat(81),
                    ..lane(10.0)
                }]
            }),
            "$.board.lanes[0].name",
            "at most 80",
        ),
        (
            Box::new({
                let s = s1.clone();
                move |b| {
                    b.stickies[1].kind = StickyKind::Command;
                    b.pivotal = vec![s.clone()]
                }
            }),
            "$.board.pivotal[0]",
            "not a domain event",
        ),
    ];
    for (change, path, reason) in cases {
        let mut b = base.clone();
        change(&mut b);
        let e = from_json(&to_json(&b)).unwrap_err();
        assert_eq!(e.path, path, "{e}");
        assert!(e.reason.contains(reason), "{e}");
    }
    // A wrong status is a schema error with its path.
    let json = to_json(&base).replacen(
        "\"board\": {",
        &format!("\"board\": {{\"hotspots\": {{\"{s1}\": \"closed\"}},"),
        1,
    );
    let e = from_json(&json).unwrap_err();
    assert!(e.path.starts_with("$.board.hotspots"), "{e}");
}
