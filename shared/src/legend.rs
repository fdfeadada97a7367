//! The per-board legend: which colour and label each sticky kind has on this board.
//!
//! Defaults come from [`StickyKind`]; a board stores only its overrides, so boards keep
//! following the defaults for kinds they never customised.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::kind::StickyKind;

/// One kind's override: colour and/or label.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegendEntry {
    /// Fill colour (CSS hex) replacing the kind's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Label replacing the kind's default label (in both languages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Overrides by kind. Serialized as a JSON object keyed by kind identifier.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Legend {
    /// The overrides, by kind.
    pub entries: BTreeMap<StickyKind, LegendEntry>,
}

/// Display language of labels and explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Korean.
    Ko,
    /// English.
    En,
}

impl Legend {
    /// Whether the board overrides nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The colour stickies of `kind` have on this board.
    pub fn color(&self, kind: StickyKind) -> &str {
        self.entries
            .get(&kind)
            .and_then(|e| e.color.as_deref())
            .unwrap_or_else(|| kind.default_color())
    }

    /// The label of `kind` on this board, in `lang` unless the board renamed it.
    pub fn label(&self, kind: StickyKind, lang: Lang) -> &str {
        match self.entries.get(&kind).and_then(|e| e.label.as_deref()) {
            Some(l) => l,
            None => match lang {
                Lang::Ko => kind.label_ko(),
                Lang::En => kind.label_en(),
            },
        }
    }

    /// Every kind with its effective colour and label, in palette order.
    pub fn rows(&self, lang: Lang) -> Vec<(StickyKind, &str, &str)> {
        StickyKind::ALL
            .iter()
            .map(|&k| (k, self.color(k), self.label(k, lang)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_defaults_only_for_their_kind() {
        let mut l = Legend::default();
        l.entries.insert(
            StickyKind::Hotspot,
            LegendEntry {
                color: Some("#ff00ff".into()),
                label: None,
            },
        );
        assert_eq!(l.color(StickyKind::Hotspot), "#ff00ff");
        assert_eq!(l.color(StickyKind::DomainEvent), "#ffa94d");
        assert_eq!(l.label(StickyKind::Hotspot, Lang::Ko), "핫스폿");
        assert_eq!(l.rows(Lang::En).len(), 10);
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(json, r##"{"hotspot":{"color":"#ff00ff"}}"##);
        assert_eq!(serde_json::from_str::<Legend>(&json).unwrap(), l);
    }
}
