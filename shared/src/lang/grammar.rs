//! Words that depend on the words around them, so messages about a board read right whatever
//! its names: Korean particles chosen by the batchim (final consonant) of the word they
//! follow (주문을 but 메뉴를, 상점이 but 결제가), English plurals ("1 aggregate",
//! "2 aggregates") and the English article ("a Command", "an Actor").

/// A Korean particle that has two forms, after a batchim and after a vowel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Particle {
    /// Object marker 을/를.
    Object,
    /// Subject marker 이/가.
    Subject,
    /// Topic marker 은/는.
    Topic,
    /// "And, with" 과/와.
    And,
    /// Direction or means 으로/로 (로 after ㄹ too).
    Toward,
}

impl Particle {
    /// The form after a batchim, the form after a vowel.
    fn forms(self) -> (&'static str, &'static str) {
        match self {
            Particle::Object => ("을", "를"),
            Particle::Subject => ("이", "가"),
            Particle::Topic => ("은", "는"),
            Particle::And => ("과", "와"),
            Particle::Toward => ("으로", "로"),
        }
    }

    /// Both forms, for a word whose sound is unknown: 을(를).
    fn both(self) -> &'static str {
        match self {
            Particle::Object => "을(를)",
            Particle::Subject => "이(가)",
            Particle::Topic => "은(는)",
            Particle::And => "과(와)",
            Particle::Toward => "(으)로",
        }
    }
}

/// How a word ends when read aloud in Korean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// A vowel: no batchim.
    Vowel,
    /// The batchim ㄹ (which takes 로, like a vowel).
    Rieul,
    /// Any other batchim.
    Consonant,
}

/// How a digit is read in Sino-Korean (영, 일, 이, 삼, 사, 오, 육, 칠, 팔, 구).
fn digit_ending(d: char) -> Ending {
    match d {
        '1' | '7' | '8' => Ending::Rieul,
        '0' | '3' | '6' => Ending::Consonant,
        _ => Ending::Vowel,
    }
}

/// How an English letter's name ends in Korean (에이, 비, 씨 … 엘, 엠, 엔, 알).
fn letter_name_ending(c: char) -> Ending {
    match c.to_ascii_uppercase() {
        'L' | 'R' => Ending::Rieul,
        'M' | 'N' => Ending::Consonant,
        _ => Ending::Vowel,
    }
}

/// How an English word ends as Koreans say it: -l as ㄹ, -m, -n and -ng as a batchim,
/// anything else as a vowel (order → 오더, payment → 페이먼트). Acronyms are read letter by
/// letter (ACL → 에이씨엘).
fn english_ending(word: &str) -> Ending {
    let acronym = word.chars().count() > 1 && word.chars().all(|c| c.is_ascii_uppercase());
    let last = word.chars().last().unwrap_or('a');
    if acronym {
        return letter_name_ending(last);
    }
    match last.to_ascii_lowercase() {
        'l' => Ending::Rieul,
        'm' | 'n' => Ending::Consonant,
        'g' if word.to_ascii_lowercase().ends_with("ng") => Ending::Consonant,
        _ => Ending::Vowel,
    }
}

/// How `word` ends when read aloud, judged by its last letter or digit (quotes, brackets and
/// punctuation after it are skipped); `None` when it has none or it cannot be told.
pub fn ending(word: &str) -> Option<Ending> {
    let tail = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let last = tail.chars().last()?;
    match last {
        '가'..='힣' => Some(match (u32::from(last) - 0xAC00) % 28 {
            0 => Ending::Vowel,
            8 => Ending::Rieul,
            _ => Ending::Consonant,
        }),
        '0'..='9' => Some(digit_ending(last)),
        c if c.is_ascii_alphabetic() => {
            let start = tail
                .rfind(|c: char| !c.is_ascii_alphabetic())
                .map_or(0, |i| {
                    i + tail[i..].chars().next().map_or(1, char::len_utf8)
                });
            Some(english_ending(&tail[start..]))
        }
        _ => None,
    }
}

/// The form of `particle` that follows `word`: 을 after 주문, 를 after 메뉴, 로 after 서울;
/// both forms (을(를)) when the word's sound cannot be told.
pub fn particle(word: &str, particle: Particle) -> &'static str {
    let (after_consonant, after_vowel) = particle.forms();
    match ending(word) {
        Some(Ending::Consonant) => after_consonant,
        Some(Ending::Rieul) if particle != Particle::Toward => after_consonant,
        Some(Ending::Rieul | Ending::Vowel) => after_vowel,
        None => particle.both(),
    }
}

/// `word` followed by the right form of `p`: 주문을, 메뉴를.
pub fn with_particle(word: &str, p: Particle) -> String {
    format!("{word}{}", particle(word, p))
}

/// Every particle written with both forms (`을(를)`, `이(가)`, `은(는)`, `과(와)`, `(으)로`)
/// in `text` settled on the form the word before it takes: `'주문'을(를)` → `'주문'을`.
/// Messages are written with both forms wherever a name goes before a particle; a name whose
/// sound cannot be told keeps both.
pub fn settle_particles(text: &str) -> String {
    const ALL: [Particle; 5] = [
        Particle::Object,
        Particle::Subject,
        Particle::Topic,
        Particle::And,
        Particle::Toward,
    ];
    // Every form with both holds a '(': look only around those.
    let next = |rest: &str| {
        rest.match_indices('(').find_map(|(i, _)| {
            ALL.iter().find_map(|p| {
                let both = p.both();
                let at = i.checked_sub(both.find('(')?)?;
                rest.get(at..)?.starts_with(both).then_some((at, *p))
            })
        })
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, p)) = next(rest) {
        out.push_str(&rest[..at]);
        out.push_str(particle(&out, p));
        rest = &rest[at + p.both().len()..];
    }
    out.push_str(rest);
    out
}

/// The plural of an English noun (of its last word): sticky → stickies, box → boxes.
pub fn plural(noun: &str) -> String {
    let lower = noun.to_ascii_lowercase();
    let before_y = lower.chars().rev().nth(1);
    if lower.ends_with('y') && before_y.is_some_and(|c| !"aeiou".contains(c)) {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// `n` and the English noun, plural unless `n` is one: "1 aggregate", "2 aggregates".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {}", plural(noun))
    }
}

/// The English indefinite article for `word`: "an" before a vowel sound, else "a".
pub fn article(word: &str) -> &'static str {
    let lower = word.trim_start().to_ascii_lowercase();
    let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']);
    let sounds_like_y = ["uni", "use", "usu", "eu", "one", "ua"]
        .iter()
        .any(|p| lower.starts_with(p));
    if (vowel && !sounds_like_y) || lower.starts_with("hour") {
        "an"
    } else {
        "a"
    }
}

/// `word` after its English indefinite article: "an Actor", "a Command".
pub fn with_article(word: &str) -> String {
    format!("{} {word}", article(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_last_syllables_batchim() {
        assert_eq!(with_particle("주문", Particle::Object), "주문을");
        assert_eq!(with_particle("메뉴", Particle::Object), "메뉴를");
        assert_eq!(with_particle("배달", Particle::Object), "배달을");
        assert_eq!(with_particle("결제", Particle::Subject), "결제가");
        assert_eq!(with_particle("상점", Particle::Subject), "상점이");
        assert_eq!(with_particle("고객", Particle::Topic), "고객은");
        assert_eq!(with_particle("라이더", Particle::Topic), "라이더는");
        assert_eq!(with_particle("주문", Particle::And), "주문과");
        assert_eq!(with_particle("배차", Particle::And), "배차와");
    }

    #[test]
    fn rieul_takes_ro_but_the_consonant_form_of_the_others() {
        assert_eq!(with_particle("서울", Particle::Toward), "서울로");
        assert_eq!(with_particle("주문", Particle::Toward), "주문으로");
        assert_eq!(with_particle("메뉴", Particle::Toward), "메뉴로");
        assert_eq!(with_particle("서울", Particle::Subject), "서울이");
    }

    #[test]
    fn quotes_and_brackets_after_the_word_are_skipped() {
        assert_eq!(particle("'주문'", Particle::Object), "을");
        assert_eq!(particle("‘메뉴’", Particle::Object), "를");
        assert_eq!(particle("결제(PG)", Particle::Subject), "가");
    }

    #[test]
    fn english_words_digits_and_acronyms_are_read_as_koreans_say_them() {
        assert_eq!(particle("Order", Particle::Object), "를");
        assert_eq!(particle("Kitchen", Particle::Object), "을");
        assert_eq!(particle("Email", Particle::Toward), "로");
        assert_eq!(particle("Billing", Particle::Topic), "은");
        assert_eq!(particle("ACL", Particle::Object), "을");
        assert_eq!(particle("API", Particle::Object), "를");
        assert_eq!(particle("FR3", Particle::Subject), "이");
        assert_eq!(particle("FR2", Particle::Subject), "가");
        assert_eq!(particle("결제API", Particle::Subject), "가");
    }

    #[test]
    fn an_unreadable_word_gets_both_forms() {
        assert_eq!(particle("", Particle::Object), "을(를)");
        assert_eq!(particle("🍕", Particle::Subject), "이(가)");
        assert_eq!(particle("…", Particle::Toward), "(으)로");
    }

    #[test]
    fn particles_written_with_both_forms_settle_on_one() {
        assert_eq!(
            settle_particles("'주문'이(가) '메뉴'을(를) 부릅니다"),
            "'주문'이 '메뉴'를 부릅니다"
        );
        assert_eq!(
            settle_particles("'배달'과(와) '결제'과(와) '서울'(으)로"),
            "'배달'과 '결제'와 '서울'로"
        );
        assert_eq!(settle_particles("'🍕'은(는)"), "'🍕'은(는)");
        assert_eq!(settle_particles("no particles"), "no particles");
    }

    #[test]
    fn findings_speak_korean_with_settled_particles() {
        let m = crate::finding::Message::new("커맨드 '주문하기'을(를) 처리하는 애그리거트", "x");
        assert_eq!(m.ko, "커맨드 '주문하기'를 처리하는 애그리거트");
    }

    #[test]
    fn counts_are_singular_for_one_only() {
        assert_eq!(count(1, "aggregate"), "1 aggregate");
        assert_eq!(count(2, "aggregate"), "2 aggregates");
        assert_eq!(count(0, "sticky"), "0 stickies");
        assert_eq!(count(3, "policy"), "3 policies");
        assert_eq!(count(2, "key"), "2 keys");
        assert_eq!(count(2, "box"), "2 boxes");
        assert_eq!(count(2, "bounded context"), "2 bounded contexts");
        assert_eq!(count(1, "link"), "1 link");
    }

    #[test]
    fn the_article_follows_the_sound() {
        assert_eq!(with_article("Actor"), "an Actor");
        assert_eq!(with_article("Aggregate"), "an Aggregate");
        assert_eq!(with_article("External system"), "an External system");
        assert_eq!(with_article("Command"), "a Command");
        assert_eq!(with_article("Domain event"), "a Domain event");
        assert_eq!(with_article("Read model"), "a Read model");
        assert_eq!(with_article("User"), "a User");
        assert_eq!(with_article("Hotspot"), "a Hotspot");
    }
}
