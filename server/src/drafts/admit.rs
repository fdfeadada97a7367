//! Opening a draft's room over the sync socket (`/sync/{board}~draft~{secret}`): the share
//! link's key is checked against the draft's board exactly as for the board itself, a viewer's
//! link opens no draft, a draft opens only while silent writing is on, and a board holds at
//! most [`super::MAX_DRAFTS`] drafts. The draft is stored under a digest of the secret, so
//! nothing stored opens it.

use stormwall_model::access::Role;
use stormwall_model::drafts::DraftName;

use super::store::{self, Ensured};
use super::{CLOSE_NO_DRAFTS, CLOSE_REVEALED};
use crate::access::tokens;
use crate::app::AppState;
use crate::room::CloseReason;

/// The stored id of the draft `name` names.
pub fn stored_id(name: &DraftName) -> String {
    name.stored_id(&tokens::hash(&name.secret)[..32])
}

/// The room to join and the role to join it with, for the draft `name` opened with `key`.
pub async fn admit(
    app: &AppState,
    name: &DraftName,
    key: &str,
) -> Result<(String, Role), CloseReason> {
    let role = crate::ws::admit(app, &name.board, key).await?;
    if role == Role::Viewer {
        return Err(CloseReason::new(
            CLOSE_NO_DRAFTS,
            "a view-only link writes no private stickies",
        ));
    }
    let store = &app.shared.store;
    let storage = |e: sqlx::Error| {
        tracing::error!(board = %name.board, error = %e, "cannot open a draft");
        CloseReason::storage_unavailable()
    };
    if !store::silent(store, &name.board).await.map_err(storage)? {
        return Err(CloseReason::new(CLOSE_REVEALED, "silent writing is off"));
    }
    let id = stored_id(name);
    match store::ensure(store, &name.board, &id)
        .await
        .map_err(storage)?
    {
        Ensured::Ready => Ok((id, role)),
        Ensured::Full => Err(CloseReason::new(
            1013,
            "this board holds too many private drafts; ask the facilitator to reveal them",
        )),
    }
}
