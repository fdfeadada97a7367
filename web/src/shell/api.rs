//! Calls to the server's REST API from the browser.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use stormwall_model::RequirementSet;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// A board as the server lists it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BoardInfo {
    /// Board id.
    pub id: String,
    /// Board name.
    pub name: String,
    /// Creation time (ms since epoch).
    pub created_at: i64,
}

fn js_err(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

async fn fetch<T: DeserializeOwned>(
    method: &str,
    url: &str,
    body: Option<String>,
) -> Result<T, String> {
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(b) = body {
        init.set_body(&JsValue::from_str(&b));
    }
    let req = Request::new_with_str_and_init(url, &init).map_err(js_err)?;
    req.headers()
        .set("content-type", "application/json")
        .map_err(js_err)?;
    let window = web_sys::window().ok_or("no window")?;
    let resp: Response = JsFuture::from(window.fetch_with_request(&req))
        .await
        .map_err(|_| "the server cannot be reached".to_string())?
        .dyn_into()
        .map_err(js_err)?;
    let text = JsFuture::from(resp.text().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    let text = text.as_string().unwrap_or_default();
    if !resp.ok() {
        #[derive(Deserialize)]
        struct ApiError {
            error: String,
        }
        let msg = serde_json::from_str::<ApiError>(&text)
            .map(|e| e.error)
            .unwrap_or(text);
        return Err(format!("{} ({})", msg, resp.status()));
    }
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// All boards, newest first.
pub async fn list_boards() -> Result<Vec<BoardInfo>, String> {
    fetch("GET", "/api/boards", None).await
}

/// Whether an error of these calls says that what was asked for does not exist.
pub fn is_not_found(error: &str) -> bool {
    error.ends_with("(404)")
}

/// One board.
pub async fn board(id: &str) -> Result<BoardInfo, String> {
    fetch("GET", &format!("/api/boards/{id}"), None).await
}

/// Creates a board and returns it.
pub async fn create_board(name: &str) -> Result<BoardInfo, String> {
    fetch(
        "POST",
        "/api/boards",
        Some(serde_json::json!({ "name": name }).to_string()),
    )
    .await
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
    let set = RequirementSet::from_json(&v.to_string()).map_err(|e| e.to_string())?;
    Ok(CatalogSet { builtin, set })
}

/// The requirement-set catalogue: built-in sets, then uploaded ones.
pub async fn requirement_sets() -> Result<Vec<CatalogSet>, String> {
    let list: Vec<serde_json::Value> = fetch("GET", "/api/requirement-sets", None).await?;
    list.into_iter().map(catalog_set).collect()
}

/// One set of the catalogue.
pub async fn requirement_set(id: &str) -> Result<CatalogSet, String> {
    let id = String::from(js_sys::encode_uri_component(id));
    catalog_set(fetch("GET", &format!("/api/requirement-sets/{id}"), None).await?)
}
