//! A board's awareness (who is here, cursors, selections): the latest state of every client
//! id, and which connection announced which ids, so that when a connection closes its states
//! are removed for everyone (stock clients would otherwise show a ghost cursor).

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
}

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

    /// Applies an awareness update from `conn`: newer clocks win, a `null` state removes.
    /// Returns the frame to broadcast to the others, when anything changed.
    pub fn apply(&mut self, conn: u64, update: AwarenessUpdate) -> Option<Vec<u8>> {
        let mut changed = Vec::new();
        for (client, entry) in update.clients {
            let id = client.get();
            if self
                .states
                .get(&id)
                .is_some_and(|old| entry.clock < old.clock)
            {
                continue;
            }
            let mine = self.by_conn.entry(conn).or_default();
            if &*entry.json == "null" {
                mine.remove(&id);
                self.states.remove(&id);
            } else {
                mine.insert(id);
                self.states.insert(id, entry.clone());
            }
            changed.push((id, entry));
        }
        frame(changed)
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
            let old = self.states.remove(&id)?;
            Some((
                id,
                AwarenessUpdateEntry {
                    clock: old.clock + 1,
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

    #[test]
    fn newer_clocks_win_and_older_ones_are_ignored() {
        let mut p = Presence::default();
        assert!(p.apply(1, update(7, 2, r#"{"user":"Ana"}"#)).is_some());
        assert!(p.apply(1, update(7, 1, r#"{"user":"old"}"#)).is_none());
        assert_eq!(states(&p.all())[&7], (2, r#"{"user":"Ana"}"#.to_string()));
    }

    #[test]
    fn leaving_removes_only_that_connections_states_with_a_higher_clock() {
        let mut p = Presence::default();
        p.apply(1, update(7, 3, r#"{"user":"Ana"}"#));
        p.apply(2, update(9, 1, r#"{"user":"Bo"}"#));
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
        p.apply(1, update(7, 1, "{}"));
        assert!(p.apply(1, update(7, 2, "null")).is_some());
        assert!(p.is_empty());
        assert!(p.leave(1).is_none());
    }
}
