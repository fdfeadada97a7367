//! The board's live connection: the board's yrs `Doc` in the browser, kept in sync with the
//! server over the y-websocket protocol, with reconnects and "saved" acknowledgements.
//!
//! Local edits go through [`SyncClient::edit`], which sends each transaction's update.
//! Edits made while offline stay in the document and reach the server in the SyncStep2 that
//! answers the server's SyncStep1 after reconnecting. Presence (awareness) rides the same
//! socket; see [`crate::presence::awareness`]. Local edits carry the local origin so that undo
//! ([`crate::history::undo`]) only ever reverts this page's own work, and stamp who created and
//! changed the items they touch. Until the server confirms them, this browser keeps a copy of
//! the document ([`crate::history::offline_copy`]), applied before connecting on the next visit.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::Update as _;
use leptos::prelude::*;
use stormwall_model::access::AccessNotice;
use stormwall_model::doc::{self, Roots, Watch};
use stormwall_model::protocol::{self, Incoming};
use stormwall_model::workshop::{Command, StateView};
use stormwall_model::Board;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Transact, TransactionMut, Update};

use crate::canvas::touched::Touched;
use crate::history::offline_copy::{OfflineCopy, Restored};
use crate::history::undo::{History, LOCAL};
use crate::presence::awareness::{PeerState, Presence, User};
use crate::sharing::first_read::FirstRead;

mod redraw;

/// The shortest time between two drawings of others' changes (ms): 20 a second at most, which
/// reads as live, however many people type.
const REMOTE_REDRAW_MS: f64 = 50.0;

/// The same while this page is typing or dragging (an edit in the last [`EDITING_MS`]): twice
/// a second. The browser draws a frame at once for a keystroke only when it is not already
/// drawing frame after frame; drawing others' changes 20 times a second keeps it drawing, and
/// each keystroke then waits for the next frame, up to 17 ms more.
const REMOTE_REDRAW_EDITING_MS: f64 = 500.0;

/// How long after this page's last edit it still counts as editing (ms).
const EDITING_MS: f64 = 1000.0;

/// What the connection badge shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Opening the socket or loading the board.
    Connecting,
    /// Everything local is stored on the server.
    Saved,
    /// Local edits sent, not yet acknowledged as stored.
    Saving,
    /// No connection; edits are kept and sent on reconnect.
    Offline,
    /// The server refused the board: unknown id, no valid key, a replaced link (4404, 4401),
    /// or the board was deleted (4410).
    Refused,
    /// The server is up but cannot store changes; edits are kept here until it can.
    NotSaved,
}

/// A live board.
pub struct SyncClient {
    board_id: String,
    key: String,
    /// This connection's rights, as the server last told them (role, lock).
    pub access: RwSignal<Option<AccessNotice>>,
    /// Whether silent writing is on, as the server last told (see [`crate::facilitation`]).
    pub silent: RwSignal<Option<bool>>,
    /// The workshop state as the server last told it (see [`crate::facilitation`]).
    pub workshop: RwSignal<Option<StateView>>,
    /// What the document's transactions touched (declared before the document, so dropped
    /// before it).
    watch: Watch,
    /// The board's document.
    pub doc: Doc,
    /// Its root types.
    pub roots: Roots,
    ws: RefCell<Option<WebSocket>>,
    synced: Cell<bool>,
    sent: Cell<u32>,
    acked: Cell<u32>,
    retry_ms: Cell<u32>,
    /// Connection state for the badge.
    pub status: RwSignal<Status>,
    /// Why the server closed the connection, when it did.
    pub close_reason: RwSignal<Option<String>>,
    /// A snapshot of the board, patched after every change.
    pub board: RwSignal<Board>,
    /// Counts the changes to the snapshot's layout (see [`doc::Changes::patch`]): views that
    /// draw where stickies are and not what they say track it instead of the whole board, so
    /// typing does not make them look at every sticky again. Whatever else rewrites the
    /// snapshot calls [`SyncClient::laid_out`].
    pub layout: RwSignal<u64>,
    /// Which stickies changed, for views that show one sticky.
    pub touched: Touched,
    /// What this page stamped last (one stamp per edit session).
    stamped: RefCell<doc::Stamped>,
    /// Who is here.
    pub presence: Presence,
    history: RefCell<History>,
    /// The copy this browser keeps while edits are unconfirmed.
    pub copy: OfflineCopy,
    /// What this browser held for the board when it opened (`None` until read).
    pub restored: RwSignal<Option<Restored>>,
    /// This client, for the refresh of remote changes queued for the next frame.
    me: RefCell<std::rc::Weak<SyncClient>>,
    /// Whether that refresh is queued.
    refresh_queued: Cell<bool>,
    /// Counts the times a refresh was queued (see `queued_refresh`).
    refresh_round: Cell<u64>,
    /// The frame that drew this page's last edit (its animation-frame time), `None` while
    /// that edit waits for its frame: others' changes are never drawn in it.
    edit_frame: Cell<Option<f64>>,
    /// When this page last edited (ms since the epoch).
    edited_at: Cell<f64>,
    /// When others' changes were last drawn (ms since the epoch).
    remote_drawn: Cell<f64>,
    /// A big board's first reading, under way over several tasks (see [`first_read`]).
    reading: RefCell<Option<FirstRead>>,
    /// Changes made here while it is under way, read after it.
    deferred: RefCell<doc::Changes>,
    /// Runs once the server's state first reached the board snapshot, before any view
    /// reacts to it.
    first_synced: RefCell<Option<Box<dyn FnOnce()>>>,
    /// The server's first state as it came over the wire, until the analysis takes it for its
    /// copy of the document (see [`SyncClient::take_first_state`]), and whether it is still
    /// coming.
    first_state: RefCell<Vec<Vec<u8>>>,
    first_state_coming: Cell<bool>,
}

impl SyncClient {
    /// Creates the client and starts connecting with the share link's `key`.
    pub fn connect(board_id: String, key: String, user: User) -> Rc<SyncClient> {
        let doc = doc::new_doc();
        let roots = Roots::of(&doc);
        let presence = Presence::new(doc.client_id().get(), user);
        let history = RefCell::new(History::new(&doc, &roots));
        let watch = Watch::new(&roots);
        let copy = OfflineCopy::new(board_id.clone(), doc.clone());
        let client = Rc::new(SyncClient {
            copy,
            restored: RwSignal::new(None),
            presence,
            history,
            board_id,
            key,
            access: RwSignal::new(None),
            silent: RwSignal::new(None),
            workshop: RwSignal::new(None),
            doc,
            roots,
            ws: RefCell::new(None),
            synced: Cell::new(false),
            sent: Cell::new(0),
            acked: Cell::new(0),
            retry_ms: Cell::new(500),
            status: RwSignal::new(Status::Connecting),
            close_reason: RwSignal::new(None),
            board: RwSignal::new(Board::default()),
            layout: RwSignal::new(0),
            touched: Touched::default(),
            watch,
            stamped: RefCell::default(),
            me: RefCell::default(),
            refresh_queued: Cell::new(false),
            refresh_round: Cell::new(0),
            edit_frame: Cell::new(Some(f64::NEG_INFINITY)),
            edited_at: Cell::new(f64::NEG_INFINITY),
            remote_drawn: Cell::new(0.0),
            reading: RefCell::default(),
            deferred: RefCell::default(),
            first_synced: RefCell::default(),
            first_state: RefCell::default(),
            first_state_coming: Cell::new(true),
        });
        *client.me.borrow_mut() = Rc::downgrade(&client);
        // The copy this browser kept goes into the document first, so the first sync sends
        // the server what it lacks.
        let me = Rc::downgrade(&client);
        leptos::task::spawn_local(async move {
            let Some(c) = me.upgrade() else { return };
            let restored = c.copy.restore().await;
            c.refresh();
            c.restored.set(Some(restored));
            c.open();
        });
        client
    }

    /// Whether this page's edits are taken: not for a viewer, nor a participant while the board
    /// is locked (the server would refuse them anyway).
    pub fn can_edit(&self) -> bool {
        self.access
            .with_untracked(|a| a.as_ref().is_none_or(|a| a.can_edit))
    }

    /// Applies a local edit in one transaction, sends it, and refreshes the board snapshot.
    /// A page that may not edit changes nothing.
    pub fn edit(&self, f: impl FnOnce(&Roots, &mut TransactionMut)) {
        if !self.can_edit() {
            return;
        }
        let update = {
            let mut txn = self.doc.transact_mut_with(LOCAL);
            f(&self.roots, &mut txn);
            txn.encode_update_v1()
        };
        // Only what this edit touched is drawn now; others' changes that came meanwhile are
        // drawn by their own refresh, in a frame of their own (see `refresh_soon`).
        let mut changes = self.watch.take_own();
        self.edit_waits_for_frame();
        self.edited_at.set(js_sys::Date::now());
        // An empty update (two zero bytes) means nothing changed.
        if update.len() > 2 {
            let sent = self.send_update(update);
            self.stamp(&mut changes);
            self.copy.edited(sent);
        }
        self.refresh_with(changes);
    }

    /// Merges `update` (another document's whole state: this page's draft, revealed) into the
    /// board and sends it; what the board has already is skipped, what it lacks is added.
    pub fn merge_in(&self, update: &[u8]) {
        self.apply_remote(update);
        let sent = self.send_update(update.to_vec());
        self.copy.edited(sent);
    }

    /// Stamps who changed (and created) what `changes` touched, unless this edit session
    /// already did, and adds what the stamp touched to `changes`.
    fn stamp(&self, changes: &mut doc::Changes) {
        let now = js_sys::Date::now() as u64;
        if self.stamped.borrow().covers(changes, now) {
            return;
        }
        let stamp = {
            let mut txn = self.doc.transact_mut_with(LOCAL);
            let existed = |id: &str| self.board.with_untracked(|b| b.contains(id));
            let who = self.presence.my_name();
            let since = doc::stamp(&self.roots, &mut txn, changes, existed, &who, now);
            self.stamped.borrow_mut().record(changes, since);
            txn.encode_update_v1()
        };
        if stamp.len() > 2 {
            self.send_update(stamp);
        }
        changes.merge(self.watch.take_own());
    }

    /// The updates of the server's first state that came since the last call, as they came
    /// (none once that state is in and taken). The analysis worker's copy of the document
    /// starts from them: that costs the page no writing out of the whole board, which on a big
    /// board would take one long task. What they lack (this page's edits, a copy this browser
    /// kept) reaches the copy with the next update since its state.
    pub fn take_first_state(&self) -> Vec<Vec<u8>> {
        std::mem::take(&mut *self.first_state.borrow_mut())
    }

    /// Whether this page made edits the server has not confirmed yet.
    pub fn has_unsaved_edits(&self) -> bool {
        self.copy.unsaved()
    }

    /// The server has stored everything sent so far.
    fn saved(&self) {
        self.status.set(Status::Saved);
        self.copy.confirmed();
    }

    /// Whether the first exchange with the server is done (the document is the board's).
    pub fn is_synced(&self) -> bool {
        self.synced.get()
    }

    /// Ends the current undo step, so the next edit is undone on its own.
    pub fn cut_history(&self) {
        self.history.borrow_mut().cut();
    }

    /// Undoes (or redoes) this page's last own edit, never anyone else's.
    pub fn undo(&self, redo: bool) {
        if !self.can_edit() {
            return;
        }
        let update = self.history.borrow_mut().step(&self.doc, redo);
        if let Some(u) = update {
            let sent = self.send_update(u);
            self.copy.edited(sent);
            self.refresh();
        }
    }

    /// Changes what this page tells others about itself (cursor, selection, name).
    pub fn set_presence(&self, f: impl FnOnce(&mut PeerState)) {
        let update = self.presence.set_local(f);
        self.send(&protocol::awareness(update));
    }

    /// Runs `f` once the server's state first reaches the board snapshot (the task after it
    /// arrived), in the same task, before any view reacts to the new snapshot (the page sets
    /// its first view there).
    pub fn when_first_synced(&self, f: impl FnOnce() + 'static) {
        *self.first_synced.borrow_mut() = Some(Box::new(f));
    }

    /// Tells the views that track [`SyncClient::layout`] that stickies were added, removed,
    /// moved or restyled in the snapshot.
    pub fn laid_out(&self) {
        self.layout.update(|n| *n += 1);
    }

    /// Sends a workshop command; false when offline.
    pub fn send_workshop(&self, cmd: &Command) -> bool {
        self.send(&protocol::workshop(&cmd.encode()))
    }

    fn send(&self, frame: &[u8]) -> bool {
        match self.ws.borrow().as_ref() {
            Some(ws) if ws.ready_state() == WebSocket::OPEN => ws.send_with_u8_array(frame).is_ok(),
            _ => false,
        }
    }

    /// Sends a local update; false when it could not go out now (offline, not synced yet).
    fn send_update(&self, update: Vec<u8>) -> bool {
        let sent = self.synced.get() && self.send(&protocol::update(update));
        if sent {
            self.request_ack();
        }
        sent
    }

    /// Asks the server to confirm once everything sent so far is stored.
    fn request_ack(&self) {
        let n = self.sent.get() + 1;
        self.sent.set(n);
        self.status.set(Status::Saving);
        self.send(&protocol::sync_status(n.to_string().as_bytes()));
    }

    fn on_frame(&self, data: &[u8]) {
        match protocol::decode(data) {
            Ok(Incoming::SyncStep1(sv)) => {
                let diff = self.doc.transact().encode_state_as_update_v1(&sv);
                self.send(&protocol::sync_step2(diff));
                if self.synced.get() {
                    self.request_ack();
                }
            }
            Ok(Incoming::SyncStep2(u)) => {
                self.apply_remote(&u);
                self.first_state_coming.set(false);
                if !self.synced.replace(true) {
                    // Offline edits went out in our SyncStep2; confirm they are stored.
                    self.request_ack();
                }
                // The board's state is read and drawn in the next task, not a frame later:
                // on a big board, taking in the state and drawing it are two tasks instead of
                // one twice as long, and the page can answer in between.
                self.refresh_next_task();
            }
            Ok(Incoming::Update(u)) => self.apply_remote(&u),
            Ok(Incoming::SyncStatus(payload)) => {
                let n = std::str::from_utf8(&payload)
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                self.acked.set(self.acked.get().max(n));
                if self.acked.get() >= self.sent.get() {
                    self.saved();
                }
            }
            Ok(Incoming::Notice(code)) if code == protocol::NOTICE_STORAGE_FAILING => {
                self.status.set(Status::NotSaved);
            }
            Ok(Incoming::Notice(code)) if code == protocol::NOTICE_STORAGE_OK => {
                if self.acked.get() >= self.sent.get() {
                    self.saved();
                } else {
                    self.status.set(Status::Saving);
                }
            }
            Ok(Incoming::Notice(_)) => {}
            Ok(Incoming::Access(payload)) => {
                if let Some(notice) = protocol::read_access_notice(&payload) {
                    self.access.set(Some(notice));
                }
            }
            Ok(Incoming::SilentWriting(payload)) => {
                if let Some(notice) = protocol::read_silent_writing_notice(&payload) {
                    self.silent.set(Some(notice.on));
                }
            }
            Ok(Incoming::Workshop(payload)) => {
                if let Some(state) = StateView::decode(&payload) {
                    self.workshop.set(Some(state));
                }
            }
            Ok(Incoming::Awareness(update)) => self.presence.apply(update),
            Ok(Incoming::QueryAwareness) => {
                self.send(&protocol::awareness(self.presence.encode_local()));
            }
            Err(e) => web_sys::console::warn_1(&format!("ignoring a malformed frame: {e}").into()),
        }
    }

    fn apply_remote(&self, update: &[u8]) {
        if self.first_state_coming.get() {
            self.first_state.borrow_mut().push(update.to_vec());
        }
        match Update::decode_v1(update) {
            Ok(u) => {
                let mut txn = self.doc.transact_mut();
                if let Err(e) = txn.apply_update(u) {
                    web_sys::console::warn_1(&format!("update not applied: {e}").into());
                }
            }
            Err(e) => web_sys::console::warn_1(&format!("undecodable update: {e}").into()),
        }
        // A big board's state arrives in pieces before the SyncStep2 that ends it: each piece
        // is taken in in its own task, and the board is drawn once, when the last has come.
        if self.synced.get() {
            self.refresh_soon();
        }
    }

    fn url(&self) -> String {
        let loc = web_sys::window().expect("window").location();
        let scheme = if loc.protocol().ok().as_deref() == Some("https:") {
            "wss"
        } else {
            "ws"
        };
        format!(
            "{scheme}://{}/sync/{}?key={}",
            loc.host().unwrap_or_default(),
            self.board_id,
            js_sys::encode_uri_component(&self.key)
        )
    }

    fn open(self: &Rc<Self>) {
        let ws = match WebSocket::new(&self.url()) {
            Ok(ws) => ws,
            Err(_) => return self.schedule_reconnect(),
        };
        ws.set_binary_type(BinaryType::Arraybuffer);
        let me = Rc::downgrade(self);
        let onopen = Closure::<dyn FnMut()>::new(move || {
            if let Some(c) = me.upgrade() {
                c.retry_ms.set(500);
                c.close_reason.set(None);
                c.send(&protocol::access_request());
                c.send(&protocol::silent_writing_request());
                c.send_workshop(&Command::Hello {
                    voter: crate::facilitation::voter_id(),
                });
                let sv = c.doc.transact().state_vector();
                c.send(&protocol::sync_step1(&sv));
                c.send(&protocol::awareness(c.presence.announce()));
            }
        });
        let me = Rc::downgrade(self);
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let (Some(c), Ok(buf)) = (me.upgrade(), e.data().dyn_into::<js_sys::ArrayBuffer>()) {
                c.on_frame(&js_sys::Uint8Array::new(&buf).to_vec());
            }
        });
        let me = Rc::downgrade(self);
        let onclose = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| {
            if let Some(c) = me.upgrade() {
                c.synced.set(false);
                *c.ws.borrow_mut() = None;
                c.presence.clear_others();
                // 4404 unknown board or no valid key, 4401 link replaced, 4410 board deleted,
                // and for a draft 4403 (a viewer's link) and 4411 (revealed, or silent writing
                // off): reconnecting cannot help.
                if matches!(e.code(), 4401 | 4403 | 4404 | 4410 | 4411) {
                    c.status.set(Status::Refused);
                    c.close_reason.set(Some(e.reason()));
                    return;
                }
                c.status.set(Status::Offline);
                if !e.reason().is_empty() {
                    c.close_reason.set(Some(e.reason()));
                }
                c.schedule_reconnect();
            }
        });
        ws.set_onopen(Some(onopen.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        ws.set_onclose(Some(onclose.as_ref().unchecked_ref()));
        onopen.forget();
        onmessage.forget();
        onclose.forget();
        *self.ws.borrow_mut() = Some(ws);
    }

    fn schedule_reconnect(self: &Rc<Self>) {
        let wait = self.retry_ms.get();
        self.retry_ms.set((wait * 2).min(10_000));
        let me = Rc::downgrade(self);
        let cb = Closure::once_into_js(move || {
            if let Some(c) = me.upgrade() {
                c.open();
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.unchecked_ref(),
                wait as i32,
            );
        }
    }

    /// Closes the socket for good (the page is leaving the board).
    pub fn close(&self) {
        self.send(&protocol::awareness(self.presence.encode_leave()));
        if let Some(ws) = self.ws.borrow_mut().take() {
            ws.set_onclose(None);
            let _ = ws.close();
        }
    }
}

impl Drop for SyncClient {
    fn drop(&mut self) {
        self.close();
    }
}
