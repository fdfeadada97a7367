//! Korean morphology for sticky and requirement text: particles (조사) and verb endings (어미)
//! are stripped to reach the stem, and the ending tells tense and mood. Rules come from the
//! grammar (ending forms, the ㅆ batchim of the past tense), never from a list of domain words.

use std::sync::OnceLock;

use foldhash::{HashMap, HashMapExt};

/// What the ending of a word says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mood {
    /// No verbal ending: a bare noun ("주문", "주문취소").
    Bare,
    /// Past or completed: "주문됨", "결제했음", "결제완료", and the nominal forms of a
    /// record ("재고 부족이 발생함", "결제실패", "늘어남").
    Past,
    /// Present or declarative: "주문한다", "취소된다", "배달중".
    Present,
    /// Imperative or to-do form: "주문하기", "주문하세요".
    Imperative,
    /// Conditional: "주문되면", "취소하면".
    Conditional,
}

/// Particles, longest first. One-syllable particles are only stripped from words of three or
/// more syllables so that short nouns ending in the same syllable stay intact.
const PARTICLES: [&str; 32] = [
    "에게서",
    "으로서",
    "으로써",
    "에서는",
    "에서도",
    "에게",
    "한테",
    "께서",
    "에서",
    "으로",
    "까지",
    "부터",
    "처럼",
    "보다",
    "이나",
    "이랑",
    "마다",
    "에는",
    "와는",
    "과는",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
];

/// Verbal endings with the mood they mark, longest first.
const ENDINGS: [(&str, Mood); 57] = [
    ("되었습니다", Mood::Past),
    ("해주세요", Mood::Imperative),
    ("됐습니다", Mood::Past),
    ("했습니다", Mood::Past),
    ("되었음", Mood::Past),
    ("되었다", Mood::Past),
    ("하였음", Mood::Past),
    ("하였다", Mood::Past),
    ("되어서", Mood::Present),
    ("완료됨", Mood::Past),
    ("되자마자", Mood::Conditional),
    ("하자마자", Mood::Conditional),
    ("자마자", Mood::Conditional),
    ("합니다", Mood::Present),
    ("됩니다", Mood::Present),
    ("하세요", Mood::Imperative),
    ("됐음", Mood::Past),
    ("됐다", Mood::Past),
    ("했음", Mood::Past),
    ("했다", Mood::Past),
    ("했던", Mood::Past),
    ("완료", Mood::Past),
    ("되면", Mood::Conditional),
    ("하면", Mood::Conditional),
    ("된다", Mood::Present),
    ("되다", Mood::Present),
    ("한다", Mood::Present),
    ("하다", Mood::Present),
    ("되는", Mood::Present),
    ("하는", Mood::Present),
    ("되어", Mood::Present),
    ("하여", Mood::Present),
    ("해서", Mood::Present),
    ("되고", Mood::Present),
    ("하고", Mood::Present),
    ("되지", Mood::Present),
    ("하지", Mood::Present),
    ("하기", Mood::Imperative),
    ("하라", Mood::Imperative),
    ("해라", Mood::Imperative),
    ("하자", Mood::Imperative),
    ("시킴", Mood::Past),
    ("됨", Mood::Past),
    ("될", Mood::Present),
    ("된", Mood::Past),
    ("할", Mood::Present),
    ("함", Mood::Past),
    ("한", Mood::Past),
    ("남", Mood::Past),
    ("짐", Mood::Past),
    ("김", Mood::Past),
    ("뀜", Mood::Past),
    ("중", Mood::Present),
    ("해", Mood::Imperative),
    ("돼", Mood::Present),
    ("면", Mood::Conditional),
    ("며", Mood::Present),
];

/// Whether `c` is a precomposed Hangul syllable.
pub fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn syllables(s: &str) -> usize {
    s.chars().count()
}

/// `word` without `suffix`, when it ends so (the last bytes are compared first: most endings
/// are ruled out without a string comparison).
fn cut<'a>(word: &'a str, suffix: &str) -> Option<&'a str> {
    if word.as_bytes().last() != suffix.as_bytes().last() {
        return None;
    }
    word.strip_suffix(suffix)
}

/// Suffixes grouped by their last character, each group in list order: a word is compared
/// only with the suffixes that end as it does (every word of every sticky is split).
struct ByLast<T: 'static>(HashMap<char, Vec<(&'static str, T)>>);

impl<T: Copy> ByLast<T> {
    fn new(list: impl IntoIterator<Item = (&'static str, T)>) -> ByLast<T> {
        let mut m: HashMap<char, Vec<(&'static str, T)>> = HashMap::new();
        for (s, t) in list {
            if let Some(c) = s.chars().next_back() {
                m.entry(c).or_default().push((s, t));
            }
        }
        ByLast(m)
    }

    /// The suffixes `word` may end with, in list order.
    fn of(&self, word: &str) -> &[(&'static str, T)] {
        word.chars()
            .next_back()
            .and_then(|c| self.0.get(&c))
            .map_or(&[], Vec::as_slice)
    }
}

fn particles() -> &'static ByLast<()> {
    static P: OnceLock<ByLast<()>> = OnceLock::new();
    P.get_or_init(|| ByLast::new(PARTICLES.map(|p| (p, ()))))
}

fn endings() -> &'static ByLast<Mood> {
    static E: OnceLock<ByLast<Mood>> = OnceLock::new();
    E.get_or_init(|| ByLast::new(ENDINGS))
}

/// Removes a trailing particle.
pub fn strip_particle(word: &str) -> &str {
    for &(p, ()) in particles().of(word) {
        if let Some(rest) = word.strip_suffix(p) {
            let min = if syllables(p) == 1 { 2 } else { 1 };
            if syllables(rest) >= min {
                return rest;
            }
        }
    }
    word
}

/// Sino-Korean nouns of something that happens by itself: a bare compound ending in one
/// records a fact ("결제실패", "재고부족발생"), and its event form takes 함, not 됨.
pub const HAPPENINGS: [&str; 10] = [
    "발생", "완료", "도착", "만료", "초과", "지연", "실패", "성공", "종료", "마감",
];

/// Jongseong (final consonant) index of a syllable: 4 ㄴ, 8 ㄹ, 16 ㅁ, 20 ㅆ.
fn batchim(c: char) -> u32 {
    if is_syllable(c) {
        (c as u32 - 0xAC00) % 28
    } else {
        0
    }
}

/// First syllables of the endings that can stand apart from their verb.
const DETACHED: [char; 15] = [
    '하', '되', '됨', '함', '했', '됐', '돼', '해', '한', '된', '할', '될', '합', '됩', '중',
];

/// The mood of a word that is only an ending, written apart from its verb ("결제 함",
/// "주문 완료", "취소 됨", "배송 중").
pub fn bare_ending(word: &str) -> Option<Mood> {
    if matches!(word, "완료" | "발생") {
        return Some(Mood::Past);
    }
    let first = word.chars().next()?;
    ENDINGS
        .iter()
        .find(|(e, _)| *e == word && DETACHED.contains(&first))
        .map(|(_, m)| *m)
}

/// Splits a word (particles already removed) into its stem and the mood of its ending.
pub fn split_ending(word: &str) -> (&str, Mood) {
    let n = word.chars().count();
    let mut back = word.chars().rev();
    let (last, before, third) = (back.next(), back.next(), back.next());
    // Past tense by grammar: a syllable with ㅆ batchim followed by 음 / 다 / 던 / 을 / 죠
    // ("결제했음", "취소되었음", "받았음"); the 하 / 되 before 었 / 였 goes with the ending.
    if let (Some(last), Some(before)) = (last, before) {
        if matches!(last, '음' | '다' | '던' | '죠' | '을') && batchim(before) == 20 {
            let cut = |k: usize| word.char_indices().nth(k).map_or(word.len(), |(i, _)| i);
            let mut end = n - 2;
            if end >= 1 && matches!(before, '었' | '였') && matches!(third, Some('되' | '하')) {
                end -= 1;
            }
            if end >= 1 {
                return (&word[..cut(end)], Mood::Past);
            }
        }
    }
    for &(e, mood) in endings().of(word) {
        if let Some(rest) = word.strip_suffix(e) {
            // The nominal forms of native verbs keep a one-syllable stem: "바뀜", "생김".
            let nominal = matches!(e, "김" | "뀜" | "짐");
            if !rest.is_empty() && (syllables(e) > 1 || syllables(rest) >= 2 || nominal) {
                return (rest, mood);
            }
        }
    }
    // A bare compound ending in a happening records a fact: "결제실패", "재고부족발생".
    if HAPPENINGS.iter().any(|h| cut(word, h).is_some()) {
        let stem = HAPPENINGS
            .iter()
            .find_map(|h| cut(word, h).filter(|r| !r.is_empty()));
        return (stem.unwrap_or(word), Mood::Past);
    }
    // The plain present of a native verb: ㄴ batchim before 다 ("보낸다", "늘어난다").
    if last == Some('다') && before.is_some_and(|b| batchim(b) == 4) {
        return (word, Mood::Present);
    }
    (word, Mood::Bare)
}

/// Stem of one word: particle, then ending, removed.
pub fn stem(word: &str) -> &str {
    let w = strip_particle(word);
    let (s, mood) = split_ending(w);
    if mood == Mood::Bare {
        // A particle may have sat after an ending-less noun only.
        s
    } else {
        strip_particle(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_go_but_short_nouns_stay() {
        assert_eq!(strip_particle("고객이"), "고객");
        assert_eq!(strip_particle("주문을"), "주문");
        assert_eq!(strip_particle("카톡으로"), "카톡");
        assert_eq!(strip_particle("입점상점주인에게"), "입점상점주인");
        assert_eq!(strip_particle("평가"), "평가");
        assert_eq!(strip_particle("회의"), "회의");
    }

    #[test]
    fn endings_give_stem_and_mood() {
        assert_eq!(split_ending("주문됨"), ("주문", Mood::Past));
        assert_eq!(split_ending("결제승인됨"), ("결제승인", Mood::Past));
        assert_eq!(split_ending("결제했음"), ("결제", Mood::Past));
        assert_eq!(split_ending("받았음"), ("받", Mood::Past));
        assert_eq!(split_ending("결제완료"), ("결제", Mood::Past));
        assert_eq!(split_ending("주문"), ("주문", Mood::Bare));
        assert_eq!(split_ending("주문취소"), ("주문취소", Mood::Bare));
        assert_eq!(split_ending("주문한다"), ("주문", Mood::Present));
        assert_eq!(split_ending("주문하기"), ("주문", Mood::Imperative));
        assert_eq!(split_ending("취소되면"), ("취소", Mood::Conditional));
        assert_eq!(split_ending("배달중"), ("배달", Mood::Present));
        assert_eq!(stem("출발한다"), "출발");
        assert_eq!(stem("요리해서"), "요리");
        assert_eq!(stem("주문이"), "주문");
    }
}
