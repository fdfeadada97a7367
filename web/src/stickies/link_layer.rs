//! The links between stickies, drawn as arrows in an SVG layer above the frames and under the
//! stickies, from border to border along the model's elbow routes
//! ([`stormwall_model::routing::links`]): solid for request/response (a synchronous call),
//! dashed for publish/subscribe (an event delivered asynchronously), dotted for annotations
//! and other steps, red when the link breaks the grammar of a flow. A link's label sits on it
//! clear of the stickies. Arrowheads never get smaller than 12 px on screen. A selected link
//! shows a small toolbar to label it, toggle its circuit breaker or delete it. The link being
//! drawn follows the pointer. Routes are computed when stickies or links change, and only for
//! the links near the drawn window (on a big board, typing or dragging routes the few
//! hundred links around the view, not every link of the board, among the stickies around
//! the view as drawn and the others as placed); panning routes only when the drawn window
//! moves. After a change of a thousand stickies or links at once (a big board's first
//! reading), the stickies are fitted and the links routed in tasks of their own
//! ([`super::routing_later`]). From afar on a crowded board
//! the links are painted with the stickies on the far canvas, bundled by line style
//! ([`super::far_links`]).

use std::sync::Arc;

use leptos::prelude::*;
use stormwall_model::board::border_point;
use stormwall_model::doc;
use stormwall_model::flow::{link_role, Role};
use stormwall_model::routing::geom::{Rect, Tenths};
use stormwall_model::routing::links::{routes, LinkRoute};
use stormwall_model::svg::{label_size, label_spot};

use crate::canvas::culling::Window;
use crate::shell::state::{BoardCtx, Drag};
use crate::stickies::far_links::{bundles, Bundle, FarLink};
use crate::stickies::fitting::FitCache;
use crate::stickies::routing_later::Later;

/// How a link is drawn.
#[derive(Debug, Clone, PartialEq)]
struct Drawn {
    id: String,
    route: LinkRoute,
    style: &'static str,
    invalid: bool,
    circuit_breaker: bool,
    label: String,
    /// Where the label goes.
    label_at: (f64, f64),
    /// The box around the route: left, top, right, bottom.
    reach: (f64, f64, f64, f64),
}

impl Drawn {
    /// What an arrow element is made from, as one number: the element stays while its link
    /// is drawn the same way, and is made again when the route or the look changes.
    fn arrow_key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.id, self.style, self.invalid, self.circuit_breaker).hash(&mut h);
        for (x, y) in &self.route.points {
            (x.to_bits(), y.to_bits()).hash(&mut h);
        }
        h.finish()
    }
}

/// A link as routing sees it: id, from and to (indices of stickies), style, invalid, circuit
/// breaker, label.
type LinkShape = (String, usize, usize, &'static str, bool, bool, String);

/// What link routes depend on: the drawn rectangles of the stickies and the links between
/// them.
#[derive(Debug, Clone, PartialEq, Default)]
struct Shapes {
    rects: Vec<Rect>,
    links: Arc<Vec<LinkShape>>,
}

/// What the last [`Shapes`] were made from, so that typing (which changes no link, no
/// sticky's kind and no sticky's place in the board's order: not the board's layout, see
/// [`BoardCtx::with_layout`]) reuses the links as they were.
#[derive(Default)]
struct Inputs {
    /// The layout the links were shaped for.
    layout: Option<u64>,
    shaped: Arc<Vec<LinkShape>>,
}

/// The shapes links near `window` are routed among: stickies around the window and at the
/// ends of links near it as drawn (a keystroke there may grow one), the others as placed.
fn shapes(
    b: &stormwall_model::Board,
    layout: u64,
    window: Window,
    inputs: &mut Inputs,
    fits: &mut FitCache,
) -> Shapes {
    if b.links.is_empty() {
        return Shapes::default();
    }
    if inputs.layout != Some(layout) {
        inputs.layout = Some(layout);
        inputs.shaped = Arc::new(link_shapes(b));
    }
    let placed = |i: usize| b.stickies.get(i).map(|s| (s.x, s.y, s.w, s.h));
    let mut drawn: Vec<bool> = b
        .stickies
        .iter()
        .map(|s| {
            window.overlaps(
                s.x - ROUTE_REACH,
                s.y - ROUTE_REACH,
                s.w + 2.0 * ROUTE_REACH,
                s.h + 2.0 * ROUTE_REACH,
            )
        })
        .collect();
    for l in inputs.shaped.iter() {
        if let (Some(a), Some(z)) = (placed(l.1), placed(l.2)) {
            if near(Some(window), a, z) {
                drawn[l.1] = true;
                drawn[l.2] = true;
            }
        }
    }
    Shapes {
        rects: fits.rects(b, |i| drawn[i]),
        links: inputs.shaped.clone(),
    }
}

fn link_shapes(b: &stormwall_model::Board) -> Vec<LinkShape> {
    let index = |id: &str| match b.stickies.binary_search_by(|s| s.id.as_str().cmp(id)) {
        Ok(i) => Some(i),
        Err(_) => b.stickies.iter().position(|s| s.id == id),
    };
    b.links
        .iter()
        .filter_map(|l| {
            let (a, z) = (index(&l.from)?, index(&l.to)?);
            let role = link_role(b.stickies[a].kind, b.stickies[z].kind);
            Some((
                l.id.clone(),
                a,
                z,
                role.style().as_str(),
                role == Role::Invalid,
                l.circuit_breaker,
                l.label.clone(),
            ))
        })
        .collect()
}

/// The longest arrowhead from afar, in board units (a third of a sticky).
const FAR_HEAD: f64 = 40.0;

/// How far beyond its two stickies a link's route may go (round what is in its way), and so
/// how near the drawn window a link's stickies must be for it to be routed.
const ROUTE_REACH: f64 = 600.0;

/// Whether a link between the rectangles `a` and `z` may pass through `window` (everywhere
/// when there is no window yet).
fn near(window: Option<Window>, a: Rect, z: Rect) -> bool {
    window.is_none_or(|w| {
        let (l, t) = (a.0.min(z.0), a.1.min(z.1));
        let (r, b) = ((a.0 + a.2).max(z.0 + z.2), (a.1 + a.3).max(z.1 + z.3));
        w.overlaps(
            l - ROUTE_REACH,
            t - ROUTE_REACH,
            r - l + 2.0 * ROUTE_REACH,
            b - t + 2.0 * ROUTE_REACH,
        )
    })
}

/// The links near `window`.
fn near_links(s: &Shapes, window: Option<Window>) -> Vec<&LinkShape> {
    s.links
        .iter()
        .filter(|l| near(window, s.rects[l.1], s.rects[l.2]))
        .collect()
}

/// The links `links` of `s`, routed.
fn drawn(s: &Shapes, links: Vec<&LinkShape>) -> Vec<Drawn> {
    let pairs: Vec<(usize, usize)> = links.iter().map(|l| (l.1, l.2)).collect();
    routes(s.rects.clone(), &pairs)
        .into_iter()
        .zip(links)
        .filter(|(r, _)| !r.points.is_empty())
        .map(|(route, (id, _, _, style, invalid, cb, label))| {
            let reach = route.points.iter().fold(
                (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
                |(l, t, r, b), p| (l.min(p.0), t.min(p.1), r.max(p.0), b.max(p.1)),
            );
            let label_at = if label.is_empty() {
                route.middle()
            } else {
                label_spot(label, &route, &s.rects)
            };
            Drawn {
                id: id.clone(),
                route,
                style,
                invalid: *invalid,
                circuit_breaker: *cb,
                label: label.clone(),
                label_at,
                reach,
            }
        })
        .collect()
}

/// The links layer.
#[component]
pub fn LinkLayer(
    /// The stickies' fits, shared with the far view's painting.
    fits: StoredValue<FitCache, LocalStorage>,
) -> impl IntoView {
    let ctx = BoardCtx::get();
    let cache = StoredValue::new_local(Inputs::default());
    let later = Later::new();
    let shapes = Memo::new(move |before: Option<&Shapes>| {
        let (layout, window) = (ctx.layout.get(), ctx.window.get());
        ctx.board.with(|b| {
            if let Some(held) = later.hold(before, b.stickies.len(), layout) {
                return held;
            }
            cache
                .try_update_value(|c| fits.try_update_value(|f| shapes(b, layout, window, c, f)))
                .flatten()
                .unwrap_or_default()
        })
    });
    // Thousands of links newly shaped, or newly near the view (Fit on a big board), are
    // routed in a task after the one that shaped them or moved the view, and bundled for the
    // far view in the next.
    let routes_later = Later::new();
    let all = Memo::new(move |before: Option<&Vec<Drawn>>| {
        let window = ctx.window.get();
        shapes.with(|s| {
            let links = near_links(s, Some(window));
            if let Some(held) = routes_later.hold(before, links.len(), ctx.layout.get_untracked()) {
                return held;
            }
            drawn(s, links)
        })
    });
    // Only the links near the view are in the page.
    let shown = Memo::new(move |_| {
        let window = ctx.window.get();
        all.with(|ds| {
            ds.iter()
                .filter(|d| {
                    let (l, t, r, b) = d.reach;
                    window.overlaps(l, t, r - l, b - t)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // From afar on a crowded board, the links are bundled; only the selected and highlighted
    // ones stay elements, to press and to show their toolbar.
    let detail = crate::canvas::detail::Detail::get();
    let painted = detail.map(|d| d.painted);
    let far = move || painted.is_some_and(|p| p.get());
    let elements = Memo::new(move |_| {
        if !far() {
            return shown.get();
        }
        let (sel, hl) = (ctx.selection.get(), ctx.highlight.get());
        shown.with(|ds| {
            ds.iter()
                .filter(|d| sel.contains(&d.id) || hl.contains(&d.id))
                .cloned()
                .collect()
        })
    });
    let bundles_later = Later::new();
    let bundled = Memo::new(move |before: Option<&Vec<Bundle>>| {
        if !far() {
            return Vec::new();
        }
        // 12 px on screen, but never more than a third of a sticky: from very far the board
        // shows, not a field of arrowheads.
        let head = (12.0 / ctx.zoom.get().clamp(0.01, 1.0)).min(FAR_HEAD);
        shown.with(|ds| {
            if let Some(held) = bundles_later.hold(before, ds.len(), ctx.layout.get_untracked()) {
                return held;
            }
            bundles(
                ds.iter().map(|d| FarLink {
                    route: &d.route,
                    style: d.style,
                    invalid: d.invalid,
                }),
                head,
            )
        })
    });
    // The far canvas paints them.
    if let Some(d) = detail {
        Effect::new(move |_| d.links.set(bundled.get()));
    }
    let pending = move || match ctx.drag.get() {
        Some(Drag::Link { from, to }) => ctx.sticky(&from).map(|s| {
            let (x, y) = border_point(&s, to);
            format!("M{x},{y} L{},{}", to.0, to.1)
        }),
        _ => None,
    };
    let labelled = move || {
        elements.with(|ds| {
            ds.iter()
                .filter(|d| !d.label.is_empty())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    // At least 12 px on screen at any zoom; as drawn on the board above 100 %.
    let head = move || format!("{:.2}", 12.0 / ctx.zoom.get().clamp(0.05, 1.0));

    view! {
        <svg class="links" width="1" height="1" overflow="visible">
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth=head markerHeight=head orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" fill="#5c6370"></path>
                </marker>
                <marker id="arrow-invalid" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth=head markerHeight=head orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" fill="#e03131"></path>
                </marker>
            </defs>
            <For each=move || elements.get() key=Drawn::arrow_key let:d>
                <LinkArrow d=d />
            </For>
            {move || pending().map(|d| view! { <path class="link-pending" d=d marker-end="url(#arrow)"></path> })}
        </svg>
        <For each=labelled key=|d| format!("{}|{}|{:?}", d.id, d.label, d.label_at) let:d>
            <LinkLabel d=d />
        </For>
        {move || {
            let sel = ctx.selection.get();
            all.with(|ds| ds.iter().find(|d| sel.len() == 1 && sel[0] == d.id).cloned())
                .map(|d| view! { <LinkToolbar d=d /> })
        }}
    }
}

#[component]
fn LinkArrow(d: Drawn) -> impl IntoView {
    let ctx = BoardCtx::get();
    let path = d.route.path();
    let (mx, my) = d.route.middle();
    let id = d.id.clone();
    let selected = {
        let id = id.clone();
        move || ctx.is_selected(&id)
    };
    let highlighted = {
        let id = id.clone();
        move || ctx.highlight.with(|h| h.contains(&id))
    };
    let press = move |ev: web_sys::PointerEvent| {
        ev.stop_propagation();
        crate::stickies::sticky_note::press_select(ctx, &id, ev.shift_key());
    };
    let points = d
        .route
        .points
        .iter()
        .map(|&(x, y)| format!("{},{}", Tenths(x), Tenths(y)))
        .collect::<Vec<_>>()
        .join(" ");
    let marker = if d.invalid {
        "url(#arrow-invalid)"
    } else {
        "url(#arrow)"
    };
    view! {
        <g
            class="link"
            class:selected=selected
            class:invalid=d.invalid
            class:highlighted=highlighted
            data-id=d.id.clone()
            data-style=d.style
            data-circuit-breaker=d.circuit_breaker.to_string()
            data-points=points
            on:pointerdown=press
        >
            <path class="link-hit" d=path.clone()></path>
            <path class=format!("link-line {}", d.style) d=path marker-end=marker></path>
            {d.circuit_breaker.then(|| view! {
                <g class="circuit-breaker" transform=format!("translate({mx},{my})")>
                    <rect x="-15" y="-10" width="30" height="20" rx="10"></rect>
                    <text text-anchor="middle" dy="4">"CB"</text>
                </g>
            })}
        </g>
    }
}

/// A link's label, on the line and clear of the stickies; a press selects the link.
#[component]
fn LinkLabel(d: Drawn) -> impl IntoView {
    let ctx = BoardCtx::get();
    let (x, y) = d.label_at;
    let (w, h) = label_size(&d.label);
    // Below a circuit breaker rather than under it.
    let y = if d.circuit_breaker { y + 24.0 } else { y };
    let id = d.id.clone();
    let press = move |ev: web_sys::PointerEvent| {
        ev.stop_propagation();
        crate::stickies::sticky_note::press_select(ctx, &id, ev.shift_key());
    };
    view! {
        <div
            class="link-label"
            data-link=d.id.clone()
            style=format!("left:{:.1}px;top:{:.1}px;width:{w:.1}px;height:{h:.1}px", x - w / 2.0, y - h / 2.0)
            on:pointerdown=press
        >
            {d.label.clone()}
        </div>
    }
}

/// Actions on the selected link, shown at its middle.
#[component]
fn LinkToolbar(d: Drawn) -> impl IntoView {
    let ctx = BoardCtx::get();
    let (mx, my) = d.route.middle();
    let id = d.id.clone();
    let on = d.circuit_breaker;
    let toggle = {
        let id = id.clone();
        move |_| ctx.edit(|r, txn| _ = doc::set_circuit_breaker(r, txn, &id, !on))
    };
    let relabel = {
        let id = id.clone();
        let old = d.label.clone();
        move |ev: web_sys::Event| {
            let value = event_target_value(&ev);
            if value.trim() != old {
                ctx.live.with_value(|c| c.cut_history());
                ctx.edit(|r, txn| _ = doc::set_link_label(r, txn, &id, &value));
            }
        }
    };
    let enter = |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.is_composing() {
            if let Some(el) = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            {
                let _ = el.blur();
            }
        }
    };
    let delete = move |_| {
        ctx.edit(|r, txn| doc::remove_link(r, txn, &id));
        ctx.select(Vec::new());
    };
    let kind = match d.style {
        "request_response" => "request / response",
        "publish_subscribe" => "publish / subscribe",
        _ if d.invalid => "not a flow step",
        _ => "annotation",
    };
    view! {
        <div
            class="link-toolbar"
            style=format!("left:{mx}px;top:{my}px")
            on:pointerdown=|ev: web_sys::PointerEvent| ev.stop_propagation()
        >
            <span class="link-kind">{kind}</span>
            <input
                class="link-label-input"
                aria-label="Link label"
                placeholder="Label…"
                maxlength="200"
                prop:value=d.label.clone()
                on:change=relabel
                on:keydown=enter
            />
            <button class="toggle-cb" class:on=on on:click=toggle title="Protect this call with a circuit breaker">
                {if on { "Circuit breaker ✓" } else { "Circuit breaker" }}
            </button>
            <button class="delete-link" on:click=delete title="Delete this link">"Delete"</button>
        </div>
    }
}
