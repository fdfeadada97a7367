//! The drawing context of a `<canvas>` element, typed: the far view, the minimap, replay and
//! picture exports all ask for one the same way.

use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The context of `kind` ("2d", "bitmaprenderer") of `canvas` as `T`, when the browser gives
/// one (a canvas too large, or already holding a context of another kind, gets none).
pub fn of<T: JsCast>(canvas: &HtmlCanvasElement, kind: &str) -> Option<T> {
    canvas.get_context(kind).ok().flatten()?.dyn_into().ok()
}
