//! `stormwall check` run as a real process: exit codes and reports for the reference boards
//! exported to files, requirement sets given by file or built-in id, and invalid input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use stormwall_model::reference::{food_delivery_first, food_delivery_revised};
use stormwall_model::requirements::food_delivery;
use stormwall_model::{export, Board};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn check(args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_stormwall"))
        .arg("check")
        .args(args)
        .output()
        .expect("stormwall runs");
    Run {
        code: status.code().expect("exited"),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn export_to(dir: &Path, name: &str, board: &Board) -> String {
    write(dir, name, &export::to_json(board))
        .display()
        .to_string()
}

#[test]
fn first_model_fails_on_fr6_and_fr8() {
    let dir = tempfile::tempdir().unwrap();
    let first = export_to(dir.path(), "first.json", &food_delivery_first());
    let r = check(&[&first]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("Findings: 0 errors"), "{}", r.stdout);
    for line in r
        .stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("ok"))
    {
        assert!(!line.contains("FR6") && !line.contains("FR8"), "{line}");
    }
    for fr in ["FR6", "FR8"] {
        assert!(
            r.stdout
                .lines()
                .any(|l| l.contains(fr) && !l.trim_start().starts_with("ok")),
            "{fr} should be reported open:\n{}",
            r.stdout
        );
    }
    assert!(r.stdout.contains("Result: failed"), "{}", r.stdout);

    let r = check(&[&first, "--lang", "ko", "--requirements", "food-delivery"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("발견 사항: 오류 0"), "{}", r.stdout);
    assert!(
        r.stdout.contains("주문이 취소되면 배달이 취소된다"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("결과: 실패"), "{}", r.stdout);
}

#[test]
fn revised_model_passes() {
    let dir = tempfile::tempdir().unwrap();
    let revised = export_to(dir.path(), "revised.json", &food_delivery_revised());
    for extra in [&[][..], &["--requirements", "food-delivery"][..]] {
        let r = check(&[&[revised.as_str()][..], extra].concat());
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("13 of 13 ok"), "{}", r.stdout);
        assert!(r.stdout.contains("Result: passed"), "{}", r.stdout);
    }
}

#[test]
fn requirement_set_files_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut board = food_delivery_first();
    board.requirements.clear();
    let path = export_to(dir.path(), "bare.json", &board);
    let r = check(&[&path]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("no set to check"), "{}", r.stdout);

    let mut set = food_delivery();
    set.id = "team".into();
    set.requirements.retain(|r| r.id == "FR1" || r.id == "FR5");
    let set = write(dir.path(), "set.json", &set.to_json());
    let r = check(&[&path, "-r", set.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("Requirements team"), "{}", r.stdout);
    assert!(r.stdout.contains("2 of 2 ok"), "{}", r.stdout);
}

#[test]
fn invalid_input_exits_2_with_the_json_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&export::to_json(&food_delivery_revised())).unwrap();
    v["board"]["links"][3]["to"] = "ghost".into();
    let bad = write(dir.path(), "bad.json", &v.to_string());
    let r = check(&[bad.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("$.board.links[3].to"), "{}", r.stderr);
    assert!(r.stderr.contains("ghost"), "{}", r.stderr);
    assert!(r.stdout.is_empty());

    let r = check(&[dir.path().join("missing.json").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read"), "{}", r.stderr);

    let good = export_to(dir.path(), "good.json", &food_delivery_revised());
    let r = check(&[&good, "--requirements", "no-such-set"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no-such-set"), "{}", r.stderr);

    let bad_set = write(
        dir.path(),
        "set.json",
        r#"{"id":"x","requirements":[{"id":""}]}"#,
    );
    let r = check(&[&good, "--lang", "ko", "-r", bad_set.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("$.requirements[0]"), "{}", r.stderr);
    assert!(r.stderr.starts_with("오류"), "{}", r.stderr);
}

#[test]
fn serving_stays_the_default() {
    let out = Command::new(env!("CARGO_BIN_EXE_stormwall"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(help.contains("--bind") && help.contains("check"), "{help}");
    let bad = Command::new(env!("CARGO_BIN_EXE_stormwall"))
        .args(["--bind", "not-an-address"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// A library board drawn without frames, carrying its own requirement set.
fn library() -> Board {
    use stormwall_model::sketch::Sketch;
    use stormwall_model::StickyKind::*;
    use stormwall_model::{Requirement, RequirementSet};
    let mut s = Sketch::new("library");
    let m = s.add(Actor, "Member");
    let c = s.add(Command, "Return book");
    let g = s.add(Aggregate, "Loan");
    let e = s.add(DomainEvent, "Book returned");
    let p = s.add(Policy, "Offer to next reserver");
    let c2 = s.add(Command, "Notify reserver");
    let g2 = s.add(Aggregate, "Reservation");
    let e2 = s.add(DomainEvent, "Reserver notified");
    s.chain(&[&m, &c, &g, &e, &p, &c2, &g2, &e2]);
    let x = s.add(ExternalSystem, "Due date clock");
    let o = s.add(DomainEvent, "Loan overdue");
    s.link(&x, &o);
    let mut b = s.finish();
    b.requirements = vec![RequirementSet {
        id: "lib".into(),
        name: "Library".into(),
        requirements: vec![
            Requirement::functional("L1", "Members return borrowed books", ""),
            Requirement::functional(
                "L2",
                "When a book has been returned, the next reserver is notified",
                "",
            ),
            Requirement::functional("L3", "When a loan becomes overdue, a fine is charged", ""),
        ],
    }];
    b
}

#[test]
fn report_shows_evidence_proposed_contexts_and_the_derived_map() {
    let dir = tempfile::tempdir().unwrap();
    let path = export_to(dir.path(), "library.json", &library());
    let r = check(&[&path]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let out = &r.stdout;
    for want in [
        "0 contexts drawn, 2 proposed",
        "Contexts: 0 drawn, 2 proposed",
        "proposed 'Loan': aggregates 'Loan'; commands 'Return book'; events 'Book returned'",
        "proposed 'Reservation'",
        "Context map: 1 relations (derived from the proposed contexts)",
        "Loan → Reservation: publish/subscribe 'Book returned' → 'Offer to next reserver'",
        "Requirements lib (Library): 2 of 3 ok (1 partial, 0 missing, 0 unchecked)",
        "Actor 'Member' [Members] → Command 'Return book' [return, books] → Aggregate 'Loan' → Domain event 'Book returned'",
        "Domain event 'Loan overdue' [loan, overdue]",
        "absent step: Policy: no policy reacts to 'Loan overdue'",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let r = check(&[&path, "--lang", "ko"]);
    assert!(
        r.stdout.contains("컨텍스트: 그린 것 0개, 제안 2개"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("발행/구독"), "{}", r.stdout);
    assert!(r.stdout.contains("없는 단계: 정책"), "{}", r.stdout);
}

#[test]
fn json_format_and_strict_mode() {
    let dir = tempfile::tempdir().unwrap();
    let revised = export_to(dir.path(), "revised.json", &food_delivery_revised());
    let r = check(&[&revised, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["passed"], true);
    assert_eq!(v["exit_code"], 0);
    let fr1 = &v["requirements"][0]["coverage"]["requirements"][0];
    assert_eq!(fr1["status"], "ok");
    assert_eq!(fr1["evidence"]["chain"][1]["kind"], "command");
    assert_eq!(fr1["evidence"]["chain"][1]["matched"][0], "주문한다");
    assert!(v["analysis"]["lint"].is_array());

    // A board with only warnings passes, unless --strict.
    let mut b = food_delivery_revised();
    b.requirements.clear();
    let first = b.stickies.iter_mut().find(|s| s.text == "주문됨").unwrap();
    first.text = "주문하기".into();
    let warned = export_to(dir.path(), "warned.json", &b);
    let r = check(&[&warned]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = check(&[&warned, "--strict"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("(--strict)"), "{}", r.stdout);
    let r = check(&[&warned, "--strict", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (v["passed"].as_bool(), v["strict"].as_bool()),
        (Some(false), Some(true))
    );
}

#[test]
fn help_documents_the_exit_codes() {
    let out = Command::new(env!("CARGO_BIN_EXE_stormwall"))
        .args(["check", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for want in ["Exit codes", "--strict", "--format", "json"] {
        assert!(help.contains(want), "{help}");
    }
}
