//! Comment threads on stickies: who wrote what and when, edited or not. Comments live in the
//! document's `comments` root by comment id (each names its sticky), so two people commenting
//! at once both keep theirs. A thread is a sticky's comments in time order.
//!
//! Ownership ("edit and delete your own") is decided by [`may_change`] on the author key a
//! browser keeps for itself; the sync server does not check it (see
//! `docs/facilitation-hotspots.md`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::board::Board;

/// The longest comment kept, in characters.
pub const MAX_CHARS: usize = 2000;
/// The most comments one sticky holds.
pub const MAX_PER_STICKY: usize = 200;
/// The longest author name or author key kept, in characters.
pub const MAX_AUTHOR_CHARS: usize = crate::authorship::MAX_NAME_CHARS;

/// One comment on a sticky.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// Stable identifier, unique within the board.
    pub id: String,
    /// The sticky it is about.
    pub sticky: String,
    /// The author's name as presence showed it.
    pub author: String,
    /// The key of the browser that wrote it: who may change it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author_key: String,
    /// When it was written (ms since the Unix epoch).
    pub at: u64,
    /// When it was last edited (ms since the Unix epoch), if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<u64>,
    /// What it says.
    pub text: String,
}

/// Why a comment cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommentError {
    /// Nothing but white space.
    #[error("a comment needs some text")]
    Empty,
    /// Longer than [`MAX_CHARS`].
    #[error("a comment holds at most {MAX_CHARS} characters (this one has {0})")]
    TooLong(usize),
    /// The sticky already has [`MAX_PER_STICKY`] comments.
    #[error("a sticky holds at most {MAX_PER_STICKY} comments")]
    TooMany,
    /// Someone else's comment.
    #[error("only its author can change a comment")]
    NotYours,
}

/// The text a comment keeps: trimmed, not empty, not longer than [`MAX_CHARS`].
pub fn clean_text(text: &str) -> Result<String, CommentError> {
    let t = text.trim();
    let n = t.chars().count();
    if n == 0 {
        Err(CommentError::Empty)
    } else if n > MAX_CHARS {
        Err(CommentError::TooLong(n))
    } else {
        Ok(t.to_string())
    }
}

/// Whether the browser holding `key` may edit or delete `c` (an empty key owns nothing).
pub fn may_change(c: &Comment, key: &str) -> bool {
    !key.is_empty() && c.author_key == key
}

/// The comments on sticky `id`, oldest first (ties by id).
pub fn thread<'a>(board: &'a Board, id: &str) -> Vec<&'a Comment> {
    let mut v: Vec<&Comment> = board.comments.iter().filter(|c| c.sticky == id).collect();
    v.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    v
}

/// How many comments each sticky has (only stickies with some).
pub fn counts(board: &Board) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for c in &board.comments {
        *m.entry(c.sticky.clone()).or_default() += 1;
    }
    m
}

/// Whether one more comment fits on sticky `id`.
pub fn room_for_one_more(board: &Board, id: &str) -> Result<(), CommentError> {
    if board.comments.iter().filter(|c| c.sticky == id).count() >= MAX_PER_STICKY {
        Err(CommentError::TooMany)
    } else {
        Ok(())
    }
}

/// Keeps what a foreign or hostile client may have written within bounds: comments on stickies
/// the board does not hold are dropped, texts and names cut to their limits, and each sticky
/// keeps its [`MAX_PER_STICKY`] oldest comments. `comments` is sorted by id.
pub fn bound(comments: &mut Vec<Comment>, has_sticky: impl Fn(&str) -> bool) {
    comments.retain(|c| has_sticky(&c.sticky));
    for c in comments.iter_mut() {
        cut(&mut c.text, MAX_CHARS);
        cut(&mut c.author, MAX_AUTHOR_CHARS);
        cut(&mut c.author_key, MAX_AUTHOR_CHARS);
    }
    let mut by_age: Vec<(u64, String, String)> = comments
        .iter()
        .map(|c| (c.at, c.id.clone(), c.sticky.clone()))
        .collect();
    by_age.sort();
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    let mut drop = std::collections::HashSet::new();
    for (_, id, sticky) in by_age {
        let n = per.entry(sticky).or_default();
        *n += 1;
        if *n > MAX_PER_STICKY {
            drop.insert(id);
        }
    }
    comments.retain(|c| !drop.contains(&c.id));
}

fn cut(s: &mut String, max: usize) {
    if let Some((i, _)) = s.char_indices().nth(max) {
        s.truncate(i);
    }
}

#[cfg(test)]
mod tests;
