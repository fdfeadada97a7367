//! A connection's rights inside a board's room: its role, whether it asked to hear about them,
//! and whether it was already told that an update of its was refused. The room asks it before
//! applying any document update.

use stormwall_model::access::{AccessNotice, Role};
use stormwall_model::protocol;

/// What the room does with a document update from a connection.
#[derive(Debug, PartialEq)]
pub enum EditCheck {
    /// Apply, store and broadcast it.
    Apply,
    /// Drop it; send the connection this frame first, when given (the first refusal only).
    Refuse(Option<Vec<u8>>),
}

/// One connection's rights.
#[derive(Debug)]
pub struct ConnAccess {
    /// The role of the link it was opened with.
    pub role: Role,
    subscribed: bool,
    told: bool,
}

impl ConnAccess {
    /// A connection opened with a `role` link.
    pub fn new(role: Role) -> ConnAccess {
        ConnAccess {
            role,
            subscribed: false,
            told: false,
        }
    }

    /// Decides on a document update (`bytes`, an encoded Yjs update) while the board is
    /// `locked` or not. An update without content (a reader's empty SyncStep2) is dropped
    /// silently; the first update with content from a connection that may not edit is answered
    /// with a notice saying why.
    pub fn check_edit(&mut self, locked: bool, bytes: &[u8]) -> EditCheck {
        if self.role.can_edit(locked) {
            return EditCheck::Apply;
        }
        let empty = protocol::decode_update(bytes).is_ok_and(|u| u.is_empty());
        if empty || self.told {
            return EditCheck::Refuse(None);
        }
        self.told = true;
        let notice = AccessNotice::new(self.role, locked).refusing();
        EditCheck::Refuse(Some(protocol::access_notice(&notice)))
    }

    /// The connection asked for its rights: the notice to send, now and on every change.
    pub fn subscribe(&mut self, locked: bool) -> Vec<u8> {
        self.subscribed = true;
        protocol::access_notice(&AccessNotice::new(self.role, locked))
    }

    /// The board was locked or unlocked: the notice to send, when the connection asked for
    /// them. A refusal under the new state is explained again.
    pub fn lock_changed(&mut self, locked: bool) -> Option<Vec<u8>> {
        self.told = false;
        self.subscribed
            .then(|| protocol::access_notice(&AccessNotice::new(self.role, locked)))
    }

    /// The board was renamed: the notice carrying its new name, when the connection asked
    /// for notices (the board's clients do; stock clients don't and keep the old title).
    pub fn renamed(&self, locked: bool, name: &str) -> Option<Vec<u8>> {
        self.subscribed.then(|| {
            let mut notice = AccessNotice::new(self.role, locked);
            notice.name = Some(name.to_string());
            protocol::access_notice(&notice)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stormwall_model::protocol::{decode, read_access_notice, Incoming};
    use yrs::{Doc, Map, Transact};

    fn some_update() -> Vec<u8> {
        let doc = Doc::new();
        let m = doc.get_or_insert_map("stickies");
        let mut t = doc.transact_mut();
        m.insert(&mut t, "s1", "x");
        t.encode_update_v1()
    }

    fn notice(frame: &[u8]) -> AccessNotice {
        match decode(frame).unwrap() {
            Incoming::Access(p) => read_access_notice(&p).unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_viewer_is_refused_and_told_once() {
        let mut v = ConnAccess::new(Role::Viewer);
        assert_eq!(v.check_edit(false, &[0, 0]), EditCheck::Refuse(None));
        let EditCheck::Refuse(Some(frame)) = v.check_edit(false, &some_update()) else {
            panic!("told on the first refusal");
        };
        let n = notice(&frame);
        assert_eq!((n.role, n.can_edit), (Role::Viewer, false));
        assert!(n.refused.unwrap().contains("view-only"));
        assert_eq!(v.check_edit(false, &some_update()), EditCheck::Refuse(None));
    }

    #[test]
    fn a_participant_edits_until_the_board_is_locked() {
        let mut p = ConnAccess::new(Role::Participant);
        assert_eq!(p.check_edit(false, &some_update()), EditCheck::Apply);
        assert!(p.lock_changed(true).is_none(), "not subscribed");
        assert!(matches!(
            p.check_edit(true, &some_update()),
            EditCheck::Refuse(Some(_))
        ));
        let n = notice(&p.subscribe(true));
        assert_eq!((n.locked, n.can_edit, n.refused), (true, false, None));
        assert!(notice(&p.lock_changed(false).unwrap()).can_edit);
        let mut f = ConnAccess::new(Role::Facilitator);
        assert_eq!(f.check_edit(true, &some_update()), EditCheck::Apply);
    }
}
