//! A plain, owned snapshot of a board: what analysis, import and export work on.
//!
//! The live board is a Yjs document (see [`crate::doc`]); [`Board`] is read from it in one
//! transaction and can be written back into an empty document. Every field added after the
//! first release carries a serde default, so older JSON still reads.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::authorship::Authorship;
use crate::comments::Comment;
use crate::hotspots::HotspotStatus;
use crate::kind::StickyKind;
use crate::legend::Legend;
use crate::relation::{Rank, Relation};
use crate::requirements::RequirementSet;
use crate::timeline::Lane;

/// A whole board.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    /// Board name shown in the board list and title bar.
    #[serde(default)]
    pub name: String,
    /// Free-text description of the board (metadata).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Per-board colours and labels of the sticky kinds (only the overrides).
    #[serde(default, skip_serializing_if = "Legend::is_empty")]
    pub legend: Legend,
    /// Sticky notes, sorted by id.
    #[serde(default)]
    pub stickies: Vec<Sticky>,
    /// Arrows between stickies, sorted by id.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Bounded-context frames, sorted by id.
    #[serde(default)]
    pub frames: Vec<Frame>,
    /// Declared relations between bounded contexts (the context map), sorted by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// Requirement sets attached to the board, sorted by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<RequirementSet>,
    /// Who created and last changed each sticky, link and frame, by item id (only the items
    /// that carry it).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub authorship: BTreeMap<String, Authorship>,
    /// Results of the last closed dot-voting round, most votes first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<crate::workshop::VoteResult>,
    /// Status of the hotspots that have one, by sticky id (others are open).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub hotspots: BTreeMap<String, HotspotStatus>,
    /// Comments on stickies, sorted by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// Swimlanes of the timeline, sorted by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lanes: Vec<Lane>,
    /// Ids of the domain events marked pivotal, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pivotal: Vec<String>,
}

/// One sticky note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sticky {
    /// Stable identifier, unique within the board.
    pub id: String,
    /// What the sticky stands for.
    pub kind: StickyKind,
    /// The text written on it.
    #[serde(default)]
    pub text: String,
    /// Left edge in board coordinates.
    pub x: f64,
    /// Top edge in board coordinates.
    pub y: f64,
    /// Width.
    #[serde(default = "default_size")]
    pub w: f64,
    /// Height.
    #[serde(default = "default_size")]
    pub h: f64,
    /// Fill colour that overrides the legend's colour for this sticky.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Attributes: an aggregate's fields, an event's or read model's properties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
    /// Examples of a command in given/when/then form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// A named, optionally typed property of a sticky ("orderId: Long", "수량").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    /// Property name.
    pub name: String,
    /// Type, free text ("String", "Money", "금액"); empty when not given.
    #[serde(default, rename = "type", skip_serializing_if = "String::is_empty")]
    pub ty: String,
}

/// A command example: given a state, when the command is issued, then this happens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Preconditions.
    #[serde(default)]
    pub given: String,
    /// The command and its input.
    #[serde(default)]
    pub when: String,
    /// Expected events or outcome.
    #[serde(default)]
    pub then: String,
}

/// Default sticky edge length in board units.
pub const STICKY_SIZE: f64 = 120.0;

fn default_size() -> f64 {
    STICKY_SIZE
}

impl Default for Sticky {
    fn default() -> Self {
        Sticky {
            id: String::new(),
            kind: StickyKind::DomainEvent,
            text: String::new(),
            x: 0.0,
            y: 0.0,
            w: STICKY_SIZE,
            h: STICKY_SIZE,
            color: None,
            attributes: Vec::new(),
            examples: Vec::new(),
        }
    }
}

impl Sticky {
    /// Whether `other` is laid out the same: same place, size, kind and colour (its text and
    /// details may differ). What views that draw where stickies are, not what they say,
    /// depend on.
    pub fn same_layout(&self, other: &Sticky) -> bool {
        (self.x, self.y, self.w, self.h, self.kind)
            == (other.x, other.y, other.w, other.h, other.kind)
            && self.color == other.color
    }

    /// A default-sized sticky with no colour override, attributes or examples.
    pub fn new(id: &str, kind: StickyKind, text: &str, x: f64, y: f64) -> Sticky {
        Sticky {
            id: id.into(),
            kind,
            text: text.into(),
            x,
            y,
            ..Sticky::default()
        }
    }

    /// Centre point, used for frame membership.
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// A box in board units: (left, top, right, bottom).
pub type Bounds = (f64, f64, f64, f64);

/// The smallest box holding both.
pub fn union(a: Bounds, c: Bounds) -> Bounds {
    (a.0.min(c.0), a.1.min(c.1), a.2.max(c.2), a.3.max(c.3))
}

/// The box around the stickies and frames whose ids `keep` accepts, a frame reaching
/// `frame_top` units above its top edge (where its name is drawn); `None` when there are none.
/// Items with coordinates that are not finite are left out.
pub fn bounds_of(
    stickies: &[Sticky],
    frames: &[Frame],
    keep: impl Fn(&str) -> bool,
    frame_top: f64,
) -> Option<Bounds> {
    stickies
        .iter()
        .filter(|s| keep(&s.id))
        .map(|s| (s.x, s.y, s.x + s.w, s.y + s.h))
        .chain(
            frames
                .iter()
                .filter(|f| keep(&f.id))
                .map(|f| (f.x, f.y - frame_top, f.x + f.w, f.y + f.h)),
        )
        .filter(|r| [r.0, r.1, r.2, r.3].iter().all(|v| v.is_finite()))
        .reduce(union)
}

/// Where the segment from the centre of `s` towards `(tx, ty)` leaves the sticky (4 units
/// outside its edge): where an arrow to or from it starts or ends.
pub fn border_point(s: &Sticky, to: (f64, f64)) -> (f64, f64) {
    rect_border_point((s.x, s.y, s.w, s.h), to, 4.0)
}

/// Where the segment from the centre of the rectangle (`x`, `y`, `w`, `h`) towards `(tx, ty)`
/// leaves it, `margin` units outside its border.
pub fn rect_border_point(
    (x, y, w, h): (f64, f64, f64, f64),
    (tx, ty): (f64, f64),
    margin: f64,
) -> (f64, f64) {
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    let (dx, dy) = (tx - cx, ty - cy);
    if dx == 0.0 && dy == 0.0 {
        return (cx, cy);
    }
    let sx = if dx != 0.0 {
        (w / 2.0 + margin) / dx.abs()
    } else {
        f64::INFINITY
    };
    let sy = if dy != 0.0 {
        (h / 2.0 + margin) / dy.abs()
    } else {
        f64::INFINITY
    };
    let t = sx.min(sy).min(1.0);
    (cx + dx * t, cy + dy * t)
}

/// An arrow from one sticky to another. Its kind (request/response, publish/subscribe, …) is
/// not stored: it follows from the kinds of the stickies it connects (see [`crate::flow`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Stable identifier.
    pub id: String,
    /// Sticky the arrow starts at.
    pub from: String,
    /// Sticky the arrow points to.
    pub to: String,
    /// Whether a synchronous call along this link is protected by a circuit breaker.
    #[serde(default)]
    pub circuit_breaker: bool,
    /// Words written on the arrow ("on payment", "결제 시"); empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

impl Link {
    /// A link without circuit breaker.
    pub fn new(id: &str, from: &str, to: &str) -> Link {
        Link {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            circuit_breaker: false,
            label: String::new(),
        }
    }
}

/// A bounded-context frame drawn around stickies. A sticky belongs to the smallest frame that
/// contains its centre (see [`crate::contexts::membership`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frame {
    /// Stable identifier.
    pub id: String,
    /// Context name.
    #[serde(default)]
    pub name: String,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Subdomain rank of the context, when the team has decided it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<Rank>,
}

impl Frame {
    /// A frame without a rank, at `(x, y)` with size `(w, h)`.
    pub fn new(id: &str, name: &str, (x, y, w, h): (f64, f64, f64, f64)) -> Frame {
        Frame {
            id: id.into(),
            name: name.into(),
            x,
            y,
            w,
            h,
            rank: None,
        }
    }

    /// Whether the point lies inside the frame (edges included).
    pub fn contains(&self, (px, py): (f64, f64)) -> bool {
        px >= self.x && px <= self.x + self.w && py >= self.y && py <= self.y + self.h
    }
}

impl Board {
    /// The sticky with this id.
    /// A binary search in a sorted board (every snapshot is), a scan otherwise.
    pub fn sticky(&self, id: &str) -> Option<&Sticky> {
        self.sticky_index(id).map(|i| &self.stickies[i])
    }

    /// Where the sticky with this id is in [`Board::stickies`]; found as [`Board::sticky`] is.
    pub fn sticky_index(&self, id: &str) -> Option<usize> {
        match self.stickies.binary_search_by(|s| s.id.as_str().cmp(id)) {
            Ok(i) => Some(i),
            Err(_) => self.stickies.iter().position(|s| s.id == id),
        }
    }

    /// The stickies with these ids (others are skipped), once each, in the board's order:
    /// a lookup per id rather than a pass over the whole board, for a selection on a big
    /// board.
    pub fn stickies_of<'a>(&'a self, ids: &[String]) -> impl Iterator<Item = &'a Sticky> {
        let mut at: Vec<usize> = ids.iter().filter_map(|id| self.sticky_index(id)).collect();
        at.sort_unstable();
        at.dedup();
        at.into_iter().map(|i| &self.stickies[i])
    }

    /// Puts `s` among the stickies, in id order, in place of the sticky with its id if there
    /// is one; whether that changed the layout (a sticky came, moved or changed its look,
    /// see [`Sticky::same_layout`]).
    pub fn put_sticky(&mut self, s: Sticky) -> bool {
        match self.stickies.binary_search_by(|x| x.id.cmp(&s.id)) {
            Ok(i) => {
                let moved = !self.stickies[i].same_layout(&s);
                self.stickies[i] = s;
                moved
            }
            Err(i) => {
                self.stickies.insert(i, s);
                true
            }
        }
    }

    /// Whether a sticky, link or frame has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.sticky(id).is_some()
            || self.links.iter().any(|l| l.id == id)
            || self.frame(id).is_some()
    }

    /// The frame with this id.
    pub fn frame(&self, id: &str) -> Option<&Frame> {
        self.frames.iter().find(|f| f.id == id)
    }

    /// Fill colour of a sticky: its own override, else the board legend's colour for its kind.
    pub fn color_of<'a>(&'a self, s: &'a Sticky) -> &'a str {
        s.color
            .as_deref()
            .unwrap_or_else(|| self.legend.color(s.kind))
    }

    /// Ids of what lies inside frame `id` and goes along when it moves: the stickies whose
    /// centre it contains and the frames it wholly contains, itself included.
    pub fn frame_contents(&self, id: &str) -> Vec<String> {
        let Some(f) = self.frame(id) else {
            return Vec::new();
        };
        let within = |o: &Frame| {
            o.x >= f.x && o.y >= f.y && o.x + o.w <= f.x + f.w && o.y + o.h <= f.y + f.h
        };
        self.stickies
            .iter()
            .filter(|s| f.contains(s.centre()))
            .map(|s| s.id.clone())
            .chain(
                self.frames
                    .iter()
                    .filter(|o| o.id == f.id || within(o))
                    .map(|o| o.id.clone()),
            )
            .collect()
    }

    /// The part of the board a selection stands for: the selected stickies and frames, what
    /// lies inside the selected frames, and the links between the stickies kept. Name and
    /// legend stay (they decide how the part looks); relations and requirement sets do not.
    pub fn part(&self, ids: &[String]) -> Board {
        let mut keep: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let inside: Vec<String> = ids.iter().flat_map(|id| self.frame_contents(id)).collect();
        keep.extend(inside.iter().map(String::as_str));
        let stickies: Vec<Sticky> = self
            .stickies
            .iter()
            .filter(|s| keep.contains(s.id.as_str()))
            .cloned()
            .collect();
        let kept: HashSet<&str> = stickies.iter().map(|s| s.id.as_str()).collect();
        Board {
            name: self.name.clone(),
            legend: self.legend.clone(),
            links: self
                .links
                .iter()
                .filter(|l| kept.contains(l.from.as_str()) && kept.contains(l.to.as_str()))
                .cloned()
                .collect(),
            frames: self
                .frames
                .iter()
                .filter(|f| keep.contains(f.id.as_str()))
                .cloned()
                .collect(),
            stickies,
            ..Board::default()
        }
    }

    /// Sorts every collection by id, the order snapshots and exports use.
    pub fn sort(&mut self) {
        self.stickies.sort_by(|a, b| a.id.cmp(&b.id));
        self.links.sort_by(|a, b| a.id.cmp(&b.id));
        self.frames.sort_by(|a, b| a.id.cmp(&b.id));
        self.relations.sort_by(|a, b| a.id.cmp(&b.id));
        self.requirements.sort_by(|a, b| a.id.cmp(&b.id));
        self.comments.sort_by(|a, b| a.id.cmp(&b.id));
        self.lanes.sort_by(|a, b| a.id.cmp(&b.id));
        self.pivotal.sort();
        self.pivotal.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_hold_the_kept_items_and_frame_titles_only() {
        let stickies = [
            Sticky::new("a", crate::kind::StickyKind::Command, "", 0.0, 0.0),
            Sticky::new("b", crate::kind::StickyKind::Policy, "", 500.0, 300.0),
            Sticky::new("nan", crate::kind::StickyKind::Policy, "", f64::NAN, 0.0),
        ];
        let frames = [Frame::new("f", "Ordering", (-40.0, 40.0, 200.0, 100.0))];
        assert_eq!(
            bounds_of(&stickies, &frames, |_| true, 24.0),
            Some((-40.0, 0.0, 500.0 + stickies[1].w, 300.0 + stickies[1].h))
        );
        assert_eq!(
            bounds_of(&stickies, &frames, |id| id == "f", 24.0),
            Some((-40.0, 16.0, 160.0, 140.0))
        );
        assert_eq!(bounds_of(&stickies, &frames, |_| false, 24.0), None);
    }

    #[test]
    fn stickies_of_finds_each_once_in_board_order() {
        let b = board();
        let ids = |ss: Vec<&Sticky>| ss.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        let asked = ["c", "nope", "a", "c"].map(String::from);
        assert_eq!(ids(b.stickies_of(&asked).collect()), ["a", "c"]);
        // A board out of order (not a snapshot) is searched, not bisected.
        let mut unsorted = b.clone();
        unsorted.stickies.reverse();
        assert_eq!(ids(unsorted.stickies_of(&asked).collect()), ["c", "a"]);
        assert_eq!(unsorted.sticky_index("b"), Some(1));
    }

    fn board() -> Board {
        let frame = Frame::new("f", "Ordering", (0.0, 0.0, 400.0, 300.0));
        let inner = Frame {
            id: "g".into(),
            x: 10.0,
            y: 10.0,
            w: 100.0,
            h: 100.0,
            ..Frame::default()
        };
        Board {
            name: "b".into(),
            stickies: vec![
                Sticky::new("a", StickyKind::Command, "Place order", 20.0, 20.0),
                Sticky::new("b", StickyKind::DomainEvent, "Order placed", 200.0, 20.0),
                Sticky::new("c", StickyKind::Policy, "정책", 600.0, 20.0),
            ],
            links: vec![Link::new("ab", "a", "b"), Link::new("bc", "b", "c")],
            frames: vec![frame, inner],
            ..Board::default()
        }
    }

    fn ids<T>(v: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
        v.iter().map(|x| id(x).to_string()).collect()
    }

    #[test]
    fn a_part_keeps_the_links_between_its_stickies_only() {
        let b = board();
        let p = b.part(&["b".into(), "c".into(), "bc".into(), "nope".into()]);
        assert_eq!(ids(&p.stickies, |s| &s.id), ["b", "c"]);
        assert_eq!(ids(&p.links, |l| &l.id), ["bc"]);
        assert!(p.frames.is_empty());
        assert_eq!(p.name, "b");
        // A link alone takes nothing with it.
        assert!(b.part(&["ab".into()]).links.is_empty());
    }

    #[test]
    fn a_selected_frame_brings_what_it_contains() {
        let b = board();
        assert_eq!(b.frame_contents("f"), ["a", "b", "f", "g"]);
        assert!(b.frame_contents("nope").is_empty());
        let p = b.part(&["f".into()]);
        assert_eq!(ids(&p.stickies, |s| &s.id), ["a", "b"]);
        assert_eq!(ids(&p.links, |l| &l.id), ["ab"]);
        assert_eq!(ids(&p.frames, |f| &f.id), ["f", "g"]);
    }

    #[test]
    fn arrows_leave_a_sticky_just_outside_its_edge() {
        let s = Sticky::new("s", StickyKind::Command, "", 0.0, 0.0);
        assert_eq!(border_point(&s, (500.0, 60.0)), (124.0, 60.0));
        assert_eq!(border_point(&s, (60.0, -500.0)), (60.0, -4.0));
        assert_eq!(border_point(&s, (60.0, 60.0)), (60.0, 60.0));
        // A point inside the sticky is reached, not passed.
        assert_eq!(border_point(&s, (70.0, 60.0)), (70.0, 60.0));
    }
}
