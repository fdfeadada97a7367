//! Incremental reading of a board document: a [`Watch`] records which stickies, links and
//! frames each transaction touched (local edits, remote updates and undo alike), and
//! [`Changes::patch`] brings a [`Board`] snapshot up to date by re-reading only those. A board
//! view then costs the size of the change, not the size of the board.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use yrs::types::{Event, PathSegment};
use yrs::{DeepObservable, MapRef, Origin, ReadTxn, TransactionMut};

use super::{
    extra, read_frame, read_link, read_sticky, values::child, values::entries, values::string,
    Roots,
};
use crate::board::Board;

/// What some transactions touched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Ids of stickies added, changed or removed.
    pub stickies: BTreeSet<String>,
    /// Ids of links added, changed or removed.
    pub links: BTreeSet<String>,
    /// Ids of frames added, changed or removed.
    pub frames: BTreeSet<String>,
    /// Whether the name, description, legend, relations, requirement sets or workshop state
    /// (hotspot statuses, comments, lanes, pivotal marks) changed.
    pub other: bool,
}

impl Changes {
    /// Whether nothing was touched.
    pub fn is_empty(&self) -> bool {
        self.stickies.is_empty() && self.links.is_empty() && self.frames.is_empty() && !self.other
    }

    /// Adds what `other` touched.
    pub fn merge(&mut self, other: Changes) {
        self.stickies.extend(other.stickies);
        self.links.extend(other.links);
        self.frames.extend(other.frames);
        self.other |= other.other;
    }

    /// These changes cut into parts of at most `per_part` stickies or links each, the frames
    /// and the rest with the last: patched one after another into the same board they give
    /// what [`Changes::patch`] gives at once, so the first reading of a wall of stickies can
    /// be spread over several tasks. Each part reads only its own items.
    pub fn split(self, per_part: usize) -> Vec<Changes> {
        let per_part = per_part.max(1);
        let mut parts = Vec::new();
        let mut part = Changes::default();
        let mut size = 0;
        let stickies = self.stickies.into_iter().map(|id| (true, id));
        for (sticky, id) in stickies.chain(self.links.into_iter().map(|id| (false, id))) {
            if size == per_part {
                parts.push(std::mem::take(&mut part));
                size = 0;
            }
            if sticky {
                part.stickies.insert(id);
            } else {
                part.links.insert(id);
            }
            size += 1;
        }
        part.frames = self.frames;
        part.other = self.other;
        parts.push(part);
        parts
    }

    /// Brings `board` (a snapshot taken before these changes) up to date with the document.
    /// Returns whether the board's layout changed: a sticky added, removed, moved, resized,
    /// recoloured or of another kind, any link or frame changed, or anything else of the
    /// board. False when only stickies' text or details changed: views that draw where
    /// stickies are, and not what they say, need not look again.
    pub fn patch<T: ReadTxn>(&self, board: &mut Board, roots: &Roots, txn: &T) -> bool {
        let stickies_laid_out = refresh(
            &mut board.stickies,
            &self.stickies,
            &roots.stickies,
            txn,
            read_sticky,
        );
        refresh(&mut board.links, &self.links, &roots.links, txn, read_link);
        refresh(
            &mut board.frames,
            &self.frames,
            &roots.frames,
            txn,
            |id, m, t| Some(read_frame(id, m, t)),
        );
        super::authorship::patch(self, board, roots, txn);
        if self.other {
            board.name = string(&roots.meta, txn, "name").unwrap_or_default();
            board.description = string(&roots.meta, txn, "description").unwrap_or_default();
            board.legend = extra::read_legend(roots, txn);
            board.relations = super::relations::read_relations(roots, txn);
            board.requirements = extra::read_requirement_sets(roots, txn);
            board.votes = super::read_votes(roots, txn);
        }
        // Comments, statuses and marks follow their stickies (a sticky removed or restored
        // takes them along), so any sticky change re-reads them; they are few.
        if self.other || !self.stickies.is_empty() {
            super::annotations::read_into(roots, txn, board);
        }
        stickies_laid_out || !self.links.is_empty() || !self.frames.is_empty() || self.other
    }
}

/// Something kept in a vector sorted by id.
trait Keyed {
    fn key(&self) -> &str;

    /// Whether `other`, a later reading of the same item, is laid out the same.
    fn same_layout(&self, _other: &Self) -> bool {
        false
    }
}

impl Keyed for crate::board::Sticky {
    fn key(&self) -> &str {
        &self.id
    }

    fn same_layout(&self, o: &Self) -> bool {
        crate::board::Sticky::same_layout(self, o)
    }
}

impl Keyed for crate::board::Link {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for crate::board::Frame {
    fn key(&self) -> &str {
        &self.id
    }
}

/// Re-reads the items `ids` of `root` into `items` (sorted by id), or all of them when most
/// changed (a first sync, an import). Returns whether any item's layout changed (see
/// [`Keyed::same_layout`]).
fn refresh<X: Keyed, T: ReadTxn>(
    items: &mut Vec<X>,
    ids: &BTreeSet<String>,
    root: &MapRef,
    txn: &T,
    read: impl Fn(String, &MapRef, &T) -> Option<X>,
) -> bool {
    // Items all after those held (a part of a first reading, see [`Changes::split`]) are
    // read one by one, each added at the end.
    let appending = match (items.last(), ids.first()) {
        (Some(last), Some(first)) => last.key() < first.as_str(),
        _ => true,
    };
    if !appending && ids.len() > 32 && ids.len() * 4 > items.len() {
        *items = entries(root, txn)
            .into_iter()
            .filter_map(|(id, m)| read(id, &m, txn))
            .collect();
        return true;
    }
    let mut laid_out = false;
    for id in ids {
        let now = child(root, txn, id).and_then(|m| read(id.clone(), &m, txn));
        match (items.binary_search_by(|x| x.key().cmp(id)), now) {
            (Ok(i), Some(x)) => {
                laid_out |= !items[i].same_layout(&x);
                items[i] = x;
            }
            (Ok(i), None) => {
                items.remove(i);
                laid_out = true;
            }
            (Err(i), Some(x)) => {
                items.insert(i, x);
                laid_out = true;
            }
            (Err(_), None) => {}
        }
    }
    laid_out
}

/// Which of the three id-keyed roots an observer watches.
#[derive(Clone, Copy)]
enum Root {
    Stickies,
    Links,
    Frames,
    Other,
}

/// Records what every transaction on a document touches, until taken: what this page's own
/// transactions (those with an origin) touched apart from what others' (applied from the
/// network, no origin) did, so a page can draw its own edits at once and others' when it
/// chooses. Drop it before its document: it unsubscribes from the document's maps.
pub struct Watch {
    watched: Vec<MapRef>,
    seen: Arc<Mutex<Seen>>,
}

/// What a [`Watch`] recorded and has not handed out yet.
#[derive(Default)]
struct Seen {
    own: Changes,
    others: Changes,
}

const OBSERVER: &str = "stormwall-watch";

impl Watch {
    /// Starts watching the roots of a board document.
    pub fn new(roots: &Roots) -> Watch {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let watched = [
            (&roots.stickies, Root::Stickies),
            (&roots.links, Root::Links),
            (&roots.frames, Root::Frames),
            (&roots.meta, Root::Other),
            (&roots.legend, Root::Other),
            (&roots.relations, Root::Other),
            (&roots.requirements, Root::Other),
            (&roots.hotspots, Root::Other),
            (&roots.comments, Root::Other),
            (&roots.lanes, Root::Other),
            (&roots.pivotal, Root::Other),
        ]
        .into_iter()
        .map(|(map, root)| {
            let seen = seen.clone();
            map.observe_deep(Origin::from(OBSERVER), move |txn, events| {
                let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
                let seen = if txn.origin().is_some() {
                    &mut seen.own
                } else {
                    &mut seen.others
                };
                record(seen, root, txn, events.iter());
            });
            map.clone()
        })
        .collect();
        Watch { watched, seen }
    }

    /// What was touched since it was last taken, by anyone.
    pub fn take(&self) -> Changes {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let mut all = std::mem::take(&mut seen.own);
        all.merge(std::mem::take(&mut seen.others));
        all
    }

    /// What this page's own transactions (those with an origin) touched since it was last
    /// taken; what others' touched stays recorded for [`Watch::take`].
    pub fn take_own(&self) -> Changes {
        std::mem::take(&mut self.seen.lock().unwrap_or_else(|e| e.into_inner()).own)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        for map in &self.watched {
            map.unobserve_deep(Origin::from(OBSERVER));
        }
    }
}

/// Adds the ids touched by `events` on a root to `seen`.
fn record<'a>(
    seen: &mut Changes,
    root: Root,
    txn: &TransactionMut,
    events: impl Iterator<Item = &'a Event>,
) {
    let set = match root {
        Root::Stickies => &mut seen.stickies,
        Root::Links => &mut seen.links,
        Root::Frames => &mut seen.frames,
        Root::Other => {
            seen.other = true;
            return;
        }
    };
    for event in events {
        match event.path().front() {
            // Inside an item: the first step of the path is its id.
            Some(PathSegment::Key(id)) => {
                set.insert(id.to_string());
            }
            Some(PathSegment::Index(_)) => {}
            // The root map itself: items added, replaced or removed.
            None => {
                if let Event::Map(e) = event {
                    set.extend(e.keys(txn).keys().map(|k| k.to_string()));
                }
            }
        }
    }
}
