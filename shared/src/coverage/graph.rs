//! Walking the board's links for coverage: the actor that reaches a command or read model
//! (backwards), and what follows a set of events (forwards, through policies and commands,
//! stopping at aggregates so one aggregate's events do not leak into another flow).

use std::collections::{BTreeSet, VecDeque};

use crate::flow::Flow;
use crate::kind::StickyKind::*;

/// Whether an actor matching one of `actors` reaches `target` following links backwards.
pub(super) fn actor_reaches(flow: &Flow, actors: &[String], target: usize) -> Option<usize> {
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

/// Stickies reachable from `start` along links, through the kinds of a flow.
pub(super) fn downstream(flow: &Flow, start: &[usize]) -> Vec<usize> {
    let mut seen: BTreeSet<usize> = start.iter().copied().collect();
    let mut queue: VecDeque<usize> = start.iter().copied().collect();
    let mut out = Vec::new();
    while let Some(i) = queue.pop_front() {
        // An aggregate is a stop: from a command the flow goes on with the events that
        // command leads to, never with every event its aggregate emits.
        if flow.kind(i) == Aggregate {
            continue;
        }
        let mut next: Vec<usize> = flow.out_links(i).iter().map(|&(_, j)| j).collect();
        if flow.kind(i) == Command {
            next.extend(flow.events_of_command(i).into_iter().take(1));
        }
        for j in next {
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
