//! The countdown everyone sees, computed from the server's clock so every screen agrees and a
//! reload changes nothing. The facilitator starts it (a few presets), pauses and resumes it
//! (key T) and adds a minute (⇧T). When it reaches zero it pulses; a soft tone can be switched
//! on per browser (off by default).

use leptos::prelude::*;
use stormwall_model::workshop::timer::format_remaining;
use stormwall_model::workshop::{Command, Timer};

use super::Workshop;
use crate::shell::prefs;

/// Durations offered, in minutes.
const PRESETS: [i64; 6] = [2, 3, 5, 10, 15, 25];
/// The duration T starts when no countdown is set.
pub const DEFAULT_MINUTES: i64 = 5;

fn timer(w: Workshop) -> Option<Timer> {
    w.state.with(|s| s.as_ref().and_then(|s| s.timer))
}

/// T: starts a countdown, else pauses or resumes it.
pub fn toggle(w: Workshop) {
    let now = w.now.get_untracked();
    match w.state.with_untracked(|s| s.as_ref().and_then(|s| s.timer)) {
        None => w.send(Command::TimerStart {
            ms: DEFAULT_MINUTES * 60_000,
        }),
        Some(t) if t.ended(now) => w.send(Command::TimerStart { ms: t.total_ms }),
        Some(t) if t.running_since.is_some() => w.send(Command::TimerPause),
        Some(_) => w.send(Command::TimerResume),
    }
}

/// ⇧T: one more minute.
pub fn extend(w: Workshop) {
    w.send(Command::TimerExtend { ms: 60_000 });
}

/// Plays a short, quiet tone.
fn chime() {
    let Ok(audio) = web_sys::AudioContext::new() else {
        return;
    };
    let (Ok(osc), Ok(gain)) = (audio.create_oscillator(), audio.create_gain()) else {
        return;
    };
    let t = audio.current_time();
    osc.frequency().set_value(660.0);
    let _ = gain.gain().set_value_at_time(0.08, t);
    let _ = gain
        .gain()
        .exponential_ramp_to_value_at_time(0.001, t + 1.2);
    let _ = osc.connect_with_audio_node(&gain);
    let _ = gain.connect_with_audio_node(&audio.destination());
    let _ = osc.start();
    let _ = osc.stop_with_when(t + 1.2);
}

/// The countdown and, for the facilitator, its controls.
#[component]
pub fn WorkshopTimer() -> impl IntoView {
    let w = Workshop::get();
    let sound = prefs::remembered("stormwall.timer-sound", false);
    let minutes = RwSignal::new(DEFAULT_MINUTES);
    let remaining = Memo::new(move |_| timer(w).map(|t| t.remaining(w.now.get())));
    let ended = move || remaining.get() == Some(0);
    let running = move || timer(w).is_some_and(|t| t.running(w.now.get()));
    // The tone sounds when this page sees the countdown reach zero, not on a later reload.
    Effect::new(move |was: Option<Option<i64>>| {
        let left = remaining.get();
        if left == Some(0) && matches!(was, Some(Some(l)) if l > 0) && sound.get_untracked() {
            chime();
        }
        left
    });
    let start = move |_| {
        w.send(Command::TimerStart {
            ms: minutes.get_untracked() * 60_000,
        })
    };
    view! {
        <div class="workshop-timer" class:ended=ended class:running=running class:idle=move || timer(w).is_none()>
            {move || remaining.get().map(|ms| view! {
                <span class="timer-face" role="timer" aria-live="off" title="Time left">{format_remaining(ms)}</span>
            })}
            {move || w.is_facilitator().then(|| view! {
                {move || timer(w).is_none().then(|| view! {
                    <select class="timer-minutes" aria-label="Minutes" on:change=move |ev| minutes.set(event_target_value(&ev).parse().unwrap_or(DEFAULT_MINUTES)) prop:value=move || minutes.get().to_string()>
                        {PRESETS.into_iter().map(|m| view! { <option value=m.to_string()>{format!("{m} min")}</option> }).collect_view()}
                    </select>
                    <button class="timer-start" title="Start the countdown (T)" on:click=start>"Start"</button>
                })}
                {move || timer(w).is_some().then(|| view! {
                    <button class="timer-toggle" title="Pause or resume (T)" on:click=move |_| toggle(w)>
                        {move || if running() { "Pause" } else { "Resume" }}
                    </button>
                    <button class="timer-extend" title="One more minute (⇧T)" on:click=move |_| extend(w)>"+1 min"</button>
                    <button class="timer-clear" title="Remove the countdown" on:click=move |_| w.send(Command::TimerClear)>"×"</button>
                })}
            })}
            {move || timer(w).is_some().then(|| view! {
                <label class="timer-sound" title="A soft tone when time is up (this browser)">
                    <input type="checkbox" prop:checked=move || sound.get() on:change=move |ev| sound.set(event_target_checked(&ev)) />
                    "Sound"
                </label>
            })}
        </div>
    }
}
