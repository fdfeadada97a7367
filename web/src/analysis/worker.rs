//! The analysis worker as the page sees it. The analysis runs in a model worker of its own
//! (`src/bin/model_worker.rs`, a second WebAssembly module fetched after the board), so a
//! big board's analysis never blocks typing, panning or opening, and a fault in it never takes
//! the board down. The page sends a board (JSON) and gets a report back; boards sent before
//! the worker is ready, or while it analyses, wait — only the newest. A worker that fails (it
//! could not load, or broke on a board) is dropped with a reason in words; the next board
//! starts a fresh one, after a pause that doubles with each failure in a row.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use leptos::prelude::set_timeout;
use stormwall_model::analysis::Reply;
use stormwall_model::model_worker::{Job, READY};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker};

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

struct Inner {
    /// This, for the workers' handlers and the pause's timer.
    me: Weak<Inner>,
    running: RefCell<Option<Running>>,
    /// The newest board not sent yet.
    waiting: RefCell<Option<String>>,
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
    /// A board was sent and its report has not come back.
    busy: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl AnalysisWorker {
    /// A handle whose reports go to `on_reply`, with the time the page took to read each one
    /// (ms); the worker starts with the first board.
    pub fn new(on_reply: impl Fn(Reply, f64) + 'static) -> AnalysisWorker {
        AnalysisWorker {
            inner: Rc::new_cyclic(|me| Inner {
                me: me.clone(),
                running: RefCell::new(None),
                waiting: RefCell::new(None),
                retired: RefCell::new(None),
                generation: Cell::new(0),
                failures: Cell::new(0),
                pausing: Cell::new(false),
                on_reply: Box::new(on_reply),
            }),
        }
    }

    /// Whether a board is being analysed or waits: a caller with a newer board may hold it
    /// until the report comes rather than write it out now.
    pub fn busy(&self) -> bool {
        self.inner.waiting.borrow().is_some()
            || self
                .inner
                .running
                .borrow()
                .as_ref()
                .is_some_and(|r| r.busy || !r.ready)
    }

    /// Analyses `board` (a board in JSON), now or when the worker is free.
    pub fn analyse(&self, board: String) {
        *self.inner.waiting.borrow_mut() = Some(board);
        self.inner.start_or_send();
    }

    /// Stops the worker (the board page is gone).
    pub fn stop(&self) {
        if let Some(r) = self.inner.running.borrow_mut().take() {
            r.worker.terminate();
        }
        self.inner.waiting.borrow_mut().take();
    }
}

impl Inner {
    /// Starts a worker if there is none (unless pausing after failures), then sends the
    /// waiting board if the worker is free.
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
        self.send_waiting();
    }

    /// Sends the waiting board if the worker is free.
    fn send_waiting(&self) {
        let mut running = self.running.borrow_mut();
        let Some(r) = running.as_mut().filter(|r| r.ready && !r.busy) else {
            return;
        };
        let Some(board) = self.waiting.borrow_mut().take() else {
            return;
        };
        let request = Job::Analyse.request(&board);
        drop(board);
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
        {
            let mut running = self.running.borrow_mut();
            let Some(r) = running.as_mut().filter(|r| r.generation == generation) else {
                return; // a worker already dropped
            };
            if text == READY {
                r.ready = true;
            } else {
                r.busy = false;
            }
        }
        if text != READY {
            // Replies are read in the order they came: once the reader's chunk is here, each
            // read is ready at its first poll.
            let me = self.me.clone();
            leptos::task::spawn_local(async move {
                let (reply, read_ms) = super::reply_reader::read(text).await;
                if let Some(me) = me.upgrade() {
                    if reply.is_ok() {
                        me.failures.set(0);
                    }
                    (me.on_reply)(reply, read_ms);
                }
            });
        }
        self.send_waiting();
    }

    /// Drops the worker of `generation` (if it is still the current one) and reports why;
    /// the next board starts a fresh one after a pause.
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
                            if me.waiting.borrow().is_some() {
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
        _on_message: on_message,
        _on_error: on_error,
    })
}
