//! The model's REST surface: export and import of whole boards, Context Mapper export,
//! analysis and requirement coverage of a board's live state, the requirement-set catalogue,
//! and the example boards. Every answer is computed from the board's live document, read
//! through its room, so it matches what participants see.

mod analysis;
mod sets;
mod transfer;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use stormwall_model::Board;

use crate::access::extract::BoardAccess;
use crate::app::AppState;
use crate::error::ApiError;

/// Largest accepted upload (board import, requirement set), in bytes.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// Routes of the model's REST surface.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/boards/import", post(transfer::import))
        .route("/api/boards/{id}/export", get(transfer::export))
        .route("/api/boards/{id}/export.cml", get(transfer::export_cml))
        .route("/api/boards/{id}/analysis", get(analysis::analysis))
        .route("/api/boards/{id}/coverage", get(analysis::coverage))
        .route("/api/requirement-sets", get(sets::list).post(sets::upload))
        .route("/api/requirement-sets/{id}", get(sets::get))
        .route("/api/examples", get(transfer::examples))
        .route("/api/examples/{example}", post(transfer::create_example))
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

/// The board a link opens, as it is live now. Its name is the one the facilitator gave it
/// (kept by the server, not in the document participants edit).
async fn live_board(app: &AppState, access: &BoardAccess) -> Result<Board, ApiError> {
    let mut board = app
        .shared
        .snapshot(access.id())
        .await
        .ok_or_else(|| ApiError::Unavailable("board could not be loaded, try again".into()))?;
    board.name = access.0.info.name.clone();
    Ok(board)
}

/// Runs an analysis or coverage computation off the async workers, at most
/// `--analysis-concurrency` at once and each within `--analysis-timeout-s` (503 past it; the
/// computation finishes in the background and its result is dropped).
async fn analysis_work<T: Send + 'static>(
    app: &AppState,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let limit = std::time::Duration::from_secs(app.http.analysis_timeout_s.max(1));
    let busy = || ApiError::Unavailable("analysis is busy or took too long, try again".into());
    let work = async {
        let _slot = app.analysis.acquire().await.map_err(|_| busy())?;
        blocking(f).await
    };
    tokio::time::timeout(limit, work)
        .await
        .map_err(|_| busy())?
}

/// Runs CPU-bound model work (analysis, export) off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        tracing::error!(error = %e, "model task failed");
        ApiError::Unavailable("the model could not be computed".into())
    })
}
