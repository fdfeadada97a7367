//! The reference boards of the food-delivery case that ship with the product: the first
//! complete model of the workshop (FR6 and FR8 open) and the revised model (delivery
//! cancellation reacting to 주문취소됨, notifications reacting to status changes). Laid out on
//! a timeline, one row per flow, one frame per bounded context.

use crate::board::{Attribute, Board};
use crate::kind::StickyKind::*;
use crate::relation::{Pattern::*, Rank::*};
use crate::requirements::food_delivery;
use crate::sketch::Sketch;

fn attrs(names: &[(&str, &str)]) -> Vec<Attribute> {
    names
        .iter()
        .map(|(n, t)| Attribute {
            name: n.to_string(),
            ty: t.to_string(),
        })
        .collect()
}

/// Ids of the stickies the revision links to.
struct First {
    sketch: Sketch,
    order_cancelled: String,
    store_events: Vec<String>,
    app_events: Vec<String>,
    status: String,
}

fn first() -> First {
    let mut s = Sketch::new("음식 배달 — 첫 모델 (Food delivery, first model)");
    // app (ordering): order and cancel rows, the status view above.
    let customer = s.at(Actor, "고객", 0.0, 1.0);
    let order = s.at(Command, "주문", 1.0, 1.0);
    let order_agg = s.at(Aggregate, "주문", 2.0, 1.0);
    let ordered = s.at(DomainEvent, "주문됨", 3.0, 1.0);
    let pay_req = s.at(Policy, "결제요청", 4.0, 1.0);
    s.chain(&[&customer, &order, &order_agg, &ordered, &pay_req]);
    let customer2 = s.at(Actor, "고객", 0.0, 2.0);
    let cancel = s.at(Command, "주문취소", 1.0, 2.0);
    let order_agg2 = s.at(Aggregate, "주문", 2.0, 2.0);
    let cancelled = s.at(DomainEvent, "주문취소됨", 3.0, 2.0);
    s.chain(&[&customer2, &cancel, &order_agg2, &cancelled]);
    let status = s.at(ReadModel, "주문상태", 2.0, 0.0);
    s.link(&status, &customer);
    // pay (payment): called synchronously, behind a circuit breaker.
    let pay = s.at(Command, "결제", 6.0, 1.0);
    let pay_agg = s.at(Aggregate, "결제이력", 7.0, 1.0);
    let approved = s.at(DomainEvent, "결제승인됨", 8.0, 1.0);
    s.guarded_link(&pay_req, &pay);
    s.chain(&[&pay, &pay_agg, &approved]);
    // store: order intake, cooking and delivery.
    let intake = s.at(Policy, "주문정보받음", 10.0, 0.0);
    let accept = s.at(Command, "주문접수", 11.0, 0.0);
    let store_agg = s.at(Aggregate, "주문관리", 12.0, 0.0);
    let accepted = s.at(DomainEvent, "주문접수됨", 13.0, 0.0);
    s.chain(&[&approved, &intake, &accept, &store_agg, &accepted]);
    let owner = s.at(Actor, "상점주인", 10.0, 1.0);
    let cook = s.at(Command, "요리시작", 11.0, 1.0);
    let store_agg2 = s.at(Aggregate, "주문관리", 12.0, 1.0);
    let cooking = s.at(DomainEvent, "요리시작됨", 13.0, 1.0);
    s.chain(&[&owner, &cook, &store_agg2, &cooking]);
    let owner2 = s.at(Actor, "상점주인", 10.0, 2.0);
    let depart = s.at(Command, "배달출발", 11.0, 2.0);
    let store_agg3 = s.at(Aggregate, "주문관리", 12.0, 2.0);
    let departed = s.at(DomainEvent, "배달출발됨", 13.0, 2.0);
    s.chain(&[&owner2, &depart, &store_agg3, &departed]);
    for e in [
        &ordered, &cancelled, &approved, &accepted, &cooking, &departed,
    ] {
        s.link(e, &status);
    }
    s.frame("app", "app (주문)", Some(Core), (0.0, 4.0), (0.0, 3.0));
    s.frame("pay", "pay (결제)", Some(Generic), (6.0, 8.0), (0.0, 3.0));
    s.frame(
        "store",
        "store (상점)",
        Some(Core),
        (10.0, 13.0),
        (0.0, 3.0),
    );
    s.relation("pay", "app", &[OpenHostService, AnticorruptionLayer]);
    s.relation("pay", "store", &[PublishedLanguage]);
    s.relation("store", "app", &[PublishedLanguage]);
    let b = s.board_mut();
    b.description = "배달의 민족 스타일 음식 배달: 워크숍의 첫 완성 모델. FR6(배달 취소는?)과 FR8(상태 알림)이 빠져 있습니다.".into();
    b.requirements = vec![food_delivery()];
    for st in b.stickies.iter_mut() {
        st.attributes = match (st.kind, st.text.as_str()) {
            (Aggregate, "주문") => attrs(&[
                ("id", "Long"),
                ("item", "String"),
                ("수량", "int"),
                ("상태", "String"),
                ("가게", "String"),
                ("가격", "Money"),
            ]),
            (Aggregate, "결제이력") => attrs(&[
                ("id", "Long"),
                ("orderId", "Long"),
                ("금액", "Money"),
                ("행위", "String"),
            ]),
            (ReadModel, "주문상태") => attrs(&[("orderId", "Long"), ("상태", "String")]),
            _ => Vec::new(),
        };
    }
    First {
        sketch: s,
        order_cancelled: cancelled,
        store_events: vec![accepted, cooking, departed],
        app_events: vec![ordered],
        status,
    }
}

/// The first complete model of the workshop: every requirement but FR6 and FR8 is covered.
pub fn food_delivery_first() -> Board {
    first().sketch.finish()
}

/// The revised model: delivery cancellation reacts to 주문취소됨 and a customer context sends
/// KakaoTalk notifications on every status change.
pub fn food_delivery_revised() -> Board {
    let First {
        sketch: mut s,
        order_cancelled,
        store_events,
        app_events,
        status,
    } = first();
    let policy = s.at(Policy, "배달취소", 10.0, 3.0);
    let cmd = s.at(Command, "배달취소", 11.0, 3.0);
    let agg = s.at(Aggregate, "주문관리", 12.0, 3.0);
    let ev = s.at(DomainEvent, "배달취소됨", 13.0, 3.0);
    s.chain(&[&order_cancelled, &policy, &cmd, &agg, &ev, &status]);
    let notify = s.at(Policy, "카톡알림", 15.0, 1.0);
    let send = s.at(Command, "알림발송", 16.0, 1.0);
    let log = s.at(Aggregate, "알림이력", 17.0, 1.0);
    let sent = s.at(DomainEvent, "알림발송됨", 18.0, 1.0);
    let kakao = s.at(ExternalSystem, "카카오톡", 17.0, 4.0);
    s.chain(&[&notify, &send, &log, &sent]);
    s.link(&log, &kakao);
    for e in app_events
        .iter()
        .chain(&store_events)
        .chain([&order_cancelled, &ev])
    {
        s.link(e, &notify);
    }
    s.frame(
        "customer",
        "customer (고객 알림)",
        Some(Supporting),
        (15.0, 18.0),
        (0.0, 3.0),
    );
    s.relation("store", "customer", &[PublishedLanguage]);
    s.relation("app", "customer", &[PublishedLanguage]);
    let b = s.board_mut();
    b.name = "음식 배달 — 수정 모델 (Food delivery, revised model)".into();
    b.description = "첫 모델에 주문취소됨 → 배달취소 정책과, 상태 변경마다 카톡 알림을 보내는 customer 컨텍스트를 더한 모델. 모든 요구사항을 만족합니다.".into();
    b.stickies
        .iter_mut()
        .filter(|st| st.text == "알림이력")
        .for_each(|st| {
            st.attributes = attrs(&[("id", "Long"), ("orderId", "Long"), ("메시지", "String")]);
        });
    s.finish()
}

#[cfg(test)]
mod tests;
