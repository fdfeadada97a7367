//! Importing a board from its JSON export: the envelope and every field are checked, then the
//! board's own consistency (unique ids, links and relations pointing at what exists, sizes not
//! negative). The first problem is reported with its JSON path and reason; nothing is returned
//! unless the whole input is valid, so a caller never writes half a board.

use std::collections::HashSet;

use crate::board::Board;
use crate::export::{Envelope, FORMAT, VERSION};

mod workshop;

/// Why an import was rejected.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct ImportError {
    /// JSON path of the offending value, e.g. `$.board.links[3].to`.
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

fn err(path: String, reason: impl Into<String>) -> ImportError {
    ImportError {
        path,
        reason: reason.into(),
    }
}

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

/// Reads a board exported by [`crate::export::to_json`].
pub fn from_json(json: &str) -> Result<Board, ImportError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let env: Envelope = serde_path_to_error::deserialize(de)
        .map_err(|e| err(json_path(e.path()), e.inner().to_string()))?;
    if env.format != FORMAT {
        return Err(err("$.format".into(), format!("expected \"{FORMAT}\"")));
    }
    if env.version != VERSION {
        return Err(err(
            "$.version".into(),
            format!(
                "unsupported version {} (this build reads {VERSION})",
                env.version
            ),
        ));
    }
    let mut board = env.board;
    validate(&board)?;
    forget_authors_of_missing_items(&mut board);
    board.sort();
    Ok(board)
}

fn unique<'a>(
    what: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashSet<&'a str>, ImportError> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        let path = format!("$.board.{what}[{i}].id");
        if id.is_empty() {
            return Err(err(path, "must not be empty"));
        }
        if !seen.insert(id) {
            return Err(err(path, format!("duplicate id {id:?}")));
        }
    }
    Ok(seen)
}

fn size(path: String, w: f64, h: f64) -> Result<(), ImportError> {
    if w < 0.0 || h < 0.0 {
        return Err(err(path, "width and height must not be negative"));
    }
    Ok(())
}

/// Drops the authorship of items the board does not hold: a file edited by hand often loses
/// stickies and keeps their authors, and that alone should not refuse the whole board.
fn forget_authors_of_missing_items(b: &mut Board) {
    let ids: HashSet<String> = (b.stickies.iter().map(|s| &s.id))
        .chain(b.links.iter().map(|l| &l.id))
        .chain(b.frames.iter().map(|f| &f.id))
        .cloned()
        .collect();
    b.authorship.retain(|id, _| ids.contains(id));
}

/// Checks a board's internal consistency.
pub fn validate(b: &Board) -> Result<(), ImportError> {
    let stickies = unique("stickies", b.stickies.iter().map(|s| s.id.as_str()))?;
    unique("links", b.links.iter().map(|s| s.id.as_str()))?;
    let frames = unique("frames", b.frames.iter().map(|s| s.id.as_str()))?;
    unique("relations", b.relations.iter().map(|s| s.id.as_str()))?;
    unique("requirements", b.requirements.iter().map(|s| s.id.as_str()))?;
    for (i, s) in b.stickies.iter().enumerate() {
        size(format!("$.board.stickies[{i}]"), s.w, s.h)?;
    }
    for (i, f) in b.frames.iter().enumerate() {
        size(format!("$.board.frames[{i}]"), f.w, f.h)?;
    }
    for (i, l) in b.links.iter().enumerate() {
        for (field, id) in [("from", &l.from), ("to", &l.to)] {
            if !stickies.contains(id.as_str()) {
                return Err(err(
                    format!("$.board.links[{i}].{field}"),
                    format!("no sticky with id {id:?}"),
                ));
            }
        }
    }
    for (i, r) in b.relations.iter().enumerate() {
        for (field, id) in [("upstream", &r.upstream), ("downstream", &r.downstream)] {
            if !frames.contains(id.as_str()) {
                return Err(err(
                    format!("$.board.relations[{i}].{field}"),
                    format!("no frame with id {id:?}"),
                ));
            }
        }
    }
    for (i, set) in b.requirements.iter().enumerate() {
        let at = format!("$.board.requirements[{i}]");
        set.validate(&at).map_err(|e| err(e.path, e.reason))?;
        for (j, r) in set.requirements.iter().enumerate() {
            for (k, s) in r.stickies.iter().enumerate() {
                if !stickies.contains(s.as_str()) {
                    return Err(err(
                        format!("{at}.requirements[{j}].stickies[{k}]"),
                        format!("no sticky with id {s:?}"),
                    ));
                }
            }
        }
    }
    workshop::validate(b, &stickies)
}

#[cfg(test)]
mod tests;
