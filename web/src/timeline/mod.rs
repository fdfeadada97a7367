//! The timeline on the canvas: swimlanes as horizontal bands with their names and controls,
//! and pivotal events drawn as vertical boundaries (the model is `stormwall_model::timeline`).

pub mod lanes;
pub mod pivotal_lines;
