//! What the board remembers: undo and redo of this page's own edits; the copy this browser
//! keeps of edits the server has not confirmed, and the prompt before leaving with them; who
//! made and changed each sticky; the board's checkpoints (history panel, preview with what
//! changed, restore), its trash, and the replay of the workshop with its timelapse.

pub mod authorship_hint;
pub mod checkpoint_preview;
pub mod checkpoints;
pub mod history_panel;
pub mod leave_prompt;
pub mod offline_copy;
pub mod replay;
pub mod trash_panel;
pub mod undo;
