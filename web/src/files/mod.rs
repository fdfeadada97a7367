//! Getting pieces of a board in and out: the board menu (export JSON, CML, SVG, PNG; import),
//! pictures as PNG, copy and paste through the system clipboard, and files in the browser.

pub mod board_menu;
pub mod browser_files;
pub mod clipboard;
pub mod image;
pub mod import_error;
