//! One sticky note on the canvas: its colour, its text (editable in place, IME-safe), a grip
//! to drag it by, and its selection outline.

use leptos::html::Textarea;
use leptos::prelude::*;
use stormwall_model::doc;
use stormwall_model::Board;

use super::board_page::{Drag, Live};

/// A sticky note, looked up by id in the board snapshot.
#[component]
pub fn StickyNote(
    id: String,
    live: Live,
    board: RwSignal<Board>,
    selected: RwSignal<Option<String>>,
    drag: RwSignal<Option<Drag>>,
) -> impl IntoView {
    let sid = id.clone();
    let sticky = Memo::new(move |_| board.with(|b| b.sticky(&sid).cloned()));
    let textarea = NodeRef::<Textarea>::new();
    let composing = RwSignal::new(false);

    // Show remote text changes, but never disturb the user's own IME composition.
    Effect::new(move |_| {
        let text = sticky.with(|s| s.as_ref().map(|s| s.text.clone()).unwrap_or_default());
        if let Some(el) = textarea.get() {
            if !composing.get_untracked() && el.value() != text {
                el.set_value(&text);
            }
        }
    });

    let write = {
        let id = id.clone();
        move |value: String| {
            live.with_value(|c| {
                c.edit(|r, txn| {
                    doc::set_sticky_text(r, txn, &id, &value);
                })
            })
        }
    };
    let on_input = {
        let write = write.clone();
        move |ev: web_sys::Event| write(event_target_value(&ev))
    };
    let on_composition_end = move |ev: web_sys::CompositionEvent| {
        composing.set(false);
        write(event_target_value(&ev));
    };
    let grab = {
        let id = id.clone();
        move |ev: web_sys::PointerEvent| {
            if ev.button() != 0 {
                return;
            }
            ev.stop_propagation();
            selected.set(Some(id.clone()));
            if let Some(s) = sticky.get_untracked() {
                drag.set(Some(Drag::Move {
                    id: id.clone(),
                    from: (ev.client_x() as f64, ev.client_y() as f64),
                    start: (s.x, s.y),
                }));
            }
        }
    };
    let is_selected = {
        let id = id.clone();
        move || selected.with(|s| s.as_deref() == Some(id.as_str()))
    };
    let select = {
        let id = id.clone();
        move |_| selected.set(Some(id.clone()))
    };

    view! {
        {move || sticky.get().map(|s| {
            let color = s.color.clone().unwrap_or_else(|| s.kind.default_color().to_string());
            view! {
                <div
                    class="sticky"
                    class:selected=is_selected.clone()
                    data-id=s.id.clone()
                    data-kind=s.kind.as_str()
                    style=format!("left:{}px;top:{}px;width:{}px;height:{}px;background:{}", s.x, s.y, s.w, s.h, color)
                    on:pointerdown=grab.clone()
                >
                    <div class="sticky-kind">{s.kind.label_en()}</div>
                    <textarea
                        node_ref=textarea
                        class="sticky-text"
                        placeholder="Type…"
                        aria-label=format!("{} text", s.kind.label_en())
                        on:pointerdown=move |ev: web_sys::PointerEvent| ev.stop_propagation()
                        on:focus=select.clone()
                        on:input=on_input.clone()
                        on:compositionstart=move |_| composing.set(true)
                        on:compositionend=on_composition_end.clone()
                    ></textarea>
                </div>
            }
        })}
    }
}
