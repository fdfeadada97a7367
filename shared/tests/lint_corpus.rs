//! Lint on event names nobody tuned it for (`tests/corpus/lint.tsv`, Korean, English and
//! mixed): the rules each name must get, the fix suggested, and — over the corpus and over
//! generated names, and over every sticky text of the coverage corpus read as an event — that a
//! suggestion keeps the user's words and casing and is never flagged again for the rule that
//! suggested it.

mod support;

use proptest::prelude::*;
use stormwall_model::finding::{Finding, Rule};
use stormwall_model::flow::Flow;
use stormwall_model::lint::lint;
use stormwall_model::sketch::Sketch;
use stormwall_model::StickyKind;

fn findings(name: &str) -> Vec<Finding> {
    let mut s = Sketch::new("lint");
    s.add(StickyKind::DomainEvent, name);
    let b = s.finish();
    lint(&Flow::new(&b))
}

fn ident(r: Rule) -> String {
    serde_json::to_value(r)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// The suggestion, if any, must not be flagged again by the rule that made it, and keeps
/// every word the user wrote with a capital as written.
fn suggestion_is_a_fixed_point(name: &str) -> Result<(), String> {
    for f in findings(name) {
        let Some(s) = &f.suggestion else { continue };
        if findings(s).iter().any(|g| g.rule == f.rule) {
            return Err(format!(
                "{name:?} → {s:?} is flagged again for {:?}",
                f.rule
            ));
        }
        for w in name.split_whitespace() {
            let capital = w.chars().next().is_some_and(|c| c.is_uppercase());
            if capital && w.len() > 1 && !s.contains(w) && !matches!(w, "The" | "A" | "An") {
                // The verb moves to a participle; every other capitalised word stays.
                let verb = name.split_whitespace().next() == Some(w);
                if !verb {
                    return Err(format!("{name:?} → {s:?} lost {w:?}"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn lint_corpus_rules_and_suggestions() {
    let src = include_str!("corpus/lint.tsv");
    let mut failures = Vec::new();
    let (mut ko, mut en) = (0, 0);
    for line in src
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, rules) = (cols[0], cols[1]);
        if name.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)) {
            ko += 1;
        } else {
            en += 1;
        }
        let got = findings(name);
        let mut got_rules: Vec<String> = got.iter().map(|f| ident(f.rule)).collect();
        got_rules.sort();
        let mut want: Vec<String> = if rules == "-" {
            Vec::new()
        } else {
            rules.split(',').map(|r| r.trim().to_string()).collect()
        };
        want.sort();
        if got_rules != want {
            failures.push(format!("{name:?}: rules {got_rules:?}, expected {want:?}"));
        }
        let suggestion = got.iter().find_map(|f| f.suggestion.clone());
        let want_s = cols.get(2).map(|s| s.to_string());
        if suggestion != want_s {
            failures.push(format!(
                "{name:?}: suggestion {suggestion:?}, expected {want_s:?}"
            ));
        }
        if let Err(e) = suggestion_is_a_fixed_point(name) {
            failures.push(e);
        }
    }
    assert!(ko >= 50 && en >= 50, "{ko} Korean and {en} English names");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

const KO_NOUNS: [&str; 8] = [
    "주문",
    "결제",
    "도서 반납",
    "이체",
    "좌석 예약",
    "택배",
    "회원 가입",
    "쿠폰 발행",
];
const KO_ENDINGS: [&str; 9] = [
    "",
    "하기",
    "한다",
    "된다",
    "하세요",
    "중",
    " 하기",
    "합니다",
    "할",
];
const EN_VERBS: [&str; 8] = [
    "Place", "cancel", "Ship", "refund", "Approve", "send", "Reserve", "assign",
];
const EN_OBJECTS: [&str; 6] = [
    "order",
    "the Booking",
    "a Table",
    "Payment",
    "the invoice",
    "Seat",
];
const EN_TAILS: [&str; 4] = ["", " to Customer", " for the guest", " via Email"];

proptest! {
    #[test]
    fn generated_suggestions_are_never_flagged_again(
        k in 0..KO_NOUNS.len(), e in 0..KO_ENDINGS.len(),
        v in 0..EN_VERBS.len(), o in 0..EN_OBJECTS.len(), t in 0..EN_TAILS.len(),
    ) {
        let korean = format!("{}{}", KO_NOUNS[k], KO_ENDINGS[e]);
        let english = format!("{} {}{}", EN_VERBS[v], EN_OBJECTS[o], EN_TAILS[t]);
        for name in [korean, english] {
            prop_assert!(suggestion_is_a_fixed_point(&name).is_ok(), "{:?}", suggestion_is_a_fixed_point(&name));
            prop_assert!(findings(&name).iter().any(|f| f.suggestion.is_some()), "{name:?} gets no fix");
        }
    }
}

#[test]
fn no_sticky_of_the_coverage_corpus_gets_a_suggestion_flagged_again() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "domain") {
            let d = support::parse(&std::fs::read_to_string(&path).unwrap());
            for chains in d.boards.values() {
                texts.extend(
                    chains
                        .iter()
                        .flat_map(|(_, c)| c.iter().map(|(_, t)| t.clone())),
                );
            }
            texts.extend(d.reqs.iter().map(|r| r.text.clone()));
        }
    }
    assert!(texts.len() > 500, "{} texts", texts.len());
    let failures: Vec<String> = texts
        .iter()
        .filter_map(|t| suggestion_is_a_fixed_point(t).err())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}
