//! The fields of a board stream's entries, written and read. Every entry names the node that
//! added it (`n`) and carries either a y-protocol message (`m`: a document update or an
//! awareness update) or an access change (`c`: `lock`, `unlock`, `revoke:ROLE`, `delete`).
//!
//! What comes back from Redis is untrusted: an entry with a missing, oversized or unknown
//! field decodes to an error that the reader logs and skips; it never panics.

use std::collections::HashMap;

use bytes::Bytes;
use redis::Value;
use stormwall_model::access::Role;

use super::{Body, Entry};
use crate::access::AccessChange;

/// Longest node id read back.
const MAX_NODE: usize = 64;

/// The key of board `board`'s stream.
pub fn stream_key(board: &str) -> String {
    format!("stormwall:board:{board}")
}

/// The board a stream key names, if it is one.
pub fn board_of(key: &str) -> Option<&str> {
    key.strip_prefix("stormwall:board:")
}

/// An access change as the `c` field carries it.
pub fn control_text(change: &AccessChange) -> String {
    match change {
        AccessChange::Locked(true) => "lock".into(),
        AccessChange::Locked(false) => "unlock".into(),
        AccessChange::Revoked(role) => format!("revoke:{role}"),
        AccessChange::Deleted => "delete".into(),
        AccessChange::Revealed => "reveal".into(),
        AccessChange::Renamed(name) => format!("rename:{name}"),
    }
}

fn parse_control(text: &[u8]) -> Option<AccessChange> {
    let text = std::str::from_utf8(text).ok()?;
    Some(match text {
        "lock" => AccessChange::Locked(true),
        "unlock" => AccessChange::Locked(false),
        "delete" => AccessChange::Deleted,
        "reveal" => AccessChange::Revealed,
        _ if text.starts_with("rename:") => {
            let name = &text["rename:".len()..];
            // The same bound as a rename by the API: a longer one came from no node.
            (!name.is_empty() && name.chars().count() <= crate::access::routes::MAX_NAME)
                .then(|| AccessChange::Renamed(name.into()))?
        }
        _ => AccessChange::Revoked(Role::parse(text.strip_prefix("revoke:")?)?),
    })
}

fn bytes(v: &Value) -> Option<&[u8]> {
    match v {
        Value::BulkString(b) => Some(b),
        Value::SimpleString(s) => Some(s.as_bytes()),
        _ => None,
    }
}

/// Why an entry was skipped.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadEntry {
    #[error("entry names no node")]
    NoNode,
    #[error("entry message is over {0} bytes")]
    TooLarge(usize),
    #[error("entry carries an unknown access change")]
    BadControl,
    #[error("entry carries neither a message nor an access change")]
    Empty,
}

/// Decodes an entry's fields; messages longer than `max_message` bytes are refused.
pub fn decode(map: &HashMap<String, Value>, max_message: usize) -> Result<Entry, BadEntry> {
    let node = map
        .get("n")
        .and_then(bytes)
        .filter(|n| !n.is_empty() && n.len() <= MAX_NODE)
        .and_then(|n| std::str::from_utf8(n).ok())
        .ok_or(BadEntry::NoNode)?
        .to_string();
    let body = if let Some(m) = map.get("m") {
        let m = bytes(m).ok_or(BadEntry::Empty)?;
        if m.len() > max_message {
            return Err(BadEntry::TooLarge(max_message));
        }
        Body::Message(Bytes::copy_from_slice(m))
    } else if let Some(c) = map.get("c") {
        let change = bytes(c)
            .and_then(parse_control)
            .ok_or(BadEntry::BadControl)?;
        Body::Control(change)
    } else {
        return Err(BadEntry::Empty);
    };
    Ok(Entry { node, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(fields: &[(&str, &[u8])]) -> HashMap<String, Value> {
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), Value::BulkString(v.to_vec())))
            .collect()
    }

    #[test]
    fn messages_and_controls_round_trip() {
        let e = decode(&map(&[("n", b"a"), ("m", &[0, 2, 1, 0])]), 16).unwrap();
        assert_eq!(e.node, "a");
        assert_eq!(e.body, Body::Message(Bytes::from_static(&[0, 2, 1, 0])));
        for change in [
            AccessChange::Locked(true),
            AccessChange::Locked(false),
            AccessChange::Revoked(Role::Viewer),
            AccessChange::Deleted,
            AccessChange::Revealed,
            AccessChange::Renamed("주문 rename:x".into()),
        ] {
            let text = control_text(&change);
            let e = decode(&map(&[("n", b"b"), ("c", text.as_bytes())]), 16).unwrap();
            assert_eq!(e.body, Body::Control(change));
        }
        assert_eq!(board_of(&stream_key("xyz")), Some("xyz"));
    }

    #[test]
    fn hostile_entries_are_refused_not_panicked_on() {
        let long = vec![b'x'; 65];
        let cases: Vec<HashMap<String, Value>> = vec![
            map(&[("m", b"x")]),
            map(&[("n", b""), ("m", b"x")]),
            map(&[("n", &long), ("m", b"x")]),
            map(&[("n", &[0xff, 0xfe]), ("m", b"x")]),
            map(&[("n", b"a"), ("m", &[0; 17])]),
            map(&[("n", b"a"), ("c", b"revoke:owner")]),
            map(&[("n", b"a"), ("c", &[0xff])]),
            map(&[("n", b"a")]),
            [("n".to_string(), Value::Int(3))].into_iter().collect(),
            [
                ("n".to_string(), Value::BulkString(b"a".to_vec())),
                ("m".to_string(), Value::Nil),
            ]
            .into_iter()
            .collect(),
        ];
        for case in cases {
            assert!(decode(&case, 16).is_err(), "{case:?}");
        }
    }
}
