//! Functional requirements: the narration actor → command → aggregate → event, a look-up
//! answered by a read model, or the reaction chain event → policy → command → event.

use std::collections::{BTreeSet, VecDeque};

use super::matching::{actor_terms, best, split_condition, terms};
use super::{result, RequirementCoverage, Status};
use crate::finding::Message;
use crate::flow::Flow;
use crate::kind::StickyKind::{self, *};
use crate::lang::{Phrase, Vocab};
use crate::requirements::Requirement;

pub(super) fn check(flow: &Flow, r: &Requirement) -> RequirementCoverage {
    let explicit: Vec<usize> = r.stickies.iter().filter_map(|id| flow.pos(id)).collect();
    let phrase = Phrase::new(&r.text);
    match split_condition(&phrase) {
        Some((x, y)) => reaction(flow, r, &explicit, terms(&x), terms(&y)),
        None => action(flow, r, &explicit, &phrase),
    }
}

fn ids(flow: &Flow, v: &[usize]) -> Vec<String> {
    v.iter().map(|&i| flow.sticky(i).id.clone()).collect()
}

fn names(flow: &Flow, v: &[usize]) -> String {
    v.iter()
        .map(|&i| format!("'{}'", flow.label(i)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn pick(
    flow: &Flow,
    explicit: &[usize],
    kinds: &[StickyKind],
    all: impl Iterator<Item = usize>,
    t: &[String],
) -> Option<usize> {
    explicit
        .iter()
        .copied()
        .find(|&i| kinds.contains(&flow.kind(i)))
        .or_else(|| best(flow, all, kinds, t))
}

/// Whether an actor matching one of `actors` reaches `target` following links backwards.
fn actor_reaches(flow: &Flow, actors: &[String], target: usize) -> Option<usize> {
    let mut seen = BTreeSet::from([target]);
    let mut queue = VecDeque::from([target]);
    while let Some(i) = queue.pop_front() {
        if flow.kind(i) == Actor && actors.iter().any(|t| flow.phrases[i].mentions(t)) {
            return Some(i);
        }
        let neighbours = flow.in_links(i).iter().map(|&(_, j)| j);
        // A read model is consulted by its actor: look at both directions around it.
        let around: Vec<usize> = if flow.kind(i) == ReadModel {
            flow.out_links(i)
                .iter()
                .map(|&(_, j)| j)
                .chain(neighbours)
                .collect()
        } else {
            neighbours.collect()
        };
        for j in around {
            if seen.insert(j) {
                queue.push_back(j);
            }
        }
    }
    None
}

/// Checks command → aggregate → event from a command, appending the narration.
fn through_command(flow: &Flow, cmd: usize, chain: &mut Vec<usize>) -> Option<Message> {
    chain.push(cmd);
    let c = flow.label(cmd);
    let Some(&agg) = flow.handlers(cmd).first() else {
        return Some(Message::new(
            format!("커맨드 '{c}'을(를) 처리하는 애그리거트가 없습니다"),
            format!("no aggregate handles command '{c}'"),
        ));
    };
    chain.push(agg);
    let Some(&ev) = flow.events_of_command(cmd).first() else {
        return Some(Message::new(
            format!("커맨드 '{c}'에서 발생하는 이벤트가 없습니다"),
            format!("command '{c}' leads to no event"),
        ));
    };
    chain.push(ev);
    None
}

fn finish(
    flow: &Flow,
    r: &Requirement,
    chain: Vec<usize>,
    gap: Option<Message>,
) -> RequirementCoverage {
    let story = names(flow, &chain);
    match gap {
        None => result(
            r,
            Status::Ok,
            ids(flow, &chain),
            Message::new(
                format!("모델에 있습니다: {story}"),
                format!("in the model: {story}"),
            ),
        ),
        Some(m) => result(r, Status::Partial, ids(flow, &chain), m),
    }
}

fn missing(r: &Requirement, t: &[String]) -> RequirementCoverage {
    let t = t.join(", ");
    result(
        r,
        Status::Missing,
        Vec::new(),
        Message::new(
            format!("모델에서 이 요구사항에 해당하는 커맨드·이벤트를 찾지 못했습니다 ({t})"),
            format!("nothing in the model narrates this requirement ({t})"),
        ),
    )
}

/// A plain requirement: an actor does something, or looks something up.
fn action(
    flow: &Flow,
    r: &Requirement,
    explicit: &[usize],
    phrase: &Phrase,
) -> RequirementCoverage {
    let (actors, rest) = actor_terms(flow, terms(&phrase.words));
    let mut chain = Vec::new();
    let query = !phrase.hits(Vocab::Query).is_empty();
    let rm = query
        .then(|| pick(flow, explicit, &[ReadModel], flow.of_kind(ReadModel), &rest))
        .flatten();
    let gap = if let Some(rm) = rm {
        chain.push(rm);
        let feeds: Vec<usize> = flow.prev(rm, DomainEvent).collect();
        if feeds.is_empty() {
            Some(Message::new(
                format!(
                    "읽기모델 '{}'을(를) 채우는 이벤트가 없습니다",
                    flow.label(rm)
                ),
                format!("no event feeds read model '{}'", flow.label(rm)),
            ))
        } else {
            chain.splice(0..0, feeds);
            None
        }
    } else {
        let cmds = flow.of_kind(Command);
        let Some(cmd) = pick(flow, explicit, &[Command], cmds, &rest) else {
            return missing(r, &rest);
        };
        through_command(flow, cmd, &mut chain)
    };
    let target = *chain
        .iter()
        .find(|&&i| matches!(flow.kind(i), Command | ReadModel))
        .unwrap_or(&chain[0]);
    let gap = gap.or_else(|| {
        if actors.is_empty() {
            return None;
        }
        match actor_reaches(flow, &actors, target) {
            Some(a) => {
                chain.insert(0, a);
                None
            }
            None => Some(Message::new(
                format!(
                    "액터 '{}'이(가) '{}'에 연결되어 있지 않습니다",
                    actors.join(", "),
                    flow.label(target)
                ),
                format!(
                    "actor '{}' is not linked to '{}'",
                    actors.join(", "),
                    flow.label(target)
                ),
            )),
        }
    });
    finish(flow, r, chain, gap)
}

/// Stickies reachable from `start` along links, through the kinds of a flow.
fn downstream(flow: &Flow, start: &[usize]) -> Vec<usize> {
    let mut seen: BTreeSet<usize> = start.iter().copied().collect();
    let mut queue: VecDeque<usize> = start.iter().copied().collect();
    let mut out = Vec::new();
    while let Some(i) = queue.pop_front() {
        for &(_, j) in flow.out_links(i) {
            if matches!(
                flow.kind(j),
                Policy | Command | Aggregate | DomainEvent | ExternalSystem
            ) && seen.insert(j)
            {
                out.push(j);
                queue.push_back(j);
            }
        }
    }
    out
}

/// "When X then Y": events of X, a policy reacting, and the command / event of Y after it.
fn reaction(
    flow: &Flow,
    r: &Requirement,
    explicit: &[usize],
    x: Vec<String>,
    y: Vec<String>,
) -> RequirementCoverage {
    let all = 0..flow.board.stickies.len();
    let trigger = pick(
        flow,
        explicit,
        &[DomainEvent, ReadModel, Aggregate],
        all,
        &x,
    );
    let Some(trigger) = trigger else {
        let mut t = x.clone();
        t.extend(y);
        return missing(r, &t);
    };
    let events: Vec<usize> = match flow.kind(trigger) {
        DomainEvent => vec![trigger],
        ReadModel => flow.prev(trigger, DomainEvent).collect(),
        _ => flow.next(trigger, DomainEvent).collect(),
    };
    let about = if flow.kind(trigger) == DomainEvent {
        names(flow, &events)
    } else {
        format!("'{}' ({})", flow.label(trigger), names(flow, &events))
    };
    let mut chain = vec![trigger];
    let policies: Vec<usize> = events
        .iter()
        .flat_map(|&e| flow.next(e, Policy).collect::<Vec<_>>())
        .collect();
    if policies.is_empty() {
        let gap = Message::new(
            format!("{about}에 반응하는 정책이 없습니다"),
            format!("no policy reacts to {about}"),
        );
        return finish(flow, r, chain, Some(gap));
    }
    let reach = downstream(flow, &events);
    let explicit_y: Vec<usize> = explicit.iter().copied().filter(|&i| i != trigger).collect();
    let Some(target) = pick(
        flow,
        &explicit_y,
        &[Command, Policy, DomainEvent, ExternalSystem],
        reach.into_iter(),
        &y,
    ) else {
        let t = y.join(" ");
        let gap = Message::new(
            format!("{about} 이후 '{t}'을(를) 하는 정책 → 커맨드가 없습니다"),
            format!("no policy → command for '{t}' follows {about}"),
        );
        return finish(flow, r, chain, Some(gap));
    };
    let gap = match flow.kind(target) {
        Command => {
            chain.extend(flow.prev(target, Policy).next());
            through_command(flow, target, &mut chain)
        }
        Policy => {
            chain.push(target);
            match flow.next(target, Command).next() {
                Some(c) => through_command(flow, c, &mut chain),
                None => Some(Message::new(
                    format!(
                        "정책 '{}'이(가) 커맨드를 내리지 않습니다",
                        flow.label(target)
                    ),
                    format!("policy '{}' issues no command", flow.label(target)),
                )),
            }
        }
        _ => {
            chain.push(target);
            None
        }
    };
    finish(flow, r, chain, gap)
}
