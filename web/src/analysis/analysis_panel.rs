//! The analysis panel: what `stormwall_model::analysis` says about the board, recomputed in
//! the background shortly after the board changes — lint findings (in Korean or English), the bounded contexts and the
//! context map, and requirement coverage (the board's own requirement sets, chosen in
//! [`crate::requirements::requirement_sets`], or the food-delivery set when it has none) with each
//! requirement's link / unlink buttons for the selected stickies and its evidence on demand
//! ([`super::evidence_view`]). With no frame drawn, the proposed contexts and the context map
//! derived from them are shown. Clicking a finding pans to and highlights its stickies.

use leptos::prelude::*;
use stormwall_model::coverage::Status;
use stormwall_model::finding::{Finding, Rule, Severity};
use stormwall_model::lang::grammar::count;
use stormwall_model::Lang;

use super::evidence_view::evidence_view;
use super::live_report::LiveReport;
use crate::requirements::requirement_links::{requirement_text, RequirementActions};
use crate::requirements::requirement_sets::RequirementSets;

use crate::shell::state::BoardCtx;

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Partial => "partial",
        Status::Missing => "missing",
        Status::Unchecked => "unchecked",
    }
}

/// Pans to the stickies of a finding and highlights them (and its links and frames) briefly.
pub(super) fn focus(ctx: BoardCtx, ids: Vec<String>) {
    let bounds = ctx
        .board
        .with_untracked(|b| crate::canvas::geometry::bounds(b, |id| ids.iter().any(|i| i == id)));
    if let Some((x0, y0, x1, y1)) = bounds {
        ctx.centre_on((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    }
    ctx.highlight.set(ids.clone());
    set_timeout(
        move || {
            if ctx.highlight.with_untracked(|h| *h == ids) {
                ctx.highlight.set(Vec::new());
            }
        },
        std::time::Duration::from_millis(3600),
    );
}

/// A rule's id as the board's JSON writes it (`event_not_past_tense`).
fn rule_id(rule: Rule) -> String {
    serde_json::to_value(rule)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The line standing for the `n` findings of a rule, proposals or relations (`what`, in `lang`)
/// a big board's report left out.
fn more_row(n: usize, what: &str, lang: Lang) -> impl IntoView {
    let text = match lang {
        Lang::Ko => format!("+ {n}건 더: {what}"),
        Lang::En => format!("+ {n} more: {what}"),
    };
    view! { <li class="more muted">{text}</li> }
}

fn finding_row(ctx: BoardCtx, f: Finding, lang: Lang) -> impl IntoView {
    let ids: Vec<String> = f
        .stickies
        .iter()
        .chain(&f.links)
        .chain(&f.frames)
        .cloned()
        .collect();
    let rule = rule_id(f.rule);
    view! {
        <li class=format!("finding {}", severity_label(f.severity)) data-rule=rule>
            <button class="finding-button" on:click=move |_| focus(ctx, ids.clone())>
                <span class="sev">{severity_label(f.severity)}</span>
                <span class="msg">{f.message.get(lang).to_string()}</span>
                {f.suggestion.map(|s| view! { <span class="suggestion">"→ " {s}</span> })}
            </button>
        </li>
    }
}

/// The panel; `open` toggles it.
/// The analysis panel, from its own chunk (`shell::lazy_panel`).
#[wasm_split_helpers::wasm_split(analysis_panel, fallible, preload(preload))]
pub fn split(
    live: LiveReport,
    open: RwSignal<bool>,
) -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(view! { <AnalysisPanel live=live open=open /> }.into_any())
}

#[component]
pub fn AnalysisPanel(live: LiveReport, open: RwSignal<bool>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let lang = RwSignal::new(Lang::Ko);
    let findings = move || {
        crate::facilitation::phase_filter::visible(
            live.with(|r| r.analysis.findings().cloned().collect::<Vec<_>>()),
        )
    };
    let lang_button = move |l: Lang, label: &'static str| {
        view! {
            <button class="lang" class:on=move || lang.get() == l on:click=move |_| lang.set(l)>{label}</button>
        }
    };
    view! {
        <section class="panel analysis" aria-label="Analysis">
            <header class="panel-head">
                <h2>"Analysis"</h2>
                {lang_button(Lang::Ko, "한국어")}
                {lang_button(Lang::En, "English")}
                <button class="close" title="Close" on:click=move |_| open.set(false)>"×"</button>
            </header>
            <p class="summary" aria-live="polite">{move || live.report.with(|r| match r {
                Some(r) => {
                    let s = r.analysis.summary;
                    format!("{} · {} · {}", count(s.errors, "error"), count(s.warnings, "warning"), count(s.infos, "note"))
                }
                None => "Analysing the board…".to_string(),
            })}</p>
            {move || live.trouble.get().map(|why| view! { <p class="trouble" role="alert">{why}</p> })}
            <crate::facilitation::hotspot_status::HotspotTally />
            <h3>"Findings"</h3>
            <crate::facilitation::phase_filter::PhaseFilter />
            {move || {
                let l = lang.get();
                let list = findings();
                if list.is_empty() && live.report.with(Option::is_some) {
                    view! { <p class="empty">"No findings: the model reads well."</p> }.into_any()
                } else {
                    let more: Vec<(Rule, usize)> = live
                        .with(|r| r.omitted.findings.clone())
                        .into_iter()
                        .filter(|(rule, _)| crate::facilitation::phase_filter::shows(*rule))
                        .collect();
                    view! {
                        <ul class="findings">
                            {list.into_iter().map(|f| finding_row(ctx, f, l)).collect_view()}
                            {more.into_iter().map(|(rule, n)| more_row(n, rule.label(l), l)).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <h3>"Bounded contexts"</h3>
            <ul class="contexts">
                {move || live.with(|r| r.analysis.contexts.contexts.clone()).into_iter().map(|c| view! {
                    <li>
                        <b>{if c.name.is_empty() { "(unnamed)".to_string() } else { c.name }}</b>
                        <span class=format!("rank {}", c.rank.map(|r| r.as_str()).unwrap_or("none"))>{c.rank.map(|r| r.as_str()).unwrap_or("no rank")}</span>
                        <span class="muted">{format!("{}, {}", count(c.stickies.len(), "sticky"), count(c.aggregates.len(), "aggregate"))}</span>
                    </li>
                }).collect_view()}
            </ul>
            {move || live.report.with(|r| r.as_ref().is_some_and(|r| r.analysis.contexts.contexts.is_empty())).then(|| view! {
                <p class="empty">"No contexts yet: draw a frame around the stickies of one model (key F)."</p>
            })}
            {move || {
                let l = lang.get();
                let proposals = live.with(|r| r.analysis.contexts.proposals.clone());
                (!proposals.is_empty()).then(|| view! {
                    <h3>"Proposed split"</h3>
                    <ul class="proposals">
                        {proposals.into_iter().map(|p| {
                            let ids = p.stickies.clone();
                            view! {
                                <li class="proposal">
                                    <button class="finding-button" on:click=move |_| focus(ctx, ids.clone())>
                                        <span class="pair">{p.name.clone()}</span>
                                        <span class="msg">{p.message.get(l).to_string()}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                        {move || Some(live.with(|r| r.omitted.proposals)).filter(|n| *n > 0).map(|n| more_row(n, if l == Lang::Ko { "제안된 컨텍스트" } else { "proposed contexts" }, l))}
                    </ul>
                })
            }}
            <h3>"Context map"</h3>
            {move || live.with(|r| r.analysis.derived_context_map.is_some()).then(|| view! {
                <p class="muted derived-map">"Derived from the proposed contexts (no frame drawn yet)"</p>
            })}
            <ul class="context-map">
                {move || live.with(|r| {
                    let l = lang.get();
                    let map = r.analysis.derived_context_map.as_ref().unwrap_or(&r.analysis.context_map);
                    let name = |id: &str| map.nodes.iter().find(|n| n.id == id).map(|n| n.name.clone()).unwrap_or_else(|| id.to_string());
                    map.relations.iter().map(|m| {
                        let how = match (m.synchronous, m.asynchronous) {
                            (true, true) => "sync + async",
                            (true, false) => "request / response",
                            (false, true) => "publish / subscribe",
                            _ => "declared",
                        };
                        let patterns = m.patterns.iter().map(|p| match l { Lang::Ko => p.label_ko(), Lang::En => p.label_en() }).collect::<Vec<_>>().join(", ");
                        (format!("{} → {}", name(&m.upstream), name(&m.downstream)), how, patterns)
                    }).collect::<Vec<_>>()
                }).into_iter().map(|(pair, how, patterns)| view! {
                    <li><span class="pair">{pair}</span><span class="muted">{how}</span><span class="patterns">{patterns}</span></li>
                }).collect_view()}
                {move || Some(live.with(|r| r.omitted.relations)).filter(|n| *n > 0).map(|n| { let l = lang.get(); more_row(n, if l == Lang::Ko { "관계" } else { "relations" }, l) })}
            </ul>
            {move || live.report.with(|r| r.as_ref().is_some_and(|r| r.analysis.derived_context_map.as_ref().unwrap_or(&r.analysis.context_map).relations.is_empty())).then(|| view! {
                <p class="empty">"No links cross a context boundary yet."</p>
            })}
            <h3>"Requirement coverage"</h3>
            <RequirementSets lang=lang />
            {move || {
                let l = lang.get();
                live.with(|r| r.coverage.clone()).into_iter().map(|(set, cov)| view! {
                    <p class="set-name">{set.name.clone()}</p>
                    <ul class="coverage" data-set=set.id.clone()>
                        {cov.requirements.into_iter().map(|rc| {
                            let req = set.requirements.iter().find(|q| q.id == rc.id).cloned().unwrap_or_default();
                            let text = requirement_text(&req, l);
                            let ids = rc.stickies.clone();
                            let set = set.clone();
                            let evidence = rc.evidence.clone();
                            view! {
                                <li class=format!("req {}", status_label(rc.status)) data-id=rc.id.clone()>
                                    <button class="finding-button" on:click=move |_| focus(ctx, ids.clone())>
                                        <span class="req-id">{rc.id.clone()}</span>
                                        <span class="status">{status_label(rc.status)}</span>
                                        <span class="msg">{text}</span>
                                        <span class="muted">{rc.message.get(l).to_string()}</span>
                                    </button>
                                    {evidence_view(ctx, evidence, l)}
                                    <RequirementActions set=set req=req />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }).collect_view()
            }}
        </section>
    }
}
