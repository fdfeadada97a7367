//! Running the workshop from the board: the facilitator's controls and what everyone sees of
//! them — the phase with its hint ([`phase_bar`]), the countdown ([`workshop_timer`]), follow me
//! and summons ([`follow_toggle`]), dot voting ([`vote_round`], [`vote_badges`]), the analysis
//! filtered by phase ([`phase_filter`]) and their keys ([`workshop_keys`]).
//!
//! The state is the server's (see `stormwall_model::workshop`): it arrives on the live
//! connection as workshop messages and every control is a command sent back. The server only
//! takes controls from facilitators; the board hides them from everyone else.
//!
//! Silent writing (private mode): while the facilitator
//! has it on, each author's new stickies go to the author's own draft ([`drafts`]) and show
//! only on the author's screen, marked [`private_marker`]; the facilitator turns it on and
//! reveals all ([`silent_writing_switch`]); everyone sees that it is on
//! ([`silent_writing_banner`]).
//!
//! On the stickies themselves (shared state in [`annotations`]): hotspot status, comment threads, and the marks a
//! sticky shows for both (timeline lanes and pivotal events are in [`crate::timeline`]).

pub mod annotations;
pub mod comment_thread;
pub mod drafts;
pub mod follow_toggle;
pub mod hotspot_status;
pub mod phase_bar;
pub mod phase_filter;
pub mod private_marker;
pub mod silent_writing_banner;
pub mod silent_writing_switch;
pub mod sticky_marks;
pub mod vote_badges;
pub mod vote_round;
pub mod workshop_bar;
pub mod workshop_keys;
pub mod workshop_timer;

use leptos::prelude::*;
use stormwall_model::access::Role;
use stormwall_model::workshop::{Command, Phase, StateView};

use crate::shell::notice::Notice;
use crate::shell::state::BoardCtx;

const VOTER_KEY: &str = "stormwall.voter";

/// This browser's id for votes: random, made once and remembered in `localStorage`.
pub fn voter_id() -> String {
    let storage = crate::presence::identity::storage();
    if let Some(id) = storage
        .as_ref()
        .and_then(|s| s.get_item(VOTER_KEY).ok().flatten())
        .filter(|id| !id.is_empty() && id.len() <= 64)
    {
        return id;
    }
    let id = crate::shell::ids::new_id('v');
    if let Some(s) = storage {
        let _ = s.set_item(VOTER_KEY, &id);
    }
    id
}

/// The workshop as this page sees it, shared by the facilitation components.
#[derive(Clone, Copy)]
pub struct Workshop {
    /// The state the server last sent.
    pub state: RwSignal<Option<StateView>>,
    /// The server's clock now, as this page estimates it (ms since the epoch), ticking.
    pub now: RwSignal<i64>,
    /// Server time minus this page's clock.
    offset: StoredValue<i64>,
    /// Whether this page follows the facilitator's view while "follow me" is on.
    pub following: RwSignal<bool>,
    /// Whether the analysis lists only the checks of the phase.
    pub phase_only: RwSignal<bool>,
    /// Whether the facilitator opened the workshop strip (it also shows whenever something
    /// is on).
    pub open: RwSignal<bool>,
    ctx: BoardCtx,
}

impl Workshop {
    /// Sets up the workshop of the board in `ctx` and provides it to the components below.
    pub fn install(ctx: BoardCtx) -> Workshop {
        let state = ctx.live.with_value(|c| c.workshop);
        let w = Workshop {
            state,
            now: RwSignal::new(js_sys::Date::now() as i64),
            offset: StoredValue::new(0),
            following: RwSignal::new(true),
            phase_only: RwSignal::new(false),
            open: RwSignal::new(false),
            ctx,
        };
        provide_context(w);
        // Each state carries the server's clock: correct ours, and say why a control was refused.
        Effect::new(move |_| {
            let Some(s) = state.get() else { return };
            w.offset.set_value(s.now - js_sys::Date::now() as i64);
            w.tick();
            if let Some(reason) = s.refused {
                ctx.notices.show(Notice {
                    text: reason,
                    action: None,
                    holds_keys: false,
                });
            }
        });
        let ticking =
            set_interval_with_handle(move || w.tick(), std::time::Duration::from_millis(250)).ok();
        on_cleanup(move || {
            if let Some(h) = ticking {
                h.clear();
            }
        });
        follow_toggle::install(w);
        vote_round::install(w);
        workshop_keys::install(w);
        w
    }

    /// The workshop of the open board.
    pub fn get() -> Workshop {
        expect_context::<Workshop>()
    }

    fn tick(self) {
        self.now
            .set(js_sys::Date::now() as i64 + self.offset.get_value());
    }

    /// The board this workshop runs on.
    pub fn board(self) -> BoardCtx {
        self.ctx
    }

    /// Whether this page holds a facilitator's link (tracked).
    pub fn is_facilitator(self) -> bool {
        self.ctx
            .live
            .with_value(|c| c.access)
            .with(|a| a.as_ref().is_some_and(|a| a.role == Role::Facilitator))
    }

    /// The board's phase (tracked).
    pub fn phase(self) -> Option<Phase> {
        self.state.with(|s| s.as_ref().and_then(|s| s.phase))
    }

    /// Sends a command; says so when the connection is down.
    pub fn send(self, cmd: Command) {
        if !self.ctx.live.with_value(|c| c.send_workshop(&cmd)) {
            self.tell("Not connected: the workshop control was not sent.");
        }
    }

    /// Shows a short notice.
    pub fn tell(self, text: &str) {
        self.ctx.notices.show(Notice {
            text: text.into(),
            action: None,
            holds_keys: false,
        });
    }
}

/// Why a control is not offered to this page.
pub const FACILITATOR_ONLY: &str = "Only the facilitator runs the workshop controls.";
