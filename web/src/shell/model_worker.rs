//! The model worker (`src/bin/model_worker.rs`) as the page starts it, and its one-off jobs.
//! Reading an imported file and writing an export run in a worker started for the job and
//! stopped when it answers: the page's own module carries none of that code, a big file never
//! blocks typing, and a worker that fails costs that one job, with a reason in words. (The live
//! analysis keeps a worker of its own: `analysis::worker`.)

use std::cell::RefCell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use stormwall_model::model_worker::{Job, READY};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::shell::api::js_err;

/// The worker's loader in the built board (`web/model_worker_loader.js`; the board's pages
/// live under `/b/…`, so the path is absolute).
const LOADER: &str = "/model_worker_loader.js";

/// Starts a model worker; it posts [`READY`] once it listens.
pub fn spawn() -> Result<Worker, String> {
    Worker::new(LOADER).map_err(|e| format!("the model worker could not start: {}", js_err(e)))
}

/// Sends `request` (see [`Job::request`]) to a model worker as bytes handed over to it, not as
/// a JavaScript string: turning a big board's JSON into one takes the page longer than writing
/// it. False when it could not be sent.
pub fn post(worker: &Worker, request: &[u8]) -> bool {
    let bytes = js_sys::Uint8Array::from(request);
    worker
        .post_message_with_transfer(&bytes, &js_sys::Array::of1(&bytes.buffer()))
        .is_ok()
}

/// Why a worker stopped, from its error event.
pub fn failure(e: &ErrorEvent) -> Option<String> {
    let detail = e.message();
    (!detail.is_empty()).then_some(detail)
}

type Handlers = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(ErrorEvent)>,
);

/// Runs `job` on `input` in a worker of its own and reads the answer as `T` (the job's answer
/// type, itself a `Result`); `Err` when the worker could not do the job at all.
pub async fn run<T: DeserializeOwned>(job: Job, input: &str) -> Result<T, String> {
    let worker = spawn()?;
    let request = job.request(input.as_bytes());
    let handlers: Rc<RefCell<Option<Handlers>>> = Rc::default();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let to = worker.clone();
        let request = request.clone();
        let refuse = reject.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            if data.as_string().as_deref() != Some(READY) {
                let _ = resolve.call1(&JsValue::NULL, &data);
            } else if !post(&to, &request) {
                let _ = refuse.call1(&JsValue::NULL, &"it could not be sent the work".into());
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
            e.prevent_default();
            let why = failure(&e).unwrap_or_else(|| "it could not load".into());
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&why));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *handlers.borrow_mut() = Some((on_message, on_error));
    });
    drop(request);
    let answer = JsFuture::from(promise).await;
    worker.terminate();
    handlers.borrow_mut().take();
    let text = answer
        .map_err(|e| {
            format!(
                "the background worker that does this failed ({}); try again, or reload the page",
                js_err(e)
            )
        })?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text)
        .map_err(|e| format!("the model worker answered in a form the board does not read: {e}"))
}
