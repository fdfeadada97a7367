//! The timeline: swimlanes and pivotal events. Time runs left to right across the board;
//! [`lanes`] are named horizontal bands (people, systems, sub-processes) the stickies sit in,
//! and [`pivotal`] events split the timeline into phases with vertical boundaries. Both are
//! geometric, like frames: a sticky belongs to a lane when its centre lies in it, so moving a
//! sticky never conflicts with editing a lane. The timeline lint is in `crate::lint`.

pub mod lanes;
pub mod pivotal;

pub use lanes::{lane_of, members, new_lane, reorder, Lane, Reorder, DEFAULT_LANE_HEIGHT};
pub use pivotal::{boundaries, is_pivotal, Boundary};

/// The most lanes a board holds.
pub const MAX_LANES: usize = 64;
/// The longest lane name kept, in characters.
pub const MAX_LANE_NAME_CHARS: usize = 80;
