//! The `stormwall` binary's subcommands besides serving. `stormwall check` runs the model's
//! analysis and requirement coverage on an exported board file, for scripts and CI;
//! `stormwall boards` lists the stored boards and issues their links, for the operator;
//! `stormwall checkpoints` lists and exports a board's checkpoints.

mod boards;
mod check;
mod checkpoints;
mod report;

use clap::{Subcommand, ValueEnum};
use stormwall_model::Lang;

use crate::store::{redact, Store};

pub use boards::{run_boards, BoardsAction, BoardsArgs};
pub use check::{run_check, CheckArgs};
pub use checkpoints::{run_checkpoints, CheckpointsAction, CheckpointsArgs};

/// The database an operator subcommand works on.
#[derive(Debug, Clone, clap::Args)]
pub struct DatabaseArg {
    /// Database URL, as for serving.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/stormwall.db",
        global = true
    )]
    pub database_url: String,
}

/// Runs an operator action against the database at `url` on a fresh runtime, closing the
/// connection afterwards; returns the action's exit code, or 2 (after saying why, with the
/// URL's password hidden) when the runtime or the connection cannot be set up.
fn with_store<F>(url: &str, action: F) -> i32
where
    F: AsyncFnOnce(&Store) -> i32,
{
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    runtime.block_on(async {
        let store = match Store::connect(url).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {} ({e:#})", redact(url));
                return 2;
            }
        };
        let code = action(&store).await;
        store.close().await;
        code
    })
}

/// A subcommand; without one, `stormwall` serves.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Check an exported board: lint findings, contexts, context map and requirement coverage
    /// with evidence. Exits 0 when clean, 1 when there are error findings or requirements not
    /// ok (or warnings with --strict), 2 when an input is unreadable or invalid.
    Check(CheckArgs),
    /// The operator's view of the stored boards: list them, issue a board's share links.
    Boards(BoardsArgs),
    /// A board's checkpoints (history): list them, export one as board JSON.
    Checkpoints(CheckpointsArgs),
}

/// Language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Korean (한국어).
    Ko,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Ko => Lang::Ko,
        }
    }
}

/// Runs a subcommand and returns the process exit code.
pub fn run(command: &Command) -> i32 {
    match command {
        Command::Check(args) => run_check(args),
        Command::Boards(args) => run_boards(args),
        Command::Checkpoints(args) => run_checkpoints(args),
    }
}
