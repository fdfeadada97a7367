//! Everyone else's pointer over the canvas: an arrow in their colour with their name, drawn in
//! board coordinates so it points at the same sticky on every screen, at a constant size. A
//! pointer that has not moved for a few seconds fades, so idle cursors do not clutter the
//! board; it comes back as soon as it moves.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::shell::state::BoardCtx;

/// How long a pointer may rest before it fades, in milliseconds.
pub const IDLE_MS: f64 = 5000.0;

/// Whether a pointer last moved at `moved` is idle at `now` (both in milliseconds).
pub fn idle(moved: f64, now: f64) -> bool {
    now - moved >= IDLE_MS
}

/// The other participants' cursors.
#[component]
pub fn RemoteCursors() -> impl IntoView {
    let ctx = BoardCtx::get();
    // Where each pointer was and since when (client → (x, y, ms)).
    let moved = StoredValue::new(HashMap::<u64, (f64, f64, f64)>::new());
    // Re-evaluates which cursors are idle once a second.
    let clock = RwSignal::new(js_sys::Date::now());
    let tick = set_interval_with_handle(
        move || clock.set(js_sys::Date::now()),
        std::time::Duration::from_secs(1),
    )
    .ok();
    on_cleanup(move || {
        if let Some(t) = tick {
            t.clear();
        }
    });
    let cursors = move || {
        let now = js_sys::Date::now();
        ctx.peers.with(|ps| {
            ps.iter()
                .filter_map(|p| {
                    let c = p.state.cursor?;
                    let since = moved
                        .try_update_value(|m| {
                            let e = m.entry(p.client).or_insert((c.x, c.y, now));
                            if (e.0, e.1) != (c.x, c.y) {
                                *e = (c.x, c.y, now);
                            }
                            e.2
                        })
                        .unwrap_or(now);
                    Some((p.client, c.x, c.y, p.state.user.clone(), since))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        {move || {
            let scale = 1.0 / ctx.zoom.get();
            let now = clock.get();
            cursors().into_iter().map(|(client, x, y, user, since)| {
                let color = user.color.clone();
                view! {
                <div
                    class="remote-cursor"
                    class:idle=idle(since, now)
                    data-client=client.to_string()
                    data-name=user.name.clone()
                    style=format!("left:{x}px;top:{y}px;transform:scale({scale})")
                >
                    <svg width="18" height="22" viewBox="0 0 18 22" aria-hidden="true">
                        <path d="M1,1 L1,17 L5.5,13 L8.5,20 L11.5,18.7 L8.6,12 L15,12 Z" fill=color stroke="#fff" stroke-width="1.5" stroke-linejoin="round"></path>
                    </svg>
                    <span class="cursor-name" style=format!("background:{}", user.color)>{user.name.clone()}</span>
                </div>
            }}).collect_view()
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resting_pointer_fades_after_a_few_seconds() {
        assert!(!idle(1000.0, 1000.0 + IDLE_MS - 1.0));
        assert!(idle(1000.0, 1000.0 + IDLE_MS));
    }
}
