//! Everyone else's pointer over the canvas: an arrow in their colour with their name, drawn in
//! board coordinates so it points at the same sticky on every screen, at a constant size.

use leptos::prelude::*;

use crate::shell::state::BoardCtx;

/// The other participants' cursors.
#[component]
pub fn RemoteCursors() -> impl IntoView {
    let ctx = BoardCtx::get();
    let cursors = move || {
        ctx.peers.with(|ps| {
            ps.iter()
                .filter_map(|p| {
                    let c = p.state.cursor?;
                    Some((p.client, c.x, c.y, p.state.user.clone()))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        {move || {
            let scale = 1.0 / ctx.zoom.get();
            cursors().into_iter().map(|(client, x, y, user)| {
                let color = user.color.clone();
                view! {
                <div
                    class="remote-cursor"
                    data-client=client.to_string()
                    data-name=user.name.clone()
                    style=format!("left:{x}px;top:{y}px;transform:scale({scale})")
                >
                    <svg width="18" height="22" viewBox="0 0 18 22">
                        <path d="M1,1 L1,17 L5.5,13 L8.5,20 L11.5,18.7 L8.6,12 L15,12 Z" fill=color stroke="#fff" stroke-width="1.5" stroke-linejoin="round"></path>
                    </svg>
                    <span class="cursor-name" style=format!("background:{}", user.color)>{user.name.clone()}</span>
                </div>
            }}).collect_view()
        }}
    }
}
