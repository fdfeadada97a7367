//! Hostile text for the requirement parser, the lint and the whole analysis: very long words
//! and texts, a hundred thousand clauses, deep brackets and quotes, combining marks,
//! right-to-left and zero-width characters, emoji joined by ZWJ, NUL and control characters,
//! case changes that change a word's length, mixed scripts. Nothing may panic, and the work
//! must grow linearly with the text.
//!
//! Linear growth is checked two ways, neither by the clock: the texts are large enough that
//! any quadratic pass would not finish (a megabyte word, a hundred thousand clauses), and the allocations the parser
//! makes are counted (per thread, so tests running at once do not disturb each other) and
//! must at most double, give or take a little, when the text doubles.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use stormwall_model::analysis::analyze;
use stormwall_model::flow::Flow;
use stormwall_model::lang::clause::parse;
use stormwall_model::lang::Phrase;
use stormwall_model::lint::lint;
use stormwall_model::requirements::MAX_TEXT_CHARS;
use stormwall_model::sketch::Sketch;
use stormwall_model::{Requirement, RequirementSet, StickyKind};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        System.realloc(ptr, layout, size)
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Allocations `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// Texts no facilitator writes, each about `n` units long.
fn hostile(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("one English word", "a".repeat(n)),
        ("one Korean word", "가".repeat(n)),
        (
            "one word then an ending",
            format!("{}되면 알린다", "주문".repeat(n)),
        ),
        ("the same word", "order ".repeat(n)),
        ("detached endings", "함 ".repeat(n)),
        ("auxiliaries", "is ".repeat(n) + "approved"),
        ("happenings", "승인취소발생".repeat(n)),
        (
            "clauses",
            "When the order is placed, the customer is notified; ".repeat(n),
        ),
        ("Korean clauses", "주문이 취소되면 환불한다, ".repeat(n)),
        ("conditions only", "if when once after ".repeat(n)),
        ("brackets", "(".repeat(n) + "[{<'\"x\"'>}]" + &")".repeat(n)),
        ("quotes", "\"'`“‘「『".repeat(n)),
        ("particles", "주문을(를) 결제이(가) ".repeat(n)),
        (
            "combining marks",
            "e\u{301}\u{302}\u{303}주\u{302} ".repeat(n),
        ),
        (
            "right to left",
            "\u{202E}طلب تم \u{202C}הזמנה בוטלה ".repeat(n),
        ),
        ("zero width", "주\u{200B}문\u{200D}됨\u{FEFF} ".repeat(n)),
        ("emoji", "👩‍👩‍👧‍👦🏳️‍🌈 ordered ".repeat(n)),
        (
            "NUL and controls",
            "\0\u{1}\u{1b}[31mplaced\r\n\t".repeat(n),
        ),
        ("length-changing case", "İSTANBUL ẞ Σ ǅ ".repeat(n)),
        (
            "mixed scripts",
            "Заказ 注文 주문됨 ऑर्डर 注文済み Order placed ".repeat(n),
        ),
        ("jamo", "\u{1100}\u{1161}\u{11A8} ".repeat(n)),
        ("digits", "٣٤٥ 123 ①②③ ".repeat(n)),
    ]
}

/// Every parse of a requirement and every analysis of a sticky of `text`.
fn read_everything(text: &str) {
    let s = parse(text);
    let _ = s.main.verb_stem();
    let p = Phrase::new(text);
    let _ = (p.is_past(), p.is_imperative(), p.suggest_event());
}

#[test]
fn the_parser_reads_a_megabyte_word_and_a_hundred_thousand_clauses() {
    // One word of a megabyte; texts of many words at a quarter of that (tens of thousands of
    // words, where a pass per word over the words would not finish).
    for (what, text) in hostile(1) {
        read_everything(&text);
        let size = if what.starts_with("one ") {
            1 << 20
        } else {
            1 << 17
        };
        let big = text.repeat((size / text.len()).max(1));
        assert!(big.len() >= size / 2, "{what}");
        read_everything(&big);
    }
    let clauses = "If paid, ship; ".repeat(100_000);
    let s = parse(&clauses);
    assert!(s.condition.is_some());
}

#[test]
fn the_parser_grows_linearly() {
    for (what, _) in hostile(1) {
        let count = |n: usize| {
            let text = hostile(n).into_iter().find(|(w, _)| *w == what).unwrap().1;
            allocations(|| read_everything(&text))
        };
        let (small, large) = (count(2_000), count(4_000));
        assert!(
            large <= 2 * small + small / 5 + 64,
            "{what}: {small} allocations for 2,000 units, {large} for 4,000"
        );
    }
}

/// A board whose stickies say hostile things, with requirements that do too.
fn board(texts: &[String]) -> stormwall_model::Board {
    use StickyKind::*;
    let mut s = Sketch::new("hostile");
    for t in texts {
        let ids = [
            s.add(Actor, t),
            s.add(Command, t),
            s.add(Aggregate, t),
            s.add(DomainEvent, t),
            s.add(Policy, t),
        ];
        let r: Vec<&str> = ids.iter().map(String::as_str).collect();
        s.chain(&r);
    }
    let mut b = s.finish();
    b.requirements = vec![RequirementSet {
        id: "hostile".into(),
        name: "hostile".into(),
        requirements: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Requirement::functional(&format!("R{i}"), t, t))
            .collect(),
    }];
    b
}

#[test]
fn lint_and_analysis_survive_hostile_stickies_and_requirements() {
    // Short texts (a sticky's worth) and long ones (over the length a requirement may have).
    let short: Vec<String> = hostile(3).into_iter().map(|(_, t)| t).collect();
    let a = analyze(&board(&short));
    assert_eq!(a.coverage[0].requirements.len(), short.len());
    let long: Vec<String> = hostile(MAX_TEXT_CHARS + 1)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let a = analyze(&board(&long));
    for r in &a.coverage[0].requirements {
        assert_eq!(
            r.status,
            stormwall_model::coverage::Status::Unchecked,
            "{} is too long to read: {}",
            r.id,
            r.message.en
        );
    }
    let b = board(&long);
    let findings = lint(&Flow::new(&b));
    assert!(!findings.is_empty());
}

#[test]
fn a_suggestion_for_hostile_text_is_never_flagged_again() {
    use stormwall_model::finding::Rule;
    for (what, text) in hostile(2) {
        let mut s = Sketch::new("one");
        s.add(StickyKind::DomainEvent, &text);
        let b = s.finish();
        for f in lint(&Flow::new(&b)) {
            let Some(fix) = f.suggestion.clone() else {
                continue;
            };
            let mut again = Sketch::new("fixed");
            again.add(StickyKind::DomainEvent, &fix);
            let b = again.finish();
            let rules: Vec<Rule> = lint(&Flow::new(&b)).iter().map(|g| g.rule).collect();
            assert!(
                !rules.contains(&f.rule),
                "{what}: '{fix}' is flagged again for {:?}",
                f.rule
            );
        }
    }
}
