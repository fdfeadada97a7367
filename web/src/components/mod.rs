//! The board's view, a component per file, each named after what the user sees.

pub mod analysis_panel;
pub mod app;
pub mod board_list;
pub mod board_menu;
pub mod board_page;
pub mod canvas;
pub mod connection_badge;
pub mod context_relations;
pub mod examples;
pub mod frame_box;
pub mod ime_text_area;
pub mod inspector;
pub mod legend_card;
pub mod legend_editor;
pub mod link_layer;
pub mod minimap;
pub mod name_dialog;
pub mod palette;
pub mod presence_bar;
pub mod relation_panel;
pub mod remote_cursors;
pub mod requirement_links;
pub mod requirement_set_form;
pub mod requirement_sets;
pub mod sticky_note;
pub mod zoom_controls;
