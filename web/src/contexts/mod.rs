//! Bounded contexts on the board: the frames that draw them, the relations between them
//! (lines on the canvas, their routes around other frames) and the panel that edits a relation.

pub mod frame_around;
pub mod frame_box;
pub mod relation_lines;
pub mod relation_panel;
