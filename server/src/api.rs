//! The REST API under `/api`: creating boards, health and metrics. A board's own routes (read,
//! rename, lock, links, delete) are in [`crate::access::routes`]; the model's routes (export,
//! import, analysis, coverage, requirement sets, examples) in [`crate::model_api`]. There is
//! no listing of every board: that is for the operator (`stormwall boards list`).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::app::AppState;
use crate::error::ApiError;

/// Routes of the REST API.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/boards", post(create_board))
        .merge(crate::access::routes::routes())
        .route("/api/health", get(health))
        .route("/api/metrics", get(metrics))
        .merge(crate::model_api::routes())
        .merge(crate::history::routes::routes())
        .merge(crate::drafts::routes::routes())
}

/// Body of `POST /api/boards`.
#[derive(Debug, Deserialize)]
pub struct NewBoard {
    /// The board's name.
    #[serde(default)]
    pub name: String,
}

async fn create_board(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(body): Json<NewBoard>,
) -> Result<impl IntoResponse, ApiError> {
    limit_creates(&app, peer)?;
    let name = body.name.trim();
    let name = if name.is_empty() {
        "Untitled board"
    } else {
        name
    };
    let created = crate::access::routes::create(&app, name, None).await?;
    tracing::info!(board = %created.info.id, name = ?name, "board created");
    Ok((StatusCode::CREATED, Json(created)))
}

/// Counts one board creation, import or upload from `peer`; 429 past the per-IP rate.
pub(crate) fn limit_creates(app: &AppState, peer: SocketAddr) -> Result<(), ApiError> {
    if app.creates.allow(peer.ip()) {
        Ok(())
    } else {
        Err(ApiError::TooManyRequests(
            "too many boards or uploads from your address; wait a minute".into(),
        ))
    }
}

/// 415 unless the request says its body is JSON.
pub(crate) fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if json {
        Ok(())
    } else {
        Err(ApiError::Body(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the body as application/json".into(),
        ))
    }
}

async fn health(State(app): State<AppState>) -> impl IntoResponse {
    let ping = tokio::time::timeout(std::time::Duration::from_secs(3), app.shared.store.ping());
    let database = match ping.await {
        Ok(Ok(())) => "ok",
        Ok(Err(e)) => {
            tracing::error!(error = %e, "health check: database unreachable");
            "unreachable"
        }
        Err(_) => "not answering",
    };
    let failing = app
        .shared
        .metrics
        .storage_failing
        .load(std::sync::atomic::Ordering::Relaxed);
    let storage = if failing { "writes failing" } else { "ok" };
    let ok = database == "ok" && !failing;
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(serde_json::json!({
            "status": if ok { "ok" } else { "degraded" },
            "node": app.shared.peers.node(),
            "database": database,
            "storage": storage,
            "accepting": !app.shared.stopping(),
        })),
    )
}

/// Metrics for the machine itself, or for anyone holding `--metrics-token`.
async fn metrics(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let allowed = match (&app.http.metrics_token, bearer) {
        (Some(token), Some(given)) => {
            use subtle::ConstantTimeEq;
            token.as_bytes().ct_eq(given.as_bytes()).into()
        }
        (Some(_), None) => false,
        (None, _) => peer.ip().is_loopback(),
    };
    if !allowed {
        return Err(ApiError::NotFound("not found".into()));
    }
    Ok((
        [("content-type", "text/plain; version=0.0.4")],
        app.shared.metrics.render(),
    ))
}
