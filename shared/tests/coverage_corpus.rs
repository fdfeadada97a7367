//! Coverage on requirement sets and boards written for this test, in six domains and both
//! languages, plus bilingual boards: every verdict and evidence chain is written down in
//! `tests/corpus/*.domain` before running. Prints a confusion matrix per language and fails
//! on any verdict or chain that differs.

mod support;

use std::collections::BTreeMap;

use stormwall_model::coverage::{check, RequirementCoverage, Status};
use stormwall_model::{Requirement, RequirementSet};
use support::{Domain, Expect};

const LABELS: [&str; 3] = ["ok", "partial", "missing"];

fn status(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Partial => "partial",
        Status::Missing => "missing",
        Status::Unchecked => "unchecked",
    }
}

fn domains() -> Vec<(String, Domain)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "domain"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let src = std::fs::read_to_string(&p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                support::parse(&src),
            )
        })
        .collect()
}

/// Compares one result with what was expected; the differences, worded.
fn differences(got: &RequirementCoverage, want: &Expect) -> Vec<String> {
    let mut out = Vec::new();
    if status(got.status) != want.status {
        out.push(format!(
            "status {} (expected {})",
            status(got.status),
            want.status
        ));
    }
    let absent = got
        .evidence
        .absent
        .as_ref()
        .map(|a| a.kind.as_str().to_string());
    let want_absent = want.absent.as_ref().map(|a| match a.as_str() {
        "event" => "domain_event".to_string(),
        other => other.to_string(),
    });
    if got.status != Status::Ok && absent != want_absent {
        out.push(format!("absent {absent:?} (expected {want_absent:?})"));
    }
    let chain: Vec<&str> = got.evidence.chain.iter().map(|s| s.text.as_str()).collect();
    if chain != want.chain {
        out.push(format!(
            "chain {} (expected {})",
            chain.join(" > "),
            want.chain.join(" > ")
        ));
    }
    if got.status == Status::Ok {
        // Ok evidence: every step found by words carries some of the requirement's words.
        for s in &got.evidence.chain {
            if s.found == stormwall_model::coverage::Found::Words && s.matched.is_empty() {
                out.push(format!("step '{}' found by words but carries none", s.text));
            }
        }
    }
    out
}

#[test]
fn corpus_verdicts_and_chains_match_per_language() {
    let mut matrix: BTreeMap<String, [[usize; 3]; 3]> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut domains_seen = 0;
    for (file, d) in domains() {
        domains_seen += 1;
        let mut runs: Vec<(String, Vec<support::Item>, String)> = Vec::new();
        for lang in &d.langs() {
            runs.push((String::new(), Vec::new(), lang.clone()));
            for (v, per) in &d.variants {
                let removed = per.get(lang).or_else(|| per.get("*"));
                runs.push((
                    v.clone(),
                    removed.cloned().unwrap_or_default(),
                    lang.clone(),
                ));
            }
        }
        for (variant, removed, lang) in runs {
            let board = d.board(&lang, &removed);
            let reqs: Vec<&support::Req> = d.reqs.iter().filter(|r| r.lang == lang).collect();
            if variant.is_empty() {
                *counts.entry((file.clone(), lang.clone())).or_default() += reqs.len();
            }
            let set = RequirementSet {
                id: "corpus".into(),
                name: d.name.clone(),
                requirements: reqs
                    .iter()
                    .map(|r| Requirement::functional(&r.id, &r.text, ""))
                    .collect(),
            };
            let cov = check(&board, &set);
            for r in &reqs {
                let want = if variant.is_empty() {
                    &r.expect
                } else {
                    d.expects
                        .get(&(variant.clone(), lang.clone(), r.id.clone()))
                        .unwrap_or(&r.expect)
                };
                let got = cov.get(&r.id).unwrap();
                let lang_key = if file.starts_with("bilingual") {
                    format!("{lang} (bilingual)")
                } else {
                    lang.clone()
                };
                let m = matrix.entry(lang_key).or_insert([[0; 3]; 3]);
                let row = LABELS.iter().position(|l| *l == want.status).unwrap();
                if let Some(col) = LABELS.iter().position(|l| *l == status(got.status)) {
                    m[row][col] += 1;
                }
                let diff = differences(got, want);
                if !diff.is_empty() {
                    failures.push(format!(
                        "{file} [{}] {lang} {}: {}\n      {}\n      evidence: {}",
                        if variant.is_empty() { "full" } else { &variant },
                        r.id,
                        r.text,
                        diff.join("; "),
                        got.evidence.describe(false)
                    ));
                }
            }
        }
    }
    for (lang, m) in &matrix {
        let total: usize = m.iter().flatten().sum();
        let right: usize = (0..3).map(|i| m[i][i]).sum();
        println!("\n{lang}: {right}/{total} verdicts right (rows expected, columns got)");
        println!("{:>10} {:>8} {:>8} {:>8}", "", "ok", "partial", "missing");
        for (i, row) in m.iter().enumerate() {
            println!(
                "{:>10} {:>8} {:>8} {:>8}",
                LABELS[i], row[0], row[1], row[2]
            );
        }
    }
    assert!(domains_seen >= 7, "six domains and the bilingual boards");
    for ((file, lang), n) in &counts {
        if !file.starts_with("bilingual") {
            assert!(*n >= 8, "{file} has only {n} {lang} requirements");
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
