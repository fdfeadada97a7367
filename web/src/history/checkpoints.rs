//! The board's checkpoints and trash on the server, as the history, preview, replay and trash
//! views use them (REST, with the page's share-link key), and what a checkpoint held, decoded
//! into a board in the browser.

use serde_json::{json, Value};
use stormwall_model::history::{Counts, Summary};
use stormwall_model::protocol::inspect::check_update;
use stormwall_model::{doc, Board};
use yrs::updates::decoder::Decode;
use yrs::{Transact, Update};

use crate::shell::api::{fetch, fetch_bytes};

/// The largest checkpoint state the browser decodes.
const MAX_STATE_BYTES: usize = 64 << 20;

/// A string field of an answer ("" when absent).
fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn counts(v: &Value) -> Counts {
    let n = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0) as usize;
    Counts {
        added: n("added"),
        changed: n("changed"),
        removed: n("removed"),
    }
}

/// A summary as the server writes it (`{"stickies": {"added", …}, "links", "frames"}`).
fn summary(v: &Value) -> Summary {
    let of = |k: &str| v.get(k).map(counts).unwrap_or_default();
    Summary {
        stickies: of("stickies"),
        links: of("links"),
        frames: of("frames"),
    }
}

/// "+3 ~1 −2 stickies · +1 link", or "no changes".
pub fn describe(s: &Summary) -> String {
    let parts: Vec<String> = [
        (s.stickies, "sticky", "stickies"),
        (s.links, "link", "links"),
        (s.frames, "frame", "frames"),
    ]
    .into_iter()
    .filter(|(c, _, _)| c.added + c.changed + c.removed > 0)
    .map(|(c, one, many)| {
        let signed: Vec<String> = [(c.added, "+"), (c.changed, "~"), (c.removed, "−")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, sign)| format!("{sign}{n}"))
            .collect();
        let total = c.added + c.changed + c.removed;
        format!(
            "{} {}",
            signed.join(" "),
            if total == 1 { one } else { many }
        )
    })
    .collect();
    if parts.is_empty() {
        "no changes".into()
    } else {
        parts.join(" · ")
    }
}

/// A saved state of the board.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkpoint {
    /// Its id.
    pub id: String,
    /// When (RFC 3339).
    pub created_at: String,
    /// The name a facilitator gave it.
    pub name: Option<String>,
    /// Why it was made: `named`, `activity`, `daily`, `before-import`, `before-restore`,
    /// `before-bulk-delete`.
    pub reason: String,
    /// Who triggered it.
    pub by: Option<String>,
    /// What changed since the checkpoint before it.
    pub summary: Summary,
}

impl Checkpoint {
    fn read(v: &Value) -> Checkpoint {
        let some = |k: &str| Some(text(v, k)).filter(|s| !s.is_empty());
        Checkpoint {
            id: text(v, "id"),
            created_at: text(v, "created_at"),
            name: some("name"),
            reason: text(v, "reason"),
            by: some("by"),
            summary: v.get("summary").map(summary).unwrap_or_default(),
        }
    }

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
        millis(&self.created_at)
    }
}

/// An RFC 3339 time in milliseconds since the epoch (0 when unreadable).
pub fn millis(rfc3339: &str) -> u64 {
    let t = js_sys::Date::parse(rfc3339);
    if t.is_finite() && t > 0.0 {
        t as u64
    } else {
        0
    }
}

/// A deleted item that can be brought back.
#[derive(Debug, Clone, PartialEq)]
pub struct TrashItem {
    /// `sticky`, `link` or `frame`.
    pub kind: String,
    /// Its id.
    pub id: String,
    /// Its text or name.
    pub label: String,
    /// When it was deleted (RFC 3339).
    pub deleted_at: String,
}

/// The objects of the array `key` of an answer.
fn each<T>(v: &Value, key: &str, read: impl Fn(&Value) -> T) -> Vec<T> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().map(read).collect())
        .unwrap_or_default()
}

/// What a restore changed on the board, from its answer.
fn restored(v: &Value) -> Summary {
    v.get("restored").map(summary).unwrap_or_default()
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
    let v: Value = fetch("GET", &url, None, Some(key)).await?;
    Ok(each(&v, "checkpoints", Checkpoint::read))
}

/// Makes a checkpoint of the board as it is now, named `name` (facilitators).
pub async fn name(board: &str, key: &str, name: &str, by: &str) -> Result<(), String> {
    let body = json!({ "name": name, "by": by }).to_string();
    let url = format!("{}/checkpoints", base(board));
    fetch::<Value>("POST", &url, Some(body), Some(key))
        .await
        .map(|_| ())
}

/// Deletes a checkpoint (facilitators).
pub async fn delete(board: &str, key: &str, cid: &str) -> Result<(), String> {
    let url = format!("{}/checkpoints/{}", base(board), enc(cid));
    fetch::<Value>("DELETE", &url, None, Some(key))
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
) -> Result<Summary, String> {
    let body = match items {
        Some(items) => json!({ "items": items, "by": by }),
        None => json!({ "by": by }),
    };
    let url = format!("{}/checkpoints/{}/restore", base(board), enc(cid));
    let v: Value = fetch("POST", &url, Some(body.to_string()), Some(key)).await?;
    Ok(restored(&v))
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
    let v: Value = fetch("GET", &url, None, Some(key)).await?;
    Ok(each(&v, "items", |i| TrashItem {
        kind: text(i, "kind"),
        id: text(i, "id"),
        label: text(i, "label"),
        deleted_at: text(i, "deleted_at"),
    }))
}

/// Brings a deleted item back.
pub async fn restore_from_trash(board: &str, key: &str, item: &str) -> Result<Summary, String> {
    let url = format!("{}/trash/{}/restore", base(board), enc(item));
    let v: Value = fetch("POST", &url, None, Some(key)).await?;
    Ok(restored(&v))
}

#[cfg(test)]
mod tests {
    use yrs::ReadTxn;

    use super::*;

    #[test]
    fn summaries_read_as_short_plain_counts() {
        assert_eq!(describe(&Summary::default()), "no changes");
        let answer = json!({"restored": {"stickies": {"added": 3, "changed": 1, "removed": 2},
            "links": {"added": 1, "changed": 0, "removed": 0}}});
        assert_eq!(describe(&restored(&answer)), "+3 ~1 −2 stickies · +1 link");
    }

    #[test]
    fn checkpoints_read_leniently() {
        let answer = json!({"checkpoints": [
            {"id": "7", "created_at": "2026-12-01T14:05:00Z", "name": null, "reason": "activity",
             "by": "Ana", "summary": {"frames": {"added": 1}}, "bytes": 10},
            {"id": "8"}
        ]});
        let list = each(&answer, "checkpoints", Checkpoint::read);
        assert_eq!(list[0].name, None);
        assert_eq!(list[0].by.as_deref(), Some("Ana"));
        assert_eq!(list[0].why(), "After a stretch of work");
        assert_eq!(describe(&list[0].summary), "+1 frame");
        assert_eq!((list[1].id.as_str(), list[1].why()), ("8", "Saved"));
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
