//! The trash: stickies, links and frames that recent checkpoints hold and the live board does
//! not. It is derived from checkpoints, never recorded separately: an item deleted between two
//! checkpoints is held by the older one, and the newer one's summary counts it as removed, so
//! only the newest checkpoint and the one before each checkpoint that removed something need
//! decoding (at most [`MAX_DECODED`] per listing). An item is listed with the newest checkpoint
//! holding it (restoring it takes it from there) and, as when it was deleted, the time of the
//! first checkpoint without it — or the listing's time when it went after the newest checkpoint.

use std::collections::HashSet;

use serde::Serialize;
use stormwall_model::Board;

use super::{decode_board, Checkpoint};
use crate::store::Store;

/// Most checkpoint states decoded for one listing.
pub const MAX_DECODED: usize = 32;

/// Longest label shown for an item, in characters.
const MAX_LABEL: usize = 80;

/// One deleted item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrashItem {
    /// `sticky`, `link` or `frame`.
    pub kind: &'static str,
    /// Its id.
    pub id: String,
    /// Its text (sticky), name (frame) or ends (link).
    pub label: String,
    /// About when it was deleted.
    #[serde(serialize_with = "super::time::serialize")]
    pub deleted_at: i64,
    /// The newest checkpoint holding it.
    pub checkpoint: String,
}

/// Indexes (into `list`, newest first) of the checkpoints that can hold deleted items: the
/// newest, and the one before each checkpoint that removed something.
pub fn candidates(list: &[Checkpoint]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    if !list.is_empty() {
        out.push(0);
    }
    for (i, c) in list.iter().enumerate() {
        if c.summary.removed() > 0 && i + 1 < list.len() && out.last() != Some(&(i + 1)) {
            out.push(i + 1);
        }
    }
    out.truncate(MAX_DECODED);
    out
}

fn label(s: &str) -> String {
    s.chars().take(MAX_LABEL).collect()
}

/// Adds to `found` the items of `held` (the board at `list[i]`) that `live` lacks, unless
/// already found in a newer checkpoint.
pub fn collect(
    live: &Board,
    list: &[Checkpoint],
    i: usize,
    held: &Board,
    now: i64,
    found: &mut Vec<TrashItem>,
) {
    let deleted_at = if i == 0 { now } else { list[i - 1].created_at };
    let known: HashSet<String> = found.iter().map(|t| t.id.clone()).collect();
    let mut add = |kind, id: &str, label: String| {
        if !known.contains(id) {
            found.push(TrashItem {
                kind,
                id: id.to_string(),
                label,
                deleted_at,
                checkpoint: list[i].id.clone(),
            });
        }
    };
    let live_ids: HashSet<&str> = live
        .stickies
        .iter()
        .map(|s| s.id.as_str())
        .chain(live.links.iter().map(|l| l.id.as_str()))
        .chain(live.frames.iter().map(|f| f.id.as_str()))
        .collect();
    for s in held
        .stickies
        .iter()
        .filter(|s| !live_ids.contains(s.id.as_str()))
    {
        add("sticky", &s.id, label(&s.text));
    }
    for f in held
        .frames
        .iter()
        .filter(|f| !live_ids.contains(f.id.as_str()))
    {
        add("frame", &f.id, label(&f.name));
    }
    for l in held
        .links
        .iter()
        .filter(|l| !live_ids.contains(l.id.as_str()))
    {
        let end = |id: &str| held.sticky(id).map_or(id.to_string(), |s| label(&s.text));
        add("link", &l.id, format!("{} → {}", end(&l.from), end(&l.to)));
    }
}

/// The board's trash: items deleted from `live` that its checkpoints of the last `window_ms`
/// hold, most recently deleted first.
pub async fn gather(
    store: &Store,
    board: &str,
    live: Board,
    window_ms: i64,
) -> Result<Vec<TrashItem>, sqlx::Error> {
    let now = crate::store::now_ms();
    let list: Vec<Checkpoint> = super::store::list(store, board)
        .await?
        .into_iter()
        .filter(|c| c.created_at >= now - window_ms)
        .collect();
    let mut found = Vec::new();
    let live = std::sync::Arc::new(live);
    let list = std::sync::Arc::new(list);
    for i in candidates(&list) {
        let Some(state) = super::store::state(store, board, Some(&list[i].id)).await? else {
            continue;
        };
        let (l, c) = (live.clone(), list.clone());
        found = tokio::task::spawn_blocking(move || {
            collect(&l, &c, i, &decode_board(&state), now, &mut found);
            found
        })
        .await
        .unwrap_or_default();
    }
    found.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then(a.id.cmp(&b.id)));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Reason;
    use stormwall_model::history::BoardDiff;
    use stormwall_model::{Link, Sticky, StickyKind};

    fn board(ids: &[&str]) -> Board {
        let mut b = Board {
            stickies: ids
                .iter()
                .map(|id| Sticky::new(id, StickyKind::DomainEvent, &format!("text {id}"), 0.0, 0.0))
                .collect(),
            ..Board::default()
        };
        if ids.contains(&"a") && ids.contains(&"b") {
            b.links.push(Link::new("ab", "a", "b"));
        }
        b
    }

    #[test]
    fn deleted_items_come_from_the_newest_checkpoint_holding_them() {
        // Oldest to newest: {a, b, c} → {a, b} (c deleted) → {b} (a and its link deleted).
        let states = [board(&["a", "b", "c"]), board(&["a", "b"]), board(&["b"])];
        let mut list: Vec<Checkpoint> = Vec::new();
        for (i, s) in states.iter().enumerate() {
            let mut c = Checkpoint::new(Reason::Activity, None, None, 0);
            c.created_at = 1000 * (i as i64 + 1);
            let previous = if i == 0 {
                Board::default()
            } else {
                states[i - 1].clone()
            };
            c.summary = BoardDiff::between(&previous, s).summary();
            list.insert(0, c);
        }
        let held: Vec<Board> = states.iter().rev().cloned().collect();
        let live = board(&["b"]);
        assert_eq!(candidates(&list), [0, 1, 2]);
        let mut found = Vec::new();
        for i in candidates(&list) {
            collect(&live, &list, i, &held[i], 9000, &mut found);
        }
        let got: Vec<(&str, &str, i64, &str)> = found
            .iter()
            .map(|t| (t.kind, t.id.as_str(), t.deleted_at, t.label.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("sticky", "a", 3000, "text a"),
                ("link", "ab", 3000, "text a → text b"),
                ("sticky", "c", 2000, "text c"),
            ]
        );
        assert_eq!(found[2].checkpoint, list[2].id);
        // Nothing removed since the oldest: only the newest needs looking at.
        for c in &mut list {
            c.summary = Default::default();
        }
        assert_eq!(candidates(&list), [0]);
    }
}
