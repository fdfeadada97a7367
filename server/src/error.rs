//! The REST API's error type: every failure becomes a JSON body `{"error": "..."}` with the
//! right status code, so handlers can use `?`. Invalid documents also name the offending JSON
//! path: `{"error", "path", "reason"}`.

use axum::extract::rejection::StringRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// A failed API request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Nothing exists at this id.
    #[error("{0}")]
    NotFound(String),
    /// The request's key is valid but its role may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The request itself is wrong.
    #[error("{0}")]
    BadRequest(String),
    /// An uploaded document is invalid at `path`.
    #[error("invalid document at {path}: {reason}")]
    Invalid {
        /// JSON path of the offending value, e.g. `$.board.links[3].to`.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The request clashes with what exists (e.g. a built-in id).
    #[error("{0}")]
    Conflict(String),
    /// The request body could not be read (too large, not UTF-8, …).
    #[error("{1}")]
    Body(StatusCode, String),
    /// The client sent too many requests of this kind; it may try again later.
    #[error("{0}")]
    TooManyRequests(String),
    /// A board could not be loaded, or the work failed unexpectedly.
    #[error("{0}")]
    Unavailable(String),
    /// The database failed.
    #[error("storage unavailable")]
    Storage(#[from] sqlx::Error),
}

impl From<StringRejection> for ApiError {
    fn from(r: StringRejection) -> ApiError {
        ApiError::Body(r.status(), r.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::BadRequest(_) | ApiError::Invalid { .. } => StatusCode::BAD_REQUEST,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Body(status, _) => *status,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Storage(e) => {
                tracing::error!(error = %e, "storage error");
                StatusCode::SERVICE_UNAVAILABLE
            }
        };
        let body = match &self {
            ApiError::Invalid { path, reason } => {
                serde_json::json!({ "error": self.to_string(), "path": path, "reason": reason })
            }
            _ => serde_json::json!({ "error": self.to_string() }),
        };
        (status, Json(body)).into_response()
    }
}
