//! The board indexed once per coverage check, so a requirement looks only at the stickies that
//! carry one of its words instead of rescanning every sticky for every term of every step:
//! each sticky's [`Sense`], and which stickies mention a term — by word stem, by the character
//! pairs of the compact key (Korean compounds match inside each other, either way round) and
//! by lexicon concept. Every answer is exactly what [`Phrase::mentions_as`] and the sense say;
//! the index only finds it without a scan.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::matching::Want;
use super::sense::{of_sticky, Sense};
use crate::flow::Flow;
use crate::lang::{holds, Phrase};

type Pair = [char; 2];

/// A board's stickies, indexed for matching.
pub struct Index<'f> {
    senses: Vec<Sense>,
    /// Stickies by the stem of each of their words.
    stems: HashMap<&'f str, Vec<usize>>,
    /// Stickies by each pair of adjacent characters of their compact key (keys holding a
    /// Hangul syllable: only those can hold a compound term).
    pairs: HashMap<Pair, Vec<usize>>,
    /// Stickies whose compact key has two characters or more, by its first pair.
    starts: HashMap<Pair, Vec<usize>>,
    /// Stickies by lexicon concept.
    concepts: Vec<Vec<usize>>,
    /// Analysed frame names, by frame position.
    frames: Vec<Phrase>,
}

fn push(v: &mut Vec<usize>, i: usize) {
    if v.last() != Some(&i) {
        v.push(i);
    }
}

/// Every sticky whose key holds `term` or is held by it (a one-character term, or one without
/// Hangul, which the pairs do not index).
fn scan(flow: &Flow, term: &str, out: &mut Vec<usize>) {
    let all = 0..flow.phrases.len();
    out.extend(all.filter(|&i| flow.phrases[i].mentions_as(term, true)));
}

impl<'f> Index<'f> {
    /// Indexes a board.
    pub fn new(flow: &'f Flow) -> Index<'f> {
        let n = flow.phrases.len();
        let senses: Vec<Sense> = (0..n).map(|i| of_sticky(flow, i)).collect();
        let mut stems: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut pairs: HashMap<Pair, Vec<usize>> = HashMap::new();
        let mut starts: HashMap<Pair, Vec<usize>> = HashMap::new();
        let mut concepts: Vec<Vec<usize>> = Vec::new();
        for (i, p) in flow.phrases.iter().enumerate() {
            for w in &p.words {
                push(stems.entry(w.stem.as_str()).or_default(), i);
            }
            // A compound term holds a Hangul syllable, so only a key holding one can hold it.
            let hangul = p.compact.chars().any(crate::lang::ko::is_syllable);
            let mut chars = p.compact.chars();
            let mut prev = chars.next();
            let mut first = true;
            for c in chars {
                if let Some(a) = prev {
                    if hangul {
                        push(pairs.entry([a, c]).or_default(), i);
                    }
                    if first {
                        starts.entry([a, c]).or_default().push(i);
                        first = false;
                    }
                }
                prev = Some(c);
            }
            for &c in &senses[i].concepts {
                if concepts.len() <= c {
                    concepts.resize_with(c + 1, Vec::new);
                }
                push(&mut concepts[c], i);
            }
        }
        Index {
            senses,
            stems,
            pairs,
            starts,
            concepts,
            frames: flow
                .board
                .frames
                .iter()
                .map(|f| Phrase::new(&f.name))
                .collect(),
        }
    }

    /// The sense of the sticky at `i`.
    pub fn sense(&self, i: usize) -> &Sense {
        &self.senses[i]
    }

    /// The analysed name of the frame at `f`.
    pub fn frame(&self, f: usize) -> &Phrase {
        &self.frames[f]
    }

    /// Positions (ascending) of the stickies whose text mentions `term`:
    /// `flow.phrases[i].mentions_as(term, compound)`, found without a scan.
    pub fn mentions(&self, flow: &Flow, term: &str, compound: bool) -> Vec<usize> {
        let mut out = Vec::new();
        self.mentions_into(flow, term, compound, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// [`Index::mentions`] appended to `out`, unsorted.
    fn mentions_into(&self, flow: &Flow, term: &str, compound: bool, out: &mut Vec<usize>) {
        if !compound {
            out.extend(self.stems.get(term).into_iter().flatten());
            return;
        }
        let mut first_two = term.chars();
        let (Some(a), Some(b)) = (first_two.next(), first_two.next()) else {
            return scan(flow, term, out);
        };
        if !term.chars().any(crate::lang::ko::is_syllable) {
            // Only keys holding a Hangul syllable are indexed by pair.
            return scan(flow, term, out);
        }
        // The key holds the term: the key holds the term's first pair.
        let holding = self.pairs.get(&[a, b]).into_iter().flatten();
        out.extend(holding.filter(|&&i| holds(&flow.phrases[i].compact, term)));
        // The term holds a key of two characters or more: the term holds the key's first pair.
        let mut seen: HashSet<Pair> = HashSet::new();
        let chars: Vec<char> = term.chars().collect();
        for w in chars.windows(2) {
            let pair = [w[0], w[1]];
            if !seen.insert(pair) {
                continue;
            }
            let starting = self.starts.get(&pair).into_iter().flatten();
            out.extend(starting.filter(|&&i| holds(term, &flow.phrases[i].compact)));
        }
    }

    /// Positions (ascending) of the stickies that carry at least one term of `want` (by stem,
    /// alias or concept): every other sticky is refused for carrying nothing.
    pub fn candidates(&self, flow: &Flow, want: &Want) -> Vec<usize> {
        let mut out = Vec::new();
        // The union is taken as bits: a common word is carried by much of the board.
        let mut bits = vec![0u64; flow.phrases.len().div_ceil(64)];
        let mut mark = |out: &mut Vec<usize>| {
            for i in out.drain(..) {
                bits[i / 64] |= 1 << (i % 64);
            }
        };
        // Matching reads the first 64 terms only (see `assess`).
        for t in want.terms.iter().take(64) {
            self.mentions_into(flow, &t.stem, t.compound.0, &mut out);
            for (a, &c) in t.aliases.iter().zip(&t.compound.1) {
                self.mentions_into(flow, a, c, &mut out);
            }
            for &c in &t.concepts {
                out.extend(self.concepts.get(c).into_iter().flatten());
            }
            mark(&mut out);
        }
        let set = |(w, &b): (usize, &u64)| {
            (0..64)
                .filter(move |k| b & (1 << k) != 0)
                .map(move |k| w * 64 + k)
        };
        bits.iter().enumerate().flat_map(set).collect()
    }
}
