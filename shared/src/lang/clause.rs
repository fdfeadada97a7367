//! The clause structure of a requirement, read by grammar: a condition and a main clause
//! ("When a payment has been refunded, the seat count is increased"; "도서가 반납되면 예약자에게
//! 알린다"; "대출 시 …"; "Notify the member once the book is due"), and in each clause its verb
//! (the head of the verb group: "has been refunded" → refunded; "취소될 경우" → 취소) and
//! whether it is negated ("is not approved", "승인되지 않으면").

use super::{en, Mood, Phrase, Word};

/// One clause: its words, the position of its verb, and whether the verb is negated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Clause {
    /// Words of the clause, in order.
    pub words: Vec<Word>,
    /// Position of the verb in `words`, when one is found.
    pub verb: Option<usize>,
    /// Whether the verb is negated.
    pub negated: bool,
}

/// A requirement read as an optional condition and a main clause.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// "When / once / after / as soon as X", "X되면", "X된 경우", "X 시".
    pub condition: Option<Clause>,
    /// What must happen (or what an actor does).
    pub main: Clause,
}

/// English openers of a condition; several words open it together.
const EN_OPENERS: [&[&str]; 11] = [
    &["as", "soon", "as"],
    &["each", "time"],
    &["every", "time"],
    &["whenever"],
    &["when"],
    &["once"],
    &["after"],
    &["if"],
    &["upon"],
    &["following"],
    &["on"],
];

/// Korean words that close a condition: "된 경우", "할 때(마다)", "반납 시", "반납된 후".
const KO_CLOSERS: [&str; 16] = [
    "경우",
    "경우에",
    "경우에는",
    "때",
    "때에",
    "때는",
    "때마다",
    "시",
    "시에",
    "시에는",
    "후",
    "후에",
    "뒤",
    "뒤에",
    "즉시",
    "다음",
];

/// Nouns that end in 면 or 시 without being a conditional ("화면", "표시", "즉시").
const KO_NOT_CONDITIONAL: [&str; 20] = [
    "화면", "측면", "전면", "표면", "방면", "장면", "정면", "대면", "서면", "이면", "표시", "게시",
    "지시", "실시", "도시", "일시", "동시", "수시", "임시", "감시",
];

impl Clause {
    fn new(words: Vec<Word>) -> Clause {
        let (verb, negated) = if words.iter().any(|w| w.hangul) && korean_last(&words) {
            korean_verb(&words)
        } else {
            english_verb(&words)
        };
        Clause {
            words,
            verb,
            negated,
        }
    }

    /// The verb word.
    pub fn verb_word(&self) -> Option<&Word> {
        self.verb.map(|i| &self.words[i])
    }

    /// The stem that names the verb's action: English stem; Korean stem without particles
    /// and endings, or without the 시 of "반납시".
    pub fn verb_stem(&self) -> Option<String> {
        let w = self.verb_word()?;
        if !w.hangul {
            return Some(w.stem.clone());
        }
        let s = w
            .stem
            .strip_suffix('시')
            .filter(|r| r.chars().count() >= 2 && !KO_NOT_CONDITIONAL.contains(&w.stem.as_str()));
        let s = s.unwrap_or(&w.stem);
        (!s.is_empty()).then(|| s.to_string())
    }
}

fn korean_last(words: &[Word]) -> bool {
    words
        .iter()
        .rev()
        .find(|w| !w.stem.is_empty() || w.hangul)
        .is_some_and(|w| w.hangul)
}

/// Korean: the verb is the last word carrying an ending (a pure ending written apart gives
/// it to the word before), else the last noun before a closer ("대출 시").
fn korean_verb(words: &[Word]) -> (Option<usize>, bool) {
    let negated = words.iter().any(|w| {
        matches!(w.raw.as_str(), "안" | "못")
            || w.raw.starts_with("않")
            || w.raw.starts_with("못하")
            || w.raw.contains("지않")
            || w.raw.contains("지못")
    });
    let content = |w: &Word| {
        w.hangul
            && !w.stem.is_empty()
            && !crate::lang::among(&w.raw, &KO_CLOSERS)
            && !w.raw.starts_with("않")
            && !matches!(
                w.raw.as_str(),
                "수" | "있다" | "있어야" | "한다" | "안" | "못" | "마다"
            )
    };
    let mut verb = None;
    // The last content word so far (one pass: a run of endings never rescans the words).
    let mut last = None;
    for (i, w) in words.iter().enumerate() {
        if !content(w) {
            // A pure ending or a negation gives its verb-ness to the word before.
            if w.stem.is_empty() && w.mood != Mood::Bare && verb.is_none() {
                verb = last;
            }
            continue;
        }
        if w.mood != Mood::Bare || w.stem.ends_with("하지") || w.stem.ends_with("되지") {
            verb = Some(i);
        }
        last = Some(i);
    }
    let verb = verb.or(last);
    // "출금이 완료되면", "배달이 끝나면": completion is aspect; the action is the noun before.
    let verb = verb.map(|v| {
        let aspect = matches!(words[v].stem.as_str(), "완료" | "끝나" | "끝났" | "마치");
        match (0..v).rev().find(|&j| content(&words[j])) {
            Some(j) if aspect => j,
            _ => v,
        }
    });
    (verb, negated)
}

fn is(w: &Word, list: &[&str]) -> bool {
    !w.hangul && super::among(&w.raw, list)
}

fn en_content(w: &Word) -> bool {
    !w.hangul && !is(w, &en::STOP) && !is(w, &en::NEGATIONS) && !is(w, &en::AUX) && w.raw != "t"
}

/// Heads of the English verb groups, in order: after auxiliaries ("has been refunded"), a past
/// form after its subject ("payment refunded"), or a verb in -s after its subject ("a member
/// returns a book").
fn verb_groups(words: &[Word]) -> Vec<usize> {
    let skip = |w: &Word| {
        is(w, &en::AUX)
            || is(w, &en::NEGATIONS)
            || w.raw == "t"
            || (w.raw.ends_with("ly") && w.raw.len() > 4)
    };
    let open = |i: usize| i == 0 || !is(&words[i - 1], &en::DETERMINERS);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if is(w, &en::AUX) {
            let head = words[i..].iter().position(|w| !skip(w)).map(|k| i + k);
            match head {
                Some(h) if en_content(&words[h]) => {
                    out.push(h);
                    i = h + 1;
                }
                Some(h) => i = h + 1,
                None => break,
            }
            continue;
        }
        let after_subject = i > 0 && open(i) && en_content(&words[i - 1]);
        // A participle before its noun is an adjective ("borrowed books"), and a plural
        // after it a noun.
        let adjective = w.mood == Mood::Past && words.get(i + 1).is_some_and(en_content);
        let past = w.mood == Mood::Past && !adjective;
        // …and a plural after a known verb is its object ("submit talks").
        // A plural before an auxiliary is the subject ("the rooms are increased").
        let known_verb = |j: usize| {
            super::lexicon::of_en_stem(&words[j].stem).next().is_some() && (j == 0 || open(j))
        };
        let third_person = w.raw.ends_with('s')
            && !w.raw.ends_with("ss")
            && i > 0
            && words[i - 1].mood != Mood::Past
            && !(i >= 2 && known_verb(i - 1))
            && !words.get(i + 1).is_some_and(|n| is(n, &en::AUX));
        if en_content(w) && after_subject && (past || third_person) {
            out.push(i);
        }
        i += 1;
    }
    out
}

/// English: the head of the first verb group, else an imperative first word ("Notify the
/// member"), else the first word the lexicon knows as an action.
fn english_verb(words: &[Word]) -> (Option<usize>, bool) {
    let negated = words.iter().any(|w| is(w, &en::NEGATIONS));
    if let Some(&h) = verb_groups(words).first() {
        return (Some(h), negated);
    }
    let known = |i: usize| super::lexicon::of_en_stem(&words[i].stem).next().is_some();
    if words.first().is_some_and(en_content)
        && words
            .get(1)
            .is_some_and(|w| is(w, &en::DETERMINERS) || en_content(w))
        && (known(0) || words.get(1).is_some_and(|w| is(w, &en::DETERMINERS)))
    {
        return (Some(0), negated);
    }
    let found = (0..words.len()).find(|&i| en_content(&words[i]) && known(i));
    (found, negated)
}

fn opener_at(words: &[Word], i: usize) -> Option<usize> {
    EN_OPENERS.iter().find_map(|o| {
        let fits = o.len() <= words.len() - i
            && o.iter()
                .zip(&words[i..])
                .all(|(a, w)| w.raw == *a && !w.hangul);
        fits.then_some(o.len())
    })
}

/// Whether an English word at `i` can open a condition there: "on" and "following" only at
/// the start; "when", "once" … anywhere.
fn opens(words: &[Word], i: usize) -> Option<usize> {
    let n = opener_at(words, i)?;
    let w = words[i].raw.as_str();
    if matches!(w, "on" | "following" | "upon") && i != 0 {
        return None;
    }
    Some(n)
}

/// Reads a requirement.
pub fn parse(text: &str) -> Sentence {
    let words = Phrase::new(text).words;
    parse_words(words)
}

/// [`parse`] over words already analysed.
pub fn parse_words(words: Vec<Word>) -> Sentence {
    if let Some(cut) = korean_cut(&words) {
        let main = words[cut..].to_vec();
        let cond = words[..cut].to_vec();
        return Sentence {
            condition: Some(Clause::new(cond)),
            main: Clause::new(main),
        };
    }
    if let Some((cond, main)) = english_split(&words) {
        return Sentence {
            condition: Some(Clause::new(cond)),
            main: Clause::new(main),
        };
    }
    Sentence {
        condition: None,
        main: Clause::new(words),
    }
}

/// Where a Korean condition ends (the first word of the main clause).
fn korean_cut(w: &[Word]) -> Option<usize> {
    for (i, word) in w.iter().enumerate().filter(|(_, x)| x.hangul) {
        let raw = word.raw.as_str();
        let conditional = (word.mood == Mood::Conditional
            || (raw.chars().count() >= 2 && raw.ends_with('면')))
            && !KO_NOT_CONDITIONAL.contains(&raw);
        // "후", "뒤", "다음", "즉시" close a condition only after a verb ("반납된 후"), not after
        // a noun ("운행 후 기사를 평가한다").
        let after_verb = i > 0 && w[i - 1].mood != Mood::Bare;
        let closer = KO_CLOSERS.contains(&raw)
            && (after_verb || !matches!(raw, "후" | "후에" | "뒤" | "뒤에" | "다음" | "즉시"));
        let suffix_si = raw.chars().count() >= 3
            && raw.ends_with('시')
            && !KO_NOT_CONDITIONAL.iter().any(|n| raw.ends_with(n));
        let cut = if conditional || suffix_si {
            Some(i + 1)
        } else if closer && i > 0 {
            Some(if w.get(i + 1).is_some_and(|n| n.raw == "마다") {
                i + 2
            } else {
                i + 1
            })
        } else {
            None
        };
        if let Some(c) = cut.filter(|&c| c < w.len()) {
            return Some(c);
        }
    }
    None
}

/// English "When X, Y" / "When X then Y" / "When X Y" / "Y when X".
fn english_split(w: &[Word]) -> Option<(Vec<Word>, Vec<Word>)> {
    let (at, len) = (0..w.len()).find_map(|i| opens(w, i).map(|n| (i, n)))?;
    if at > 0 {
        // "… after the trip" is a phrase, not a condition: a trailing one needs its verb.
        let main = w[..at].to_vec();
        let cond = w[at + len..].to_vec();
        return (!verb_groups(&cond).is_empty()).then_some((cond, main));
    }
    let body = &w[len..];
    // A pause ends the condition.
    if let Some(p) = body.iter().position(|x| x.pause) {
        let start = if body.get(p + 1).is_some_and(|x| x.raw == "then") {
            p + 2
        } else {
            p + 1
        };
        return (start < body.len()).then(|| (body[..=p].to_vec(), body[start..].to_vec()));
    }
    if let Some(t) = body.iter().position(|x| x.raw == "then") {
        return (t > 0 && t + 1 < body.len()).then(|| (body[..t].to_vec(), body[t + 1..].to_vec()));
    }
    // No punctuation: the main clause is the second verb group with its subject, which
    // starts at the last determiner between the two verbs ("When a member returns a book the
    // next reserver is notified"); without one, an imperative starts right after the first
    // verb group's object ("When the book is returned notify the next member").
    let groups = verb_groups(body);
    let v1 = *groups.first()?;
    let cut = match groups.get(1) {
        Some(&v2) => (v1 + 1..v2)
            .rev()
            .find(|&i| crate::lang::among(&body[i].raw, &en::DETERMINERS))
            .unwrap_or(v2),
        None => {
            let known = |i: usize| super::lexicon::of_en_stem(&body[i].stem).next().is_some();
            (v1 + 1..body.len()).find(|&i| en_content(&body[i]) && known(i))?
        }
    };
    (cut > v1 && cut < body.len()).then(|| (body[..cut].to_vec(), body[cut..].to_vec()))
}

#[cfg(test)]
mod tests;
