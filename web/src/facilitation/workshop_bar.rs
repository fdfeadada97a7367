//! The workshop strip at the top of the canvas: phase and hint, countdown, follow me and the
//! vote. The facilitator always has it (with the controls); everyone else sees it while
//! something is on (a phase, a countdown, follow me, a vote, results).

use leptos::prelude::*;

use super::follow_toggle::FollowToggle;
use super::phase_bar::PhaseBar;
use super::vote_badges::VoteResults;
use super::vote_round::VoteRound;
use super::workshop_timer::WorkshopTimer;
use super::Workshop;

/// The strip.
#[component]
pub fn WorkshopBar() -> impl IntoView {
    let w = Workshop::get();
    let active = move || {
        w.is_facilitator()
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
                    <PhaseBar />
                    <WorkshopTimer />
                    <FollowToggle />
                    <VoteRound />
                    <VoteResults />
                </div>
            }
        })
    }
}
