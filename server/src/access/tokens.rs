//! Share-link keys: 256 random bits from the operating system, written URL-safe; stored only as
//! their SHA-256 hash (hex), and checked against the stored hashes in constant time.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Random bytes in a key.
const KEY_BYTES: usize = 32;

/// Longest key text accepted from a client; anything longer is no key of ours.
pub const MAX_KEY_LEN: usize = 128;

/// A fresh random key, as it appears in a link (43 URL-safe characters).
pub fn generate() -> String {
    let mut bytes = [0u8; KEY_BYTES];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The hash stored for `key`: SHA-256, lower-case hex.
pub fn hash(key: &str) -> String {
    Sha256::digest(key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `key` hashes to `stored`, compared in constant time.
pub fn matches(stored: &str, key: &str) -> bool {
    if key.is_empty() || key.len() > MAX_KEY_LEN {
        return false;
    }
    hash(key).as_bytes().ct_eq(stored.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_url_safe_and_long() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[test]
    fn only_the_key_matches_its_hash() {
        let key = generate();
        let stored = hash(&key);
        assert_eq!(stored.len(), 64);
        assert!(matches(&stored, &key));
        assert!(!matches(&stored, &generate()));
        assert!(!matches(&stored, ""));
        assert!(!matches(&stored, &stored), "the hash is not a key");
        assert!(!matches(&stored, &"a".repeat(4096)));
    }
}
