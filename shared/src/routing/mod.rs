//! Routes of the lines drawn on the board, computed here so the canvas and the picture export
//! draw the same lines: links between stickies ([`links`]), relations between bounded-context
//! frames ([`relations`]), and the geometry they share ([`geom`]), such as where a label on a
//! line covers no sticky.

pub mod geom;
pub mod links;
pub mod relations;
