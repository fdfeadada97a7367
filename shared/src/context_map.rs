//! The context map: every link that crosses a context boundary, classified (request/response
//! or publish/subscribe, upstream/downstream), the relations between contexts (declared by the
//! team, or derived from the links), and the checks on them: unguarded synchronous calls from
//! core into lower-ranked contexts, synchronous cycles, conformism to a lower rank, shared
//! kernels outside core, and relations the links contradict.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::contexts::Proposal;
use crate::finding::{Finding, Message, Rule, Severity};
use crate::flow::{Flow, Role, Style};
use crate::kind::StickyKind;
use crate::lang::grammar::count;
use crate::relation::{Pattern, Rank};

/// A context on the map: a frame, or an external system outside every frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Frame id, or `external:<sticky id>`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Rank; external systems count as generic.
    pub rank: Option<Rank>,
    /// Whether it is an external system.
    pub external: bool,
}

/// A link crossing a context boundary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Link id.
    pub link: String,
    /// Sticky the link leaves (the event published, or the caller).
    pub from: String,
    /// Sticky the link enters (the policy or read model subscribing, or the callee).
    pub to: String,
    /// Role of the link in the flow.
    pub role: Role,
    /// Synchronous or asynchronous.
    pub style: Style,
    /// Context whose model flows out (publisher, or the one called).
    pub upstream: String,
    /// Context that depends on it (subscriber, or the caller).
    pub downstream: String,
    /// Whether the call is protected by a circuit breaker.
    pub circuit_breaker: bool,
}

/// A relation between two contexts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapRelation {
    /// Upstream context.
    pub upstream: String,
    /// Downstream context.
    pub downstream: String,
    /// Declared patterns (empty when derived).
    pub patterns: Vec<Pattern>,
    /// Whether the team declared it (else it is derived from links).
    pub declared: bool,
    /// Links between the two contexts.
    pub links: Vec<String>,
    /// Whether any of them is synchronous.
    pub synchronous: bool,
    /// Whether any of them is asynchronous.
    pub asynchronous: bool,
}

/// The whole map and its findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextMap {
    /// Contexts.
    pub nodes: Vec<Node>,
    /// Cross-context links.
    pub edges: Vec<Edge>,
    /// Relations, declared first then derived.
    pub relations: Vec<MapRelation>,
    /// Check results.
    pub findings: Vec<Finding>,
    /// Context id of each sticky, by position (not serialized).
    #[serde(skip)]
    pub sticky_contexts: Vec<Option<String>>,
}

/// Context id of each sticky: its frame, or `external:<id>` for an unframed external system.
pub fn context_ids(flow: &Flow, member: &[Option<usize>]) -> Vec<Option<String>> {
    (0..member.len())
        .map(|i| match member[i] {
            Some(f) => Some(flow.board.frames[f].id.clone()),
            None if flow.kind(i) == StickyKind::ExternalSystem => {
                Some(format!("external:{}", flow.sticky(i).id))
            }
            None => None,
        })
        .collect()
}

/// Builds the map of a board.
pub fn build(flow: &Flow, member: &[Option<usize>]) -> ContextMap {
    let nodes: Vec<Node> = flow
        .board
        .frames
        .iter()
        .map(|f| Node {
            id: f.id.clone(),
            name: f.name.clone(),
            rank: f.rank,
            external: false,
        })
        .collect();
    build_over(flow, member, context_ids(flow, member), nodes)
}

/// The map derived from proposed contexts, for a board where no frame is drawn: each proposal
/// is a context (`proposed:<aggregate id>`), and the links between their stickies say which
/// context publishes events to which (publish/subscribe) or calls which (request/response).
pub fn derive(flow: &Flow, proposals: &[Proposal]) -> ContextMap {
    let n = flow.board.stickies.len();
    let mut ctx: Vec<Option<String>> = vec![None; n];
    let mut nodes = Vec::new();
    for p in proposals {
        let id = format!(
            "proposed:{}",
            p.aggregates.first().map_or("", String::as_str)
        );
        for s in p.stickies.iter().chain(&p.aggregates) {
            if let Some(i) = flow.pos(s) {
                ctx[i].get_or_insert_with(|| id.clone());
            }
        }
        nodes.push(Node {
            id,
            name: p.name.clone(),
            rank: None,
            external: false,
        });
    }
    let member = vec![None; n];
    for (i, c) in context_ids(flow, &member).into_iter().enumerate() {
        if ctx[i].is_none() {
            ctx[i] = c;
        }
    }
    build_over(flow, &member, ctx, nodes)
}

fn build_over(
    flow: &Flow,
    member: &[Option<usize>],
    ctx: Vec<Option<String>>,
    mut nodes: Vec<Node>,
) -> ContextMap {
    for i in flow
        .of_kind(StickyKind::ExternalSystem)
        .filter(|&i| member[i].is_none())
    {
        nodes.push(Node {
            id: format!("external:{}", flow.sticky(i).id),
            name: flow.label(i).to_string(),
            rank: Some(Rank::Generic),
            external: true,
        });
    }
    let mut edges = Vec::new();
    for (li, l) in flow.board.links.iter().enumerate() {
        let Some((a, b)) = flow.ends(li) else {
            continue;
        };
        let (Some(ca), Some(cb)) = (&ctx[a], &ctx[b]) else {
            continue;
        };
        let Some(role) = flow.role(li) else { continue };
        if ca == cb || role.style() == Style::None {
            continue;
        }
        let (up, down) = match role.style() {
            Style::PublishSubscribe => (ca, cb),
            _ => (cb, ca),
        };
        edges.push(Edge {
            link: l.id.clone(),
            from: l.from.clone(),
            to: l.to.clone(),
            role,
            style: role.style(),
            upstream: up.clone(),
            downstream: down.clone(),
            circuit_breaker: l.circuit_breaker,
        });
    }
    let mut map = ContextMap {
        relations: relations(flow, &nodes, &edges),
        nodes,
        edges,
        findings: Vec::new(),
        sticky_contexts: ctx,
    };
    map.findings = checks(flow, &map);
    map
}

fn between<'e>(edges: &'e [Edge], a: &str, b: &str) -> impl Iterator<Item = &'e Edge> {
    let (a, b) = (a.to_string(), b.to_string());
    edges.iter().filter(move |e| {
        (e.upstream == a && e.downstream == b) || (e.upstream == b && e.downstream == a)
    })
}

fn relations(flow: &Flow, nodes: &[Node], edges: &[Edge]) -> Vec<MapRelation> {
    let make = |up: &str, down: &str, patterns: Vec<Pattern>, declared: bool| {
        let es: Vec<&Edge> = between(edges, up, down).collect();
        MapRelation {
            upstream: up.into(),
            downstream: down.into(),
            patterns,
            declared,
            links: es.iter().map(|e| e.link.clone()).collect(),
            synchronous: es.iter().any(|e| e.style == Style::RequestResponse),
            asynchronous: es.iter().any(|e| e.style == Style::PublishSubscribe),
        }
    };
    let mut out: Vec<MapRelation> = flow
        .board
        .relations
        .iter()
        .map(|r| make(&r.upstream, &r.downstream, r.patterns.clone(), true))
        .collect();
    let mut derived: BTreeMap<(&str, &str), ()> = BTreeMap::new();
    for e in edges {
        let declared = flow
            .board
            .relations
            .iter()
            .any(|r| r.connects(&e.upstream, &e.downstream));
        if !declared && nodes.iter().any(|n| n.id == e.upstream) {
            derived.insert((&e.upstream, &e.downstream), ());
        }
    }
    out.extend(derived.keys().map(|(u, d)| make(u, d, Vec::new(), false)));
    out
}

fn name<'a>(map: &'a ContextMap, id: &'a str) -> &'a str {
    map.nodes
        .iter()
        .find(|n| n.id == id)
        .map(|n| n.name.as_str())
        .unwrap_or(id)
}

fn rank(map: &ContextMap, id: &str) -> Option<Rank> {
    map.nodes.iter().find(|n| n.id == id).and_then(|n| n.rank)
}

fn checks(flow: &Flow, map: &ContextMap) -> Vec<Finding> {
    let mut out = Vec::new();
    let link_ends = |id: &str| -> Vec<String> {
        flow.board
            .links
            .iter()
            .find(|l| l.id == id)
            .map(|l| vec![l.from.clone(), l.to.clone()])
            .unwrap_or_default()
    };
    for e in &map.edges {
        let lower = rank(map, &e.upstream).is_some_and(|r| r != Rank::Core);
        if e.style == Style::RequestResponse
            && rank(map, &e.downstream) == Some(Rank::Core)
            && lower
            && !e.circuit_breaker
        {
            let (d, u) = (name(map, &e.downstream), name(map, &e.upstream));
            let ends = link_ends(&e.link);
            let ends: Vec<&str> = ends.iter().map(String::as_str).collect();
            out.push(
                Finding::on_stickies(
                    Rule::SyncCallWithoutCircuitBreaker,
                    Severity::Warning,
                    &ends,
                    Message::new(
                        format!("핵심 컨텍스트 '{d}'이(가) '{u}'을(를) 동기 호출하는데 서킷브레이커가 없습니다. '{u}'의 장애가 '{d}'(으)로 번집니다"),
                        format!("Core context '{d}' calls '{u}' synchronously without a circuit breaker; a failure in '{u}' spreads to '{d}'"),
                    ),
                )
                .with_links(&[&e.link])
                .with_frames(&[&e.downstream, &e.upstream]),
            );
        }
    }
    sync_cycles(map, &mut out);
    for r in map.relations.iter().filter(|r| r.declared) {
        relation_checks(map, r, &mut out);
    }
    out
}

fn sync_cycles(map: &ContextMap, out: &mut Vec<Finding>) {
    let sync: BTreeMap<&str, ()> = map
        .edges
        .iter()
        .filter(|e| e.style == Style::RequestResponse)
        .flat_map(|e| [(e.upstream.as_str(), ()), (e.downstream.as_str(), ())])
        .collect();
    let ids: Vec<&str> = sync.keys().copied().collect();
    let n = ids.len();
    let idx = |id: &str| ids.iter().position(|x| *x == id);
    let mut reach = vec![vec![false; n]; n];
    for e in map
        .edges
        .iter()
        .filter(|e| e.style == Style::RequestResponse)
    {
        if let (Some(a), Some(b)) = (idx(&e.downstream), idx(&e.upstream)) {
            reach[a][b] = true;
        }
    }
    for k in 0..n {
        let via = reach[k].clone();
        for row in reach.iter_mut().filter(|row| row[k]) {
            for (cell, &v) in row.iter_mut().zip(&via) {
                *cell |= v;
            }
        }
    }
    let mut seen = vec![false; n];
    for i in 0..n {
        if seen[i] || !reach[i][i] {
            continue;
        }
        let scc: Vec<usize> = (0..n).filter(|&j| reach[i][j] && reach[j][i]).collect();
        scc.iter().for_each(|&j| seen[j] = true);
        let names: Vec<&str> = scc.iter().map(|&j| name(map, ids[j])).collect();
        let frames: Vec<&str> = scc.iter().map(|&j| ids[j]).collect();
        let links: Vec<&str> = map
            .edges
            .iter()
            .filter(|e| e.style == Style::RequestResponse)
            .filter(|e| {
                frames.contains(&e.upstream.as_str()) && frames.contains(&e.downstream.as_str())
            })
            .map(|e| e.link.as_str())
            .collect();
        let cyc = names.join(" ⇄ ");
        out.push(
            Finding::on_stickies(
                Rule::SyncCycle,
                Severity::Error,
                &[],
                Message::new(
                    format!("컨텍스트들이 서로 동기 호출하는 순환이 있습니다: {cyc}. 하나를 비동기(이벤트)로 바꾸세요"),
                    format!("Contexts call each other synchronously in a cycle: {cyc}; make one direction asynchronous (events)"),
                ),
            )
            .with_links(&links)
            .with_frames(&frames),
        );
    }
}

fn relation_checks(map: &ContextMap, r: &MapRelation, out: &mut Vec<Finding>) {
    let (u, d) = (name(map, &r.upstream), name(map, &r.downstream));
    let frames = [r.upstream.as_str(), r.downstream.as_str()];
    let mut push = |rule: Rule, sev: Severity, ko: String, en: String| {
        out.push(
            Finding::on_stickies(rule, sev, &[], Message::new(ko, en))
                .with_frames(&frames)
                .with_links(&r.links.iter().map(String::as_str).collect::<Vec<_>>()),
        );
    };
    if frames.iter().any(|f| !map.nodes.iter().any(|n| n.id == *f)) {
        push(
            Rule::RelationDangling,
            Severity::Error,
            format!("관계가 없는 컨텍스트를 가리킵니다: {u} → {d}"),
            format!("The relation names a context that does not exist: {u} → {d}"),
        );
        return;
    }
    let (ru, rd) = (rank(map, &r.upstream), rank(map, &r.downstream));
    if r.patterns.contains(&Pattern::Conformist) {
        if let (Some(ru), Some(rd)) = (ru, rd) {
            if rd.level() > ru.level() {
                push(
                    Rule::ConformistToLowerRank,
                    Severity::Warning,
                    format!("{} 컨텍스트 '{d}'이(가) {} 컨텍스트 '{u}'의 모델을 그대로 따릅니다(Conformist). 상위 등급은 하위 등급에 순응하지 않습니다: 부패방지계층(ACL)을 두세요", rd.as_str(), ru.as_str()),
                    format!("{} context '{d}' conforms to {} context '{u}'; a higher-ranked context never conforms to a lower one: use an anticorruption layer", rd.as_str(), ru.as_str()),
                );
            }
        }
    }
    if r.patterns.contains(&Pattern::SharedKernel)
        && (ru != Some(Rank::Core) || rd != Some(Rank::Core))
    {
        push(
            Rule::SharedKernelOutsideCore,
            Severity::Warning,
            format!("공유 커널은 핵심 컨텍스트 사이에서만 받아들일 만합니다: '{u}'과(와) '{d}'"),
            format!("A shared kernel is only acceptable between core contexts: '{u}' and '{d}'"),
        );
    }
    let separate = r.patterns.contains(&Pattern::SeparateWays);
    if separate && !r.links.is_empty() {
        push(
            Rule::RelationContradicted,
            Severity::Warning,
            format!(
                "'{u}'과(와) '{d}'은(는) Separate Ways로 표시되었지만 {}개의 연결이 있습니다",
                r.links.len()
            ),
            format!(
                "'{u}' and '{d}' are marked Separate Ways but {} {} them",
                count(r.links.len(), "link"),
                if r.links.len() == 1 {
                    "connects"
                } else {
                    "connect"
                }
            ),
        );
    } else if !separate && r.links.is_empty() {
        push(
            Rule::RelationContradicted,
            Severity::Warning,
            format!(
                "'{u}'과(와) '{d}' 사이에 연결이 없습니다. 연결이 없으면 Separate Ways만 맞습니다"
            ),
            format!("No link connects '{u}' and '{d}'; without links only Separate Ways fits"),
        );
    } else if !separate
        && !r.patterns.iter().all(|p| p.is_symmetric())
        && !r.links.is_empty()
        && map
            .edges
            .iter()
            .filter(|e| r.links.contains(&e.link))
            .all(|e| e.upstream == r.downstream)
    {
        push(
            Rule::RelationContradicted,
            Severity::Warning,
            format!(
                "관계는 '{u}'을(를) 상류로 표시했지만 연결은 모두 '{d}'에서 '{u}'(으)로 흐릅니다"
            ),
            format!("The relation marks '{u}' upstream, but every link flows from '{d}' to '{u}'"),
        );
    }
}

#[cfg(test)]
mod tests;
