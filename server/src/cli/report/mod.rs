//! The text report of `stormwall check`, in Korean or English: the board, its findings (with
//! the stickies they are about), the contexts drawn or proposed and the context map
//! ([`model`]), the coverage of each requirement set with the evidence for every verdict
//! ([`coverage`]), and the verdict. Each section opens with a one-line summary.

mod coverage;
mod model;

use std::fmt::Write;

use stormwall_model::analysis::Analysis;
use stormwall_model::coverage::Coverage;
use stormwall_model::finding::{Finding, Severity};
use stormwall_model::{Board, Lang, RequirementSet};

/// Picks the Korean or English wording.
pub(super) fn t<'a>(lang: Lang, ko: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

fn severity(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => t(lang, "오류", "error"),
        Severity::Warning => t(lang, "경고", "warning"),
        Severity::Info => t(lang, "정보", "info"),
    }
}

/// `s` padded with spaces to `width` terminal columns (Hangul and other wide characters take
/// two), so Korean labels line up.
pub(super) fn pad(s: &str, width: usize) -> String {
    let wide = |c: char| matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ff60}');
    let cols: usize = s.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(cols)))
}

/// A serde enum's identifier (`event_not_past_tense`).
fn ident(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Stickies named by their text and id: `주문됨 (s12)`.
pub(super) fn stickies(board: &Board, ids: &[String]) -> String {
    ids.iter()
        .map(|id| match board.sticky(id) {
            Some(s) if !s.text.trim().is_empty() => format!("{} ({id})", s.text.trim()),
            _ => id.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn finding(out: &mut String, board: &Board, f: &Finding, lang: Lang) {
    let _ = writeln!(
        out,
        "  {} {}: {}",
        pad(severity(f.severity, lang), 7),
        ident(f.rule),
        f.message.get(lang)
    );
    let mut about = stickies(board, &f.stickies);
    for extra in [&f.links, &f.frames] {
        if !extra.is_empty() {
            if !about.is_empty() {
                about.push_str(", ");
            }
            about.push_str(&extra.join(", "));
        }
    }
    if !about.is_empty() {
        let _ = writeln!(out, "          {}: {about}", t(lang, "대상", "on"));
    }
    if let Some(s) = &f.suggestion {
        let _ = writeln!(out, "          {}: {s}", t(lang, "제안", "suggestion"));
    }
}

/// The whole report. `strict`: warnings fail too.
pub fn render(
    board: &Board,
    analysis: &Analysis,
    sets: &[(RequirementSet, Coverage)],
    lang: Lang,
    strict: bool,
) -> String {
    let mut out = String::new();
    let s = analysis.summary;
    let stickies = board.stickies.len();
    let (drawn, proposed) = (
        analysis.contexts.contexts.len(),
        analysis.contexts.proposals.len(),
    );
    let _ = match lang {
        Lang::Ko => writeln!(
            out,
            "보드: {} — 스티키 {stickies}개, 그린 컨텍스트 {drawn}개, 제안된 컨텍스트 {proposed}개",
            board.name
        ),
        Lang::En => writeln!(
            out,
            "Board: {} — {stickies} stickies, {drawn} contexts drawn, {proposed} proposed",
            board.name
        ),
    };
    let _ = match lang {
        Lang::Ko => writeln!(
            out,
            "\n발견 사항: 오류 {}, 경고 {}, 정보 {}",
            s.errors, s.warnings, s.infos
        ),
        Lang::En => writeln!(
            out,
            "\nFindings: {} errors, {} warnings, {} infos",
            s.errors, s.warnings, s.infos
        ),
    };
    for f in analysis.findings() {
        finding(&mut out, board, f, lang);
    }
    model::contexts(&mut out, board, analysis, lang);
    model::context_map(&mut out, board, analysis, lang);
    if sets.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            t(
                lang,
                "요구사항: 확인할 집합이 없습니다 (--requirements)",
                "Requirements: no set to check (--requirements)"
            )
        );
    }
    for (set, c) in sets {
        coverage::set(&mut out, set, c, lang);
    }
    let open: usize = sets.iter().map(|(_, c)| c.not_ok().len()).sum();
    let warnings = if strict { s.warnings } else { 0 };
    let verdict = if s.errors == 0 && open == 0 && warnings == 0 {
        t(lang, "결과: 통과", "Result: passed").to_string()
    } else {
        match (lang, strict) {
            (Lang::Ko, false) => format!(
                "결과: 실패 (오류 {}개, 충족되지 않은 요구사항 {open}개)",
                s.errors
            ),
            (Lang::Ko, true) => format!(
                "결과: 실패 (오류 {}개, 경고 {warnings}개 (--strict), 충족되지 않은 요구사항 {open}개)",
                s.errors
            ),
            (Lang::En, false) => format!(
                "Result: failed ({} errors, {open} requirements not ok)",
                s.errors
            ),
            (Lang::En, true) => format!(
                "Result: failed ({} errors, {warnings} warnings (--strict), {open} requirements not ok)",
                s.errors
            ),
        }
    };
    let _ = writeln!(out, "\n{verdict}");
    out
}
