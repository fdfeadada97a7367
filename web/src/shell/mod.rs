//! The shell every feature lives in: the routes (start page, a board), the board page that
//! lays a board out and owns its live connection, the state its components share, the REST
//! API, the model worker the heavy model work runs in, this browser's view preferences, fresh
//! ids, values settled for the many views that read them, and the board's keyboard shortcuts.

pub mod api;
pub mod app;
pub mod ask;
pub mod board_page;
pub mod board_title;
pub mod capture;
pub mod idle;
pub mod ids;
pub mod keyboard_nav;
pub mod keys;
pub mod lazy_panel;
pub mod missing_board;
pub mod model_worker;
pub mod notice;
pub mod panels;
pub mod prefs;
pub mod settled;
pub mod shortcuts;
pub mod state;
