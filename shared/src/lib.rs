//! Stormwall's model: what a board is, independent of where it lives.
//!
//! Pure Rust with no IO and no async, so the same code runs natively in the server and as
//! WebAssembly in the board. The board's live state is a Yjs document ([`doc`]); analysis and
//! export work on a plain snapshot of it ([`board::Board`]).

pub mod access;
pub mod analysis;
pub mod arrange;
pub mod authorship;
pub mod board;
pub mod clipboard;
pub mod cml;
pub mod comments;
pub mod context_map;
pub mod contexts;
pub mod coverage;
pub mod doc;
pub mod drafts;
pub mod export;
pub mod finding;
pub mod fit;
pub mod flow;
pub mod history;
pub mod hotspots;
pub mod import;
pub mod kind;
pub mod lang;
pub mod legend;
pub mod lint;
pub mod model_worker;
pub mod placement;
pub mod protocol;
pub mod reference;
pub mod relation;
pub mod requirements;
pub mod routing;
pub mod sketch;
pub mod svg;
pub mod text;
pub mod timeline;
pub mod workshop;

pub use authorship::Authorship;
pub use board::{Attribute, Board, Example, Frame, Link, Sticky};
pub use kind::StickyKind;
pub use legend::{Lang, Legend, LegendEntry};
pub use relation::{Pattern, Rank, Relation};
pub use requirements::{Requirement, RequirementSet};
