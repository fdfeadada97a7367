//! Storage of what guards a board: one key hash per role (`board_keys`) and the lock
//! (`boards.locked`). Creating a board issues its three keys in the same transaction, so no
//! board ever exists without them; the keys themselves are returned once and never stored.

use serde::Serialize;
use sqlx::Row;
use stormwall_model::access::Role;

use super::tokens;
use crate::store::{
    insert_board, insert_snapshot, new_info, now_ms, row_to_info, BoardInfo, Store,
};

/// The three share links of a board, as paths: `/b/{id}?key={key}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Links {
    /// Edits always; links, lock, name, deletion.
    pub facilitator: String,
    /// Edits while the board is unlocked.
    pub participant: String,
    /// Sees the board live, never changes it.
    pub viewer: String,
}

impl Links {
    fn from_keys(id: &str, keys: &[(Role, String)]) -> Links {
        let of = |role| {
            keys.iter()
                .find(|(r, _)| *r == role)
                .map(|(_, k)| link(id, k))
                .unwrap_or_default()
        };
        Links {
            facilitator: of(Role::Facilitator),
            participant: of(Role::Participant),
            viewer: of(Role::Viewer),
        }
    }
}

/// The board page's link for `key`.
pub fn link(id: &str, key: &str) -> String {
    format!("/b/{id}?key={key}")
}

/// What a valid key grants on a board.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    /// The board.
    pub info: BoardInfo,
    /// The key's role.
    pub role: Role,
    /// Whether the board is locked.
    pub locked: bool,
}

async fn put_key<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    id: &str,
    role: Role,
    key: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO board_keys (board_id, role, key_hash, issued_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (board_id, role) DO UPDATE SET key_hash = excluded.key_hash, \
         issued_at = excluded.issued_at",
    )
    .bind(id)
    .bind(role.as_str())
    .bind(tokens::hash(key))
    .bind(now_ms())
    .execute(db)
    .await
    .map(|_| ())
}

/// Creates a board (with `doc` as its first snapshot, when given) and its three keys, in one
/// transaction. Returns the board and its links.
pub async fn create_board(
    store: &Store,
    id: &str,
    name: &str,
    doc: Option<&[u8]>,
) -> Result<(BoardInfo, Links), sqlx::Error> {
    let info = new_info(id, name);
    let keys: Vec<(Role, String)> = Role::ALL.map(|r| (r, tokens::generate())).into();
    let mut tx = store.pool().begin().await?;
    insert_board(&mut *tx, &info).await?;
    if let Some(doc) = doc {
        insert_snapshot(&mut *tx, id, doc).await?;
    }
    for (role, key) in &keys {
        put_key(&mut *tx, id, *role, key).await?;
    }
    tx.commit().await?;
    Ok((info, Links::from_keys(id, &keys)))
}

/// What `key` grants on board `id`: `None` for an unknown board, a board without keys, or a
/// key that is not (or no longer) one of the board's.
pub async fn resolve(store: &Store, id: &str, key: &str) -> Result<Option<Grant>, sqlx::Error> {
    if key.is_empty() || key.len() > tokens::MAX_KEY_LEN {
        return Ok(None);
    }
    let rows = sqlx::query(
        "SELECT b.id, b.name, b.created_at, b.locked, k.role, k.key_hash \
         FROM boards b JOIN board_keys k ON k.board_id = b.id WHERE b.id = $1",
    )
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    let mut grant = None;
    // Every stored hash is compared, whichever matches.
    for r in &rows {
        let stored: String = r.try_get("key_hash")?;
        if tokens::matches(&stored, key) {
            let role: String = r.try_get("role")?;
            grant = Role::parse(&role).map(|role| (r, role));
        }
    }
    let Some((r, role)) = grant else {
        return Ok(None);
    };
    Ok(Some(Grant {
        info: row_to_info(r)?,
        role,
        locked: r.try_get::<i64, _>("locked")? != 0,
    }))
}

/// Replaces `role`'s key of board `id` with a fresh one (the old key stops working) and
/// returns the new key. Also issues a key for a board that had none for this role.
pub async fn rotate(store: &Store, id: &str, role: Role) -> Result<String, sqlx::Error> {
    let key = tokens::generate();
    put_key(store.pool(), id, role, &key).await?;
    Ok(key)
}

/// Issues fresh keys for every role of board `id` (the old ones stop working); its links.
pub async fn reissue_all(store: &Store, id: &str) -> Result<Links, sqlx::Error> {
    let keys: Vec<(Role, String)> = Role::ALL.map(|r| (r, tokens::generate())).into();
    let mut tx = store.pool().begin().await?;
    for (role, key) in &keys {
        put_key(&mut *tx, id, *role, key).await?;
    }
    tx.commit().await?;
    Ok(Links::from_keys(id, &keys))
}

/// Whether board `id` is locked; `None` when there is no such board.
pub async fn locked(store: &Store, id: &str) -> Result<Option<bool>, sqlx::Error> {
    let row = sqlx::query("SELECT locked FROM boards WHERE id = $1")
        .bind(id)
        .fetch_optional(store.pool())
        .await?;
    row.map(|r| r.try_get::<i64, _>("locked").map(|l| l != 0))
        .transpose()
}

/// Locks or unlocks board `id`.
pub async fn set_locked(store: &Store, id: &str, locked: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE boards SET locked = $1 WHERE id = $2")
        .bind(i64::from(locked))
        .bind(id)
        .execute(store.pool())
        .await
        .map(|_| ())
}

/// Renames board `id`.
pub async fn rename(store: &Store, id: &str, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE boards SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(id)
        .execute(store.pool())
        .await
        .map(|_| ())
}

/// Drops every key of board `id`: no link opens it any more.
pub async fn revoke_all(store: &Store, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM board_keys WHERE board_id = $1")
        .bind(id)
        .execute(store.pool())
        .await
        .map(|_| ())
}

/// Deletes board `id` with everything stored for it (document, log, keys, checkpoints).
pub async fn delete_board(store: &Store, id: &str) -> Result<(), sqlx::Error> {
    let mut tx = store.pool().begin().await?;
    for table in [
        "board_keys",
        "board_updates",
        "board_snapshots",
        "board_checkpoints",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE board_id = $1"))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM boards WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// A board as the operator lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// The board.
    pub info: BoardInfo,
    /// Whether it is locked.
    pub locked: bool,
    /// How many roles have a key (0 for a board from before share links).
    pub keys: i64,
}

/// Every board, newest first, for the operator.
pub async fn list(store: &Store) -> Result<Vec<Listed>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT b.id, b.name, b.created_at, b.locked, \
         (SELECT COUNT(*) FROM board_keys k WHERE k.board_id = b.id) AS keys \
         FROM boards b WHERE b.draft_of IS NULL ORDER BY b.created_at DESC, b.id",
    )
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Listed {
                info: row_to_info(r)?,
                locked: r.try_get::<i64, _>("locked")? != 0,
                keys: r.try_get("keys")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(url: &str) -> &str {
        url.split("?key=").nth(1).unwrap()
    }

    #[tokio::test]
    async fn each_link_grants_its_role_until_rotated_and_the_board_goes_with_delete() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}/k.db", dir.path().display()))
            .await
            .unwrap();
        let (info, links) = create_board(&store, "b1", "Board", None).await.unwrap();
        assert!(links.viewer.starts_with("/b/b1?key="));
        for (url, role) in [
            (&links.facilitator, Role::Facilitator),
            (&links.participant, Role::Participant),
            (&links.viewer, Role::Viewer),
        ] {
            let g = resolve(&store, "b1", key_of(url)).await.unwrap().unwrap();
            assert_eq!(
                (g.info.clone(), g.role, g.locked),
                (info.clone(), role, false)
            );
            assert!(resolve(&store, "other", key_of(url))
                .await
                .unwrap()
                .is_none());
        }
        assert!(resolve(&store, "b1", "").await.unwrap().is_none());
        assert!(resolve(&store, "b1", "guess").await.unwrap().is_none());

        set_locked(&store, "b1", true).await.unwrap();
        assert_eq!(locked(&store, "b1").await.unwrap(), Some(true));
        let new = rotate(&store, "b1", Role::Viewer).await.unwrap();
        assert!(resolve(&store, "b1", key_of(&links.viewer))
            .await
            .unwrap()
            .is_none());
        let g = resolve(&store, "b1", &new).await.unwrap().unwrap();
        assert_eq!((g.role, g.locked), (Role::Viewer, true));
        assert_eq!(list(&store).await.unwrap()[0].keys, 3);

        delete_board(&store, "b1").await.unwrap();
        assert_eq!(locked(&store, "b1").await.unwrap(), None);
        assert!(resolve(&store, "b1", &new).await.unwrap().is_none());
        assert!(list(&store).await.unwrap().is_empty());
    }
}
