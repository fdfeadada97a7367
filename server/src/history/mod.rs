//! A board's history on the server: checkpoints (the board's whole Yjs state at a moment,
//! kept in storage), the policy that says when rooms make them and how long they are kept
//! ([`policy`], [`retention`]), the trash derived from them ([`trash`]), their SQL
//! ([`store`]) and REST routes ([`routes`]). Rooms make checkpoints in
//! `crate::room::checkpoints`; the storage writer stores and thins them.

pub mod keeping;
pub mod policy;
pub mod retention;
pub mod routes;
pub mod store;
pub mod time;
pub mod trash;

use serde::{Deserialize, Serialize};
use stormwall_model::history::Summary;

pub use policy::HistoryPolicy;

/// Why a checkpoint was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// A facilitator named it.
    Named,
    /// After a stretch of activity.
    Activity,
    /// The first edit of a UTC day.
    Daily,
    /// An update replaced the whole board (an import).
    BeforeImport,
    /// A restore was about to change the board.
    BeforeRestore,
    /// An update removed many stickies at once.
    BeforeBulkDelete,
}

impl Reason {
    /// The name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Named => "named",
            Reason::Activity => "activity",
            Reason::Daily => "daily",
            Reason::BeforeImport => "before-import",
            Reason::BeforeRestore => "before-restore",
            Reason::BeforeBulkDelete => "before-bulk-delete",
        }
    }

    /// The reason stored as `s`; unknown names read as activity.
    pub fn parse(s: &str) -> Reason {
        serde_json::from_value(serde_json::Value::String(s.into())).unwrap_or(Reason::Activity)
    }
}

/// A checkpoint as listed (without its state).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checkpoint {
    /// Its id (32 hex digits).
    pub id: String,
    /// When it was made, milliseconds since the Unix epoch (RFC 3339 in JSON).
    #[serde(serialize_with = "time::serialize")]
    pub created_at: i64,
    /// The facilitator's name for it.
    pub name: Option<String>,
    /// Why it was made.
    pub reason: Reason,
    /// Who made it (a display name), when a person did.
    pub by: Option<String>,
    /// Changes since the previous checkpoint.
    pub summary: Summary,
    /// Size of its state in bytes.
    pub bytes: usize,
}

impl Checkpoint {
    /// A new checkpoint made now, with a fresh id and no summary yet.
    pub fn new(reason: Reason, name: Option<String>, by: Option<String>, bytes: usize) -> Self {
        Checkpoint {
            id: uuid::Uuid::new_v4().simple().to_string(),
            created_at: crate::store::now_ms(),
            name,
            reason,
            by,
            summary: Summary::default(),
            bytes,
        }
    }
}

/// Whether `s` looks like a checkpoint id (checked before any lookup).
pub fn valid_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A checkpoint and its state, handed from a room to its storage writer.
pub struct Pending {
    /// What is listed.
    pub checkpoint: Checkpoint,
    /// The board's state: a Yjs v1 update.
    pub data: Vec<u8>,
    /// Told once it is stored (or could not be).
    pub stored: Option<tokio::sync::oneshot::Sender<Result<Checkpoint, ()>>>,
}

/// A board document holding a stored state; `None` when the bytes do not decode.
pub fn decode_doc(state: &[u8]) -> Option<yrs::Doc> {
    use yrs::updates::decoder::Decode;
    use yrs::Transact;
    let doc = stormwall_model::doc::new_doc();
    let update = yrs::Update::decode_v1(state).ok()?;
    doc.transact_mut().apply_update(update).ok()?;
    Some(doc)
}

/// The board a stored state holds (empty when it does not decode).
pub fn decode_board(state: &[u8]) -> stormwall_model::Board {
    decode_doc(state)
        .map(|d| stormwall_model::doc::snapshot(&d))
        .unwrap_or_default()
}

/// What changed from the state `before` (none: an empty board) to the state `after`.
pub fn summary_between(before: Option<&[u8]>, after: &[u8]) -> Summary {
    let before = before.map(decode_board).unwrap_or_default();
    stormwall_model::history::BoardDiff::between(&before, &decode_board(after)).summary()
}
