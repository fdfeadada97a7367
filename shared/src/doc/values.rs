//! Reading plain values out of the board document leniently: a value of the wrong type reads
//! as absent, so a foreign or buggy client cannot make a snapshot fail.

use std::collections::HashMap;
use std::sync::Arc;

use yrs::any::Number;
use yrs::{Any, Array, GetString, Map, MapRef, Out, ReadTxn};

pub(crate) fn number<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<f64> {
    match map.get(txn, key)? {
        Out::Any(a) => any_number(&a),
        _ => None,
    }
}

/// A finite number: NaN and the infinities (which a stock client may write) read as absent,
/// so no position or size of a snapshot is one, and the snapshot survives JSON (which has
/// neither) on its way to the model worker.
fn any_number(a: &Any) -> Option<f64> {
    match a {
        Any::Number(Number::Float(n)) => Some(*n).filter(|n| n.is_finite()),
        Any::Number(Number::Int(n)) => Some(*n as f64),
        _ => None,
    }
}

pub(crate) fn string<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<String> {
    match map.get(txn, key)? {
        Out::Any(Any::String(s)) => Some(s.to_string()),
        Out::YText(t) => Some(t.get_string(txn)),
        _ => None,
    }
}

pub(crate) fn boolean<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> bool {
    matches!(map.get(txn, key), Some(Out::Any(Any::Bool(true))))
}

pub(crate) fn child<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Option<MapRef> {
    match map.get(txn, key)? {
        Out::YMap(m) => Some(m),
        _ => None,
    }
}

/// Children of a map that are maps, as `(key, map)` sorted by key so reads are deterministic.
pub(crate) fn entries<T: ReadTxn>(root: &MapRef, txn: &T) -> Vec<(String, MapRef)> {
    let mut v: Vec<(String, MapRef)> = root
        .iter(txn)
        .filter_map(|(k, v)| match v {
            Out::YMap(m) => Some((k.to_string(), m)),
            _ => None,
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Keys of a map whose value is `true` (a set of ids), sorted.
pub(crate) fn key_set<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Vec<String> {
    let Some(m) = child(map, txn, key) else {
        return Vec::new();
    };
    let mut v: Vec<String> = m
        .iter(txn)
        .filter(|(_, v)| matches!(v, Out::Any(Any::Bool(true))))
        .map(|(k, _)| k.to_string())
        .collect();
    v.sort();
    v
}

/// A list of strings stored as one plain array value.
pub(crate) fn strings<T: ReadTxn>(map: &MapRef, txn: &T, key: &str) -> Vec<String> {
    match map.get(txn, key) {
        Some(Out::Any(Any::Array(items))) => items
            .iter()
            .filter_map(|a| match a {
                Any::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The plain objects of a Y.Array, in array order; other items are skipped.
pub(crate) fn records<T: ReadTxn>(
    map: &MapRef,
    txn: &T,
    key: &str,
) -> Vec<Arc<HashMap<String, Any>>> {
    match map.get(txn, key) {
        Some(Out::YArray(a)) => a
            .iter(txn)
            .filter_map(|v| match v {
                Out::Any(Any::Map(m)) => Some(m),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A string field of a plain object; absent or mistyped reads as empty.
pub(crate) fn field(rec: &HashMap<String, Any>, key: &str) -> String {
    match rec.get(key) {
        Some(Any::String(s)) => s.to_string(),
        _ => String::new(),
    }
}

/// A plain object built from string fields, skipping empty ones.
pub(crate) fn record(fields: &[(&str, &str)]) -> Any {
    let m: HashMap<String, Any> = fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_string(), Any::from(*v)))
        .collect();
    Any::Map(Arc::new(m))
}

/// A plain array of strings.
pub(crate) fn string_list<S: AsRef<str>>(items: &[S]) -> Any {
    Any::Array(items.iter().map(|s| Any::from(s.as_ref())).collect())
}
