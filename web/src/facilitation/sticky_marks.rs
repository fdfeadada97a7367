//! What a sticky shows of the workshop: its hotspot status, a flag when it is a pivotal event,
//! and a badge with its number of comments that opens the thread. Most stickies show none of
//! them, and pay for one memo and one empty spot.

use leptos::prelude::*;
use stormwall_model::hotspots::HotspotStatus;
use stormwall_model::StickyKind;

use super::annotations::Annotations;
use super::hotspot_status::label;

/// The marks one sticky shows.
#[derive(Clone, Copy, PartialEq)]
struct Shown {
    /// The status, when the sticky is a hotspot.
    status: Option<HotspotStatus>,
    /// A pivotal domain event.
    pivotal: bool,
    comments: usize,
}

/// The workshop marks on the sticky `id` of kind `kind`.
#[component]
pub fn StickyMarks(id: String, kind: Memo<Option<StickyKind>>) -> impl IntoView {
    let w = Annotations::get();
    let shown = {
        let id = id.clone();
        Memo::new(move |_| {
            let kind = kind.get();
            w.marks.with(|m| {
                let s = Shown {
                    status: (kind == Some(StickyKind::Hotspot))
                        .then(|| m.hotspots.get(&id).copied().unwrap_or_default()),
                    pivotal: kind == Some(StickyKind::DomainEvent)
                        && m.pivotal.binary_search(&id).is_ok(),
                    comments: m.comments.get(&id).copied().unwrap_or(0),
                };
                (s.status.is_some() || s.pivotal || s.comments > 0).then_some(s)
            })
        })
    };
    move || {
        shown.get().map(|s| {
            let id = id.clone();
            let open = move |ev: web_sys::MouseEvent| {
                ev.stop_propagation();
                w.thread.set(Some(id.clone()));
            };
            view! {
                {s.status.map(|st| view! {
                    <span class="hotspot-status" data-status=st.as_str() title="Hotspot status (S to change)">{label(st)}</span>
                })}
                {s.pivotal.then(|| view! {
                    <span class="pivotal-flag" title="Pivotal event (B)">"⚑ pivotal"</span>
                })}
                {(s.comments > 0).then(|| view! {
                    <button class="comment-badge" title="Comments (C)" aria-label=format!("{} comments", s.comments)
                        on:pointerdown=|ev| ev.stop_propagation() on:click=open>
                        {s.comments}
                    </button>
                })}
            }
        })
    }
}
