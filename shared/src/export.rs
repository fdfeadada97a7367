//! JSON export of a whole board: a versioned envelope around the snapshot, collections sorted
//! by id, pretty-printed, so the same board always exports to the same bytes. The format is
//! published as JSON Schema in `docs/schema/board.v1.schema.json`.

use serde::{Deserialize, Serialize};

use crate::board::Board;

/// Value of the envelope's `format` field.
pub const FORMAT: &str = "stormwall-board";
/// Current format version.
pub const VERSION: u32 = 1;

/// The exported document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Always [`FORMAT`].
    pub format: String,
    /// Format version, [`VERSION`] when written by this crate.
    pub version: u32,
    /// The board.
    pub board: Board,
}

/// The board as versioned JSON (pretty, ending with a newline).
pub fn to_json(board: &Board) -> String {
    let mut board = board.clone();
    board.sort();
    let env = Envelope {
        format: FORMAT.into(),
        version: VERSION,
        board,
    };
    let mut s = serde_json::to_string_pretty(&env).expect("boards always serialize");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::kind::StickyKind;
    use crate::relation::{Pattern, Rank};

    const SCHEMA: &str = include_str!("../../docs/schema/board.v1.schema.json");

    fn strings(v: &Value) -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn published_schema_matches_the_code() {
        let s: Value = serde_json::from_str(SCHEMA).unwrap();
        let d = &s["$defs"];
        let kinds: Vec<String> = StickyKind::ALL.iter().map(|k| k.as_str().into()).collect();
        assert_eq!(strings(&d["kind"]["enum"]), kinds);
        let pats: Vec<String> = Pattern::ALL.iter().map(|p| p.as_str().into()).collect();
        assert_eq!(
            strings(&d["relation"]["properties"]["patterns"]["items"]["enum"]),
            pats
        );
        let ranks: Vec<String> = Rank::ALL.iter().map(|r| r.as_str().into()).collect();
        assert_eq!(strings(&d["frame"]["properties"]["rank"]["enum"]), ranks);
        assert_eq!(s["properties"]["version"]["const"], super::VERSION);
        // Every field the export writes is declared.
        let mut board = crate::reference::food_delivery_revised();
        let first = board.stickies[0].id.clone();
        board.authorship.insert(
            first.clone(),
            crate::Authorship {
                created_by: Some("Ana".into()),
                created_at: Some(1),
                updated_by: Some("Bo".into()),
                updated_at: Some(2),
            },
        );
        board.votes = vec![crate::workshop::VoteResult {
            sticky: first.clone(),
            votes: 2,
        }];
        let statuses: Vec<String> = crate::hotspots::HotspotStatus::ALL
            .iter()
            .map(|s| s.as_str().into())
            .collect();
        assert_eq!(strings(&d["hotspotStatus"]["enum"]), statuses);
        let limits = [
            (
                &d["comment"]["properties"]["text"]["maxLength"],
                crate::comments::MAX_CHARS,
            ),
            (
                &d["lane"]["properties"]["name"]["maxLength"],
                crate::timeline::MAX_LANE_NAME_CHARS,
            ),
            (
                &d["board"]["properties"]["lanes"]["maxItems"],
                crate::timeline::MAX_LANES,
            ),
        ];
        for (declared, limit) in limits {
            assert_eq!(declared.as_u64(), Some(limit as u64));
        }
        board
            .hotspots
            .insert(first.clone(), crate::hotspots::HotspotStatus::Parked);
        board.comments.push(crate::comments::Comment {
            id: "c".into(),
            sticky: first.clone(),
            author: "Ana".into(),
            author_key: "k".into(),
            at: 1,
            edited_at: Some(2),
            text: "?".into(),
        });
        board.lanes.push(crate::timeline::Lane {
            id: "l".into(),
            name: "Customer".into(),
            y: 0.0,
            h: 100.0,
        });
        board.pivotal.push(first.clone());
        let json: Value = serde_json::from_str(&super::to_json(&board)).unwrap();
        for k in json["board"].as_object().unwrap().keys() {
            let declared = d["board"]["properties"].get(k).is_some();
            assert!(declared, "board.{k} missing in schema");
        }
        for k in json["board"]["authorship"][&first]
            .as_object()
            .unwrap()
            .keys()
        {
            let declared = d["authorship"]["properties"].get(k).is_some();
            assert!(declared, "authorship.{k} missing in schema");
        }
        for (def, v) in [
            ("voteResult", &json["board"]["votes"][0]),
            ("sticky", &json["board"]["stickies"][0]),
            ("link", &json["board"]["links"][0]),
            ("frame", &json["board"]["frames"][0]),
            ("comment", &json["board"]["comments"][0]),
            ("lane", &json["board"]["lanes"][0]),
        ] {
            for k in v.as_object().unwrap().keys() {
                assert!(
                    d[def]["properties"].get(k).is_some(),
                    "{def}.{k} missing in schema"
                );
            }
        }
    }
}
