//! Storage of silent writing: the switch (`boards.silent_writing`) and a board's drafts, each a
//! `boards` row whose `draft_of` names its board (its document is stored like any board's, and
//! goes with the board when the board is deleted).

use sqlx::Row;

use crate::store::{now_ms, Store};

/// Whether silent writing is on for board `id` (`false` for no such board).
pub async fn silent(store: &Store, id: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT silent_writing FROM boards WHERE id = $1")
        .bind(id)
        .fetch_optional(store.pool())
        .await?;
    Ok(match row {
        Some(r) => r.try_get::<i64, _>("silent_writing")? != 0,
        None => false,
    })
}

/// Turns silent writing on or off for board `id`.
pub async fn set_silent(store: &Store, id: &str, on: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE boards SET silent_writing = $1 WHERE id = $2")
        .bind(i64::from(on))
        .bind(id)
        .execute(store.pool())
        .await
        .map(|_| ())
}

/// The stored ids of board `board`'s drafts, oldest first.
pub async fn drafts_of(store: &Store, board: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM boards WHERE draft_of = $1 ORDER BY created_at, id")
        .bind(board)
        .fetch_all(store.pool())
        .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

/// What [`ensure`] found or did.
#[derive(Debug, PartialEq, Eq)]
pub enum Ensured {
    /// The draft exists (it did, or was just made).
    Ready,
    /// The board holds [`super::MAX_DRAFTS`] drafts already.
    Full,
}

/// Makes draft `draft` of board `board` when it does not exist yet, within the cap.
pub async fn ensure(store: &Store, board: &str, draft: &str) -> Result<Ensured, sqlx::Error> {
    let exists = sqlx::query("SELECT 1 AS one FROM boards WHERE id = $1 AND draft_of = $2")
        .bind(draft)
        .bind(board)
        .fetch_optional(store.pool())
        .await?;
    if exists.is_some() {
        return Ok(Ensured::Ready);
    }
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM boards WHERE draft_of = $1")
        .bind(board)
        .fetch_one(store.pool())
        .await?
        .try_get("n")?;
    if n >= super::MAX_DRAFTS {
        return Ok(Ensured::Full);
    }
    sqlx::query(
        "INSERT INTO boards (id, name, created_at, draft_of) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(draft)
    .bind("draft")
    .bind(now_ms())
    .bind(board)
    .execute(store.pool())
    .await?;
    Ok(Ensured::Ready)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn drafts_belong_to_their_board_are_capped_and_go_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}/d.db", dir.path().display()))
            .await
            .unwrap();
        store.create_board("b1", "Board").await.unwrap();
        assert!(!silent(&store, "b1").await.unwrap());
        set_silent(&store, "b1", true).await.unwrap();
        assert!(silent(&store, "b1").await.unwrap());
        assert_eq!(
            ensure(&store, "b1", "b1~draft~x").await.unwrap(),
            Ensured::Ready
        );
        assert_eq!(
            ensure(&store, "b1", "b1~draft~x").await.unwrap(),
            Ensured::Ready
        );
        assert_eq!(drafts_of(&store, "b1").await.unwrap(), ["b1~draft~x"]);
        for i in 1..super::super::MAX_DRAFTS {
            ensure(&store, "b1", &format!("b1~draft~{i}"))
                .await
                .unwrap();
        }
        assert_eq!(
            ensure(&store, "b1", "b1~draft~more").await.unwrap(),
            Ensured::Full
        );
        // Drafts are not boards to the operator.
        assert_eq!(store.list_boards().await.unwrap().len(), 1);
        crate::access::keys::delete_board(&store, "b1")
            .await
            .unwrap();
        assert!(drafts_of(&store, "b1").await.unwrap().is_empty());
        assert!(store.board("b1~draft~x").await.unwrap().is_none());
    }
}
