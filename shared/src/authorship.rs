//! Who created each sticky, link and frame and who changed it last, and when: names as the
//! board's presence shows them, times in milliseconds since the Unix epoch. Kept in each item's
//! map of the document (see [`crate::doc::stamp`]); a [`crate::Board`] carries them in one map
//! by item id, so the items' own schema stays as it was and boards without them still load.

use serde::{Deserialize, Serialize};

/// The longest name kept; longer names are cut.
pub const MAX_NAME_CHARS: usize = 100;

/// Authorship of one item. Every field is optional: items made before authorship was kept,
/// or by clients that do not write it, have none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authorship {
    /// Who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When it was created (ms since the epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<u64>,
    /// Who changed it last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
    /// When it was changed last (ms since the epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<u64>,
}

impl Authorship {
    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        *self == Authorship::default()
    }

    /// "created by Ana · changed by Bo" (either part alone when only it is known; `None` when
    /// nothing is). `time` renders a timestamp, appended after a comma to the last part.
    pub fn describe(&self, time: impl Fn(u64) -> String) -> Option<String> {
        let created = self.created_by.as_ref().map(|n| format!("created by {n}"));
        let changed = self
            .updated_by
            .as_ref()
            .filter(|_| self.updated_at != self.created_at || self.updated_by != self.created_by)
            .map(|n| format!("changed by {n}"));
        let when = self.updated_at.or(self.created_at).map(time);
        let text = match (created, changed) {
            (Some(c), Some(u)) => format!("{c} · {u}"),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => return None,
        };
        Some(match when {
            Some(t) => format!("{text}, {t}"),
            None => text,
        })
    }
}

/// `name` cut to [`MAX_NAME_CHARS`].
pub fn bounded_name(name: &str) -> String {
    name.chars().take(MAX_NAME_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hhmm(ms: u64) -> String {
        format!("t{ms}")
    }

    #[test]
    fn describes_creation_and_the_last_change() {
        assert_eq!(Authorship::default().describe(hhmm), None);
        let made = Authorship {
            created_by: Some("Ana".into()),
            created_at: Some(1),
            updated_by: Some("Ana".into()),
            updated_at: Some(1),
        };
        assert_eq!(made.describe(hhmm).as_deref(), Some("created by Ana, t1"));
        let changed = Authorship {
            updated_by: Some("보라".into()),
            updated_at: Some(9),
            ..made.clone()
        };
        assert_eq!(
            changed.describe(hhmm).as_deref(),
            Some("created by Ana · changed by 보라, t9")
        );
        let legacy = Authorship {
            updated_by: Some("Bo".into()),
            ..Authorship::default()
        };
        assert_eq!(legacy.describe(hhmm).as_deref(), Some("changed by Bo"));
    }

    #[test]
    fn names_are_bounded() {
        assert_eq!(
            bounded_name(&"가".repeat(500)).chars().count(),
            MAX_NAME_CHARS
        );
        assert_eq!(bounded_name("Ana"), "Ana");
    }
}
