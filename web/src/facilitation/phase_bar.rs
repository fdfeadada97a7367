//! The phase strip: which workshop phase the board is in and a one-sentence hint of what to do
//! now (Korean or English), with the facilitator's buttons to go to the previous or next phase
//! or pick one (keys P and ⇧P).

use leptos::prelude::*;
use stormwall_model::workshop::{Command, Phase};
use stormwall_model::Lang;

use super::Workshop;

/// The language of the hint: Korean when the browser prefers it, else English.
fn default_lang() -> Lang {
    let preferred = window().navigator().language().unwrap_or_default();
    if preferred.starts_with("ko") {
        Lang::Ko
    } else {
        Lang::En
    }
}

/// Moves the board one phase on (`forward`) or back; from no phase, to the first.
pub fn step(w: Workshop, forward: bool) {
    let next = match (
        w.state.with_untracked(|s| s.as_ref().and_then(|s| s.phase)),
        forward,
    ) {
        (None, _) => Some(Phase::ALL[0]),
        (Some(p), true) => p.next(),
        (Some(p), false) => p.previous(),
    };
    if let Some(phase) = next {
        w.send(Command::Phase { phase: Some(phase) });
    }
}

/// The phase strip.
#[component]
pub fn PhaseBar() -> impl IntoView {
    let w = Workshop::get();
    let lang = RwSignal::new(default_lang());
    let pick = move |ev: leptos::ev::Event| {
        let phase = Phase::parse(&event_target_value(&ev));
        w.send(Command::Phase { phase });
    };
    view! {
        <div class="phase-bar" data-phase=move || w.phase().map(|p| p.as_str())>
            {move || w.is_facilitator().then(|| view! {
                <button class="phase-prev" title="Previous phase (⇧P)" disabled=move || w.phase().is_none_or(|p| p.previous().is_none()) on:click=move |_| step(w, false)>"◀"</button>
                <select class="phase-pick" aria-label="Workshop phase" on:change=pick prop:value=move || w.phase().map_or("", |p| p.as_str())>
                    <option value="">"No phase"</option>
                    {Phase::ALL.into_iter().enumerate().map(|(i, p)| view! {
                        <option value=p.as_str()>{format!("{}. {} · {}", i + 1, p.title(Lang::En), p.title(Lang::Ko))}</option>
                    }).collect_view()}
                </select>
                <button class="phase-next" title="Next phase (P)" disabled=move || w.phase().is_some_and(|p| p.next().is_none()) on:click=move |_| step(w, true)>"▶"</button>
            })}
            {move || w.phase().map(|p| view! {
                <span class="phase-title">{move || format!("{}/{} {}", p.index() + 1, Phase::ALL.len(), p.title(lang.get()))}</span>
                <span class="phase-hint" role="status">{move || p.hint(lang.get())}</span>
                <button class="lang phase-lang" title="한국어 / English" on:click=move |_| lang.update(|l| *l = if *l == Lang::Ko { Lang::En } else { Lang::Ko })>
                    {move || if lang.get() == Lang::Ko { "EN" } else { "한" }}
                </button>
            })}
        </div>
    }
}
