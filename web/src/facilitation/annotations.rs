//! What the workshop features share, provided once by the board page: who is writing (the
//! presence name and this browser's author key), whose comment thread is open, and the
//! board's hotspot statuses, comment counts, pivotal marks and lanes, settled so that they
//! change only when those do ([`crate::shell::settled`]) and typing in a sticky re-renders no
//! badge. Also their keys: S moves the selected hotspot to its next status, C opens the
//! selected sticky's comments, B marks the selected domain event pivotal — a boundary of the
//! timeline — (or not).

use std::collections::BTreeMap;

use leptos::prelude::*;
use stormwall_model::hotspots::HotspotStatus;
use stormwall_model::timeline::Lane;
use stormwall_model::{doc, StickyKind};

use crate::presence::awareness::User;
use crate::shell::keys;
use crate::shell::settled::settled;
use crate::shell::state::BoardCtx;

const AUTHOR_KEY: &str = "stormwall.author-key";

/// The workshop state of the board, as the stickies show it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    /// Hotspot statuses by sticky id (absent: open).
    pub hotspots: BTreeMap<String, HotspotStatus>,
    /// Comment counts by sticky id (only stickies with comments).
    pub comments: BTreeMap<String, usize>,
    /// Pivotal domain events, sorted.
    pub pivotal: Vec<String>,
    /// Swimlanes.
    pub lanes: Vec<Lane>,
}

/// Shared workshop state of an open board.
#[derive(Clone, Copy)]
pub struct Annotations {
    /// Who this page is (presence).
    pub me: RwSignal<User>,
    /// This browser's author key: comments written with it are "mine".
    pub key: StoredValue<String>,
    /// The sticky whose comment thread is open.
    pub thread: RwSignal<Option<String>>,
    /// The board's workshop marks, settled: every sticky element reads them.
    pub marks: ReadSignal<Marks>,
}

impl Annotations {
    /// Provides the workshop state for the board page and installs its keys.
    pub fn provide(ctx: BoardCtx, me: RwSignal<User>) {
        let marks = settled(move || {
            ctx.board.with(|b| Marks {
                hotspots: b.hotspots.clone(),
                comments: stormwall_model::comments::counts(b),
                pivotal: b.pivotal.clone(),
                lanes: b.lanes.clone(),
            })
        });
        let w = Annotations {
            me,
            key: StoredValue::new(author_key()),
            thread: RwSignal::new(None),
            marks,
        };
        provide_context(w);
        install_keys(ctx, w);
    }

    /// The workshop state provided by the board page.
    pub fn get() -> Annotations {
        expect_context::<Annotations>()
    }
}

/// This browser's author key, made once and remembered (a fresh one per page without storage).
fn author_key() -> String {
    let store = crate::presence::identity::storage();
    if let Some(k) = store
        .as_ref()
        .and_then(|s| s.get_item(AUTHOR_KEY).ok().flatten())
        .filter(|k| !k.is_empty())
    {
        return k;
    }
    let part = || {
        format!(
            "{:08x}",
            (js_sys::Math::random() * f64::from(u32::MAX)) as u32
        )
    };
    let key = format!("{}{}{}", part(), part(), part());
    if let Some(s) = store {
        let _ = s.set_item(AUTHOR_KEY, &key);
    }
    key
}

/// The one selected sticky and its kind.
fn selected_sticky(ctx: BoardCtx) -> Option<(String, StickyKind)> {
    let sel = ctx.selection.get_untracked();
    let [id] = sel.as_slice() else {
        return None;
    };
    ctx.board
        .with_untracked(|b| b.sticky(id).map(|s| (s.id.clone(), s.kind)))
}

/// Marks or unmarks the domain event `id` as pivotal.
pub fn toggle_pivotal(ctx: BoardCtx, id: &str) {
    let on = ctx
        .board
        .with_untracked(|b| b.pivotal.iter().any(|p| p == id));
    ctx.edit(|r, txn| doc::set_pivotal(r, txn, id, !on));
}

fn install_keys(ctx: BoardCtx, w: Annotations) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let plain = !(ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.shift_key());
        if !plain || ev.is_composing() || keys::meant_for_field(&ev) || ctx.notices.holds_keys() {
            return;
        }
        let Some((id, kind)) = selected_sticky(ctx) else {
            return;
        };
        match keys::letter(&ev) {
            Some('s') if kind == StickyKind::Hotspot => {
                super::hotspot_status::cycle(ctx, &id);
            }
            Some('c') => w.thread.update(|t| {
                *t = if t.as_deref() == Some(&id) {
                    None
                } else {
                    Some(id)
                }
            }),
            Some('b') if kind == StickyKind::DomainEvent => toggle_pivotal(ctx, &id),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
}
