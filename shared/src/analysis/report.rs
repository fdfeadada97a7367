//! What the board's analysis panel shows: the [`Report`] (the analysis with the requirement
//! sets its coverage refers to), and the digest of it the model worker sends
//! ([`super::wire`]).
//! A 10,000-sticky board can carry ten thousand findings, megabytes of text no one reads one by
//! one; the digest keeps every count exact but at most [`PER_KIND`] findings of each rule,
//! proposed contexts and context-map relations, and says how many it left out.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{analyze, Analysis};
use crate::board::Board;
use crate::context_map::ContextMap;
use crate::coverage::{self, Coverage};
use crate::finding::{Finding, Rule};
use crate::requirements::{self, RequirementSet};

/// How many findings of one rule (and proposals, and relations) the panel receives.
pub const PER_KIND: usize = 50;

/// The analysis with the requirement sets its coverage refers to: what the analysis panel
/// shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Lint, contexts, context map; the summary counts every finding, digested or not.
    pub analysis: Analysis,
    /// Coverage with the set checked: the board's own sets, or the food-delivery set when the
    /// board has none ([`requirements::checked_sets`]).
    pub coverage: Vec<(RequirementSet, Coverage)>,
    /// What a digest left out.
    #[serde(default)]
    pub omitted: Omitted,
}

/// What a digest left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Omitted {
    /// Findings left out, by rule.
    pub findings: Vec<(Rule, usize)>,
    /// Proposed contexts left out.
    pub proposals: usize,
    /// Relations left out of the context map shown (drawn, or derived when no frame is).
    pub relations: usize,
}

impl Omitted {
    /// Whether nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.proposals == 0 && self.relations == 0
    }
}

/// Analyses a board for the analysis panel.
pub fn report(board: &Board) -> Report {
    let analysis = analyze(board);
    let sets = requirements::checked_sets(board);
    let coverage = if board.requirements.is_empty() {
        sets.into_iter()
            .map(|set| {
                let c = coverage::check(board, &set);
                (set, c)
            })
            .collect()
    } else {
        sets.into_iter().zip(analysis.coverage.clone()).collect()
    };
    Report {
        analysis,
        coverage,
        omitted: Omitted::default(),
    }
}

impl Report {
    /// The report with at most `per_kind` findings of each rule, proposed contexts and
    /// relations of each context map (with the contexts they name), and the coverage once
    /// (with its sets). The summary is left as it was: it counts everything.
    pub fn digest(mut self, per_kind: usize) -> Report {
        let mut seen: BTreeMap<Rule, usize> = BTreeMap::new();
        let mut left: BTreeMap<Rule, usize> = BTreeMap::new();
        let a = &mut self.analysis;
        for list in [
            &mut a.lint,
            &mut a.contexts.findings,
            &mut a.context_map.findings,
        ] {
            keep_per_rule(list, per_kind, &mut seen, &mut left);
        }
        // Not listed by the panel (the contexts are only proposed): kept short, not counted.
        if let Some(m) = a.derived_context_map.as_mut() {
            keep_per_rule(
                &mut m.findings,
                per_kind,
                &mut BTreeMap::new(),
                &mut BTreeMap::new(),
            );
        }
        self.omitted.findings = left.into_iter().collect();
        self.omitted.proposals = a.contexts.proposals.len().saturating_sub(per_kind);
        a.contexts.proposals.truncate(per_kind);
        let shown = a.derived_context_map.as_mut().unwrap_or(&mut a.context_map);
        self.omitted.relations = shown.relations.len().saturating_sub(per_kind);
        trim_map(&mut a.context_map, per_kind);
        if let Some(m) = a.derived_context_map.as_mut() {
            trim_map(m, per_kind);
        }
        a.coverage.clear();
        self
    }
}

/// Keeps the first `per_kind` findings of each rule across lists (`seen` counts them), and
/// counts the others in `left`.
fn keep_per_rule(
    list: &mut Vec<Finding>,
    per_kind: usize,
    seen: &mut BTreeMap<Rule, usize>,
    left: &mut BTreeMap<Rule, usize>,
) {
    list.retain(|f| {
        let n = seen.entry(f.rule).or_default();
        *n += 1;
        if *n > per_kind {
            *left.entry(f.rule).or_default() += 1;
        }
        *n <= per_kind
    });
}

/// Keeps the first `per_kind` relations and edges of a map, and the contexts they name
/// (all of them when there are no more than `per_kind`).
fn trim_map(map: &mut ContextMap, per_kind: usize) {
    map.relations.truncate(per_kind);
    map.edges.truncate(per_kind);
    map.sticky_contexts = Vec::new();
    if map.nodes.len() > per_kind {
        let named: BTreeSet<&str> = map
            .relations
            .iter()
            .flat_map(|r| [r.upstream.as_str(), r.downstream.as_str()])
            .collect();
        map.nodes.retain(|n| named.contains(n.id.as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::wire::{read_answer, Feed, Replica, Reply};
    use crate::kind::StickyKind;
    use crate::reference::{food_delivery_first, food_delivery_revised};
    use crate::sketch::Sketch;

    fn through_the_worker(b: &Board) -> Report {
        use yrs::{ReadTxn, StateVector, Transact};
        let doc = crate::doc::new_doc();
        crate::doc::write_board(&doc, b);
        let feed = Feed {
            updates: vec![doc
                .transact()
                .encode_state_as_update_v1(&StateVector::default())],
            analyse: true,
            ..Feed::default()
        };
        let text = Replica::default().answer(&feed.encode());
        let reply: Reply = serde_json::from_str(read_answer(&text).1.unwrap()).unwrap();
        reply.unwrap()
    }

    #[test]
    fn a_small_board_travels_whole() {
        for b in [food_delivery_first(), food_delivery_revised()] {
            let mut expected = report(&b);
            // Not sent: where each sticky sits, and the coverage twice.
            expected.analysis.context_map.sticky_contexts.clear();
            expected.analysis.coverage.clear();
            assert_eq!(through_the_worker(&b), expected, "{}", b.name);
        }
        let mut bare = food_delivery_first();
        bare.requirements.clear();
        let sets: Vec<String> = through_the_worker(&bare)
            .coverage
            .into_iter()
            .map(|(s, _)| s.id)
            .collect();
        assert_eq!(sets, [requirements::food_delivery().id]);
    }

    /// A board of many unlinked commands and policies: thousands of findings and proposals.
    fn crowded(n: usize) -> Board {
        let mut s = Sketch::new("crowded");
        let mut last: Option<String> = None;
        for i in 0..n {
            let c = s.add(StickyKind::Command, &format!("Place order {i}"));
            let a = s.add(StickyKind::Aggregate, &format!("주문 {i}"));
            let e = s.add(StickyKind::DomainEvent, &format!("Order {i} placed"));
            s.chain(&[&c, &a, &e]);
            if let Some(p) = last.take() {
                s.chain(&[&p, &c]);
            }
            let p = s.add(StickyKind::Policy, &format!("When {i}"));
            if i % 2 == 0 {
                s.chain(&[&e, &p]);
                last = Some(p);
            }
        }
        s.finish()
    }

    #[test]
    fn a_crowded_board_keeps_every_count_and_a_readable_sample() {
        let b = crowded(300);
        let full = report(&b);
        let digest = through_the_worker(&b);
        assert_eq!(digest.analysis.summary, full.analysis.summary);
        let mut by_rule: BTreeMap<Rule, usize> = BTreeMap::new();
        for f in full.analysis.findings() {
            *by_rule.entry(f.rule).or_default() += 1;
        }
        assert!(by_rule.values().any(|&n| n > PER_KIND), "{by_rule:?}");
        let mut shown: BTreeMap<Rule, usize> = BTreeMap::new();
        for f in digest.analysis.findings() {
            *shown.entry(f.rule).or_default() += 1;
        }
        let left: BTreeMap<Rule, usize> = digest.omitted.findings.iter().copied().collect();
        for (rule, n) in &by_rule {
            let s = shown.get(rule).copied().unwrap_or_default();
            assert_eq!(s, (*n).min(PER_KIND), "{rule:?}");
            assert_eq!(
                s + left.get(rule).copied().unwrap_or_default(),
                *n,
                "{rule:?}"
            );
        }
        // The first findings of each rule are the ones kept, in order.
        let first: Vec<&Finding> = full
            .analysis
            .findings()
            .filter(|f| f.rule == *by_rule.keys().next().unwrap())
            .take(PER_KIND)
            .collect();
        let kept: Vec<&Finding> = digest
            .analysis
            .findings()
            .filter(|f| f.rule == *by_rule.keys().next().unwrap())
            .collect();
        assert_eq!(first, kept);
        let proposals = full.analysis.contexts.proposals.len();
        assert_eq!(
            digest.analysis.contexts.proposals.len() + digest.omitted.proposals,
            proposals
        );
        assert!(digest.analysis.contexts.proposals.len() <= PER_KIND);
        // What travels stays the same size as the board grows.
        let size = |d: &Report| serde_json::to_string(d).unwrap().len();
        let twice = through_the_worker(&crowded(600));
        assert!(
            size(&twice) * 10 < size(&digest) * 12,
            "{} then {}",
            size(&digest),
            size(&twice)
        );
    }

    #[test]
    fn a_trimmed_map_keeps_the_contexts_its_relations_name() {
        let b = crowded(200);
        let digest = through_the_worker(&b);
        let full = report(&b);
        let map = full
            .analysis
            .derived_context_map
            .as_ref()
            .unwrap_or(&full.analysis.context_map);
        assert!(
            map.relations.len() > PER_KIND,
            "{} relations",
            map.relations.len()
        );
        assert_eq!(digest.omitted.relations, map.relations.len() - PER_KIND);
        for m in [
            Some(&digest.analysis.context_map),
            digest.analysis.derived_context_map.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            assert!(m.relations.len() <= PER_KIND && m.edges.len() <= PER_KIND);
            for r in &m.relations {
                for id in [&r.upstream, &r.downstream] {
                    assert!(m.nodes.iter().any(|n| &n.id == id), "{id} lost");
                }
            }
        }
    }
}
