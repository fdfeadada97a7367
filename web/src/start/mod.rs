//! The start page: the list of boards, creating one, and opening an example board.

pub mod board_list;
pub mod examples;
