//! Document parts beyond stickies, links and frames: sticky attributes and examples, frame
//! ranks, board description, legend, and requirement sets with their links to stickies
//! (relations between contexts are in [`super::relations`]).
//!
//! Lists that two users may extend at the same time are CRDT collections (Y.Array for
//! attributes and examples, a Y.Map used as a set for requirement → sticky links), so both
//! additions survive a merge.

use std::collections::HashMap;

use yrs::{Any, Array, ArrayPrelim, Map, MapPrelim, MapRef, ReadTxn, TransactionMut};

use super::values::{
    child, entries, field, key_set, number, record, records, string, string_list, strings,
};
use super::Roots;
use crate::board::{Attribute, Example};
use crate::kind::StickyKind;
use crate::legend::{Legend, LegendEntry};
use crate::relation::Rank;
use crate::requirements::{Requirement, RequirementKind, RequirementSet};

pub(super) const ATTRIBUTES: &str = "attributes";
pub(super) const EXAMPLES: &str = "examples";
const ITEMS: &str = "items";
const STICKIES: &str = "stickies";

pub(super) fn attribute_record(a: &Attribute) -> Any {
    record(&[("name", &a.name), ("type", &a.ty)])
}

pub(super) fn example_record(e: &Example) -> Any {
    record(&[("given", &e.given), ("when", &e.when), ("then", &e.then)])
}

pub(super) fn read_attributes<T: ReadTxn>(m: &MapRef, txn: &T) -> Vec<Attribute> {
    records(m, txn, ATTRIBUTES)
        .iter()
        .map(|r| Attribute {
            name: field(r, "name"),
            ty: field(r, "type"),
        })
        .collect()
}

pub(super) fn read_examples<T: ReadTxn>(m: &MapRef, txn: &T) -> Vec<Example> {
    records(m, txn, EXAMPLES)
        .iter()
        .map(|r| Example {
            given: field(r, "given"),
            when: field(r, "when"),
            then: field(r, "then"),
        })
        .collect()
}

/// Appends to a Y.Array child of a sticky, creating it for stickies written before it existed.
fn append(roots: &Roots, txn: &mut TransactionMut, id: &str, key: &str, value: Any) -> bool {
    let Some(m) = child(&roots.stickies, txn, id) else {
        return false;
    };
    let arr = match m.get(txn, key) {
        Some(yrs::Out::YArray(a)) => a,
        _ => m.insert(txn, key, ArrayPrelim::default()),
    };
    arr.push_back(txn, value);
    true
}

/// Appends an attribute to a sticky. Returns false when the sticky does not exist.
pub fn add_attribute(roots: &Roots, txn: &mut TransactionMut, id: &str, a: &Attribute) -> bool {
    append(roots, txn, id, ATTRIBUTES, attribute_record(a))
}

/// Appends a given/when/then example to a sticky. Returns false when it does not exist.
pub fn add_example(roots: &Roots, txn: &mut TransactionMut, id: &str, e: &Example) -> bool {
    append(roots, txn, id, EXAMPLES, example_record(e))
}

/// Sets the board's description.
pub fn set_description(roots: &Roots, txn: &mut TransactionMut, text: &str) {
    roots.meta.insert(txn, "description", text);
}

/// Sets or clears a frame's subdomain rank. Returns false when the frame does not exist.
pub fn set_frame_rank(
    roots: &Roots,
    txn: &mut TransactionMut,
    id: &str,
    rank: Option<Rank>,
) -> bool {
    let Some(m) = child(&roots.frames, txn, id) else {
        return false;
    };
    match rank {
        Some(r) => {
            m.insert(txn, "rank", r.as_str());
        }
        None => {
            m.remove(txn, "rank");
        }
    }
    true
}

/// Sets a kind's legend override; an entry with neither colour nor label removes it.
pub fn set_legend_entry(
    roots: &Roots,
    txn: &mut TransactionMut,
    kind: StickyKind,
    e: &LegendEntry,
) {
    if e.color.is_none() && e.label.is_none() {
        roots.legend.remove(txn, kind.as_str());
        return;
    }
    let value = record(&[
        ("color", e.color.as_deref().unwrap_or("")),
        ("label", e.label.as_deref().unwrap_or("")),
    ]);
    roots.legend.insert(txn, kind.as_str(), value);
}

pub(super) fn read_legend<T: ReadTxn>(roots: &Roots, txn: &T) -> Legend {
    let mut legend = Legend::default();
    for (k, v) in roots.legend.iter(txn) {
        let (Some(kind), yrs::Out::Any(Any::Map(rec))) = (StickyKind::parse(k), v) else {
            continue;
        };
        let opt = |key: &str| Some(field(&rec, key)).filter(|s| !s.is_empty());
        let entry = LegendEntry {
            color: opt("color"),
            label: opt("label"),
        };
        if entry.color.is_some() || entry.label.is_some() {
            legend.entries.insert(kind, entry);
        }
    }
    legend
}

fn enum_str<E: serde::Serialize>(e: &E) -> String {
    match serde_json::to_value(e) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn enum_parse<E: serde::de::DeserializeOwned>(s: Option<String>) -> Option<E> {
    serde_json::from_value(serde_json::Value::String(s?)).ok()
}

fn requirement_prelim(order: usize, r: &Requirement) -> MapPrelim {
    let mut p = MapPrelim::from([
        ("order", yrs::In::from(order as f64)),
        ("text", yrs::In::from(r.text.as_str())),
        ("text_en", yrs::In::from(r.text_en.as_str())),
        ("kind", yrs::In::from(enum_str(&r.kind))),
        ("scope", yrs::In::Any(string_list(&r.scope))),
    ]);
    if let Some(c) = &r.category {
        p.insert("category".into(), yrs::In::from(enum_str(c)));
    }
    if let Some(t) = &r.tactic {
        p.insert("tactic".into(), yrs::In::from(enum_str(t)));
    }
    let links: HashMap<String, Any> = r
        .stickies
        .iter()
        .map(|s| (s.clone(), Any::Bool(true)))
        .collect();
    p.insert(STICKIES.into(), yrs::In::Map(MapPrelim::from_iter(links)));
    p
}

/// Adds (or replaces) a requirement set.
pub fn put_requirement_set(roots: &Roots, txn: &mut TransactionMut, set: &RequirementSet) {
    let items: Vec<(String, yrs::In)> = set
        .requirements
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), yrs::In::Map(requirement_prelim(i, r))))
        .collect();
    roots.requirements.insert(
        txn,
        set.id.as_str(),
        MapPrelim::from([
            ("name", yrs::In::from(set.name.as_str())),
            (ITEMS, yrs::In::Map(MapPrelim::from_iter(items))),
        ]),
    );
}

/// Deletes a requirement set.
pub fn remove_requirement_set(roots: &Roots, txn: &mut TransactionMut, id: &str) {
    roots.requirements.remove(txn, id);
}

fn requirement<T: ReadTxn>(roots: &Roots, txn: &T, set: &str, req: &str) -> Option<MapRef> {
    let s = child(&roots.requirements, txn, set)?;
    child(&child(&s, txn, ITEMS)?, txn, req)
}

/// Adds (`linked`) or removes an explicit requirement → sticky link; the links are a Y.Map used
/// as a set, made on first use for requirements written without one. Returns false when the
/// requirement is unknown.
fn set_requirement_link(
    roots: &Roots,
    txn: &mut TransactionMut,
    (set, req, sticky): (&str, &str, &str),
    linked: bool,
) -> bool {
    let Some(r) = requirement(roots, txn, set, req) else {
        return false;
    };
    match (child(&r, txn, STICKIES), linked) {
        (Some(m), true) => _ = m.insert(txn, sticky, true),
        (None, true) => {
            let m = r.insert(txn, STICKIES, MapPrelim::default());
            m.insert(txn, sticky, true);
        }
        (Some(m), false) => _ = m.remove(txn, sticky),
        (None, false) => {}
    }
    true
}

/// Links a requirement to a sticky explicitly. Returns false when the requirement is unknown.
pub fn link_requirement(
    roots: &Roots,
    txn: &mut TransactionMut,
    set: &str,
    req: &str,
    sticky: &str,
) -> bool {
    set_requirement_link(roots, txn, (set, req, sticky), true)
}

/// Removes an explicit requirement → sticky link. Returns false when the requirement is unknown.
pub fn unlink_requirement(
    roots: &Roots,
    txn: &mut TransactionMut,
    set: &str,
    req: &str,
    sticky: &str,
) -> bool {
    set_requirement_link(roots, txn, (set, req, sticky), false)
}

/// Adds a requirement set unless the board already has one with its id (e.g. before linking a
/// requirement of a built-in set the board was only checked against). Returns whether it
/// was added.
pub fn ensure_requirement_set(
    roots: &Roots,
    txn: &mut TransactionMut,
    set: &RequirementSet,
) -> bool {
    if child(&roots.requirements, txn, &set.id).is_some() {
        return false;
    }
    put_requirement_set(roots, txn, set);
    true
}

pub(super) fn read_requirement_sets<T: ReadTxn>(roots: &Roots, txn: &T) -> Vec<RequirementSet> {
    entries(&roots.requirements, txn)
        .into_iter()
        .map(|(id, m)| {
            let mut items: Vec<(f64, Requirement)> = child(&m, txn, ITEMS)
                .map(|items| entries(&items, txn))
                .unwrap_or_default()
                .into_iter()
                .map(|(rid, r)| {
                    let req = Requirement {
                        text: string(&r, txn, "text").unwrap_or_default(),
                        text_en: string(&r, txn, "text_en").unwrap_or_default(),
                        kind: enum_parse(string(&r, txn, "kind"))
                            .unwrap_or(RequirementKind::Functional),
                        category: enum_parse(string(&r, txn, "category")),
                        tactic: enum_parse(string(&r, txn, "tactic")),
                        scope: strings(&r, txn, "scope"),
                        stickies: key_set(&r, txn, STICKIES),
                        id: rid,
                    };
                    (number(&r, txn, "order").unwrap_or(f64::MAX), req)
                })
                .collect();
            items.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
            RequirementSet {
                name: string(&m, txn, "name").unwrap_or_default(),
                requirements: items.into_iter().map(|(_, r)| r).collect(),
                id,
            }
        })
        .collect()
}
