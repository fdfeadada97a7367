//! Context rules and proposals, Korean and English.

use super::*;
use crate::sketch::Sketch;

fn run(b: &crate::Board) -> Contexts {
    let flow = Flow::new(b);
    check(&flow, &membership(b))
}

#[test]
fn membership_is_the_smallest_frame_containing_the_centre() {
    let mut s = Sketch::new("t");
    let a = s.at(Aggregate, "Order", 1.0, 1.0);
    let b = s.at(Aggregate, "Payment", 6.0, 1.0);
    s.frame("big", "all", None, (0.0, 8.0), (0.0, 3.0));
    s.frame("small", "order", None, (1.0, 2.0), (1.0, 1.0));
    let board = s.finish();
    let m = membership(&board);
    let f = |id: &str| {
        m[board.stickies.iter().position(|s| s.id == id).unwrap()]
            .map(|i| board.frames[i].id.as_str())
    };
    assert_eq!(f(&a), Some("small"));
    assert_eq!(f(&b), Some("big"));
}

#[test]
fn an_aggregate_split_across_contexts_is_an_error() {
    for (agg, cmd, ev) in [
        ("주문", "주문취소", "주문취소됨"),
        ("Order", "Cancel order", "Order cancelled"),
    ] {
        let mut s = Sketch::new("t");
        let c = s.at(Command, cmd, 0.0, 0.0);
        let a = s.at(Aggregate, agg, 1.0, 0.0);
        let e = s.at(DomainEvent, ev, 4.0, 0.0);
        let a2 = s.at(Aggregate, agg, 5.0, 0.0);
        s.chain(&[&c, &a, &e]);
        s.link(&a2, &e);
        s.frame("app", "app", None, (0.0, 1.0), (0.0, 0.0));
        s.frame("store", "store", None, (4.0, 5.0), (0.0, 0.0));
        let r = run(&s.finish());
        let split: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|f| f.rule == Rule::AggregateSplit)
            .collect();
        assert_eq!(split.len(), 1, "{:?}", r.findings);
        assert!(split[0].stickies.contains(&e) && split[0].stickies.contains(&a2));
        assert!(
            split[0].message.ko.contains(agg)
                && split[0].message.en.contains("transaction boundary")
        );
    }
}

#[test]
fn a_context_without_aggregate_is_reported() {
    let mut s = Sketch::new("t");
    s.at(Policy, "카톡알림", 0.0, 0.0);
    s.frame(
        "c",
        "customer",
        Some(Rank::Supporting),
        (0.0, 0.0),
        (0.0, 0.0),
    );
    let r = run(&s.finish());
    assert_eq!(r.findings[0].rule, Rule::ContextWithoutAggregate);
    assert_eq!(r.findings[0].frames, ["c"]);
    assert!(r.findings[0].message.ko.contains("customer"));
}

#[test]
fn without_frames_a_split_is_proposed_from_the_flow() {
    let mut s = Sketch::new("t");
    let c1 = s.add(Command, "Place order");
    let a1 = s.add(Aggregate, "Order");
    let e1 = s.add(DomainEvent, "Order placed");
    let p = s.add(Policy, "Whenever order placed, start delivery");
    let c2 = s.add(Command, "Start delivery");
    let a2 = s.add(Aggregate, "Delivery");
    let e2 = s.add(DomainEvent, "Delivery started");
    let rm = s.add(ReadModel, "Order status");
    s.chain(&[&c1, &a1, &e1, &p, &c2, &a2, &e2, &rm]);
    let r = run(&s.finish());
    assert_eq!(r.proposals.len(), 2);
    assert_eq!(r.proposals[0].stickies, [c1, a1, e1]);
    assert_eq!(r.proposals[1].stickies, [p.clone(), c2, a2, e2, rm]);
    assert!(r.proposals[1].message.en.contains("choreography"));
    assert!(r.proposals[1].frame.is_none());
}

#[test]
fn unframed_stickies_are_proposed_into_their_aggregates_frame() {
    let mut s = Sketch::new("t");
    let c = s.at(Command, "결제", 0.0, 0.0);
    let a = s.at(Aggregate, "결제이력", 1.0, 0.0);
    let e = s.at(DomainEvent, "결제승인됨", 5.0, 0.0);
    s.chain(&[&c, &a, &e]);
    s.frame("pay", "pay", Some(Rank::Generic), (0.0, 1.0), (0.0, 0.0));
    let r = run(&s.finish());
    assert_eq!(r.proposals.len(), 1);
    assert_eq!(r.proposals[0].frame.as_deref(), Some("pay"));
    assert_eq!(r.proposals[0].stickies, [e]);
    assert!(r.proposals[0].message.ko.contains("결제승인됨"));
}
