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

impl Rule {
    /// Every rule.
    pub const ALL: [Rule; 24] = [
        Rule::EventNotPastTense,
        Rule::EventIsCommand,
        Rule::EventChangesNoState,
        Rule::EventTooTechnical,
        Rule::EventIsUi,
        Rule::DuplicateEvent,
        Rule::CommandUnhandled,
        Rule::PolicyWithoutTrigger,
        Rule::PolicyWithoutResult,
        Rule::AggregateWithoutEvents,
        Rule::ReadModelUnfed,
        Rule::LinkBreaksGrammar,
        Rule::LinkDangling,
        Rule::LinkBackwardInTime,
        Rule::EventOutOfOrderAroundPivotal,
        Rule::AggregateSplit,
        Rule::ContextWithoutAggregate,
        Rule::Unframed,
        Rule::SyncCallWithoutCircuitBreaker,
        Rule::SyncCycle,
        Rule::ConformistToLowerRank,
        Rule::SharedKernelOutsideCore,
        Rule::RelationContradicted,
        Rule::RelationDangling,
    ];

    /// What the rule checks, in a few words in `lang`: for a line that stands for findings
    /// of the rule, such as the analysis panel's "+ 70 more" of a big board.
    pub fn label(self, lang: Lang) -> &'static str {
        let (ko, en) = match self {
            Rule::EventNotPastTense => ("과거형이 아닌 이벤트", "event not in the past tense"),
            Rule::EventIsCommand => ("커맨드처럼 쓰인 이벤트", "event written as a command"),
            Rule::EventChangesNoState => {
                ("상태를 바꾸지 않는 이벤트", "event that changes no state")
            }
            Rule::EventTooTechnical => ("기술 용어로 쓰인 이벤트", "event in technical terms"),
            Rule::EventIsUi => ("UI 동작으로 쓰인 이벤트", "UI gesture written as an event"),
            Rule::DuplicateEvent => ("중복된 이벤트", "duplicate event"),
            Rule::CommandUnhandled => (
                "처리하는 애그리거트가 없는 커맨드",
                "command no aggregate handles",
            ),
            Rule::PolicyWithoutTrigger => {
                ("일으키는 이벤트가 없는 정책", "policy no event triggers")
            }
            Rule::PolicyWithoutResult => {
                ("커맨드를 내리지 않는 정책", "policy that issues no command")
            }
            Rule::AggregateWithoutEvents => (
                "이벤트를 내지 않는 애그리거트",
                "aggregate that emits no event",
            ),
            Rule::ReadModelUnfed => (
                "채우는 이벤트가 없는 리드 모델",
                "read model no event feeds",
            ),
            Rule::LinkBreaksGrammar => (
                "흐름의 문법을 어기는 연결",
                "link that breaks the flow's grammar",
            ),
            Rule::LinkDangling => ("없는 스티키로 가는 연결", "link to a missing sticky"),
            Rule::LinkBackwardInTime => ("시간을 거슬러 가는 연결", "link backwards in time"),
            Rule::EventOutOfOrderAroundPivotal => (
                "핵심 이벤트 경계의 반대편에 놓인 이벤트",
                "event on the wrong side of a pivotal event",
            ),
            Rule::AggregateSplit => (
                "여러 컨텍스트에 걸친 애그리거트",
                "aggregate split over contexts",
            ),
            Rule::ContextWithoutAggregate => {
                ("애그리거트가 없는 컨텍스트", "context without an aggregate")
            }
            Rule::Unframed => ("프레임 밖의 스티키", "stickies outside any frame"),
            Rule::SyncCallWithoutCircuitBreaker => (
                "서킷 브레이커 없는 동기 호출",
                "synchronous call without a circuit breaker",
            ),
            Rule::SyncCycle => ("동기 호출의 순환", "cycle of synchronous calls"),
            Rule::ConformistToLowerRank => (
                "하위 컨텍스트를 따르는 상위 컨텍스트",
                "conformist to a lower-ranked context",
            ),
            Rule::SharedKernelOutsideCore => {
                ("핵심 밖의 공유 커널", "shared kernel outside the core")
            }
            Rule::RelationContradicted => ("연결과 어긋나는 관계", "relation the links contradict"),
            Rule::RelationDangling => (
                "없는 프레임을 가리키는 관계",
                "relation naming a missing frame",
            ),
        };
        match lang {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_rule_has_its_own_words_in_both_languages() {
        let rules = Rule::ALL;
        assert_eq!(rules.iter().collect::<HashSet<_>>().len(), rules.len());
        for lang in [Lang::Ko, Lang::En] {
            let labels: HashSet<&str> = rules.iter().map(|r| r.label(lang)).collect();
            assert_eq!(labels.len(), rules.len(), "{lang:?}: two rules share words");
            assert!(labels.iter().all(|l| !l.trim().is_empty()));
        }
        let hangul = |s: &str| s.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
        assert!(rules
            .iter()
            .all(|r| hangul(r.label(Lang::Ko)) && !hangul(r.label(Lang::En))));
    }
}
