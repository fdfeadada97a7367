//! A small bilingual lexicon of general business verbs: which English stems and Korean stems
//! say the same thing ("cancel" / "취소"), and which pairs are opposites ("increase" /
//! "decrease", "승인" / "거절"). Coverage uses it so that a Korean requirement finds an English
//! event, and so that an opposite verb never satisfies a requirement. General language only,
//! never the words of one business.

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// One meaning: English words (matched by stem) and Korean stems (matched inside compounds).
pub struct Concept {
    /// English words, base form.
    pub en: &'static [&'static str],
    /// Korean stems, two syllables or more.
    pub ko: &'static [&'static str],
    /// Index of the opposite concept in [`CONCEPTS`], when there is one.
    pub opposite: Option<usize>,
}

const fn c(
    en: &'static [&'static str],
    ko: &'static [&'static str],
    opposite: Option<usize>,
) -> Concept {
    Concept { en, ko, opposite }
}

/// The lexicon. Opposites point at each other.
#[rustfmt::skip]
pub const CONCEPTS: [Concept; 47] = [
    /* 0 */ c(&["increase", "raise", "grow", "top"], &["증가", "늘어", "늘리", "늘린", "인상", "충전"], Some(1)),
    /* 1 */ c(&["decrease", "reduce", "lower", "deduct", "drop"], &["감소", "줄어", "줄이", "줄인", "인하", "차감"], Some(0)),
    /* 2 */ c(&["open", "reopen"], &["열리", "열림", "열었", "연다", "개설", "오픈"], Some(3)),
    /* 3 */ c(&["close", "shut"], &["닫히", "닫힘", "닫았", "닫는", "닫아", "해지", "폐쇄"], Some(2)),
    /* 4 */ c(&["approve", "accept", "grant", "authorize", "authorise"], &["승인", "수락", "허가", "허용"], Some(5)),
    /* 5 */ c(&["reject", "decline", "deny", "refuse"], &["거절", "거부", "반려"], Some(4)),
    /* 6 */ c(&["lock", "block", "freeze", "suspend"], &["잠금", "잠기", "잠그", "잠근", "잠긴", "차단", "동결", "정지"], Some(7)),
    /* 7 */ c(&["unlock", "unblock", "unfreeze", "reactivate"], &["잠금해제", "해제", "재개"], Some(6)),
    /* 8 */ c(&["deposit", "credit"], &["입금"], Some(9)),
    /* 9 */ c(&["withdraw", "debit"], &["출금", "인출"], Some(8)),
    /* 10 */ c(&["borrow", "lend", "loan"], &["대출", "대여"], Some(11)),
    /* 11 */ c(&["return"], &["반납", "반환"], Some(10)),
    /* 12 */ c(&["start", "begin"], &["시작", "개시"], Some(13)),
    /* 13 */ c(&["end", "finish", "stop", "terminate"], &["종료", "끝나", "끝남"], Some(12)),
    /* 14 */ c(&["succeed", "success", "successful"], &["성공"], Some(15)),
    /* 15 */ c(&["fail", "failure", "failed"], &["실패"], Some(14)),
    /* 16 */ c(&["arrive", "arrival"], &["도착"], Some(17)),
    /* 17 */ c(&["depart", "departure"], &["출발"], Some(16)),
    /* 18 */ c(&["add"], &["추가"], Some(19)),
    /* 19 */ c(&["remove", "delete"], &["삭제", "제거"], Some(18)),
    /* 20 */ c(&["board", "embark"], &["탑승", "승차"], Some(21)),
    /* 21 */ c(&["alight", "disembark"], &["하차", "하선"], Some(20)),
    /* 22 */ c(&["cancel", "cancellation"], &["취소"], None),
    /* 23 */ c(&["pay", "payment", "charge"], &["결제", "지불", "청구"], None),
    /* 24 */ c(&["refund"], &["환불"], None),
    /* 25 */ c(&["book", "reserve", "reservation", "booking"], &["예약"], None),
    /* 26 */ c(&["notify", "notification", "alert", "inform", "remind", "reminder"], &["알림", "알리", "알려", "통지", "통보", "안내"], None),
    /* 27 */ c(&["send", "dispatch", "email", "message"], &["발송", "보내", "보냄", "보낸", "전송"], None),
    /* 28 */ c(&["register", "registration", "enrol", "enroll", "signup"], &["등록", "가입"], None),
    /* 29 */ c(&["create", "issue", "generate"], &["생성", "발급", "발행"], None),
    /* 30 */ c(&["ship", "deliver", "delivery", "shipment"], &["배송", "배달", "출고"], None),
    /* 31 */ c(&["confirm", "confirmation"], &["확정"], None),
    /* 32 */ c(&["request"], &["요청", "신청"], None),
    /* 33 */ c(&["assign", "allocate", "dispatch"], &["배정", "배차", "할당"], None),
    /* 34 */ c(&["transfer"], &["이체", "송금"], None),
    /* 35 */ c(&["order"], &["주문"], None),
    /* 36 */ c(&["complete", "completion"], &["완료"], None),
    /* 37 */ c(&["expire", "expiry", "expiration"], &["만료"], None),
    /* 38 */ c(&["checkin"], &["체크인", "입실"], Some(39)),
    /* 39 */ c(&["checkout"], &["체크아웃", "퇴실"], Some(38)),
    /* 40 */ c(&["overdue", "late", "delay"], &["연체", "지연"], None),
    /* 41 */ c(&["scan"], &["스캔"], None),
    /* 42 */ c(&["pick", "collect", "pickup"], &["픽업", "수거", "집하"], None),
    /* 43 */ c(&["rate", "review"], &["평가", "리뷰", "별점"], None),
    /* 44 */ c(&["pass", "forward", "receive", "transmit", "hand"], &["전달", "받음", "받았", "수신"], None),
    /* 45 */ c(&["buy", "purchase"], &["구매", "구입"], None),
    /* 46 */ c(&["submit"], &["제출"], None),
];

/// Concepts by English stem, computed once.
fn en_index() -> &'static HashMap<String, Vec<usize>> {
    static INDEX: OnceLock<HashMap<String, Vec<usize>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in CONCEPTS.iter().enumerate() {
            for e in c.en {
                let v = m.entry(super::en::stem(e)).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        m
    })
}

/// Korean entries by their first syllable, computed once.
fn ko_index() -> &'static HashMap<char, Vec<(&'static str, usize)>> {
    static INDEX: OnceLock<HashMap<char, Vec<(&'static str, usize)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: HashMap<char, Vec<(&'static str, usize)>> = HashMap::new();
        for (i, c) in CONCEPTS.iter().enumerate() {
            for k in c.ko {
                if let Some(f) = k.chars().next() {
                    m.entry(f).or_default().push((k, i));
                }
            }
        }
        m
    })
}

/// Concepts an English stem belongs to.
pub fn of_en_stem(stem: &str) -> impl Iterator<Item = usize> + '_ {
    en_index()
        .get(stem)
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .copied()
}

/// Concepts a Korean text (a stem or compound, spaces removed) contains. A longer entry that
/// contains a shorter one of another concept wins ("잠금해제" is not "잠금").
pub fn of_ko(text: &str) -> Vec<usize> {
    let index = ko_index();
    let mut found: Vec<(usize, &str)> = Vec::new();
    for (at, ch) in text.char_indices() {
        for &(k, i) in index.get(&ch).map(Vec::as_slice).unwrap_or(&[]) {
            if text[at..].starts_with(k) {
                found.push((i, k));
            }
        }
    }
    // The same entry found many times counts once (a long text must not be compared with
    // itself pair by pair).
    found.sort_unstable();
    found.dedup();
    let mut out: Vec<usize> = found
        .iter()
        .filter(|(i, k)| {
            !found
                .iter()
                .any(|(j, l)| j != i && l.len() > k.len() && l.contains(k))
        })
        .map(|(i, _)| *i)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The opposite of a concept.
pub fn opposite(concept: usize) -> Option<usize> {
    CONCEPTS.get(concept).and_then(|c| c.opposite)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opposites_are_symmetric_and_entries_are_stems() {
        for (i, c) in CONCEPTS.iter().enumerate() {
            if let Some(o) = c.opposite {
                assert_eq!(CONCEPTS[o].opposite, Some(i), "{:?}", c.en);
            }
            assert!(c.ko.iter().all(|k| k.chars().count() >= 2), "{:?}", c.ko);
        }
        assert_eq!(of_ko("잠금해제됨"), [7]);
        assert_eq!(of_ko("좌석증가"), [0]);
        assert!(of_en_stem(&crate::lang::en::stem("decreased")).any(|c| c == 1));
    }
}
