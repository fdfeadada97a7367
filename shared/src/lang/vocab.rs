//! Vocabulary classes the lint and coverage rules look for: technical words, state-free
//! actions (queries, searches, screens shown), UI gestures, look-ups a read model answers, and
//! words of change. General Korean and English, independent of any one business.
//!
//! Korean entries match as substrings (Korean compounds are written without spaces); English
//! entries match word stems.

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

    /// English entries (stem match).
    pub fn english(self) -> &'static [&'static str] {
        match self {
            Vocab::Technical => &[
                "database",
                "db",
                "table",
                "column",
                "row",
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
                "queue",
                "crud",
                "dto",
                "insert",
                "schema",
                "trigger",
                "index",
            ],
            Vocab::NoState => &[
                "view", "search", "query", "look", "display", "show", "browse", "list", "fetch",
                "load", "see", "read", "open",
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
