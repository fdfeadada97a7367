//! What a sticky shows of the workshop: its hotspot status, a flag when it is a pivotal event,
//! and a badge with its number of comments that opens the thread.

use leptos::prelude::*;
use stormwall_model::StickyKind;

use super::annotations::Annotations;
use super::hotspot_status::{label, status_memo};

/// The workshop marks on the sticky `id` of kind `kind`.
#[component]
pub fn StickyMarks(id: String, kind: Memo<Option<StickyKind>>) -> impl IntoView {
    let w = Annotations::get();
    let status = status_memo(id.clone());
    let count = {
        let id = id.clone();
        Memo::new(move |_| w.marks.with(|m| m.comments.get(&id).copied().unwrap_or(0)))
    };
    let pivotal = {
        let id = id.clone();
        Memo::new(move |_| w.marks.with(|m| m.pivotal.binary_search(&id).is_ok()))
    };
    let open = move |ev: web_sys::MouseEvent| {
        ev.stop_propagation();
        w.thread.set(Some(id.clone()));
    };
    view! {
        {move || (kind.get() == Some(StickyKind::Hotspot)).then(|| view! {
            <span class="hotspot-status" data-status=move || status.get().as_str() title="Hotspot status (S to change)">{move || label(status.get())}</span>
        })}
        {move || (pivotal.get() && kind.get() == Some(StickyKind::DomainEvent)).then(|| view! {
            <span class="pivotal-flag" title="Pivotal event (B)">"⚑ pivotal"</span>
        })}
        {move || (count.get() > 0).then(|| {
            let open = open.clone();
            view! {
                <button class="comment-badge" title="Comments (C)" aria-label=move || format!("{} comments", count.get())
                    on:pointerdown=|ev| ev.stop_propagation() on:click=open>
                    {move || count.get()}
                </button>
            }
        })}
    }
}
