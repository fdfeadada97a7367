//! Share links in the browser. The server lists no boards, so this browser keeps the boards it
//! opened (in `localStorage`: name, role, the key it opens with, and every link it was handed)
//! for the start page. A link's key is taken out of the address bar as soon as the board page
//! loads, so it stays out of the history, of screenshots of the address bar and of Referers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use stormwall_model::access::Role;

use crate::presence::identity::storage;

const KEY: &str = "stormwall.boards";

/// A board this browser opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnownBoard {
    /// The board's id.
    pub id: String,
    /// Its name, as last seen.
    pub name: String,
    /// The role of the key it opens with.
    pub role: Role,
    /// The key it opens with.
    pub key: String,
    /// Every link this browser was handed, by role name (`/b/{id}?key=…`).
    #[serde(default)]
    pub links: BTreeMap<String, String>,
    /// When it was last opened (ms since the epoch), for the order of the list.
    #[serde(default)]
    pub opened_at: f64,
}

impl KnownBoard {
    /// The most powerful link this browser holds for the board (the start page opens it).
    pub fn best_link(&self) -> String {
        Role::ALL
            .iter()
            .rev()
            .find_map(|r| self.links.get(r.as_str()).cloned())
            .unwrap_or_else(|| link(&self.id, &self.key))
    }

    /// The most powerful role this browser holds a link for.
    pub fn best_role(&self) -> Role {
        Role::ALL
            .into_iter()
            .rev()
            .find(|r| self.links.contains_key(r.as_str()))
            .unwrap_or(self.role)
    }
}

fn load() -> Vec<KnownBoard> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default()
}

fn store(boards: &[KnownBoard]) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(boards)) {
        let _ = s.set_item(KEY, &json);
    }
}

/// The boards this browser opened, most recent first.
pub fn all() -> Vec<KnownBoard> {
    let mut list = load();
    list.sort_by(|a, b| b.opened_at.total_cmp(&a.opened_at));
    list
}

/// What this browser knows of board `id`.
pub fn get(id: &str) -> Option<KnownBoard> {
    load().into_iter().find(|b| b.id == id)
}

/// Records (or updates) what this browser knows of a board.
pub fn save(board: KnownBoard) {
    let mut list = load();
    list.retain(|b| b.id != board.id);
    list.push(board);
    store(&list);
}

/// Forgets a board (deleted, or its link no longer works).
pub fn forget(id: &str) {
    let mut list = load();
    list.retain(|b| b.id != id);
    store(&list);
}

/// The board page's link for `key`.
pub fn link(id: &str, key: &str) -> String {
    format!("/b/{id}?key={key}")
}

/// The key in a link (`…?key=…`).
pub fn key_of(link: &str) -> Option<String> {
    let query = link.split_once('?')?.1;
    query
        .split('&')
        .find_map(|p| p.strip_prefix("key="))
        .map(|k| String::from(js_sys::decode_uri_component(k).unwrap_or_else(|_| k.into())))
}

/// A link as someone else opens it: with this server's origin.
pub fn absolute(link: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{link}")
}

/// Remembers a board this browser just created: the facilitator's, with all three links.
pub fn remember_created(id: &str, name: &str, links: &BTreeMap<String, String>) {
    let key = links
        .get(Role::Facilitator.as_str())
        .and_then(|l| key_of(l))
        .unwrap_or_default();
    save(KnownBoard {
        id: id.into(),
        name: name.into(),
        role: Role::Facilitator,
        key,
        links: links.clone(),
        opened_at: js_sys::Date::now(),
    });
}

/// The key the board page opens board `id` with: the one in the address bar (then removed
/// from it, without a reload or a history entry, and kept for this tab so a reload opens the
/// same role), else this tab's, else the most powerful one this browser holds.
pub fn take_key(id: &str) -> Option<String> {
    let window = web_sys::window()?;
    let tab = window.session_storage().ok().flatten();
    let tab_key = format!("stormwall.key.{id}");
    let search = window.location().search().ok().unwrap_or_default();
    if let Some(key) = key_of(&search).filter(|k| !k.is_empty()) {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("/b/{id}")),
            );
        }
        if let Some(tab) = &tab {
            let _ = tab.set_item(&tab_key, &key);
        }
        return Some(key);
    }
    tab.and_then(|t| t.get_item(&tab_key).ok().flatten())
        .or_else(|| get(id).and_then(|b| key_of(&b.best_link())))
}

/// Records that board `id` opened with `key` as `role`, named `name`.
pub fn opened(id: &str, name: &str, role: Role, key: &str) {
    let mut board = get(id).unwrap_or_else(|| KnownBoard {
        id: id.into(),
        name: String::new(),
        role,
        key: key.into(),
        links: BTreeMap::new(),
        opened_at: 0.0,
    });
    board.name = name.into();
    board.role = role;
    board.key = key.into();
    board.links.insert(role.as_str().into(), link(id, key));
    board.opened_at = js_sys::Date::now();
    save(board);
}

/// Records a new link of `role` (after a rotation); when it replaces the key this browser
/// opens the board with, that key too.
pub fn rotated(id: &str, role: Role, link: &str) {
    let Some(mut board) = get(id) else {
        return;
    };
    board.links.insert(role.as_str().into(), link.into());
    if board.role == role {
        board.key = key_of(link).unwrap_or_default();
    }
    save(board);
}

/// What a role may do, in a sentence for people.
pub fn describe(role: Role) -> &'static str {
    match role {
        Role::Facilitator => "edits always; shares links, locks, renames and deletes the board",
        Role::Participant => "edits the board while it is unlocked",
        Role::Viewer => "watches the board live; cannot change it",
    }
}

/// A role's name for people.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Facilitator => "Facilitator",
        Role::Participant => "Participant",
        Role::Viewer => "Viewer",
    }
}
