//! The board's Yjs document: its root types, and typed reads and writes over a yrs [`Doc`].
//!
//! The layout is documented for other clients in `docs/board-schema.md`. Stickies, links and
//! frames live here; legend, requirement sets and sticky details in [`extra`]; relations
//! between contexts in [`relations`]; pasting a copied piece of a board in [`paste`].
//! Text positions count UTF-16 code units, as Yjs does in JavaScript.

mod annotations;
mod authorship;
mod changes;
mod depth;
mod edits;
mod extra;
mod paste;
mod relations;
mod values;

use yrs::types::text::TextPrelim;
use yrs::{
    Array, ArrayPrelim, Doc, GetString, Map, MapPrelim, MapRef, OffsetKind, Options, Out, ReadTxn,
    Text, TextRef, Transact, TransactionMut,
};

pub use annotations::{
    edit_comment, put_comment, put_lane, remove_comment, remove_lane, set_hotspot_status,
    set_lane_name, set_pivotal,
};
pub use authorship::{put_authorship, stamp, Stamped};
pub use changes::{Changes, Watch};
pub use depth::deepest_type;
pub use edits::{
    remove_detail, replace_board, set_frame_name, set_numbers, set_sticky_color, set_sticky_kind,
    Detail,
};
pub use extra::{
    add_attribute, add_example, ensure_requirement_set, link_requirement, put_requirement_set,
    remove_requirement_set, set_description, set_frame_rank, set_legend_entry, unlink_requirement,
};
pub use paste::put_clip;
pub use relations::{put_relation, remove_relation, set_relation_patterns, swap_relation};

use crate::board::{Board, Frame, Link, Sticky, STICKY_SIZE};
use crate::kind::StickyKind;
use crate::relation::Rank;
use crate::text;
use values::{boolean, child, entries, number, string};

/// Root map holding board metadata.
pub const META: &str = "meta";
/// Root map of stickies by id.
pub const STICKIES: &str = "stickies";
/// Root map of links by id.
pub const LINKS: &str = "links";
/// Root map of bounded-context frames by id.
pub const FRAMES: &str = "frames";
/// Root map of the legend's overrides by kind.
pub const LEGEND: &str = "legend";
/// Root map of relations between contexts by id.
pub const RELATIONS: &str = "relations";
/// Root map of requirement sets by id.
pub const REQUIREMENTS: &str = "requirements";
/// Root map of hotspot statuses by sticky id.
pub const HOTSPOTS: &str = "hotspots";
/// Root map of comments on stickies by comment id.
pub const COMMENTS: &str = "comments";
/// Root map of timeline swimlanes by id.
pub const LANES: &str = "lanes";
/// Root map of pivotal domain events (sticky id → `true`).
pub const PIVOTAL: &str = "pivotal";

/// A new, empty board document with the offset unit JavaScript clients use.
pub fn new_doc() -> Doc {
    Doc::with_options(Options {
        offset_kind: OffsetKind::Utf16,
        ..Options::default()
    })
}

/// The root types of a board document, resolved once.
#[derive(Clone)]
pub struct Roots {
    /// Board metadata.
    pub meta: MapRef,
    /// Stickies by id.
    pub stickies: MapRef,
    /// Links by id.
    pub links: MapRef,
    /// Frames by id.
    pub frames: MapRef,
    /// Legend overrides by kind.
    pub legend: MapRef,
    /// Relations by id.
    pub relations: MapRef,
    /// Requirement sets by id.
    pub requirements: MapRef,
    /// Hotspot statuses by sticky id.
    pub hotspots: MapRef,
    /// Comments by id.
    pub comments: MapRef,
    /// Swimlanes by id.
    pub lanes: MapRef,
    /// Pivotal marks by sticky id.
    pub pivotal: MapRef,
}

impl Roots {
    /// Every root but the metadata: what a board holds.
    pub fn content(&self) -> [&MapRef; 10] {
        [
            &self.stickies,
            &self.links,
            &self.frames,
            &self.legend,
            &self.relations,
            &self.requirements,
            &self.hotspots,
            &self.comments,
            &self.lanes,
            &self.pivotal,
        ]
    }

    /// Resolves (creating when absent) the root types of `doc`.
    pub fn of(doc: &Doc) -> Roots {
        Roots {
            meta: doc.get_or_insert_map(META),
            stickies: doc.get_or_insert_map(STICKIES),
            links: doc.get_or_insert_map(LINKS),
            frames: doc.get_or_insert_map(FRAMES),
            legend: doc.get_or_insert_map(LEGEND),
            relations: doc.get_or_insert_map(RELATIONS),
            requirements: doc.get_or_insert_map(REQUIREMENTS),
            hotspots: doc.get_or_insert_map(HOTSPOTS),
            comments: doc.get_or_insert_map(COMMENTS),
            lanes: doc.get_or_insert_map(LANES),
            pivotal: doc.get_or_insert_map(PIVOTAL),
        }
    }
}

/// Reads the whole board in one transaction. Entries that do not fit the schema (written by a
/// buggy or foreign client) are skipped rather than failing the read.
pub fn read_board<T: ReadTxn>(roots: &Roots, txn: &T) -> Board {
    let stickies = entries(&roots.stickies, txn)
        .into_iter()
        .filter_map(|(id, m)| read_sticky(id, &m, txn))
        .collect();
    let links = entries(&roots.links, txn)
        .into_iter()
        .filter_map(|(id, m)| read_link(id, &m, txn))
        .collect();
    let frames = entries(&roots.frames, txn)
        .into_iter()
        .map(|(id, m)| read_frame(id, &m, txn))
        .collect();
    let mut board = Board {
        name: string(&roots.meta, txn, "name").unwrap_or_default(),
        description: string(&roots.meta, txn, "description").unwrap_or_default(),
        legend: extra::read_legend(roots, txn),
        stickies,
        links,
        frames,
        relations: relations::read_relations(roots, txn),
        requirements: extra::read_requirement_sets(roots, txn),
        votes: read_votes(roots, txn),
        ..Board::default()
    };
    board.authorship = authorship::read_all(roots, txn, &board);
    annotations::read_into(roots, txn, &mut board);
    board
}

/// Metadata key of the last closed vote's results (JSON, see [`crate::workshop::VoteResult`]).
const VOTES: &str = "votes";

/// The last closed vote's results; none when absent or unreadable.
pub fn read_votes<T: ReadTxn>(roots: &Roots, txn: &T) -> Vec<crate::workshop::VoteResult> {
    string(&roots.meta, txn, VOTES)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Replaces the results of the last closed vote (removes them when `votes` is empty).
pub fn set_votes(roots: &Roots, txn: &mut TransactionMut, votes: &[crate::workshop::VoteResult]) {
    if votes.is_empty() {
        roots.meta.remove(txn, VOTES);
    } else {
        let json = serde_json::to_string(votes).expect("results always serialize");
        roots.meta.insert(txn, VOTES, json);
    }
}

/// Reads one sticky from its map; `None` when it does not fit the schema.
pub(crate) fn read_sticky<T: ReadTxn>(id: String, m: &MapRef, txn: &T) -> Option<Sticky> {
    Some(Sticky {
        kind: StickyKind::parse(&string(m, txn, "kind")?)?,
        text: string(m, txn, "text").unwrap_or_default(),
        x: number(m, txn, "x").unwrap_or(0.0),
        y: number(m, txn, "y").unwrap_or(0.0),
        w: number(m, txn, "w").unwrap_or(STICKY_SIZE),
        h: number(m, txn, "h").unwrap_or(STICKY_SIZE),
        color: string(m, txn, "color"),
        attributes: extra::read_attributes(m, txn),
        examples: extra::read_examples(m, txn),
        id,
    })
}

/// Reads one link from its map; `None` when an end is missing.
pub(crate) fn read_link<T: ReadTxn>(id: String, m: &MapRef, txn: &T) -> Option<Link> {
    Some(Link {
        from: string(m, txn, "from")?,
        to: string(m, txn, "to")?,
        circuit_breaker: boolean(m, txn, "circuit_breaker"),
        label: string(m, txn, "label").unwrap_or_default(),
        id,
    })
}

/// Reads one frame from its map.
pub(crate) fn read_frame<T: ReadTxn>(id: String, m: &MapRef, txn: &T) -> Frame {
    Frame {
        name: string(m, txn, "name").unwrap_or_default(),
        x: number(m, txn, "x").unwrap_or(0.0),
        y: number(m, txn, "y").unwrap_or(0.0),
        w: number(m, txn, "w").unwrap_or(400.0),
        h: number(m, txn, "h").unwrap_or(300.0),
        rank: string(m, txn, "rank").and_then(|r| Rank::parse(&r)),
        id,
    }
}

/// Reads the whole board of `doc`.
pub fn snapshot(doc: &Doc) -> Board {
    let roots = Roots::of(doc);
    let txn = doc.transact();
    read_board(&roots, &txn)
}

/// Sets the board's name.
pub fn set_name(roots: &Roots, txn: &mut TransactionMut, name: &str) {
    roots.meta.insert(txn, "name", name);
}

/// Adds (or replaces) a sticky, with its attributes and examples.
pub fn put_sticky(roots: &Roots, txn: &mut TransactionMut, s: &Sticky) {
    let mut prelim = MapPrelim::from([
        ("kind", yrs::In::from(s.kind.as_str())),
        ("x", yrs::In::from(s.x)),
        ("y", yrs::In::from(s.y)),
        ("w", yrs::In::from(s.w)),
        ("h", yrs::In::from(s.h)),
    ]);
    if let Some(c) = &s.color {
        prelim.insert("color".into(), yrs::In::from(c.as_str()));
    }
    let m = roots.stickies.insert(txn, s.id.as_str(), prelim);
    m.insert(txn, "text", TextPrelim::new(s.text.as_str()));
    let attrs = m.insert(txn, extra::ATTRIBUTES, ArrayPrelim::default());
    for a in &s.attributes {
        attrs.push_back(txn, extra::attribute_record(a));
    }
    let examples = m.insert(txn, extra::EXAMPLES, ArrayPrelim::default());
    for e in &s.examples {
        examples.push_back(txn, extra::example_record(e));
    }
}

/// The sticky's map, when it exists.
pub fn sticky_map<T: ReadTxn>(roots: &Roots, txn: &T, id: &str) -> Option<MapRef> {
    child(&roots.stickies, txn, id)
}

/// The kind of sticky `id`, when it exists and has a known kind.
pub fn sticky_kind<T: ReadTxn>(roots: &Roots, txn: &T, id: &str) -> Option<StickyKind> {
    StickyKind::parse(&string(&sticky_map(roots, txn, id)?, txn, "kind")?)
}

fn sticky_text<T: ReadTxn>(m: &MapRef, txn: &T) -> Option<TextRef> {
    match m.get(txn, "text")? {
        Out::YText(t) => Some(t),
        _ => None,
    }
}

/// Changes a sticky's text with the smallest splice, so concurrent typing merges.
/// Returns false when the sticky does not exist.
pub fn set_sticky_text(roots: &Roots, txn: &mut TransactionMut, id: &str, new: &str) -> bool {
    let Some(m) = sticky_map(roots, txn, id) else {
        return false;
    };
    let t = match sticky_text(&m, txn) {
        Some(t) => t,
        None => m.insert(txn, "text", TextPrelim::new("")),
    };
    splice_text(txn, &t, new);
    true
}

/// Changes a text to `new` with the smallest splice (see [`text::diff`]).
pub(crate) fn splice_text(txn: &mut TransactionMut, t: &TextRef, new: &str) {
    let old = t.get_string(txn);
    if let Some(s) = text::diff(&old, new) {
        if s.delete > 0 {
            t.remove_range(txn, s.index, s.delete);
        }
        if !s.insert.is_empty() {
            t.insert(txn, s.index, &s.insert);
        }
    }
}

/// Moves a sticky's top-left corner. Returns false when the sticky does not exist.
pub fn move_sticky(roots: &Roots, txn: &mut TransactionMut, id: &str, x: f64, y: f64) -> bool {
    let Some(m) = sticky_map(roots, txn, id) else {
        return false;
    };
    m.insert(txn, "x", x);
    m.insert(txn, "y", y);
    true
}

/// Deletes a sticky and every link that touches it.
pub fn remove_sticky(roots: &Roots, txn: &mut TransactionMut, id: &str) {
    roots.stickies.remove(txn, id);
    let dangling: Vec<String> = entries(&roots.links, txn)
        .into_iter()
        .filter(|(_, m)| {
            string(m, txn, "from").as_deref() == Some(id)
                || string(m, txn, "to").as_deref() == Some(id)
        })
        .map(|(k, _)| k)
        .collect();
    for k in dangling {
        roots.links.remove(txn, &k);
    }
}

/// Adds (or replaces) a link.
pub fn put_link(roots: &Roots, txn: &mut TransactionMut, l: &Link) {
    let mut prelim = MapPrelim::from([
        ("from", yrs::In::from(l.from.as_str())),
        ("to", yrs::In::from(l.to.as_str())),
        ("circuit_breaker", yrs::In::from(l.circuit_breaker)),
    ]);
    if !l.label.is_empty() {
        prelim.insert("label".into(), yrs::In::from(l.label.as_str()));
    }
    roots.links.insert(txn, l.id.as_str(), prelim);
}

/// Longest label a link keeps, in characters.
pub const LINK_LABEL_MAX: usize = 200;

/// Sets a link's label (cut to [`LINK_LABEL_MAX`] characters; empty removes it). Returns
/// false when the link does not exist.
pub fn set_link_label(roots: &Roots, txn: &mut TransactionMut, id: &str, label: &str) -> bool {
    let Some(m) = child(&roots.links, txn, id) else {
        return false;
    };
    let label: String = label.trim().chars().take(LINK_LABEL_MAX).collect();
    if label.is_empty() {
        m.remove(txn, "label");
    } else {
        m.insert(txn, "label", label);
    }
    true
}

/// Deletes a link.
pub fn remove_link(roots: &Roots, txn: &mut TransactionMut, id: &str) {
    roots.links.remove(txn, id);
}

/// Sets or clears a link's circuit-breaker flag. Returns false when the link does not exist.
pub fn set_circuit_breaker(roots: &Roots, txn: &mut TransactionMut, id: &str, on: bool) -> bool {
    let Some(m) = child(&roots.links, txn, id) else {
        return false;
    };
    m.insert(txn, "circuit_breaker", on);
    true
}

/// Adds (or replaces) a frame.
pub fn put_frame(roots: &Roots, txn: &mut TransactionMut, f: &Frame) {
    let mut prelim = MapPrelim::from([
        ("name", yrs::In::from(f.name.as_str())),
        ("x", yrs::In::from(f.x)),
        ("y", yrs::In::from(f.y)),
        ("w", yrs::In::from(f.w)),
        ("h", yrs::In::from(f.h)),
    ]);
    if let Some(r) = f.rank {
        prelim.insert("rank".into(), yrs::In::from(r.as_str()));
    }
    roots.frames.insert(txn, f.id.as_str(), prelim);
}

/// Deletes a frame (its stickies stay on the board) and the relations that name it.
pub fn remove_frame(roots: &Roots, txn: &mut TransactionMut, id: &str) {
    roots.frames.remove(txn, id);
    let stale: Vec<String> = entries(&roots.relations, txn)
        .into_iter()
        .filter(|(_, m)| {
            string(m, txn, "upstream").as_deref() == Some(id)
                || string(m, txn, "downstream").as_deref() == Some(id)
        })
        .map(|(k, _)| k)
        .collect();
    for k in stale {
        roots.relations.remove(txn, &k);
    }
}

/// Writes a whole board into `doc` (used by import and by the reference boards).
pub fn write_board(doc: &Doc, board: &Board) {
    let roots = Roots::of(doc);
    edits::write_into(&roots, &mut doc.transact_mut(), board);
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod annotations_tests;
#[cfg(test)]
mod changes_tests;
