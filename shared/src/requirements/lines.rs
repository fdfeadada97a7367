//! Requirement sets typed as text, one requirement a line — `FR1: 고객은 주문을 취소할 수 있다`
//! or `NFR2 [performance]: …` — read into a [`RequirementSet`] with every bad line reported by
//! its number, in Korean and English; and ids for new sets that do not clash with a board's.

use std::collections::HashMap;

use super::{
    Category, Requirement, RequirementKind, RequirementSet, MAX_REQUIREMENTS, MAX_TEXT_CHARS,
};
use crate::finding::Message;

/// What is wrong with a typed set: its name, or one line of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line of the text; `None` for the name or the text as a whole.
    pub line: Option<usize>,
    /// Whether the problem is the set's name (else its text).
    pub name: bool,
    /// What is wrong, in both languages.
    pub message: Message,
}

impl LineError {
    fn at(line: usize, ko: String, en: String) -> LineError {
        LineError {
            line: Some(line),
            name: false,
            message: Message::new(ko, en),
        }
    }

    /// The problem in `lang`, led by its line number.
    pub fn describe(&self, lang: crate::Lang) -> String {
        let msg = self.message.get(lang);
        match (self.line, lang) {
            (Some(n), crate::Lang::Ko) => format!("{n}행: {msg}"),
            (Some(n), crate::Lang::En) => format!("line {n}: {msg}"),
            (None, _) => msg.to_string(),
        }
    }
}

impl Category {
    /// A category as a team types it: its JSON name (`fault_isolation`, spaces or hyphens
    /// allowed, any case) or its Korean name (`장애격리`).
    pub fn parse(s: &str) -> Option<Category> {
        let key: String = s
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        Some(match key.as_str() {
            "transaction" | "트랜잭션" => Category::Transaction,
            "fault_isolation" | "장애격리" | "장애_격리" => Category::FaultIsolation,
            "performance" | "성능" => Category::Performance,
            "availability" | "가용성" => Category::Availability,
            "security" | "보안" => Category::Security,
            "other" | "기타" => Category::Other,
            _ => return None,
        })
    }
}

const CATEGORIES: &str = "transaction, fault_isolation, performance, availability, security, other";
const CATEGORIES_KO: &str = "트랜잭션, 장애격리, 성능, 가용성, 보안, 기타";

/// One line read: `ID [category]: text`. Blank lines and `#` comments are `Ok(None)`.
fn parse_line(n: usize, line: &str) -> Result<Option<Requirement>, LineError> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    // A full-width colon is what a Korean keyboard layout often gives.
    let Some((head, text)) = line.split_once([':', '：']) else {
        return Err(LineError::at(
            n,
            "`ID: 요구사항` 형식이어야 합니다 (예: `FR1: 고객은 주문을 취소할 수 있다`)".into(),
            "expected `ID: requirement` (e.g. `FR1: Customer can cancel the order`)".into(),
        ));
    };
    let (id, category) = match head.split_once('[') {
        Some((id, rest)) => {
            let Some(name) = rest.trim().strip_suffix(']') else {
                return Err(LineError::at(
                    n,
                    "분류를 `]`로 닫아야 합니다 (예: `NFR1 [성능]: …`)".into(),
                    "close the category with `]` (e.g. `NFR1 [performance]: …`)".into(),
                ));
            };
            let Some(c) = Category::parse(name) else {
                return Err(LineError::at(
                    n,
                    format!("알 수 없는 분류 [{}]: {CATEGORIES_KO} 중 하나", name.trim()),
                    format!("unknown category [{}]: use {CATEGORIES}", name.trim()),
                ));
            };
            (id.trim(), Some(c))
        }
        None => (head.trim(), None),
    };
    if id.is_empty() || id.contains(char::is_whitespace) {
        return Err(LineError::at(
            n,
            format!("ID가 없거나 공백이 있습니다: `{id}`"),
            format!("the id is missing or has spaces: `{id}`"),
        ));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(LineError::at(
            n,
            format!("{id}의 요구사항 내용이 비어 있습니다"),
            format!("{id} has no requirement text"),
        ));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(LineError::at(
            n,
            format!("{id}의 요구사항이 {MAX_TEXT_CHARS}자보다 깁니다"),
            format!("{id} is longer than {MAX_TEXT_CHARS} characters"),
        ));
    }
    let non_functional = category.is_some() || id.to_uppercase().starts_with("NFR");
    Ok(Some(Requirement {
        id: id.to_string(),
        text: text.to_string(),
        kind: if non_functional {
            RequirementKind::NonFunctional
        } else {
            RequirementKind::Functional
        },
        category,
        ..Requirement::default()
    }))
}

impl RequirementSet {
    /// Reads a set typed as `name` and text with one requirement a line; its id is made from
    /// the name and differs from every id in `taken`. Every problem is returned, each bad line
    /// with its number.
    pub fn from_lines(
        name: &str,
        text: &str,
        taken: &[&str],
    ) -> Result<RequirementSet, Vec<LineError>> {
        let mut errors = Vec::new();
        let name = name.trim();
        if name.is_empty() {
            errors.push(LineError {
                line: None,
                name: true,
                message: Message::new("세트 이름을 입력하세요", "give the set a name"),
            });
        }
        let mut requirements: Vec<Requirement> = Vec::new();
        let mut lines_of: HashMap<String, usize> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            match parse_line(n, line) {
                Ok(Some(r)) => match lines_of.get(&r.id) {
                    Some(first) => errors.push(LineError::at(
                        n,
                        format!("ID {}은(는) {first}행에서 이미 썼습니다", r.id),
                        format!("id {} is already used on line {first}", r.id),
                    )),
                    None if requirements.len() == MAX_REQUIREMENTS => {
                        errors.push(LineError::at(
                            n,
                            format!("한 세트에는 요구사항을 {MAX_REQUIREMENTS}개까지 둡니다"),
                            format!("a set holds at most {MAX_REQUIREMENTS} requirements"),
                        ));
                        break;
                    }
                    None => {
                        lines_of.insert(r.id.clone(), n);
                        requirements.push(r);
                    }
                },
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        if requirements.is_empty() && errors.iter().all(|e| e.name) {
            errors.push(LineError {
                line: None,
                name: false,
                message: Message::new(
                    "요구사항을 한 줄에 하나씩 입력하세요",
                    "type one requirement a line",
                ),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(RequirementSet {
            id: unique_set_id(name, taken),
            name: name.to_string(),
            requirements,
        })
    }
}

/// An id for a set named `name`: its letters and digits (Hangul kept) joined by `-`, with a
/// number added when `taken` already has it.
pub fn unique_set_id(name: &str, taken: &[&str]) -> String {
    let slug = name
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if slug.is_empty() {
        "set".to_string()
    } else {
        slug
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id.as_str()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn korean_and_english_lines_read_with_their_categories() {
        let text = "FR1: 고객은 주문을 취소할 수 있다\n\n# 품질\nNFR2 [performance]: Orders show within a second\nNFR3 [장애격리]：상점이 멈춰도 주문을 받는다\nR4: Customer pays";
        let set = RequirementSet::from_lines("  배달 요구사항 ", text, &[]).unwrap();
        assert_eq!(set.id, "배달-요구사항");
        assert_eq!(set.name, "배달 요구사항");
        let ids: Vec<_> = set.requirements.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["FR1", "NFR2", "NFR3", "R4"]);
        let r = &set.requirements;
        assert_eq!(r[0].text, "고객은 주문을 취소할 수 있다");
        assert_eq!(r[0].kind, RequirementKind::Functional);
        assert_eq!(r[1].category, Some(Category::Performance));
        assert_eq!(r[1].kind, RequirementKind::NonFunctional);
        assert_eq!(r[2].category, Some(Category::FaultIsolation));
        assert_eq!(r[2].text, "상점이 멈춰도 주문을 받는다");
        assert_eq!(r[3].kind, RequirementKind::Functional);
        // What is typed is what an upload would hold.
        assert_eq!(RequirementSet::from_json(&set.to_json()).unwrap(), set);
    }

    #[test]
    fn an_nfr_id_alone_makes_a_non_functional_requirement() {
        let set = RequirementSet::from_lines("Q", "nfr1: Stay up", &[]).unwrap();
        assert_eq!(set.requirements[0].kind, RequirementKind::NonFunctional);
        assert_eq!(set.requirements[0].category, None);
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number() {
        let text = "FR1: 주문한다\n그냥 문장\nFR1: again\nNFR2 [speed]: fast\nFR 3: spaced\nFR4:\nNFR5 [성능: open";
        let errors = RequirementSet::from_lines("Shop", text, &[]).unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7].map(Some));
        assert_eq!(
            errors[0].describe(Lang::En),
            "line 2: expected `ID: requirement` (e.g. `FR1: Customer can cancel the order`)"
        );
        assert!(errors[0].describe(Lang::Ko).starts_with("2행: "));
        assert_eq!(
            errors[1].describe(Lang::En),
            "line 3: id FR1 is already used on line 1"
        );
        assert!(errors[2].message.en.contains("[speed]"), "{:?}", errors[2]);
        assert!(errors.iter().all(|e| !e.name));
    }

    #[test]
    fn a_name_and_at_least_one_requirement_are_needed() {
        let errors = RequirementSet::from_lines(" ", "# only a comment\n", &[]).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].name && errors[0].line.is_none());
        assert_eq!(errors[1].describe(Lang::En), "type one requirement a line");
        let errors = RequirementSet::from_lines("", "FR1: ok", &[]).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].describe(Lang::Ko), "세트 이름을 입력하세요");
    }

    #[test]
    fn set_ids_do_not_clash_with_the_boards() {
        assert_eq!(unique_set_id("Shop — v2", &[]), "shop-v2");
        assert_eq!(unique_set_id("!!", &[]), "set");
        assert_eq!(unique_set_id("Shop", &["shop", "shop-2"]), "shop-3");
        let set =
            RequirementSet::from_lines("Food delivery", "FR1: x", &["food-delivery"]).unwrap();
        assert_eq!(set.id, "food-delivery-2");
    }

    #[test]
    fn categories_read_in_either_language() {
        assert_eq!(
            Category::parse("Fault isolation"),
            Some(Category::FaultIsolation)
        );
        assert_eq!(Category::parse(" 보안 "), Some(Category::Security));
        assert_eq!(Category::parse("fast"), None);
    }
}
