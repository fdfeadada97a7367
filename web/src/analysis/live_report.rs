//! The board's analysis as the page holds it, kept up to date in the background: when the
//! board changes, what changed is sent to the analysis worker ([`super::worker`]) once it
//! settles, never between keystrokes, and never taking more than a small share of the page's
//! time; the last report, and why the last analysis failed if it did, are signals for the
//! panel and the toolbar's badge. The worker keeps a copy of the board's document: it is sent
//! the server's first state as it came, then the document's updates since the state it
//! reported, and this page's private stickies, so the page never writes out a big board.

use leptos::prelude::*;
use stormwall_model::analysis::wire::Feed;
use stormwall_model::analysis::Report;
use yrs::{ReadTxn, StateVector, Transact};

use super::worker::AnalysisWorker;
use crate::facilitation::drafts::Drafts;
use crate::shell::idle::{when_idle, when_quiet};
use crate::shell::state::BoardCtx;

/// At the latest this long after the board settled, the analysis runs even if the browser
/// never idles (a busy page would otherwise postpone it without end).
const IDLE_TIMEOUT_MS: u32 = 500;
/// Until the first report, the analysis waits for the page to be idle this long in one
/// stretch (ms): the board is drawn. Starting the worker and handing it a big board keep a
/// second core busy for a while (half a second for 10,000 stickies), which would otherwise
/// slow the drawing of the board's first picture on a machine of two.
const FIRST_QUIET_MS: f64 = 40.0;
/// ... or for this long at the latest (ms), on a page that never idles that long.
const FIRST_QUIET_TIMEOUT_MS: u32 = 3000;

/// The board's analysis as the page holds it: the last report (none until the first comes
/// back from the worker) and why the last analysis failed, if it did.
#[derive(Clone, Copy)]
pub struct LiveReport {
    /// The last report.
    pub report: ReadSignal<Option<Report>>,
    /// Why the last analysis failed (cleared by the next report).
    pub trouble: ReadSignal<Option<String>>,
}

impl LiveReport {
    /// `f` of the report, or the default while there is none yet.
    pub fn with<T: Default>(self, f: impl FnOnce(&Report) -> T) -> T {
        self.report.with(|r| r.as_ref().map(f).unwrap_or_default())
    }

    /// Errors and warnings, for the toolbar's badge (none before the first report).
    pub fn problems(self) -> Option<usize> {
        self.report.with(|r| {
            r.as_ref()
                .map(|r| r.analysis.summary.errors + r.analysis.summary.warnings)
        })
    }
}

/// How long the board must stay unchanged before the analysis runs again: a burst of edits
/// (a paste, a remote typist) is analysed once.
const SETTLE_MS: u64 = 120;
/// The same while this page types into a sticky or drags: the analysis waits for a pause in
/// the typing, the way an editor's spell check does, so writing the board out for it never
/// takes a frame from a keystroke or a drag on a big board.
const SETTLE_BUSY_MS: u64 = 900;
/// While the board keeps changing (others typing), the analysis still runs this often.
const MAX_WAIT_MS: f64 = 1000.0;
/// The same while this page types or drags without a pause.
const MAX_WAIT_BUSY_MS: f64 = 5000.0;
/// While the board keeps changing, the page's part of the analysis (writing the board out,
/// reading the report) takes at most this share of the page's time: on a big board watched
/// while many people type, it runs less often rather than take frames.
const MAX_SHARE: f64 = 0.05;

/// The board's analysis, kept up to date in the background by the analysis worker
/// ([`super::worker`]): once the board has settled for [`SETTLE_MS`] ([`SETTLE_BUSY_MS`] while
/// this page types or drags), or every [`MAX_WAIT_MS`] after the first change it has not seen
/// while the board keeps changing ([`MAX_WAIT_BUSY_MS`] while this page is busy, and never more
/// than [`MAX_SHARE`] of the time), when the browser is idle (until the first report, idle for
/// [`FIRST_QUIET_MS`] in one stretch: the board is drawn). A change made while the worker
/// analyses is sent as soon as the worker answers. Timers that fire after the board page is
/// gone do nothing; the worker stops with the page.
pub fn live_report(ctx: BoardCtx) -> LiveReport {
    let report = RwSignal::new(None::<Report>);
    let trouble = RwSignal::new(None::<String>);
    let changes = StoredValue::new(0u64);
    // When the oldest change the report has not seen yet was made.
    let unseen_since = StoredValue::new(None::<f64>);
    // How long the page's part of the last analysis took (ms): writing out what changed, and
    // reading and taking in the report.
    let cost = StoredValue::new(0.0f64);
    let write_cost = StoredValue::new(0.0f64);
    let worker = StoredValue::new_local(None::<AnalysisWorker>);
    // Asks for an analysis: sent now, or, while the worker analyses an older board, as soon as
    // it answers (the worker's handle builds what it sends only then).
    let send = move || {
        worker.try_with_value(|w| {
            if let Some(w) = w {
                w.analyse();
            }
        });
    };
    let drafts = use_context::<Drafts>();
    let feed = move |state: Option<&StateVector>| {
        let started = js_sys::Date::now();
        let feed = ctx
            .live
            .try_with_value(|c| {
                let first = c.take_first_state();
                if !first.is_empty() {
                    return Feed {
                        updates: first,
                        ..Feed::default()
                    };
                }
                let since = state.cloned().unwrap_or_default();
                Feed {
                    updates: vec![c.doc.transact().encode_state_as_update_v1(&since)],
                    private: drafts.map(|d| d.stickies(ctx)).unwrap_or_default(),
                    analyse: true,
                }
            })
            // The board page is gone: the worker is asked for its report of what it has.
            .unwrap_or(Feed {
                analyse: true,
                ..Feed::default()
            });
        write_cost.try_set_value(js_sys::Date::now() - started);
        feed
    };
    worker.set_value(Some(AnalysisWorker::new(feed, move |reply, read_ms| {
        let started = js_sys::Date::now();
        match reply {
            Ok(next) => {
                if report.try_with_untracked(|r| r.as_ref() != Some(&next)) == Some(true) {
                    report.try_set(Some(next));
                }
                if trouble.try_with_untracked(Option::is_some) == Some(true) {
                    trouble.try_set(None);
                }
            }
            Err(why) => {
                web_sys::console::warn_1(&why.as_str().into());
                trouble.try_set(Some(why));
            }
        }
        let taken = js_sys::Date::now() - started;
        cost.try_set_value(write_cost.try_get_value().unwrap_or(0.0) + read_ms + taken);
    })));
    on_cleanup(move || {
        worker.with_value(|w| {
            if let Some(w) = w {
                w.stop();
            }
        })
    });
    let busy = move || {
        ctx.editing.try_with_untracked(Option::is_some) == Some(true)
            || ctx.drag.try_with_untracked(Option::is_some) == Some(true)
    };
    Effect::new(move |_| {
        ctx.board.track();
        let seen = changes.get_value() + 1;
        changes.set_value(seen);
        if unseen_since.get_value().is_none() {
            unseen_since.set_value(Some(js_sys::Date::now()));
        }
        let settle = if busy() { SETTLE_BUSY_MS } else { SETTLE_MS };
        set_timeout(
            move || {
                let (Some(latest), Some(since)) =
                    (changes.try_get_value(), unseen_since.try_get_value())
                else {
                    return;
                };
                let Some(since) = since else {
                    return; // analysed already by an earlier timer
                };
                let wait = if busy() {
                    MAX_WAIT_BUSY_MS
                } else {
                    MAX_WAIT_MS
                }
                .max(cost.try_get_value().unwrap_or(0.0) / MAX_SHARE);
                if latest != seen && js_sys::Date::now() - since < wait {
                    return;
                }
                unseen_since.set_value(None);
                if report.try_with_untracked(Option::is_none) == Some(true) {
                    when_quiet(FIRST_QUIET_MS, FIRST_QUIET_TIMEOUT_MS, send);
                } else {
                    when_idle(IDLE_TIMEOUT_MS, send);
                }
            },
            std::time::Duration::from_millis(settle),
        );
    });
    LiveReport {
        report: report.read_only(),
        trouble: trouble.read_only(),
    }
}
