//! Coverage on boards it has never seen, in English and Korean.

use super::*;
use crate::kind::StickyKind::*;
use crate::requirements::{Category, Tactic};
use crate::sketch::Sketch;

fn shop() -> Sketch {
    let mut s = Sketch::new("shop");
    let cu = s.at(Actor, "Customer", 0.0, 0.0);
    let c = s.at(Command, "Place order", 1.0, 0.0);
    let a = s.at(Aggregate, "Order", 2.0, 0.0);
    let e = s.at(DomainEvent, "Order placed", 3.0, 0.0);
    s.chain(&[&cu, &c, &a, &e]);
    let cu2 = s.at(Actor, "Customer", 0.0, 1.0);
    let c2 = s.at(Command, "Cancel order", 1.0, 1.0);
    let a2 = s.at(Aggregate, "Order", 2.0, 1.0);
    let e2 = s.at(DomainEvent, "Order cancelled", 3.0, 1.0);
    s.chain(&[&cu2, &c2, &a2, &e2]);
    let rm = s.at(ReadModel, "Order history", 4.0, 0.0);
    s.link(&e, &rm);
    s.link(&rm, &cu);
    s
}

fn set(reqs: &[(&str, &str)]) -> RequirementSet {
    RequirementSet {
        id: "t".into(),
        name: "t".into(),
        requirements: reqs
            .iter()
            .map(|(id, t)| Requirement::functional(id, t, ""))
            .collect(),
    }
}

#[test]
fn english_requirements_walk_the_flow() {
    let reqs = set(&[
        ("R1", "The customer places an order"),
        ("R2", "A customer can cancel orders"),
        (
            "R3",
            "When an order is cancelled, the shipment is cancelled",
        ),
        ("R4", "The customer views the order history"),
        ("R5", "The warehouse restocks shelves"),
    ]);
    let mut s = shop();
    let c = check(&s.clone().finish(), &reqs);
    assert_eq!(c.get("R1").unwrap().status, Status::Ok);
    assert_eq!(c.get("R2").unwrap().status, Status::Ok);
    let r3 = c.get("R3").unwrap();
    assert_eq!(r3.status, Status::Partial);
    assert!(
        r3.message
            .en
            .contains("no policy reacts to 'Order cancelled'"),
        "{}",
        r3.message.en
    );
    assert_eq!(c.get("R4").unwrap().status, Status::Ok);
    assert_eq!(c.get("R5").unwrap().status, Status::Missing);
    // Add the reaction and R3 becomes ok.
    let e2 = s
        .board_mut()
        .stickies
        .iter()
        .find(|x| x.text == "Order cancelled")
        .unwrap()
        .id
        .clone();
    let p = s.at(Policy, "Stop shipping", 4.0, 1.0);
    let cmd = s.at(Command, "Cancel shipment", 5.0, 1.0);
    let ag = s.at(Aggregate, "Shipment", 6.0, 1.0);
    let ev = s.at(DomainEvent, "Shipment cancelled", 7.0, 1.0);
    s.chain(&[&e2, &p, &cmd, &ag, &ev]);
    let c = check(&s.finish(), &reqs);
    let r3 = c.get("R3").unwrap();
    assert_eq!(r3.status, Status::Ok, "{}", r3.message.en);
    assert_eq!(r3.stickies, [e2, p, cmd, ag, ev]);
}

#[test]
fn a_missing_step_is_named() {
    let mut s = Sketch::new("t");
    let cu = s.at(Actor, "회원", 0.0, 0.0);
    let c = s.at(Command, "포인트적립", 1.0, 0.0);
    s.link(&cu, &c);
    let c2 = s.at(Command, "쿠폰발행", 1.0, 1.0);
    let a2 = s.at(Aggregate, "쿠폰", 2.0, 1.0);
    s.link(&c2, &a2);
    let reqs = set(&[
        ("R1", "회원이 포인트를 적립한다"),
        ("R2", "관리자가 쿠폰을 발행한다"),
    ]);
    let c = check(&s.finish(), &reqs);
    let r1 = c.get("R1").unwrap();
    assert_eq!(r1.status, Status::Partial);
    assert!(r1.message.ko.contains("애그리거트가 없습니다"));
    let r2 = c.get("R2").unwrap();
    assert_eq!(r2.status, Status::Partial);
    assert!(
        r2.message.en.contains("leads to no event"),
        "{}",
        r2.message.en
    );
}

#[test]
fn explicit_links_take_precedence_over_matching() {
    let mut s = shop();
    let c = s.at(Command, "Checkout", 1.0, 3.0);
    let mut r = Requirement::functional("R", "Buyer completes the purchase", "");
    r.stickies = vec![c.clone()];
    let cov = check(
        &s.finish(),
        &RequirementSet {
            id: "x".into(),
            name: String::new(),
            requirements: vec![r],
        },
    );
    assert_eq!(cov.requirements[0].status, Status::Partial);
    assert_eq!(cov.requirements[0].stickies, [c]);
}

#[test]
fn non_functional_without_tactic_is_unchecked_and_unknown_scope_missing() {
    let reqs = RequirementSet {
        id: "n".into(),
        name: String::new(),
        requirements: vec![
            Requirement {
                id: "N1".into(),
                text: "Passwords are hashed".into(),
                kind: RequirementKind::NonFunctional,
                category: Some(Category::Security),
                ..Requirement::default()
            },
            Requirement::non_functional(
                "N2",
                "Inventory survives outages",
                "",
                Category::FaultIsolation,
                Tactic::AsyncLink,
                &["inventory", "billing"],
            ),
        ],
    };
    let c = check(&shop().finish(), &reqs);
    assert_eq!(c.requirements[0].status, Status::Unchecked);
    assert_eq!(c.requirements[1].status, Status::Missing);
}

#[test]
fn a_perfect_passive_keeps_its_verb_and_an_opposite_never_satisfies() {
    let mut s = Sketch::new("cinema");
    let c = s.add(Command, "Refund payment");
    let a = s.add(Aggregate, "Payment");
    let e = s.add(DomainEvent, "Payment refunded");
    let p = s.add(Policy, "Free the seat");
    let c2 = s.add(Command, "Decrease seats");
    let a2 = s.add(Aggregate, "Screening");
    let e2 = s.add(DomainEvent, "Seats decreased");
    s.chain(&[&c, &a, &e, &p, &c2, &a2, &e2]);
    let received = s.add(DomainEvent, "Payment received");
    s.link(&a, &received);
    let reqs = set(&[
        (
            "R1",
            "When a payment has been refunded, the seat count is increased",
        ),
        (
            "R2",
            "When a payment has been refunded, the seat count is decreased",
        ),
    ]);
    let cov = check(&s.finish(), &reqs);
    let r1 = cov.get("R1").unwrap();
    assert_eq!(r1.status, Status::Partial, "{}", r1.message.en);
    let trigger = &r1.evidence.chain[0];
    assert_eq!(trigger.text, "Payment refunded");
    assert_eq!(trigger.matched, ["payment", "refunded"]);
    let absent = r1.evidence.absent.as_ref().unwrap();
    assert_eq!(absent.kind, Command);
    assert_eq!(absent.refused.as_deref(), Some(c2.as_str()));
    assert!(
        r1.message.en.contains("says the opposite"),
        "{}",
        r1.message.en
    );
    let r2 = cov.get("R2").unwrap();
    assert_eq!(r2.status, Status::Ok);
    assert!(r2.evidence.absent.is_none());
    let steps: Vec<(&str, Found)> = r2
        .evidence
        .chain
        .iter()
        .map(|s| (s.text.as_str(), s.found))
        .collect();
    assert_eq!(
        steps,
        [
            ("Payment refunded", Found::Words),
            ("Free the seat", Found::Flow),
            ("Decrease seats", Found::Words),
            ("Screening", Found::Flow),
            ("Seats decreased", Found::Flow),
        ]
    );
    let json = serde_json::to_value(r2).unwrap();
    assert_eq!(json["evidence"]["chain"][2]["matched"][0], "seat");
}
