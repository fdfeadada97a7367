//! Board ids as they arrive in paths: checked before any lookup or log line, so a hostile id
//! (control characters, megabytes of text, terminal escapes) never reaches the database or the
//! logs. Ids the server makes are 32 hex digits; imported and older ids keep to the same
//! alphabet.

/// A well-formed board id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardId(String);

/// Longest board id accepted.
const MAX_LEN: usize = 64;

impl BoardId {
    /// The id, if it is 1–64 characters of letters, digits, `-` and `_`.
    pub fn parse(raw: &str) -> Option<BoardId> {
        let ok = !raw.is_empty()
            && raw.len() <= MAX_LEN
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| BoardId(raw.to_string()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_ids_pass() {
        assert!(BoardId::parse("0f3a9c1e2b4d4e6f8a0b1c2d3e4f5a6b").is_some());
        assert!(BoardId::parse("food-delivery_2").is_some());
        for bad in [
            "",
            "a b",
            "a\nb",
            "\u{1b}[31m",
            "../x",
            "가",
            &"a".repeat(65),
        ] {
            assert!(BoardId::parse(bad).is_none(), "{bad:?}");
        }
    }
}
