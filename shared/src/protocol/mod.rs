//! The y-websocket wire protocol, without IO, shared by the server and the board: decoding what clients send and encoding what the
//! server sends. One protocol message per binary WebSocket frame (lib0 encoding).
//!
//! Besides the standard messages, a client may send a *sync status* message (type
//! [`MSG_SYNC_STATUS`], a varUint8Array payload of its choice). The server echoes it back once
//! every update the client sent before it has been committed to the database: that is the
//! "saved" acknowledgement. Stock clients never send it, so they never receive it.
//!
//! An *access* message (type [`MSG_ACCESS`]) carries a connection's rights. A client that sends
//! one (any payload) is answered with an [`AccessNotice`] as JSON, and sent a new one whenever
//! the board is locked or unlocked. The server also sends one, unasked and once per
//! connection, when it refuses a document update (a viewer's, or a participant's on a locked
//! board); a stock client ignores it (y-websocket logs an unknown message type) and keeps
//! syncing as a reader.

use crate::access::AccessNotice;
use yrs::sync::{AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::StateVector;

pub mod inspect;

pub use inspect::split::split_update;
pub use inspect::{Refusal, MAX_NESTING};

/// Largest awareness state (one client's JSON) accepted by default, in bytes.
pub const MAX_AWARENESS_STATE: usize = 64 * 1024;

/// Message type of the sync-status request/acknowledgement.
pub const MSG_SYNC_STATUS: u8 = 102;

/// Message type of the access request/notice.
pub const MSG_ACCESS: u8 = 104;

/// Message type of the silent-writing request/notice: a client that sends one (any payload)
/// is answered with a [`crate::drafts::SilentNotice`] as JSON, and sent a new one whenever
/// silent writing is turned on or off.
pub const MSG_SILENT_WRITING: u8 = 106;
/// Message type of the workshop message: a client's [`crate::workshop::Command`] or the
/// server's [`crate::workshop::StateView`], as JSON. The server sends it only to clients that
/// sent one first, so stock clients never see it.
pub const MSG_WORKSHOP: u8 = 105;

/// A decoded client message the room acts on.
#[derive(Debug)]
pub enum Incoming {
    /// The client's state vector: answer with what it lacks.
    SyncStep1(StateVector),
    /// The answer to our SyncStep1: everything we lacked.
    SyncStep2(Vec<u8>),
    /// An incremental document update.
    Update(Vec<u8>),
    /// The client's awareness states.
    Awareness(AwarenessUpdate),
    /// The client asks for everyone's awareness.
    QueryAwareness,
    /// The client asks to be told when its updates so far are saved.
    SyncStatus(Vec<u8>),
    /// A server notice (see [`MSG_SERVER_NOTICE`]); only servers send it.
    Notice(String),
    /// From a client: a request for its rights. From the server: an [`AccessNotice`] (JSON).
    Access(Vec<u8>),
    /// From a client: a request to hear whether silent writing is on. From the server: a
    /// [`crate::drafts::SilentNotice`] (JSON).
    SilentWriting(Vec<u8>),
    /// A workshop message (see [`MSG_WORKSHOP`]): JSON, checked by its reader.
    Workshop(Vec<u8>),
}

/// Why a frame was refused. The connection is closed with this reason.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProtocolError {
    /// The bytes do not decode as a y-websocket message.
    #[error("malformed message: {0}")]
    Malformed(String),
    /// A message type a client must not send.
    #[error("unsupported message type {0}")]
    Unsupported(u8),
    /// Refused on its raw bytes before decoding (too deep, out of range, too large).
    #[error("refused: {0}")]
    Refused(#[from] Refusal),
}

/// Runs a yrs decoder on untrusted bytes. yrs asserts some invariants with panics (a client id
/// wider than 53 bits, found by fuzzing), so a panic is turned into a refusal instead of taking
/// the board down.
fn guarded<T>(
    what: &str,
    f: impl FnOnce() -> Result<T, yrs::encoding::read::Error>,
) -> Result<T, ProtocolError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(ProtocolError::Malformed(format!("{what}: {e}"))),
        Err(_) => Err(ProtocolError::Malformed(format!(
            "{what}: value out of range"
        ))),
    }
}

/// Decodes a document update received from a client, after checking its raw bytes.
pub fn decode_update(bytes: &[u8]) -> Result<yrs::Update, ProtocolError> {
    decode_update_shaped(bytes).map(|(u, _)| u)
}

/// Decodes a document update like [`decode_update`], with what remains to check once it is
/// applied (see [`inspect::UpdateShape`]).
pub fn decode_update_shaped(
    bytes: &[u8],
) -> Result<(yrs::Update, inspect::UpdateShape), ProtocolError> {
    let shape = inspect::inspect_update(bytes)?;
    let update = guarded("invalid update", || yrs::Update::decode_v1(bytes))?;
    Ok((update, shape))
}

/// Decodes one frame from a client, after checking its raw bytes (nesting, counts, ids) with
/// awareness states limited to `max_state_bytes` each.
pub fn decode_with(frame: &[u8], max_state_bytes: usize) -> Result<Incoming, ProtocolError> {
    inspect::check_frame(frame, max_state_bytes)?;
    let msg = guarded("malformed message", || Message::decode_v1(frame))?;
    Ok(match msg {
        Message::Sync(SyncMessage::SyncStep1(sv)) => Incoming::SyncStep1(sv),
        Message::Sync(SyncMessage::SyncStep2(u)) => Incoming::SyncStep2(u),
        Message::Sync(SyncMessage::Update(u)) => Incoming::Update(u),
        Message::Awareness(a) => Incoming::Awareness(a),
        Message::AwarenessQuery => Incoming::QueryAwareness,
        Message::Custom(MSG_SYNC_STATUS, payload) => Incoming::SyncStatus(payload),
        Message::Custom(MSG_SERVER_NOTICE, payload) => {
            Incoming::Notice(String::from_utf8_lossy(&payload).into_owned())
        }
        Message::Custom(MSG_ACCESS, payload) => Incoming::Access(payload),
        Message::Custom(MSG_SILENT_WRITING, payload) => Incoming::SilentWriting(payload),
        Message::Custom(MSG_WORKSHOP, payload) => Incoming::Workshop(payload),
        Message::Custom(tag, _) => return Err(ProtocolError::Unsupported(tag)),
        Message::Auth(_) => return Err(ProtocolError::Unsupported(yrs::sync::protocol::MSG_AUTH)),
    })
}

/// Whether `update` inserts anything a document at state `sv` does not have yet. Updates that
/// only delete, or only repeat what the document has, add nothing.
pub fn adds_content(update: &yrs::Update, sv: &StateVector) -> bool {
    update
        .insertions(true)
        .iter()
        .any(|(client, ranges)| ranges.iter().any(|r| r.end > sv.get(client)))
}

/// Message type of a server notice to clients that asked for sync status: the payload is a
/// short UTF-8 code ([`NOTICE_STORAGE_FAILING`], [`NOTICE_STORAGE_OK`]).
pub const MSG_SERVER_NOTICE: u8 = 103;
/// Notice: the server cannot store changes right now; edits are kept but not saved.
pub const NOTICE_STORAGE_FAILING: &str = "storage-failing";
/// Notice: storage works again.
pub const NOTICE_STORAGE_OK: &str = "storage-ok";

/// A server notice with its code.
pub fn server_notice(code: &str) -> Vec<u8> {
    encode(Message::Custom(MSG_SERVER_NOTICE, code.as_bytes().to_vec()))
}

/// Decodes one frame with the default awareness state limit ([`MAX_AWARENESS_STATE`]).
pub fn decode(frame: &[u8]) -> Result<Incoming, ProtocolError> {
    decode_with(frame, MAX_AWARENESS_STATE)
}

fn encode(msg: Message) -> Vec<u8> {
    msg.encode_v1()
}

/// SyncStep1 carrying the server's state vector.
pub fn sync_step1(sv: &StateVector) -> Vec<u8> {
    encode(Message::Sync(SyncMessage::SyncStep1(sv.clone())))
}

/// Largest piece of a document state sent in one frame: bigger states go as several updates
/// followed by a SyncStep2 (see [`inspect::split`]), so a client integrates a big board in
/// tasks of a few tens of milliseconds rather than one long one.
pub const SYNC_PIECE_BYTES: usize = 64 * 1024;

/// The frames answering a SyncStep1 for state vector `sv` from `doc`: what the client lacks,
/// in pieces of at most [`SYNC_PIECE_BYTES`] (see [`sync_step2_in_pieces`]). A document that
/// holds updates still waiting for what they build on (sent out of order, or crafted) is sent
/// whole: the engine may take such an update apart differently from its pieces.
pub fn answer_sync_step1(doc: &yrs::Doc, sv: &StateVector) -> Vec<Vec<u8>> {
    use yrs::{ReadTxn, Transact};
    let txn = doc.transact();
    let max_piece = if txn.has_missing_updates() {
        usize::MAX
    } else {
        SYNC_PIECE_BYTES
    };
    sync_step2_in_pieces(txn.encode_state_as_update_v1(sv), max_piece)
}

/// The frames answering a SyncStep1 with `update`: one SyncStep2 when it is small, otherwise
/// its pieces as updates and the last piece as the SyncStep2, so a client counts itself synced
/// only once it has everything. Any y-websocket client reads them.
pub fn sync_step2_in_pieces(update: Vec<u8>, max_piece: usize) -> Vec<Vec<u8>> {
    let mut pieces = match split_update(&update, max_piece) {
        Ok(pieces) => pieces,
        Err(_) => vec![update],
    };
    let last = pieces
        .pop()
        .unwrap_or_else(|| yrs::Update::EMPTY_V1.to_vec());
    let mut frames: Vec<Vec<u8>> = pieces.into_iter().map(self::update).collect();
    frames.push(sync_step2(last));
    frames
}

/// SyncStep2 carrying what the client lacks.
pub fn sync_step2(update: Vec<u8>) -> Vec<u8> {
    encode(Message::Sync(SyncMessage::SyncStep2(update)))
}

/// An incremental update, as broadcast to the other connections.
pub fn update(update: Vec<u8>) -> Vec<u8> {
    encode(Message::Sync(SyncMessage::Update(update)))
}

/// An awareness message.
pub fn awareness(update: AwarenessUpdate) -> Vec<u8> {
    encode(Message::Awareness(update))
}

/// The sync-status acknowledgement echoing the client's payload.
pub fn sync_status(payload: &[u8]) -> Vec<u8> {
    encode(Message::Custom(MSG_SYNC_STATUS, payload.to_vec()))
}

/// An access message: a client's request (any payload) or the server's notice.
pub fn access_request() -> Vec<u8> {
    encode(Message::Custom(MSG_ACCESS, Vec::new()))
}

/// The server's access notice to one connection.
pub fn access_notice(notice: &AccessNotice) -> Vec<u8> {
    let json = serde_json::to_vec(notice).expect("a notice always serializes");
    encode(Message::Custom(MSG_ACCESS, json))
}

/// Reads an access notice's payload; `None` when it is not one.
pub fn read_access_notice(payload: &[u8]) -> Option<AccessNotice> {
    serde_json::from_slice(payload).ok()
}

/// A silent-writing message: a client's request (empty payload).
pub fn silent_writing_request() -> Vec<u8> {
    encode(Message::Custom(MSG_SILENT_WRITING, Vec::new()))
}

/// The server's silent-writing notice.
pub fn silent_writing_notice(notice: &crate::drafts::SilentNotice) -> Vec<u8> {
    let json = serde_json::to_vec(notice).expect("a notice always serializes");
    encode(Message::Custom(MSG_SILENT_WRITING, json))
}

/// Reads a silent-writing notice's payload; `None` when it is not one.
pub fn read_silent_writing_notice(payload: &[u8]) -> Option<crate::drafts::SilentNotice> {
    serde_json::from_slice(payload).ok()
}

/// A workshop message carrying `payload` (a command or a state, as JSON).
pub fn workshop(payload: &[u8]) -> Vec<u8> {
    encode(Message::Custom(MSG_WORKSHOP, payload.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{ReadTxn, Transact};

    #[test]
    fn standard_messages_round_trip() {
        let sv = StateVector::default();
        assert!(matches!(decode(&sync_step1(&sv)).unwrap(), Incoming::SyncStep1(s) if s == sv));
        assert!(
            matches!(decode(&update(vec![0, 0])).unwrap(), Incoming::Update(u) if u == vec![0, 0])
        );
        assert!(
            matches!(decode(&sync_step2(vec![0, 0])).unwrap(), Incoming::SyncStep2(u) if u == vec![0, 0])
        );
        assert!(matches!(decode(&[3]).unwrap(), Incoming::QueryAwareness));
        assert!(
            matches!(decode(&sync_status(b"7")).unwrap(), Incoming::SyncStatus(p) if p == b"7")
        );
        assert!(matches!(decode(&access_request()).unwrap(), Incoming::Access(p) if p.is_empty()));
        assert!(
            matches!(decode(&silent_writing_request()).unwrap(), Incoming::SilentWriting(p) if p.is_empty())
        );
        let silent = crate::drafts::SilentNotice { on: true };
        match decode(&silent_writing_notice(&silent)).unwrap() {
            Incoming::SilentWriting(p) => assert_eq!(read_silent_writing_notice(&p), Some(silent)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(decode(&workshop(b"{}")).unwrap(), Incoming::Workshop(p) if p == b"{}"));
        let notice = crate::access::AccessNotice::new(crate::access::Role::Viewer, true);
        match decode(&access_notice(&notice)).unwrap() {
            Incoming::Access(p) => assert_eq!(read_access_notice(&p), Some(notice)),
            other => panic!("{other:?}"),
        }
    }

    /// A board of `n` stickies, each added in a transaction of its own.
    fn board_of(n: usize) -> yrs::Doc {
        let doc = crate::doc::new_doc();
        let roots = crate::doc::Roots::of(&doc);
        for i in 0..n {
            let s = crate::board::Sticky {
                id: format!("s{i}"),
                text: format!("Step {i} 주문됨"),
                ..Default::default()
            };
            crate::doc::put_sticky(&roots, &mut doc.transact_mut(), &s);
        }
        doc
    }

    #[test]
    fn a_big_state_is_answered_in_updates_ending_with_a_sync_step2() {
        let doc = board_of(200);
        let full = doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        let frames = sync_step2_in_pieces(full.clone(), full.len() / 4);
        assert!(frames.len() >= 4, "{} frames", frames.len());
        let copy = crate::doc::new_doc();
        for (i, f) in frames.iter().enumerate() {
            let u = match decode(f).unwrap() {
                Incoming::Update(u) if i + 1 < frames.len() => u,
                Incoming::SyncStep2(u) if i + 1 == frames.len() => u,
                other => panic!("frame {i}: {other:?}"),
            };
            copy.transact_mut()
                .apply_update(decode_update(&u).unwrap())
                .unwrap();
        }
        assert_eq!(crate::doc::snapshot(&copy), crate::doc::snapshot(&doc));
        // A small state is one SyncStep2, as before.
        assert_eq!(
            sync_step2_in_pieces(full.clone(), full.len()),
            vec![sync_step2(full)]
        );
    }

    #[test]
    fn a_board_holding_an_update_out_of_order_is_sent_whole() {
        let board = board_of(2000);
        let fresh = StateVector::default();
        assert!(
            answer_sync_step1(&board, &fresh).len() > 2,
            "a big board goes in pieces"
        );
        // Someone's second edit arrives without their first: it waits in the board.
        let other = crate::doc::new_doc();
        let full = board.transact().encode_state_as_update_v1(&fresh);
        other
            .transact_mut()
            .apply_update(decode_update(&full).unwrap())
            .unwrap();
        let before = other.transact().state_vector();
        let o = crate::doc::Roots::of(&other);
        crate::doc::set_sticky_text(&o, &mut other.transact_mut(), "s1", "first");
        let between = other.transact().state_vector();
        crate::doc::set_sticky_text(&o, &mut other.transact_mut(), "s1", "second");
        let first = other.transact().encode_state_as_update_v1(&before);
        let second_only = other.transact().encode_state_as_update_v1(&between);
        assert_ne!(first, second_only);
        board
            .transact_mut()
            .apply_update(decode_update(&second_only).unwrap())
            .unwrap();
        assert!(board.transact().has_missing_updates());
        let frames = answer_sync_step1(&board, &fresh);
        assert_eq!(frames.len(), 1, "sent whole");
        assert!(matches!(
            decode(&frames[0]).unwrap(),
            Incoming::SyncStep2(_)
        ));
    }

    #[test]
    fn a_client_id_beyond_53_bits_is_refused_not_a_panic() {
        // Found by the fuzzer: a state vector whose client id overflows yrs's 53-bit ids.
        let frame = [
            0, 0, 15, 15, 241, 240, 255, 186, 255, 255, 255, 255, 0, 0, 13, 128, 0, 0, 0, 0, 1,
            102, 0, 1, 0,
        ];
        assert!(matches!(decode(&frame), Err(ProtocolError::Refused(_))));
        // The same in an awareness update and in a document update.
        let big = [
            1, 12, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0,
        ];
        assert!(matches!(
            decode(&big),
            Err(ProtocolError::Refused(Refusal::ClientId))
        ));
        assert!(
            decode_update(&[1, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0])
                .is_err()
        );
    }

    #[test]
    fn hostile_frames_are_refused_with_a_reason() {
        // empty, truncated varint, length prefix far beyond the frame, unknown sync sub-type
        for bad in [
            &[][..],
            &[0x80],
            &[0, 2, 0xff, 0xff, 0xff, 0x0f, 1],
            &[0, 9, 0],
            &[1, 5, 1],
        ] {
            let e = decode(bad).unwrap_err();
            assert!(
                matches!(e, ProtocolError::Malformed(_) | ProtocolError::Refused(_)),
                "{bad:?}: {e}"
            );
        }
        assert_eq!(decode(&[2, 1]).unwrap_err(), ProtocolError::Unsupported(2));
        assert_eq!(
            decode(&[50, 0]).unwrap_err(),
            ProtocolError::Unsupported(50)
        );
    }
}
