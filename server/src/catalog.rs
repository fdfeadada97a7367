//! The requirement-set catalogue: the sets built into the model (food delivery) and the sets
//! teams uploaded, stored as JSON in the `requirement_sets` table. Built-in ids are reserved.
//!
//! An uploaded set is never replaced: uploading the same set again is harmless, but a
//! different set under an id already taken is refused (409), so one team's upload cannot
//! silently change the coverage another team checks against. A changed set is uploaded under
//! a new id (e.g. `orders-v2`).

use serde::Serialize;
use sqlx::Row;
use stormwall_model::requirements::{food_delivery, RequirementSet};

use crate::store::{now_ms, Store};

/// A set as the API lists it: the set itself and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogEntry {
    /// Whether the set is built in (and cannot be replaced).
    pub builtin: bool,
    /// The set.
    #[serde(flatten)]
    pub set: RequirementSet,
}

/// Why a stored set could not be saved or read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The id belongs to a built-in set.
    #[error("requirement set {0:?} is built in and cannot be replaced")]
    Reserved(String),
    /// Another set was uploaded under this id.
    #[error("a different requirement set {0:?} is already stored; upload yours under a new id")]
    Taken(String),
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] sqlx::Error),
}

/// The sets that ship with the product.
pub fn builtin() -> Vec<RequirementSet> {
    vec![food_delivery()]
}

/// A built-in set by id.
pub fn builtin_set(id: &str) -> Option<RequirementSet> {
    builtin().into_iter().find(|s| s.id == id)
}

/// Every set: built-in first, then stored ones by id.
pub async fn list(store: &Store) -> Result<Vec<CatalogEntry>, sqlx::Error> {
    let rows = sqlx::query("SELECT data FROM requirement_sets ORDER BY id")
        .fetch_all(store.pool())
        .await?;
    let stored = rows.iter().filter_map(|r| parse(r.try_get("data").ok()?));
    Ok(builtin()
        .into_iter()
        .map(|set| CatalogEntry { builtin: true, set })
        .chain(stored.map(|set| CatalogEntry {
            builtin: false,
            set,
        }))
        .collect())
}

/// A set by id, built-in or stored.
pub async fn get(store: &Store, id: &str) -> Result<Option<CatalogEntry>, sqlx::Error> {
    if let Some(set) = builtin_set(id) {
        return Ok(Some(CatalogEntry { builtin: true, set }));
    }
    let row = sqlx::query("SELECT data FROM requirement_sets WHERE id = $1")
        .bind(id)
        .fetch_optional(store.pool())
        .await?;
    Ok(row
        .and_then(|r| parse(r.try_get("data").ok()?))
        .map(|set| CatalogEntry {
            builtin: false,
            set,
        }))
}

/// Stores a validated set under a free id; the same set uploaded again is accepted as is.
pub async fn save(store: &Store, set: &RequirementSet) -> Result<(), CatalogError> {
    if builtin_set(&set.id).is_some() {
        return Err(CatalogError::Reserved(set.id.clone()));
    }
    let inserted = sqlx::query(
        "INSERT INTO requirement_sets (id, name, data, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(&set.id)
    .bind(&set.name)
    .bind(set.to_json())
    .bind(now_ms())
    .execute(store.pool())
    .await?
    .rows_affected();
    if inserted == 0 && get(store, &set.id).await?.map(|e| e.set).as_ref() != Some(set) {
        return Err(CatalogError::Taken(set.id.clone()));
    }
    Ok(())
}

/// Reads a stored set; a row that no longer parses (written by a newer build) is skipped.
fn parse(data: String) -> Option<RequirementSet> {
    match RequirementSet::from_json(&data) {
        Ok(set) => Some(set),
        Err(e) => {
            tracing::warn!(error = %e, "stored requirement set does not parse; skipped");
            None
        }
    }
}
