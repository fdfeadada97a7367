//! The minimap in the bottom-right corner: every frame and sticky of the board drawn small, in
//! their colours, on one `<canvas>` (redrawn only when the shapes or the mapped area change, so
//! a 2,000-sticky board stays fast), with the part of the board the view shows outlined.
//! Clicking or dragging on it centres the view there. It folds away (the zoom controls bring
//! it back); this browser remembers which.

use std::collections::BTreeMap;

use leptos::html::Canvas;
use leptos::prelude::*;
use stormwall_model::Rank;
use wasm_bindgen::JsCast;

use crate::canvas::drawing_context;
use crate::canvas::geometry::{union, Bounds, Margins};
use crate::shell::prefs;
use crate::shell::state::BoardCtx;

/// Size of the map in CSS pixels.
const W: f64 = 216.0;
const H: f64 = 128.0;
/// Space kept free around the drawing, in CSS pixels.
const PAD: f64 = 8.0;

/// Canvas margins (left, top, right, bottom) that keep what is fitted into the view clear of
/// the palette, the zoom controls and, when it is open, the minimap: beside the minimap or
/// above it, whichever shows more. `right` is the least room to leave on the right.
pub fn free_margins(right: f64) -> Vec<Margins> {
    // Palette on the left; zoom controls (and the dock's margin) below.
    let (left, top, bottom) = (230.0, 24.0, 72.0);
    if prefs::minimap().get_untracked() {
        // The map with its card and the zoom controls below it, and some air.
        let (dock_w, dock_h) = (W + 40.0, H + 84.0);
        vec![
            (left, top, right.max(dock_w), bottom),
            (left, top, right, bottom.max(dock_h)),
        ]
    } else {
        vec![(left, top, right, bottom)]
    }
}

/// What the map draws, in board units: stickies with their colour (an index into `colors`,
/// so reading a big board allocates no string per sticky), frames with their rank.
#[derive(Debug, Clone, PartialEq, Default)]
struct Shapes {
    stickies: Vec<(Bounds, usize)>,
    colors: Vec<String>,
    frames: Vec<(Bounds, Option<Rank>)>,
    /// Everything together.
    all: Option<Bounds>,
}

/// Board point to map pixel: `map = board * scale + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Mapping {
    scale: f64,
    dx: f64,
    dy: f64,
}

impl Mapping {
    /// The mapping that shows `world` whole and centred on the map.
    fn fitting((x0, y0, x1, y1): Bounds) -> Mapping {
        let (w, h) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
        let scale = ((W - 2.0 * PAD) / w).min((H - 2.0 * PAD) / h);
        Mapping {
            scale,
            dx: (W - w * scale) / 2.0 - x0 * scale,
            dy: (H - h * scale) / 2.0 - y0 * scale,
        }
    }

    fn to_map(self, (x, y): (f64, f64)) -> (f64, f64) {
        (x * self.scale + self.dx, y * self.scale + self.dy)
    }

    fn to_board(self, (x, y): (f64, f64)) -> (f64, f64) {
        ((x - self.dx) / self.scale, (y - self.dy) / self.scale)
    }
}

fn frame_colors(rank: Option<Rank>) -> (&'static str, &'static str) {
    match rank {
        Some(Rank::Core) => ("rgba(255,244,230,.9)", "#f08c00"),
        Some(Rank::Supporting) => ("rgba(237,242,255,.9)", "#4c6ef5"),
        Some(Rank::Generic) => ("rgba(241,243,245,.9)", "#868e96"),
        None => ("rgba(255,255,255,.7)", "#adb5bd"),
    }
}

/// Draws the shapes; stickies grouped by colour, so the fill changes a few times, not per sticky.
fn draw(canvas: &web_sys::HtmlCanvasElement, m: Mapping, shapes: &Shapes) {
    let dpr = window().device_pixel_ratio().max(1.0);
    canvas.set_width((W * dpr) as u32);
    canvas.set_height((H * dpr) as u32);
    let Some(g) = drawing_context::of::<web_sys::CanvasRenderingContext2d>(canvas, "2d") else {
        return;
    };
    let _ = g.scale(dpr, dpr);
    let rect = |(x0, y0, x1, y1): Bounds, min: f64| {
        let (mx, my) = m.to_map((x0, y0));
        let w = ((x1 - x0) * m.scale).max(min);
        let h = ((y1 - y0) * m.scale).max(min);
        (mx, my, w, h)
    };
    g.set_line_width(1.0);
    for (b, rank) in &shapes.frames {
        let (fill, stroke) = frame_colors(*rank);
        let (x, y, w, h) = rect(*b, 2.0);
        g.set_fill_style_str(fill);
        g.fill_rect(x, y, w, h);
        g.set_stroke_style_str(stroke);
        g.stroke_rect(x + 0.5, y + 0.5, w - 1.0, h - 1.0);
    }
    let mut by_color: BTreeMap<usize, Vec<Bounds>> = BTreeMap::new();
    for (b, c) in &shapes.stickies {
        by_color.entry(*c).or_default().push(*b);
    }
    for (color, boxes) in by_color {
        g.set_fill_style_str(&shapes.colors[color]);
        for b in boxes {
            let (x, y, w, h) = rect(b, 1.5);
            g.fill_rect(x, y, w, h);
        }
    }
}

/// The minimap, while it is open (the zoom controls open it again).
/// The view's box snapped outward to a quarter of the larger of `board` and the view: what of
/// the view the map includes, so that the map is redrawn only when panning crosses such a
/// step, not on every frame.
fn outward(v: Bounds, board: Bounds) -> Bounds {
    let q = 0.25
        * (board.2 - board.0)
            .max(board.3 - board.1)
            .max(v.2 - v.0)
            .max(v.3 - v.1);
    if q <= 0.0 {
        return v;
    }
    let (down, up) = (|x: f64| (x / q).floor() * q, |x: f64| (x / q).ceil() * q);
    (down(v.0), down(v.1), up(v.2), up(v.3))
}

#[component]
pub fn Minimap() -> impl IntoView {
    let ctx = BoardCtx::get();
    let open = prefs::minimap();
    let canvas = NodeRef::<Canvas>::new();
    let shapes = Memo::new(move |_| {
        ctx.with_layout(|b| {
            let mut colors: Vec<String> = Vec::new();
            let stickies: Vec<(Bounds, usize)> = b
                .stickies
                .iter()
                .map(|s| {
                    let c = b.color_of(s);
                    let i = colors.iter().position(|k| k == c).unwrap_or_else(|| {
                        colors.push(c.to_string());
                        colors.len() - 1
                    });
                    ((s.x, s.y, s.x + s.w, s.y + s.h), i)
                })
                .collect();
            let frames: Vec<(Bounds, Option<Rank>)> = b
                .frames
                .iter()
                .map(|f| ((f.x, f.y, f.x + f.w, f.y + f.h), f.rank))
                .collect();
            let all = stickies
                .iter()
                .map(|s| s.0)
                .chain(frames.iter().map(|f| f.0))
                .reduce(union);
            Shapes {
                stickies,
                colors,
                frames,
                all,
            }
        })
    });
    // The canvas size, kept up to date as the window resizes.
    let size = RwSignal::new(ctx.viewport());
    let resize = window_event_listener(leptos::ev::resize, move |_| size.set(ctx.viewport()));
    on_cleanup(move || resize.remove());
    // The board area the view shows.
    let seen = Memo::new(move |_| {
        let (px, py) = ctx.pan.get();
        let z = ctx.zoom.get();
        let (vw, vh) = size.get();
        (-px / z, -py / z, (vw - px) / z, (vh - py) / z)
    });
    // Fixed while dragging on the map, so the point under the pointer stays put.
    let held = RwSignal::new(None::<Mapping>);
    let mapping = Memo::new(move |_| {
        held.get().unwrap_or_else(|| {
            let world = match shapes.with(|s| s.all) {
                Some((x0, y0, x1, y1)) => {
                    let pad = 0.04 * (x1 - x0).max(y1 - y0);
                    let board = (x0 - pad, y0 - pad, x1 + pad, y1 + pad);
                    union(board, outward(seen.get(), board))
                }
                None => seen.get(),
            };
            Mapping::fitting(world)
        })
    });
    Effect::new(move |_| {
        let m = mapping.get();
        if let Some(c) = canvas.get() {
            shapes.with(|s| draw(&c, m, s));
        }
    });
    let view_box = move || {
        let m = mapping.get();
        let (x0, y0, x1, y1) = seen.get();
        let (l, t) = m.to_map((x0, y0));
        let (r, b) = m.to_map((x1, y1));
        // Moved by a transform on a layer of its own: panning the board repaints nothing.
        format!(
            "transform:translate({l:.1}px,{t:.1}px);width:{:.1}px;height:{:.1}px",
            r - l,
            b - t
        )
    };
    let centre_at_pointer = move |ev: &web_sys::PointerEvent| {
        let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let at = (
            ev.client_x() as f64 - r.left(),
            ev.client_y() as f64 - r.top(),
        );
        let (x, y) = mapping.get_untracked().to_board(at);
        ctx.centre_at(x, y, 0.0);
    };
    let press = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        held.set(Some(mapping.get_untracked()));
        centre_at_pointer(&ev);
    };
    let drag = move |ev: web_sys::PointerEvent| {
        if held.get_untracked().is_some() {
            centre_at_pointer(&ev);
        }
    };
    let release = move |_: web_sys::PointerEvent| held.set(None);
    let toggle = {
        let open = open.clone();
        move |_| open.toggle()
    };

    view! {
        {move || if open.get() {
            view! {
                <section class="minimap" aria-label="Minimap">
                    <div
                        class="minimap-surface"
                        style=format!("width:{W}px;height:{H}px")
                        data-map=move || { let m = mapping.get(); format!("{} {} {}", m.scale, m.dx, m.dy) }
                        title="Click or drag to move the view"
                        on:pointerdown=press
                        on:pointermove=drag
                        on:pointerup=release
                        on:pointercancel=release
                    >
                        <canvas node_ref=canvas style=format!("width:{W}px;height:{H}px")></canvas>
                        <div class="minimap-view" style=view_box></div>
                    </div>
                    <button class="minimap-toggle" title="Hide the minimap" on:click=toggle.clone()>"×"</button>
                </section>
            }.into_any()
        } else {
            ().into_any()
        }}
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_view_reaches_the_map_in_quarter_steps() {
        let board = (0.0, 0.0, 400.0, 200.0);
        assert_eq!(
            super::outward((10.0, 10.0, 90.0, 60.0), board),
            (0.0, 0.0, 100.0, 100.0)
        );
        assert_eq!(
            super::outward((12.0, 5.0, 95.0, 55.0), board),
            (0.0, 0.0, 100.0, 100.0)
        );
        assert_eq!(
            super::outward((-30.0, 0.0, 50.0, 40.0), board),
            (-100.0, 0.0, 100.0, 100.0)
        );
    }
    use super::Mapping;

    #[test]
    fn the_world_fits_the_map_and_maps_back() {
        let m = Mapping::fitting((-1000.0, 0.0, 1000.0, 500.0));
        let (l, t) = m.to_map((-1000.0, 0.0));
        let (r, b) = m.to_map((1000.0, 500.0));
        assert!(l >= 0.0 && t >= 0.0 && r <= super::W && b <= super::H);
        assert!(
            (r - l - (super::W - 2.0 * super::PAD)).abs() < 1e-9,
            "fills the width"
        );
        let p = m.to_board(m.to_map((123.0, 45.0)));
        assert!((p.0 - 123.0).abs() < 1e-9 && (p.1 - 45.0).abs() < 1e-9);
    }
}
