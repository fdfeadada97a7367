//! A board's awareness (who is here, cursors, selections): the latest state of every client
//! id, and which connection announced which ids, so that when a connection closes its states
//! are removed for everyone (stock clients would otherwise show a ghost cursor).
//!
//! Awareness has owners: the connection that first announced a client id is the only one that
//! may change or clear it while it is connected, and a connection may announce only a few ids.
//! Clocks never overflow (a removal at the highest clock keeps that clock, which Yjs accepts).
//! The size and nesting of each state are checked on the raw frame, before decoding.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use stormwall_model::protocol;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::AwarenessUpdate;
use yrs::ClientID;

/// Awareness states of one board.
#[derive(Default)]
pub struct Presence {
    states: HashMap<u64, AwarenessUpdateEntry>,
    by_conn: HashMap<u64, HashSet<u64>>,
    owner: HashMap<u64, u64>,
}

/// A connection announced more client ids than it may.
#[derive(Debug, PartialEq, Eq)]
pub struct TooManyIds;

fn frame(entries: impl IntoIterator<Item = (u64, AwarenessUpdateEntry)>) -> Option<Vec<u8>> {
    let clients: HashMap<ClientID, AwarenessUpdateEntry> = entries
        .into_iter()
        .map(|(id, e)| (ClientID::new(id), e))
        .collect();
    (!clients.is_empty()).then(|| protocol::awareness(AwarenessUpdate { clients }))
}

impl Presence {
    /// Whether nobody announced a state.
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// Applies an awareness update from `conn`, which may own at most `max_ids` client ids:
    /// newer clocks win, a `null` state removes, ids owned by another connection are left
    /// alone. Returns the frame to broadcast to the others, when anything changed.
    pub fn apply(
        &mut self,
        conn: u64,
        update: AwarenessUpdate,
        max_ids: usize,
    ) -> Result<Option<Vec<u8>>, TooManyIds> {
        let mut changed = Vec::new();
        for (client, entry) in update.clients {
            let id = client.get();
            match self.owner.get(&id) {
                Some(&other) if other != conn => continue,
                Some(_) => {}
                None if &*entry.json == "null" => continue,
                None => {
                    let mine = self.by_conn.entry(conn).or_default();
                    if mine.len() >= max_ids {
                        return Err(TooManyIds);
                    }
                    mine.insert(id);
                    self.owner.insert(id, conn);
                }
            }
            if self
                .states
                .get(&id)
                .is_some_and(|old| entry.clock < old.clock)
            {
                continue;
            }
            if &*entry.json == "null" {
                self.forget(conn, id);
            } else {
                self.states.insert(id, entry.clone());
            }
            changed.push((id, entry));
        }
        Ok(frame(changed))
    }

    /// Lets another connection announce `id` when its owner is one `owned_by` picks (a client
    /// that moved here from another node); its state stays until the new owner replaces it.
    pub fn disown(&mut self, id: u64, owned_by: impl Fn(u64) -> bool) {
        let Some(&owner) = self.owner.get(&id).filter(|&&c| owned_by(c)) else {
            return;
        };
        self.owner.remove(&id);
        if let Some(mine) = self.by_conn.get_mut(&owner) {
            mine.remove(&id);
        }
    }

    fn forget(&mut self, conn: u64, id: u64) {
        self.states.remove(&id);
        self.owner.remove(&id);
        if let Some(mine) = self.by_conn.get_mut(&conn) {
            mine.remove(&id);
        }
    }

    /// Every current state, as one frame for a newcomer or a query.
    pub fn all(&self) -> Vec<u8> {
        let clients = self
            .states
            .iter()
            .map(|(&id, e)| (ClientID::new(id), e.clone()))
            .collect();
        protocol::awareness(AwarenessUpdate { clients })
    }

    /// Forgets `conn`; returns the frame removing its states for everyone, if it had any.
    pub fn leave(&mut self, conn: u64) -> Option<Vec<u8>> {
        let ids = self.by_conn.remove(&conn)?;
        let gone = ids.into_iter().filter_map(|id| {
            self.owner.remove(&id);
            let old = self.states.remove(&id)?;
            Some((
                id,
                AwarenessUpdateEntry {
                    clock: old.clock.saturating_add(1),
                    json: Arc::from("null"),
                },
            ))
        });
        frame(gone.collect::<Vec<_>>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stormwall_model::protocol::{decode, Incoming};

    fn update(id: u64, clock: u32, json: &str) -> AwarenessUpdate {
        let mut clients = HashMap::new();
        clients.insert(
            ClientID::new(id),
            AwarenessUpdateEntry {
                clock,
                json: json.into(),
            },
        );
        AwarenessUpdate { clients }
    }

    fn states(frame: &[u8]) -> HashMap<u64, (u32, String)> {
        match decode(frame).unwrap() {
            Incoming::Awareness(a) => a
                .clients
                .into_iter()
                .map(|(k, e)| (k.get(), (e.clock, e.json.to_string())))
                .collect(),
            other => panic!("not awareness: {other:?}"),
        }
    }

    impl Presence {
        fn apply_ok(&mut self, conn: u64, u: AwarenessUpdate) -> Option<Vec<u8>> {
            self.apply(conn, u, 4).unwrap()
        }
    }

    #[test]
    fn another_connection_cannot_change_or_clear_an_owned_id() {
        let mut p = Presence::default();
        p.apply_ok(1, update(7, 1, r#"{"user":"Ana"}"#));
        assert!(p
            .apply_ok(2, update(7, 9, r#"{"user":"Mallory"}"#))
            .is_none());
        assert!(p.apply_ok(2, update(7, 9, "null")).is_none());
        assert_eq!(states(&p.all())[&7], (1, r#"{"user":"Ana"}"#.to_string()));
        // Once the owner has left, the id is free again (a reconnecting tab keeps its id).
        p.leave(1);
        assert!(p.apply_ok(2, update(7, 3, r#"{"user":"Ana"}"#)).is_some());
    }

    #[test]
    fn an_id_disowned_from_its_old_owner_moves_without_going_when_the_old_owner_leaves() {
        let mut p = Presence::default();
        p.apply_ok(100, update(7, 1, r#"{"user":"Ana"}"#));
        // Only an owner the predicate picks lets go.
        p.disown(7, |c| c == 5);
        assert!(p.apply_ok(2, update(7, 2, r#"{"user":"Ana"}"#)).is_none());
        p.disown(7, |c| c == 100);
        assert!(p.apply_ok(2, update(7, 2, r#"{"user":"Ana 2"}"#)).is_some());
        assert!(
            p.leave(100).is_none(),
            "the old owner's leaving removes nothing"
        );
        assert_eq!(states(&p.all())[&7].1, r#"{"user":"Ana 2"}"#);
    }

    #[test]
    fn a_connection_may_announce_only_a_few_ids() {
        let mut p = Presence::default();
        for id in 0..4 {
            p.apply(1, update(id, 1, "{}"), 4).unwrap();
        }
        assert_eq!(p.apply(1, update(99, 1, "{}"), 4), Err(TooManyIds));
        // Updating an id it already owns is fine.
        assert!(p.apply(1, update(2, 2, "{}"), 4).unwrap().is_some());
    }

    #[test]
    fn the_highest_clock_does_not_overflow_on_leave() {
        let mut p = Presence::default();
        p.apply_ok(1, update(7, u32::MAX, "{}"));
        let gone = states(&p.leave(1).unwrap());
        assert_eq!(gone[&7], (u32::MAX, "null".to_string()));
    }

    #[test]
    fn newer_clocks_win_and_older_ones_are_ignored() {
        let mut p = Presence::default();
        assert!(p.apply_ok(1, update(7, 2, r#"{"user":"Ana"}"#)).is_some());
        assert!(p.apply_ok(1, update(7, 1, r#"{"user":"old"}"#)).is_none());
        assert_eq!(states(&p.all())[&7], (2, r#"{"user":"Ana"}"#.to_string()));
    }

    #[test]
    fn leaving_removes_only_that_connections_states_with_a_higher_clock() {
        let mut p = Presence::default();
        p.apply_ok(1, update(7, 3, r#"{"user":"Ana"}"#));
        p.apply_ok(2, update(9, 1, r#"{"user":"Bo"}"#));
        let gone = states(&p.leave(1).unwrap());
        assert_eq!(gone, HashMap::from([(7, (4, "null".to_string()))]));
        assert_eq!(
            states(&p.all()).keys().copied().collect::<Vec<_>>(),
            vec![9]
        );
        assert!(p.leave(1).is_none());
    }

    #[test]
    fn a_null_state_removes_the_client() {
        let mut p = Presence::default();
        p.apply_ok(1, update(7, 1, "{}"));
        assert!(p.apply_ok(1, update(7, 2, "null")).is_some());
        assert!(p.is_empty());
        assert!(p.leave(1).is_none());
    }
}
