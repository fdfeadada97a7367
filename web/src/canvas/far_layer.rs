//! The far view's painting: from afar on a crowded board ([`crate::canvas::detail`]) the
//! stickies are painted on one canvas between the links and the sticky elements (an element
//! covers its painted twin exactly, so the pointer moving over stickies repaints nothing),
//! looking as the elements do from afar — the legend's colour or the sticky's own,
//! the drawn (text-fitted) size, no shadow or kind label, and the text at the size the
//! elements give it while it has room to be read — over the links from afar
//! ([`crate::stickies::far_links`]). The canvas covers the drawn window at screen resolution
//! and is repainted when the window moves, the zoom, the board or its links change — never
//! while panning inside the window. It is painted off the page and shown as a finished
//! picture (an `ImageBitmap`), so the browser composites a still image while panning instead
//! of copying a live canvas on every frame.

use std::collections::HashMap;

use leptos::html::Canvas;
use leptos::prelude::*;
use stormwall_model::fit::{KIND_ROW, LINE, PAD};
use stormwall_model::svg::wrap;
use stormwall_model::{Board, StickyKind};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap, ImageBitmapRenderingContext,
};

use crate::canvas::culling::Window;
use crate::canvas::detail::{Detail, FAR};
use crate::canvas::drawing_context;
use crate::shell::state::BoardCtx;
use crate::stickies::far_links;
use crate::stickies::fitting::FitCache;

/// The most pixels the canvas holds (it covers the drawn window, about four views).
const MAX_PIXELS: f64 = 16e6;
/// The sticky text's font, as the board's style sets it.
const FONT: &str = "\"Inter\", \"Noto Sans KR\", \"Noto Sans CJK KR\", system-ui, sans-serif";
/// The colour of sticky text.
const INK: &str = "#1f2430";
/// An empty sticky's placeholder, and its colour.
const PLACEHOLDER: &str = "Type…";
const FAINT: &str = "rgba(0,0,0,0.35)";
/// Text is painted while a sticky's inner width on screen holds this many font sizes.
const TEXT_ROOM: f64 = 2.0;

/// Wrapped lines of text remembered per sticky: (text, width, size) and the lines.
#[derive(Default)]
struct Lines {
    by_id: HashMap<String, (String, f64, f64, Vec<String>)>,
}

impl Lines {
    /// Forgets stickies that are gone, now and then.
    fn prune(&mut self, b: &Board) {
        if self.by_id.len() > b.stickies.len() * 2 + 64 {
            self.by_id.retain(|id, _| b.sticky(id).is_some());
        }
    }

    fn of(&mut self, id: &str, text: &str, width: f64, size: f64) -> &[String] {
        let fresh = self
            .by_id
            .get(id)
            .is_some_and(|l| l.0 == text && l.1 == width && l.2 == size);
        if !fresh {
            let lines = wrap(text, width, size);
            self.by_id
                .insert(id.to_string(), (text.to_string(), width, size, lines));
        }
        &self.by_id[id].3
    }
}

/// What a paint needs besides the board.
struct Paint<'a> {
    g: &'a CanvasRenderingContext2d,
    window: Window,
    zoom: f64,
}

/// Paints the stickies of `b` in the window; returns them (bottom to top) with their drawn
/// rectangles.
fn paint(
    p: &Paint,
    b: &Board,
    fits: &mut FitCache,
    lines: &mut Lines,
) -> Vec<(String, (f64, f64, f64, f64))> {
    let mut hits = Vec::new();
    // The font last set (setting it is dear).
    let mut font = (0.0, 0);
    let text_zoom = (FAR / p.zoom).max(1.0);
    for s in &b.stickies {
        let (size, height) = fits.of(s);
        let (x, y, w, h) = (s.x, s.y, s.w, height);
        if !p.window.overlaps(x, y, w, h) {
            continue;
        }
        hits.push((s.id.clone(), (x, y, w, h)));
        let g = p.g;
        g.set_fill_style_str(b.color_of(s));
        g.fill_rect(x, y, w, h);
        if s.kind == StickyKind::Ui {
            g.set_stroke_style_str("#ced4da");
            g.set_line_width(1.0);
            g.stroke_rect(x + 0.5, y + 0.5, w - 1.0, h - 1.0);
        }
        let size = size * text_zoom;
        let inner = w - 2.0 * PAD;
        if inner < TEXT_ROOM * size {
            continue;
        }
        // An empty sticky shows its placeholder, as the elements do.
        let (text, ink, weight) = if s.text.is_empty() {
            (PLACEHOLDER, FAINT, 400)
        } else {
            (s.text.as_str(), INK, 600)
        };
        // The lines that fit the sticky whole, each squeezed into its width should the
        // estimate of its width have fallen short.
        let (top, bottom) = (y + PAD + KIND_ROW, y + h - PAD);
        g.set_fill_style_str(ink);
        if font != (size, weight) {
            font = (size, weight);
            g.set_font(&format!("{weight} {size}px {FONT}"));
        }
        let lh = size * LINE;
        for (i, line) in lines.of(&s.id, text, inner, size).iter().enumerate() {
            let at = top + lh * (i as f64 + 0.5);
            if at + lh / 2.0 > bottom {
                break;
            }
            let _ = g.fill_text_with_max_width(line, x + PAD, at, inner);
        }
    }
    hits
}

/// The canvas stickies are painted on from afar.
#[component]
pub fn FarStickies(detail: Detail) -> impl IntoView {
    let ctx = BoardCtx::get();
    let canvas = NodeRef::<Canvas>::new();
    // Painted off the page; its picture is handed to the canvas in the page.
    let scratch = StoredValue::new_local(None::<HtmlCanvasElement>);
    let fits = StoredValue::new_local(FitCache::default());
    let lines = StoredValue::new_local(Lines::default());
    let queued = StoredValue::new(false);
    // Counts paints: a picture finished after a newer paint began is dropped.
    let paints = StoredValue::new(0u32);
    let repaint = move || {
        queued.set_value(false);
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        paints.update_value(|n| *n = n.wrapping_add(1));
        let window = ctx.window.get_untracked();
        let (window, true) = (window, detail.painted.get_untracked()) else {
            if el.width() == 0 {
                return;
            }
            el.set_width(0);
            el.set_height(0);
            let _ = el.set_attribute("data-painted", "0");
            let _ = el.set_attribute("style", "display:none");
            if let Some(sc) = scratch.get_value() {
                sc.set_width(0);
                sc.set_height(0);
            }
            detail.hits.set_value(Vec::new());
            return;
        };
        let Some(sc) = scratch.get_value().or_else(|| {
            let sc = document().create_element("canvas").ok()?;
            let sc: HtmlCanvasElement = sc.dyn_into().ok()?;
            scratch.set_value(Some(sc.clone()));
            Some(sc)
        }) else {
            return;
        };
        let zoom = ctx.zoom.get_untracked();
        let (ww, wh) = (window.right - window.left, window.bottom - window.top);
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio().max(1.0));
        let scale = (zoom * dpr).min((MAX_PIXELS / (ww * wh).max(1.0)).sqrt());
        sc.set_width((ww * scale).ceil() as u32);
        sc.set_height((wh * scale).ceil() as u32);
        let Some(g) = drawing_context::of::<CanvasRenderingContext2d>(&sc, "2d") else {
            return;
        };
        let _ = g.set_transform(
            scale,
            0.0,
            0.0,
            scale,
            -window.left * scale,
            -window.top * scale,
        );
        detail
            .links
            .with_untracked(|l| far_links::paint(&g, l, zoom));
        g.set_text_baseline("middle");
        let p = Paint {
            g: &g,
            window,
            zoom,
        };
        let done = ctx.board.with_untracked(|b| {
            fits.try_update_value(|f| {
                f.prune(b);
                lines.try_update_value(|l| {
                    l.prune(b);
                    paint(&p, b, f, l)
                })
            })
            .flatten()
        });
        let Some(hits) = done else {
            return;
        };
        let count = hits.len();
        detail.hits.set_value(hits);
        let paint_no = paints.get_value();
        let place = format!(
            "left:{}px;top:{}px;width:{ww}px;height:{wh}px",
            window.left, window.top
        );
        let picture = leptos::prelude::window().create_image_bitmap_with_html_canvas_element(&sc);
        // The picture holds a copy: the canvas it was taken from gives its memory back.
        sc.set_width(0);
        sc.set_height(0);
        let Ok(picture) = picture else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Ok(bitmap) = JsFuture::from(picture).await else {
                return;
            };
            let bitmap: ImageBitmap = bitmap.unchecked_into();
            if paints.try_get_value() != Some(paint_no) {
                bitmap.close();
                return;
            }
            let Some(shown) =
                drawing_context::of::<ImageBitmapRenderingContext>(&el, "bitmaprenderer")
            else {
                return;
            };
            el.set_width(bitmap.width());
            el.set_height(bitmap.height());
            shown.transfer_from_image_bitmap(&bitmap);
            let _ = el.set_attribute("style", &place);
            let _ = el.set_attribute("data-painted", &count.to_string());
        });
    };
    // One paint per frame at most, after whatever changed in it.
    Effect::new(move |_| {
        detail.painted.track();
        detail.links.track();
        ctx.window.track();
        ctx.zoom.track();
        ctx.board.track();
        if !queued.get_value() {
            queued.set_value(true);
            request_animation_frame(repaint);
        }
    });
    view! { <canvas node_ref=canvas class="far-layer" aria-hidden="true" data-painted="0" width="1" height="1"></canvas> }
}
