//! Votes on the board: while a round is open, a dot on each sticky this page voted for; once it
//! closes, a badge with the rank and the number of votes on each sticky that got any, and the
//! ranked list for the facilitator to walk through.

use leptos::prelude::*;
use stormwall_model::Sticky;

use super::Workshop;

/// Where a badge goes on screen: the top-right corner of the sticky.
fn corner(w: Workshop, s: &Sticky) -> String {
    let ctx = w.board();
    let (ox, oy) = ctx.origin.get();
    let (px, py) = ctx.pan.get();
    let z = ctx.zoom.get();
    format!(
        "left:{}px;top:{}px",
        ox + px + (s.x + s.w) * z - 14.0,
        oy + py + s.y * z - 12.0
    )
}

/// The badges over the canvas.
#[component]
pub fn VoteBadges() -> impl IntoView {
    let w = Workshop::get();
    let ctx = w.board();
    let mine = move || {
        w.state
            .with(|s| {
                s.as_ref()
                    .and_then(|s| s.vote.as_ref())
                    .map(|v| v.mine.clone())
            })
            .unwrap_or_default()
    };
    let results = move || ctx.board.with(|b| b.votes.clone());
    view! {
        <div class="vote-badges" aria-hidden="true">
            {move || mine().into_iter().filter_map(|id| ctx.sticky(&id)).map(|s| {
                let id = s.id.clone();
                view! { <span class="vote-dot" data-id=id style=move || corner(w, &s)></span> }
            }).collect_view()}
            {move || results().into_iter().enumerate().filter_map(|(i, r)| ctx.sticky(&r.sticky).map(|s| (i, r, s))).map(|(i, r, s)| {
                let id = s.id.clone();
                view! {
                    <span class="vote-result" data-id=id title=format!("{} votes", r.votes) style=move || corner(w, &s)>
                        {format!("#{} · {}", i + 1, r.votes)}
                    </span>
                }
            }).collect_view()}
        </div>
    }
}

/// The ranked results of the last vote, with each sticky's text.
#[component]
pub fn VoteResults() -> impl IntoView {
    let w = Workshop::get();
    let ctx = w.board();
    let shown = RwSignal::new(true);
    move || {
        let results = ctx.board.with(|b| b.votes.clone());
        (!results.is_empty() && w.state.with(|s| s.as_ref().is_none_or(|s| s.vote.is_none()))).then(|| view! {
            <div class="vote-results">
                <button class="vote-results-toggle" on:click=move |_| shown.update(|s| *s = !*s)>
                    {format!("Vote results ({})", results.len())}
                </button>
                {move || shown.get().then(|| view! {
                    <ol class="vote-ranking">
                        {results.clone().into_iter().map(|r| {
                            let text = ctx.sticky(&r.sticky).map(|s| s.text).unwrap_or_else(|| "(deleted)".into());
                            let votes = if r.votes == 1 { "1 vote".to_string() } else { format!("{} votes", r.votes) };
                            view! { <li data-id=r.sticky.clone()>{format!("{text} — {votes}")}</li> }
                        }).collect_view()}
                    </ol>
                })}
            </div>
        })
    }
}
