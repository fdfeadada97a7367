//! How the analysis travels between the board's page and its model worker
//! ([`crate::model_worker`]). The worker keeps a copy of the board's document, a [`Replica`].
//! The page sends it, in a [`Feed`], what that copy lacks: first the server's state as it came
//! over the wire, then the document's updates since the state the worker last reported, and
//! the page's private stickies (silent writing), which are not in the document. The worker
//! answers with its state vector and, when asked, the digest of the report
//! ([`Report::digest`]) of the board it now holds. So the page's part of an analysis grows with
//! what changed since the last one, never with the board. Pure functions, so both ends and the
//! tests agree on every byte.

use yrs::encoding::read::{Cursor, Read};
use yrs::encoding::write::Write;
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use super::report::{report, Report, PER_KIND};
use crate::board::{Board, Sticky};
use crate::doc::{Roots, Watch};
use crate::protocol::inspect::check_update;

/// What the analysis answers: the digest of the report, or why there is none.
pub type Reply = Result<Report, String>;

/// What the page sends its analysis worker.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Feed {
    /// Document updates (v1) the worker's copy may lack, applied in this order; what the copy
    /// has already is skipped.
    pub updates: Vec<Vec<u8>>,
    /// The page's private stickies, laid over the document's board.
    pub private: Vec<Sticky>,
    /// Whether to analyse the board once the updates are in (a fresh worker's first feed only
    /// brings it the board).
    pub analyse: bool,
}

impl Feed {
    /// The feed as the worker reads it: whether to analyse (one byte), the number of updates
    /// and each update with its length (lib0 variable-length numbers, as in the sync
    /// protocol), then the private stickies in JSON with its length.
    pub fn encode(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(self.updates.iter().map(|u| u.len() + 5).sum::<usize>() + 16);
        out.write_u8(u8::from(self.analyse));
        out.write_var(self.updates.len());
        for u in &self.updates {
            out.write_buf(u);
        }
        out.write_buf(serde_json::to_vec(&self.private).unwrap_or_else(|_| b"[]".to_vec()));
        out
    }

    /// Reads a feed written by [`Feed::encode`]; why not, in words.
    pub fn decode(bytes: &[u8]) -> Result<Feed, String> {
        let bad = |what: &str| format!("the analysis could not read the {what} it was sent");
        let mut c = Cursor::new(bytes);
        let analyse = match c.read_u8() {
            Ok(0) => false,
            Ok(1) => true,
            _ => return Err(bad("request")),
        };
        let count: usize = c.read_var().map_err(|_| bad("request"))?;
        let mut updates = Vec::new();
        for _ in 0..count {
            updates.push(c.read_buf().map_err(|_| bad("updates"))?.to_vec());
        }
        let private = c.read_buf().map_err(|_| bad("private stickies"))?;
        let private = serde_json::from_slice(private).map_err(|_| bad("private stickies"))?;
        if c.has_content() {
            return Err(bad("request"));
        }
        Ok(Feed {
            updates,
            private,
            analyse,
        })
    }
}

/// The analysis worker's copy of the board's document, kept from feed to feed, with its board:
/// read whole once, then patched with what each feed touched ([`crate::doc::Changes::patch`]), so an
/// analysis after a typed word does not read ten thousand stickies again.
pub struct Replica {
    /// Declared first, so dropped before the document it watches.
    watch: Watch,
    doc: Doc,
    roots: Roots,
    board: Option<Board>,
}

impl Default for Replica {
    fn default() -> Replica {
        let doc = crate::doc::new_doc();
        let roots = Roots::of(&doc);
        let watch = Watch::new(&roots);
        Replica {
            doc,
            roots,
            watch,
            board: None,
        }
    }
}

impl Replica {
    /// Takes in a feed (the bytes of [`Feed::encode`]) and answers, as [`read_answer`] reads
    /// it: the copy's state vector, then the report when the feed asked for one, or why an
    /// update or the feed could not be taken in.
    pub fn answer(&mut self, feed: &[u8]) -> String {
        let reply = match Feed::decode(feed) {
            Err(why) => Some(Err(why)),
            Ok(feed) => match self.take_in(&feed.updates) {
                Err(why) => Some(Err(why)),
                Ok(()) => feed.analyse.then(|| Ok(self.report(feed.private))),
            },
        };
        let state = self.doc.transact().state_vector();
        answer_text(&state, reply.as_ref())
    }

    /// Applies `updates` in one transaction, each checked first as the server checks what a
    /// client sends: an update that fails the check is refused before it is applied, and the
    /// answer's state vector says how far the copy got.
    fn take_in(&self, updates: &[Vec<u8>]) -> Result<(), String> {
        let mut txn = self.doc.transact_mut();
        for (i, bytes) in updates.iter().enumerate() {
            let refused =
                |e: String| format!("the analysis refused update {} it was sent: {e}", i + 1);
            check_update(bytes).map_err(|e| refused(e.to_string()))?;
            let update = Update::decode_v1(bytes).map_err(|e| refused(e.to_string()))?;
            txn.apply_update(update)
                .map_err(|e| refused(e.to_string()))?;
        }
        Ok(())
    }

    /// The digest of the report of the board the copy holds, with `private` laid over it.
    fn report(&mut self, private: Vec<Sticky>) -> Report {
        let changes = self.watch.take();
        let board = match self.board.take() {
            Some(mut board) => {
                changes.patch(&mut board, &self.roots, &self.doc.transact());
                board
            }
            None => crate::doc::snapshot(&self.doc),
        };
        let report = if private.is_empty() {
            report(&board)
        } else {
            let mut seen = board.clone();
            for s in private {
                seen.put_sticky(s);
            }
            report(&seen)
        };
        self.board = Some(board);
        report.digest(PER_KIND)
    }
}

/// The worker's answer: its state vector (v1, in hexadecimal) on the first line, then the reply
/// in JSON, or nothing when none was asked for.
fn answer_text(state: &StateVector, reply: Option<&Reply>) -> String {
    let mut text = hex::encode(state.encode_v1());
    text.push('\n');
    if let Some(reply) = reply {
        let json = serde_json::to_string(reply).unwrap_or_else(|e| {
            serde_json::to_string(&Reply::Err(format!(
                "the analysis could not be written: {e}"
            )))
            .unwrap_or_default()
        });
        text.push_str(&json);
    }
    text
}

/// Reads the worker's answer: the state its copy is in (`None` if that line is unreadable, so
/// the next feed brings the whole document), and the reply's JSON if there is one.
pub fn read_answer(text: &str) -> (Option<StateVector>, Option<&str>) {
    let (state, reply) = text.split_once('\n').unwrap_or(("", text));
    let state = hex::decode(state)
        .ok()
        .and_then(|bytes| StateVector::decode_v1(&bytes).ok());
    (state, (!reply.is_empty()).then_some(reply))
}

#[cfg(test)]
mod tests;
