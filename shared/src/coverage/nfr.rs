//! Non-functional requirements, checked against link properties between the contexts the
//! requirement's scope terms name: a synchronous call where a transaction must hold, an
//! asynchronous link for fault isolation, a circuit breaker for overload, a read model fed by
//! another context's events (CQRS), an event-driven reaction for notifications.

use foldhash::{HashMap, HashMapExt};

use super::matching::{is_compound, terms, Index};
use super::{result, RequirementCoverage, Status};
use crate::context_map::{ContextMap, Edge};
use crate::finding::Message;
use crate::flow::{Flow, Role, Style};
use crate::kind::StickyKind::*;
use crate::lang::Phrase;
use crate::requirements::{Requirement, Tactic};

/// The contexts a term is mostly about: the frame name counts ten, each sticky mentioning the
/// term one; the best-scoring contexts win.
fn contexts_of(flow: &Flow, index: &Index, ctx: &[Option<String>], term: &str) -> Vec<String> {
    let mut score: HashMap<&str, usize> = HashMap::new();
    for (i, f) in flow.board.frames.iter().enumerate() {
        if index.frame(i).mentions(term) {
            *score.entry(&f.id).or_default() += 10;
        }
    }
    for i in index.mentions(flow, term, is_compound(term)) {
        if let Some(c) = &ctx[i] {
            if flow.kind(i) != Actor {
                *score.entry(c).or_default() += 1;
            }
        }
    }
    let top = score.values().copied().max().unwrap_or(0);
    let mut best: Vec<String> = score
        .into_iter()
        .filter(|&(_, s)| s == top && s > 0)
        .map(|(c, _)| c.to_string())
        .collect();
    best.sort_unstable();
    best
}

fn links_between<'m>(
    map: &'m ContextMap,
    a: &[String],
    b: &[String],
    style: Style,
) -> Vec<&'m Edge> {
    map.edges
        .iter()
        .filter(|e| e.style == style)
        .filter(|e| {
            (a.contains(&e.upstream) && b.contains(&e.downstream))
                || (b.contains(&e.upstream) && a.contains(&e.downstream))
        })
        .collect()
}

fn with_links(mut c: RequirementCoverage, edges: &[&Edge]) -> RequirementCoverage {
    c.links = edges.iter().map(|e| e.link.clone()).collect();
    c
}

fn ctx_names(flow: &Flow, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            flow.board
                .frame(id)
                .map_or(id.as_str(), |f| f.name.as_str())
        })
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn check(
    flow: &Flow,
    index: &Index,
    map: &ContextMap,
    r: &Requirement,
) -> RequirementCoverage {
    let Some(tactic) = r.effective_tactic() else {
        return result(
            r,
            Status::Unchecked,
            Vec::new(),
            Message::new(
                "확인할 설계 전술이 지정되지 않았습니다",
                "no design tactic to check",
            ),
        );
    };
    let ctx = &map.sticky_contexts;
    let scope: Vec<String> = if r.scope.is_empty() {
        terms(&Phrase::new(&r.text).words)
    } else {
        r.scope
            .iter()
            .flat_map(|s| terms(&Phrase::new(s).words))
            .collect()
    };
    let sides: Vec<(String, Vec<String>)> = scope
        .iter()
        .map(|t| (t.clone(), contexts_of(flow, index, ctx, t)))
        .filter(|(_, c)| !c.is_empty())
        .take(2)
        .collect();
    if sides.len() < 2 {
        let t = scope.join(", ");
        return result(
            r,
            Status::Missing,
            Vec::new(),
            Message::new(
                format!("범위({t})에 해당하는 두 컨텍스트를 찾지 못했습니다"),
                format!("could not find two contexts for the scope ({t})"),
            ),
        );
    }
    let (a, b) = (&sides[0].1, &sides[1].1);
    let (an, bn) = (ctx_names(flow, a), ctx_names(flow, b));
    let sync = links_between(map, a, b, Style::RequestResponse);
    let asyn = links_between(map, a, b, Style::PublishSubscribe);
    let ok = |edges: &[&Edge], ko: String, en: String| {
        with_links(
            result(r, Status::Ok, Vec::new(), Message::new(ko, en)),
            edges,
        )
    };
    let not = |status: Status, ko: String, en: String| {
        result(r, status, Vec::new(), Message::new(ko, en))
    };
    match tactic {
        Tactic::SyncCall if !sync.is_empty() => ok(
            &sync,
            format!("{an} ↔ {bn} 동기 호출(요청/응답)로 트랜잭션이 유지됩니다"),
            format!("{an} ↔ {bn} is a synchronous request/response call: the transaction holds"),
        ),
        Tactic::SyncCall => not(
            Status::Missing,
            format!("{an}과(와) {bn} 사이에 동기 호출이 없습니다 (트랜잭션 필요)"),
            format!("no synchronous call between {an} and {bn}, where a transaction must hold"),
        ),
        Tactic::CircuitBreaker => {
            let guarded: Vec<&Edge> = sync.iter().copied().filter(|e| e.circuit_breaker).collect();
            if !guarded.is_empty() {
                ok(
                    &guarded,
                    format!("{an} ↔ {bn} 동기 호출에 서킷브레이커가 있습니다"),
                    format!("the synchronous call {an} ↔ {bn} has a circuit breaker"),
                )
            } else if !sync.is_empty() {
                with_links(
                    not(
                        Status::Partial,
                        format!("{an} ↔ {bn} 동기 호출에 서킷브레이커가 없습니다"),
                        format!("the synchronous call {an} ↔ {bn} has no circuit breaker"),
                    ),
                    &sync,
                )
            } else {
                not(
                    Status::Missing,
                    format!("{an}과(와) {bn} 사이에 서킷브레이커를 둘 동기 호출이 없습니다"),
                    format!(
                        "no synchronous call between {an} and {bn} to guard with a circuit breaker"
                    ),
                )
            }
        }
        Tactic::AsyncLink => {
            let blocking: Vec<&Edge> = sync
                .iter()
                .copied()
                .filter(|e| a.contains(&e.downstream))
                .collect();
            if !blocking.is_empty() {
                with_links(not(Status::Partial, format!("{an}이(가) {bn}을(를) 동기 호출합니다. {bn}의 장애가 {an}을(를) 멈춥니다"), format!("{an} calls {bn} synchronously, so a failure of {bn} stops {an}")), &blocking)
            } else if !asyn.is_empty() {
                ok(
                    &asyn,
                    format!("{an} ↔ {bn}은(는) 비동기(이벤트)로 연결되어 장애가 격리됩니다"),
                    format!("{an} ↔ {bn} are linked asynchronously (events): faults are isolated"),
                )
            } else {
                not(
                    Status::Missing,
                    format!("{an}과(와) {bn} 사이에 비동기 연결이 없습니다"),
                    format!("no asynchronous link between {an} and {bn}"),
                )
            }
        }
        Tactic::CqrsView => {
            let views: Vec<&Edge> = asyn
                .iter()
                .copied()
                .filter(|e| {
                    e.role == Role::Projects && b.contains(&e.downstream) && a.contains(&e.upstream)
                })
                .collect();
            if views.is_empty() {
                not(
                    Status::Missing,
                    format!("{bn}에 {an}의 이벤트로 채워지는 읽기모델(CQRS)이 없습니다"),
                    format!("no read model in {bn} fed by events of {an} (CQRS)"),
                )
            } else {
                ok(
                    &views,
                    format!("{bn}의 읽기모델이 {an}의 이벤트로 채워집니다 (CQRS)"),
                    format!("a read model in {bn} is fed by events of {an} (CQRS)"),
                )
            }
        }
        Tactic::EventDrivenReaction => {
            let reactions: Vec<&Edge> = asyn
                .iter()
                .copied()
                .filter(|e| {
                    e.role == Role::Triggers && a.contains(&e.upstream) && b.contains(&e.downstream)
                })
                .collect();
            if reactions.is_empty() {
                not(
                    Status::Missing,
                    format!("{an}의 이벤트에 반응하는 {bn}의 정책이 없습니다"),
                    format!("no policy in {bn} reacts to events of {an}"),
                )
            } else {
                ok(
                    &reactions,
                    format!("{bn}의 정책이 {an}의 이벤트에 반응합니다 (이벤트 기반)"),
                    format!("a policy in {bn} reacts to events of {an} (event-driven)"),
                )
            }
        }
    }
}
