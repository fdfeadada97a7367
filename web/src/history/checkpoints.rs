//! The board's checkpoints and trash on the server, as the history, preview, replay and trash
//! views use them (REST, with the page's share-link key), and what a checkpoint held, decoded
//! into a board in the browser.

use serde::Deserialize;
use serde_json::json;
use stormwall_model::protocol::inspect::check_update;
use stormwall_model::{doc, Board};
use yrs::updates::decoder::Decode;
use yrs::{Transact, Update};

use crate::shell::api::{fetch, fetch_bytes};

/// The largest checkpoint state the browser decodes.
const MAX_STATE_BYTES: usize = 64 << 20;

/// Added, changed and removed items of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Counts {
    /// Added.
    pub added: u32,
    /// Changed.
    pub changed: u32,
    /// Removed.
    pub removed: u32,
}

/// What changed, by kind of item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Summary {
    /// Stickies.
    pub stickies: Counts,
    /// Links.
    pub links: Counts,
    /// Frames.
    pub frames: Counts,
}

impl Summary {
    /// "+3 ~1 −2 stickies · +1 link", or "no changes".
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.stickies, "sticky", "stickies"),
            (self.links, "link", "links"),
            (self.frames, "frame", "frames"),
        ]
        .into_iter()
        .filter(|(c, _, _)| c.added + c.changed + c.removed > 0)
        .map(|(c, one, many)| {
            let mut s = Vec::new();
            for (n, sign) in [(c.added, "+"), (c.changed, "~"), (c.removed, "−")] {
                if n > 0 {
                    s.push(format!("{sign}{n}"));
                }
            }
            let total = c.added + c.changed + c.removed;
            format!("{} {}", s.join(" "), if total == 1 { one } else { many })
        })
        .collect();
        if parts.is_empty() {
            "no changes".into()
        } else {
            parts.join(" · ")
        }
    }
}

/// A saved state of the board.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Checkpoint {
    /// Its id.
    pub id: String,
    /// When (RFC 3339).
    pub created_at: String,
    /// The name a facilitator gave it.
    #[serde(default)]
    pub name: Option<String>,
    /// Why it was made: `named`, `activity`, `daily`, `before-import`, `before-restore`,
    /// `before-bulk-delete`.
    #[serde(default)]
    pub reason: String,
    /// Who triggered it.
    #[serde(default)]
    pub by: Option<String>,
    /// What changed since the checkpoint before it.
    #[serde(default)]
    pub summary: Summary,
}

impl Checkpoint {
    /// Why it was made, in plain words.
    pub fn why(&self) -> &'static str {
        match self.reason.as_str() {
            "named" => "Named",
            "activity" => "After a stretch of work",
            "daily" => "First edit of the day",
            "before-import" => "Before an import",
            "before-restore" => "Before a restore",
            "before-bulk-delete" => "Before a bulk delete",
            _ => "Saved",
        }
    }

    /// When, in milliseconds since the epoch (0 when unreadable).
    pub fn millis(&self) -> u64 {
        let t = js_sys::Date::parse(&self.created_at);
        if t.is_finite() && t > 0.0 {
            t as u64
        } else {
            0
        }
    }
}

/// A deleted item that can be brought back.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TrashItem {
    /// `sticky`, `link` or `frame`.
    pub kind: String,
    /// Its id.
    pub id: String,
    /// Its text or name.
    #[serde(default)]
    pub label: String,
    /// When it was deleted (RFC 3339).
    #[serde(default)]
    pub deleted_at: String,
}

#[derive(Deserialize)]
struct List {
    checkpoints: Vec<Checkpoint>,
}

#[derive(Deserialize)]
struct Trash {
    items: Vec<TrashItem>,
}

/// What a restore brought back.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Restored {
    /// What changed on the board.
    #[serde(default)]
    pub restored: Summary,
}

fn base(board: &str) -> String {
    format!("/api/boards/{board}")
}

fn enc(id: &str) -> String {
    String::from(js_sys::encode_uri_component(id))
}

/// The board's checkpoints, newest first.
pub async fn list(board: &str, key: &str) -> Result<Vec<Checkpoint>, String> {
    let url = format!("{}/checkpoints", base(board));
    Ok(fetch::<List>("GET", &url, None, Some(key))
        .await?
        .checkpoints)
}

/// Makes a checkpoint of the board as it is now, named `name` (facilitators).
pub async fn name(board: &str, key: &str, name: &str, by: &str) -> Result<Checkpoint, String> {
    let body = json!({ "name": name, "by": by }).to_string();
    let url = format!("{}/checkpoints", base(board));
    fetch("POST", &url, Some(body), Some(key)).await
}

/// Deletes a checkpoint (facilitators).
pub async fn delete(board: &str, key: &str, cid: &str) -> Result<(), String> {
    let url = format!("{}/checkpoints/{}", base(board), enc(cid));
    fetch::<serde_json::Value>("DELETE", &url, None, Some(key))
        .await
        .map(|_| ())
}

/// Brings the board (or only `items`) back to the checkpoint `cid`, as one change everyone
/// receives.
pub async fn restore(
    board: &str,
    key: &str,
    cid: &str,
    items: Option<Vec<String>>,
    by: &str,
) -> Result<Restored, String> {
    let body = match items {
        Some(items) => json!({ "items": items, "by": by }),
        None => json!({ "by": by }),
    };
    let url = format!("{}/checkpoints/{}/restore", base(board), enc(cid));
    fetch("POST", &url, Some(body.to_string()), Some(key)).await
}

/// The board as it was at the checkpoint `cid`.
pub async fn state(board: &str, key: &str, cid: &str) -> Result<Board, String> {
    let url = format!("{}/checkpoints/{}/state", base(board), enc(cid));
    let bytes = fetch_bytes(&url, key, MAX_STATE_BYTES).await?;
    decode(&bytes).ok_or_else(|| "this checkpoint could not be read".into())
}

/// A board from a whole-document update; `None` when the bytes are not one.
pub fn decode(bytes: &[u8]) -> Option<Board> {
    check_update(bytes).ok()?;
    let update = Update::decode_v1(bytes).ok()?;
    let d = doc::new_doc();
    d.transact_mut().apply_update(update).ok()?;
    Some(doc::snapshot(&d))
}

/// What was deleted and can be brought back.
pub async fn trash(board: &str, key: &str) -> Result<Vec<TrashItem>, String> {
    let url = format!("{}/trash", base(board));
    Ok(fetch::<Trash>("GET", &url, None, Some(key)).await?.items)
}

/// Brings a deleted item back.
pub async fn restore_from_trash(board: &str, key: &str, item: &str) -> Result<Restored, String> {
    let url = format!("{}/trash/{}/restore", base(board), enc(item));
    fetch("POST", &url, None, Some(key)).await
}

#[cfg(test)]
mod tests {
    use yrs::ReadTxn;

    use super::*;

    #[test]
    fn summaries_read_as_short_plain_counts() {
        assert_eq!(Summary::default().describe(), "no changes");
        let s = Summary {
            stickies: Counts {
                added: 3,
                changed: 1,
                removed: 2,
            },
            links: Counts {
                added: 1,
                ..Counts::default()
            },
            ..Summary::default()
        };
        assert_eq!(s.describe(), "+3 ~1 −2 stickies · +1 link");
    }

    #[test]
    fn a_state_decodes_into_its_board_and_garbage_into_nothing() {
        let board = stormwall_model::reference::food_delivery_first();
        let d = doc::new_doc();
        doc::write_board(&d, &board);
        let bytes = d
            .transact()
            .encode_state_as_update_v1(&yrs::StateVector::default());
        assert_eq!(decode(&bytes), Some(board));
        assert_eq!(decode(&[255, 255, 255, 255, 1]), None);
    }
}
