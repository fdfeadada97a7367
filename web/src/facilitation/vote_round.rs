//! Dot voting: the facilitator opens a round on some sticky kinds (hotspots unless chosen
//! otherwise) with N votes per person, and closes it (key V does either); while it is open
//! anyone with a participant's or facilitator's link clicks a sticky of those kinds to place a
//! vote, and clicks it again to take it back. Each page knows only its own votes; the ranked
//! results arrive with the board when the round closes.

use crate::shell::capture::on_window_capture;
use leptos::prelude::*;
use stormwall_model::workshop::wire::VoteView;
use stormwall_model::workshop::Command;
use stormwall_model::StickyKind;
use wasm_bindgen::JsCast;

use super::Workshop;

/// Votes per person a round offers unless the facilitator says otherwise.
pub const DEFAULT_VOTES: u8 = 3;

fn round(w: Workshop) -> Option<VoteView> {
    w.state.with(|s| s.as_ref().and_then(|s| s.vote.clone()))
}

/// V: opens a round on hotspots with the default votes, or closes the open one.
pub fn toggle(w: Workshop) {
    if w.state
        .with_untracked(|s| s.as_ref().is_some_and(|s| s.vote.is_some()))
    {
        w.send(Command::VoteClose);
    } else {
        w.send(Command::VoteOpen {
            kinds: vec![StickyKind::Hotspot],
            per_person: DEFAULT_VOTES,
        });
    }
}

/// While a round is open, a press on a sticky of its kinds votes instead of selecting,
/// dragging or editing it: the listener runs first (capture on the window) and keeps the press.
pub fn install(w: Workshop) {
    on_window_capture("pointerdown", move |ev: web_sys::PointerEvent| {
        if let Some(id) = votable(w, &ev) {
            ev.prevent_default();
            ev.stop_propagation();
            w.send(Command::Vote { sticky: id });
        }
    });
}

/// The id of the sticky a plain press is on, when the open round votes on its kind.
fn votable(w: Workshop, ev: &web_sys::PointerEvent) -> Option<String> {
    let kinds = w
        .state
        .try_with_untracked(|s| {
            s.as_ref()
                .and_then(|s| s.vote.as_ref())
                .map(|v| v.kinds.clone())
        })
        .flatten()?;
    if ev.button() != 0 || ev.shift_key() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return None;
    }
    let sticky = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".sticky[data-id]").ok().flatten())?;
    let kind = sticky
        .get_attribute("data-kind")
        .and_then(|k| StickyKind::parse(&k))?;
    kinds
        .contains(&kind)
        .then(|| sticky.get_attribute("data-id"))
        .flatten()
}

fn kinds_label(kinds: &[StickyKind]) -> String {
    kinds
        .iter()
        .map(|k| format!("{} · {}", k.label_en(), k.label_ko()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The round's status for everyone, and the facilitator's open/close controls.
#[component]
pub fn VoteRound() -> impl IntoView {
    let w = Workshop::get();
    let choosing = RwSignal::new(false);
    let kinds = RwSignal::new(vec![StickyKind::Hotspot]);
    let votes = RwSignal::new(DEFAULT_VOTES);
    let open = move |_| {
        choosing.set(false);
        w.send(Command::VoteOpen {
            kinds: kinds.get_untracked(),
            per_person: votes.get_untracked(),
        });
    };
    let chooser = move || {
        view! {
            <div class="vote-chooser" role="dialog" aria-label="Open a vote">
                <p>"Vote on:"</p>
                {StickyKind::ALL.into_iter().map(|k| view! {
                    <label class="vote-kind">
                        <input type="checkbox" data-kind=k.as_str() prop:checked=move || kinds.with(|ks| ks.contains(&k))
                            on:change=move |ev| kinds.update(|ks| if event_target_checked(&ev) { ks.push(k) } else { ks.retain(|x| *x != k) }) />
                        {k.label_en()}
                    </label>
                }).collect_view()}
                <label class="vote-count">"Votes per person "
                    <input type="number" min="1" max="20" prop:value=move || votes.get().to_string()
                        on:change=move |ev| votes.set(event_target_value(&ev).parse().unwrap_or(DEFAULT_VOTES)) />
                </label>
                <button class="vote-open" on:click=open>"Open the vote"</button>
                <button class="vote-dismiss" on:click=move |_| choosing.set(false)>"Cancel"</button>
            </div>
        }
    };
    view! {
        <div class="vote-round">
            {move || round(w).map(|r| view! {
                <span class="vote-status" role="status">
                    {format!("Dot voting on {} — click to vote: {} of {} left", kinds_label(&r.kinds), r.left, r.per_person)}
                </span>
            })}
            {move || w.is_facilitator().then(|| match round(w) {
                Some(_) => view! {
                    <button class="vote-close" title="Close the vote and show the results (V)" on:click=move |_| w.send(Command::VoteClose)>"Close vote"</button>
                    <button class="vote-cancel" title="Drop this vote without results" on:click=move |_| w.send(Command::VoteCancel)>"×"</button>
                }.into_any(),
                None => view! {
                    <button class="vote-start" title="Dot voting: open a round (V opens one on hotspots)" on:click=move |_| choosing.update(|c| *c = !*c)>"Vote…"</button>
                    {move || choosing.get().then(chooser)}
                }.into_any(),
            })}
        </div>
    }
}
