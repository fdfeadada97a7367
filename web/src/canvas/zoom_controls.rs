//! The view controls in the bottom-right corner: zoom out and in (each off at its limit), the
//! zoom level, 1:1, fit the whole board, zoom to the selection, and the minimap and snap-to-grid
//! switches.

use leptos::prelude::*;

use crate::shell::prefs;
use crate::shell::state::{BoardCtx, MAX_ZOOM, SIDE_PANEL};

/// Zooms and pans so the selected stickies and frames fill the canvas beside the side panel.
pub fn zoom_to_selection(ctx: BoardCtx) {
    let sel = ctx.selection.get_untracked();
    ctx.fit_where(|id| sel.iter().any(|s| s == id), SIDE_PANEL);
}

/// The zoom, fit and snap buttons.
#[component]
pub fn ZoomControls() -> impl IntoView {
    let ctx = BoardCtx::get();
    let snap = prefs::snap();
    let snapping = {
        let snap = snap.clone();
        move || snap.get()
    };
    let minimap = prefs::minimap();
    let minimap_open = {
        let minimap = minimap.clone();
        move || minimap.get()
    };
    let nothing_selected = move || ctx.selection.with(|s| s.is_empty());
    view! {
        <div class="zoom-controls" role="toolbar" aria-label="View">
            <button title="Zoom out" disabled=move || ctx.zoom.get() <= ctx.least_zoom() on:click=move |_| ctx.zoom_by(1.0 / 1.2)>"−"</button>
            <span class="zoom-level">{move || format!("{:.0}%", ctx.zoom.get() * 100.0)}</span>
            <button title="Zoom in" disabled=move || { ctx.zoom.get() >= MAX_ZOOM } on:click=move |_| ctx.zoom_by(1.2)>"+"</button>
            <button title="Reset view" on:click=move |_| { ctx.zoom.set(1.0); ctx.pan.set((0.0, 0.0)); }>"1:1"</button>
            <span class="zoom-sep"></span>
            <button title="Show the whole board (⇧1)" class="fit" on:click=move |_| ctx.fit()>"Fit"</button>
            <button
                title="Zoom to the selection (⇧2)"
                class="fit-selection"
                disabled=nothing_selected
                on:click=move |_| zoom_to_selection(ctx)
            >"Selection"</button>
            <span class="zoom-sep"></span>
            <button
                class="map-toggle"
                class:on=minimap_open.clone()
                aria-pressed=move || minimap_open().to_string()
                title="Show or hide the minimap"
                on:click=move |_| minimap.toggle()
            >"Map"</button>
            <button
                class="snap-toggle"
                class:on=snapping.clone()
                aria-pressed=move || snapping().to_string()
                title="Snap moves and new stickies to the grid (G)"
                on:click=move |_| snap.toggle()
            >
                <svg class="snap-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                    <path d="M1 5.5h14M1 10.5h14M5.5 1v14M10.5 1v14" />
                </svg>
                "Snap"
            </button>
        </div>
    }
}
