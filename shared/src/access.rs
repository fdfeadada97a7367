//! Who may do what on a board: the three roles a share link grants, and the notice the server
//! sends a connection about its rights (the sync protocol's *access* message, see
//! [`crate::protocol::MSG_ACCESS`]). Shared by the server, which enforces the rights, and the
//! board, which shows them.

use serde::{Deserialize, Serialize};

/// What a board's share link lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Sees the board live and shares presence; never changes the board.
    Viewer,
    /// Edits the board while it is unlocked.
    Participant,
    /// Edits the board always, and owns it: links, lock, name, deletion.
    Facilitator,
}

impl Role {
    /// Every role, least powerful first.
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Participant, Role::Facilitator];

    /// The role's name on the wire and in links: `viewer`, `participant`, `facilitator`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Participant => "participant",
            Role::Facilitator => "facilitator",
        }
    }

    /// The role named `s`.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether the role may change the board's document while the board is `locked` or not.
    pub fn can_edit(self, locked: bool) -> bool {
        match self {
            Role::Viewer => false,
            Role::Participant => !locked,
            Role::Facilitator => true,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the server tells a connection about its rights, as the JSON payload of an access
/// message. Sent when the client asks (and again whenever the board is locked or unlocked),
/// and once, unasked, when the server refuses a document update the connection sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessNotice {
    /// The role of the link the connection was opened with.
    pub role: Role,
    /// Whether the facilitator locked the board (only facilitators edit).
    pub locked: bool,
    /// Whether this connection's document updates are applied.
    pub can_edit: bool,
    /// Set when the notice answers a refused update: why it was refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// Set when the facilitator renamed the board: its new name, for everyone's title bar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl AccessNotice {
    /// The rights of `role` on a board that is `locked` or not.
    pub fn new(role: Role, locked: bool) -> AccessNotice {
        AccessNotice {
            role,
            locked,
            can_edit: role.can_edit(locked),
            refused: None,
            name: None,
        }
    }

    /// The same rights, explaining why an update was refused.
    pub fn refusing(mut self) -> AccessNotice {
        self.refused = Some(
            if self.role == Role::Viewer {
                "this link is view-only: your changes are not saved"
            } else {
                "the facilitator locked the board: your changes are not saved"
            }
            .into(),
        );
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_facilitators_edit_a_locked_board_and_viewers_never_do() {
        assert!(!Role::Viewer.can_edit(false));
        assert!(Role::Participant.can_edit(false));
        assert!(!Role::Participant.can_edit(true));
        assert!(Role::Facilitator.can_edit(true));
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn notices_round_trip_as_json() {
        let n = AccessNotice::new(Role::Viewer, false).refusing();
        let json = serde_json::to_string(&n).unwrap();
        assert!(json.contains(r#""role":"viewer""#), "{json}");
        assert_eq!(serde_json::from_str::<AccessNotice>(&json).unwrap(), n);
    }
}
