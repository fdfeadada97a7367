//! The links between stickies, drawn as arrows in an SVG layer under the stickies: solid for
//! request/response (a synchronous call), dashed for publish/subscribe (an event delivered
//! asynchronously), dotted for annotations and other steps, red when the link breaks the
//! grammar of a flow. A selected link shows a small toolbar to toggle its circuit breaker or
//! delete it. The link being drawn follows the pointer.

use leptos::prelude::*;
use stormwall_model::board::border_point;
use stormwall_model::doc;
use stormwall_model::flow::{link_role, Role};

use crate::shell::state::{BoardCtx, Drag};

/// How a link is drawn.
#[derive(Debug, Clone, PartialEq)]
struct Drawn {
    id: String,
    from: (f64, f64),
    to: (f64, f64),
    style: &'static str,
    invalid: bool,
    circuit_breaker: bool,
}

fn style_name(role: Role) -> &'static str {
    role.style().as_str()
}

/// The links layer.
#[component]
pub fn LinkLayer() -> impl IntoView {
    let ctx = BoardCtx::get();
    let drawn = Memo::new(move |_| {
        ctx.board.with(|b| {
            let sticky = |id: &str| b.sticky(id);
            let window = ctx.window.get();
            b.links
                .iter()
                .filter_map(|l| {
                    let (a, z) = (sticky(&l.from)?, sticky(&l.to)?);
                    let (left, top) = (a.x.min(z.x), a.y.min(z.y));
                    let (right, bottom) = ((a.x + a.w).max(z.x + z.w), (a.y + a.h).max(z.y + z.h));
                    if !window.is_none_or(|w| w.overlaps(left, top, right - left, bottom - top)) {
                        return None;
                    }
                    let role = link_role(a.kind, z.kind);
                    Some(Drawn {
                        id: l.id.clone(),
                        from: border_point(a, z.centre()),
                        to: border_point(z, a.centre()),
                        style: style_name(role),
                        invalid: role == Role::Invalid,
                        circuit_breaker: l.circuit_breaker,
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let pending = move || match ctx.drag.get() {
        Some(Drag::Link { from, to }) => ctx.sticky(&from).map(|s| {
            let (x, y) = border_point(&s, to);
            format!("M{x},{y} L{},{}", to.0, to.1)
        }),
        _ => None,
    };

    view! {
        <svg class="links" width="1" height="1" overflow="visible">
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" fill="#5c6370"></path>
                </marker>
            </defs>
            <For each=move || drawn.get() key=|d| format!("{d:?}") let:d>
                <LinkArrow d=d />
            </For>
            {move || pending().map(|d| view! { <path class="link-pending" d=d marker-end="url(#arrow)"></path> })}
        </svg>
        {move || {
            let sel = ctx.selection.get();
            drawn.with(|ds| ds.iter().find(|d| sel.len() == 1 && sel[0] == d.id).cloned())
                .map(|d| view! { <LinkToolbar d=d /> })
        }}
    }
}

#[component]
fn LinkArrow(d: Drawn) -> impl IntoView {
    let ctx = BoardCtx::get();
    let path = format!("M{},{} L{},{}", d.from.0, d.from.1, d.to.0, d.to.1);
    let (mx, my) = ((d.from.0 + d.to.0) / 2.0, (d.from.1 + d.to.1) / 2.0);
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
    view! {
        <g
            class="link"
            class:selected=selected
            class:invalid=d.invalid
            class:highlighted=highlighted
            data-id=d.id.clone()
            data-style=d.style
            data-circuit-breaker=d.circuit_breaker.to_string()
            on:pointerdown=press
        >
            <path class="link-hit" d=path.clone()></path>
            <path class=format!("link-line {}", d.style) d=path marker-end="url(#arrow)"></path>
            {d.circuit_breaker.then(|| view! {
                <g class="circuit-breaker" transform=format!("translate({mx},{my})")>
                    <rect x="-15" y="-10" width="30" height="20" rx="10"></rect>
                    <text text-anchor="middle" dy="4">"CB"</text>
                </g>
            })}
        </g>
    }
}

/// Actions on the selected link, shown at its middle.
#[component]
fn LinkToolbar(d: Drawn) -> impl IntoView {
    let ctx = BoardCtx::get();
    let (mx, my) = ((d.from.0 + d.to.0) / 2.0, (d.from.1 + d.to.1) / 2.0);
    let id = d.id.clone();
    let on = d.circuit_breaker;
    let toggle = {
        let id = id.clone();
        move |_| ctx.edit(|r, txn| _ = doc::set_circuit_breaker(r, txn, &id, !on))
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
            <button class="toggle-cb" class:on=on on:click=toggle title="Protect this call with a circuit breaker">
                {if on { "Circuit breaker ✓" } else { "Circuit breaker" }}
            </button>
            <button class="delete-link" on:click=delete title="Delete this link">"Delete"</button>
        </div>
    }
}
