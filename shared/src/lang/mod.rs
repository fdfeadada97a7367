//! Language handling for Korean and English text on stickies and in requirements: tokens,
//! stems, tense and mood, normalised keys for comparing texts, and suggestions of the
//! past-tense form of an event.

pub mod clause;
pub mod en;
pub mod grammar;
pub mod ko;
pub mod lexicon;
mod suggest;
pub mod vocab;

use std::borrow::Cow;

pub use ko::Mood;
pub use vocab::Vocab;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lower-cased word as written.
    pub raw: String,
    /// The word as written, case kept.
    pub orig: String,
    /// Whether a comma, semicolon or colon follows the word (a clause may end there).
    pub pause: bool,
    /// Its stem (particles, endings or inflections removed).
    pub stem: String,
    /// Whether the word is Korean.
    pub hangul: bool,
    /// For Korean words, what the ending says.
    pub mood: Mood,
}

/// A text broken into words, with the forms the rules compare.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Phrase {
    /// The words, in order.
    pub words: Vec<Word>,
    /// Stems joined: Korean stems without spaces (compounds), English with one space.
    pub key: String,
    /// The words as written, lower-cased, joined with one space.
    pub plain: String,
    /// The key without spaces (how Korean compounds compare).
    pub compact: String,
    /// Characters in `compact`.
    pub compact_chars: usize,
}

/// Whether `word` is one of `list` (lengths and first bytes compared before the words: the
/// rules ask this of every word of every sticky).
pub fn among(word: &str, list: &[&str]) -> bool {
    let first = word.as_bytes().first();
    list.iter()
        .any(|x| x.len() == word.len() && x.as_bytes().first() == first && *x == word)
}

/// Whether `hay` contains `needle`: [`str::contains`] for the short texts of stickies and
/// terms, without building a searcher per call (matching asks this of many stickies per term).
/// Comparing bytes is exact: a UTF-8 needle only ever matches on character boundaries.
pub fn holds(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    h.len() >= n.len() && h.windows(n.len()).any(|w| w[0] == first && w == n)
}

fn is_hangul_word(w: &str) -> bool {
    w.chars().any(ko::is_syllable)
}

/// Lower-cased words of `text`: letters and digits, everything else separates.
pub fn tokens(text: &str) -> Vec<String> {
    spans(text).into_iter().map(|(w, _)| lower(w)).collect()
}

/// A word lower-cased (without Unicode tables when it is ASCII or Hangul: syllables have no
/// case).
fn lower(w: &str) -> String {
    if w.chars().all(|c| c.is_ascii() || ko::is_syllable(c)) {
        w.to_ascii_lowercase()
    } else {
        w.to_lowercase()
    }
}

/// Words of `text` as written, each with whether a pause (`,` `;` `:`) follows it.
fn spans(text: &str) -> Vec<(&str, bool)> {
    let mut out: Vec<(&str, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() || ko::is_syllable(c) || (!c.is_ascii() && c.is_alphanumeric())
        {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push((&text[s..i], false));
        }
        if matches!(c, ',' | ';' | ':' | '，') {
            if let Some(last) = out.last_mut() {
                last.1 = true;
            }
        }
    }
    if let Some(s) = start {
        out.push((&text[s..], false));
    }
    out
}

/// A Korean word analysed: particle and ending removed. A word that is only an ending
/// ("결제 함", "주문 완료") has an empty stem and carries the mood.
fn korean_word(raw: &str) -> (String, Mood) {
    if let Some(mood) = ko::bare_ending(raw) {
        return (String::new(), mood);
    }
    // An ending that looks like a particle ("승인되는") is an ending.
    if let (stem, mood @ (Mood::Present | Mood::Conditional)) = ko::split_ending(raw) {
        return (stem.to_string(), mood);
    }
    let w = ko::strip_particle(raw);
    let (stem, mood) = ko::split_ending(w);
    let stem = if mood == Mood::Bare {
        stem
    } else {
        ko::strip_particle(stem)
    };
    (stem.to_string(), mood)
}

fn join_stems<'a>(words: impl Iterator<Item = (&'a str, bool)>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut prev_hangul = false;
    for (s, h) in words {
        if s.is_empty() {
            continue;
        }
        if !(out.is_empty() || h && prev_hangul) {
            out.push(' ');
        }
        out.push_str(s);
        prev_hangul = h;
    }
    out
}

impl Phrase {
    /// Analyses a text.
    pub fn new(text: &str) -> Phrase {
        let words: Vec<Word> = spans(text)
            .into_iter()
            .map(|(orig, pause)| {
                let raw = lower(orig);
                if is_hangul_word(&raw) {
                    let (stem, mood) = korean_word(&raw);
                    Word {
                        stem,
                        raw,
                        orig: orig.to_string(),
                        pause,
                        hangul: true,
                        mood,
                    }
                } else {
                    Word {
                        stem: en::stem(&raw),
                        mood: if en::is_past(&raw) {
                            Mood::Past
                        } else {
                            Mood::Bare
                        },
                        raw,
                        orig: orig.to_string(),
                        pause,
                        hangul: false,
                    }
                }
            })
            .collect();
        let key = join_stems(
            words
                .iter()
                .filter(|w| w.hangul || !among(&w.raw, &en::STOP))
                .map(|w| (w.stem.as_str(), w.hangul)),
            text.len() + words.len(),
        );
        let plain = join_stems(
            words.iter().map(|w| (w.raw.as_str(), false)),
            text.len() + words.len(),
        );
        let mut compact = String::with_capacity(key.len());
        compact.extend(key.split(' '));
        let compact_chars = compact.chars().count();
        Phrase {
            words,
            key,
            plain,
            compact,
            compact_chars,
        }
    }

    /// Whether the text is mainly Korean (its last word is).
    pub fn is_korean(&self) -> bool {
        self.words.last().is_some_and(|w| w.hangul)
    }

    /// Content stems: English function words dropped.
    pub fn terms(&self) -> Vec<&str> {
        self.words
            .iter()
            .filter(|w| w.hangul || !among(&w.raw, &en::STOP))
            .map(|w| w.stem.as_str())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Whether the text reads as past tense: Korean by its last ending, English by a past
    /// participle anywhere ("Order placed", "Payment was approved").
    pub fn is_past(&self) -> bool {
        if self.is_korean() {
            self.words.last().is_some_and(|w| w.mood == Mood::Past)
        } else {
            self.words.iter().any(|w| w.mood == Mood::Past)
                || self
                    .words
                    .last()
                    .is_some_and(|w| self.words.len() >= 2 && among(&w.raw, &en::STATES))
        }
    }

    /// Whether the text reads as a command: a Korean bare noun of an action or an imperative
    /// ending; an English verb followed by its object ("Place order").
    pub fn is_imperative(&self) -> bool {
        if self.is_past() {
            return false;
        }
        if self.is_korean() {
            matches!(
                self.words.last().map(|w| w.mood),
                Some(Mood::Bare | Mood::Imperative)
            )
        } else {
            let Some(first) = self.words.first() else {
                return false;
            };
            let content: Vec<&Word> = self
                .words
                .iter()
                .filter(|w| !among(&w.raw, &en::STOP))
                .collect();
            // A noun first ("Shipment in progress") is no command, nor is a sentence with a
            // copula ("Seats are decreasing").
            if self
                .words
                .iter()
                .any(|w| matches!(w.raw.as_str(), "is" | "are"))
            {
                return false;
            }
            let noun = [
                "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship",
            ]
            .iter()
            .any(|s| first.raw.len() >= s.len() + 3 && first.raw.ends_with(s));
            content.len() >= 2 && !noun && !first.hangul && first.raw == content[0].raw
        }
    }

    /// The past-tense form of this text as an event, when one follows from its grammar:
    /// "주문" → "주문됨", "주문하기" → "주문됨", "Place order" → "Order placed". The words
    /// keep their case as written.
    pub fn suggest_event(&self) -> Option<String> {
        suggest::event(self)
    }

    /// The Korean words joined without spaces (how Korean compounds compare).
    /// (Borrowed when the text has one Korean word or none.)
    pub fn korean_compact(&self) -> Cow<'_, str> {
        let mut hangul = self.words.iter().filter(|w| w.hangul);
        match (hangul.next(), hangul.next()) {
            (None, _) => Cow::Borrowed(""),
            (Some(w), None) => Cow::Borrowed(&w.raw),
            _ => Cow::Owned(
                self.words
                    .iter()
                    .filter(|w| w.hangul)
                    .map(|w| w.raw.as_str())
                    .collect(),
            ),
        }
    }

    /// Entries of `vocab` that occur in the text.
    pub fn hits(&self, vocab: Vocab) -> Vec<&'static str> {
        let mut out = vocab::korean_hits(vocab, &self.korean_compact());
        // English entries in vocabulary order, looked up by each word's stem.
        let mut found: Vec<usize> = self
            .words
            .iter()
            .filter(|w| !w.hangul)
            .flat_map(|w| vocab.english_by_stem(&w.stem))
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        out.extend(found.into_iter().map(|i| vocab.english()[i]));
        out
    }

    /// Whether `term` (a stem) occurs in the text: Korean terms of two syllables or more as a
    /// part of a compound, either way round; other terms as a whole word stem.
    pub fn mentions(&self, term: &str) -> bool {
        self.mentions_as(term, term.chars().count() >= 2 && is_hangul_word(term))
    }

    /// [`Phrase::mentions`] with what the caller knows of the term: whether it is a Korean
    /// term of two syllables or more (matched inside compounds).
    pub fn mentions_as(&self, term: &str, compound: bool) -> bool {
        if compound {
            let k = &self.compact;
            return holds(k, term) || (self.compact_chars >= 2 && holds(term, k));
        }
        self.words.iter().any(|w| w.stem == term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spacing_particles_and_inflection() {
        assert_eq!(
            Phrase::new("주문이 취소됨").key,
            Phrase::new("주문취소됨").key
        );
        assert_eq!(
            Phrase::new("Order  Placed!").key,
            Phrase::new("order placed").key
        );
        assert_eq!(
            Phrase::new("Orders placed").key,
            Phrase::new("order placed").key
        );
        assert_eq!(
            Phrase::new("The order was cancelled").key,
            Phrase::new("Order canceled").key
        );
    }

    #[test]
    fn tense_and_mood() {
        for t in [
            "주문됨",
            "결제승인됨",
            "결제했음",
            "Order placed",
            "Payment was approved",
            "Order paid",
        ] {
            assert!(Phrase::new(t).is_past(), "{t}");
        }
        for t in [
            "주문",
            "주문취소",
            "주문하기",
            "Place order",
            "Cancel the order",
        ] {
            assert!(!Phrase::new(t).is_past(), "{t}");
            assert!(Phrase::new(t).is_imperative(), "{t}");
        }
        assert!(!Phrase::new("주문한다").is_imperative());
        assert!(!Phrase::new("Payment").is_imperative());
    }

    #[test]
    fn suggestions() {
        let s = |t: &str| Phrase::new(t).suggest_event();
        assert_eq!(s("주문").as_deref(), Some("주문됨"));
        assert_eq!(s("주문하기").as_deref(), Some("주문됨"));
        assert_eq!(s("결제 요청").as_deref(), Some("결제 요청됨"));
        assert_eq!(s("Place order").as_deref(), Some("Order placed"));
        assert_eq!(
            s("Cancel the delivery").as_deref(),
            Some("Delivery canceled")
        );
        assert_eq!(s("Order placed"), None);
        assert_eq!(s("Payment"), None);
    }

    #[test]
    fn mentions_compounds_and_stems() {
        let p = Phrase::new("주문취소됨");
        assert!(p.mentions("주문") && p.mentions("취소") && !p.mentions("배달"));
        assert!(Phrase::new("상점주인").mentions("입점상점주인"));
        let e = Phrase::new("Order cancelled");
        assert!(e.mentions(&en::stem("canceled")) && !e.mentions("place"));
    }

    #[test]
    fn vocabulary_hits() {
        assert_eq!(Phrase::new("메뉴카테고리선택됨").hits(Vocab::Ui), ["선택"]);
        assert_eq!(Phrase::new("메뉴검색됨").hits(Vocab::NoState), ["검색"]);
        let tech = |t: &str| vocab::technical_hits(&Phrase::new(t));
        assert_eq!(tech("Orders table updated"), ["table"]);
        assert_eq!(
            tech("MyBatis 로 주문 테이블 Update 함"),
            ["테이블", "mybatis", "Update"]
        );
        assert!(tech("Table reserved for two").is_empty());
        assert!(tech("Address updated").is_empty());
        assert_eq!(
            vocab::verb_hits(&Phrase::new("회원정보를 열람함"), Vocab::NoState),
            ["열람"]
        );
        assert!(vocab::verb_hits(&Phrase::new("검색어 저장됨"), Vocab::NoState).is_empty());
        assert_eq!(
            Phrase::new("Button clicked").hits(Vocab::Ui),
            ["click", "button"]
        );
        assert!(Phrase::new("Order placed")
            .hits(Vocab::Technical)
            .is_empty());
    }
}
