//! Bounded contexts: which frame each sticky belongs to (geometric, deterministic), the checks
//! on the frames the team drew (an aggregate is never split; a context holds an aggregate),
//! and a proposed split derived from the flow graph for what no frame covers yet: commands
//! and events go with the aggregate that handles / emits them, policies with the context that
//! reacts (choreography), read models with the events that feed them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Message, Rule, Severity};
use crate::flow::Flow;
use crate::kind::StickyKind::{self, *};
use crate::relation::Rank;

/// Frame index of each sticky (by position): the smallest frame containing its centre, ties
/// broken by frame order. `None` when no frame contains it.
pub fn membership(board: &crate::Board) -> Vec<Option<usize>> {
    let area = |i: usize| board.frames[i].w * board.frames[i].h;
    board
        .stickies
        .iter()
        .map(|s| {
            let c = s.centre();
            (0..board.frames.len())
                .filter(|&f| board.frames[f].contains(c))
                .min_by(|&a, &b| area(a).total_cmp(&area(b)).then(a.cmp(&b)))
        })
        .collect()
}

/// One bounded context as drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// Frame id.
    pub frame: String,
    /// Context name.
    pub name: String,
    /// Subdomain rank, when decided.
    pub rank: Option<Rank>,
    /// Aggregates inside.
    pub aggregates: Vec<String>,
    /// Every sticky inside.
    pub stickies: Vec<String>,
}

/// A proposed change to the contexts, derived from the flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// Existing frame the stickies should join, or `None` for a new context.
    pub frame: Option<String>,
    /// Proposed (or existing) context name.
    pub name: String,
    /// Aggregates of the proposed context.
    pub aggregates: Vec<String>,
    /// Stickies to place in it.
    pub stickies: Vec<String>,
    /// Why.
    pub message: Message,
}

/// Contexts, their findings and proposals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contexts {
    /// The contexts drawn, in frame order.
    pub contexts: Vec<Context>,
    /// Rule violations.
    pub findings: Vec<Finding>,
    /// Proposed split for stickies outside any frame.
    pub proposals: Vec<Proposal>,
}

const FLOW_KINDS: [StickyKind; 5] = [Command, DomainEvent, Aggregate, Policy, ReadModel];

/// Checks the frames and proposes a split for what they do not cover.
pub fn check(flow: &Flow, member: &[Option<usize>]) -> Contexts {
    let board = flow.board;
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); board.frames.len()];
    for (i, m) in member.iter().enumerate() {
        if let Some(f) = m {
            buckets[*f].push(i);
        }
    }
    let contexts: Vec<Context> = board
        .frames
        .iter()
        .zip(buckets)
        .map(|(fr, inside)| Context {
            frame: fr.id.clone(),
            name: fr.name.clone(),
            rank: fr.rank,
            aggregates: inside
                .iter()
                .filter(|&&i| flow.kind(i) == Aggregate)
                .map(|&i| flow.sticky(i).id.clone())
                .collect(),
            stickies: inside.iter().map(|&i| flow.sticky(i).id.clone()).collect(),
        })
        .collect();
    let mut findings = Vec::new();
    for c in contexts.iter().filter(|c| c.aggregates.is_empty()) {
        findings.push(
            Finding::on_stickies(
                Rule::ContextWithoutAggregate,
                Severity::Warning,
                &[],
                Message::new(
                    format!("컨텍스트 '{}'에 애그리거트가 없습니다. 컨텍스트는 애그리거트를 하나 이상 가집니다", c.name),
                    format!("Context '{}' holds no aggregate; a context holds at least one", c.name),
                ),
            )
            .with_frames(&[&c.frame]),
        );
    }
    split_aggregates(flow, member, &mut findings);
    Contexts {
        proposals: if board.frames.is_empty() || has_unframed(flow, member) {
            propose(flow, member)
        } else {
            Vec::new()
        },
        contexts,
        findings,
    }
}

fn has_unframed(flow: &Flow, member: &[Option<usize>]) -> bool {
    (0..member.len()).any(|i| member[i].is_none() && FLOW_KINDS.contains(&flow.kind(i)))
}

fn frame_name<'a>(flow: &Flow<'a>, f: usize) -> &'a str {
    &flow.board.frames[f].name
}

/// An aggregate (by name) in two frames, or its commands / events in another frame.
fn split_aggregates(flow: &Flow, member: &[Option<usize>], out: &mut Vec<Finding>) {
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for a in flow.of_kind(Aggregate) {
        by_name
            .entry(flow.phrases[a].key.as_str())
            .or_default()
            .push(a);
    }
    for copies in by_name.values() {
        let Some(home) = copies.iter().find_map(|&a| member[a]) else {
            continue;
        };
        let mut strays: Vec<usize> = copies
            .iter()
            .copied()
            .filter(|&a| member[a].is_some_and(|f| f != home))
            .collect();
        for &a in copies {
            let attached = flow
                .prev(a, Command)
                .chain(flow.next(a, DomainEvent))
                .filter(|&x| member[x].is_some_and(|f| f != home));
            strays.extend(attached);
        }
        if strays.is_empty() {
            continue;
        }
        strays.sort();
        strays.dedup();
        let name = flow.label(copies[0]);
        let where_: Vec<String> = strays
            .iter()
            .map(|&s| {
                format!(
                    "'{}' ({})",
                    flow.label(s),
                    frame_name(flow, member[s].unwrap_or(home))
                )
            })
            .collect();
        let mut ids: Vec<&str> = vec![&flow.sticky(copies[0]).id];
        ids.extend(strays.iter().map(|&s| flow.sticky(s).id.as_str()));
        let mut frames: Vec<&str> = vec![&flow.board.frames[home].id];
        frames.extend(
            strays
                .iter()
                .filter_map(|&s| member[s])
                .map(|f| flow.board.frames[f].id.as_str()),
        );
        frames.dedup();
        out.push(
            Finding::on_stickies(
                Rule::AggregateSplit,
                Severity::Error,
                &ids,
                Message::new(
                    format!(
                        "애그리거트 '{name}'은(는) 트랜잭션 경계이므로 컨텍스트 '{}' 하나에 있어야 합니다. 다른 컨텍스트에 있는 것: {}",
                        frame_name(flow, home),
                        where_.join(", ")
                    ),
                    format!(
                        "Aggregate '{name}' is a transaction boundary and belongs to one context, '{}'; found elsewhere: {}",
                        frame_name(flow, home),
                        where_.join(", ")
                    ),
                ),
            )
            .with_frames(&frames),
        );
    }
}

/// Group of stickies around one aggregate name.
struct Group {
    aggregates: Vec<usize>,
    members: Vec<usize>,
    frame: Option<usize>,
}

fn propose(flow: &Flow, member: &[Option<usize>]) -> Vec<Proposal> {
    let n = member.len();
    let mut group_of: Vec<Option<usize>> = vec![None; n];
    let mut groups: Vec<Group> = Vec::new();
    let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
    for a in flow.of_kind(Aggregate) {
        let g = *by_name
            .entry(flow.phrases[a].key.as_str())
            .or_insert_with(|| {
                groups.push(Group {
                    aggregates: Vec::new(),
                    members: Vec::new(),
                    frame: None,
                });
                groups.len() - 1
            });
        groups[g].aggregates.push(a);
        groups[g].frame = groups[g].frame.or(member[a]);
        group_of[a] = Some(g);
    }
    let assign = |i: usize, g: Option<usize>, group_of: &mut Vec<Option<usize>>| {
        if group_of[i].is_none() {
            group_of[i] = g;
        }
    };
    // Commands and events go with their aggregate.
    for a in flow.of_kind(Aggregate) {
        let g = group_of[a];
        for x in flow
            .prev(a, Command)
            .chain(flow.next(a, DomainEvent))
            .collect::<Vec<_>>()
        {
            assign(x, g, &mut group_of);
        }
    }
    // Events a command emits directly go with the command.
    for c in flow.of_kind(Command) {
        let g = group_of[c];
        for e in flow.next(c, DomainEvent).collect::<Vec<_>>() {
            assign(e, g, &mut group_of);
        }
    }
    // Policies live with the context that reacts: the one of the command they issue.
    for p in flow.of_kind(Policy) {
        let g = flow.next(p, Command).find_map(|c| group_of[c]);
        assign(p, g, &mut group_of);
    }
    // Read models with the events that feed them.
    for r in flow.of_kind(ReadModel) {
        let g = flow.prev(r, DomainEvent).find_map(|e| group_of[e]);
        assign(r, g, &mut group_of);
    }
    for i in 0..n {
        if let Some(g) = group_of[i] {
            if member[i].is_none() && FLOW_KINDS.contains(&flow.kind(i)) {
                groups[g].members.push(i);
            }
        }
    }
    groups
        .into_iter()
        .filter(|g| !g.members.is_empty())
        .map(|g| proposal(flow, g))
        .collect()
}

fn labels(flow: &Flow, ids: &[usize], kind: StickyKind) -> String {
    let v: Vec<String> = ids
        .iter()
        .filter(|&&i| flow.kind(i) == kind)
        .map(|&i| format!("'{}'", flow.label(i)))
        .collect();
    if v.is_empty() {
        "-".into()
    } else {
        v.join(", ")
    }
}

fn proposal(flow: &Flow, g: Group) -> Proposal {
    let agg = flow.label(g.aggregates[0]);
    let parts = |ko: bool| {
        let (c, e, p, r) = (
            labels(flow, &g.members, Command),
            labels(flow, &g.members, DomainEvent),
            labels(flow, &g.members, Policy),
            labels(flow, &g.members, ReadModel),
        );
        if ko {
            format!("처리하는 커맨드 {c}, 발행하는 이벤트 {e}, 반응하는 정책 {p}(코레오그래피), 읽기모델 {r}")
        } else {
            format!("the commands it handles {c}, the events it emits {e}, the policies that react {p} (choreography), read models {r}")
        }
    };
    let (name, message) = match g.frame {
        Some(f) => {
            let name = frame_name(flow, f).to_string();
            let m = Message::new(
                format!(
                    "애그리거트 '{agg}'은(는) 컨텍스트 '{name}'에 있으므로 {}도 그 안에 두세요",
                    parts(true)
                ),
                format!(
                    "Aggregate '{agg}' is in context '{name}', so put {} there too",
                    parts(false)
                ),
            );
            (name, m)
        }
        None => {
            let m = Message::new(
                format!(
                    "애그리거트 '{agg}'을(를) 중심으로 새 컨텍스트를 제안합니다: {}",
                    parts(true)
                ),
                format!(
                    "Proposed new context around aggregate '{agg}': {}",
                    parts(false)
                ),
            );
            (agg.to_string(), m)
        }
    };
    Proposal {
        frame: g.frame.map(|f| flow.board.frames[f].id.clone()),
        name,
        aggregates: g
            .aggregates
            .iter()
            .map(|&a| flow.sticky(a).id.clone())
            .collect(),
        stickies: g
            .members
            .iter()
            .map(|&i| flow.sticky(i).id.clone())
            .collect(),
        message,
    }
}

#[cfg(test)]
mod tests;
