//! The workshop strip at the top of the canvas: phase and hint, countdown, follow me and the
//! vote, and the facilitator's **Workshop** button in the top bar (key W) that opens it.
//! Everyone sees the strip while something is on (a phase, a countdown, follow me, a vote,
//! results); the facilitator's has the controls, with what the board page adds to them (the
//! silent-writing switch), and stays while silent writing is on so Reveal all is at hand.

use leptos::prelude::*;

use super::follow_toggle::FollowToggle;
use super::phase_bar::PhaseBar;
use super::vote_badges::VoteResults;
use super::vote_round::VoteRound;
use super::workshop_timer::WorkshopTimer;
use super::Workshop;
use crate::shell::lazy_panel::lazy_panel;

/// The strip, with `children` after the workshop's own controls.
#[component]
pub fn WorkshopBar(#[prop(optional)] children: Option<ChildrenFn>) -> impl IntoView {
    let w = Workshop::get();
    let drafts = use_context::<super::drafts::Drafts>();
    let silent = move || drafts.is_some_and(|d| d.on.get() == Some(true));
    let active = move || {
        ((w.open.get() || silent()) && w.is_facilitator())
            || w.state.with(|s| {
                s.as_ref().is_some_and(|s| {
                    s.phase.is_some() || s.timer.is_some() || s.follow.is_some() || s.vote.is_some()
                })
            })
            || w.board().board.with(|b| !b.votes.is_empty())
    };
    move || {
        active().then(|| {
            view! {
                <div class="workshop-bar" role="region" aria-label="Workshop">
                    {lazy_panel(preload, split)}
                    {children.clone().map(|c| c())}
                </div>
            }
        })
    }
}

/// The phases, timer, follow me and dot voting, from their own chunk (`shell::lazy_panel`).
#[wasm_split_helpers::wasm_split(workshop_tools, fallible, preload(preload))]
pub(crate) fn split() -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(view! {
        <PhaseBar />
        <WorkshopTimer />
        <FollowToggle />
        <VoteRound />
        <VoteResults />
    }
    .into_any())
}

/// The facilitator's top-bar button that opens and closes the strip.
#[component]
pub fn WorkshopToggle() -> impl IntoView {
    let w = Workshop::get();
    move || {
        w.is_facilitator().then(|| {
            view! {
                <button
                    class="topbar-button workshop-toggle"
                    id="workshop"
                    class:on=move || w.open.get()
                    title="Phases, timer, follow me, dot voting, silent writing (W)"
                    on:click=move |_| w.open.update(|o| *o = !*o)
                >
                    "Workshop"
                </button>
            }
        })
    }
}
