//! This page's draft while silent writing is on: a second live connection, to the board's
//! draft room `{board}~draft~{secret}` that only this browser can name (the secret is random
//! and kept in this browser per board), with a document of its own that holds this page's
//! private stickies. The server never sends them to anyone else.
//!
//! The draft's stickies are laid over the board snapshot, so they are drawn, selected, moved
//! and typed into like any sticky; an edit of them (the selection, or the sticky being typed
//! in, all private) goes to the draft, and so does every new sticky while silent writing is
//! on. When silent writing goes off (the facilitator revealed all) the page merges its whole
//! draft into the board — the same items the server merged, so nothing is doubled and what
//! was typed during the reveal is kept — and forgets the draft.

use std::collections::BTreeSet;
use std::rc::Rc;

use leptos::prelude::*;
use stormwall_model::access::Role;
use stormwall_model::board::Sticky;
use stormwall_model::doc::{Changes, Roots};
use yrs::{ReadTxn, StateVector, Transact, TransactionMut};

use wasm_bindgen::JsCast;

use crate::presence::awareness::User;
use crate::sharing::sync::SyncClient;
use crate::shell::state::BoardCtx;

/// This page's draft, provided as a context by the board page.
#[derive(Clone, Copy)]
pub struct Drafts {
    client: StoredValue<Option<Rc<SyncClient>>, LocalStorage>,
    /// Ids of this page's private stickies.
    pub ids: RwSignal<BTreeSet<String>>,
    /// Whether silent writing is on, as the server last said.
    pub on: RwSignal<Option<bool>>,
    board: StoredValue<String>,
    key: StoredValue<String>,
    /// Counts drafts opened, so the view follows a new one.
    opened: RwSignal<u32>,
}

fn storage_key(board: &str) -> String {
    format!("stormwall.draft.{board}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// 32 random letters and digits from the browser's cryptographic generator.
fn new_secret() -> Option<String> {
    let crypto = js_sys::Reflect::get(&window(), &"crypto".into()).ok()?;
    let fill: js_sys::Function = js_sys::Reflect::get(&crypto, &"getRandomValues".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let bytes = js_sys::Uint8Array::new_with_length(32);
    fill.call1(&crypto, &bytes).ok()?;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let s = bytes.to_vec().into_iter();
    Some(
        s.map(|b| ALPHABET[b as usize % ALPHABET.len()] as char)
            .collect(),
    )
}

/// The secret of this browser's draft of `board`, made the first time.
fn secret(board: &str) -> Option<String> {
    let store = storage()?;
    if let Some(s) = store.get_item(&storage_key(board)).ok().flatten() {
        return Some(s);
    }
    let s = new_secret()?;
    let _ = store.set_item(&storage_key(board), &s);
    Some(s)
}

/// Starts following silent writing for the open board: opens this page's draft while it is
/// on (for a link that writes), and moves the draft to the board when it goes off.
pub fn install(ctx: BoardCtx, board: String, key: String, me: RwSignal<User>) {
    let (silent, access) = ctx.live.with_value(|c| (c.silent, c.access));
    let drafts = Drafts {
        client: StoredValue::new_local(None),
        ids: RwSignal::new(BTreeSet::new()),
        on: silent,
        board: StoredValue::new(board),
        key: StoredValue::new(key),
        opened: RwSignal::new(0),
    };
    provide_context(drafts);
    // The draft's connection belongs to the board page, not to the effect that opens it.
    let owner = Owner::current();
    Effect::new(move |_| {
        let writes = access.with(|a| a.as_ref().is_some_and(|a| a.role != Role::Viewer));
        match silent.get() {
            Some(true) if writes => drafts.open(owner.as_ref(), me.get_untracked()),
            Some(false) => drafts.reveal_here(ctx),
            _ => {}
        }
    });
    // What the draft receives (its stickies after a reload) is laid over the board.
    Effect::new(move |_| {
        drafts.opened.track();
        let changed = drafts
            .client
            .try_with_value(|c| c.as_ref().map(|c| c.board))
            .flatten();
        if let Some(changed) = changed {
            changed.track();
            overlay(ctx, drafts);
        }
    });
    on_cleanup(move || {
        if let Some(c) = drafts.client.try_get_value().flatten() {
            c.close();
        }
    });
}

impl Drafts {
    /// This page's private stickies, as the board snapshot shows them.
    pub fn stickies(self, ctx: BoardCtx) -> Vec<Sticky> {
        self.ids
            .try_with_untracked(|ids| {
                ctx.board.try_with_untracked(|b| {
                    ids.iter().filter_map(|id| b.sticky(id)).cloned().collect()
                })
            })
            .flatten()
            .unwrap_or_default()
    }

    fn open(self, owner: Option<&Owner>, me: User) {
        if self.client.with_value(Option::is_some) {
            return;
        }
        let board = self.board.get_value();
        let Some(secret) = secret(&board) else {
            return;
        };
        let room = format!("{board}{}{secret}", stormwall_model::drafts::SEPARATOR);
        let key = self.key.get_value();
        let client = match owner {
            Some(owner) => owner.with(|| SyncClient::connect(room, key, me)),
            None => SyncClient::connect(room, key, me),
        };
        self.client.set_value(Some(client));
        self.opened.update(|n| *n += 1);
    }

    /// Silent writing is off: this page's draft joins the board and is forgotten.
    fn reveal_here(self, ctx: BoardCtx) {
        if let Some(store) = storage() {
            let _ = store.remove_item(&storage_key(&self.board.get_value()));
        }
        let Some(draft) = self.client.try_update_value(Option::take).flatten() else {
            return;
        };
        let state = draft
            .doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        draft.close();
        ctx.live.with_value(|c| c.merge_in(&state));
        let ids = self.ids.get_untracked();
        self.ids.set(BTreeSet::new());
        // Stickies the board does not hold after all leave the view.
        ctx.board.update(|b| {
            b.stickies.retain(|s| {
                !ids.contains(&s.id) || ctx.live.with_value(|c| has_sticky(&c.roots, c, &s.id))
            })
        });
        ctx.live.with_value(|c| c.laid_out());
        notify(ctx, ids);
    }
}

fn has_sticky(roots: &Roots, c: &SyncClient, id: &str) -> bool {
    stormwall_model::doc::sticky_map(roots, &c.doc.transact(), id).is_some()
}

fn notify(ctx: BoardCtx, ids: BTreeSet<String>) {
    let changes = Changes {
        stickies: ids,
        ..Changes::default()
    };
    ctx.live.with_value(|c| c.touched.notify(&changes));
}

/// Lays this page's private stickies over the board snapshot.
fn overlay(ctx: BoardCtx, drafts: Drafts) {
    let Some(draft) = drafts.client.with_value(Clone::clone) else {
        return;
    };
    let (stickies, authorship) = draft
        .board
        .with_untracked(|b| (b.stickies.clone(), b.authorship.clone()));
    let now: BTreeSet<String> = stickies.iter().map(|s| s.id.clone()).collect();
    let before = drafts.ids.get_untracked();
    // Typing in a private sticky changes its text alone: the views that follow the layout
    // are told only when a private sticky came, went, moved or changed its look.
    let mut laid_out = false;
    ctx.board.update(|b| {
        for s in stickies {
            if let Some(a) = authorship.get(&s.id) {
                b.authorship.insert(s.id.clone(), a.clone());
            }
            laid_out |= b.put_sticky(s);
        }
        let live = ctx.live.get_value();
        let count = b.stickies.len();
        b.stickies.retain(|s| {
            !before.contains(&s.id) || now.contains(&s.id) || has_sticky(&live.roots, &live, &s.id)
        });
        laid_out |= b.stickies.len() != count;
    });
    if laid_out {
        ctx.live.with_value(|c| c.laid_out());
    }
    let touched: BTreeSet<String> = before.union(&now).cloned().collect();
    drafts.ids.set(now);
    notify(ctx, touched);
}

/// The draft that takes `ctx`'s next edit: the sticky being typed in is private, or every
/// selected item is.
pub fn target(ctx: BoardCtx) -> Option<Rc<SyncClient>> {
    let drafts = use_context::<Drafts>()?;
    let client = drafts.client.try_with_value(Clone::clone).flatten()?;
    let mine = |id: &String| drafts.ids.with_untracked(|s| s.contains(id));
    let private = match ctx.editing.get_untracked() {
        Some(id) => mine(&id),
        None => ctx
            .selection
            .with_untracked(|s| !s.is_empty() && s.iter().all(mine)),
    };
    private.then_some(client)
}

/// Applies an edit to the draft and shows it.
pub fn edit_in(ctx: BoardCtx, draft: &SyncClient, f: impl FnOnce(&Roots, &mut TransactionMut)) {
    draft.edit(f);
    if let Some(drafts) = use_context::<Drafts>() {
        overlay(ctx, drafts);
    }
}

/// Applies an edit that adds a sticky: to the draft while silent writing is on, else to the
/// board.
pub fn edit_new(ctx: BoardCtx, f: impl FnOnce(&Roots, &mut TransactionMut)) {
    let draft = use_context::<Drafts>()
        .filter(|d| d.on.get_untracked() == Some(true))
        .and_then(|d| d.client.try_with_value(Clone::clone).flatten());
    match draft {
        Some(d) => edit_in(ctx, &d, f),
        None => ctx.live.with_value(|c| c.edit(f)),
    }
}
