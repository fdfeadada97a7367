//! Stormwall's clipboard format: stickies, the links between them and frames copied from one
//! board to paste into any board, as small versioned JSON
//! (`{"format": "stormwall-clipboard", "version": 1, "stickies": […], "links": […],
//! "frames": […]}`), and placing a copy with fresh ids where it is pasted.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::board::{bounds_of, Board, Bounds, Frame, Link, Sticky};

/// Value of the `format` field.
pub const FORMAT: &str = "stormwall-clipboard";
/// Current format version.
pub const VERSION: u32 = 1;
/// MIME type of the clipboard entry (the same JSON also goes as plain text).
pub const MIME: &str = "application/x-stormwall-clipboard+json";

/// A copied piece of a board.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clip {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`] when written by this crate.
    pub version: u32,
    /// The stickies.
    #[serde(default)]
    pub stickies: Vec<Sticky>,
    /// Links between those stickies.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Frames.
    #[serde(default)]
    pub frames: Vec<Frame>,
}

/// What clipboard text says it is, read before the rest so that text copied from elsewhere is
/// told apart from a damaged clip.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    format: serde_json::Value,
    #[serde(default)]
    version: serde_json::Value,
}

/// Why clipboard text is not a clip.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClipError {
    /// Not Stormwall's clipboard format at all (text copied from elsewhere).
    #[error("not a Stormwall clipboard")]
    Foreign,
    /// Stormwall's format, but a version this build does not read.
    #[error("clipboard version {0} is not supported (this build reads {VERSION})")]
    Version(u32),
    /// Stormwall's format, but damaged.
    #[error("damaged clipboard: {0}")]
    Invalid(String),
}

impl Clip {
    /// What selecting `ids` on `board` copies (see [`Board::part`]).
    pub fn of(board: &Board, ids: &[String]) -> Clip {
        let part = board.part(ids);
        Clip {
            format: FORMAT.into(),
            version: VERSION,
            stickies: part.stickies,
            links: part.links,
            frames: part.frames,
        }
    }

    /// Whether there is nothing to paste.
    pub fn is_empty(&self) -> bool {
        self.stickies.is_empty() && self.frames.is_empty()
    }

    /// The clip as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("clips always serialize")
    }

    /// Reads clipboard text. Links whose ends are not in the clip are dropped, so a pasted
    /// clip never points outside itself.
    pub fn from_json(text: &str) -> Result<Clip, ClipError> {
        let text = text.trim();
        let head: Head = serde_json::from_str(text).map_err(|_| ClipError::Foreign)?;
        if head.format.as_str() != Some(FORMAT) {
            return Err(ClipError::Foreign);
        }
        match head.version.as_u64() {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => return Err(ClipError::Version(v.min(u64::from(u32::MAX)) as u32)),
            None => return Err(ClipError::Invalid("no version".into())),
        }
        let mut clip: Clip =
            serde_json::from_str(text).map_err(|e| ClipError::Invalid(e.to_string()))?;
        let ids: HashSet<&str> = clip.stickies.iter().map(|s| s.id.as_str()).collect();
        let links = clip
            .links
            .iter()
            .filter(|l| ids.contains(l.from.as_str()) && ids.contains(l.to.as_str()))
            .cloned()
            .collect();
        clip.links = links;
        Ok(clip)
    }

    /// Left, top, right, bottom of the stickies and frames.
    pub fn bounds(&self) -> Option<Bounds> {
        bounds_of(&self.stickies, &self.frames, |_| true, 0.0)
    }

    /// A copy centred on `(cx, cy)` (whole units), every item with a fresh id from `fresh`
    /// (called with `'s'`, `'l'` or `'f'`) and links following their stickies.
    pub fn placed(&self, (cx, cy): (f64, f64), mut fresh: impl FnMut(char) -> String) -> Clip {
        let (dx, dy) = match self.bounds() {
            Some((x0, y0, x1, y1)) => (
                (cx - (x0 + x1) / 2.0).round(),
                (cy - (y0 + y1) / 2.0).round(),
            ),
            None => (0.0, 0.0),
        };
        let mut renamed: HashMap<&str, String> = HashMap::new();
        let stickies = self
            .stickies
            .iter()
            .map(|s| {
                let id = fresh('s');
                renamed.insert(&s.id, id.clone());
                Sticky {
                    id,
                    x: s.x + dx,
                    y: s.y + dy,
                    ..s.clone()
                }
            })
            .collect();
        let links = self
            .links
            .iter()
            .filter_map(|l| {
                Some(Link {
                    id: fresh('l'),
                    from: renamed.get(l.from.as_str())?.clone(),
                    to: renamed.get(l.to.as_str())?.clone(),
                    circuit_breaker: l.circuit_breaker,
                    label: l.label.clone(),
                })
            })
            .collect();
        let frames = self
            .frames
            .iter()
            .map(|f| Frame {
                id: fresh('f'),
                x: f.x + dx,
                y: f.y + dy,
                ..f.clone()
            })
            .collect();
        Clip {
            stickies,
            links,
            frames,
            ..self.clone()
        }
    }

    /// Ids of every item, stickies first.
    pub fn ids(&self) -> Vec<String> {
        self.stickies
            .iter()
            .map(|s| &s.id)
            .chain(self.links.iter().map(|l| &l.id))
            .chain(self.frames.iter().map(|f| &f.id))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::StickyKind;
    use crate::relation::Rank;

    fn board() -> Board {
        Board {
            name: "A".into(),
            stickies: vec![
                Sticky::new("a", StickyKind::Command, "Place order", 100.0, 100.0),
                Sticky {
                    color: Some("#ff00ff".into()),
                    ..Sticky::new("b", StickyKind::DomainEvent, "주문됨", 300.0, 100.0)
                },
                Sticky::new("c", StickyKind::Policy, "Notify", 500.0, 100.0),
            ],
            links: vec![
                Link {
                    circuit_breaker: true,
                    ..Link::new("ab", "a", "b")
                },
                Link::new("bc", "b", "c"),
            ],
            frames: vec![Frame {
                id: "f".into(),
                name: "주문".into(),
                x: 1000.0,
                y: 1000.0,
                w: 200.0,
                h: 100.0,
                rank: Some(Rank::Core),
            }],
            ..Board::default()
        }
    }

    fn counter() -> impl FnMut(char) -> String {
        let mut n = 0;
        move |p| {
            n += 1;
            format!("{p}{n}")
        }
    }

    #[test]
    fn a_copy_holds_the_selected_stickies_and_the_links_among_them() {
        let clip = Clip::of(&board(), &["a".into(), "b".into(), "bc".into()]);
        assert_eq!(clip.stickies.len(), 2);
        assert_eq!(clip.links.len(), 1, "b → c stays behind with c");
        assert!(clip.links[0].circuit_breaker);
        assert!(clip.frames.is_empty());
        assert!(Clip::of(&board(), &["bc".into()]).is_empty());
    }

    #[test]
    fn the_format_round_trips_korean_text_and_colours() {
        let clip = Clip::of(&board(), &["a".into(), "b".into(), "f".into()]);
        let json = clip.to_json();
        assert!(json.starts_with(r#"{"format":"stormwall-clipboard","version":1,"#));
        assert!(json.contains("주문됨"));
        let back = Clip::from_json(&json).unwrap();
        assert_eq!(back, clip);
        assert_eq!(back.stickies[1].color.as_deref(), Some("#ff00ff"));
        assert_eq!(back.frames[0].rank, Some(Rank::Core));
    }

    #[test]
    fn other_text_versions_and_damage_are_told_apart() {
        assert_eq!(Clip::from_json("Order placed"), Err(ClipError::Foreign));
        assert_eq!(Clip::from_json(r#"{"a":1}"#), Err(ClipError::Foreign));
        assert_eq!(
            Clip::from_json(r#"{"format":"stormwall-board","version":1}"#),
            Err(ClipError::Foreign)
        );
        assert_eq!(
            Clip::from_json(r#"{"format":"stormwall-clipboard","version":2}"#),
            Err(ClipError::Version(2))
        );
        assert!(matches!(
            Clip::from_json(
                r#"{"format":"stormwall-clipboard","version":1,"stickies":[{"id":1}]}"#
            ),
            Err(ClipError::Invalid(_))
        ));
        // A link to a sticky that was not copied is dropped.
        let mut clip = Clip::of(&board(), &["a".into(), "b".into()]);
        clip.links.push(Link::new("x", "a", "elsewhere"));
        assert_eq!(Clip::from_json(&clip.to_json()).unwrap().links.len(), 1);
    }

    #[test]
    fn a_placed_copy_has_fresh_ids_and_sits_centred_on_the_point() {
        let clip = Clip::of(&board(), &["a".into(), "b".into(), "c".into()]);
        let p = clip.placed((0.0, 0.0), counter());
        assert_eq!(p.ids(), ["s1", "s2", "s3", "l4", "l5"]);
        // Bounds 100..620 × 100..220 centred on the origin.
        assert_eq!(p.bounds(), Some((-260.0, -60.0, 260.0, 60.0)));
        assert_eq!(
            (p.links[0].from.as_str(), p.links[0].to.as_str()),
            ("s1", "s2")
        );
        assert_eq!(
            (p.links[1].from.as_str(), p.links[1].to.as_str()),
            ("s2", "s3")
        );
        assert!(p.links[0].circuit_breaker);
        assert_eq!(p.stickies[1].text, "주문됨");
        // Positions stay whole numbers.
        let q = clip.placed((0.5, 0.25), counter());
        assert!(q
            .stickies
            .iter()
            .all(|s| s.x.fract() == 0.0 && s.y.fract() == 0.0));
    }

    #[test]
    fn frames_move_with_their_stickies() {
        let clip = Clip::of(&board(), &["a".into(), "f".into()]);
        let p = clip.placed((600.0, 600.0), counter());
        let (s, f) = (&p.stickies[0], &p.frames[0]);
        assert_eq!(
            (f.x - s.x, f.y - s.y),
            (900.0, 900.0),
            "relative layout kept"
        );
        assert_eq!(f.name, "주문");
    }
}
