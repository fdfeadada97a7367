//! Pictures of the board in the browser: the model's SVG rendering turned into a PNG by
//! decoding it as an image, drawing it on a canvas at twice its size (less for boards too big
//! for a canvas) and encoding the canvas with `toBlob`.

use stormwall_model::svg::Picture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::files::browser_files;

/// Pixels per board unit of a PNG, when the board is small enough.
pub const PNG_SCALE: f64 = 2.0;
/// Longest side of a PNG, in pixels (browsers refuse bigger canvases).
const MAX_SIDE: f64 = 16_000.0;
/// Most pixels in a PNG (about 160 MB of canvas memory).
const MAX_PIXELS: f64 = 40_000_000.0;

/// Pixels per board unit for a picture of `width` × `height` units.
pub fn png_scale(width: f64, height: f64) -> f64 {
    PNG_SCALE
        .min(MAX_SIDE / width.max(1.0))
        .min(MAX_SIDE / height.max(1.0))
        .min((MAX_PIXELS / (width.max(1.0) * height.max(1.0))).sqrt())
}

fn js_error(what: &str) -> impl Fn(JsValue) -> String + '_ {
    move |e: JsValue| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_default();
        if detail.is_empty() {
            what.to_string()
        } else {
            format!("{what} ({detail})")
        }
    }
}

/// Decodes an SVG document as an image.
pub async fn decode(svg: &str) -> Result<web_sys::HtmlImageElement, String> {
    let blob = browser_files::text_blob("image/svg+xml;charset=utf-8", svg)
        .map_err(js_error("cannot hold the picture"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(js_error("cannot hold the picture"))?;
    let img = web_sys::HtmlImageElement::new().map_err(js_error("no image support"))?;
    img.set_src(&url);
    let decoded = JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(js_error("the browser could not draw the picture"))?;
    Ok(img)
}

/// Encodes a canvas as PNG.
async fn encode(canvas: &web_sys::HtmlCanvasElement) -> Result<web_sys::Blob, String> {
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        let callback = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if let Err(e) = canvas.to_blob_with_type(callback.unchecked_ref(), "image/png") {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    let blob = JsFuture::from(done)
        .await
        .map_err(js_error("the browser could not encode the PNG"))?;
    blob.dyn_into::<web_sys::Blob>()
        .map_err(|_| "the browser could not encode the PNG (the picture may be too large)".into())
}

/// The picture as a PNG blob.
pub async fn png(picture: &Picture) -> Result<web_sys::Blob, String> {
    let img = decode(&picture.svg).await?;
    let scale = png_scale(picture.width, picture.height);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("no canvas support")?;
    canvas.set_width((picture.width * scale).ceil() as u32);
    canvas.set_height((picture.height * scale).ceil() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = crate::canvas::drawing_context::of(&canvas, "2d")
        .ok_or("the picture is too large for a canvas")?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        picture.width * scale,
        picture.height * scale,
    )
    .map_err(js_error("the browser could not draw the picture"))?;
    encode(&canvas).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_boards_get_twice_the_pixels_big_ones_what_a_canvas_holds() {
        assert_eq!(png_scale(800.0, 600.0), 2.0);
        let s = png_scale(30_000.0, 2_000.0);
        assert!(30_000.0 * s <= MAX_SIDE);
        let s = png_scale(9_000.0, 9_000.0);
        assert!(9_000.0 * 9_000.0 * s * s <= MAX_PIXELS * 1.0001);
        assert!(png_scale(0.0, 0.0).is_finite());
    }
}
