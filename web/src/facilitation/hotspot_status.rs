//! A hotspot's status (open → discussed → resolved, or parked): the field in the inspector,
//! the S key's next step, and the tally in the analysis panel (unresolved hotspots first).

use leptos::prelude::*;
use stormwall_model::doc;
use stormwall_model::hotspots::{self, HotspotStatus};
use stormwall_model::{Lang, StickyKind};

use super::annotations::Annotations;
use crate::shell::state::BoardCtx;

/// The status of the hotspot `id` as the board shows it.
pub fn status_memo(id: String) -> Memo<HotspotStatus> {
    let w = Annotations::get();
    Memo::new(move |_| {
        w.marks
            .with(|m| m.hotspots.get(&id).copied().unwrap_or_default())
    })
}

/// Moves the hotspot `id` to the next status of the workshop's cycle.
pub fn cycle(ctx: BoardCtx, id: &str) {
    let next = ctx
        .board
        .with_untracked(|b| hotspots::status_of(b, id).next());
    ctx.edit(|r, txn| doc::set_hotspot_status(r, txn, id, next));
}

/// "Open · 열림".
pub fn label(s: HotspotStatus) -> String {
    format!("{} · {}", s.label(Lang::En), s.label(Lang::Ko))
}

/// The status field of the inspector (hotspots only).
#[component]
pub fn HotspotStatusField(id: String, kind: Signal<StickyKind>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let status = status_memo(id.clone());
    let set = move |ev: web_sys::Event| {
        if let Some(s) = HotspotStatus::parse(&event_target_value(&ev)) {
            ctx.edit(|r, txn| doc::set_hotspot_status(r, txn, &id, s));
        }
    };
    move || {
        (kind.get() == StickyKind::Hotspot).then(|| {
            let set = set.clone();
            view! {
                <label class="field-label" for="inspector-hotspot-status">"Hotspot status (S)"</label>
                <select id="inspector-hotspot-status" class="field hotspot-status-field" on:change=set prop:value=move || status.get().as_str()>
                    {HotspotStatus::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{label(s)}</option> }).collect_view()}
                </select>
            }
        })
    }
}

/// The analysis panel's hotspot line: how many still wait for an answer, and the rest.
#[component]
pub fn HotspotTally() -> impl IntoView {
    let ctx = BoardCtx::get();
    let tally = Memo::new(move |_| ctx.board.with(hotspots::tally));
    move || {
        let t = tally.get();
        let total: usize = t.values().sum();
        (total > 0).then(|| {
            let unresolved: usize = t.iter().filter(|(s, _)| s.is_unresolved()).map(|(_, n)| n).sum();
            let parts = t
                .iter()
                .map(|(s, n)| format!("{n} {}", s.label(Lang::En).to_lowercase()))
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <p class="hotspot-tally" class:clean=unresolved == 0>
                    <b class="unresolved-hotspots">{format!("{unresolved} unresolved hotspot{}", if unresolved == 1 { "" } else { "s" })}</b>
                    " (미해결 핫스폿) — " {parts}
                </p>
            }
        })
    }
}
