//! Pivotal events as phase boundaries: a dashed vertical line through each pivotal domain
//! event, across everything on the board, labelled with the event; and the inspector's switch
//! that marks a domain event pivotal (also the B key).

use leptos::prelude::*;
use stormwall_model::timeline::{boundaries, Boundary};
use stormwall_model::StickyKind;

use crate::facilitation::annotations::{toggle_pivotal, Annotations};
use crate::shell::state::BoardCtx;

/// How far a boundary reaches beyond the board's top and bottom, in board units.
const REACH: f64 = 120.0;

/// The boundaries of the board's pivotal events and the heights they span.
fn lines(b: &stormwall_model::Board) -> (Vec<Boundary>, f64, f64) {
    let found = boundaries(b);
    if found.is_empty() {
        return (found, 0.0, 0.0);
    }
    let spans = b
        .stickies
        .iter()
        .map(|s| (s.y, s.y + s.h))
        .chain(b.lanes.iter().map(|l| (l.y, l.y + l.h)))
        .filter(|(t, e)| t.is_finite() && e.is_finite());
    let (top, bottom) = spans.fold((f64::MAX, f64::MIN), |(t, e), (a, z)| (t.min(a), e.max(z)));
    (found, top - REACH, bottom + REACH)
}

/// Every pivotal boundary, drawn in the world layer under the stickies.
#[component]
pub fn PivotalLines() -> impl IntoView {
    let ctx = BoardCtx::get();
    let w = Annotations::get();
    let drawn = Memo::new(move |_| {
        if w.marks.with(|m| m.pivotal.is_empty()) {
            return (Vec::new(), 0.0, 0.0);
        }
        ctx.board.with(lines)
    });
    move || {
        let (found, top, bottom) = drawn.get();
        found
            .into_iter()
            .map(|b| {
                view! {
                    <div class="pivotal-line" data-id=b.sticky.clone()
                        style=format!("left:{}px;top:{}px;height:{}px", b.x, top, bottom - top)>
                        <span class="pivotal-label" dir="auto">{format!("⚑ {}", b.text)}</span>
                    </div>
                }
            })
            .collect_view()
    }
}

/// The inspector's "pivotal event" switch (domain events only).
#[component]
pub fn PivotalToggle(id: String, kind: Signal<StickyKind>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let w = Annotations::get();
    let on = {
        let id = id.clone();
        Memo::new(move |_| w.marks.with(|m| m.pivotal.binary_search(&id).is_ok()))
    };
    move || {
        (kind.get() == StickyKind::DomainEvent).then(|| {
            let id = id.clone();
            view! {
                <label class="pivotal-toggle">
                    <input type="checkbox" class="pivotal-check" prop:checked=move || on.get()
                        on:change=move |_| toggle_pivotal(ctx, &id) />
                    " Pivotal event — a phase boundary on the timeline (B)"
                </label>
            }
        })
    }
}
