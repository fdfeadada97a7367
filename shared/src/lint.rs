//! Lint: what is wrong with individual stickies and links. Event wording (tense, commands
//! written as events, state-free, technical and UI events, duplicates), flow completeness
//! (unhandled commands, idle policies, silent aggregates, unfed read models) and link grammar.
//! Rules work from grammar and vocabulary, so they apply to text they have never seen.

use std::collections::{BTreeMap, HashSet};

use crate::finding::{Finding, Message, Rule, Severity};
use crate::flow::{link_role, Flow, Role};
use crate::kind::StickyKind::{self, *};
use crate::lang::{vocab, Vocab};

mod timeline;

/// Every lint finding of the board, in rule order then sticky order.
pub fn lint(flow: &Flow) -> Vec<Finding> {
    let mut out = Vec::new();
    events(flow, &mut out);
    duplicates(flow, &mut out);
    completeness(flow, &mut out);
    links(flow, &mut out);
    timeline::check(flow, &mut out);
    out.sort_by(|a, b| {
        a.rule
            .cmp(&b.rule)
            .then_with(|| a.stickies.cmp(&b.stickies))
    });
    out
}

fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn events(flow: &Flow, out: &mut Vec<Finding>) {
    let command_texts: HashSet<&str> = flow
        .of_kind(Command)
        .map(|c| flow.phrases[c].plain.as_str())
        .collect();
    for e in flow.of_kind(DomainEvent) {
        let p = &flow.phrases[e];
        if p.words.is_empty() {
            continue;
        }
        let id = flow.sticky(e).id.as_str();
        let text = flow.label(e);
        let vocab_rule = |hits: Vec<String>, rule: Rule, ko: &str, en: &str| {
            (!hits.is_empty()).then(|| {
                let q = quoted(&hits.iter().map(String::as_str).collect::<Vec<_>>());
                Finding::on_stickies(
                    rule,
                    Severity::Warning,
                    &[id],
                    Message::new(
                        format!("'{text}': {ko} ({q})"),
                        format!("'{text}': {en} ({q})"),
                    ),
                )
            })
        };
        let owned = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
        let ui = owned(p.hits(Vocab::Ui));
        // Judged by what the verb means, whatever its tense: "회원정보를 열람함", "Viewing
        // orders"; "검색어 저장됨" changes state.
        let no_state = owned(vocab::verb_hits(p, Vocab::NoState));
        let gesture_or_query = !ui.is_empty() || !no_state.is_empty();
        out.extend(vocab_rule(
            ui,
            Rule::EventIsUi,
            "화면 조작이지 비즈니스 이벤트가 아닙니다",
            "a user-interface gesture, not a business event",
        ));
        out.extend(vocab_rule(
            no_state,
            Rule::EventChangesNoState,
            "조회·검색·표시는 상태를 바꾸지 않으므로 이벤트가 아닙니다",
            "a query, look-up, search or screen changes no state, so it is not an event",
        ));
        out.extend(vocab_rule(
            vocab::technical_hits(p),
            Rule::EventTooTechnical,
            "기술 용어로 쓰였습니다. 비즈니스에서 일어난 일로 쓰세요",
            "worded in technical terms; say what happened in the business",
        ));
        // A query or a gesture is no event in any tense: its wording is not the problem, no
        // event should say it, and there is no past form to suggest.
        if gesture_or_query {
            continue;
        }
        let is_command = command_texts.contains(p.plain.as_str()) || p.is_imperative();
        if !is_command && p.is_past() {
            continue;
        }
        // Only an event worded wrongly gets a suggestion.
        let suggestion = p.suggest_event();
        let fix_ko = suggestion
            .as_deref()
            .map(|s| format!(" → '{s}'"))
            .unwrap_or_default();
        if is_command {
            out.push(
                Finding::on_stickies(
                    Rule::EventIsCommand,
                    Severity::Warning,
                    &[id],
                    Message::new(
                        format!("'{text}'은(는) 커맨드(명령)처럼 쓰였습니다. 이벤트는 일어난 사실을 과거형으로 씁니다{fix_ko}"),
                        format!("'{text}' reads as a command; an event states a fact in the past tense{fix_ko}"),
                    ),
                )
                .suggest(suggestion),
            );
        } else {
            out.push(
                Finding::on_stickies(
                    Rule::EventNotPastTense,
                    Severity::Warning,
                    &[id],
                    Message::new(
                        format!("'{text}'이(가) 과거형이 아닙니다 (예: '~됨'){fix_ko}"),
                        format!("'{text}' is not in the past tense (e.g. 'Order placed'){fix_ko}"),
                    ),
                )
                .suggest(suggestion),
            );
        }
    }
}

fn duplicates(flow: &Flow, out: &mut Vec<Finding>) {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for e in flow.of_kind(DomainEvent) {
        let key = flow.phrases[e].key.as_str();
        if !key.is_empty() {
            groups.entry(key).or_default().push(e);
        }
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let ids: Vec<&str> = members
            .iter()
            .map(|&i| flow.sticky(i).id.as_str())
            .collect();
        let texts = quoted(&members.iter().map(|&i| flow.label(i)).collect::<Vec<_>>());
        out.push(Finding::on_stickies(
            Rule::DuplicateEvent,
            Severity::Info,
            &ids,
            Message::new(
                format!(
                    "같은 이벤트가 {}번 있습니다: {texts}. 하나로 합치세요",
                    ids.len()
                ),
                format!(
                    "The same event appears {} times: {texts}; merge them",
                    ids.len()
                ),
            ),
        ));
    }
}

fn missing(
    flow: &Flow,
    out: &mut Vec<Finding>,
    kind: StickyKind,
    rule: Rule,
    has: impl Fn(usize) -> bool,
    ko: &str,
    en: &str,
) {
    for i in flow.of_kind(kind).filter(|&i| !has(i)) {
        let text = flow.label(i);
        out.push(Finding::on_stickies(
            rule,
            Severity::Warning,
            &[&flow.sticky(i).id],
            Message::new(format!("'{text}': {ko}"), format!("'{text}': {en}")),
        ));
    }
}

fn completeness(flow: &Flow, out: &mut Vec<Finding>) {
    missing(
        flow,
        out,
        Command,
        Rule::CommandUnhandled,
        |c| flow.next(c, Aggregate).next().is_some(),
        "이 커맨드를 처리하는 애그리거트가 없습니다 (커맨드 → 애그리거트 연결)",
        "no aggregate handles this command (link command → aggregate)",
    );
    missing(
        flow,
        out,
        Policy,
        Rule::PolicyWithoutTrigger,
        |p| flow.prev(p, DomainEvent).next().is_some(),
        "이 정책을 촉발하는 이벤트가 없습니다 (이벤트 → 정책 연결)",
        "no event triggers this policy (link event → policy)",
    );
    missing(
        flow,
        out,
        Policy,
        Rule::PolicyWithoutResult,
        |p| {
            flow.out_links(p)
                .iter()
                .any(|&(_, j)| matches!(flow.kind(j), Command | DomainEvent | ExternalSystem))
        },
        "이 정책이 내리는 커맨드가 없습니다 (정책 → 커맨드 연결)",
        "this policy issues no command (link policy → command)",
    );
    missing(
        flow,
        out,
        Aggregate,
        Rule::AggregateWithoutEvents,
        |a| flow.next(a, DomainEvent).next().is_some(),
        "이 애그리거트가 발행하는 이벤트가 없습니다 (애그리거트 → 이벤트 연결)",
        "this aggregate emits no event (link aggregate → event)",
    );
    missing(
        flow,
        out,
        ReadModel,
        Rule::ReadModelUnfed,
        |r| flow.prev(r, DomainEvent).next().is_some(),
        "이 읽기모델을 채우는 이벤트가 없습니다 (이벤트 → 읽기모델 연결)",
        "no event feeds this read model (link event → read model)",
    );
}

fn links(flow: &Flow, out: &mut Vec<Finding>) {
    for (li, l) in flow.board.links.iter().enumerate() {
        let Some((a, b)) = flow.ends(li) else {
            let gone: Vec<&str> = [&l.from, &l.to]
                .into_iter()
                .filter(|id| flow.pos(id).is_none())
                .map(String::as_str)
                .collect();
            let q = quoted(&gone);
            out.push(
                Finding::on_stickies(
                    Rule::LinkDangling,
                    Severity::Error,
                    &[],
                    Message::new(
                        format!("연결이 없는 스티키를 가리킵니다: {q}"),
                        format!("The link points at stickies that do not exist: {q}"),
                    ),
                )
                .with_links(&[&l.id]),
            );
            continue;
        };
        if flow.role(li) != Some(Role::Invalid) {
            continue;
        }
        let (ka, kb) = (flow.kind(a), flow.kind(b));
        let (fix_ko, fix_en) = if (ka, kb) == (DomainEvent, Command) {
            (
                "사이에 정책을 두세요 (이벤트 → 정책 → 커맨드)",
                "put a policy between them (event → policy → command)",
            )
        } else if link_role(kb, ka) != Role::Invalid {
            ("화살표 방향을 반대로 하세요", "reverse the arrow")
        } else if (ka, kb) == (Actor, DomainEvent) {
            (
                "액터는 커맨드를 내립니다 (액터 → 커맨드 → 애그리거트 → 이벤트)",
                "an actor issues a command (actor → command → aggregate → event)",
            )
        } else {
            (
                "흐름: 액터 → 커맨드 → 애그리거트 → 이벤트 → 정책 → 커맨드",
                "flow: actor → command → aggregate → event → policy → command",
            )
        };
        out.push(
            Finding::on_stickies(
                Rule::LinkBreaksGrammar,
                Severity::Warning,
                &[&l.from, &l.to],
                Message::new(
                    format!(
                        "{} '{}' → {} '{}' 연결은 흐름의 문법에 맞지 않습니다: {fix_ko}",
                        ka.label_ko(),
                        flow.label(a),
                        kb.label_ko(),
                        flow.label(b)
                    ),
                    format!(
                        "{} '{}' → {} '{}' breaks the grammar of a flow: {fix_en}",
                        ka.label_en(),
                        flow.label(a),
                        kb.label_en(),
                        flow.label(b)
                    ),
                ),
            )
            .with_links(&[&l.id]),
        );
    }
}

#[cfg(test)]
mod tests;
