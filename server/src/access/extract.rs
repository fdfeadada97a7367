//! The key a request carries, and the REST extractor that turns a board route's `{id}` and key
//! into what the key grants. Without a valid key the answer is exactly the unknown-board 404;
//! a valid key whose role is too weak for the route answers 403.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Uri};
use serde::Deserialize;
use stormwall_model::access::Role;

use super::keys::{self, Grant};
use crate::app::AppState;
use crate::board_id::BoardId;
use crate::error::ApiError;

/// `?key=` on a board page, a REST call or the sync socket.
#[derive(Debug, Default, Deserialize)]
pub struct KeyQuery {
    /// The share link's key.
    pub key: Option<String>,
}

/// The key of a REST request: `Authorization: Bearer KEY`, else `?key=KEY`.
fn request_key(headers: &HeaderMap, uri: &Uri) -> String {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|k| k.trim().to_string());
    bearer
        .or_else(|| Query::<KeyQuery>::try_from_uri(uri).ok()?.0.key)
        .unwrap_or_default()
}

/// The answer for a board that does not exist, or that this request may not see.
pub fn not_found() -> ApiError {
    ApiError::NotFound("no such board".into())
}

/// What the request's key grants on the board named by the route's `{id}`.
#[derive(Debug, Clone)]
pub struct BoardAccess(pub Grant);

impl BoardAccess {
    /// The board's id.
    pub fn id(&self) -> &str {
        &self.0.info.id
    }

    /// The key's role.
    pub fn role(&self) -> Role {
        self.0.role
    }

    /// Refuses (403) unless the key is a facilitator's.
    pub fn facilitator(&self) -> Result<(), ApiError> {
        if self.0.role == Role::Facilitator {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "only the facilitator can do this; this is a {} link",
                self.0.role
            )))
        }
    }
}

impl FromRequestParts<AppState> for BoardAccess {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, app)
            .await
            .map_err(|_| not_found())?;
        // Malformed ids are never looked up.
        let id = params
            .get("id")
            .and_then(|id| BoardId::parse(id))
            .ok_or_else(not_found)?;
        let key = request_key(&parts.headers, &parts.uri);
        keys::resolve(&app.shared.store, id.as_str(), &key)
            .await?
            .map(BoardAccess)
            .ok_or_else(not_found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_comes_from_the_bearer_header_or_the_query() {
        let uri = |s: &str| s.parse::<Uri>().unwrap();
        let mut h = HeaderMap::new();
        assert_eq!(request_key(&h, &uri("/a?set=x&key=abc")), "abc");
        assert_eq!(request_key(&h, &uri("/a?key=a%2Bb")), "a+b");
        assert_eq!(request_key(&h, &uri("/a?key")), "");
        assert_eq!(request_key(&h, &uri("/a")), "");
        h.insert(header::AUTHORIZATION, "Bearer xyz".parse().unwrap());
        assert_eq!(request_key(&h, &uri("/a?key=abc")), "xyz");
    }
}
