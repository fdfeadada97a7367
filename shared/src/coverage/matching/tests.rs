//! Matching by grammar: verbs must be carried, opposites and negations refuse a sticky.

use super::*;
use crate::lang::clause::parse;

fn want(text: &str, main: bool) -> Want {
    let s = parse(text);
    let c = if main { s.main } else { s.condition.unwrap() };
    Want::of(&c, &Glossary::default())
}

fn ok(sticky: &str, w: &Want) -> bool {
    judge(
        &Phrase::new(sticky),
        &Sense::of(&Phrase::new(sticky)),
        w,
        true,
    )
    .is_ok()
}

#[test]
fn opposites_refuse_in_both_languages() {
    let w = want(
        "When a payment has been refunded, the seat count is increased",
        true,
    );
    assert_eq!(w.verb_word(), Some("increased"));
    assert!(ok("Increase seats", &w) && ok("Seats increased", &w));
    assert_eq!(
        judge(
            &Phrase::new("Seats decreased"),
            &Sense::of(&Phrase::new("Seats decreased")),
            &w,
            true
        ),
        Err(Refusal::Opposite)
    );
    let w = want("결제가 환불되면 좌석 수가 증가한다", true);
    assert!(ok("좌석 증가", &w));
    assert_eq!(
        judge(
            &Phrase::new("좌석감소됨"),
            &Sense::of(&Phrase::new("좌석감소됨")),
            &w,
            true
        ),
        Err(Refusal::Opposite)
    );
    let w = want("대출 신청이 승인되면 한도가 차감된다", false);
    assert!(ok("대출신청 승인됨", &w) && !ok("대출신청 거절됨", &w));
    let w = want("When the door is opened, start the timer", false);
    assert!(ok("Door opened", &w) && !ok("Door closed", &w));
}

#[test]
fn negation_flips_the_verb() {
    let w = want(
        "If the payment is not approved, the order is cancelled",
        false,
    );
    assert!(ok("Payment rejected", &w));
    assert!(!ok("Payment approved", &w));
    let w = want("결제가 승인되지 않으면 주문이 취소된다", false);
    assert!(!ok("결제승인됨", &w) && ok("결제 거절됨", &w));
}

#[test]
fn nouns_alone_do_not_match_an_event() {
    let w = want(
        "When a payment has been refunded, the seat count is increased",
        false,
    );
    assert_eq!(w.verb_word(), Some("refunded"));
    assert_eq!(
        judge(
            &Phrase::new("Payment received"),
            &Sense::of(&Phrase::new("Payment received")),
            &w,
            true
        ),
        Err(Refusal::NoVerb)
    );
    assert!(ok("Payment refunded", &w));
    // Korean requirement, English event: the lexicon knows the verb.
    let w = want("주문이 취소되면 배달이 취소된다", false);
    assert!(ok("Order cancelled", &w) && ok("주문 취소됨", &w));
}
