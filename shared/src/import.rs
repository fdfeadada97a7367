//! Importing a board from its JSON export: validation with the JSON path and reason of the
//! first problem; nothing is produced unless the whole input is valid.

/// Renders a serde path (`a.b[3].c`) as a JSON path rooted at `$`.
pub fn json_path(p: &serde_path_to_error::Path) -> String {
    let s = p.to_string();
    if s == "." || s.is_empty() {
        "$".into()
    } else if s.starts_with('[') {
        format!("${s}")
    } else {
        format!("$.{s}")
    }
}
