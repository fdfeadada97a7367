//! Lint rules, each with Korean and English cases.

use super::*;
use crate::sketch::Sketch;

fn run(s: Sketch) -> Vec<Finding> {
    let b = s.finish();
    lint(&Flow::new(&b))
}

fn rules_of(f: &[Finding], id: &str) -> Vec<Rule> {
    f.iter()
        .filter(|x| x.stickies.iter().any(|s| s == id))
        .map(|x| x.rule)
        .collect()
}

fn events(texts: &[&str]) -> (Vec<Finding>, Vec<String>) {
    let mut s = Sketch::new("t");
    let ids: Vec<String> = texts.iter().map(|t| s.add(DomainEvent, t)).collect();
    (run(s), ids)
}

#[test]
fn past_tense_events_pass_in_both_languages() {
    let (f, ids) = events(&[
        "주문됨",
        "결제승인됨",
        "배송완료",
        "Order placed",
        "Payment was approved",
        "쿠폰발행됨",
    ]);
    for id in &ids {
        assert!(rules_of(&f, id).is_empty(), "{id}: {f:?}");
    }
}

#[test]
fn events_not_in_past_tense_get_a_fix() {
    let (f, ids) = events(&["반품한다", "Payment", "Order is shipping"]);
    assert_eq!(rules_of(&f, &ids[0]), [Rule::EventNotPastTense]);
    let fx = f.iter().find(|x| x.stickies == [ids[0].clone()]).unwrap();
    assert_eq!(fx.suggestion.as_deref(), Some("반품됨"));
    assert_eq!(rules_of(&f, &ids[1]), [Rule::EventNotPastTense]);
    assert!(fx.message.ko.contains("과거형") && fx.message.en.contains("past tense"));
}

#[test]
fn events_written_as_commands_get_the_past_form() {
    let (f, ids) = events(&["주문", "환불요청하기", "Place order", "Cancel the booking"]);
    let sugg: Vec<Option<&str>> = ids
        .iter()
        .map(|id| {
            assert_eq!(rules_of(&f, id), [Rule::EventIsCommand], "{id}");
            f.iter()
                .find(|x| &x.stickies[0] == id)
                .unwrap()
                .suggestion
                .as_deref()
        })
        .collect();
    assert_eq!(
        sugg,
        [
            Some("주문됨"),
            Some("환불요청됨"),
            Some("Order placed"),
            Some("Booking canceled")
        ]
    );
}

#[test]
fn event_with_the_text_of_a_command_is_a_command() {
    let mut s = Sketch::new("t");
    s.add(Command, "Refund");
    let e = s.add(DomainEvent, "refund");
    assert_eq!(rules_of(&run(s), &e), [Rule::EventIsCommand]);
}

#[test]
fn state_free_technical_and_ui_events() {
    let (f, ids) = events(&[
        "메뉴검색됨",
        "Product viewed",
        "주문테이블 컬럼 업데이트됨",
        "HTTP request sent",
        "메뉴카테고리선택됨",
        "Checkout button clicked",
    ]);
    assert_eq!(rules_of(&f, &ids[0]), [Rule::EventChangesNoState]);
    assert_eq!(rules_of(&f, &ids[1]), [Rule::EventChangesNoState]);
    assert_eq!(rules_of(&f, &ids[2]), [Rule::EventTooTechnical]);
    assert_eq!(rules_of(&f, &ids[3]), [Rule::EventTooTechnical]);
    assert_eq!(rules_of(&f, &ids[4]), [Rule::EventIsUi]);
    assert_eq!(rules_of(&f, &ids[5]), [Rule::EventIsUi]);
}

#[test]
fn duplicates_after_normalising_case_spacing_particles() {
    let (f, ids) = events(&[
        "주문이 취소됨",
        "주문취소됨",
        "Order Placed",
        "order  placed",
        "Orders placed",
        "배달됨",
    ]);
    let dups: Vec<&Finding> = f
        .iter()
        .filter(|x| x.rule == Rule::DuplicateEvent)
        .collect();
    assert_eq!(dups.len(), 2);
    assert!(dups.iter().any(|d| d.stickies == ids[0..2]));
    assert!(dups.iter().any(|d| d.stickies == ids[2..5]));
}

#[test]
fn flow_completeness_rules() {
    for (cmd, agg, ev, pol, rm) in [
        ("주문", "주문", "주문됨", "결제요청", "주문상태"),
        (
            "Place order",
            "Order",
            "Order placed",
            "Request payment",
            "Order status",
        ),
    ] {
        let mut s = Sketch::new("t");
        let c = s.add(Command, cmd);
        let a = s.add(Aggregate, agg);
        let e = s.add(DomainEvent, ev);
        let p = s.add(Policy, pol);
        let r = s.add(ReadModel, rm);
        let f = run(s.clone());
        assert_eq!(rules_of(&f, &c), [Rule::CommandUnhandled]);
        assert_eq!(rules_of(&f, &a), [Rule::AggregateWithoutEvents]);
        assert_eq!(
            rules_of(&f, &p),
            [Rule::PolicyWithoutTrigger, Rule::PolicyWithoutResult]
        );
        assert_eq!(rules_of(&f, &r), [Rule::ReadModelUnfed]);
        assert!(f[0].message.ko.contains(cmd) && f[0].message.en.contains(cmd));
        s.chain(&[&c, &a, &e, &p]);
        s.link(&e, &r);
        let c2 = s.add(Command, cmd);
        s.link(&p, &c2);
        s.link(&c2, &a);
        assert!(run(s).is_empty());
    }
}

#[test]
fn links_that_break_the_grammar() {
    let mut s = Sketch::new("t");
    let e = s.add(DomainEvent, "주문됨");
    let c = s.add(Command, "배달시작");
    let a = s.add(Aggregate, "Delivery");
    let bad = s.link(&e, &c);
    let rev = s.link(&a, &c);
    s.link(&c, "ghost");
    let f = run(s);
    let g: Vec<&Finding> = f
        .iter()
        .filter(|x| x.rule == Rule::LinkBreaksGrammar)
        .collect();
    assert_eq!(g.len(), 2);
    assert_eq!(g[0].links, [bad]);
    assert!(g[0].message.en.contains("policy") && g[0].message.ko.contains("정책"));
    assert_eq!(g[1].links, [rev]);
    assert!(g[1].message.en.contains("reverse"));
    assert!(f
        .iter()
        .any(|x| x.rule == Rule::LinkDangling && x.message.en.contains("ghost")));
}
