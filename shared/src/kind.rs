//! The ten kinds of sticky note of Event Storming, with their default colours and labels.

use serde::{Deserialize, Serialize};

/// What a sticky note stands for on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StickyKind {
    /// A business fact, past tense (orange).
    DomainEvent,
    /// A decision or input that changes state (sky blue).
    Command,
    /// A person or role issuing commands (pale yellow).
    Actor,
    /// A transactional cluster that handles commands and emits events (yellow).
    Aggregate,
    /// A reaction to events: "whenever X, then Y" (lilac).
    Policy,
    /// Data a user looks at to decide (green).
    ReadModel,
    /// A third-party or legacy system (pink).
    ExternalSystem,
    /// A question, risk or undecided point (purple).
    Hotspot,
    /// A screen or mock-up (white).
    Ui,
    /// A glossary entry of the ubiquitous language (light grey).
    Definition,
}

impl StickyKind {
    /// Every kind, in palette order.
    pub const ALL: [StickyKind; 10] = [
        StickyKind::DomainEvent,
        StickyKind::Command,
        StickyKind::Actor,
        StickyKind::Aggregate,
        StickyKind::Policy,
        StickyKind::ReadModel,
        StickyKind::ExternalSystem,
        StickyKind::Hotspot,
        StickyKind::Ui,
        StickyKind::Definition,
    ];

    /// The identifier stored in the board document and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            StickyKind::DomainEvent => "domain_event",
            StickyKind::Command => "command",
            StickyKind::Actor => "actor",
            StickyKind::Aggregate => "aggregate",
            StickyKind::Policy => "policy",
            StickyKind::ReadModel => "read_model",
            StickyKind::ExternalSystem => "external_system",
            StickyKind::Hotspot => "hotspot",
            StickyKind::Ui => "ui",
            StickyKind::Definition => "definition",
        }
    }

    /// Parses the identifier written by [`StickyKind::as_str`].
    pub fn parse(s: &str) -> Option<StickyKind> {
        StickyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Default fill colour (CSS hex), overridable per board through the legend.
    pub fn default_color(self) -> &'static str {
        match self {
            StickyKind::DomainEvent => "#ffa94d",
            StickyKind::Command => "#74c0fc",
            StickyKind::Actor => "#fff3bf",
            StickyKind::Aggregate => "#ffe066",
            StickyKind::Policy => "#d0bfff",
            StickyKind::ReadModel => "#8ce99a",
            StickyKind::ExternalSystem => "#faa2c1",
            StickyKind::Hotspot => "#b197fc",
            StickyKind::Ui => "#ffffff",
            StickyKind::Definition => "#dee2e6",
        }
    }

    /// English label shown in the palette and legend.
    pub fn label_en(self) -> &'static str {
        match self {
            StickyKind::DomainEvent => "Domain event",
            StickyKind::Command => "Command",
            StickyKind::Actor => "Actor",
            StickyKind::Aggregate => "Aggregate",
            StickyKind::Policy => "Policy",
            StickyKind::ReadModel => "Read model",
            StickyKind::ExternalSystem => "External system",
            StickyKind::Hotspot => "Hotspot",
            StickyKind::Ui => "UI",
            StickyKind::Definition => "Definition",
        }
    }

    /// Korean label shown in the palette and legend.
    pub fn label_ko(self) -> &'static str {
        match self {
            StickyKind::DomainEvent => "도메인 이벤트",
            StickyKind::Command => "커맨드",
            StickyKind::Actor => "액터",
            StickyKind::Aggregate => "애그리거트",
            StickyKind::Policy => "정책",
            StickyKind::ReadModel => "읽기모델",
            StickyKind::ExternalSystem => "외부시스템",
            StickyKind::Hotspot => "핫스폿",
            StickyKind::Ui => "사용자 인터페이스",
            StickyKind::Definition => "정의",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_round_trip_and_are_unique() {
        for k in StickyKind::ALL {
            assert_eq!(StickyKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        assert_eq!(StickyKind::parse("nope"), None);
        let mut colors: Vec<_> = StickyKind::ALL.iter().map(|k| k.default_color()).collect();
        colors.sort();
        colors.dedup();
        assert_eq!(colors.len(), 10, "every kind has its own default colour");
    }

    #[test]
    fn domain_event_is_orange_and_command_blue() {
        assert_eq!(StickyKind::DomainEvent.default_color(), "#ffa94d");
        assert_eq!(StickyKind::Command.default_color(), "#74c0fc");
    }
}
