//! Calls to the server's REST API from the browser.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use stormwall_model::access::Role;
use stormwall_model::RequirementSet;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// A board as one of its links sees it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BoardView {
    /// Board id.
    pub id: String,
    /// Board name.
    pub name: String,
    /// The role of the link asking.
    pub role: Role,
    /// Whether only facilitators edit.
    pub locked: bool,
}

/// A board just created, with its three share links (shown only this once).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Created {
    /// Board id.
    pub id: String,
    /// Board name.
    pub name: String,
    /// Link by role name: `/b/{id}?key=…`.
    pub links: BTreeMap<String, String>,
}

/// A replaced link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Rotated {
    /// Its role.
    pub role: Role,
    /// The new link.
    pub url: String,
}

/// A JavaScript error in words (its message when it is a string).
pub(crate) fn js_err(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Calls the API; `key` is a board's share-link key, sent as a bearer token. Answers the
/// response when it is a success, the server's plain-sentence error otherwise.
async fn send(
    method: &str,
    url: &str,
    body: Option<String>,
    key: Option<&str>,
) -> Result<Response, String> {
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(b) = body {
        init.set_body(&JsValue::from_str(&b));
    }
    let req = Request::new_with_str_and_init(url, &init).map_err(js_err)?;
    req.headers()
        .set("content-type", "application/json")
        .map_err(js_err)?;
    if let Some(key) = key {
        req.headers()
            .set("authorization", &format!("Bearer {key}"))
            .map_err(js_err)?;
    }
    let window = web_sys::window().ok_or("no window")?;
    let resp: Response = JsFuture::from(window.fetch_with_request(&req))
        .await
        .map_err(|_| "the server cannot be reached".to_string())?
        .dyn_into()
        .map_err(js_err)?;
    if resp.ok() {
        return Ok(resp);
    }
    #[derive(Deserialize)]
    struct ApiError {
        error: String,
    }
    let text = text_of(&resp).await?;
    let msg = serde_json::from_str::<ApiError>(&text)
        .map(|e| e.error)
        .unwrap_or(text);
    Err(format!("{} ({})", msg, resp.status()))
}

async fn text_of(resp: &Response) -> Result<String, String> {
    let text = JsFuture::from(resp.text().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    Ok(text.as_string().unwrap_or_default())
}

/// Calls the API and reads its JSON answer; an empty answer (204) reads as `null`.
pub(crate) async fn fetch<T: DeserializeOwned>(
    method: &str,
    url: &str,
    body: Option<String>,
    key: Option<&str>,
) -> Result<T, String> {
    let text = text_of(&send(method, url, body, key).await?).await?;
    let text = if text.is_empty() { "null" } else { &text };
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Reads a binary answer of the API (at most `limit` bytes).
pub(crate) async fn fetch_bytes(url: &str, key: &str, limit: usize) -> Result<Vec<u8>, String> {
    let resp = send("GET", url, None, Some(key)).await?;
    let buf = JsFuture::from(resp.array_buffer().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    let bytes = js_sys::Uint8Array::new(&buf);
    if bytes.length() as usize > limit {
        return Err("the answer is too large".into());
    }
    Ok(bytes.to_vec())
}

/// One board, as the link with `key` sees it.
pub async fn board(id: &str, key: &str) -> Result<BoardView, String> {
    fetch("GET", &format!("/api/boards/{id}"), None, Some(key)).await
}

/// Whether an error of these calls says that what was asked for does not exist.
pub fn is_not_found(error: &str) -> bool {
    error.ends_with("(404)")
}

/// Creates a board; returns it with its links.
pub async fn create_board(name: &str) -> Result<Created, String> {
    fetch(
        "POST",
        "/api/boards",
        Some(serde_json::json!({ "name": name }).to_string()),
        None,
    )
    .await
}

/// Renames, locks or unlocks a board (facilitator's key).
pub async fn change_board(
    id: &str,
    key: &str,
    change: serde_json::Value,
) -> Result<BoardView, String> {
    fetch(
        "PATCH",
        &format!("/api/boards/{id}"),
        Some(change.to_string()),
        Some(key),
    )
    .await
}

/// Replaces `role`'s link of a board (facilitator's key); the old one stops working.
pub async fn rotate_link(id: &str, key: &str, role: Role) -> Result<Rotated, String> {
    let url = format!("/api/boards/{id}/links/{}", role.as_str());
    fetch("POST", &url, None, Some(key)).await
}

/// Deletes a board for everyone (facilitator's key).
pub async fn delete_board(id: &str, key: &str) -> Result<(), String> {
    fetch::<serde_json::Value>("DELETE", &format!("/api/boards/{id}"), None, Some(key))
        .await
        .map(|_| ())
}

/// A set of the server's requirement-set catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogSet {
    /// Whether the set is built into the product.
    pub builtin: bool,
    /// The set.
    pub set: RequirementSet,
}

/// A catalogue entry as JSON: the set's fields with `builtin` beside them (read apart, since
/// a set rejects fields it does not know).
fn catalog_set(mut v: serde_json::Value) -> Result<CatalogSet, String> {
    let builtin = v
        .as_object_mut()
        .and_then(|o| o.remove("builtin"))
        .and_then(|b| b.as_bool())
        .unwrap_or(false);
    let set: RequirementSet = serde_json::from_str(&v.to_string()).map_err(|e| e.to_string())?;
    set.validate("$").map_err(|e| e.to_string())?;
    Ok(CatalogSet { builtin, set })
}

/// The requirement-set catalogue: built-in sets, then uploaded ones.
pub async fn requirement_sets() -> Result<Vec<CatalogSet>, String> {
    let list: Vec<serde_json::Value> = fetch("GET", "/api/requirement-sets", None, None).await?;
    list.into_iter().map(catalog_set).collect()
}

/// One set of the catalogue.
pub async fn requirement_set(id: &str) -> Result<CatalogSet, String> {
    let id = String::from(js_sys::encode_uri_component(id));
    catalog_set(fetch("GET", &format!("/api/requirement-sets/{id}"), None, None).await?)
}
