//! The work the board's page hands to its model worker, a second WebAssembly module fetched
//! only when first needed: the live analysis, reading an imported board or requirement set,
//! and writing the JSON and CML exports. The page stays small and free for typing and panning;
//! a slow or faulty job costs the worker, never the board.
//!
//! A request is a [`Job`]'s name, a newline, then the job's input (bytes: a text in UTF-8, or
//! the analysis's [`Feed`](crate::analysis::wire::Feed)); the worker posts [`READY`] once it
//! listens, then answers each request with text: JSON, always a `Result` (the `Ok` and `Err`
//! types are named with each job), or the analysis's answer
//! ([`read_answer`](crate::analysis::wire::read_answer)). The worker keeps one thing from
//! request to request, the analysis's copy of the board ([`ModelWorker`]). Pure functions, so
//! both ends and the tests agree.

use serde::Serialize;

use crate::analysis::wire::Replica;
use crate::board::Board;
use crate::import::{self, ImportError};
use crate::requirements::{RequirementSet, SetError};
use crate::{cml, export};

/// What the model worker posts once it listens, before any answer.
pub const READY: &str = "ready";

/// A job of the model worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// A [`Feed`](crate::analysis::wire::Feed) in: what the worker's copy of the board lacks.
    /// Its state, and a [`crate::analysis::Reply`] when the feed asks for one, out.
    Analyse,
    /// A board export (the text of a file) in, a [`BoardRead`] out.
    ReadBoard,
    /// A requirement set in the upload format (the text of a file) in, a [`SetRead`] out.
    ReadSet,
    /// A board (JSON) in, its export ([`export::to_json`]) as a [`Written`] out.
    WriteJson,
    /// A board (JSON) in, its Context Mapper model ([`cml::to_cml`]) as a [`Written`] out.
    WriteCml,
}

/// The answer to [`Job::ReadBoard`]: the board, or the JSON path and reason of the first
/// problem.
pub type BoardRead = Result<Board, ImportError>;
/// The answer to [`Job::ReadSet`].
pub type SetRead = Result<RequirementSet, SetError>;
/// The answer to [`Job::WriteJson`] and [`Job::WriteCml`]: the file's text, or why not.
pub type Written = Result<String, String>;

impl Job {
    const ALL: [Job; 5] = [
        Job::Analyse,
        Job::ReadBoard,
        Job::ReadSet,
        Job::WriteJson,
        Job::WriteCml,
    ];

    fn name(self) -> &'static str {
        match self {
            Job::Analyse => "analyse",
            Job::ReadBoard => "read-board",
            Job::ReadSet => "read-set",
            Job::WriteJson => "write-json",
            Job::WriteCml => "write-cml",
        }
    }

    /// The message that asks the worker to do this job on `input`.
    pub fn request(self, input: &[u8]) -> Vec<u8> {
        let mut m = Vec::with_capacity(self.name().len() + 1 + input.len());
        m.extend_from_slice(self.name().as_bytes());
        m.push(b'\n');
        m.extend_from_slice(input);
        m
    }
}

/// The model worker's whole work, and what it keeps between requests: the analysis's copy of
/// the board.
#[derive(Default)]
pub struct ModelWorker {
    replica: Replica,
}

impl ModelWorker {
    /// Answers one request (see the module's description). A text input that is not UTF-8 is
    /// read with replacement characters, and the job then says what it could not read.
    pub fn answer(&mut self, request: &[u8]) -> String {
        let (name, input) = match request.iter().position(|&b| b == b'\n') {
            Some(i) => (&request[..i], &request[i + 1..]),
            None => (request, &[][..]),
        };
        let name = String::from_utf8_lossy(name);
        let Some(job) = Job::ALL.into_iter().find(|j| j.name() == name) else {
            return json(&Written::Err(format!(
                "the model worker has no job named {name:?}"
            )));
        };
        let text = || String::from_utf8_lossy(input);
        match job {
            Job::Analyse => self.replica.answer(input),
            Job::ReadBoard => json(&import::from_json(&text())),
            Job::ReadSet => json(&RequirementSet::from_json(&text())),
            Job::WriteJson => json(&write(&text(), export::to_json)),
            Job::WriteCml => json(&write(&text(), cml::to_cml)),
        }
    }
}

fn write(board: &str, to_text: fn(&Board) -> String) -> Written {
    serde_json::from_str::<Board>(board)
        .map(|b| to_text(&b))
        .map_err(|e| format!("the board could not be read for the export: {e}"))
}

fn json<T: Serialize, E: Serialize>(answer: &Result<T, E>) -> String {
    serde_json::to_string(answer).unwrap_or_else(|e| {
        serde_json::to_string(&Written::Err(format!(
            "the answer could not be written: {e}"
        )))
        .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Reply;
    use crate::board::Sticky;
    use crate::kind::StickyKind;

    fn board() -> Board {
        let mut b = Board {
            name: "주문 Orders".into(),
            ..Board::default()
        };
        b.stickies.push(Sticky::new(
            "s1",
            StickyKind::DomainEvent,
            "주문됨",
            0.0,
            0.0,
        ));
        b
    }

    fn ask(job: Job, input: &str) -> String {
        ModelWorker::default().answer(&job.request(input.as_bytes()))
    }

    #[test]
    fn a_board_export_reads_back_through_the_worker() {
        let b = board();
        let file = export::to_json(&b);
        let read: BoardRead = serde_json::from_str(&ask(Job::ReadBoard, &file)).unwrap();
        assert_eq!(read.unwrap(), import::from_json(&file).unwrap());
    }

    #[test]
    fn a_bad_board_file_keeps_its_path_and_reason_across_the_worker() {
        let file = export::to_json(&board()).replace("\"domain_event\"", "\"domain_eventt\"");
        let read: BoardRead = serde_json::from_str(&ask(Job::ReadBoard, &file)).unwrap();
        let e = read.unwrap_err();
        assert_eq!(e, import::from_json(&file).unwrap_err());
        assert!(e.path.starts_with("$.board.stickies[0]"), "{e:?}");
        for junk in ["", "{", "null", "\u{0}"] {
            let read: BoardRead = serde_json::from_str(&ask(Job::ReadBoard, junk)).unwrap();
            assert!(read.is_err(), "{junk:?}");
        }
    }

    #[test]
    fn a_requirement_set_reads_through_the_worker_with_its_checks() {
        let set = r#"{"id":"shop","name":"가게 Shop","requirements":[{"id":"FR1","text":"고객이 주문한다"}]}"#;
        let read: SetRead = serde_json::from_str(&ask(Job::ReadSet, set)).unwrap();
        assert_eq!(read.unwrap(), RequirementSet::from_json(set).unwrap());
        let dup = r#"{"id":"shop","name":"Shop","requirements":[{"id":"FR1","text":"a"},{"id":"FR1","text":"b"}]}"#;
        let read: SetRead = serde_json::from_str(&ask(Job::ReadSet, dup)).unwrap();
        assert_eq!(read.unwrap_err().path, "$.requirements[1].id");
    }

    #[test]
    fn exports_written_by_the_worker_are_the_exports_of_the_board() {
        let b = board();
        let input = serde_json::to_string(&b).unwrap();
        let json: Written = serde_json::from_str(&ask(Job::WriteJson, &input)).unwrap();
        assert_eq!(json.unwrap(), export::to_json(&b));
        let cml_text: Written = serde_json::from_str(&ask(Job::WriteCml, &input)).unwrap();
        assert_eq!(cml_text.unwrap(), cml::to_cml(&b));
        let bad: Written = serde_json::from_str(&ask(Job::WriteCml, "[1]")).unwrap();
        assert!(bad.unwrap_err().starts_with("the board could not be read"));
    }

    #[test]
    fn the_worker_keeps_its_copy_of_the_board_from_one_analysis_to_the_next() {
        use crate::analysis::wire::{read_answer, Feed};
        use yrs::{ReadTxn, StateVector, Transact};
        let doc = crate::doc::new_doc();
        let roots = crate::doc::Roots::of(&doc);
        for s in &board().stickies {
            crate::doc::put_sticky(&roots, &mut doc.transact_mut(), s);
        }
        let mut worker = ModelWorker::default();
        let mut feed = |updates: Vec<Vec<u8>>| {
            let feed = Feed {
                updates,
                analyse: true,
                ..Feed::default()
            };
            let text = worker.answer(&Job::Analyse.request(&feed.encode()));
            let (state, reply) = read_answer(&text);
            let reply: Reply = serde_json::from_str(reply.expect("asked for")).unwrap();
            (state.expect("a state"), reply.expect("a report"))
        };
        let (state, first) = feed(vec![doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default())]);
        let analysed = |doc: &yrs::Doc| {
            crate::analysis::report(&crate::doc::snapshot(doc))
                .digest(crate::analysis::report::PER_KIND)
        };
        assert_eq!(first, analysed(&doc));
        let second = Sticky::new("s2", StickyKind::Command, "Pay", 200.0, 0.0);
        crate::doc::put_sticky(&roots, &mut doc.transact_mut(), &second);
        // Only what changed goes; the worker still has the rest.
        let (_, next) = feed(vec![doc.transact().encode_state_as_update_v1(&state)]);
        assert_eq!(next, analysed(&doc));
        assert_ne!(next, first);
    }

    #[test]
    fn a_text_that_is_not_utf8_is_read_with_replacement_characters() {
        let mut request = Job::ReadSet.request("{\"id\":\"shop\",\"name\":\"가게 ".as_bytes());
        request.extend_from_slice(&[0xff, 0xfe]);
        request.extend_from_slice(br#"","requirements":[{"id":"FR1","text":"x"}]}"#);
        let read: SetRead = serde_json::from_str(&ModelWorker::default().answer(&request)).unwrap();
        assert_eq!(read.unwrap().name, "가게 \u{fffd}\u{fffd}");
    }

    #[test]
    fn an_unknown_job_or_a_message_without_one_is_refused_in_words() {
        for bad in ["", "ready", "format-disk\n{}", "\u{fffd}\n"] {
            let out = ModelWorker::default().answer(bad.as_bytes());
            let read: Result<serde_json::Value, serde_json::Value> =
                serde_json::from_str(&out).unwrap();
            assert!(read.unwrap_err().as_str().unwrap().contains("no job named"));
        }
        // The analysis without a feed says it could not read its request.
        let out = ModelWorker::default().answer(b"analyse");
        assert!(out.contains("could not read the request"), "{out}");
    }
}
