//! Which key a keyboard event is, for the board's shortcuts, and whether it is the board's
//! at all. Keys typed into a text field or a dialog never are. Digits follow the physical key
//! (`KeyboardEvent.code`), so 1–0 add stickies under any layout or input method; letters
//! follow the Latin letter the key types, or, when it types none (a Korean IME gives `ㄹ` or
//! `Process` for F), the physical key — so shortcuts behave the same with Korean input on.

use wasm_bindgen::JsCast;

/// Elements whose keys are theirs: text fields, and anything inside a dialog.
const OWN_KEYS: &str = "input, textarea, select, [contenteditable], [role=dialog], dialog";

/// Whether the event comes from a text field, select or dialog the user is working in.
pub fn meant_for_field(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(OWN_KEYS).ok().flatten())
        .is_some()
}

/// The letter (lower case) of a key given its `key` and `code`.
pub fn letter_of(key: &str, code: &str) -> Option<char> {
    let mut chars = key.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
        _ => code
            .strip_prefix("Key")
            .filter(|l| l.len() == 1)
            .and_then(|l| l.chars().next())
            .map(|c| c.to_ascii_lowercase()),
    }
}

/// The digit of a key given its physical `code` (top row or numeric keypad).
pub fn digit_of(code: &str) -> Option<char> {
    code.strip_prefix("Digit")
        .or_else(|| code.strip_prefix("Numpad"))
        .filter(|d| d.len() == 1)
        .and_then(|d| d.chars().next())
        .filter(char::is_ascii_digit)
}

/// The letter of a keyboard event (see [`letter_of`]).
pub fn letter(ev: &web_sys::KeyboardEvent) -> Option<char> {
    letter_of(&ev.key(), &ev.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letters_follow_the_layout_and_others_the_physical_key() {
        assert_eq!(letter_of("f", "KeyF"), Some('f'));
        assert_eq!(letter_of("Z", "KeyZ"), Some('z'));
        // AZERTY: the key left of E types A.
        assert_eq!(letter_of("a", "KeyQ"), Some('a'));
        // Korean input: the F key types ㄹ, or reports an IME at work.
        assert_eq!(letter_of("ㄹ", "KeyF"), Some('f'));
        assert_eq!(letter_of("Process", "KeyG"), Some('g'));
        assert_eq!(letter_of("Enter", "Enter"), None);
        assert_eq!(letter_of("1", "Digit1"), None);
    }

    #[test]
    fn digits_follow_the_physical_key() {
        assert_eq!(digit_of("Digit1"), Some('1'));
        assert_eq!(digit_of("Digit0"), Some('0'));
        assert_eq!(digit_of("Numpad7"), Some('7'));
        assert_eq!(digit_of("NumpadEnter"), None);
        assert_eq!(digit_of("KeyA"), None);
    }
}
