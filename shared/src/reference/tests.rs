//! The reference boards give the results the workshop material gives.

use super::*;
use crate::coverage::{check, Status};

#[test]
fn first_model_misses_exactly_fr6_and_fr8_among_functional_requirements() {
    let b = food_delivery_first();
    let c = check(&b, &food_delivery());
    for r in &c.requirements {
        println!("{} {:?} {}", r.id, r.status, r.message.en);
    }
    let not_ok: Vec<&str> = c
        .not_ok()
        .into_iter()
        .filter(|id| id.starts_with("FR"))
        .collect();
    assert_eq!(not_ok, ["FR6", "FR8"]);
    let fr6 = c.get("FR6").unwrap();
    assert_eq!(fr6.status, Status::Partial);
    assert!(
        fr6.message
            .ko
            .contains("'주문취소됨'에 반응하는 정책이 없습니다"),
        "{}",
        fr6.message.ko
    );
    assert!(
        fr6.message.en.contains("no policy reacts to '주문취소됨'"),
        "{}",
        fr6.message.en
    );
}

#[test]
fn revised_model_covers_everything() {
    let b = food_delivery_revised();
    let c = check(&b, &food_delivery());
    for r in &c.requirements {
        println!("{} {:?} {}", r.id, r.status, r.message.en);
    }
    assert!(c.not_ok().is_empty(), "{:?}", c.not_ok());
}
