//! Why a file could not be imported, in plain words: where in the file (its JSON path) and a
//! sentence a person understands, instead of the JSON reader's own message.

use stormwall_model::import::ImportError;

/// The message of the import banner for a file named `file`.
pub fn explain(file: &str, e: &ImportError) -> String {
    let reason = plain(&e.reason);
    if e.path == "$" {
        format!("{file} cannot be imported: {reason}")
    } else {
        format!("{file} cannot be imported: at {} {reason}", e.path)
    }
}

/// A reason of the JSON reader (or of the board's checks) as a sentence.
pub fn plain(reason: &str) -> String {
    // Where the reader stopped is said by the path; the line and column add noise.
    let reason = reason.split(" at line ").next().unwrap_or(reason).trim();
    let quoted = |s: &str| s.trim_matches('`').to_string();
    if let Some(field) = reason.strip_prefix("missing field ") {
        return format!("the field “{}” is missing.", quoted(field));
    }
    if let Some(rest) = reason.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest);
        return format!("“{}” is not a field a board export has.", quoted(field));
    }
    if let Some(rest) = reason.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let allowed = expected.trim_start_matches("one of ").replace('`', "");
        return format!(
            "“{}” is not one of the allowed values ({allowed}).",
            quoted(value)
        );
    }
    if let Some(rest) = reason.strip_prefix("invalid type: ") {
        let (got, want) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        return format!(
            "there should be {}, but the file has {}.",
            words(want),
            words(got).replace('`', "")
        );
    }
    if reason.starts_with("EOF while parsing") {
        return "the file ends too early; it may have been cut off while saving.".into();
    }
    if reason.starts_with("expected ")
        || reason.starts_with("key must be")
        || reason.starts_with("trailing")
    {
        return "this is not JSON (a Stormwall board export is a .json file saved by Export JSON)."
            .into();
    }
    let mut s = reason.to_string();
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// A JSON reader's name of a type of value in everyday words.
fn words(t: &str) -> String {
    let t = t.trim();
    let word = match t {
        "f64" | "f32" | "u32" | "u64" | "i64" | "i32" | "u8" | "usize" => "a number",
        "a string" => "text",
        "a sequence" => "a list",
        "a boolean" => "true or false",
        "null" => "nothing (null)",
        _ if t.starts_with("struct ") || t == "a map" => "an object ({…})",
        _ if t.starts_with("string ") => return format!("the text {}", &t[7..]),
        _ if t.starts_with("integer ") || t.starts_with("floating point ") => {
            return format!("the number {}", t.rsplit(' ').next().unwrap_or(t))
        }
        _ => t,
    };
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use stormwall_model::import::from_json;

    fn explained(json: &str) -> String {
        explain("board.json", &from_json(json).expect_err("refused"))
    }

    #[test]
    fn reader_messages_become_sentences_with_the_path() {
        let m = explained("{\"format\":\"stormwall-board\",\"version\":1,\"board\":{\"stickies\":[{\"id\":\"a\"}]}}");
        assert!(
            m.starts_with("board.json cannot be imported: at $.board.stickies[0]"),
            "{m}"
        );
        assert!(m.contains("is missing."), "{m}");
        assert!(!m.contains("line "), "{m}");
        assert!(!m.contains('`'), "{m}");
    }

    #[test]
    fn a_file_that_is_not_json_says_so() {
        let m = explained("hello");
        assert!(m.contains("this is not JSON"), "{m}");
        let m = explained("{\"format\":");
        assert!(m.contains("ends too early"), "{m}");
    }

    #[test]
    fn wrong_types_and_values_say_what_was_wanted() {
        assert_eq!(
            plain("invalid type: string \"x\", expected f64 at line 1 column 9"),
            "there should be a number, but the file has the text \"x\"."
        );
        assert_eq!(
            plain("unknown variant `thing`, expected one of `core`, `supporting`"),
            "“thing” is not one of the allowed values (core, supporting)."
        );
        assert_eq!(plain("must not be empty"), "must not be empty.");
    }
}
