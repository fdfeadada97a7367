//! Requirements a board is checked against: the sets on a board (from the catalogue, typed or
//! imported) and the explicit links between requirements and stickies.

pub mod requirement_links;
pub mod requirement_set_form;
pub mod requirement_sets;
