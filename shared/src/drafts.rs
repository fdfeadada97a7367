//! Silent writing (private mode), the parts without IO: the name of an author's *draft* room
//! and the notice that tells clients whether silent writing is on.
//!
//! While silent writing is on, each author's new stickies live in a draft document of the
//! board that only the author opens. Its room is named `{board}~draft~{secret}` on the wire,
//! where the secret is made and kept by the author's browser; the server stores the draft
//! under `{board}~draft~{digest}` instead, so the stored id never opens it. The server tells
//! clients that ask (message type [`crate::protocol::MSG_SILENT_WRITING`]) whether silent
//! writing is on, with a [`SilentNotice`].

use serde::{Deserialize, Serialize};

/// What separates a board's id from a draft's secret in a draft room's name.
pub const SEPARATOR: &str = "~draft~";
/// Shortest draft secret accepted (a browser makes 32 characters).
pub const MIN_SECRET: usize = 16;
/// Longest draft secret accepted.
pub const MAX_SECRET: usize = 64;
/// Longest board id in a draft room's name (the server's own limit on board ids).
pub const MAX_BOARD: usize = 64;

/// A draft room's name as a client asks for it: the board's id and the author's secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftName {
    /// The board the draft belongs to.
    pub board: String,
    /// The author's secret.
    pub secret: String,
}

fn plain(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl DraftName {
    /// `{board}~draft~{secret}`, when both parts are plain (letters, digits, `-`, `_`) and of
    /// an accepted length; `None` for anything else, including any other room name.
    pub fn parse(raw: &str) -> Option<DraftName> {
        let (board, secret) = raw.split_once(SEPARATOR)?;
        let ok = (1..=MAX_BOARD).contains(&board.len())
            && (MIN_SECRET..=MAX_SECRET).contains(&secret.len())
            && plain(board)
            && plain(secret);
        ok.then(|| DraftName {
            board: board.to_string(),
            secret: secret.to_string(),
        })
    }

    /// The name a client connects with.
    pub fn room(&self) -> String {
        format!("{}{SEPARATOR}{}", self.board, self.secret)
    }

    /// The id the server stores the draft under, given a digest of the secret.
    pub fn stored_id(&self, digest: &str) -> String {
        format!("{}{SEPARATOR}{digest}", self.board)
    }
}

/// The board a room belongs to: a draft's board, or the room itself.
pub fn board_of(room: &str) -> &str {
    room.split_once(SEPARATOR).map_or(room, |(board, _)| board)
}

/// Whether `room` is a draft room (by its stored or wire name).
pub fn is_draft(room: &str) -> bool {
    room.contains(SEPARATOR)
}

/// Whether silent writing is on, as the server tells a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SilentNotice {
    /// New stickies go to each author's draft until the facilitator reveals all.
    pub on: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuV";

    #[test]
    fn a_draft_name_round_trips_and_names_its_board() {
        let raw = format!("0f3a9c1e2b4d4e6f8a0b1c2d3e4f5a6b~draft~{SECRET}");
        let d = DraftName::parse(&raw).unwrap();
        assert_eq!(d.board, "0f3a9c1e2b4d4e6f8a0b1c2d3e4f5a6b");
        assert_eq!(d.secret, SECRET);
        assert_eq!(d.room(), raw);
        assert_eq!(board_of(&raw), d.board);
        assert_eq!(board_of("plain-board"), "plain-board");
        assert!(is_draft(&d.stored_id("abc")) && !is_draft("plain-board"));
        assert_eq!(board_of(&d.stored_id("abc")), d.board);
    }

    #[test]
    fn hostile_draft_names_are_refused() {
        let long_board = "b".repeat(MAX_BOARD + 1);
        let long_secret = "s".repeat(MAX_SECRET + 1);
        for bad in [
            String::new(),
            "board".into(),
            format!("~draft~{SECRET}"),
            "board~draft~short".into(),
            format!("{long_board}~draft~{SECRET}"),
            format!("board~draft~{long_secret}"),
            format!("bo ard~draft~{SECRET}"),
            format!("board~draft~{SECRET}~draft~{SECRET}"),
            format!("board~draft~{SECRET}\n"),
            format!("../x~draft~{SECRET}"),
            format!("보드~draft~{SECRET}"),
        ] {
            assert!(DraftName::parse(&bad).is_none(), "{bad:?}");
        }
        assert!(DraftName::parse(&format!("board~draft~{}", "s".repeat(MAX_SECRET))).is_some());
    }

    #[test]
    fn the_notice_is_small_json() {
        let n = SilentNotice { on: true };
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(json, r#"{"on":true}"#);
        assert_eq!(serde_json::from_str::<SilentNotice>(&json).unwrap(), n);
    }
}
