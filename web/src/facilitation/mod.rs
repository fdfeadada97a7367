//! The facilitator's workshop controls. Silent writing (private mode): while the facilitator
//! has it on, each author's new stickies go to the author's own draft ([`drafts`]) and show
//! only on the author's screen, marked [`private_marker`]; the facilitator turns it on and
//! reveals all ([`silent_writing_switch`]); everyone sees that it is on
//! ([`silent_writing_banner`]).

pub mod drafts;
pub mod private_marker;
pub mod silent_writing_banner;
pub mod silent_writing_switch;
