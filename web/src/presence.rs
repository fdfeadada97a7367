//! Who else is on the board: the y-websocket *awareness* states of every participant (name,
//! colour, cursor, selection), and this page's own state with its logical clock.
//!
//! Wire format is the standard one (`yrs::sync::AwarenessUpdate`), so stock JavaScript clients
//! see our cursors and we see theirs. A state of `null` means the participant left.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::AwarenessUpdate;
use yrs::ClientID;

/// A participant's name and colour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct User {
    /// Display name.
    pub name: String,
    /// CSS colour.
    pub color: String,
}

/// A pointer position in board coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Cursor {
    /// Board x.
    pub x: f64,
    /// Board y.
    pub y: f64,
}

/// One participant's awareness state, as JSON on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PeerState {
    /// Who.
    #[serde(default)]
    pub user: User,
    /// Where their pointer is over the canvas, if it is.
    #[serde(default)]
    pub cursor: Option<Cursor>,
    /// Ids they have selected.
    #[serde(default)]
    pub selection: Vec<String>,
}

/// A participant other than this page.
#[derive(Debug, Clone, PartialEq)]
pub struct Peer {
    /// Awareness client id.
    pub client: u64,
    /// Their state.
    pub state: PeerState,
}

/// This page's awareness and everyone else's.
pub struct Presence {
    client: u64,
    clock: Cell<u32>,
    local: RefCell<PeerState>,
    others: RefCell<BTreeMap<u64, (u32, PeerState)>>,
    /// Everyone else, ordered by client id (for stable rendering).
    pub peers: RwSignal<Vec<Peer>>,
}

impl Presence {
    /// Presence of the page whose document has `client` as client id.
    pub fn new(client: u64, user: User) -> Presence {
        Presence {
            client,
            clock: Cell::new(0),
            local: RefCell::new(PeerState {
                user,
                ..PeerState::default()
            }),
            others: RefCell::new(BTreeMap::new()),
            peers: RwSignal::new(Vec::new()),
        }
    }

    /// Changes this page's state; returns the awareness update to send.
    pub fn set_local(&self, f: impl FnOnce(&mut PeerState)) -> AwarenessUpdate {
        f(&mut self.local.borrow_mut());
        self.clock.set(self.clock.get() + 1);
        self.encode_local()
    }

    /// This page's current state as an update (sent after (re)connecting).
    pub fn encode_local(&self) -> AwarenessUpdate {
        let json = serde_json::to_string(&*self.local.borrow()).unwrap_or_else(|_| "{}".into());
        self.entry(json)
    }

    /// The update that tells everyone this page left.
    pub fn encode_leave(&self) -> AwarenessUpdate {
        self.clock.set(self.clock.get() + 1);
        self.entry("null".into())
    }

    fn entry(&self, json: String) -> AwarenessUpdate {
        let mut clients = HashMap::new();
        clients.insert(
            ClientID::new(self.client),
            AwarenessUpdateEntry {
                clock: self.clock.get(),
                json: Arc::from(json),
            },
        );
        AwarenessUpdate { clients }
    }

    /// Applies an update from the server: others join, move, select, leave.
    pub fn apply(&self, update: AwarenessUpdate) {
        let mut others = self.others.borrow_mut();
        for (id, entry) in update.clients {
            let id = id.get();
            if id == self.client {
                continue;
            }
            if others.get(&id).is_some_and(|(c, _)| *c > entry.clock) {
                continue;
            }
            match serde_json::from_str::<Option<PeerState>>(&entry.json) {
                Ok(Some(state)) => {
                    others.insert(id, (entry.clock, state));
                }
                Ok(None) => {
                    others.remove(&id);
                }
                Err(_) => {}
            }
        }
        let list = others
            .iter()
            .map(|(&client, (_, state))| Peer {
                client,
                state: state.clone(),
            })
            .collect();
        drop(others);
        self.peers.set(list);
    }

    /// Forgets everyone else (the connection dropped; the server resends on reconnect).
    pub fn clear_others(&self) {
        self.others.borrow_mut().clear();
        self.peers.set(Vec::new());
    }
}
