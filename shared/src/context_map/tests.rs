//! Context-map classification and checks.

use super::*;
use crate::contexts::membership;
use crate::relation::Rank::*;
use crate::sketch::Sketch;
use crate::{Board, StickyKind::*};

fn map(b: &Board) -> ContextMap {
    build(&Flow::new(b), &membership(b))
}

fn rules(m: &ContextMap) -> Vec<Rule> {
    m.findings.iter().map(|f| f.rule).collect()
}

/// Two contexts: `a` (ordering) calls `b` (payment) through a policy, `b` publishes back.
fn two(rank_a: Rank, rank_b: Rank, guarded: bool, korean: bool) -> Sketch {
    let t = |ko: &'static str, en: &'static str| if korean { ko } else { en };
    let mut s = Sketch::new("t");
    let c = s.at(Command, t("주문", "Place order"), 0.0, 0.0);
    let ag = s.at(Aggregate, t("주문", "Order"), 1.0, 0.0);
    let e = s.at(DomainEvent, t("주문됨", "Order placed"), 2.0, 0.0);
    let p = s.at(Policy, t("결제요청", "Request payment"), 3.0, 0.0);
    let c2 = s.at(Command, t("결제", "Pay"), 5.0, 0.0);
    let ag2 = s.at(Aggregate, t("결제이력", "Payment"), 6.0, 0.0);
    let e2 = s.at(DomainEvent, t("결제승인됨", "Payment approved"), 7.0, 0.0);
    s.chain(&[&c, &ag, &e, &p]);
    if guarded {
        s.guarded_link(&p, &c2);
    } else {
        s.link(&p, &c2);
    }
    s.chain(&[&c2, &ag2, &e2]);
    s.frame(
        "a",
        t("주문", "ordering"),
        Some(rank_a),
        (0.0, 3.0),
        (0.0, 1.0),
    );
    s.frame(
        "b",
        t("결제", "payment"),
        Some(rank_b),
        (5.0, 7.0),
        (0.0, 1.0),
    );
    s
}

#[test]
fn cross_links_are_classified_with_upstream_and_downstream() {
    let mut s = two(Core, Generic, true, true);
    let back = s.at(Policy, "주문확정", 1.0, 1.0);
    let ev = s
        .board_mut()
        .stickies
        .iter()
        .find(|x| x.text == "결제승인됨")
        .unwrap()
        .id
        .clone();
    s.link(&ev, &back);
    let m = map(&s.finish());
    assert_eq!(m.edges.len(), 2);
    let sync = m
        .edges
        .iter()
        .find(|e| e.style == Style::RequestResponse)
        .unwrap();
    assert_eq!(
        (sync.upstream.as_str(), sync.downstream.as_str()),
        ("b", "a")
    );
    let asy = m
        .edges
        .iter()
        .find(|e| e.style == Style::PublishSubscribe)
        .unwrap();
    assert_eq!((asy.upstream.as_str(), asy.downstream.as_str()), ("b", "a"));
    assert_eq!(m.relations.len(), 1);
    assert!(!m.relations[0].declared && m.relations[0].synchronous && m.relations[0].asynchronous);
    assert!(m.findings.is_empty(), "{:?}", m.findings);
}

#[test]
fn unguarded_sync_call_from_core_to_lower_rank() {
    for korean in [true, false] {
        let m = map(&two(Core, Generic, false, korean).finish());
        assert_eq!(rules(&m), [Rule::SyncCallWithoutCircuitBreaker]);
        assert!(m.findings[0].message.ko.contains("서킷브레이커"));
        assert!(m.findings[0].message.en.contains("circuit breaker"));
        assert!(rules(&map(&two(Core, Core, false, korean).finish())).is_empty());
        assert!(rules(&map(&two(Supporting, Generic, false, korean).finish())).is_empty());
    }
}

#[test]
fn synchronous_cycles_are_found() {
    let mut s = two(Core, Core, true, false);
    let ev = s
        .board_mut()
        .stickies
        .iter()
        .find(|x| x.text == "Payment approved")
        .unwrap()
        .id
        .clone();
    let p = s.at(Policy, "Confirm order", 6.0, 1.0);
    let c = s.at(Command, "Confirm", 0.0, 1.0);
    let ag = s
        .board_mut()
        .stickies
        .iter()
        .find(|x| x.text == "Order")
        .unwrap()
        .id
        .clone();
    s.chain(&[&ev, &p, &c, &ag]);
    let m = map(&s.finish());
    assert_eq!(rules(&m), [Rule::SyncCycle]);
    assert_eq!(m.findings[0].frames, ["a", "b"]);
    assert_eq!(m.findings[0].links.len(), 2);
}

#[test]
fn declared_relations_are_checked() {
    let mut s = two(Core, Generic, true, true);
    s.relation("b", "a", &[Pattern::Conformist]);
    assert_eq!(
        rules(&map(&s.clone().finish())),
        [Rule::ConformistToLowerRank]
    );
    let mut s2 = two(Core, Supporting, true, false);
    s2.relation("b", "a", &[Pattern::SharedKernel]);
    assert_eq!(rules(&map(&s2.finish())), [Rule::SharedKernelOutsideCore]);
    let mut s3 = two(Core, Generic, true, true);
    s3.relation("b", "a", &[Pattern::SeparateWays]);
    assert_eq!(rules(&map(&s3.finish())), [Rule::RelationContradicted]);
    let mut s4 = two(Core, Generic, true, true);
    s4.relation("a", "b", &[Pattern::CustomerSupplier]);
    let m = map(&s4.finish());
    assert_eq!(rules(&m), [Rule::RelationContradicted]);
    assert!(m.findings[0].message.en.contains("upstream"));
    let mut s5 = two(Core, Generic, true, true);
    s5.frame("c", "marketing", Some(Supporting), (10.0, 10.0), (0.0, 0.0));
    s5.relation("a", "c", &[Pattern::Partnership]);
    s5.relation(
        "b",
        "a",
        &[Pattern::OpenHostService, Pattern::PublishedLanguage],
    );
    s5.relation("a", "zzz", &[Pattern::Partnership]);
    let m = map(&s5.finish());
    assert_eq!(
        rules(&m),
        [Rule::RelationContradicted, Rule::RelationDangling]
    );
    assert!(m.findings[0].message.ko.contains("marketing"));
}
