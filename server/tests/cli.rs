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
