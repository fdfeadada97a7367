//! The analysis panel: what `stormwall_model::analysis` says about the board, recomputed in
//! the background shortly after the board changes — lint findings (in Korean or English), the bounded contexts and the
//! context map, and requirement coverage (the board's own requirement sets, chosen in
//! [`crate::requirements::requirement_sets`], or the food-delivery set when it has none) with each
//! requirement's link / unlink buttons for the selected stickies and its evidence on demand
//! ([`super::evidence_view`]). With no frame drawn, the proposed contexts and the context map
//! derived from them are shown. Clicking a finding pans to and highlights its stickies.

use leptos::prelude::*;
use stormwall_model::analysis::Report;
use stormwall_model::coverage::Status;
use stormwall_model::finding::{Finding, Rule, Severity};
use stormwall_model::lang::grammar::count;
use stormwall_model::Lang;
use wasm_bindgen::JsCast;

use super::evidence_view::evidence_view;
use super::worker::AnalysisWorker;
use crate::requirements::requirement_links::{requirement_text, RequirementActions};
use crate::requirements::requirement_sets::RequirementSets;

use crate::shell::state::BoardCtx;

/// The board's analysis as the page holds it: the last report (none until the first comes
/// back from the worker) and why the last analysis failed, if it did.
#[derive(Clone, Copy)]
pub struct LiveReport {
    /// The last report.
    pub report: ReadSignal<Option<Report>>,
    /// Why the last analysis failed (cleared by the next report).
    pub trouble: ReadSignal<Option<String>>,
}

impl LiveReport {
    /// `f` of the report, or the default while there is none yet.
    fn with<T: Default>(self, f: impl FnOnce(&Report) -> T) -> T {
        self.report.with(|r| r.as_ref().map(f).unwrap_or_default())
    }

    /// Errors and warnings, for the toolbar's badge (none before the first report).
    pub fn problems(self) -> Option<usize> {
        self.report.with(|r| {
            r.as_ref()
                .map(|r| r.analysis.summary.errors + r.analysis.summary.warnings)
        })
    }
}

/// How long the board must stay unchanged before the analysis runs again: a burst of edits
/// (a paste, a remote typist) is analysed once.
const SETTLE_MS: u64 = 120;
/// The same while this page types into a sticky or drags: the analysis waits for a pause in
/// the typing, the way an editor's spell check does, so writing the board out for it never
/// takes a frame from a keystroke or a drag on a big board.
const SETTLE_BUSY_MS: u64 = 900;
/// While the board keeps changing (others typing), the analysis still runs this often.
const MAX_WAIT_MS: f64 = 1000.0;
/// The same while this page types or drags without a pause.
const MAX_WAIT_BUSY_MS: f64 = 5000.0;
/// While the board keeps changing, the page's part of the analysis (writing the board out,
/// reading the report) takes at most this share of the page's time: on a big board watched
/// while many people type, it runs less often rather than take frames.
const MAX_SHARE: f64 = 0.05;

/// The board's analysis, kept up to date in the background by the analysis worker
/// ([`super::worker`]): once the board has settled for [`SETTLE_MS`] ([`SETTLE_BUSY_MS`] while
/// this page types or drags), or every [`MAX_WAIT_MS`] after the first change it has not seen
/// while the board keeps changing ([`MAX_WAIT_BUSY_MS`] while this page is busy, and never more
/// than [`MAX_SHARE`] of the time), when the browser is idle. A change made while the worker
/// analyses is sent when its report comes back. Timers that fire after the board page is gone
/// do nothing; the worker stops with the page.
pub fn live_report(ctx: BoardCtx) -> LiveReport {
    let report = RwSignal::new(None::<Report>);
    let trouble = RwSignal::new(None::<String>);
    let changes = StoredValue::new(0u64);
    // When the oldest change the report has not seen yet was made.
    let unseen_since = StoredValue::new(None::<f64>);
    // How long the page's part of the last analysis took (ms).
    let cost = StoredValue::new(0.0f64);
    // A change came while the worker was analysing an older board.
    let stale = StoredValue::new(false);
    let worker = StoredValue::new_local(None::<AnalysisWorker>);
    let send = move || {
        let started = js_sys::Date::now();
        let Some(Ok(board)) = ctx.board.try_with_untracked(serde_json::to_string) else {
            return;
        };
        cost.try_set_value(js_sys::Date::now() - started);
        worker.with_value(|w| {
            if let Some(w) = w {
                w.analyse(board);
            }
        });
    };
    worker.set_value(Some(AnalysisWorker::new(move |reply| {
        let started = js_sys::Date::now();
        match reply {
            Ok(next) => {
                if report.try_with_untracked(|r| r.as_ref() != Some(&next)) == Some(true) {
                    report.try_set(Some(next));
                }
                if trouble.try_with_untracked(Option::is_some) == Some(true) {
                    trouble.try_set(None);
                }
            }
            Err(why) => {
                web_sys::console::warn_1(&why.as_str().into());
                trouble.try_set(Some(why));
            }
        }
        cost.try_update_value(|c| *c += js_sys::Date::now() - started);
        if stale.try_get_value() == Some(true) {
            stale.set_value(false);
            send();
        }
    })));
    on_cleanup(move || {
        worker.with_value(|w| {
            if let Some(w) = w {
                w.stop();
            }
        })
    });
    let busy = move || {
        ctx.editing.try_with_untracked(Option::is_some) == Some(true)
            || ctx.drag.try_with_untracked(Option::is_some) == Some(true)
    };
    Effect::new(move |_| {
        ctx.board.track();
        let seen = changes.get_value() + 1;
        changes.set_value(seen);
        if unseen_since.get_value().is_none() {
            unseen_since.set_value(Some(js_sys::Date::now()));
        }
        let settle = if busy() { SETTLE_BUSY_MS } else { SETTLE_MS };
        set_timeout(
            move || {
                let (Some(latest), Some(since)) =
                    (changes.try_get_value(), unseen_since.try_get_value())
                else {
                    return;
                };
                let Some(since) = since else {
                    return; // analysed already by an earlier timer
                };
                let wait = if busy() {
                    MAX_WAIT_BUSY_MS
                } else {
                    MAX_WAIT_MS
                }
                .max(cost.try_get_value().unwrap_or(0.0) / MAX_SHARE);
                if latest != seen && js_sys::Date::now() - since < wait {
                    return;
                }
                unseen_since.set_value(None);
                when_idle(move || {
                    let working =
                        worker.try_with_value(|w| w.as_ref().is_some_and(AnalysisWorker::busy));
                    match working {
                        Some(true) => stale.set_value(true),
                        Some(false) => send(),
                        None => {}
                    }
                });
            },
            std::time::Duration::from_millis(settle),
        );
    });
    LiveReport {
        report: report.read_only(),
        trouble: trouble.read_only(),
    }
}

/// At the latest this long after the board settled, the analysis runs even if the browser
/// never idles (a busy page would otherwise postpone it without end).
const IDLE_TIMEOUT_MS: u32 = 500;

/// Runs `f` when the browser is idle, or after [`IDLE_TIMEOUT_MS`] at the latest.
fn when_idle(f: impl FnOnce() + 'static) {
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(IDLE_TIMEOUT_MS);
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    if window()
        .request_idle_callback_with_options(f.unchecked_ref(), &options)
        .is_err()
    {
        web_sys::console::warn_1(&"the analysis could not be scheduled".into());
    }
}

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

/// The line standing for the findings, proposals or relations a big board's report left out.
fn more_row(n: usize, what: String) -> impl IntoView {
    view! { <li class="more muted">{format!("+ {}", count(n, &format!("more {what}")))}</li> }
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
                    let more = live.with(|r| r.omitted.findings.clone());
                    view! {
                        <ul class="findings">
                            {list.into_iter().map(|f| finding_row(ctx, f, l)).collect_view()}
                            {more.into_iter().map(|(rule, n)| more_row(n, format!("“{}” finding", rule_id(rule).replace('_', " ")))).collect_view()}
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
                        {move || Some(live.with(|r| r.omitted.proposals)).filter(|n| *n > 0).map(|n| more_row(n, "proposed context".into()))}
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
                {move || Some(live.with(|r| r.omitted.relations)).filter(|n| *n > 0).map(|n| more_row(n, "relation".into()))}
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
