//! Finding the stickies a requirement's words talk about: terms from the text (particles,
//! endings and inflections removed), a score of how well a sticky's text matches them, the
//! split of "when X then Y" requirements, and the actors named.

use crate::flow::Flow;
use crate::kind::StickyKind;
use crate::lang::{en, Mood, Phrase, Word};

/// Korean words that carry no term: auxiliaries and connectives.
const KO_STOP: [&str; 10] = [
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
];

/// English words that open the condition of a requirement.
const EN_WHEN: [&str; 5] = ["when", "whenever", "once", "if", "after"];

/// The content stems of some words.
pub fn terms(words: &[Word]) -> Vec<String> {
    words
        .iter()
        .filter(|w| {
            if w.hangul {
                !KO_STOP.contains(&w.raw.as_str()) && !w.stem.is_empty()
            } else {
                !en::STOP.contains(&w.raw.as_str())
            }
        })
        .map(|w| w.stem.clone())
        .collect()
}

/// Splits "when X (then) Y" into the words of X and of Y; `None` for a plain requirement.
pub fn split_condition(p: &Phrase) -> Option<(Vec<Word>, Vec<Word>)> {
    let w = &p.words;
    // Korean: a conditional ending ("되면"), or "때 (마다)" / "때마다" / "경우".
    for (i, word) in w.iter().enumerate().filter(|(_, x)| x.hangul) {
        let conditional = word.mood == Mood::Conditional
            || (word.raw.chars().count() >= 2 && word.raw.ends_with('면'));
        let cut = if conditional {
            Some(i + 1)
        } else if matches!(word.raw.as_str(), "때" | "때마다" | "경우") {
            Some(if w.get(i + 1).is_some_and(|n| n.raw == "마다") {
                i + 2
            } else {
                i + 1
            })
        } else {
            None
        };
        if let Some(c) = cut.filter(|&c| c < w.len()) {
            return Some((w[..c].to_vec(), w[c..].to_vec()));
        }
    }
    // English: "When X, Y" / "When X then Y" / "Y when X".
    let at = w.iter().position(|x| EN_WHEN.contains(&x.raw.as_str()))?;
    if at == 0 {
        let then = w.iter().position(|x| x.raw == "then");
        let cut = then.unwrap_or_else(|| {
            // Without "then", X ends where the first past or verb-like word after it ends.
            w.iter()
                .skip(1)
                .position(|x| x.mood == Mood::Past)
                .map_or(w.len() / 2, |p| p + 2)
        });
        let y_start = if then.is_some() { cut + 1 } else { cut };
        (cut > 1 && y_start < w.len()).then(|| (w[1..cut].to_vec(), w[y_start..].to_vec()))
    } else {
        Some((w[at + 1..].to_vec(), w[..at].to_vec()))
    }
}

/// How well a sticky's text matches terms: matched terms (a term that only contains the whole
/// sticky text counts half) plus the share of the text they cover. Zero when nothing matches.
pub fn score(p: &Phrase, terms: &[String]) -> f64 {
    let key = &p.compact;
    let len = key.chars().count().max(1) as f64;
    let (mut hits, mut covered) = (0.0, 0.0);
    for t in terms {
        if !p.mentions(t) {
            continue;
        }
        let tl = t.chars().count() as f64;
        if key.contains(t.as_str()) || p.words.iter().any(|w| w.stem == *t) {
            hits += 1.0;
            covered += tl.min(len);
        } else {
            hits += 0.5;
            covered += len;
        }
    }
    if hits == 0.0 {
        0.0
    } else {
        hits + (covered / len).min(1.0)
    }
}

/// The best-matching sticky among `candidates` (earlier kinds in `kinds` win ties).
pub fn best(
    flow: &Flow,
    candidates: impl Iterator<Item = usize>,
    kinds: &[StickyKind],
    terms: &[String],
) -> Option<usize> {
    let mut best: Option<(f64, usize, usize)> = None;
    for i in candidates {
        let Some(rank) = kinds.iter().position(|&k| k == flow.kind(i)) else {
            continue;
        };
        let s = score(&flow.phrases[i], terms);
        if s <= 0.0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((bs, br, bi)) => s > bs || (s == bs && (rank, i) < (br, bi)),
        };
        if better {
            best = Some((s, rank, i));
        }
    }
    best.map(|(_, _, i)| i)
}

/// Splits terms into those naming an actor on the board and the rest.
pub fn actor_terms(flow: &Flow, terms: Vec<String>) -> (Vec<String>, Vec<String>) {
    terms.into_iter().partition(|t| {
        flow.of_kind(StickyKind::Actor).any(|a| {
            let p = &flow.phrases[a];
            !p.key.is_empty() && p.mentions(t)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Option<(String, String)> {
        let p = Phrase::new(t);
        split_condition(&p).map(|(x, y)| {
            let j = |w: Vec<Word>| {
                w.iter()
                    .map(|w| w.raw.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            (j(x), j(y))
        })
    }

    #[test]
    fn conditions_split_in_both_languages() {
        assert_eq!(
            split("주문이 취소되면 배달이 취소된다"),
            Some(("주문이 취소되면".into(), "배달이 취소된다".into()))
        );
        assert_eq!(
            split("주문상태가 바뀔 때 마다 카톡으로 알림을 보낸다")
                .unwrap()
                .1,
            "카톡으로 알림을 보낸다"
        );
        assert_eq!(split("고객이 결제한다"), None);
        assert_eq!(
            split("When an order is cancelled, the delivery is cancelled")
                .unwrap()
                .1,
            "the delivery is cancelled"
        );
        assert_eq!(
            split("When an order is cancelled then cancel the delivery")
                .unwrap()
                .1,
            "cancel the delivery"
        );
        assert_eq!(
            split("Cancel the delivery when the order is cancelled")
                .unwrap()
                .0,
            "the order is cancelled"
        );
        assert_eq!(split("The customer places an order"), None);
    }
}
