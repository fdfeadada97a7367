//! Minimal text edits: turn "the text was A, now it is B" into one splice, so that concurrent
//! typing by two users in the same sticky merges character by character instead of one user
//! overwriting the other.

/// One replacement of `delete` units at `index` by `insert`. Indices count UTF-16 code units,
/// the unit Yjs uses in JavaScript and that board documents are created with, so a sticky edited
/// in Rust and in JavaScript agrees on positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    /// Position of the first changed character.
    pub index: u32,
    /// How many characters of the old text are removed.
    pub delete: u32,
    /// What is inserted in their place.
    pub insert: String,
}

/// The smallest single splice that turns `old` into `new` (common prefix and suffix kept).
/// Returns `None` when the texts are equal.
pub fn diff(old: &str, new: &str) -> Option<Splice> {
    if old == new {
        return None;
    }
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let utf16 = |cs: &[char]| cs.iter().map(|c| c.len_utf16() as u32).sum::<u32>();
    Some(Splice {
        index: utf16(&a[..prefix]),
        delete: utf16(&a[prefix..a.len() - suffix]),
        insert: b[prefix..b.len() - suffix].iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, s: &Splice) -> String {
        let mut u: Vec<u16> = old.encode_utf16().collect();
        let idx = s.index as usize;
        u.splice(idx..idx + s.delete as usize, s.insert.encode_utf16());
        String::from_utf16(&u).unwrap()
    }

    #[test]
    fn equal_texts_need_no_edit() {
        assert_eq!(diff("주문됨", "주문됨"), None);
    }

    #[test]
    fn korean_composition_steps_become_small_splices() {
        let s = diff("주문", "주문됨").unwrap();
        assert_eq!(
            s,
            Splice {
                index: 2,
                delete: 0,
                insert: "됨".into()
            }
        );
        let s = diff("주문되", "주문됨").unwrap();
        assert_eq!(
            s,
            Splice {
                index: 2,
                delete: 1,
                insert: "됨".into()
            }
        );
    }

    #[test]
    fn middle_edits_keep_prefix_and_suffix() {
        for (a, b) in [
            ("Order placed", "Order was placed"),
            ("abc", ""),
            ("", "xyz"),
            ("aaa", "aa"),
            ("결제승인됨", "결제 승인됨"),
            ("🍕 ordered", "🍕🍔 ordered"),
        ] {
            let s = diff(a, b).unwrap();
            assert_eq!(apply(a, &s), b, "{a} -> {b}");
        }
    }
}
