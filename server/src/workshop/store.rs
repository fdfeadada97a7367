//! Keeping a board's workshop state across restarts: read once when the board loads, written
//! by a small task that always stores the newest state (intermediate ones are skipped when
//! changes come faster than the database takes them).

use sqlx::Row;
use stormwall_model::workshop::Workshop;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::store::{now_ms, Store};

/// Reads board `id`'s workshop state; a board without one (or an unreadable one) starts empty.
pub async fn load(store: &Store, id: &str) -> Workshop {
    let row = sqlx::query("SELECT state FROM board_workshops WHERE board_id = $1")
        .bind(id)
        .fetch_optional(store.pool())
        .await;
    match row {
        Ok(Some(row)) => {
            let json: String = row.try_get("state").unwrap_or_default();
            serde_json::from_str(&json).unwrap_or_else(|e| {
                tracing::warn!(board = id, error = %e, "stored workshop state unreadable; starting afresh");
                Workshop::default()
            })
        }
        Ok(None) => Workshop::default(),
        Err(e) => {
            tracing::error!(board = id, error = %e, "cannot read workshop state; starting afresh");
            Workshop::default()
        }
    }
}

async fn save(store: &Store, id: &str, state: &Workshop) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(state).expect("workshop state always serializes");
    sqlx::query(
        "INSERT INTO board_workshops (board_id, state, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
    )
    .bind(id)
    .bind(json)
    .bind(now_ms())
    .execute(store.pool())
    .await
    .map(|_| ())
}

/// Starts the writer of board `id`: every state sent on the returned channel is stored, the
/// newest last. The task ends once the sender is dropped and the last state is stored.
pub fn writer(
    store: Store,
    id: String,
    first: Workshop,
) -> (watch::Sender<Workshop>, JoinHandle<()>) {
    let (tx, mut rx) = watch::channel(first);
    let task = tokio::spawn(async move {
        while rx.changed().await.is_ok() {
            let state = rx.borrow_and_update().clone();
            for attempt in 0..3u64 {
                match save(&store, &id, &state).await {
                    Ok(()) => break,
                    Err(e) => {
                        tracing::warn!(board = %id, error = %e, attempt, "cannot store workshop state");
                        tokio::time::sleep(std::time::Duration::from_millis(200 << attempt)).await;
                    }
                }
            }
        }
    });
    (tx, task)
}
