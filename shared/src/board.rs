//! A plain, owned snapshot of a board: what analysis, import and export work on.
//!
//! The live board is a Yjs document (see [`crate::doc`]); [`Board`] is read from it in one
//! transaction and can be written back into an empty document.

use serde::{Deserialize, Serialize};

use crate::kind::StickyKind;

/// A whole board.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Board {
    /// Board name shown in the board list and title bar.
    #[serde(default)]
    pub name: String,
    /// Sticky notes, sorted by id.
    #[serde(default)]
    pub stickies: Vec<Sticky>,
    /// Arrows between stickies, sorted by id.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Bounded-context frames, sorted by id.
    #[serde(default)]
    pub frames: Vec<Frame>,
}

/// One sticky note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

/// Default sticky edge length in board units.
pub const STICKY_SIZE: f64 = 120.0;

fn default_size() -> f64 {
    STICKY_SIZE
}

/// An arrow from one sticky to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

/// A bounded-context frame drawn around stickies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

impl Board {
    /// The sticky with this id.
    pub fn sticky(&self, id: &str) -> Option<&Sticky> {
        self.stickies.iter().find(|s| s.id == id)
    }
}
