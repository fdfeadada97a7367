//! Requirement coverage: walks each functional requirement through the model (actor →
//! command → aggregate → event, or for "when X then Y" the event → policy → command → event
//! chain), from links the team set explicitly or by matching the requirement's clauses to
//! sticky text and then following the board's links; and checks each non-functional
//! requirement against link properties ([`nfr`]). Every verdict carries its [`Evidence`].

pub mod evidence;
mod functional;
mod graph;
mod index;
pub mod matching;
mod nfr;
mod sense;

pub use evidence::{Absent, Evidence, Found, Step};

use serde::{Deserialize, Serialize};

use crate::board::Board;
use crate::context_map::ContextMap;
use crate::contexts::membership;
use crate::finding::Message;
use crate::flow::Flow;
use crate::requirements::{Requirement, RequirementKind, RequirementSet};

/// How far the model covers a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The whole narration is in the model.
    Ok,
    /// Part of it is; `missing` says which step is not.
    Partial,
    /// Nothing of it is.
    Missing,
    /// A non-functional requirement with no design tactic to check.
    Unchecked,
}

/// The result for one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementCoverage {
    /// Requirement id.
    pub id: String,
    /// Functional or not.
    pub kind: RequirementKind,
    /// Status.
    pub status: Status,
    /// The stickies that narrate it, in flow order.
    pub stickies: Vec<String>,
    /// The links that satisfy a non-functional requirement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// What was found, or which step is missing.
    pub message: Message,
    /// The chain that narrates it, with the words each step carries, and the absent step.
    pub evidence: Evidence,
}

/// Coverage of a requirement set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// Set id.
    pub set: String,
    /// One result per requirement, in set order.
    pub requirements: Vec<RequirementCoverage>,
}

impl Coverage {
    /// The result of a requirement by id.
    pub fn get(&self, id: &str) -> Option<&RequirementCoverage> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// Ids of the requirements that are not ok.
    pub fn not_ok(&self) -> Vec<&str> {
        self.requirements
            .iter()
            .filter(|r| r.status != Status::Ok)
            .map(|r| r.id.as_str())
            .collect()
    }
}

/// Checks a requirement set against a board.
pub fn check(board: &Board, set: &RequirementSet) -> Coverage {
    let flow = Flow::new(board);
    let member = membership(board);
    let map = crate::context_map::build(&flow, &member);
    check_flow(&flow, &map, set)
}

/// [`check`] over an already indexed board and its context map.
pub fn check_flow(flow: &Flow, map: &ContextMap, set: &RequirementSet) -> Coverage {
    let glossary = matching::Glossary::of(flow);
    let index = matching::Index::new(flow);
    Coverage {
        set: set.id.clone(),
        requirements: set
            .requirements
            .iter()
            .map(|r| match r.kind {
                _ if r.too_long().is_some() => too_long(r),
                RequirementKind::Functional => functional::check(flow, &glossary, &index, r),
                RequirementKind::NonFunctional => nfr::check(flow, &index, map, r),
            })
            .collect(),
    }
}

/// A requirement longer than a requirement can be (only a board edited by other programs holds
/// one: uploads and typed sets refuse it) is not read.
fn too_long(r: &Requirement) -> RequirementCoverage {
    let n = crate::requirements::MAX_TEXT_CHARS;
    result(
        r,
        Status::Unchecked,
        Vec::new(),
        Message::new(
            format!("{n}자보다 길어 확인하지 않았습니다"),
            format!("not checked: longer than {n} characters"),
        ),
    )
}

fn result(
    r: &Requirement,
    status: Status,
    stickies: Vec<String>,
    message: Message,
) -> RequirementCoverage {
    RequirementCoverage {
        id: r.id.clone(),
        kind: r.kind,
        status,
        stickies,
        links: Vec::new(),
        message,
        evidence: Evidence::default(),
    }
}

/// The result of a functional requirement from its chain and absent step: ok without an
/// absent step, partial with a chain, missing without one.
fn functional_result(
    r: &Requirement,
    mut evidence: Evidence,
    absent: Option<Absent>,
) -> RequirementCoverage {
    let story = evidence
        .chain
        .iter()
        .map(|s| format!("'{}'", s.text))
        .collect::<Vec<_>>()
        .join(", ");
    let (status, message) = match &absent {
        None => (
            Status::Ok,
            Message::new(
                format!("모델에 있습니다: {story}"),
                format!("in the model: {story}"),
            ),
        ),
        Some(a) if evidence.chain.is_empty() => (Status::Missing, a.message.clone()),
        Some(a) => (Status::Partial, a.message.clone()),
    };
    evidence.absent = absent;
    RequirementCoverage {
        id: r.id.clone(),
        kind: r.kind,
        status,
        stickies: evidence.stickies(),
        links: Vec::new(),
        message,
        evidence,
    }
}

#[cfg(test)]
mod tests;
