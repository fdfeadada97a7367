//! The canvas and moving around it: the pannable, zoomable board surface and its gestures
//! (pinch, snap to grid), the geometry the view needs, what keeps big boards fast (culling,
//! per-sticky change notices, the far view's level of detail and painting, sticky elements
//! coming and going over frames), typed drawing contexts, the minimap and the zoom controls;
//! the group box that aligns, distributes and drags a selection.

pub mod arrange;
pub mod board_canvas;
pub mod culling;
pub mod detail;
pub mod drawing_context;
pub mod edge_pan;
pub mod far_layer;
pub mod geometry;
pub mod group_box;
pub mod minimap;
pub mod mounting;
pub mod pinch;
pub mod snap;
pub mod touched;
pub mod zoom_controls;
