//! Follow me and summons. The facilitator turns "follow me" on (key M): while it is on, their
//! view (the board point at the middle of their canvas and the zoom) goes to the server as it
//! moves, and every participant's canvas follows it. A participant stops following by moving
//! the board themselves, and can follow again with one click (or M). "Bring everyone here"
//! (⇧M) moves everyone to the facilitator's view once.

use leptos::prelude::*;
use stormwall_model::workshop::{Command, View};

use super::Workshop;
use crate::shell::state::BoardCtx;

/// How often at most the facilitator's moving view is sent, in milliseconds.
const VIEW_EVERY_MS: u64 = 100;

/// The view of this page: the board point at the middle of the canvas, and the zoom.
pub fn current(ctx: BoardCtx) -> View {
    let (vw, vh) = ctx.viewport();
    let (px, py) = ctx.pan.get_untracked();
    let zoom = ctx.zoom.get_untracked();
    View {
        x: (vw / 2.0 - px) / zoom,
        y: (vh / 2.0 - py) / zoom,
        zoom,
    }
}

/// Shows `view` on this page's canvas; returns the pan and zoom it set.
fn go(ctx: BoardCtx, view: View) -> ((f64, f64), f64) {
    let zoom = view
        .zoom
        .clamp(crate::shell::state::MIN_ZOOM, crate::shell::state::MAX_ZOOM);
    ctx.zoom.set(zoom);
    ctx.centre_at(view.x, view.y, 0.0);
    (ctx.pan.get_untracked(), zoom)
}

/// M: the facilitator turns follow me on or off; anyone else follows again or stops.
pub fn toggle(w: Workshop) {
    if w.is_facilitator() {
        let on = w
            .state
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.follow.is_some()));
        let view = (!on).then(|| current(w.board()));
        w.send(Command::Follow { view });
    } else {
        w.following.update(|f| *f = !*f);
    }
}

/// ⇧M: brings everyone to the facilitator's view.
pub fn summon(w: Workshop) {
    w.send(Command::Summon {
        view: current(w.board()),
    });
}

/// Sends the facilitator's view while follow me is on, and moves everyone else's.
pub fn install(w: Workshop) {
    let ctx = w.board();
    let following_on = Memo::new(move |_| w.state.with(|s| s.as_ref().and_then(|s| s.follow)));
    // The facilitator's moving view, at most every VIEW_EVERY_MS.
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        ctx.pan.track();
        ctx.zoom.track();
        if !w.is_facilitator()
            || following_on.with_untracked(Option::is_none)
            || pending.get_value()
        {
            return;
        }
        pending.set_value(true);
        set_timeout(
            move || {
                pending.set_value(false);
                if following_on.with_untracked(Option::is_some) {
                    w.send(Command::View { view: current(ctx) });
                }
            },
            std::time::Duration::from_millis(VIEW_EVERY_MS),
        );
    });
    // Everyone else: a new follow-me session follows from the start.
    Effect::new(move |was_on: Option<bool>| {
        let on = following_on.with(Option::is_some);
        if on && was_on == Some(false) {
            w.following.set(true);
        }
        on
    });
    // Follow: the view the facilitator shows, as long as this page has not moved since.
    let applied = StoredValue::new(None::<((f64, f64), f64)>);
    Effect::new(move |_| {
        let Some(view) = following_on.get() else {
            return;
        };
        if w.following.get() && !w.is_facilitator() {
            applied.set_value(Some(go(ctx, view)));
        }
    });
    Effect::new(move |_| {
        let here = (ctx.pan.get(), ctx.zoom.get());
        if let Some(set) = applied.get_value() {
            if set != here && w.following.get_untracked() {
                applied.set_value(None);
                w.following.set(false);
            }
        }
    });
    // A summon moves this page once.
    Effect::new(move |_| {
        let summon = w.state.with(|s| s.as_ref().and_then(|s| s.summon));
        if let Some(view) = summon {
            if !w.is_facilitator() {
                let set = go(ctx, view);
                if applied.get_value().is_some() {
                    applied.set_value(Some(set));
                }
                w.tell("The facilitator brought everyone here.");
            }
        }
    });
}

/// The follow-me switch (facilitator), or the follow / stop-following button (everyone else,
/// while follow me is on), and "Bring everyone here".
#[component]
pub fn FollowToggle() -> impl IntoView {
    let w = Workshop::get();
    let on = move || {
        w.state
            .with(|s| s.as_ref().is_some_and(|s| s.follow.is_some()))
    };
    move || {
        if w.is_facilitator() {
            view! {
                <div class="follow-toggle">
                    <button class="follow-me" class:on=on aria-pressed=move || on().to_string() title="Everyone follows your view (M)" on:click=move |_| toggle(w)>
                        {move || if on() { "Everyone follows you" } else { "Follow me" }}
                    </button>
                    <button class="summon" title="Bring everyone to your view once (⇧M)" on:click=move |_| summon(w)>"Bring everyone here"</button>
                </div>
            }
            .into_any()
        } else if on() {
            view! {
                <div class="follow-toggle">
                    <button class="follow" class:on=move || w.following.get() aria-pressed=move || w.following.get().to_string()
                        title="Follow the facilitator's view; move the board to stop (M)"
                        on:click=move |_| w.following.update(|f| *f = !*f)>
                        {move || if w.following.get() { "Following the facilitator" } else { "Follow the facilitator" }}
                    </button>
                </div>
            }
            .into_any()
        } else {
            ().into_any()
        }
    }
}
