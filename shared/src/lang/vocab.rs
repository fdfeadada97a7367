//! Vocabulary classes the lint and coverage rules look for: technical words, state-free
//! actions (queries, searches, screens shown), UI gestures, look-ups a read model answers, and
//! words of change. General Korean and English, independent of any one business.
//!
//! Korean entries match as substrings (Korean compounds are written without spaces); English
//! entries match word stems. [`verb_hits`] looks only at the head verb of a text (what an
//! event says happened, whatever its tense); [`technical_hits`] adds the SQL and HTTP verbs
//! that are technical when written in capitals or inside Korean text ("주문 테이블 Update 함").

use foldhash::{HashMap, HashMapExt, HashSet};

use super::{en, Mood, Phrase, Word};

/// A class of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocab {
    /// Framework, database, table, column, protocol words.
    Technical,
    /// Actions that change no state: queries, look-ups, searches, screens shown.
    NoState,
    /// Gestures on a user interface.
    Ui,
    /// Looking something up (answered by a read model).
    Query,
    /// Something changing (a status change is any event that updates it).
    Change,
}

const ALL: [Vocab; 5] = [
    Vocab::Technical,
    Vocab::NoState,
    Vocab::Ui,
    Vocab::Query,
    Vocab::Change,
];

impl Vocab {
    /// Korean entries (substring match).
    pub fn korean(self) -> &'static [&'static str] {
        match self {
            Vocab::Technical => &[
                "데이터베이스",
                "디비",
                "테이블",
                "컬럼",
                "칼럼",
                "레코드",
                "쿼리",
                "서버",
                "캐시",
                "프레임워크",
                "스프링",
                "엔드포인트",
                "트리거",
                "인덱스",
                "스키마",
                "카프카",
                "레디스",
                "마이바티스",
                "하이버네이트",
                "엔티티",
                "레포지토리",
                "리포지토리",
                "커밋",
                "롤백",
                "인서트",
                "트랜잭션",
                "메시지큐",
                "토픽",
            ],
            Vocab::NoState => &[
                "조회", "검색", "열람", "표시", "출력", "로딩", "노출", "보기",
            ],
            Vocab::Ui => &[
                "클릭",
                "터치",
                "스크롤",
                "선택",
                "버튼",
                "팝업",
                "화면",
                "페이지",
                "드롭다운",
                "체크박스",
                "입력창",
            ],
            Vocab::Query => &["조회", "확인", "검색", "열람", "보기", "본다"],
            Vocab::Change => &["바뀌", "바뀔", "변경", "변하", "변할", "갱신"],
        }
    }

    /// Stems of [`Vocab::english`], computed once.
    pub fn english_stems(self) -> &'static [String] {
        static STEMS: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
        let all = STEMS.get_or_init(|| {
            ALL.iter()
                .map(|v| v.english().iter().map(|e| super::en::stem(e)).collect())
                .collect()
        });
        &all[self as usize]
    }

    /// Positions in [`Vocab::english`] of the entries whose stem is `stem`, ascending.
    pub fn english_by_stem(self, stem: &str) -> &'static [usize] {
        static BY: std::sync::OnceLock<Vec<HashMap<&'static str, Vec<usize>>>> =
            std::sync::OnceLock::new();
        let all = BY.get_or_init(|| {
            ALL.iter()
                .map(|v| {
                    let mut m: HashMap<&'static str, Vec<usize>> = HashMap::new();
                    for (i, s) in v.english_stems().iter().enumerate() {
                        m.entry(s.as_str()).or_default().push(i);
                    }
                    m
                })
                .collect()
        });
        all[self as usize].get(stem).map_or(&[], Vec::as_slice)
    }

    /// English entries (stem match).
    pub fn english(self) -> &'static [&'static str] {
        match self {
            Vocab::Technical => &[
                "database",
                "db",
                "sql",
                "http",
                "https",
                "rest",
                "api",
                "json",
                "xml",
                "framework",
                "spring",
                "hibernate",
                "orm",
                "endpoint",
                "server",
                "cache",
                "redis",
                "kafka",
                "crud",
                "dto",
                "insert",
                "schema",
                "mybatis",
                "jpa",
                "jdbc",
                "rabbitmq",
                "sqs",
                "kinesis",
                "activemq",
                "mq",
                "mysql",
                "postgres",
                "postgresql",
                "mongodb",
                "dao",
                "repository",
                "entity",
                "grpc",
                "graphql",
                "webhook",
                "cron",
                "rollback",
                "upsert",
                "broker",
            ],
            Vocab::NoState => &[
                "view", "search", "query", "look", "display", "show", "browse", "fetch", "see",
                "consult", "preview",
            ],
            Vocab::Ui => &[
                "click", "tap", "press", "scroll", "hover", "select", "button", "dropdown",
                "checkbox", "popup", "modal", "screen", "page", "tab",
            ],
            Vocab::Query => &[
                "view", "check", "see", "look", "query", "track", "consult", "browse",
            ],
            Vocab::Change => &["change", "update", "vary"],
        }
    }
}

/// Korean entries of `vocab` that occur in `text`, in entry order. Entries are found by their
/// first syllable (indexed once), so a text is read once rather than once per entry.
pub fn korean_hits(vocab: Vocab, text: &str) -> Vec<&'static str> {
    type ByFirst = HashMap<char, Vec<usize>>;
    static INDEX: std::sync::OnceLock<Vec<ByFirst>> = std::sync::OnceLock::new();
    let all = INDEX.get_or_init(|| {
        ALL.iter()
            .map(|v| {
                let mut m = ByFirst::new();
                for (i, k) in v.korean().iter().enumerate() {
                    if let Some(c) = k.chars().next() {
                        m.entry(c).or_default().push(i);
                    }
                }
                m
            })
            .collect()
    });
    let (entries, by_first) = (vocab.korean(), &all[vocab as usize]);
    let mut found: Vec<usize> = Vec::new();
    for (at, c) in text.char_indices() {
        for &i in by_first.get(&c).into_iter().flatten() {
            if text[at..].starts_with(entries[i]) {
                found.push(i);
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found.into_iter().map(|i| entries[i]).collect()
}

/// SQL and HTTP verbs: technical when written in capitals ("INSERT") or inside Korean text
/// ("Update 함"), plain English otherwise ("Address updated").
/// Data words that are technical next to a SQL verb, a plural ("orders table"), in capitals or
/// among Korean words, and business words otherwise ("Table reserved").
const DATA_WORDS: [&str; 8] = [
    "table", "column", "row", "trigger", "index", "queue", "commit", "topic",
];

const CODE_VERBS: [&str; 12] = [
    "select", "insert", "update", "delete", "upsert", "merge", "get", "post", "put", "patch",
    "commit", "rollback",
];

/// The word that says what happened or is to be done: Korean, the last word with a stem;
/// English, the first past form (not an auxiliary), else a form in -ing, else the first word
/// of a command.
pub fn head(p: &Phrase) -> Option<&Word> {
    if p.is_korean() {
        return p.words.iter().rev().find(|w| !w.stem.is_empty());
    }
    let verb = |w: &&Word| !w.hangul && !crate::lang::among(&w.raw, &en::AUX);
    p.words
        .iter()
        .filter(verb)
        .find(|w| w.mood == Mood::Past)
        .or_else(|| {
            p.words
                .iter()
                .filter(verb)
                .find(|w| w.raw.len() > 4 && w.raw.ends_with("ing"))
        })
        .or_else(|| p.words.first().filter(|_| p.is_imperative()))
}

/// Entries of `vocab` the head verb of a text names.
pub fn verb_hits(p: &Phrase, vocab: Vocab) -> Vec<&'static str> {
    let Some(w) = head(p) else {
        return Vec::new();
    };
    if w.hangul {
        return vocab
            .korean()
            .iter()
            .filter(|k| w.stem.contains(*k))
            .copied()
            .collect();
    }
    vocab
        .english_by_stem(&w.stem)
        .iter()
        .map(|&i| vocab.english()[i])
        .collect()
}

/// Technical words of a text: [`Vocab::Technical`] anywhere, and SQL / HTTP verbs written in
/// capitals or among Korean words.
pub fn technical_hits(p: &Phrase) -> Vec<String> {
    let mut out: Vec<String> = p
        .hits(Vocab::Technical)
        .iter()
        .map(|s| s.to_string())
        .collect();
    let korean = p.words.iter().any(|w| w.hangul);
    static STEMS: std::sync::OnceLock<(Vec<String>, Vec<String>)> = std::sync::OnceLock::new();
    let (sql_stems, data_stems) = STEMS.get_or_init(|| {
        (
            CODE_VERBS[..4].iter().map(|v| en::stem(v)).collect(),
            DATA_WORDS.iter().map(|d| en::stem(d)).collect(),
        )
    });
    let sql = p
        .words
        .iter()
        .any(|w| !w.hangul && sql_stems.contains(&w.stem));
    let mut seen: HashSet<&str> = out.iter().map(String::as_str).collect();
    let mut more = Vec::new();
    for (i, w) in p.words.iter().enumerate().filter(|(_, w)| !w.hangul) {
        let capitals = w.orig.len() >= 3 && w.orig.chars().all(|c| c.is_ascii_uppercase());
        let plural_before = i > 0 && p.words[i - 1].raw.ends_with('s') && !p.words[i - 1].hangul;
        let code = CODE_VERBS.contains(&w.raw.as_str()) && (korean || capitals);
        let data = data_stems.contains(&w.stem) && (korean || capitals || sql || plural_before);
        if (code || data) && seen.insert(w.orig.as_str()) {
            more.push(w.orig.clone());
        }
    }
    out.extend(more);
    out
}
