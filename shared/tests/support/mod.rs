//! Reads the coverage corpus (`tests/corpus/*.domain`): boards written as chains of stickies,
//! requirements with the verdict and evidence chain expected, and variants of a board with
//! stickies removed. The format is line based:
//!
//! ```text
//! domain: Library loans
//! frame en: Loans               # optional: the stickies of the next board lines go in it
//! board en: A Member > C Borrow book > G Loan > E Book borrowed   # `board *:` for every language
//! req en R1 ok | A member can borrow a book | Member > Borrow book > Loan > Book borrowed
//! req en R7 missing:event | When a reservation is cancelled, … |
//! variant no-notice | en: P Notify next reserver | ko: P 다음 예약자 알림
//! expect no-notice en R3 partial:policy | Book returned
//! ```
//!
//! Kinds: A actor, C command, G aggregate, E event, P policy, R read model, X external
//! system, U user interface.

#![allow(dead_code)]

use std::collections::BTreeMap;

use stormwall_model::sketch::Sketch;
use stormwall_model::{Board, StickyKind};

/// One expected verdict: status, absent step kind, chain texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Expect {
    pub status: String,
    pub absent: Option<String>,
    pub chain: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Req {
    pub lang: String,
    pub id: String,
    pub text: String,
    pub expect: Expect,
}

/// A sticky: kind and text.
pub type Item = (StickyKind, String);

/// A chain of stickies and the frame it is drawn in.
pub type Chain = (Option<String>, Vec<Item>);

#[derive(Debug, Default)]
pub struct Domain {
    pub name: String,
    /// Per language: chains of (kind, text), and the frame each chain belongs to.
    pub boards: BTreeMap<String, Vec<Chain>>,
    pub reqs: Vec<Req>,
    /// Variant name → per language the stickies removed.
    pub variants: BTreeMap<String, BTreeMap<String, Vec<Item>>>,
    /// (variant, lang, req id) → expected.
    pub expects: BTreeMap<(String, String, String), Expect>,
}

fn kind(code: &str) -> StickyKind {
    use StickyKind::*;
    match code {
        "A" => Actor,
        "C" => Command,
        "G" => Aggregate,
        "E" => DomainEvent,
        "P" => Policy,
        "R" => ReadModel,
        "X" => ExternalSystem,
        "U" => Ui,
        other => panic!("unknown kind code {other}"),
    }
}

fn item(s: &str) -> (StickyKind, String) {
    let s = s.trim();
    let (k, t) = s
        .split_once(' ')
        .unwrap_or_else(|| panic!("bad item {s:?}"));
    (kind(k), t.trim().to_string())
}

fn expect(verdict: &str, chain: &str) -> Expect {
    let (status, absent) = match verdict.split_once(':') {
        Some((s, a)) => (s.to_string(), Some(a.to_string())),
        None => (verdict.to_string(), None),
    };
    Expect {
        status,
        absent,
        chain: chain
            .split('>')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect(),
    }
}

pub fn parse(src: &str) -> Domain {
    let mut d = Domain::default();
    let mut frame: BTreeMap<String, Option<String>> = BTreeMap::new();
    for line in src.lines() {
        let line = line.split(" #").next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (head, rest) = line.split_once(':').map_or((line, ""), |(h, r)| (h, r));
        let words: Vec<&str> = head.split_whitespace().collect();
        match words.first().copied() {
            Some("domain") => d.name = rest.trim().to_string(),
            Some("frame") => {
                let name = rest.trim();
                frame.insert(
                    words[1].into(),
                    (!name.is_empty()).then(|| name.to_string()),
                );
            }
            Some("board") => {
                let lang = words[1].to_string();
                let f = frame.get(&lang).cloned().flatten();
                let chain = rest.split('>').map(item).collect();
                d.boards.entry(lang).or_default().push((f, chain));
            }
            Some("req") => {
                let parts: Vec<&str> = line.splitn(3, '|').collect();
                let w: Vec<&str> = parts[0].split_whitespace().collect();
                d.reqs.push(Req {
                    lang: w[1].into(),
                    id: w[2].into(),
                    text: parts[1].trim().into(),
                    expect: expect(w[3], parts.get(2).copied().unwrap_or("")),
                });
            }
            Some("variant") => {
                let parts: Vec<&str> = line.split('|').collect();
                let name = parts[0]
                    .trim()
                    .trim_start_matches("variant")
                    .trim()
                    .to_string();
                let mut per = BTreeMap::new();
                for p in &parts[1..] {
                    let (lang, it) = p.split_once(':').expect("lang: item");
                    per.entry(lang.trim().to_string())
                        .or_insert_with(Vec::new)
                        .push(item(it));
                }
                d.variants.insert(name, per);
            }
            Some("expect") => {
                let parts: Vec<&str> = line.splitn(2, '|').collect();
                let w: Vec<&str> = parts[0].split_whitespace().collect();
                d.expects.insert(
                    (w[1].into(), w[2].into(), w[3].into()),
                    expect(w[4], parts.get(1).copied().unwrap_or("")),
                );
            }
            _ => panic!("bad corpus line {line:?}"),
        }
    }
    d
}

impl Domain {
    /// The board of a language, without the stickies `removed`.
    /// Languages of the requirements.
    pub fn langs(&self) -> Vec<String> {
        let mut v: Vec<String> = self.reqs.iter().map(|r| r.lang.clone()).collect();
        v.sort();
        v.dedup();
        v
    }

    pub fn board(&self, lang: &str, removed: &[(StickyKind, String)]) -> Board {
        let mut s = Sketch::new(&format!("{} ({lang})", self.name));
        let mut ids: BTreeMap<(StickyKind, String), String> = BTreeMap::new();
        let mut frames: Vec<String> = Vec::new();
        let mut col = 0.0;
        let chains: Vec<&Chain> = self
            .boards
            .get("*")
            .into_iter()
            .chain(self.boards.get(lang))
            .flatten()
            .collect();
        let mut rows: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
        for (f, chain) in chains {
            let row = match f {
                Some(name) => {
                    let i = frames.iter().position(|x| x == name).unwrap_or_else(|| {
                        frames.push(name.clone());
                        frames.len() - 1
                    });
                    i + 1
                }
                None => 0,
            };
            let mut path = Vec::new();
            for it in chain {
                if removed.contains(it) {
                    path.push(None);
                    continue;
                }
                let id = ids.entry(it.clone()).or_insert_with(|| {
                    col += 1.0;
                    if row > 0 {
                        let span = rows.entry(row).or_insert((col, col));
                        span.1 = col;
                    }
                    s.at(it.0, &it.1, col, row as f64 * 2.0)
                });
                path.push(Some(id.clone()));
            }
            for w in path.windows(2) {
                if let [Some(a), Some(b)] = w {
                    s.link(a, b);
                }
            }
        }
        for (i, name) in frames.iter().enumerate() {
            let (a, b) = rows[&(i + 1)];
            let r = (i + 1) as f64 * 2.0;
            s.frame(&format!("f{}", i + 1), name, None, (a, b), (r, r));
        }
        s.finish()
    }
}
