//! The analysis worker as the page sees it. The analysis runs in a worker of its own
//! (`src/bin/analysis_worker.rs`, a second WebAssembly module fetched after the board), so a
//! big board's analysis never blocks typing, panning or opening, and a fault in it never takes
//! the board down. The page sends a board (JSON) and gets a report back; boards sent before
//! the worker is ready, or while it analyses, wait — only the newest. A worker that fails (it
//! could not load, or broke on a board) is dropped with a reason in words, and the next board
//! starts a fresh one.

use std::cell::RefCell;
use std::rc::Rc;

use stormwall_model::analysis::{Reply, READY};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// Where the built board keeps the worker's loader (Trunk's loader shim for the
/// `analysis_worker` binary; the board's pages live under `/b/…`, so the path is absolute).
const LOADER: &str = "/analysis_worker_loader.js";

/// The page's handle on the analysis worker.
#[derive(Clone)]
pub struct AnalysisWorker {
    inner: Rc<Inner>,
}

struct Inner {
    running: RefCell<Option<Running>>,
    /// The newest board not sent yet.
    waiting: RefCell<Option<String>>,
    /// The last worker that failed: its handlers may still be running when it fails, so it is
    /// dropped at the next failure rather than at once.
    retired: RefCell<Option<Running>>,
    on_reply: Box<dyn Fn(Reply)>,
}

struct Running {
    worker: Worker,
    /// The worker said it listens.
    ready: bool,
    /// A board was sent and its report has not come back.
    busy: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl AnalysisWorker {
    /// A handle whose reports go to `on_reply`; the worker starts with the first board.
    pub fn new(on_reply: impl Fn(Reply) + 'static) -> AnalysisWorker {
        AnalysisWorker {
            inner: Rc::new(Inner {
                running: RefCell::new(None),
                waiting: RefCell::new(None),
                retired: RefCell::new(None),
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
        if self.inner.running.borrow().is_none() {
            match start(Rc::downgrade(&self.inner)) {
                Ok(r) => *self.inner.running.borrow_mut() = Some(r),
                Err(why) => {
                    (self.inner.on_reply)(Err(why));
                    return;
                }
            }
        }
        *self.inner.waiting.borrow_mut() = Some(board);
        self.inner.send_waiting();
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
    /// Sends the waiting board if the worker is free.
    fn send_waiting(&self) {
        let mut running = self.running.borrow_mut();
        let Some(r) = running.as_mut().filter(|r| r.ready && !r.busy) else {
            return;
        };
        let Some(board) = self.waiting.borrow_mut().take() else {
            return;
        };
        r.busy = r.worker.post_message(&JsValue::from_str(&board)).is_ok();
        if !r.busy {
            drop(running);
            self.fail("the board could not be sent to the analysis".into());
        }
    }

    fn on_message(&self, data: JsValue) {
        let Some(text) = data.as_string() else {
            return;
        };
        if let Some(r) = self.running.borrow_mut().as_mut() {
            if text == READY {
                r.ready = true;
            } else {
                r.busy = false;
            }
        }
        if text != READY {
            let reply = serde_json::from_str::<Reply>(&text).unwrap_or_else(|e| {
                Err(format!(
                    "the analysis answered in a form the board does not read: {e}"
                ))
            });
            (self.on_reply)(reply);
        }
        self.send_waiting();
    }

    /// Drops the worker and reports why; the next board starts a fresh one.
    fn fail(&self, why: String) {
        let failed = self.running.borrow_mut().take();
        if let Some(r) = &failed {
            r.worker.terminate();
        }
        if failed.is_some() {
            *self.retired.borrow_mut() = failed;
        }
        self.waiting.borrow_mut().take();
        (self.on_reply)(Err(why));
    }
}

/// Starts a worker that reports to `inner` while the page holds it.
fn start(inner: std::rc::Weak<Inner>) -> Result<Running, String> {
    let worker = Worker::new(LOADER).map_err(|e| {
        format!(
            "the analysis could not start: {}",
            e.as_string().unwrap_or_else(|| format!("{e:?}"))
        )
    })?;
    let replies = inner.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Some(inner) = replies.upgrade() {
            inner.on_message(e.data());
        }
    });
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
        e.prevent_default();
        if let Some(inner) = inner.upgrade() {
            let detail = e.message();
            inner.fail(if detail.is_empty() {
                "the analysis could not load or stopped on this board".into()
            } else {
                format!("the analysis stopped on this board: {detail}")
            });
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running {
        worker,
        ready: false,
        busy: false,
        _on_message: on_message,
        _on_error: on_error,
    })
}
