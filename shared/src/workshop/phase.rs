//! The phases a facilitator walks a workshop through, from Brandolini's big picture to design
//! level: which sticky kinds each phase leads with, which analysis checks matter in it, and the
//! short hint that tells participants what to do now (Korean and English).

use serde::{Deserialize, Serialize};

use crate::finding::Rule;
use crate::kind::StickyKind;
use crate::legend::Lang;

/// One phase of an Event Storming workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Big picture: everyone writes domain events, no discussion yet.
    ChaoticExploration,
    /// Big picture: events are put in order on the timeline, duplicates removed.
    EnforceTimeline,
    /// Big picture: the people and external systems around the events.
    PeopleAndSystems,
    /// Big picture: hotspots for problems, questions and opportunities.
    ProblemsAndOpportunities,
    /// Design level: commands, policies, actors and read models explain each event.
    CommandsAndPolicies,
    /// Design level: aggregates group the commands and events of one transaction.
    Aggregates,
    /// Design level: aggregates grouped into bounded contexts.
    BoundedContexts,
    /// Design level: how the contexts talk (sync or async, patterns).
    ContextMapping,
    /// Design level: walk every requirement through the model.
    RequirementCoverage,
}

impl Phase {
    /// Every phase in workshop order.
    pub const ALL: [Phase; 9] = [
        Phase::ChaoticExploration,
        Phase::EnforceTimeline,
        Phase::PeopleAndSystems,
        Phase::ProblemsAndOpportunities,
        Phase::CommandsAndPolicies,
        Phase::Aggregates,
        Phase::BoundedContexts,
        Phase::ContextMapping,
        Phase::RequirementCoverage,
    ];

    /// The phase's identifier on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::ChaoticExploration => "chaotic_exploration",
            Phase::EnforceTimeline => "enforce_timeline",
            Phase::PeopleAndSystems => "people_and_systems",
            Phase::ProblemsAndOpportunities => "problems_and_opportunities",
            Phase::CommandsAndPolicies => "commands_and_policies",
            Phase::Aggregates => "aggregates",
            Phase::BoundedContexts => "bounded_contexts",
            Phase::ContextMapping => "context_mapping",
            Phase::RequirementCoverage => "requirement_coverage",
        }
    }

    /// The phase named `s`.
    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Its position in [`Phase::ALL`], from 0.
    pub fn index(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The phase after this one, if any.
    pub fn next(self) -> Option<Phase> {
        Phase::ALL.get(self.index() + 1).copied()
    }

    /// The phase before this one, if any.
    pub fn previous(self) -> Option<Phase> {
        self.index().checked_sub(1).map(|i| Phase::ALL[i])
    }

    /// The sticky kinds this phase is about, most important first.
    pub fn kinds(self) -> &'static [StickyKind] {
        use StickyKind as K;
        match self {
            Phase::ChaoticExploration | Phase::EnforceTimeline => &[K::DomainEvent, K::Hotspot],
            Phase::PeopleAndSystems => &[K::Actor, K::ExternalSystem, K::DomainEvent],
            Phase::ProblemsAndOpportunities => &[K::Hotspot],
            Phase::CommandsAndPolicies => &[K::Command, K::Policy, K::Actor, K::ReadModel, K::Ui],
            Phase::Aggregates => &[K::Aggregate, K::Command, K::DomainEvent],
            Phase::BoundedContexts => &[K::Aggregate, K::Definition],
            Phase::ContextMapping => &[K::Policy, K::ExternalSystem],
            Phase::RequirementCoverage => &[K::ReadModel, K::Ui, K::Hotspot],
        }
    }

    /// Every kind with this phase's kinds first, the rest in palette order.
    pub fn palette(self) -> Vec<StickyKind> {
        let lead = self.kinds();
        lead.iter()
            .copied()
            .chain(StickyKind::ALL.into_iter().filter(|k| !lead.contains(k)))
            .collect()
    }

    /// The analysis checks that matter in this phase.
    pub fn checks(self) -> &'static [Rule] {
        use Rule as R;
        match self {
            Phase::ChaoticExploration => &[],
            Phase::EnforceTimeline => &[
                R::EventNotPastTense,
                R::EventIsCommand,
                R::EventChangesNoState,
                R::EventTooTechnical,
                R::EventIsUi,
                R::DuplicateEvent,
            ],
            Phase::PeopleAndSystems | Phase::ProblemsAndOpportunities => {
                &[R::DuplicateEvent, R::EventIsCommand]
            }
            Phase::CommandsAndPolicies => &[
                R::PolicyWithoutTrigger,
                R::PolicyWithoutResult,
                R::ReadModelUnfed,
                R::LinkBreaksGrammar,
                R::LinkDangling,
            ],
            Phase::Aggregates => &[
                R::CommandUnhandled,
                R::AggregateWithoutEvents,
                R::LinkBreaksGrammar,
            ],
            Phase::BoundedContexts => &[R::AggregateSplit, R::ContextWithoutAggregate, R::Unframed],
            Phase::ContextMapping => &[
                R::SyncCallWithoutCircuitBreaker,
                R::SyncCycle,
                R::ConformistToLowerRank,
                R::SharedKernelOutsideCore,
                R::RelationContradicted,
                R::RelationDangling,
            ],
            Phase::RequirementCoverage => &[],
        }
    }

    /// Whether the analysis should show findings of `rule` first in this phase.
    pub fn matters(self, rule: Rule) -> bool {
        self.checks().contains(&rule)
    }

    /// The phase's name.
    pub fn title(self, lang: Lang) -> &'static str {
        let (ko, en) = match self {
            Phase::ChaoticExploration => ("혼돈의 탐색", "Chaotic exploration"),
            Phase::EnforceTimeline => ("타임라인 정리", "Enforce the timeline"),
            Phase::PeopleAndSystems => ("사람과 시스템", "People and systems"),
            Phase::ProblemsAndOpportunities => ("문제와 기회", "Problems and opportunities"),
            Phase::CommandsAndPolicies => ("커맨드와 정책", "Commands and policies"),
            Phase::Aggregates => ("애그리거트", "Aggregates"),
            Phase::BoundedContexts => ("바운디드 컨텍스트", "Bounded contexts"),
            Phase::ContextMapping => ("컨텍스트 매핑", "Context mapping"),
            Phase::RequirementCoverage => ("요구사항 검증", "Requirement coverage"),
        };
        match lang {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }

    /// What participants should do now, in one sentence.
    pub fn hint(self, lang: Lang) -> &'static str {
        let (ko, en) = match self {
            Phase::ChaoticExploration => (
                "업무에서 일어나는 일을 과거형 도메인 이벤트로 각자 적어 붙이세요. 아직 토론하지 않습니다.",
                "Write every business event you know as a past-tense domain event. No discussion yet.",
            ),
            Phase::EnforceTimeline => (
                "이벤트를 왼쪽에서 오른쪽으로 시간 순서대로 놓고, 중복은 합치세요.",
                "Put the events in time order, left to right, and merge duplicates.",
            ),
            Phase::PeopleAndSystems => (
                "이벤트 곁에 관련된 액터와 외부시스템을 붙이세요.",
                "Add the actors and external systems involved next to the events.",
            ),
            Phase::ProblemsAndOpportunities => (
                "문제, 질문, 기회가 보이는 곳에 핫스폿을 붙이세요.",
                "Put a hotspot wherever you see a problem, a question or an opportunity.",
            ),
            Phase::CommandsAndPolicies => (
                "각 이벤트를 일으키는 커맨드와 액터, 이어지는 정책과 읽기모델을 붙이세요.",
                "Add the command and actor behind each event, and the policies and read models that follow.",
            ),
            Phase::Aggregates => (
                "한 트랜잭션에서 커맨드를 처리하고 이벤트를 내는 애그리거트를 찾아 붙이세요.",
                "Find the aggregate that handles each command and emits its events in one transaction.",
            ),
            Phase::BoundedContexts => (
                "애그리거트를 바운디드 컨텍스트 프레임으로 묶으세요.",
                "Group the aggregates into bounded-context frames.",
            ),
            Phase::ContextMapping => (
                "컨텍스트 사이의 링크가 동기인지 비동기인지 정하고 관계를 선언하세요.",
                "Decide which links between contexts are synchronous or asynchronous and declare the relations.",
            ),
            Phase::RequirementCoverage => (
                "요구사항마다 모델을 따라가며 빠진 단계가 없는지 확인하세요.",
                "Walk each requirement through the model and look for missing steps.",
            ),
        };
        match lang {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_phases_are_ordered() {
        for p in Phase::ALL {
            assert_eq!(Phase::parse(p.as_str()), Some(p));
            assert!(!p.hint(Lang::Ko).is_empty() && !p.hint(Lang::En).is_empty());
        }
        assert_eq!(Phase::ChaoticExploration.previous(), None);
        assert_eq!(
            Phase::ChaoticExploration.next(),
            Some(Phase::EnforceTimeline)
        );
        assert_eq!(Phase::RequirementCoverage.next(), None);
        assert_eq!(Phase::parse("nope"), None);
    }

    #[test]
    fn the_palette_leads_with_the_phase_kinds_and_keeps_every_kind() {
        for p in Phase::ALL {
            let palette = p.palette();
            assert_eq!(palette.len(), StickyKind::ALL.len(), "{p:?}");
            assert_eq!(&palette[..p.kinds().len()], p.kinds());
            for k in StickyKind::ALL {
                assert!(palette.contains(&k));
            }
        }
        assert_eq!(Phase::Aggregates.palette()[0], StickyKind::Aggregate);
        assert_eq!(Phase::PeopleAndSystems.palette()[0], StickyKind::Actor);
    }

    #[test]
    fn checks_follow_the_phase() {
        assert!(Phase::EnforceTimeline.matters(Rule::EventNotPastTense));
        assert!(!Phase::EnforceTimeline.matters(Rule::SyncCycle));
        assert!(Phase::ContextMapping.matters(Rule::SyncCycle));
    }
}
