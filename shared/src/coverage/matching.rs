//! Finding the stickies a requirement's clause talks about. A clause becomes what a step must
//! carry ([`Want`]): its terms (particles, endings and inflections removed), its verb, and the
//! verb's polarity. A sticky matches when it carries the verb (by stem, by the bilingual
//! lexicon, or by the board's own bilingual stickies) and says nothing opposite: "Seats
//! decreased" never satisfies "the seat count is increased", nor "Payment approved" "결제가
//! 승인되지 않으면".

pub use super::index::Index;
pub use super::sense::Sense;
use super::sense::{group, other_head};
use crate::flow::Flow;
use crate::kind::StickyKind;
use crate::lang::clause::Clause;
use crate::lang::{en, holds, ko, lexicon, Phrase, Word};

/// Korean words that carry no term: auxiliaries and connectives.
const KO_STOP: [&str; 20] = [
    "수",
    "있다",
    "있어야",
    "때",
    "마다",
    "등",
    "것",
    "및",
    "또는",
    "경우",
    "경우에",
    "때마다",
    "시",
    "시에",
    "후",
    "후에",
    "즉시",
    "안",
    "못",
    "않는다",
];

/// The content stems of some words.
pub fn terms(words: &[Word]) -> Vec<String> {
    words
        .iter()
        .filter(|w| content(w))
        .map(|w| w.stem.clone())
        .collect()
}

fn content(w: &Word) -> bool {
    if w.hangul {
        !crate::lang::among(&w.raw, &KO_STOP) && !w.stem.is_empty() && !w.raw.starts_with("않")
    } else {
        !crate::lang::among(&w.raw, &en::STOP)
            && !crate::lang::among(&w.raw, &en::AUX)
            && !crate::lang::among(&w.raw, &en::NEGATIONS)
            && w.raw != "t"
    }
}

/// One term of a requirement: its stem, the word as written, the lexicon concepts it names,
/// and the board's own translations of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Stem.
    pub stem: String,
    /// As written in the requirement.
    pub word: String,
    /// Lexicon concepts.
    pub concepts: Vec<usize>,
    /// Stems the board pairs it with in a bilingual sticky ("가게 Store").
    pub aliases: Vec<String>,
    /// Characters in the stem.
    chars: usize,
    /// Whether the stem and each alias match inside Korean compounds.
    pub(super) compound: (bool, Vec<bool>),
}

/// Whether a term matches inside Korean compounds (as [`Phrase::mentions`] decides).
pub(super) fn is_compound(s: &str) -> bool {
    s.chars().count() >= 2 && s.chars().any(ko::is_syllable)
}

impl Term {
    fn new(stem: String, word: String, glossary: &Glossary) -> Term {
        let concepts = if word.chars().any(ko::is_syllable) {
            lexicon::of_ko(&stem)
        } else {
            lexicon::of_en_stem(&stem).collect()
        };
        let aliases = glossary.aliases(&stem);
        let compound = (
            is_compound(&stem),
            aliases.iter().map(|a| is_compound(a)).collect(),
        );
        Term {
            chars: stem.chars().count(),
            stem,
            word,
            concepts,
            aliases,
            compound,
        }
    }

    /// Whether a sticky's text carries the term; `exact` when by its own stem.
    fn found(&self, p: &Phrase, sense: &Sense) -> Option<bool> {
        if p.mentions_as(&self.stem, self.compound.0) {
            return Some(true);
        }
        let by_concept = self.concepts.iter().any(|c| sense.concepts.contains(c));
        let by_alias = self
            .aliases
            .iter()
            .zip(&self.compound.1)
            .any(|(a, &c)| p.mentions_as(a, c));
        (by_concept || by_alias).then_some(false)
    }
}

/// What a step of the chain must carry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Want {
    /// Every term of the clause, the verb included.
    pub terms: Vec<Term>,
    /// Position of the verb in `terms`.
    pub verb: Option<usize>,
    /// Polarity of the verb: `(group, sign)` per concept.
    pub polar: Vec<(usize, bool)>,
}

/// Pairs of stems the board itself translates: a sticky holding one Korean word and one
/// English word ("주문 Order", "가게 Store").
#[derive(Debug, Default)]
pub struct Glossary {
    pairs: Vec<(String, String)>,
}

impl Glossary {
    /// The pairs on a board.
    pub fn of(flow: &Flow) -> Glossary {
        let mut pairs = Vec::new();
        for p in &flow.phrases {
            // A text in one language pairs nothing.
            if !(p.words.iter().any(|w| w.hangul) && p.words.iter().any(|w| !w.hangul)) {
                continue;
            }
            // Exactly one content word of each language: how many, and the first.
            type Side<'w> = (usize, Option<&'w Word>);
            let (mut ko, mut en): (Side, Side) = ((0, None), (0, None));
            for w in p.words.iter().filter(|w| content(w)) {
                let side = if w.hangul { &mut ko } else { &mut en };
                side.0 += 1;
                side.1 = side.1.or(Some(w));
            }
            if let ((1, Some(k)), (1, Some(e))) = (ko, en) {
                pairs.push((k.stem.clone(), e.stem.clone()));
            }
        }
        pairs.sort();
        pairs.dedup();
        Glossary { pairs }
    }

    fn aliases(&self, stem: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter_map(|(k, e)| {
                if k == stem || (k.chars().count() >= 2 && stem.contains(k.as_str())) {
                    Some(e.clone())
                } else if e == stem {
                    Some(k.clone())
                } else {
                    None
                }
            })
            .collect()
    }
}

impl Want {
    /// What a clause asks for, with the board's glossary.
    pub fn of(clause: &Clause, glossary: &Glossary) -> Want {
        let mut terms = Vec::new();
        let mut verb = None;
        for (i, w) in clause.words.iter().enumerate() {
            if !content(w) {
                continue;
            }
            let stem = if Some(i) == clause.verb {
                verb = Some(terms.len());
                clause.verb_stem().unwrap_or_else(|| w.stem.clone())
            } else {
                w.stem.clone()
            };
            terms.push(Term::new(stem, w.orig.clone(), glossary));
        }
        let polar = verb
            .map(|v| {
                terms[v]
                    .concepts
                    .iter()
                    .map(|&c| (group(c).0, group(c).1 != clause.negated))
                    .collect()
            })
            .unwrap_or_default();
        Want { terms, verb, polar }
    }

    /// The same want without the terms in `stems` (an actor's name).
    pub fn without(&self, stems: &[String]) -> Want {
        let verb_stem = self.verb.map(|v| self.terms[v].stem.clone());
        let terms: Vec<Term> = self
            .terms
            .iter()
            .filter(|t| !stems.contains(&t.stem) || Some(&t.stem) == verb_stem.as_ref())
            .cloned()
            .collect();
        let verb = verb_stem.and_then(|s| terms.iter().position(|t| t.stem == s));
        Want {
            terms,
            verb,
            polar: self.polar.clone(),
        }
    }

    /// The words as written, for messages.
    pub fn words(&self) -> String {
        self.terms
            .iter()
            .map(|t| t.word.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The verb as written.
    pub fn verb_word(&self) -> Option<&str> {
        self.verb.map(|v| self.terms[v].word.as_str())
    }
}

/// How a sticky matches a want.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Higher is better.
    pub score: f64,
    /// The requirement's words it carries, as written.
    pub words: Vec<String>,
}

/// Why a sticky that carries the words does not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It does not carry the verb.
    NoVerb,
    /// It says the opposite, or negates what is wanted.
    Opposite,
    /// None of the words.
    Nothing,
}

/// Matches one sticky's text against a want. `need_verb`: the sticky must carry the verb
/// (events, commands, policies do; an aggregate or read model is named by nouns), and when the
/// sense knows the sticky's own head verb (commands and events on a board), that head must not
/// name another action ("Cancel order" does not narrate "orders").
pub fn judge(p: &Phrase, sense: &Sense, want: &Want, need_verb: bool) -> Result<Match, Refusal> {
    let (score, mask) = assess(p, sense, want, need_verb)?;
    Ok(Match {
        score,
        words: words_of(want, mask),
    })
}

/// The words (as written) of the terms in `mask`, without repeats.
fn words_of(want: &Want, mask: u64) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for (i, t) in want.terms.iter().enumerate().take(64) {
        if mask & (1 << i) != 0 && !words.contains(&t.word) {
            words.push(t.word.clone());
        }
    }
    words
}

/// [`judge`] without building the words: the score and the terms found, as a bit mask.
fn assess(p: &Phrase, sense: &Sense, want: &Want, need_verb: bool) -> Result<(f64, u64), Refusal> {
    let len = p.compact_chars.max(1) as f64;
    let (mut hits, mut covered, mut mask) = (0.0, 0.0, 0u64);
    let mut verb_found = false;
    for (i, t) in want.terms.iter().enumerate().take(64) {
        let Some(exact) = t.found(p, sense) else {
            continue;
        };
        if Some(i) == want.verb {
            verb_found = true;
        }
        hits += if exact { 1.0 } else { 0.9 };
        let tl = t.chars as f64;
        covered += if holds(&p.compact, &t.stem) {
            tl.min(len)
        } else {
            len / 2.0
        };
        mask |= 1 << i;
    }
    if hits == 0.0 {
        return Err(Refusal::Nothing);
    }
    let opposite = want.polar.iter().any(|&(g, s)| {
        let (has_other, has_same) = sense.polar().fold((false, false), |(o, m), (pg, ps)| {
            (o || (pg == g && ps != s), m || (pg == g && ps == s))
        });
        has_other && !has_same
    });
    if opposite {
        return Err(Refusal::Opposite);
    }
    // A negated verb is carried by its opposite: "is not approved" by "Payment rejected".
    let verb_found = verb_found
        || want
            .polar
            .iter()
            .any(|p| sense.polar().any(|q| q == *p) && !sense.concepts.is_empty());
    if need_verb && want.verb.is_some() && !verb_found {
        return Err(Refusal::NoVerb);
    }
    if need_verb && other_head(sense, want) {
        return Err(Refusal::NoVerb);
    }
    Ok((hits + (covered / len).min(1.0), mask))
}

/// The best-matching sticky of `kinds` among `within` (the whole board when `None`; earlier
/// kinds in `kinds` win ties), and the best sticky refused because it says the opposite (for
/// the explanation). Only the stickies the index says carry one of the words are judged: any
/// other is refused for carrying none.
pub fn best(
    flow: &Flow,
    index: &Index,
    within: Option<&[usize]>,
    kinds: &[StickyKind],
    want: &Want,
) -> (Option<(usize, Match)>, Option<usize>) {
    let carriers = index.candidates(flow, want);
    let candidates: Vec<usize> = match within {
        None => carriers,
        Some(w) => w
            .iter()
            .copied()
            .filter(|i| carriers.binary_search(i).is_ok())
            .collect(),
    };
    let mut top: Option<(f64, usize, usize, u64)> = None;
    let mut refused: Option<(usize, usize)> = None;
    for i in candidates {
        let k = flow.kind(i);
        let Some(rank) = kinds.iter().position(|&x| x == k) else {
            continue;
        };
        let need_verb = matches!(
            k,
            StickyKind::DomainEvent | StickyKind::Command | StickyKind::Policy
        );
        match assess(&flow.phrases[i], index.sense(i), want, need_verb) {
            Ok((score, mask)) => {
                let better = match &top {
                    None => true,
                    Some((bs, br, bi, _)) => {
                        score > *bs || (score == *bs && (rank, i) < (*br, *bi))
                    }
                };
                if better {
                    top = Some((score, rank, i, mask));
                }
            }
            Err(Refusal::Opposite) => {
                if refused.is_none_or(|(r, j)| (rank, i) < (r, j)) {
                    refused = Some((rank, i));
                }
            }
            Err(_) => {}
        }
    }
    let top = top.map(|(score, _, i, mask)| {
        (
            i,
            Match {
                score,
                words: words_of(want, mask),
            },
        )
    });
    (top, refused.map(|(_, i)| i))
}

/// Splits terms into those naming an actor on the board and the rest.
pub fn actor_terms(flow: &Flow, index: &Index, want: &Want) -> Vec<String> {
    want.terms
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != want.verb)
        .map(|(_, t)| &t.stem)
        .filter(|t| {
            index
                .mentions(flow, t, is_compound(t))
                .into_iter()
                .any(|a| flow.kind(a) == StickyKind::Actor && !flow.phrases[a].key.is_empty())
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests;
