//! The analysis worker as the page sees it. The analysis runs in a model worker of its own
//! (`src/bin/model_worker.rs`, a second WebAssembly module fetched after the board), so a
//! big board's analysis never blocks typing, panning or opening, and a fault in it never takes
//! the board down. The worker keeps a copy of the board's document
//! ([`stormwall_model::analysis::wire`]). When an analysis is wanted and the worker is free,
//! the handle asks its feeder what to send, given the state the worker's copy last reported:
//! what is sent is always the newest, and one analysis at a time is under way. A worker that
//! fails (it could not load, or broke on a board) is dropped with a reason in words; the next
//! analysis starts a fresh one, with an empty copy, after a pause that doubles with each
//! failure in a row.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use leptos::prelude::set_timeout;
use stormwall_model::analysis::wire::{read_answer, Feed};
use stormwall_model::analysis::Reply;
use stormwall_model::model_worker::{Job, READY};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yrs::StateVector;

use crate::shell::model_worker;

/// The pause before a fresh worker after the first failure; it doubles with each failure in a
/// row, up to [`MAX_PAUSE_MS`], so a board that breaks the analysis is not fetched and compiled
/// again on every keystroke.
const FIRST_PAUSE_MS: u64 = 2_000;
/// The longest pause between fresh workers.
const MAX_PAUSE_MS: u64 = 60_000;

/// The page's handle on the analysis worker.
#[derive(Clone)]
pub struct AnalysisWorker {
    inner: Rc<Inner>,
}

/// Builds what the worker is sent, from the state its copy last reported.
type Feeder = Box<dyn Fn(Option<&StateVector>) -> Feed>;

struct Inner {
    /// This, for the workers' handlers and the pause's timer.
    me: Weak<Inner>,
    running: RefCell<Option<Running>>,
    /// An analysis is wanted and has not been sent.
    wanted: Cell<bool>,
    /// What to send the worker, given the state its copy last reported (`None`: an empty
    /// copy, or one in a state the page could not read).
    feed: Feeder,
    /// The last worker that failed: its handlers may still be running when it fails, so it is
    /// dropped at the next failure rather than at once.
    retired: RefCell<Option<Running>>,
    /// Counts the workers started, so an event of a worker already dropped is ignored.
    generation: Cell<u32>,
    /// Failures in a row, and whether a fresh worker waits for its pause to end.
    failures: Cell<u32>,
    pausing: Cell<bool>,
    /// Gets each reply, and how long the page took to read it (ms).
    on_reply: Box<dyn Fn(Reply, f64)>,
}

struct Running {
    worker: Worker,
    generation: u32,
    /// The worker said it listens.
    ready: bool,
    /// A feed was sent and its answer has not come back.
    busy: bool,
    /// The state of the worker's copy of the document, as it last reported it.
    state: Option<StateVector>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl AnalysisWorker {
    /// A handle that sends the worker what `feed` builds, and whose reports go to `on_reply`,
    /// with the time the page took to read each one (ms); the worker starts with the first
    /// analysis.
    pub fn new(
        feed: impl Fn(Option<&StateVector>) -> Feed + 'static,
        on_reply: impl Fn(Reply, f64) + 'static,
    ) -> AnalysisWorker {
        AnalysisWorker {
            inner: Rc::new_cyclic(|me| Inner {
                me: me.clone(),
                running: RefCell::new(None),
                wanted: Cell::new(false),
                feed: Box::new(feed),
                retired: RefCell::new(None),
                generation: Cell::new(0),
                failures: Cell::new(0),
                pausing: Cell::new(false),
                on_reply: Box::new(on_reply),
            }),
        }
    }

    /// Analyses the board, now or when the worker is free.
    pub fn analyse(&self) {
        self.inner.wanted.set(true);
        self.inner.start_or_send();
    }

    /// Stops the worker (the board page is gone).
    pub fn stop(&self) {
        if let Some(r) = self.inner.running.borrow_mut().take() {
            r.worker.terminate();
        }
        self.inner.wanted.set(false);
    }
}

impl Inner {
    /// Starts a worker if there is none (unless pausing after failures), then sends it a
    /// feed if it is free.
    fn start_or_send(&self) {
        if self.running.borrow().is_none() && !self.pausing.get() {
            let generation = self.generation.get().wrapping_add(1);
            self.generation.set(generation);
            match start(self.me.clone(), generation) {
                Ok(r) => *self.running.borrow_mut() = Some(r),
                Err(why) => {
                    self.fail(generation, why);
                    return;
                }
            }
        }
        self.send_feed();
    }

    /// Sends the worker a feed if an analysis is wanted and the worker is free. A feed that
    /// only brings the worker the board leaves the analysis wanted: it follows once the worker
    /// answers.
    fn send_feed(&self) {
        let mut running = self.running.borrow_mut();
        let Some(r) = running.as_mut().filter(|r| r.ready && !r.busy) else {
            return;
        };
        if !self.wanted.get() {
            return;
        }
        let feed = (self.feed)(r.state.as_ref());
        self.wanted.set(!feed.analyse);
        let request = Job::Analyse.request(&feed.encode());
        drop(feed);
        r.busy = model_worker::post(&r.worker, &request);
        if !r.busy {
            let generation = r.generation;
            drop(running);
            self.fail(
                generation,
                "the board could not be sent to the analysis".into(),
            );
        }
    }

    fn on_message(&self, generation: u32, data: JsValue) {
        let Some(text) = data.as_string() else {
            return;
        };
        let reply = {
            let mut running = self.running.borrow_mut();
            let Some(r) = running.as_mut().filter(|r| r.generation == generation) else {
                return; // a worker already dropped
            };
            if text == READY {
                r.ready = true;
                None
            } else {
                r.busy = false;
                let (state, reply) = read_answer(&text);
                r.state = state;
                reply.map(str::to_owned)
            }
        };
        if let Some(json) = reply {
            // Replies are read in the order they came: once the reader's chunk is here, each
            // read is ready at its first poll.
            let me = self.me.clone();
            leptos::task::spawn_local(async move {
                let (reply, read_ms) = super::reply_reader::read(json).await;
                if let Some(me) = me.upgrade() {
                    if reply.is_ok() {
                        me.failures.set(0);
                    }
                    (me.on_reply)(reply, read_ms);
                }
            });
        }
        self.send_feed();
    }

    /// Drops the worker of `generation` (if it is still the current one) and reports why;
    /// the next analysis starts a fresh one after a pause.
    fn fail(&self, generation: u32, why: String) {
        if generation != self.generation.get() {
            return;
        }
        let failed = self.running.borrow_mut().take();
        if let Some(r) = &failed {
            r.worker.terminate();
        }
        if failed.is_some() {
            *self.retired.borrow_mut() = failed;
        }
        let n = self.failures.get().saturating_add(1);
        self.failures.set(n);
        self.pausing.set(true);
        self.generation.set(generation.wrapping_add(1));
        (self.on_reply)(Err(why), 0.0);
        let pause = FIRST_PAUSE_MS
            .saturating_mul(1 << (n - 1).min(10))
            .min(MAX_PAUSE_MS);
        set_timeout(
            {
                let generation = self.generation.get();
                let me = self.me.clone();
                move || {
                    if let Some(me) = me.upgrade() {
                        if me.generation.get() == generation {
                            me.pausing.set(false);
                            if me.wanted.get() {
                                me.start_or_send();
                            }
                        }
                    }
                }
            },
            Duration::from_millis(pause),
        );
    }
}

/// Starts worker `generation`, reporting to `inner` while the page holds it.
fn start(inner: Weak<Inner>, generation: u32) -> Result<Running, String> {
    let worker = model_worker::spawn().map_err(|e| format!("the analysis could not start: {e}"))?;
    let replies = inner.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Some(inner) = replies.upgrade() {
            inner.on_message(generation, e.data());
        }
    });
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
        e.prevent_default();
        if let Some(inner) = inner.upgrade() {
            inner.fail(
                generation,
                match model_worker::failure(&e) {
                    Some(detail) => format!("the analysis failed: {detail}"),
                    None => "the analysis could not load, or failed on this board".into(),
                },
            );
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running {
        worker,
        generation,
        ready: false,
        busy: false,
        state: None,
        _on_message: on_message,
        _on_error: on_error,
    })
}
