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

    /// This page's display name.
    pub fn my_name(&self) -> String {
        self.local.borrow().user.name.clone()
    }

    /// Changes this page's state; returns the awareness update to send.
    pub fn set_local(&self, f: impl FnOnce(&mut PeerState)) -> AwarenessUpdate {
        f(&mut self.local.borrow_mut());
        self.clock.set(self.clock.get() + 1);
        self.encode_local()
    }

    /// This page's state, announced after (re)connecting. The clock moves past the removal
    /// the server broadcast when the previous connection closed (its clock + 1): stock clients
    /// ignore a state whose clock is not newer than what they have seen, including 0 at first.
    pub fn announce(&self) -> AwarenessUpdate {
        self.clock.set(self.clock.get() + 2);
        self.encode_local()
    }

    /// This page's current state as an update.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn update(client: u64, clock: u32, json: &str) -> AwarenessUpdate {
        let mut clients = HashMap::new();
        clients.insert(
            ClientID::new(client),
            AwarenessUpdateEntry {
                clock,
                json: Arc::from(json),
            },
        );
        AwarenessUpdate { clients }
    }

    fn names(p: &Presence) -> Vec<String> {
        p.peers
            .get_untracked()
            .into_iter()
            .map(|p| p.state.user.name)
            .collect()
    }

    #[test]
    fn others_join_move_and_leave_in_clock_order() {
        let me = Presence::new(1, User::default());
        let ana = r##"{"user":{"name":"Ana","color":"#e8590c"},"cursor":{"x":10,"y":20},"selection":["s1"]}"##;
        me.apply(update(7, 3, ana));
        assert_eq!(names(&me), ["Ana"]);
        let peer = &me.peers.get_untracked()[0];
        assert_eq!(peer.state.cursor, Some(Cursor { x: 10.0, y: 20.0 }));
        assert_eq!(peer.state.selection, ["s1"]);
        // A stale state (lower clock) is ignored; a stock client's extra fields are fine.
        me.apply(update(7, 2, r##"{"user":{"name":"Old","color":"#000"}}"##));
        assert_eq!(names(&me), ["Ana"]);
        me.apply(update(
            9,
            1,
            r##"{"user":{"name":"Bo","color":"#111"},"extra":true}"##,
        ));
        assert_eq!(names(&me), ["Ana", "Bo"]);
        // Our own state echoed back is not a peer; null means gone.
        me.apply(update(1, 5, ana));
        me.apply(update(7, 4, "null"));
        assert_eq!(names(&me), ["Bo"]);
        me.clear_others();
        assert!(names(&me).is_empty());
    }

    #[test]
    fn local_changes_bump_the_clock_and_leaving_sends_null() {
        let me = Presence::new(
            5,
            User {
                name: "Me".into(),
                color: "#fff".into(),
            },
        );
        let first = me.set_local(|s| s.selection = vec!["a".into()]);
        let second = me.set_local(|s| s.cursor = Some(Cursor { x: 1.0, y: 2.0 }));
        let entry = |u: &AwarenessUpdate| u.clients[&ClientID::new(5)].clone();
        assert!(entry(&second).clock > entry(&first).clock);
        let state: PeerState = serde_json::from_str(&entry(&second).json).unwrap();
        assert_eq!(state.user.name, "Me");
        assert_eq!(state.selection, ["a"]);
        let back = me.announce();
        assert_eq!(entry(&back).clock, entry(&second).clock + 2);
        let leave = me.encode_leave();
        assert_eq!(&*entry(&leave).json, "null");
        assert!(entry(&leave).clock > entry(&second).clock);
    }
}
