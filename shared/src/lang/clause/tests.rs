//! Clause structure read by grammar, in English and Korean.
use super::*;

fn split(t: &str) -> (String, String, String) {
    let s = parse(t);
    let j = |c: &Clause| {
        c.words
            .iter()
            .map(|w| w.raw.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let c = s.condition.as_ref().expect(t);
    let verb = c.verb_word().map(|w| w.raw.clone()).unwrap_or_default();
    (j(c), j(&s.main), verb)
}

#[test]
fn english_conditions_by_grammar() {
    let (c, m, v) = split("When a payment has been refunded, the seat count is increased");
    assert_eq!(
        (c.as_str(), m.as_str(), v.as_str()),
        (
            "a payment has been refunded",
            "the seat count is increased",
            "refunded"
        )
    );
    let (c, m, v) = split("When a payment has been refunded the seat count is increased");
    assert_eq!(
        (c.as_str(), m.as_str(), v.as_str()),
        (
            "a payment has been refunded",
            "the seat count is increased",
            "refunded"
        )
    );
    let (c, m, _) =
        split("As soon as the parcel is being scanned at the depot the recipient gets notified");
    assert_eq!(c, "the parcel is being scanned at the depot");
    assert_eq!(m, "the recipient gets notified");
    let (c, m, v) = split("Once a member returns a book the next reserver is notified");
    assert_eq!(
        (c.as_str(), m.as_str(), v.as_str()),
        (
            "a member returns a book",
            "the next reserver is notified",
            "returns"
        )
    );
    let (c, m, _) = split("Notify the guest after the booking was confirmed");
    assert_eq!(
        (c.as_str(), m.as_str()),
        ("the booking was confirmed", "notify the guest")
    );
    let (c, m, _) = split("When an order is cancelled then cancel the delivery");
    assert_eq!(
        (c.as_str(), m.as_str()),
        ("an order is cancelled", "cancel the delivery")
    );
    assert!(parse("The customer places an order").condition.is_none());
    let s = parse("The seat count is not increased");
    assert!(s.main.negated);
    assert_eq!(s.main.verb_word().unwrap().raw, "increased");
}

#[test]
fn korean_conditions_by_ending() {
    for (t, c, v) in [
        ("주문이 취소되면 배달이 취소된다", "주문이 취소되면", "취소"),
        (
            "도서가 반납된 경우 예약자에게 알린다",
            "도서가 반납된 경우",
            "반납",
        ),
        (
            "결제를 환불하면 좌석 수를 늘린다",
            "결제를 환불하면",
            "환불",
        ),
        ("대출 시 반납 예정일을 안내한다", "대출 시", "대출"),
        (
            "택배 스캔시 수신자에게 알림을 보낸다",
            "택배 스캔시",
            "스캔",
        ),
        (
            "주문상태가 바뀔 때 마다 카톡으로 알림을 보낸다",
            "주문상태가 바뀔 때 마다",
            "바뀔",
        ),
        (
            "이체가 완료되자마자 영수증을 발송한다",
            "이체가 완료되자마자",
            "이체",
        ),
    ] {
        let s = parse(t);
        let cond = s.condition.as_ref().expect(t);
        let got: Vec<&str> = cond.words.iter().map(|w| w.raw.as_str()).collect();
        assert_eq!(got.join(" "), c, "{t}");
        let stem = cond.verb_stem().unwrap_or_default();
        assert!(stem.contains(v) || v.contains(stem.as_str()), "{t}: {stem}");
    }
    assert!(parse("고객이 결제한다").condition.is_none());
    assert!(parse("화면 표시").condition.is_none());
    assert!(
        parse("결제가 승인되지 않으면 주문이 취소된다")
            .condition
            .unwrap()
            .negated
    );
}
