//! Stickies and the links between them: the palette that adds them, a sticky on the canvas,
//! its IME-safe text, the inspector that edits the selected one, and the link arrows.

pub mod far_links;
pub mod fitting;
pub mod ime_text_area;
pub mod inspector;
pub mod link_layer;
pub mod link_picker;
pub mod palette;
pub mod placing;
pub mod reading_order;
pub mod routing_later;
pub mod selection_toolbar;
pub mod sticky_note;
pub mod toolbar_place;
