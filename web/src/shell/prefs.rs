//! View preferences of this browser, remembered in `localStorage` across boards and visits:
//! snapping to the grid, whether the minimap is open, and which side panels are open.

use leptos::prelude::*;

use crate::presence::identity::storage;

/// An on/off preference: a signal the view reads, saved whenever it is toggled.
#[derive(Clone)]
pub struct Pref {
    key: &'static str,
    value: ArcRwSignal<bool>,
}

impl Pref {
    fn load(key: &'static str, default: bool) -> Pref {
        let stored = storage().and_then(|s| s.get_item(key).ok().flatten());
        Pref {
            key,
            value: ArcRwSignal::new(stored.map_or(default, |v| v == "on")),
        }
    }

    /// Whether it is on (tracked).
    pub fn get(&self) -> bool {
        self.value.get()
    }

    /// Whether it is on, without tracking.
    pub fn get_untracked(&self) -> bool {
        self.value.get_untracked()
    }

    /// Turns it on or off and remembers that.
    pub fn toggle(&self) {
        let on = !self.value.get_untracked();
        self.value.set(on);
        if let Some(s) = storage() {
            let _ = s.set_item(self.key, if on { "on" } else { "off" });
        }
    }
}

thread_local! {
    static SNAP: Pref = Pref::load("stormwall.snap", false);
    static MINIMAP: Pref = Pref::load("stormwall.minimap", true);
}

/// Whether moves and new stickies snap to the grid (off until turned on).
pub fn snap() -> Pref {
    SNAP.with(Pref::clone)
}

/// Whether the minimap is open (open until closed).
pub fn minimap() -> Pref {
    MINIMAP.with(Pref::clone)
}

/// A switch remembered under `key` in this browser (`default` until first changed): a signal
/// whose every change is saved. For panels that open and fold (the palette, the inspector,
/// the analysis).
pub fn remembered(key: &'static str, default: bool) -> RwSignal<bool> {
    let stored = storage().and_then(|s| s.get_item(key).ok().flatten());
    let on = RwSignal::new(stored.map_or(default, |v| v == "on"));
    Effect::new(move |first: Option<()>| {
        let value = on.get();
        if first.is_some() {
            if let Some(s) = storage() {
                let _ = s.set_item(key, if value { "on" } else { "off" });
            }
        }
    });
    on
}
