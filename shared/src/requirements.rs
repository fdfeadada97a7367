//! Requirement sets: functional and non-functional requirements a board is checked against,
//! their JSON form (so teams can upload their own sets), the built-in food-delivery set, and
//! (in [`lines`]) sets typed as text, one requirement a line.

use serde::{Deserialize, Serialize};

pub mod lines;

pub use lines::{unique_set_id, LineError};

/// Longest requirement text (and its translation, and all its scope terms together), in
/// characters: a requirement is a sentence or two, and the analysis reads each one per change.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// Most requirements in one set.
pub const MAX_REQUIREMENTS: usize = 1_000;

/// A named list of requirements.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementSet {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The requirements, in the order the team wrote them.
    #[serde(default)]
    pub requirements: Vec<Requirement>,
}

/// Whether a requirement describes behaviour or a quality.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    /// What the system does: walked through the model's flow.
    #[default]
    Functional,
    /// A quality: checked against link properties.
    NonFunctional,
}

/// Category of a non-functional requirement, as the team states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 트랜잭션: data must stay consistent across a step.
    Transaction,
    /// 장애격리: a failure in one part must not stop another.
    FaultIsolation,
    /// 성능: response time, load.
    Performance,
    /// 가용성.
    Availability,
    /// 보안.
    Security,
    /// Anything else.
    Other,
}

/// The design answer that satisfies a non-functional requirement, checked on the links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tactic {
    /// A synchronous request/response call between the contexts in scope.
    SyncCall,
    /// Asynchronous publish/subscribe between the contexts in scope, and no synchronous call.
    AsyncLink,
    /// A synchronous call protected by a circuit breaker.
    CircuitBreaker,
    /// A read model fed by events of another context (CQRS view).
    CqrsView,
    /// A policy reacting to the events in scope (event-driven reaction, e.g. notifications).
    EventDrivenReaction,
}

impl Category {
    /// The usual design answer for the category, used when a requirement names no tactic.
    pub fn default_tactic(self) -> Option<Tactic> {
        match self {
            Category::Transaction => Some(Tactic::SyncCall),
            Category::FaultIsolation | Category::Availability => Some(Tactic::AsyncLink),
            Category::Performance => Some(Tactic::CqrsView),
            Category::Security | Category::Other => None,
        }
    }
}

/// One requirement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Identifier within the set ("FR1", "NFR3").
    pub id: String,
    /// The requirement as written, in any language.
    pub text: String,
    /// An optional translation shown next to it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_en: String,
    /// Functional or non-functional.
    #[serde(default)]
    pub kind: RequirementKind,
    /// Category of a non-functional requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Design answer to check; defaults to the category's usual one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tactic: Option<Tactic>,
    /// Terms naming what the requirement is about (e.g. `["주문", "결제"]`); when empty, the
    /// terms are taken from the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
    /// Stickies the team linked to this requirement explicitly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stickies: Vec<String>,
}

impl Requirement {
    /// The field longer than [`MAX_TEXT_CHARS`] (`text`, `text_en`, `scope`), if any.
    pub fn too_long(&self) -> Option<&'static str> {
        let over = |s: &str| s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS;
        let scope: usize = self.scope.iter().map(|s| s.chars().count()).sum();
        if over(&self.text) {
            Some("text")
        } else if over(&self.text_en) {
            Some("text_en")
        } else if scope > MAX_TEXT_CHARS {
            Some("scope")
        } else {
            None
        }
    }

    /// A functional requirement.
    pub fn functional(id: &str, text: &str, text_en: &str) -> Requirement {
        Requirement {
            id: id.into(),
            text: text.into(),
            text_en: text_en.into(),
            ..Requirement::default()
        }
    }

    /// A non-functional requirement with its category, tactic and scope terms.
    pub fn non_functional(
        id: &str,
        text: &str,
        text_en: &str,
        category: Category,
        tactic: Tactic,
        scope: &[&str],
    ) -> Requirement {
        Requirement {
            id: id.into(),
            text: text.into(),
            text_en: text_en.into(),
            kind: RequirementKind::NonFunctional,
            category: Some(category),
            tactic: Some(tactic),
            scope: scope.iter().map(|s| s.to_string()).collect(),
            stickies: Vec::new(),
        }
    }

    /// The tactic to check: the explicit one, else the category's default.
    pub fn effective_tactic(&self) -> Option<Tactic> {
        self.tactic
            .or_else(|| self.category.and_then(Category::default_tactic))
    }
}

/// Why a requirement set could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct SetError {
    /// JSON path of the offending value.
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

impl RequirementSet {
    /// Pretty JSON of the set.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("requirement sets always serialize")
    }

    /// Reads a set uploaded as JSON; rejects unknown fields, empty or duplicate ids.
    pub fn from_json(json: &str) -> Result<RequirementSet, SetError> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let set: RequirementSet = serde_path_to_error::deserialize(de).map_err(|e| SetError {
            path: crate::import::json_path(e.path()),
            reason: e.inner().to_string(),
        })?;
        set.validate("$")?;
        Ok(set)
    }

    /// Checks ids and sizes: the set's id is non-empty, requirement ids are non-empty and
    /// unique, at most [`MAX_REQUIREMENTS`] requirements of at most [`MAX_TEXT_CHARS`] each.
    pub fn validate(&self, at: &str) -> Result<(), SetError> {
        if self.id.is_empty() {
            return Err(SetError {
                path: format!("{at}.id"),
                reason: "must not be empty".into(),
            });
        }
        if self.requirements.len() > MAX_REQUIREMENTS {
            return Err(SetError {
                path: format!("{at}.requirements"),
                reason: format!(
                    "{} requirements; a set holds at most {MAX_REQUIREMENTS}",
                    self.requirements.len()
                ),
            });
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, r) in self.requirements.iter().enumerate() {
            if let Some(field) = r.too_long() {
                return Err(SetError {
                    path: format!("{at}.requirements[{i}].{field}"),
                    reason: format!("longer than {MAX_TEXT_CHARS} characters"),
                });
            }
            let path = format!("{at}.requirements[{i}].id");
            if r.id.is_empty() {
                return Err(SetError {
                    path,
                    reason: "must not be empty".into(),
                });
            }
            if !seen.insert(r.id.as_str()) {
                return Err(SetError {
                    path,
                    reason: format!("duplicate requirement id {:?}", r.id),
                });
            }
        }
        Ok(())
    }
}

/// The sets a board's coverage is checked against: its own, or the food-delivery set when it
/// has none.
pub fn checked_sets(board: &crate::board::Board) -> Vec<RequirementSet> {
    if board.requirements.is_empty() {
        vec![food_delivery()]
    } else {
        board.requirements.clone()
    }
}

/// The food-delivery requirement set of the workshop material, built in.
pub fn food_delivery() -> RequirementSet {
    use Category::*;
    use Tactic::*;
    let f = Requirement::functional;
    let n = Requirement::non_functional;
    RequirementSet {
        id: "food-delivery".into(),
        name: "음식 배달 (Food delivery)".into(),
        requirements: vec![
            f("FR1", "고객이 메뉴를 선택하여 주문한다", "Customer picks a menu and orders"),
            f("FR2", "고객이 결제한다", "Customer pays"),
            f(
                "FR3",
                "주문이 되면 주문 내역이 입점상점주인에게 전달된다",
                "Once ordered, the order is passed to the store owner",
            ),
            f(
                "FR4",
                "상점주인이 확인하여 요리해서 배달 출발한다",
                "The store owner confirms, cooks and starts delivery",
            ),
            f("FR5", "고객이 주문을 취소할 수 있다", "Customer can cancel the order"),
            f(
                "FR6",
                "주문이 취소되면 배달이 취소된다",
                "When an order is cancelled the delivery is cancelled",
            ),
            f(
                "FR7",
                "고객이 주문상태를 중간중간 조회한다",
                "Customer checks the order status from time to time",
            ),
            f(
                "FR8",
                "주문상태가 바뀔 때 마다 카톡으로 알림을 보낸다",
                "Every order status change sends a KakaoTalk message",
            ),
            n(
                "NFR1",
                "결제가 되지 않은 주문건은 아예 거래가 성립되지 않아야 한다",
                "An order that is not paid must not be accepted at all",
                Transaction,
                SyncCall,
                &["주문", "결제"],
            ),
            n(
                "NFR2",
                "상점관리 기능이 수행되지 않더라도 주문은 365일 24시간 받을 수 있어야 한다",
                "Orders are taken 24/7 even when store management is down",
                FaultIsolation,
                AsyncLink,
                &["주문", "상점"],
            ),
            n(
                "NFR3",
                "결제시스템이 과중되면 사용자를 잠시동안 받지 않고 결제를 잠시후에 하도록 유도한다",
                "When payment is overloaded, hold users off and have them pay a little later",
                FaultIsolation,
                CircuitBreaker,
                &["주문", "결제"],
            ),
            n(
                "NFR4",
                "고객이 자주 상점관리에서 확인할 수 있는 배달상태를 주문시스템(프론트엔드)에서 확인할 수 있어야 한다",
                "Customers see the delivery status kept by store management in the ordering front end",
                Performance,
                CqrsView,
                &["배달", "주문"],
            ),
            n(
                "NFR5",
                "배달상태가 바뀔때마다 카톡 등으로 알림을 줄 수 있어야 한다",
                "Every delivery status change can send a KakaoTalk (or similar) notification",
                Performance,
                EventDrivenReaction,
                &["배달", "알림"],
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn food_delivery_round_trips_through_json() {
        let set = food_delivery();
        assert_eq!(set.requirements.len(), 13);
        let back = RequirementSet::from_json(&set.to_json()).unwrap();
        assert_eq!(back, set);
    }

    #[test]
    fn uploads_are_validated_with_a_path() {
        let e = RequirementSet::from_json(
            r#"{"id":"x","requirements":[{"id":"a","text":"t"},{"id":"a","text":"u"}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.path, "$.requirements[1].id");
        let e = RequirementSet::from_json(
            r#"{"id":"x","requirements":[{"id":"a","text":"t","kind":"nope"}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.path, "$.requirements[0].kind");
        let e = RequirementSet::from_json(r#"{"id":"x","requirements":[{"id":"a"}]}"#).unwrap_err();
        assert!(e.reason.contains("text"), "{e}");
    }

    #[test]
    fn oversized_requirements_are_refused_where_they_come_in() {
        let long = "주".repeat(MAX_TEXT_CHARS + 1);
        let ok = "주".repeat(MAX_TEXT_CHARS);
        let json = |t: &str| format!(r#"{{"id":"x","requirements":[{{"id":"a","text":"{t}"}}]}}"#);
        assert!(RequirementSet::from_json(&json(&ok)).is_ok());
        let e = RequirementSet::from_json(&json(&long)).unwrap_err();
        assert_eq!(e.path, "$.requirements[0].text");
        assert!(e.reason.contains("2000"), "{}", e.reason);
        let many = RequirementSet {
            id: "x".into(),
            requirements: (0..=MAX_REQUIREMENTS)
                .map(|i| Requirement::functional(&format!("R{i}"), "t", ""))
                .collect(),
            ..RequirementSet::default()
        };
        assert_eq!(many.validate("$").unwrap_err().path, "$.requirements");
        // Typed one a line: the long line is reported by its number.
        let e = RequirementSet::from_lines("s", &format!("R1: ok\nR2: {long}"), &[]).unwrap_err();
        assert_eq!(e[0].line, Some(2));
        let lines: String = (0..=MAX_REQUIREMENTS)
            .map(|i| format!("R{i}: t\n"))
            .collect();
        let e = RequirementSet::from_lines("s", &lines, &[]).unwrap_err();
        assert_eq!(e[0].line, Some(MAX_REQUIREMENTS + 1));
        // A board edited by other programs may hold one: coverage leaves it unchecked.
        let set = RequirementSet {
            id: "x".into(),
            requirements: vec![Requirement::functional("a", &long, "")],
            ..RequirementSet::default()
        };
        let c = crate::coverage::check(&crate::reference::food_delivery_revised(), &set);
        assert_eq!(c.requirements[0].status, crate::coverage::Status::Unchecked);
    }

    #[test]
    fn english_sets_read_too() {
        let set = RequirementSet::from_json(
            r#"{"id":"shop","name":"Shop","requirements":[
                {"id":"R1","text":"The customer places an order"},
                {"id":"Q1","text":"Payment must hold","kind":"non_functional","category":"transaction","scope":["order","payment"]}]}"#,
        )
        .unwrap();
        assert_eq!(
            set.requirements[1].effective_tactic(),
            Some(Tactic::SyncCall)
        );
    }
}
