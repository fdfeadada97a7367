//! How the analysis travels between the board's page and its model worker
//! ([`crate::model_worker`]): the page sends a board in JSON, the worker answers with a
//! [`Reply`] in JSON, the digest of its report ([`Report::digest`]) or why it could not be
//! read. Pure functions, so both ends and the tests agree on every byte.

use super::report::{report, Report, PER_KIND};
use crate::board::Board;

/// What the analysis answers: the digest of the report, or why the board could not
/// be read.
pub type Reply = Result<Report, String>;

/// The analysis job of the model worker: `board` is a [`Board`] in JSON, the answer a [`Reply`] in JSON.
pub fn answer(board: &str) -> String {
    let reply: Reply = serde_json::from_str::<Board>(board)
        .map(|b| report(&b).digest(PER_KIND))
        .map_err(|e| format!("the board could not be read for analysis: {e}"));
    serde_json::to_string(&reply).unwrap_or_else(|e| {
        serde_json::to_string(&Reply::Err(format!(
            "the analysis could not be written: {e}"
        )))
        .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_refuses_what_is_not_a_board_in_words() {
        for bad in ["", "{", "[1]", "null", "{\"stickies\": 3}", "\u{0}"] {
            let reply: Reply = serde_json::from_str(&answer(bad)).unwrap();
            let e = reply.unwrap_err();
            assert!(
                e.starts_with("the board could not be read for analysis"),
                "{e}"
            );
        }
    }

    #[test]
    fn a_board_a_client_gave_impossible_numbers_still_reaches_the_analysis() {
        use yrs::{Map, Transact};
        let doc = crate::doc::new_doc();
        let roots = crate::doc::Roots::of(&doc);
        let sticky =
            crate::board::Sticky::new("s1", crate::kind::StickyKind::Command, "Pay", 10.0, 10.0);
        {
            let mut txn = doc.transact_mut();
            crate::doc::put_sticky(&roots, &mut txn, &sticky);
            let map = crate::doc::sticky_map(&roots, &txn, "s1").expect("written");
            map.insert(&mut txn, "x", f64::NAN);
            map.insert(&mut txn, "y", f64::INFINITY);
            map.insert(&mut txn, "w", f64::NEG_INFINITY);
        }
        let board = crate::doc::snapshot(&doc);
        let reply: Reply =
            serde_json::from_str(&answer(&serde_json::to_string(&board).unwrap())).unwrap();
        let report = reply.expect("the board reads");
        assert!(
            report.analysis.summary.errors
                + report.analysis.summary.warnings
                + report.analysis.summary.infos
                > 0
        );
        let s = &board.stickies[0];
        assert!(
            s.x.is_finite() && s.y.is_finite() && s.w.is_finite(),
            "{s:?}"
        );
    }
}
