//! The workshop on the stickies themselves: hotspot status, comment threads, and the marks a
//! sticky shows for both (timeline lanes and pivotal events are in [`crate::timeline`]).

pub mod comment_thread;
pub mod hotspot_status;
pub mod sticky_marks;
pub mod workshop;
