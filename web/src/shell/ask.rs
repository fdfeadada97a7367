//! The browser's own yes/no question, for actions that change the board for everyone or
//! cannot be taken back (restore, import, deleting a board or a checkpoint, replacing a link).

use leptos::prelude::window;

/// Asks `question`; a closed or blocked dialog counts as "no".
pub fn confirm(question: &str) -> bool {
    window().confirm_with_message(question).unwrap_or(false)
}
