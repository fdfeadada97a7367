//! Fuzzes what a team types and the analysis reads: any text as a requirement (the clause
//! parser, then coverage against a board) and its lines as stickies (the lint and its
//! suggestions). Nothing may panic, and a suggestion the lint makes is never flagged again for
//! the same reason.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stormwall_model::analysis::analyze;
use stormwall_model::flow::Flow;
use stormwall_model::lang::clause::parse;
use stormwall_model::lint::lint;
use stormwall_model::sketch::Sketch;
use stormwall_model::{Requirement, RequirementSet, StickyKind};

/// Kinds the lines become, in flow order.
const KINDS: [StickyKind; 6] = [
    StickyKind::Actor,
    StickyKind::Command,
    StickyKind::Aggregate,
    StickyKind::DomainEvent,
    StickyKind::Policy,
    StickyKind::ReadModel,
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let s = parse(text);
    let _ = (s.main.verb_stem(), s.condition.map(|c| c.verb_stem()));
    let mut sketch = Sketch::new("fuzz");
    let ids: Vec<String> = text
        .lines()
        .take(12)
        .zip(KINDS.iter().cycle())
        .map(|(line, &kind)| sketch.add(kind, line))
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    sketch.chain(&ids);
    let mut board = sketch.finish();
    let mut requirements = vec![Requirement::functional("R0", text, "")];
    requirements.extend(
        text.lines()
            .take(12)
            .enumerate()
            .map(|(i, l)| Requirement::functional(&format!("R{}", i + 1), l, text)),
    );
    board.requirements = vec![RequirementSet {
        id: "fuzz".into(),
        name: "fuzz".into(),
        requirements,
    }];
    let analysis = analyze(&board);
    for f in &analysis.lint {
        let Some(fix) = &f.suggestion else {
            continue;
        };
        let mut again = Sketch::new("fixed");
        again.add(StickyKind::DomainEvent, fix);
        let fixed = again.finish();
        assert!(
            lint(&Flow::new(&fixed)).iter().all(|g| g.rule != f.rule),
            "{fix:?} flagged again for {:?}",
            f.rule
        );
    }
});
