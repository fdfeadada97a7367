//! The copy of a board this browser keeps (IndexedDB) while it holds edits the server has not
//! confirmed: written shortly after each local edit made offline, or after an edit sent to the
//! server that it has not confirmed within a second and a half (the usual confirmation comes
//! in milliseconds, so a connected page typing on a big board never encodes the whole
//! document between keystrokes), read back before the board connects, and
//! dropped once the server has stored everything. A reload or a closed tab while offline or
//! "saving…" loses nothing: the next visit applies the copy and the first sync sends what the
//! server lacks. One record per board id, so boards never see each other's copies; a record
//! this build cannot read (corrupt, another format) is discarded with a notice.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect, Uint8Array};
use stormwall_model::protocol::inspect::check_update;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

/// The browser database.
const DATABASE: &str = "stormwall";
/// Its store of board copies, keyed by board id.
const STORE: &str = "unsaved-boards";
/// Format of a record: `{format, state (Yjs v1 update of the whole document), saved_at}`.
const FORMAT: u32 = 1;
/// How long after an edit made offline the copy is written (edits in between are written
/// together).
const SAVE_DELAY_MS: i32 = 150;
/// The same for an edit sent to the server, which normally confirms it long before.
const SENT_SAVE_DELAY_MS: i32 = 1500;

/// What the browser held for a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restored {
    /// Nothing: every edit was stored on the server.
    Nothing,
    /// Edits the server had not confirmed, now back in the document.
    Applied,
    /// A copy this build cannot read; it is gone.
    Discarded,
}

/// The notice shown when a stored copy had to be discarded.
pub const DISCARDED: &str =
    "This browser's saved copy of the board could not be read and was discarded; the board is as the server has it.";

/// Resolves with a request's result, or rejects with its error.
fn done(req: &IdbRequest) -> JsFuture {
    let req = req.clone();
    JsFuture::from(Promise::new(&mut |resolve, reject| {
        let ok = req.clone();
        let on_ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let on_err = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("storage request failed"));
        });
        req.set_onsuccess(Some(on_ok.unchecked_ref()));
        req.set_onerror(Some(on_err.unchecked_ref()));
    }))
}

async fn database() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()?
        .ok_or("no IndexedDB")?;
    let open: IdbOpenDbRequest = factory.open_with_u32(DATABASE, 1)?;
    let upgrading = open.clone();
    let upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    done(&open).await?.dyn_into()
}

/// Runs one request on the store and waits for it.
async fn on_store(
    mode: IdbTransactionMode,
    f: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, JsValue> {
    let db = database().await?;
    let txn = db.transaction_with_str_and_mode(STORE, mode)?;
    let result = done(&f(&txn.object_store(STORE)?)?).await;
    db.close();
    result
}

/// The document update a record holds, when it is one this build wrote and can apply.
fn readable(record: &JsValue) -> Option<Vec<u8>> {
    let format = Reflect::get(record, &"format".into()).ok()?.as_f64()?;
    let state = Reflect::get(record, &"state".into()).ok()?;
    let state = state.dyn_into::<Uint8Array>().ok()?.to_vec();
    (format == f64::from(FORMAT) && check_update(&state).is_ok()).then_some(state)
}

/// Puts the board's stored copy, if any, into `doc` (before it connects).
async fn restore(board: &str, doc: &Doc) -> Restored {
    let key = JsValue::from_str(board);
    let record = match on_store(IdbTransactionMode::Readonly, |s| s.get(&key)).await {
        Ok(r) if !r.is_undefined() => r,
        // No copy, or no storage in this browser (private mode): nothing to restore.
        _ => return Restored::Nothing,
    };
    let applied = readable(&record).and_then(|state| {
        let update = Update::decode_v1(&state).ok()?;
        doc.transact_mut().apply_update(update).ok()
    });
    if applied.is_some() {
        return Restored::Applied;
    }
    let _ = on_store(IdbTransactionMode::Readwrite, |s| s.delete(&key)).await;
    Restored::Discarded
}

/// Keeps `state` (the whole document) as the board's copy.
async fn put(board: &str, state: &[u8]) -> Result<(), JsValue> {
    let record = Object::new();
    Reflect::set(&record, &"format".into(), &FORMAT.into())?;
    Reflect::set(&record, &"state".into(), &Uint8Array::from(state))?;
    Reflect::set(&record, &"saved_at".into(), &js_sys::Date::now().into())?;
    on_store(IdbTransactionMode::Readwrite, |s| {
        s.put_with_key(&record, &JsValue::from_str(board))
    })
    .await
    .map(|_| ())
}

/// Drops the board's copy.
async fn forget(board: &str) -> Result<(), JsValue> {
    let key = JsValue::from_str(board);
    on_store(IdbTransactionMode::Readwrite, |s| s.delete(&key))
        .await
        .map(|_| ())
}

/// One board's copy: written a little after the edits that call for it, dropped once the
/// server has confirmed them all.
#[derive(Clone)]
pub struct OfflineCopy(Rc<Inner>);

struct Inner {
    board: String,
    doc: Doc,
    timer: Cell<Option<i32>>,
    /// Whether a copy may be stored (so a fully saved board costs no storage writes).
    stored: Cell<bool>,
    /// Whether the document holds edits of this page the server has not confirmed.
    unsaved: Cell<bool>,
}

impl OfflineCopy {
    /// The copy of `board`, whose live document is `doc`.
    pub fn new(board: String, doc: Doc) -> OfflineCopy {
        OfflineCopy(Rc::new(Inner {
            board,
            doc,
            timer: Cell::new(None),
            stored: Cell::new(true),
            unsaved: Cell::new(false),
        }))
    }

    /// Puts the copy this browser kept, if any, into the document (before it connects).
    pub async fn restore(&self) -> Restored {
        let restored = restore(&self.0.board, &self.0.doc).await;
        let applied = restored == Restored::Applied;
        self.0.stored.set(applied);
        self.0.unsaved.set(applied);
        restored
    }

    /// Whether the document holds edits the server has not confirmed.
    pub fn unsaved(&self) -> bool {
        self.0.unsaved.get()
    }

    /// This page edited the document (`sent`: and sent the edit to the server): keep a copy
    /// until the server confirms.
    pub fn edited(&self, sent: bool) {
        self.0.unsaved.set(true);
        self.save_soon(if sent {
            SENT_SAVE_DELAY_MS
        } else {
            SAVE_DELAY_MS
        });
    }

    /// The server has stored everything sent so far: the copy goes.
    pub fn confirmed(&self) {
        if self.0.unsaved.replace(false) {
            self.save_soon(SAVE_DELAY_MS);
        }
    }

    /// Writes the copy, or drops it, a little later; calls in between fold into one write.
    fn save_soon(&self, delay_ms: i32) {
        let Some(w) = web_sys::window() else {
            return;
        };
        if let Some(t) = self.0.timer.take() {
            w.clear_timeout_with_handle(t);
        }
        let me = Rc::downgrade(&self.0);
        let run = Closure::once_into_js(move || {
            if let Some(inner) = me.upgrade() {
                OfflineCopy(inner).save_now();
            }
        });
        let handle =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), delay_ms);
        self.0.timer.set(handle.ok());
    }

    /// Writes the copy (the whole document) while edits are unconfirmed, or drops it, now.
    pub fn save_now(&self) {
        let inner = &self.0;
        if let (Some(t), Some(w)) = (inner.timer.take(), web_sys::window()) {
            w.clear_timeout_with_handle(t);
        }
        let unsaved = inner.unsaved.get();
        if !unsaved && !inner.stored.replace(false) {
            return;
        }
        inner.stored.set(unsaved);
        let state = unsaved.then(|| {
            inner
                .doc
                .transact()
                .encode_state_as_update_v1(&StateVector::default())
        });
        let board = inner.board.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let written = match state {
                Some(s) => put(&board, &s).await,
                None => forget(&board).await,
            };
            if let Err(e) = written {
                web_sys::console::warn_1(&format!("the board's copy was not kept: {e:?}").into());
            }
        });
    }
}
