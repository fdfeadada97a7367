//! The coverage section of the report: per requirement set a summary line, then every
//! requirement with its status, its text, the evidence chain (the words each step carries)
//! and, when it is not ok, the step that is absent and why.

use std::fmt::Write;

use stormwall_model::coverage::{Coverage, RequirementCoverage, Status};
use stormwall_model::{Lang, RequirementSet};

use super::{pad, t};

fn status(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Ok => t(lang, "충족", "ok"),
        Status::Partial => t(lang, "부분", "partial"),
        Status::Missing => t(lang, "누락", "missing"),
        Status::Unchecked => t(lang, "미확인", "unchecked"),
    }
}

const INDENT: &str = "                  ";

/// One set: summary line, then each requirement with its evidence.
pub(super) fn set(out: &mut String, set: &RequirementSet, c: &Coverage, lang: Lang) {
    let count = |s: Status| c.requirements.iter().filter(|r| r.status == s).count();
    let (ok, partial, missing) = (
        count(Status::Ok),
        count(Status::Partial),
        count(Status::Missing),
    );
    let unchecked = count(Status::Unchecked);
    let total = c.requirements.len();
    let title = if set.name.is_empty() {
        &set.id
    } else {
        &set.name
    };
    let _ = match lang {
        Lang::Ko => writeln!(
            out,
            "\n요구사항 {} ({title}): {total}개 중 {ok}개 충족 (부분 {partial}, 누락 {missing}, 미확인 {unchecked})",
            set.id
        ),
        Lang::En => writeln!(
            out,
            "\nRequirements {} ({title}): {ok} of {total} ok ({partial} partial, {missing} missing, {unchecked} unchecked)",
            set.id
        ),
    };
    for r in &c.requirements {
        let req = set.requirements.iter().find(|q| q.id == r.id);
        let text = req.map_or("", |q| match lang {
            Lang::En if !q.text_en.is_empty() => &q.text_en,
            _ => &q.text,
        });
        let _ = writeln!(
            out,
            "  {} {:<5} {text}",
            pad(status(r.status, lang), 9),
            r.id
        );
        evidence(out, r, lang);
    }
}

fn evidence(out: &mut String, r: &RequirementCoverage, lang: Lang) {
    let ko = lang == Lang::Ko;
    if !r.evidence.chain.is_empty() {
        let _ = writeln!(out, "{INDENT}{}", r.evidence.describe(ko));
    }
    if !r.links.is_empty() {
        let _ = writeln!(
            out,
            "{INDENT}{}: {}",
            t(lang, "연결", "links"),
            r.links.join(", ")
        );
    }
    match &r.evidence.absent {
        Some(a) => {
            let kind = if ko {
                a.kind.label_ko()
            } else {
                a.kind.label_en()
            };
            let wanted = if a.wanted.is_empty() {
                String::new()
            } else {
                format!(" [{}]", a.wanted.join(", "))
            };
            let _ = writeln!(
                out,
                "{INDENT}{} {kind}{wanted}: {}",
                t(lang, "없는 단계:", "absent step:"),
                a.message.get(lang)
            );
        }
        // Non-functional results explain themselves in their message.
        None if r.evidence.chain.is_empty() || r.status != Status::Ok => {
            let _ = writeln!(out, "{INDENT}{}", r.message.get(lang));
        }
        None => {}
    }
}
