//! English morphology for sticky and requirement text: a light stemmer (cancel / cancelled /
//! canceled / cancels → one stem; place / placed / places → one stem), past-tense detection and
//! past-participle formation for suggestions. Irregular verbs are the language's, not a case's.

use std::borrow::Cow;
use std::sync::OnceLock;

use foldhash::{HashMap, HashMapExt};

/// Irregular verbs: (base, past participle / past).
const IRREGULAR: [(&str, &str); 56] = [
    ("pay", "paid"),
    ("send", "sent"),
    ("make", "made"),
    ("buy", "bought"),
    ("sell", "sold"),
    ("build", "built"),
    ("hold", "held"),
    ("take", "taken"),
    ("give", "given"),
    ("do", "done"),
    ("choose", "chosen"),
    ("write", "written"),
    ("begin", "begun"),
    ("know", "known"),
    ("show", "shown"),
    ("see", "seen"),
    ("get", "got"),
    ("find", "found"),
    ("lose", "lost"),
    ("leave", "left"),
    ("keep", "kept"),
    ("win", "won"),
    ("spend", "spent"),
    ("bring", "brought"),
    ("catch", "caught"),
    ("teach", "taught"),
    ("think", "thought"),
    ("tell", "told"),
    ("lend", "lent"),
    ("feed", "fed"),
    ("meet", "met"),
    ("ride", "ridden"),
    ("drive", "driven"),
    ("eat", "eaten"),
    ("break", "broken"),
    ("freeze", "frozen"),
    ("forget", "forgotten"),
    ("steal", "stolen"),
    ("set", "set"),
    ("put", "put"),
    ("cut", "cut"),
    ("shut", "shut"),
    ("quit", "quit"),
    ("go", "gone"),
    ("withdraw", "withdrawn"),
    ("draw", "drawn"),
    ("grow", "grown"),
    ("throw", "thrown"),
    ("fall", "fallen"),
    ("hide", "hidden"),
    ("lead", "led"),
    ("stand", "stood"),
    ("undo", "undone"),
    ("speak", "spoken"),
    ("wake", "woken"),
    ("arise", "arisen"),
];

/// Words ending in "ed" that are not past participles.
const NOT_PAST: [&str; 9] = [
    "need", "feed", "seed", "speed", "bed", "red", "shed", "breed", "embed",
];

/// Auxiliaries that mark a passive or perfect: "was placed", "has been paid".
const AUX_PAST: [&str; 4] = ["was", "were", "been", "had"];

/// Auxiliaries and modals that open a verb group: "is increased", "has been refunded", "can
/// cancel", "is being processed".
pub const AUX: [&str; 31] = [
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "get", "gets",
    "got", "getting", "will", "shall", "can", "could", "must", "should", "would", "may", "might",
    "do", "does", "did", "become", "becomes", "became", "gotten",
];

/// Words that negate a verb group ("isn't" is split into "isn" and "t").
pub const NEGATIONS: [&str; 14] = [
    "not", "never", "cannot", "isn", "aren", "wasn", "weren", "doesn", "don", "didn", "hasn",
    "haven", "shouldn", "couldn",
];

/// Words that open a noun phrase.
pub const DETERMINERS: [&str; 13] = [
    "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that", "every",
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Each irregular past participle, with the first base it comes from when that base is
/// another word ("paid" → "pay"; "set" → none), computed once.
fn participles() -> &'static HashMap<&'static str, Option<&'static str>> {
    static P: OnceLock<HashMap<&'static str, Option<&'static str>>> = OnceLock::new();
    P.get_or_init(|| {
        let mut m: HashMap<&'static str, Option<&'static str>> = HashMap::new();
        for (b, p) in IRREGULAR {
            let base = m.entry(p).or_insert(None);
            if b != p && base.is_none() {
                *base = Some(b);
            }
        }
        m
    })
}

/// Whether a lower-case word is a past tense or past participle.
pub fn is_past(word: &str) -> bool {
    if super::among(word, &AUX_PAST) || participles().contains_key(word) {
        return true;
    }
    word.len() > 3 && word.ends_with("ed") && !super::among(word, &NOT_PAST)
}

fn undouble(w: &str) -> &str {
    let b = w.as_bytes();
    let n = b.len();
    // An ASCII letter doubled: any other byte may be inside a multi-byte character.
    if n >= 4
        && b[n - 1] == b[n - 2]
        && b[n - 1].is_ascii_alphabetic()
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b's' | b'z')
    {
        &w[..n - 1]
    } else {
        w
    }
}

/// Stem of a lower-case word; inflections of one verb or noun share a stem.
pub fn stem(word: &str) -> String {
    if let Some(&Some(base)) = participles().get(word) {
        return stem(base);
    }
    let w: Cow<str> = if let Some(r) = word
        .strip_suffix("ies")
        .or_else(|| word.strip_suffix("ied"))
    {
        Cow::Owned(format!("{r}y"))
    } else if let Some(r) = word
        .strip_suffix("ing")
        .filter(|r| r.len() > 2)
        .or_else(|| {
            word.strip_suffix("ed")
                .filter(|r| r.len() > 1 && !super::among(word, &NOT_PAST))
        })
    {
        Cow::Borrowed(r)
    } else if word.len() > 3
        && word.ends_with("es")
        && ["ss", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| word[..word.len() - 2].ends_with(e))
    {
        Cow::Borrowed(&word[..word.len() - 2])
    } else if word.len() > 3
        && word.ends_with('s')
        && !["ss", "us", "is"].iter().any(|e| word.ends_with(e))
    {
        Cow::Borrowed(&word[..word.len() - 1])
    } else {
        Cow::Borrowed(word)
    };
    let w = derived(&w);
    let w = match w.strip_suffix('e') {
        Some(r) if r.len() >= 3 => r,
        _ => &w,
    };
    undouble(w).to_string()
}

/// A noun derived from a verb back to the verb's root: notification → notify, reservation →
/// reserv(e), payment → pay, approval → approv(e), departure → depart, completion → complet(e).
fn derived(w: &str) -> Cow<'_, str> {
    if w.len() < 7 {
        return Cow::Borrowed(w);
    }
    if let Some(r) = w.strip_suffix("ification") {
        return Cow::Owned(format!("{r}ify"));
    }
    let rules: [(&str, &str, usize); 7] = [
        ("ation", "", 4),
        ("tion", "t", 4),
        ("ment", "", 3),
        ("val", "v", 4),
        ("wal", "w", 4),
        ("sal", "s", 4),
        ("ure", "", 4),
    ];
    for (suffix, keep, min) in rules {
        if let Some(r) = w.strip_suffix(suffix) {
            if r.len() >= min {
                return if keep.is_empty() {
                    Cow::Borrowed(r)
                } else {
                    Cow::Owned(format!("{r}{keep}"))
                };
            }
        }
    }
    Cow::Borrowed(w)
}

/// Past participle of a base-form (or -ing) verb, for suggestions: place → placed,
/// cancel → canceled, ship → shipped, pay → paid, cooking → cooked.
pub fn past_of(verb: &str) -> String {
    let verb = match verb.strip_suffix("ing") {
        Some(r) if r.len() >= 3 => undouble(r),
        _ => verb,
    };
    if let Some((_, p)) = IRREGULAR.iter().find(|(b, _)| *b == verb) {
        return p.to_string();
    }
    let b = verb.as_bytes();
    let n = b.len();
    if verb.ends_with('e') {
        return format!("{verb}d");
    }
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        return format!("{}ied", &verb[..n - 1]);
    }
    let vowel_groups = b
        .iter()
        .zip(b.iter().skip(1).chain(std::iter::once(&b'_')))
        .filter(|(c, next)| is_vowel(**c) && !is_vowel(**next))
        .count();
    let cvc = n >= 3
        && !is_vowel(b[n - 3])
        && is_vowel(b[n - 2])
        && b[n - 1].is_ascii_alphabetic()
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y');
    if vowel_groups == 1 && cvc {
        return format!("{verb}{}ed", b[n - 1] as char);
    }
    format!("{verb}ed")
}

/// Adjectives of a state reached: "Loan overdue", "Room available" state a fact like a past
/// participle does.
pub const STATES: [&str; 10] = [
    "overdue",
    "due",
    "late",
    "full",
    "empty",
    "ready",
    "available",
    "unavailable",
    "complete",
    "invalid",
];

/// Function words that carry no term of the domain.
pub const STOP: [&str; 52] = [
    "a", "an", "the", "of", "to", "for", "is", "are", "was", "were", "be", "been", "being", "can",
    "could", "should", "must", "will", "would", "may", "it", "its", "their", "his", "her", "and",
    "or", "in", "on", "at", "by", "with", "from", "into", "as", "that", "this", "every", "each",
    "any", "all", "some", "when", "whenever", "once", "if", "then", "after", "time", "has", "have",
    "so",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ending_in_multi_byte_characters_have_a_stem() {
        // "ↆ" is three bytes, the last two equal: not a doubled consonant (found by fuzzing).
        for w in ["arↆ", "arↆed", "arↆing", "abcↆↆ", "주문됨ss", "café"] {
            assert!(!stem(w).is_empty(), "{w}");
        }
    }

    #[test]
    fn inflections_share_a_stem() {
        for group in [
            &["cancel", "cancelled", "canceled", "cancels", "cancelling"][..],
            &["place", "placed", "places", "placing"],
            &["order", "orders", "ordered"],
            &["pay", "paid", "pays"],
            &["delivery", "deliveries"],
            &["ship", "shipped", "ships"],
        ] {
            let s = stem(group[0]);
            for w in group {
                assert_eq!(stem(w), s, "{w}");
            }
        }
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("address"), "address");
    }

    #[test]
    fn past_tense_is_detected_and_formed() {
        for w in ["placed", "paid", "cancelled", "sent", "was", "shipped"] {
            assert!(is_past(w), "{w}");
        }
        for w in ["place", "order", "need", "pay", "speed"] {
            assert!(!is_past(w), "{w}");
        }
        assert_eq!(past_of("place"), "placed");
        assert_eq!(past_of("cancel"), "canceled");
        assert_eq!(past_of("ship"), "shipped");
        assert_eq!(past_of("pay"), "paid");
        assert_eq!(past_of("apply"), "applied");
        assert_eq!(past_of("cooking"), "cooked");
        assert_eq!(past_of("start"), "started");
    }
}
