//! Who else is here: every participant's awareness state (name, colour, cursor, selection),
//! this browser's identity and the dialog that asks it, the badges in the top bar and everyone
//! else's cursor on the canvas.

pub mod awareness;
pub mod cursor_share;
pub mod identity;
pub mod name_dialog;
pub mod presence_bar;
pub mod remote_cursors;
