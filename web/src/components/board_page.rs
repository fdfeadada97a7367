//! A board: the top bar (name, connection badge), the palette, and the pannable, zoomable
//! canvas holding the stickies. Owns the board's live connection.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use stormwall_model::board::STICKY_SIZE;
use stormwall_model::{doc, Sticky, StickyKind};

use super::connection_badge::ConnectionBadge;
use super::palette::{kind_for_key, Palette};
use super::sticky_note::StickyNote;
use crate::api;
use crate::sync::SyncClient;

/// The live connection, reachable from every component of the board.
pub type Live = StoredValue<Rc<SyncClient>, LocalStorage>;

/// A pointer drag in progress.
#[derive(Debug, Clone, PartialEq)]
pub enum Drag {
    /// Panning the canvas from a screen point with the pan it had.
    Pan { from: (f64, f64), start: (f64, f64) },
    /// Moving a sticky from a screen point with the position it had.
    Move {
        id: String,
        from: (f64, f64),
        start: (f64, f64),
    },
}

fn new_id() -> String {
    let r = (js_sys::Math::random() * 4_294_967_296.0) as u32;
    format!("s{:x}{:08x}", js_sys::Date::now() as u64, r)
}

fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"))
}

/// The board at `/b/{id}`.
#[component]
pub fn BoardPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id")).unwrap_or_default();
    let client = SyncClient::connect(id.clone());
    let board = client.board;
    let status = client.status;
    let reason = client.close_reason;
    let live: Live = StoredValue::new_local(client);
    on_cleanup(move || live.with_value(|c| c.close()));

    let name = RwSignal::new(String::new());
    let missing = RwSignal::new(None::<String>);
    {
        let id = id.clone();
        spawn_local(async move {
            match api::board(&id).await {
                Ok(b) => name.set(b.name),
                Err(e) => missing.set(Some(e)),
            }
        });
    }

    // Canvas view: pan offset (screen px) and zoom factor.
    let pan = RwSignal::new((0.0f64, 0.0f64));
    let zoom = RwSignal::new(1.0f64);
    let selected = RwSignal::new(None::<String>);
    let drag = RwSignal::new(None::<Drag>);

    let add_at = move |kind: StickyKind, x: f64, y: f64| {
        let s = Sticky {
            id: new_id(),
            kind,
            text: String::new(),
            x,
            y,
            w: STICKY_SIZE,
            h: STICKY_SIZE,
            color: None,
            ..Sticky::default()
        };
        let sid = s.id.clone();
        live.with_value(|c| c.edit(|r, txn| doc::put_sticky(r, txn, &s)));
        selected.set(Some(sid.clone()));
        // Focus the new sticky's text so the user can type right away.
        request_animation_frame(move || {
            let sel = format!(".sticky[data-id=\"{sid}\"] textarea");
            if let Some(el) = document().query_selector(&sel).ok().flatten() {
                use wasm_bindgen::JsCast;
                if let Ok(t) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = t.focus();
                }
            }
        });
    };
    let add_centered = move |kind: StickyKind| {
        let w = window();
        let (vw, vh) = (
            w.inner_width()
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(1280.0),
            w.inner_height()
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(800.0),
        );
        let (px, py) = pan.get_untracked();
        let z = zoom.get_untracked();
        let n = board.with_untracked(|b| b.stickies.len()) as f64;
        let jitter = (n % 6.0) * 24.0;
        add_at(
            kind,
            (vw / 2.0 - px) / z - STICKY_SIZE / 2.0 + jitter,
            (vh / 2.0 - py) / z - STICKY_SIZE / 2.0 + jitter,
        );
    };
    let on_add = Callback::new(add_centered);

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if typing_in_field(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        if let Some(kind) = kind_for_key(&ev.key()) {
            ev.prevent_default();
            add_centered(kind);
        } else if ev.key() == "Delete" || ev.key() == "Backspace" {
            if let Some(id) = selected.get_untracked() {
                live.with_value(|c| c.edit(|r, txn| doc::remove_sticky(r, txn, &id)));
                selected.set(None);
            }
        } else if ev.key() == "Escape" {
            selected.set(None);
        }
    });
    on_cleanup(move || keys.remove());

    let on_pointer_down = move |ev: web_sys::PointerEvent| {
        if ev.button() == 0 {
            selected.set(None);
            drag.set(Some(Drag::Pan {
                from: (ev.client_x() as f64, ev.client_y() as f64),
                start: pan.get_untracked(),
            }));
        }
    };
    let on_pointer_move = move |ev: web_sys::PointerEvent| {
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        match drag.get_untracked() {
            Some(Drag::Pan { from, start }) => {
                pan.set((start.0 + x - from.0, start.1 + y - from.1))
            }
            Some(Drag::Move { id, from, start }) => {
                let z = zoom.get_untracked();
                let (nx, ny) = (start.0 + (x - from.0) / z, start.1 + (y - from.1) / z);
                live.with_value(|c| {
                    c.edit(|r, txn| {
                        doc::move_sticky(r, txn, &id, nx.round(), ny.round());
                    })
                });
            }
            None => {}
        }
    };
    let end_drag = move |_| drag.set(None);
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        if ev.ctrl_key() || ev.meta_key() {
            let z = zoom.get_untracked();
            let nz = (z * (-ev.delta_y() * 0.002).exp()).clamp(0.2, 3.0);
            let (px, py) = pan.get_untracked();
            let (mx, my) = (ev.client_x() as f64, ev.client_y() as f64);
            pan.set((mx - (mx - px) * nz / z, my - (my - py) * nz / z));
            zoom.set(nz);
        } else {
            pan.update(|p| {
                p.0 -= ev.delta_x();
                p.1 -= ev.delta_y();
            });
        }
    };
    let on_dblclick = move |ev: web_sys::MouseEvent| {
        let (px, py) = pan.get_untracked();
        let z = zoom.get_untracked();
        add_at(
            StickyKind::DomainEvent,
            (ev.client_x() as f64 - px) / z - STICKY_SIZE / 2.0,
            (ev.client_y() as f64 - py) / z - STICKY_SIZE / 2.0,
        );
    };
    let zoom_by = move |f: f64| zoom.update(|z| *z = (*z * f).clamp(0.2, 3.0));
    let ids = Memo::new(move |_| {
        board.with(|b| b.stickies.iter().map(|s| s.id.clone()).collect::<Vec<_>>())
    });

    view! {
        <div class="board-page">
            <header class="topbar">
                <a class="home-link" href="/" title="All boards">"⚡ Stormwall"</a>
                <h1 class="board-name">{move || name.get()}</h1>
                <ConnectionBadge status=status reason=reason />
            </header>
            {move || missing.get().map(|e| view! { <div class="banner error" role="alert">"This board cannot be opened: " {e}</div> })}
            <Palette on_add=on_add />
            <main
                class="canvas"
                class:panning=move || matches!(drag.get(), Some(Drag::Pan { .. }))
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=end_drag
                on:pointerleave=end_drag
                on:wheel=on_wheel
                on:dblclick=on_dblclick
                style=move || { let (x, y) = pan.get(); format!("background-position:{x}px {y}px; background-size:{s}px {s}px", s = 24.0 * zoom.get()) }
            >
                <div class="world" style=move || { let (x, y) = pan.get(); format!("transform:translate({x}px,{y}px) scale({})", zoom.get()) }>
                    <For each=move || ids.get() key=|id| id.clone() let:sid>
                        <StickyNote id=sid live=live board=board selected=selected drag=drag />
                    </For>
                </div>
                {move || ids.with(|v| v.is_empty()).then(|| view! {
                    <div class="empty-board">
                        <p class="empty-title">"An empty board"</p>
                        <p>"Start with domain events: what happened in the business, in past tense — “Order placed”, “주문됨”."</p>
                        <p>"Pick a sticky from the palette, press 1–0, or double-click the canvas."</p>
                    </div>
                })}
            </main>
            <div class="zoom-controls">
                <button title="Zoom out" on:click=move |_| zoom_by(1.0 / 1.2)>"−"</button>
                <span class="zoom-level">{move || format!("{:.0}%", zoom.get() * 100.0)}</span>
                <button title="Zoom in" on:click=move |_| zoom_by(1.2)>"+"</button>
                <button title="Reset view" on:click=move |_| { zoom.set(1.0); pan.set((0.0, 0.0)); }>"1:1"</button>
            </div>
        </div>
    }
}
