//! The event a text should have been: the past-tense form that follows from its grammar, in
//! the words and casing the user wrote. Korean: the head word's stem with 됨, or 함 for a
//! happening ("재고 부족 발생" → "재고 부족 발생함"); English: object, then past participle,
//! then the rest ("Send the invoice to the customer" → "Invoice sent to the customer").

use super::{en, ko, Phrase};

/// Prepositions that end the object of an English command.
const PREPOSITIONS: [&str; 12] = [
    "to", "for", "from", "by", "with", "in", "on", "at", "into", "via", "after", "before",
];

/// The suggested event, or `None` when the text is already past or nothing follows clearly.
pub(super) fn event(p: &Phrase) -> Option<String> {
    if p.is_past() || p.words.is_empty() {
        return None;
    }
    let s = if p.is_korean() { korean(p) } else { english(p) }?;
    // Whatever the text was, what is suggested reads as past: the lint never flags its own
    // suggestion for the tense again.
    Phrase::new(&s).is_past().then_some(s)
}

fn korean(p: &Phrase) -> Option<String> {
    let head = p.words.iter().rposition(|w| !w.stem.is_empty())?;
    let w = &p.words[head];
    if !w.hangul {
        return None;
    }
    // A native verb in its plain form ("보낸다") has no noun stem to put 됨 after.
    if w.stem.ends_with('다') {
        return None;
    }
    let suffix = if ko::HAPPENINGS.iter().any(|h| w.stem.ends_with(h)) {
        "함"
    } else {
        "됨"
    };
    let mut parts: Vec<String> = p.words[..head].iter().map(|w| w.orig.clone()).collect();
    // Keep the stem as written: the original word cut to the stem's length.
    let stem: String = w.orig.chars().take(w.stem.chars().count()).collect();
    parts.push(format!("{stem}{suffix}"));
    Some(parts.join(" "))
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn english(p: &Phrase) -> Option<String> {
    let w = &p.words;
    // "Order is shipping" → "Order shipped".
    if let Some(i) = w
        .iter()
        .position(|x| matches!(x.raw.as_str(), "is" | "are" | "being"))
    {
        let next = w.get(i + 1).filter(|n| {
            n.raw.ends_with("ing") && !n.hangul && !crate::lang::among(&n.raw, &en::AUX)
        })?;
        let subject: Vec<&str> = w[..i].iter().map(|x| x.orig.as_str()).collect();
        let rest: Vec<&str> = w[i + 2..].iter().map(|x| x.orig.as_str()).collect();
        let mut all = subject;
        let verb = en::past_of(&next.raw);
        all.push(&verb);
        all.extend(rest);
        return (i > 0).then(|| capitalised(&all.join(" ")));
    }
    if !p.is_imperative() || w[0].hangul {
        return None;
    }
    let end = w
        .iter()
        .skip(1)
        .position(|x| PREPOSITIONS.contains(&x.raw.as_str()))
        .map_or(w.len(), |k| k + 1);
    let object: Vec<&str> = w[1..end]
        .iter()
        .filter(|x| !matches!(x.raw.as_str(), "a" | "an" | "the"))
        .map(|x| x.orig.as_str())
        .collect();
    if object.is_empty() {
        return None;
    }
    let verb = en::past_of(&w[0].raw);
    let mut all = object;
    all.push(&verb);
    all.extend(w[end..].iter().map(|x| x.orig.as_str()));
    Some(capitalised(&all.join(" ")))
}
