//! Relations between bounded contexts in the document (`relations/<id>`): adding one, changing
//! its patterns or its direction without touching the rest (so two users editing one relation
//! merge field by field), removing it, and reading them all.

use yrs::{Map, MapPrelim, ReadTxn, TransactionMut};

use super::values::{child, entries, string, string_list, strings};
use super::Roots;
use crate::relation::{Pattern, Relation};

const UPSTREAM: &str = "upstream";
const DOWNSTREAM: &str = "downstream";
const PATTERNS: &str = "patterns";

fn pattern_list(patterns: &[Pattern]) -> yrs::Any {
    let names: Vec<&str> = patterns.iter().map(|p| p.as_str()).collect();
    string_list(&names)
}

/// Adds (or replaces) a relation between two contexts.
pub fn put_relation(roots: &Roots, txn: &mut TransactionMut, r: &Relation) {
    roots.relations.insert(
        txn,
        r.id.as_str(),
        MapPrelim::from([
            (UPSTREAM, yrs::In::from(r.upstream.as_str())),
            (DOWNSTREAM, yrs::In::from(r.downstream.as_str())),
            (PATTERNS, yrs::In::Any(pattern_list(&r.patterns))),
        ]),
    );
}

/// Replaces the patterns of a relation. Returns false when the relation does not exist.
pub fn set_relation_patterns(
    roots: &Roots,
    txn: &mut TransactionMut,
    id: &str,
    patterns: &[Pattern],
) -> bool {
    let Some(m) = child(&roots.relations, txn, id) else {
        return false;
    };
    m.insert(txn, PATTERNS, pattern_list(patterns));
    true
}

/// Swaps upstream and downstream of a relation. Returns false when it does not exist.
pub fn swap_relation(roots: &Roots, txn: &mut TransactionMut, id: &str) -> bool {
    let Some(m) = child(&roots.relations, txn, id) else {
        return false;
    };
    let (Some(up), Some(down)) = (string(&m, txn, UPSTREAM), string(&m, txn, DOWNSTREAM)) else {
        return false;
    };
    m.insert(txn, UPSTREAM, down);
    m.insert(txn, DOWNSTREAM, up);
    true
}

/// Deletes a relation.
pub fn remove_relation(roots: &Roots, txn: &mut TransactionMut, id: &str) {
    roots.relations.remove(txn, id);
}

pub(super) fn read_relations<T: ReadTxn>(roots: &Roots, txn: &T) -> Vec<Relation> {
    entries(&roots.relations, txn)
        .into_iter()
        .filter_map(|(id, m)| {
            Some(Relation {
                upstream: string(&m, txn, UPSTREAM)?,
                downstream: string(&m, txn, DOWNSTREAM)?,
                patterns: strings(&m, txn, PATTERNS)
                    .iter()
                    .filter_map(|p| Pattern::parse(p))
                    .collect(),
                id,
            })
        })
        .collect()
}
