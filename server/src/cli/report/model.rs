//! The model sections of the report: the contexts drawn (or, with none drawn, the contexts
//! the analysis proposes, with their members), then the context map: which context publishes
//! events to which (publish/subscribe) or calls which (request/response), derived from the
//! proposed contexts when no frame is drawn.

use std::fmt::Write;

use stormwall_model::analysis::Analysis;
use stormwall_model::context_map::ContextMap;
use stormwall_model::flow::Style;
use stormwall_model::{Board, Lang, StickyKind};

use super::t;

fn text<'b>(board: &'b Board, id: &'b str) -> &'b str {
    board
        .sticky(id)
        .map(|s| s.text.trim())
        .filter(|s| !s.is_empty())
        .unwrap_or(id)
}

/// Members of a context grouped by kind: `commands 'a', 'b'; events 'c'`.
fn members(board: &Board, ids: &[String], lang: Lang) -> String {
    use StickyKind::*;
    let mut parts = Vec::new();
    for (kind, ko, en) in [
        (Aggregate, "애그리거트", "aggregates"),
        (Command, "커맨드", "commands"),
        (DomainEvent, "이벤트", "events"),
        (Policy, "정책", "policies"),
        (ReadModel, "읽기모델", "read models"),
    ] {
        let names: Vec<String> = ids
            .iter()
            .filter(|id| board.sticky(id).is_some_and(|s| s.kind == kind))
            .map(|id| format!("'{}'", text(board, id)))
            .collect();
        if !names.is_empty() {
            parts.push(format!("{} {}", t(lang, ko, en), names.join(", ")));
        }
    }
    parts.join("; ")
}

/// Summary line, then each context drawn or proposed with its members.
pub(super) fn contexts(out: &mut String, board: &Board, a: &Analysis, lang: Lang) {
    let c = &a.contexts;
    let (drawn, proposed) = (c.contexts.len(), c.proposals.len());
    let _ = match lang {
        Lang::Ko => writeln!(out, "\n컨텍스트: 그린 것 {drawn}개, 제안 {proposed}개"),
        Lang::En => writeln!(out, "\nContexts: {drawn} drawn, {proposed} proposed"),
    };
    for ctx in &c.contexts {
        let rank = ctx
            .rank
            .map(|r| format!(" ({})", r.as_str()))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} '{}'{rank}: {}",
            t(lang, "그림", "drawn"),
            ctx.name,
            members(board, &ctx.stickies, lang)
        );
    }
    for p in &c.proposals {
        let mut ids = p.aggregates.clone();
        ids.extend(
            p.stickies
                .iter()
                .filter(|s| !p.aggregates.contains(s))
                .cloned(),
        );
        let _ = writeln!(
            out,
            "  {} '{}': {}",
            t(lang, "제안", "proposed"),
            p.name,
            members(board, &ids, lang)
        );
    }
}

fn style(s: Style, lang: Lang) -> &'static str {
    match s {
        Style::RequestResponse => t(lang, "요청/응답", "request/response"),
        Style::PublishSubscribe => t(lang, "발행/구독", "publish/subscribe"),
        Style::None => "-",
    }
}

/// Summary line, then each relation: upstream → downstream, how they talk and over which
/// stickies.
pub(super) fn context_map(out: &mut String, board: &Board, a: &Analysis, lang: Lang) {
    let (map, derived): (&ContextMap, bool) = match &a.derived_context_map {
        Some(m) => (m, true),
        None => (&a.context_map, false),
    };
    let n = map.relations.len();
    let from = if derived {
        t(
            lang,
            " (제안된 컨텍스트에서 도출)",
            " (derived from the proposed contexts)",
        )
    } else {
        ""
    };
    let _ = match lang {
        Lang::Ko => writeln!(out, "\n컨텍스트 맵: 관계 {n}개{from}"),
        Lang::En => writeln!(out, "\nContext map: {n} relations{from}"),
    };
    let name = |id: &str| {
        map.nodes
            .iter()
            .find(|x| x.id == id)
            .map_or(id.to_string(), |x| x.name.clone())
    };
    for r in &map.relations {
        let edges: Vec<String> = map
            .edges
            .iter()
            .filter(|e| r.links.contains(&e.link))
            .map(|e| {
                format!(
                    "{} '{}' → '{}'",
                    style(e.style, lang),
                    text(board, &e.from),
                    text(board, &e.to)
                )
            })
            .collect();
        let patterns: Vec<String> = r
            .patterns
            .iter()
            .map(|p| {
                serde_json::to_value(p)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            })
            .collect();
        let declared = if r.declared {
            format!(" [{}]", patterns.join(", "))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {} → {}{declared}: {}",
            name(&r.upstream),
            name(&r.downstream),
            if edges.is_empty() {
                "-".to_string()
            } else {
                edges.join("; ")
            }
        );
    }
}
