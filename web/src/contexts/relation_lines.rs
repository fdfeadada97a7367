//! Relations between bounded contexts, drawn on the canvas between the borders of their
//! frames (routed by [`stormwall_model::routing::relations`]): a line, the patterns that describe the relation as
//! a whole in a label at its middle ("Customer/Supplier"), and U / D markers at the upstream and downstream ends with the
//! patterns that sit at that end ("U · OHS/PL", "D · ACL"). Clicking a declared relation
//! selects it (the relation panel edits it). Relations the links imply but nobody declared are
//! drawn faintly; clicking one selects its two contexts, upstream first, ready to relate.

use leptos::prelude::*;
use stormwall_model::context_map;
use stormwall_model::contexts::membership;
use stormwall_model::flow::Flow;
use stormwall_model::relation::{directed, patterns_label, End};
use stormwall_model::routing::geom::clear_spot;
use stormwall_model::svg::width;
use stormwall_model::{Board, Pattern, Sticky};

use crate::shell::state::BoardCtx;
use crate::stickies::sticky_note::press_select;
use stormwall_model::routing::relations::{label_obstacles, marker_spots, routes, Rect, Route};

/// How a relation is drawn.
#[derive(Debug, Clone, PartialEq)]
struct Drawn {
    /// The relation's id; for a derived one, `derived:<upstream>:<downstream>`.
    id: String,
    declared: bool,
    upstream: String,
    downstream: String,
    /// The line, from the upstream end to the downstream end.
    route: Route,
    /// Where its label goes: on the line, clear of the stickies.
    label_at: (f64, f64),
    /// Where its U and D markers go: at the ends, clear of the stickies, the label and
    /// each other.
    markers_at: ((f64, f64), (f64, f64)),
    patterns: Vec<Pattern>,
}

/// The board reduced to what derived relations depend on (no texts), or `None` when it has
/// fewer than two frames; so typing does not recompute them.
fn skeleton(b: &Board) -> Option<Board> {
    (b.frames.len() >= 2 && !b.links.is_empty()).then(|| Board {
        stickies: b
            .stickies
            .iter()
            .map(|s| Sticky {
                id: s.id.clone(),
                kind: s.kind,
                x: s.x,
                y: s.y,
                w: s.w,
                h: s.h,
                ..Sticky::default()
            })
            .collect(),
        links: b.links.clone(),
        frames: b.frames.clone(),
        relations: b.relations.clone(),
        ..Board::default()
    })
}

/// Relations the links between frames imply that the team has not declared, as
/// (upstream, downstream) frame ids.
fn derived(b: &Board) -> Vec<(String, String)> {
    let flow = Flow::new(b);
    let map = context_map::build(&flow, &membership(b));
    map.relations
        .into_iter()
        .filter(|r| {
            !r.declared && b.frame(&r.upstream).is_some() && b.frame(&r.downstream).is_some()
        })
        .map(|r| (r.upstream, r.downstream))
        .collect()
}

/// What the label at the middle of a relation says, if anything.
fn centre_text(declared: bool, patterns: &[Pattern]) -> Option<String> {
    let whole = patterns_label(patterns, End::Both);
    if !declared {
        Some("from links".to_string())
    } else if patterns.is_empty() {
        Some("No pattern".to_string())
    } else {
        (!whole.is_empty()).then_some(whole)
    }
}

/// Where the label `text` of `route` goes: on the line, as near its middle as it can be
/// without covering a sticky.
fn label_spot(route: &Route, text: Option<&str>, stickies: &[Rect]) -> (f64, f64) {
    let want = route.label();
    match text {
        Some(t) => clear_spot(
            &route.points,
            want,
            (width(t, 12.0) + 28.0, 28.0),
            stickies,
            12.0,
        ),
        None => want,
    }
}

/// Where the U and D markers of `route` go, clear of `stickies` and of the label `text`
/// placed at `label_at`.
fn markers_spots(
    route: &Route,
    patterns: &[Pattern],
    text: Option<&str>,
    label_at: (f64, f64),
    stickies: &[Rect],
) -> ((f64, f64), (f64, f64)) {
    let mut avoid = stickies.to_vec();
    if let Some(t) = text {
        let (w, h) = (width(t, 12.0) + 28.0, 28.0);
        avoid.push((label_at.0 - w / 2.0, label_at.1 - h / 2.0, w, h));
    }
    let [up, down] = [("U", End::Upstream), ("D", End::Downstream)]
        .map(|(letter, end)| format!("{letter} {}", patterns_label(patterns, end)));
    marker_spots(route, [up.trim_end(), down.trim_end()], &avoid)
}

/// The relations layer.
#[component]
pub fn ContextRelations() -> impl IntoView {
    let ctx = BoardCtx::get();
    let skeleton = Memo::new(move |_| ctx.with_layout(skeleton));
    let implied =
        Memo::new(move |_| skeleton.with(|b| b.as_ref().map(derived).unwrap_or_default()));
    let drawn = Memo::new(move |_| {
        let implied = implied.get();
        ctx.board.with(|b| {
            let declared = b.relations.iter().map(|r| {
                (
                    r.id.clone(),
                    true,
                    &r.upstream,
                    &r.downstream,
                    r.patterns.clone(),
                )
            });
            let undeclared = implied
                .iter()
                .map(|(u, d)| (format!("derived:{u}:{d}"), false, u, d, Vec::new()));
            let frame = |id: &str| b.frames.iter().position(|f| f.id == id);
            let shown: Vec<_> = declared
                .chain(undeclared)
                .filter_map(|r| Some(((frame(r.2)?, frame(r.3)?), r)))
                .collect();
            let rects: Vec<Rect> = b.frames.iter().map(|f| (f.x, f.y, f.w, f.h)).collect();
            let pairs: Vec<(usize, usize)> = shown.iter().map(|(pair, _)| *pair).collect();
            let stickies: Vec<Rect> = if shown.is_empty() {
                Vec::new()
            } else {
                label_obstacles(b)
            };
            routes(&rects, &pairs)
                .into_iter()
                .zip(shown)
                .map(|(route, (_, (id, declared, up, down, patterns)))| {
                    let text = centre_text(declared, &patterns);
                    let label_at = label_spot(&route, text.as_deref(), &stickies);
                    let markers_at =
                        markers_spots(&route, &patterns, text.as_deref(), label_at, &stickies);
                    Drawn {
                        label_at,
                        markers_at,
                        id,
                        declared,
                        upstream: up.clone(),
                        downstream: down.clone(),
                        route,
                        patterns,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <svg class="context-relations" width="1" height="1" overflow="visible">
            <For each=move || drawn.get() key=|d| format!("{d:?}") let:d>
                <RelationLine d=d />
            </For>
        </svg>
        <For each=move || drawn.get() key=|d| format!("{d:?}") let:d>
            <RelationLabels d=d />
        </For>
    }
}

/// Selects what a press on a relation stands for: the relation, or a derived one's contexts.
fn press(ctx: BoardCtx, d: &Drawn, ev: &web_sys::PointerEvent) {
    if ev.button() != 0 {
        return;
    }
    ev.stop_propagation();
    if d.declared {
        press_select(ctx, &d.id, ev.shift_key());
    } else {
        ctx.select(vec![d.upstream.clone(), d.downstream.clone()]);
    }
}

#[component]
fn RelationLine(d: Drawn) -> impl IntoView {
    let ctx = BoardCtx::get();
    let path = d.route.path();
    let id = d.id.clone();
    let selected = move || ctx.is_selected(&id);
    let patterns = d
        .patterns
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let declared = d.declared;
    view! {
        <g
            class="context-relation"
            class:derived=!declared
            class:selected=selected
            data-id=d.id.clone()
            data-upstream=d.upstream.clone()
            data-downstream=d.downstream.clone()
            data-patterns=patterns
            on:pointerdown=move |ev| press(ctx, &d, &ev)
        >
            <path class="relation-hit" d=path.clone()></path>
            <path class="relation-line" d=path></path>
        </g>
    }
}

#[component]
fn RelationLabels(d: Drawn) -> impl IntoView {
    let ctx = BoardCtx::get();
    let id = d.id.clone();
    let selected = move || ctx.is_selected(&id);
    let at = |(x, y): (f64, f64)| format!("left:{x:.1}px;top:{y:.1}px");
    let centre = centre_text(d.declared, &d.patterns);
    let marker = |letter: &'static str, end: End, pos: (f64, f64)| {
        let extra = patterns_label(&d.patterns, end);
        let title = match end {
            End::Upstream => "Upstream: its model flows to the other context",
            _ => "Downstream: depends on the other context's model",
        };
        view! {
            <span class=format!("relation-end {}", letter.to_lowercase()) style=at(pos) title=title>
                <b>{letter}</b>
                {(!extra.is_empty()).then(|| view! { <span class="end-patterns">{extra}</span> })}
            </span>
        }
    };
    let title = if d.declared {
        d.patterns
            .iter()
            .map(|p| format!("{} · {}", p.label_en(), p.label_ko()))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        "Implied by links across the boundary; click to declare the relation".to_string()
    };
    let markers = (d.declared && directed(&d.patterns)).then(|| {
        let (up, down) = d.markers_at;
        view! {
            {marker("U", End::Upstream, up)}
            {marker("D", End::Downstream, down)}
        }
    });
    let mid = d.label_at;
    view! {
        <div
            class="relation-labels"
            class:derived=!d.declared
            class:selected=selected
            data-id=d.id.clone()
            title=title
            on:pointerdown=move |ev| press(ctx, &d, &ev)
        >
            {centre.map(|c| view! { <span class="relation-label" style=at(mid)>{c}</span> })}
            {markers}
        </div>
    }
}
