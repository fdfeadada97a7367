//! The analysis in a phase: the findings of the checks that matter in the board's phase come
//! first (marked), and a switch shows only those; with no phase, every finding as it comes.

use leptos::prelude::*;
use stormwall_model::finding::{Finding, Rule};
use stormwall_model::workshop::Phase;

use super::Workshop;

/// `findings` with those that matter in `phase` first (keeping their order), or only those
/// when `only` is set.
pub fn arrange(findings: Vec<Finding>, phase: Option<Phase>, only: bool) -> Vec<Finding> {
    let Some(phase) = phase else {
        return findings;
    };
    let (mut first, rest): (Vec<Finding>, Vec<Finding>) =
        findings.into_iter().partition(|f| phase.matters(f.rule));
    if !only {
        first.extend(rest);
    }
    first
}

/// Whether the analysis panel lists findings of `rule` now: every rule, unless the switch
/// shows only the checks of the workshop's phase.
pub fn shows(rule: Rule) -> bool {
    let Some(w) = use_context::<Workshop>() else {
        return true;
    };
    match w.phase() {
        Some(phase) if w.phase_only.get() => phase.matters(rule),
        _ => true,
    }
}

/// The findings the analysis panel lists now, given the workshop's phase and switch.
pub fn visible(findings: Vec<Finding>) -> Vec<Finding> {
    match use_context::<Workshop>() {
        Some(w) => arrange(findings, w.phase(), w.phase_only.get()),
        None => findings,
    }
}

/// The switch between this phase's checks and every check.
#[component]
pub fn PhaseFilter() -> impl IntoView {
    let w = Workshop::get();
    move || {
        w.phase().map(|p| {
            view! {
                <label class="phase-filter" title="Findings of the checks that matter in this phase come first">
                    <input type="checkbox" prop:checked=move || w.phase_only.get() on:change=move |ev| w.phase_only.set(event_target_checked(&ev)) />
                    {format!("Only the checks of “{}”", p.title(stormwall_model::Lang::En))}
                </label>
            }
        })
    }
}
