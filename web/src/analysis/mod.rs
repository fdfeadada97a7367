//! The analysis of the board shown beside it: lint findings, bounded contexts, the context
//! map and requirement coverage.

pub mod analysis_panel;
pub mod evidence_view;
pub mod live_report;
pub mod reply_reader;
pub mod worker;
