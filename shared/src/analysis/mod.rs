//! The full analysis of a board in one call: lint, bounded contexts, context map and the
//! coverage of every requirement set attached to the board. Deterministic and fast enough to
//! run on every change (a 5,000-sticky board well under 20 ms natively).
//!
//! The board's page runs it away from the page, in its model worker ([`crate::model_worker`]):
//! [`wire`] is how the board travels there (the worker keeps a copy of the board's document and
//! is sent what changed) and how the digest of the [`Report`] comes back.

use serde::{Deserialize, Serialize};

use crate::board::Board;
use crate::context_map::{self, ContextMap};
use crate::contexts::{self, membership, Contexts};
use crate::coverage::{self, Coverage};
use crate::finding::{Finding, Severity};
use crate::flow::Flow;
use crate::lint::lint;

pub mod report;
pub mod wire;
pub use report::{report, Report};
pub use wire::Reply;

/// Everything analysis says about a board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Findings about stickies and links.
    pub lint: Vec<Finding>,
    /// Contexts drawn, their findings, proposed split.
    pub contexts: Contexts,
    /// Cross-context links, relations and their findings.
    pub context_map: ContextMap,
    /// With no frame drawn, the map derived from the proposed contexts (its findings are not
    /// counted in the summary: the contexts are only proposed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived_context_map: Option<ContextMap>,
    /// Coverage of each requirement set on the board.
    pub coverage: Vec<Coverage>,
    /// Counts of all findings by severity.
    pub summary: Summary,
}

/// Counts of findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Analysis {
    /// Every finding: lint, contexts, context map.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.lint
            .iter()
            .chain(&self.contexts.findings)
            .chain(&self.context_map.findings)
    }
}

/// Analyses a board.
pub fn analyze(board: &Board) -> Analysis {
    let flow = Flow::new(board);
    let member = membership(board);
    let map = context_map::build(&flow, &member);
    let contexts = contexts::check(&flow, &member);
    let derived_context_map = (board.frames.is_empty() && !contexts.proposals.is_empty())
        .then(|| context_map::derive(&flow, &contexts.proposals));
    let mut a = Analysis {
        lint: lint(&flow),
        contexts,
        derived_context_map,
        coverage: board
            .requirements
            .iter()
            .map(|set| coverage::check_flow(&flow, &map, set))
            .collect(),
        context_map: map,
        summary: Summary::default(),
    };
    a.summary = a.findings().fold(Summary::default(), |mut s, f| {
        match f.severity {
            Severity::Error => s.errors += 1,
            Severity::Warning => s.warnings += 1,
            Severity::Info => s.infos += 1,
        }
        s
    });
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{food_delivery_first, food_delivery_revised};

    #[test]
    fn reference_boards_are_clean_and_carry_their_coverage() {
        for b in [food_delivery_first(), food_delivery_revised()] {
            let a = analyze(&b);
            let f: Vec<&Finding> = a.findings().collect();
            assert!(f.is_empty(), "{}: {f:#?}", b.name);
            assert!(a.contexts.proposals.is_empty());
            assert!(a.derived_context_map.is_none());
            assert_eq!(a.coverage.len(), 1);
            assert!(serde_json::to_string(&a)
                .unwrap()
                .contains("\"status\":\"ok\""));
        }
        let first = analyze(&food_delivery_first());
        let fr: Vec<&str> = first.coverage[0]
            .not_ok()
            .into_iter()
            .filter(|i| i.starts_with("FR"))
            .collect();
        assert_eq!(fr, ["FR6", "FR8"]);
        assert!(analyze(&food_delivery_revised()).coverage[0]
            .not_ok()
            .is_empty());
    }

    #[test]
    fn without_frames_the_map_is_derived_from_proposed_contexts() {
        use crate::flow::Style;
        use crate::kind::StickyKind::*;
        use crate::sketch::Sketch;
        let mut s = Sketch::new("library");
        let m = s.add(Actor, "Member");
        let c = s.add(Command, "Return book");
        let g = s.add(Aggregate, "Loan");
        let e = s.add(DomainEvent, "Book returned");
        let p = s.add(Policy, "Offer to next reserver");
        let c2 = s.add(Command, "Notify reserver");
        let g2 = s.add(Aggregate, "Reservation");
        let e2 = s.add(DomainEvent, "Reserver notified");
        s.chain(&[&m, &c, &g, &e, &p, &c2, &g2, &e2]);
        let a = analyze(&s.finish());
        assert_eq!(a.contexts.proposals.len(), 2);
        let map = a.derived_context_map.expect("derived");
        let names: Vec<&str> = map.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Loan", "Reservation"]);
        assert_eq!(map.relations.len(), 1);
        let r = &map.relations[0];
        assert_eq!(
            (r.upstream.as_str(), r.downstream.as_str()),
            ("proposed:s0003", "proposed:s0007")
        );
        assert!(r.asynchronous && !r.synchronous);
        let edge = &map.edges[0];
        assert_eq!(
            (edge.from.as_str(), edge.to.as_str(), edge.style),
            ("s0004", "s0005", Style::PublishSubscribe)
        );
    }
}
