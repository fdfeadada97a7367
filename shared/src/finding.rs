//! What analysis reports: a finding names its rule, how serious it is, the stickies (and links
//! or frames) it is about, a bilingual explanation and, when one is clear, a suggested fix.

use serde::{Deserialize, Serialize};

use crate::legend::Lang;

/// A text in Korean and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Korean.
    pub ko: String,
    /// English.
    pub en: String,
}

impl Message {
    /// Both languages. Korean particles written with both forms (`이(가)`) after a name
    /// settle on the one the name takes ([`crate::lang::grammar::settle_particles`]).
    pub fn new(ko: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            ko: crate::lang::grammar::settle_particles(&ko.into()),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko => &self.ko,
            Lang::En => &self.en,
        }
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The model is wrong.
    Error,
    /// Probably wrong or incomplete.
    Warning,
    /// Worth a look.
    Info,
}

/// Every rule analysis applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// An event not written in the past tense.
    EventNotPastTense,
    /// An event that is a command.
    EventIsCommand,
    /// An event that changes no state (query, look-up, search, screen shown).
    EventChangesNoState,
    /// An event named in technical terms.
    EventTooTechnical,
    /// A UI gesture written as an event.
    EventIsUi,
    /// Two events that say the same thing.
    DuplicateEvent,
    /// A command no aggregate handles.
    CommandUnhandled,
    /// A policy no event triggers.
    PolicyWithoutTrigger,
    /// A policy that issues no command.
    PolicyWithoutResult,
    /// An aggregate that emits no event.
    AggregateWithoutEvents,
    /// A read model no event feeds.
    ReadModelUnfed,
    /// A link that breaks the grammar of a flow.
    LinkBreaksGrammar,
    /// A link to a sticky that does not exist.
    LinkDangling,
    /// A causal link whose target lies wholly left of its source on a timeline.
    LinkBackwardInTime,
    /// An event on the wrong side of a pivotal event's boundary, given the links.
    EventOutOfOrderAroundPivotal,
    /// One aggregate split over two contexts, or its commands/events outside its context.
    AggregateSplit,
    /// A context with no aggregate.
    ContextWithoutAggregate,
    /// Stickies of the flow outside any frame.
    Unframed,
    /// A synchronous call from a core context into a lower-ranked one without circuit breaker.
    SyncCallWithoutCircuitBreaker,
    /// Contexts calling each other synchronously in a cycle.
    SyncCycle,
    /// A higher-ranked context conforming to a lower-ranked one.
    ConformistToLowerRank,
    /// A shared kernel involving a non-core context.
    SharedKernelOutsideCore,
    /// A declared relation the links contradict (separate ways with links, or links missing).
    RelationContradicted,
    /// A relation naming a frame that does not exist.
    RelationDangling,
}

/// One result of analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// How serious.
    pub severity: Severity,
    /// Stickies the finding is about.
    pub stickies: Vec<String>,
    /// Links it is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// Frames (contexts) it is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<String>,
    /// Why, in both languages.
    pub message: Message,
    /// A suggested replacement text or fix, when one is clear.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Finding {
    /// A finding about stickies.
    pub fn on_stickies(
        rule: Rule,
        severity: Severity,
        stickies: &[&str],
        message: Message,
    ) -> Finding {
        Finding {
            rule,
            severity,
            stickies: stickies.iter().map(|s| s.to_string()).collect(),
            links: Vec::new(),
            frames: Vec::new(),
            message,
            suggestion: None,
        }
    }

    /// Adds a suggestion.
    pub fn suggest(mut self, s: Option<String>) -> Finding {
        self.suggestion = s;
        self
    }

    /// Adds links.
    pub fn with_links(mut self, links: &[&str]) -> Finding {
        self.links = links.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Adds frames.
    pub fn with_frames(mut self, frames: &[&str]) -> Finding {
        self.frames = frames.iter().map(|s| s.to_string()).collect();
        self
    }
}
