//! `stormwall check BOARD.json [--requirements SET] [--lang ko|en] [--format text|json]
//! [--strict]`: reads an exported board (and optionally a requirement set file or built-in set
//! id), analyses it, prints the report (text or JSON) and decides the exit code.

use std::path::{Path, PathBuf};

use serde::Serialize;

use stormwall_model::analysis::{analyze, Analysis};
use stormwall_model::coverage::{self, Coverage};
use stormwall_model::{import, Board, Lang, RequirementSet};

use super::report;
use super::LangArg;
use crate::catalog;

/// Exit code of a clean board.
pub const CLEAN: i32 = 0;
/// Exit code when there are error findings or requirements not ok (or, with `--strict`,
/// warnings).
pub const PROBLEMS: i32 = 1;
/// Exit code when an input cannot be read or is invalid.
pub const BAD_INPUT: i32 = 2;

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A report for people, with a summary line per section.
    Text,
    /// One JSON document: the analysis, the coverage of every set and the verdict.
    Json,
}

/// Arguments of `stormwall check`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    after_help = "Exit codes:\n  0  clean: no error finding, every requirement ok (and, with --strict, no warning)\n  1  error findings, a requirement not ok, or (with --strict) warnings\n  2  a file cannot be read or is invalid (the message names the JSON path)"
)]
pub struct CheckArgs {
    /// Board file, as exported by `GET /api/boards/{id}/export`.
    pub board: PathBuf,

    /// Requirement set to check coverage of: a JSON file, or a built-in set id
    /// (`food-delivery`). Sets the board itself carries are always checked.
    #[arg(long, short, value_name = "SET_FILE_OR_ID")]
    pub requirements: Option<String>,

    /// Language of the report.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,

    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Warnings fail the check too.
    #[arg(long)]
    pub strict: bool,
}

/// The JSON report: what the text report says, as data.
#[derive(Serialize)]
struct JsonReport<'a> {
    board: &'a str,
    analysis: &'a Analysis,
    requirements: Vec<JsonSet<'a>>,
    passed: bool,
    strict: bool,
    exit_code: i32,
}

/// One requirement set and its coverage, with the evidence of every verdict.
#[derive(Serialize)]
struct JsonSet<'a> {
    id: &'a str,
    name: &'a str,
    coverage: &'a Coverage,
}

/// Runs the check and returns the exit code.
pub fn run_check(args: &CheckArgs) -> i32 {
    let lang = Lang::from(args.lang);
    let inputs = read_board(&args.board).and_then(|board| {
        let set = match &args.requirements {
            Some(s) => Some(read_set(s)?),
            None => None,
        };
        Ok((board, set))
    });
    let (board, extra) = match inputs {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{}", e.get(lang));
            return BAD_INPUT;
        }
    };
    let analysis = analyze(&board);
    let sets = coverages(&board, &analysis, extra);
    let code = if failed(&analysis, &sets, args.strict) {
        PROBLEMS
    } else {
        CLEAN
    };
    match args.format {
        Format::Text => print!(
            "{}",
            report::render(&board, &analysis, &sets, lang, args.strict)
        ),
        Format::Json => {
            let doc = JsonReport {
                board: &board.name,
                analysis: &analysis,
                requirements: sets
                    .iter()
                    .map(|(s, c)| JsonSet {
                        id: &s.id,
                        name: &s.name,
                        coverage: c,
                    })
                    .collect(),
                passed: code == CLEAN,
                strict: args.strict,
                exit_code: code,
            };
            match serde_json::to_string_pretty(&doc) {
                Ok(j) => println!("{j}"),
                Err(e) => {
                    eprintln!("error: {e}");
                    return BAD_INPUT;
                }
            }
        }
    }
    code
}

/// Whether the board has error findings or a requirement that is not ok; with `strict`, also
/// warnings.
pub fn failed(analysis: &Analysis, sets: &[(RequirementSet, Coverage)], strict: bool) -> bool {
    analysis.summary.errors > 0
        || (strict && analysis.summary.warnings > 0)
        || sets.iter().any(|(_, c)| !c.not_ok().is_empty())
}

/// Coverage of the board's own sets and of `extra`, which replaces a board set with its id.
fn coverages(
    board: &Board,
    analysis: &Analysis,
    extra: Option<RequirementSet>,
) -> Vec<(RequirementSet, Coverage)> {
    let mut sets: Vec<(RequirementSet, Coverage)> = board
        .requirements
        .iter()
        .cloned()
        .zip(analysis.coverage.iter().cloned())
        .filter(|(s, _)| extra.as_ref().is_none_or(|e| e.id != s.id))
        .collect();
    if let Some(set) = extra {
        let c = coverage::check(board, &set);
        sets.push((set, c));
    }
    sets
}

/// An input problem, worded in both languages.
struct InputError {
    ko: String,
    en: String,
}

impl InputError {
    fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko => &self.ko,
            Lang::En => &self.en,
        }
    }
}

fn read(path: &Path) -> Result<String, InputError> {
    std::fs::read_to_string(path).map_err(|e| InputError {
        ko: format!("오류: {}을(를) 읽을 수 없습니다: {e}", path.display()),
        en: format!("error: cannot read {}: {e}", path.display()),
    })
}

fn invalid(path: &Path, at: &str, reason: &str) -> InputError {
    InputError {
        ko: format!(
            "오류: {}이(가) 올바르지 않습니다: {at}: {reason}",
            path.display()
        ),
        en: format!("error: {} is invalid at {at}: {reason}", path.display()),
    }
}

fn read_board(path: &Path) -> Result<Board, InputError> {
    import::from_json(&read(path)?).map_err(|e| invalid(path, &e.path, &e.reason))
}

fn read_set(file_or_id: &str) -> Result<RequirementSet, InputError> {
    let path = Path::new(file_or_id);
    if path.is_file() {
        return RequirementSet::from_json(&read(path)?)
            .map_err(|e| invalid(path, &e.path, &e.reason));
    }
    catalog::builtin_set(file_or_id).ok_or_else(|| {
        let ids: Vec<String> = catalog::builtin().into_iter().map(|s| s.id).collect();
        let ids = ids.join(", ");
        InputError {
            ko: format!(
                "오류: 요구사항 집합 파일이나 내장 집합 {file_or_id:?}이(가) 없습니다 (내장: {ids})"
            ),
            en: format!(
                "error: {file_or_id:?} is neither a requirement set file nor a built-in set ({ids})"
            ),
        }
    })
}
