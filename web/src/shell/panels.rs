//! Which of the board's panels are open — the palette, the sticky inspector, the analysis —
//! remembered by this browser. By default only the palette is: a selection shows the small
//! floating toolbar, and the full inspector opens on demand (its button or the I key), so the
//! canvas keeps most of the window.

use leptos::prelude::*;

use crate::shell::prefs::remembered;

/// The open panels of a board page, provided as a context by the board page.
#[derive(Clone, Copy)]
pub struct Panels {
    /// The sticky palette (folded to one button when closed).
    pub palette: RwSignal<bool>,
    /// The full inspector of the one selected sticky.
    pub inspector: RwSignal<bool>,
    /// The analysis panel.
    pub analysis: RwSignal<bool>,
}

impl Panels {
    /// The panels as this browser left them.
    pub fn remembered() -> Panels {
        Panels {
            palette: remembered("stormwall.palette", true),
            inspector: remembered("stormwall.inspector", false),
            analysis: remembered("stormwall.analysis", false),
        }
    }

    /// The context provided by the board page.
    pub fn get() -> Panels {
        expect_context::<Panels>()
    }
}
