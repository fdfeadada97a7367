//! The evidence behind a coverage verdict: the chain of stickies that narrates the requirement
//! (trigger event → policy → command → aggregate → event, or actor → command → aggregate →
//! event), with the requirement's words each step carries, and for a partial or missing
//! requirement the first step that is not in the model.

use serde::{Deserialize, Serialize};

use crate::finding::Message;
use crate::flow::Flow;
use crate::kind::StickyKind;

/// How a step of the chain was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Found {
    /// The team linked the sticky to the requirement.
    Linked,
    /// The sticky carries the requirement's words.
    Words,
    /// Reached along the board's links from the step before.
    Flow,
}

/// One step of the chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Sticky id.
    pub sticky: String,
    /// Its kind.
    pub kind: StickyKind,
    /// Its text.
    pub text: String,
    /// The requirement's words it carries, as written.
    pub matched: Vec<String>,
    /// How it was found.
    pub found: Found,
}

/// The first step the model lacks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Absent {
    /// Kind of the sticky that should be there.
    pub kind: StickyKind,
    /// The requirement's words it should carry (empty when any would do).
    pub wanted: Vec<String>,
    /// The sticky it should follow, when the chain got that far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// A sticky with the words that was refused because it says the opposite.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// Explanation.
    pub message: Message,
}

/// Chain and absent step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    /// The steps found, in flow order.
    pub chain: Vec<Step>,
    /// The first step not in the model (partial and missing only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absent: Option<Absent>,
}

impl Evidence {
    /// Sticky ids of the chain.
    pub fn stickies(&self) -> Vec<String> {
        self.chain.iter().map(|s| s.sticky.clone()).collect()
    }

    /// The chain as `kind 'text' [words] → …`, for reports.
    pub fn describe(&self, ko: bool) -> String {
        self.chain
            .iter()
            .map(|s| {
                let kind = if ko {
                    s.kind.label_ko()
                } else {
                    s.kind.label_en()
                };
                if s.matched.is_empty() {
                    format!("{kind} '{}'", s.text)
                } else {
                    format!("{kind} '{}' [{}]", s.text, s.matched.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

/// Builds a chain while walking the flow.
pub(super) struct Chain<'f, 'a> {
    flow: &'f Flow<'a>,
    pub(super) steps: Vec<Step>,
}

impl<'f, 'a> Chain<'f, 'a> {
    pub(super) fn new(flow: &'f Flow<'a>) -> Self {
        Chain {
            flow,
            steps: Vec::new(),
        }
    }

    /// Appends a step.
    pub(super) fn push(&mut self, i: usize, matched: Vec<String>, found: Found) {
        self.steps.push(self.step(i, matched, found));
    }

    /// Puts a step first.
    pub(super) fn prepend(&mut self, i: usize, matched: Vec<String>, found: Found) {
        let s = self.step(i, matched, found);
        self.steps.insert(0, s);
    }

    fn step(&self, i: usize, matched: Vec<String>, found: Found) -> Step {
        Step {
            sticky: self.flow.sticky(i).id.clone(),
            kind: self.flow.kind(i),
            text: self.flow.label(i).to_string(),
            matched,
            found,
        }
    }

    /// The last sticky id, for an absent step's `after`.
    pub(super) fn last(&self) -> Option<String> {
        self.steps.last().map(|s| s.sticky.clone())
    }
}
