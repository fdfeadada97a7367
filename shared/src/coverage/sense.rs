//! What a sticky's text says, for matching: the lexicon concepts it names and whether it is
//! negated ([`Sense`]), the polarity of a concept, and the sticky's own head verb (a command's
//! first word, an event's participle, the last Korean word).

use super::matching::Want;
use crate::flow::Flow;
use crate::kind::StickyKind;
use crate::lang::{en, lexicon, Phrase};

/// The lexicon concepts a sticky's text names, and whether it is negated.
#[derive(Debug, Clone, Default)]
pub struct Sense {
    pub(super) concepts: Vec<usize>,
    negated: bool,
    /// The head verb of a command or event sticky: its stem and concepts.
    pub(super) head: Option<(String, Vec<usize>)>,
}

impl Sense {
    /// The sense of a text.
    pub fn of(p: &Phrase) -> Sense {
        let mut concepts = lexicon::of_ko(&p.korean_compact());
        for w in p.words.iter().filter(|w| !w.hangul) {
            concepts.extend(lexicon::of_en_stem(&w.stem));
        }
        let negated = p.words.iter().any(|w| {
            (!w.hangul && crate::lang::among(&w.raw, &en::NEGATIONS))
                || (w.hangul
                    && (matches!(w.raw.as_str(), "안" | "못")
                        || w.raw.starts_with("않")
                        || w.raw.contains("지않")))
        });
        Sense {
            concepts,
            negated,
            head: None,
        }
    }

    pub(super) fn polar(&self) -> impl Iterator<Item = (usize, bool)> + '_ {
        self.concepts
            .iter()
            .map(move |&c| (group(c).0, group(c).1 != self.negated))
    }
}

/// The polarity group of a concept and which side of it the concept is.
pub(super) fn group(c: usize) -> (usize, bool) {
    match lexicon::opposite(c) {
        Some(o) if o < c => (o, false),
        _ => (c, true),
    }
}

/// Lexicon concepts of light verbs (request, complete): the noun before them is the action.
const LIGHT: [usize; 2] = [32, 36];

/// The head verb of a sticky: a command's first English word, an event's first participle,
/// the last Korean word (the last two syllables of a long compound: "주문취소" → "취소").
fn head_verb(p: &Phrase, command: bool) -> Option<(String, Vec<usize>)> {
    if p.is_korean() {
        let w = p
            .words
            .iter()
            .rev()
            .find(|w| !w.stem.is_empty() && w.hangul)?;
        // The last two syllables, as a slice of the stem.
        let tail = &w.stem[w.stem.char_indices().rev().nth(1).map_or(0, |(i, _)| i)..];
        let concepts = match lexicon::of_ko(tail) {
            c if !c.is_empty() && w.stem.chars().count() >= 4 => c,
            _ => lexicon::of_ko(&w.stem),
        };
        return Some((w.stem.clone(), concepts));
    }
    let w = if command {
        p.words.first().filter(|_| p.is_imperative())?
    } else {
        p.words.iter().find(|w| {
            !w.hangul && w.mood == crate::lang::Mood::Past && !crate::lang::among(&w.raw, &en::AUX)
        })?
    };
    Some((w.stem.clone(), lexicon::of_en_stem(&w.stem).collect()))
}

/// Whether the sticky's own verb names another action than the wanted verb.
pub(super) fn other_head(sense: &Sense, want: &Want) -> bool {
    let Some(v) = want.verb.map(|v| &want.terms[v]) else {
        return false;
    };
    let Some((stem, concepts)) = &sense.head else {
        return false;
    };
    // A light verb lets its noun carry the action: "Request transfer", "이체 완료됨".
    if concepts.iter().any(|c| LIGHT.contains(c)) {
        return false;
    }
    let same = *stem == v.stem
        || (stem.chars().count() >= 2 && v.stem.contains(stem.as_str()))
        || (v.stem.chars().count() >= 2 && stem.contains(v.stem.as_str()))
        || v.aliases.contains(stem);
    let polar = |c: &usize| want.polar.iter().any(|(g, _)| group(*c).0 == *g);
    !same
        && !v.concepts.is_empty()
        && !concepts.is_empty()
        && !concepts.iter().any(|c| v.concepts.contains(c) || polar(c))
}

/// The sense of the sticky at `i` of a board, its head verb included for commands and events.
pub fn of_sticky(flow: &Flow, i: usize) -> Sense {
    let p = &flow.phrases[i];
    let mut s = Sense::of(p);
    s.head = match flow.kind(i) {
        StickyKind::Command => head_verb(p, true),
        StickyKind::DomainEvent => head_verb(p, false),
        _ => None,
    };
    s
}
