//! Timeline lint: on a board laid out as a timeline (it has a swimlane or a pivotal event),
//! time runs left to right, so
//!
//! - **a causal link runs backwards** when its target lies wholly left of its source (the
//!   target's right edge is at or left of the source's left edge). Causal links are those
//!   with a flow role (issues, handled by, emits, triggers, projects, calls, informs);
//!   annotations and links that break the grammar are not judged here. Stickies stacked in
//!   one column overlap horizontally and never count.
//! - **an event is out of order around a pivotal event P** when the links say it comes after
//!   P (a chain of causal links leads from P to it) but its centre lies left of P's boundary
//!   (the vertical line through P's centre), or the links say it comes before P (a chain leads
//!   from it to P) but its centre lies right of the boundary. An event on a cycle through P
//!   is both and is not judged.

use std::collections::HashSet;

use crate::finding::{Finding, Message, Rule, Severity};
use crate::flow::{Flow, Role};
use crate::kind::StickyKind;
use crate::timeline::boundaries;

/// Adds the timeline findings of `flow`'s board to `out`.
pub(super) fn check(flow: &Flow, out: &mut Vec<Finding>) {
    let b = flow.board;
    if b.lanes.is_empty() && b.pivotal.is_empty() {
        return;
    }
    backward_links(flow, out);
    around_pivotal(flow, out);
}

fn causal(flow: &Flow, li: usize) -> bool {
    !matches!(flow.role(li), None | Some(Role::Annotates | Role::Invalid))
}

fn backward_links(flow: &Flow, out: &mut Vec<Finding>) {
    for (li, l) in flow.board.links.iter().enumerate() {
        let Some((a, z)) = flow.ends(li) else {
            continue;
        };
        let (from, to) = (flow.sticky(a), flow.sticky(z));
        // Written so that a coordinate that is not a number never counts as backwards.
        let backwards = to.x + to.w <= from.x;
        if !causal(flow, li) || !backwards {
            continue;
        }
        let (fa, fz) = (flow.label(a), flow.label(z));
        out.push(
            Finding::on_stickies(
                Rule::LinkBackwardInTime,
                Severity::Warning,
                &[&from.id, &to.id],
                Message::new(
                    format!("'{fa}' → '{fz}' 링크가 시간을 거슬러 갑니다: 타임라인은 왼쪽에서 오른쪽으로 흐르는데 '{fz}'이(가) '{fa}'보다 왼쪽에 있습니다"),
                    format!("'{fa}' → '{fz}' runs backwards in time: the timeline reads left to right, but '{fz}' sits left of '{fa}'"),
                ),
            )
            .with_links(&[&l.id]),
        );
    }
}

/// Stickies reachable from `start` along causal links, forwards (`downstream`) or backwards.
fn reach(flow: &Flow, start: usize, downstream: bool) -> HashSet<usize> {
    let mut seen = HashSet::new();
    let mut todo = vec![start];
    while let Some(i) = todo.pop() {
        let next = if downstream {
            flow.out_links(i)
        } else {
            flow.in_links(i)
        };
        for &(li, j) in next {
            if causal(flow, li) && seen.insert(j) {
                todo.push(j);
            }
        }
    }
    seen
}

fn around_pivotal(flow: &Flow, out: &mut Vec<Finding>) {
    for boundary in boundaries(flow.board) {
        let Some(p) = flow.pos(&boundary.sticky) else {
            continue;
        };
        let after = reach(flow, p, true);
        let before = reach(flow, p, false);
        let name = flow.label(p);
        for e in flow.of_kind(StickyKind::DomainEvent).filter(|&e| e != p) {
            let x = flow.sticky(e).centre().0;
            let (is_after, is_before) = (after.contains(&e), before.contains(&e));
            let ev = flow.label(e);
            let message = if is_after && !is_before && x < boundary.x {
                Message::new(
                    format!("'{ev}'은(는) 링크상 전환점 이벤트 '{name}' 이후에 일어나는데 그 경계선보다 왼쪽(이전)에 있습니다"),
                    format!("'{ev}' follows the pivotal event '{name}' through its links but sits left of (before) its boundary"),
                )
            } else if is_before && !is_after && x > boundary.x {
                Message::new(
                    format!("'{ev}'은(는) 링크상 전환점 이벤트 '{name}'보다 먼저 일어나는데 그 경계선보다 오른쪽(이후)에 있습니다"),
                    format!("'{ev}' leads to the pivotal event '{name}' through its links but sits right of (after) its boundary"),
                )
            } else {
                continue;
            };
            out.push(Finding::on_stickies(
                Rule::EventOutOfOrderAroundPivotal,
                Severity::Warning,
                &[&flow.sticky(e).id, &boundary.sticky],
                message,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::board::{Board, Link, Sticky};
    use crate::finding::Rule;
    use crate::flow::Flow;
    use crate::kind::StickyKind::{self, *};
    use crate::timeline::Lane;

    fn s(id: &str, kind: StickyKind, text: &str, x: f64) -> Sticky {
        Sticky::new(id, kind, text, x, 0.0)
    }

    fn lint(b: &Board) -> Vec<(Rule, Vec<String>)> {
        super::super::lint(&Flow::new(b))
            .into_iter()
            .filter(|f| {
                matches!(
                    f.rule,
                    Rule::LinkBackwardInTime | Rule::EventOutOfOrderAroundPivotal
                )
            })
            .map(|f| (f.rule, f.stickies))
            .collect()
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// Order placed → policy → command → Payment taken, with Payment taken drawn left of the
    /// command that emits it.
    fn board() -> Board {
        Board {
            stickies: vec![
                s("placed", DomainEvent, "Order placed", 0.0),
                s("policy", Policy, "Whenever placed, take payment", 200.0),
                s("pay", Command, "결제 요청", 400.0),
                s("paid", DomainEvent, "Payment taken", 250.0),
                s("note", Hotspot, "Which PG?", -400.0),
            ],
            links: vec![
                Link::new("l1", "placed", "policy"),
                Link::new("l2", "policy", "pay"),
                Link::new("l3", "pay", "paid"),
                Link::new("l4", "pay", "note"),
            ],
            lanes: vec![Lane {
                id: "lane".into(),
                name: "Customer".into(),
                y: -50.0,
                h: 300.0,
            }],
            ..Board::default()
        }
    }

    #[test]
    fn only_causal_links_wholly_to_the_left_run_backwards() {
        let b = board();
        // pay (400..520) → paid (250..370): wholly left. pay → note annotates; ignored.
        assert_eq!(
            lint(&b),
            [(Rule::LinkBackwardInTime, ids(&["pay", "paid"]))]
        );
        let mut overlapping = board();
        overlapping.stickies[3].x = 300.0; // 300..420 overlaps 400..520: same column.
        assert!(lint(&overlapping).is_empty());
        // A board without lanes or pivotal events is no timeline: nothing is judged.
        let mut free = board();
        free.lanes.clear();
        assert!(lint(&free).is_empty());
    }

    #[test]
    fn events_on_the_wrong_side_of_a_pivotal_boundary_are_reported_with_it() {
        let mut b = board();
        b.stickies[3].x = 500.0; // paid now right of pay: no backward link.
        b.pivotal = vec!["paid".into()];
        // Boundary through paid's centre at 560: placed leads to it and lies left. Fine.
        assert!(lint(&b).is_empty());
        // Mark placed pivotal (centre 60) and drag paid (which follows it) left of its line.
        b.pivotal = vec!["placed".into()];
        b.stickies[3].x = -200.0;
        let found = lint(&b);
        assert!(found.contains(&(Rule::EventOutOfOrderAroundPivotal, ids(&["paid", "placed"]))));
        // An event that leads to the pivotal one but sits right of it.
        let mut c = board();
        c.stickies[3].x = 500.0;
        c.pivotal = vec!["paid".into()];
        c.stickies[0].x = 900.0;
        let found = lint(&c);
        assert!(found.contains(&(Rule::EventOutOfOrderAroundPivotal, ids(&["placed", "paid"]))));
        let msg = super::super::lint(&Flow::new(&c))
            .into_iter()
            .find(|f| f.rule == Rule::EventOutOfOrderAroundPivotal)
            .unwrap()
            .message;
        assert!(msg
            .en
            .contains("leads to the pivotal event 'Payment taken'"));
        assert!(msg.ko.contains("전환점"));
    }

    #[test]
    fn an_event_on_a_cycle_through_the_pivotal_event_is_not_judged() {
        let mut b = board();
        b.stickies[3].x = 500.0;
        b.stickies
            .push(s("p2", Policy, "Whenever paid, reorder", 700.0));
        b.links.push(Link::new("l5", "paid", "p2"));
        b.links.push(Link::new("l6", "p2", "pay"));
        b.pivotal = vec!["paid".into()];
        b.stickies[0].x = 1200.0; // placed: upstream only, right of paid → reported.
        let found = lint(&b);
        let pivotal: Vec<_> = found
            .iter()
            .filter(|f| f.0 == Rule::EventOutOfOrderAroundPivotal)
            .collect();
        assert_eq!(pivotal.len(), 1, "{found:?}");
    }
}
