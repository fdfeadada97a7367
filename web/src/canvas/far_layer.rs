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
use crate::stickies::far_links::{self, Bundle};
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

/// How long one slice of a paint may take before the page is given back: a wall of stickies
/// is painted over several tasks, input answered between them, and shown when finished.
const SLICE_MS: f64 = 8.0;

/// A paint under way: the stickies painted so far (bottom to top, with their drawn
/// rectangles) and where the next slice starts.
#[derive(Default)]
struct Progress {
    hits: Vec<(String, (f64, f64, f64, f64))>,
    next: usize,
    /// The next bundle of links to paint (before any sticky).
    next_links: usize,
    /// The font last set (setting it is dear).
    font: (f64, u16),
}

/// Paints the stickies of `b` in the window from `progress.next` on, until `deadline`
/// ([`now`]); returns whether every sticky has been painted.
fn paint(
    p: &Paint,
    b: &Board,
    fits: &mut FitCache,
    lines: &mut Lines,
    progress: &mut Progress,
    deadline: f64,
) -> bool {
    let text_zoom = (FAR / p.zoom).max(1.0);
    let mut since_check = 0;
    while let Some(s) = b.stickies.get(progress.next) {
        since_check += 1;
        if since_check == 32 {
            since_check = 0;
            if now() > deadline {
                return false;
            }
        }
        progress.next += 1;
        let (size, height) = fits.of(s);
        let (x, y, w, h) = (s.x, s.y, s.w, height);
        if !p.window.overlaps(x, y, w, h) {
            continue;
        }
        progress.hits.push((s.id.clone(), (x, y, w, h)));
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
        if progress.font != (size, weight) {
            progress.font = (size, weight);
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
    true
}

/// The clock, in milliseconds.
fn now() -> f64 {
    js_sys::Date::now()
}

/// The far layer's state, shared by its paints (handles only, so it is `Copy`).
#[derive(Clone, Copy)]
struct Layer {
    ctx: BoardCtx,
    detail: Detail,
    canvas: NodeRef<Canvas>,
    /// Painted off the page; its picture is handed to the canvas in the page.
    scratch: StoredValue<Option<HtmlCanvasElement>, LocalStorage>,
    fits: StoredValue<FitCache, LocalStorage>,
    lines: StoredValue<Lines, LocalStorage>,
    /// A repaint was asked for and has not begun.
    queued: StoredValue<bool>,
    /// A paint is under way, over slices of its own.
    painting: StoredValue<bool>,
    /// Counts paints: a picture finished after a newer paint began is dropped.
    paints: StoredValue<u32>,
}

/// One paint: where it draws and what of the board it has painted.
struct Job {
    g: CanvasRenderingContext2d,
    sc: HtmlCanvasElement,
    el: HtmlCanvasElement,
    window: Window,
    zoom: f64,
    /// Canvas pixels per board unit.
    scale: f64,
    /// The canvas is cleared and its transform set: the first slice does it, alone.
    set_up: std::cell::Cell<bool>,
    no: u32,
    /// The links to paint under the stickies, a bundle at a time.
    links: Vec<Bundle>,
    progress: std::cell::RefCell<Progress>,
}

impl Job {
    /// Paints bundles of links until `deadline` (at least one); whether all are painted.
    fn paint_links(&self, deadline: f64) -> bool {
        let mut progress = self.progress.borrow_mut();
        while let Some(bundle) = self.links.get(progress.next_links) {
            if progress.next_links > 0 && now() > deadline {
                return false;
            }
            far_links::paint(&self.g, std::slice::from_ref(bundle), self.zoom);
            progress.next_links += 1;
        }
        true
    }
}

impl Layer {
    /// Asks for a repaint in the next frame, or once the paint under way is finished: a
    /// paint always finishes, however often the board changes meanwhile (fifty people
    /// typing), and the next one shows what changed.
    fn request(self) {
        if self.queued.get_value() {
            return;
        }
        self.queued.set_value(true);
        if !self.painting.get_value() {
            request_animation_frame(move || self.repaint());
        }
    }

    /// Whether the canvas is empty and hidden, as it is while stickies are elements.
    fn cleared(self) -> bool {
        !self.painting.get_value()
            && self
                .canvas
                .get_untracked()
                .is_some_and(|el| el.width() == 0)
    }

    /// A paint ended (finished, or left for a newer one).
    fn ended(self) {
        self.painting.set_value(false);
        if self.queued.get_value() {
            request_animation_frame(move || self.repaint());
        }
    }

    fn repaint(self) {
        self.queued.set_value(false);
        let Some(el) = self.canvas.get_untracked() else {
            return;
        };
        self.paints.update_value(|n| *n = n.wrapping_add(1));
        let window = self.ctx.window.get_untracked();
        if !self.detail.painted.get_untracked() {
            if el.width() != 0 {
                el.set_width(0);
                el.set_height(0);
                let _ = el.set_attribute("data-painted", "0");
                let _ = el.set_attribute("data-links", "0");
                let _ = el.set_attribute("style", "display:none");
                if let Some(sc) = self.scratch.get_value() {
                    sc.set_width(0);
                    sc.set_height(0);
                }
                self.detail.hits.set_value(Vec::new());
            }
            return;
        }
        let Some(sc) = self.scratch.get_value().or_else(|| {
            let sc = document().create_element("canvas").ok()?;
            let sc: HtmlCanvasElement = sc.dyn_into().ok()?;
            self.scratch.set_value(Some(sc.clone()));
            Some(sc)
        }) else {
            return;
        };
        let zoom = self.ctx.zoom.get_untracked();
        let (ww, wh) = (window.right - window.left, window.bottom - window.top);
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio().max(1.0));
        let scale = (zoom * dpr).min((MAX_PIXELS / (ww * wh).max(1.0)).sqrt());
        // Resizing a canvas gives its memory back and takes it anew: only when the size
        // changes (panning from afar keeps it).
        let (w, h) = ((ww * scale).ceil() as u32, (wh * scale).ceil() as u32);
        if (sc.width(), sc.height()) != (w, h) {
            sc.set_width(w);
            sc.set_height(h);
        }
        let Some(g) = drawing_context::of::<CanvasRenderingContext2d>(&sc, "2d") else {
            return;
        };
        self.painting.set_value(true);
        let job = std::rc::Rc::new(Job {
            g,
            sc,
            el,
            window,
            zoom,
            scale,
            set_up: Default::default(),
            no: self.paints.get_value(),
            links: self.detail.links.get_untracked(),
            progress: Default::default(),
        });
        self.slice_next(job);
    }

    /// Goes on with `job` in a task of its own.
    fn slice_next(self, job: std::rc::Rc<Job>) {
        set_timeout(move || self.slice(job), std::time::Duration::ZERO);
    }

    /// Paints for [`SLICE_MS`], then goes on in a task of its own, or shows the picture when
    /// done. A paint for a window or zoom the view has left is abandoned.
    fn slice(self, job: std::rc::Rc<Job>) {
        let current = self.paints.try_get_value() == Some(job.no)
            && self.ctx.window.get_untracked() == job.window
            && self.ctx.zoom.get_untracked() == job.zoom
            && self.detail.painted.get_untracked();
        if !current {
            return self.ended();
        }
        // A canvas takes its memory as its drawing state is first touched, tens of
        // milliseconds for a window of four views: the first slice only clears the canvas
        // and sets its transform, in a task of its own.
        if !job.set_up.replace(true) {
            let (g, scale, w) = (&job.g, job.scale, job.window);
            let _ = g.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            g.clear_rect(0.0, 0.0, job.sc.width().into(), job.sc.height().into());
            let _ = g.set_transform(scale, 0.0, 0.0, scale, -w.left * scale, -w.top * scale);
            g.set_text_baseline("middle");
            return self.slice_next(job);
        }
        let p = Paint {
            g: &job.g,
            window: job.window,
            zoom: job.zoom,
        };
        let deadline = now() + SLICE_MS;
        if !job.paint_links(deadline) {
            return self.slice_next(job);
        }
        let fresh = job.progress.borrow().next == 0;
        let done = self.ctx.board.with_untracked(|b| {
            self.fits
                .try_update_value(|f| {
                    self.lines.try_update_value(|l| {
                        if fresh {
                            f.prune(b);
                            l.prune(b);
                        }
                        paint(&p, b, f, l, &mut job.progress.borrow_mut(), deadline)
                    })
                })
                .flatten()
        });
        match done {
            Some(true) => {
                let hits = std::mem::take(&mut job.progress.borrow_mut().hits);
                self.show(&job, hits);
                self.ended();
            }
            Some(false) => self.slice_next(job),
            None => {}
        }
    }

    /// Shows a finished paint: its picture on the page, its stickies for hit-testing.
    fn show(self, job: &Job, hits: Vec<(String, (f64, f64, f64, f64))>) {
        let count = hits.len();
        let links: usize = job.links.iter().map(|b| b.links).sum();
        self.detail.hits.set_value(hits);
        let w = job.window;
        let place = format!(
            "left:{}px;top:{}px;width:{}px;height:{}px",
            w.left,
            w.top,
            w.right - w.left,
            w.bottom - w.top
        );
        // The picture holds a copy. The canvas it was taken from keeps its memory for the
        // next paint while the board is seen from afar (someone typing repaints it), and
        // gives it back when the stickies become elements.
        let picture =
            leptos::prelude::window().create_image_bitmap_with_html_canvas_element(&job.sc);
        let Ok(picture) = picture else {
            return;
        };
        let (el, no, paints) = (job.el.clone(), job.no, self.paints);
        leptos::task::spawn_local(async move {
            let Ok(bitmap) = JsFuture::from(picture).await else {
                return;
            };
            let bitmap: ImageBitmap = bitmap.unchecked_into();
            if paints.try_get_value() != Some(no) {
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
            let _ = el.set_attribute("data-links", &links.to_string());
        });
    }
}

/// The canvas stickies are painted on from afar.
#[component]
pub fn FarStickies(
    detail: Detail,
    /// The stickies' fits, shared with the link layer.
    fits: StoredValue<FitCache, LocalStorage>,
) -> impl IntoView {
    let layer = Layer {
        ctx: BoardCtx::get(),
        detail,
        canvas: NodeRef::new(),
        scratch: StoredValue::new_local(None),
        fits,
        lines: StoredValue::new_local(Lines::default()),
        queued: StoredValue::new(false),
        painting: StoredValue::new(false),
        paints: StoredValue::new(0),
    };
    // One paint at a time, after whatever changed. While stickies are elements the layer,
    // once cleared, has nothing to follow: others' typing then asks for no frames here.
    Effect::new(move |_| {
        if !detail.painted.get() && layer.cleared() {
            return;
        }
        detail.links.track();
        layer.ctx.window.track();
        layer.ctx.zoom.track();
        layer.ctx.board.track();
        layer.request();
    });
    let canvas = layer.canvas;
    view! { <canvas node_ref=canvas class="far-layer" aria-hidden="true" data-painted="0" data-links="0" width="1" height="1"></canvas> }
}
