//! The board as an SVG picture, for the image export of a whole board or of a selection:
//! bounded-context frames with their names and ranks, links in their communication style
//! (solid request/response, dashed publish/subscribe, dotted otherwise, red when they break
//! the flow grammar) with arrowheads and circuit breakers, and stickies in the board legend's
//! colours with their kind label and wrapped text. The view box fits the content with a
//! margin. Pure string building: the same board always gives the same bytes.

mod relations;
mod timelapse;
mod wrap;

use std::fmt::Write;

use crate::board::{bounds_of, Board, Bounds, Frame, Link, Sticky};
use crate::fit::{shown_rect, KIND_ROW, LINE, PAD};
use crate::flow::{link_role, Role, Style};
use crate::kind::StickyKind;
use crate::legend::Lang;
use crate::relation::Rank;
use crate::routing::geom::{clear_spot, Rect};
use crate::routing::links::{routes, LinkRoute};

pub use timelapse::{timelapse, timelapse_view};
pub use wrap::{clip, fit, width, wrap};

/// Space around the content, in board units.
pub const MARGIN: f64 = 32.0;
/// Font stack of the board (Hangul included).
const FONT: &str = "Inter, 'Noto Sans KR', 'Noto Sans CJK KR', system-ui, sans-serif";
const INK: &str = "#1f2430";
/// How far a frame's name tag reaches above the frame.
const TAG_ABOVE: f64 = 18.0;

/// A rendered picture and its size in pixels (one board unit each).
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The SVG document.
    pub svg: String,
    /// Width of the view box.
    pub width: f64,
    /// Height of the view box.
    pub height: f64,
}

/// XML-escapes text and attribute values, dropping characters XML 1.0 cannot hold.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A number as SVG writes it: finite, at most two decimals, no `-0`.
fn num(v: f64) -> String {
    let r = if v.is_finite() {
        (v * 100.0).round() / 100.0
    } else {
        0.0
    };
    format!("{}", if r == 0.0 { 0.0 } else { r })
}

/// Left, top, right, bottom of what is drawn, or `None` for nothing (stickies at the size
/// their text makes them, links with their bends and labels).
fn bounds(b: &Board, routes: &[(&Link, LinkRoute)], rects: &[Rect]) -> Option<Bounds> {
    let shown: Vec<Sticky> = b
        .stickies
        .iter()
        .map(|s| Sticky {
            h: crate::fit::of(s).height,
            ..s.clone()
        })
        .collect();
    let lines = relations::routed(b)
        .into_iter()
        .flat_map(|(_, r)| r.points)
        .map(|(x, y)| (x - 40.0, y - 20.0, x + 40.0, y + 20.0));
    let bends = routes
        .iter()
        .flat_map(|(_, r)| r.points.iter())
        .map(|&(x, y)| (x, y, x, y));
    let labels = routes
        .iter()
        .filter_map(|(l, r)| label_rect(l, r, rects))
        .map(|(x, y, w, h)| (x, y, x + w, y + h));
    bounds_of(&shown, &b.frames, |_| true, TAG_ABOVE)
        .into_iter()
        .chain(lines)
        .chain(bends)
        .chain(labels)
        .filter(|r| [r.0, r.1, r.2, r.3].iter().all(|v| v.is_finite()))
        .reduce(crate::board::union)
}

/// Renders `board`, or only the part `selection` stands for (see [`Board::part`]).
pub fn render(board: &Board, selection: Option<&[String]>) -> Picture {
    let part;
    let b = match selection {
        Some(ids) => {
            part = board.part(ids);
            &part
        }
        None => board,
    };
    let layout = Layout::of(b);
    let view = layout.view(b);
    picture(b, &layout, view)
}

/// A left, top, width, height view box.
type View = (f64, f64, f64, f64);

/// Where a board's pieces are drawn: each sticky's shown rectangle and each link's route.
struct Layout<'a> {
    rects: Vec<Rect>,
    routes: Vec<(&'a Link, LinkRoute)>,
}

impl<'a> Layout<'a> {
    fn of(b: &'a Board) -> Self {
        let rects: Vec<Rect> = b.stickies.iter().map(shown_rect).collect();
        let routes = link_routes(b, &rects);
        Layout { rects, routes }
    }

    /// The view box that fits the board with a margin.
    fn view(&self, b: &Board) -> View {
        let (x0, y0, x1, y1) =
            bounds(b, &self.routes, &self.rects).unwrap_or((0.0, 0.0, 256.0, 96.0));
        (
            x0 - MARGIN,
            y0 - MARGIN,
            x1 - x0 + 2.0 * MARGIN,
            y1 - y0 + 2.0 * MARGIN,
        )
    }
}

/// The view box that fits `b` with a margin: left, top, width, height.
pub fn view_of(b: &Board) -> View {
    Layout::of(b).view(b)
}

/// Renders `b` in the view box `view` (left, top, width, height), so several boards can share
/// one (see [`timelapse`]).
pub fn render_within(b: &Board, view: View) -> Picture {
    picture(b, &Layout::of(b), view)
}

/// The whole picture of `b` laid out as `layout`, in the view box `view`.
fn picture(b: &Board, layout: &Layout, view: View) -> Picture {
    let mut svg = open_svg(view);
    let _ = write!(svg, "<title>{}</title>", escape(&b.name));
    svg.push_str(DEFS);
    draw_laid_out(&mut svg, b, layout, view);
    svg.push_str("</svg>\n");
    Picture {
        svg,
        width: view.2,
        height: view.3,
    }
}

/// The opening tag of a picture with the view box `view`.
fn open_svg((x, y, width, height): View) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="{FONT}">"#,
        w = num(width),
        h = num(height),
        x = num(x),
        y = num(y),
    )
}

/// The background and everything on `b`, in the view box `view`.
fn draw(svg: &mut String, b: &Board, view: View) {
    draw_laid_out(svg, b, &Layout::of(b), view);
}

/// [`draw`] with the layout already worked out.
fn draw_laid_out(svg: &mut String, b: &Board, layout: &Layout, (x, y, width, height): View) {
    let _ = write!(
        svg,
        r##"<rect class="background" x="{}" y="{}" width="{}" height="{}" fill="#ffffff"/>"##,
        num(x),
        num(y),
        num(width),
        num(height)
    );
    if b.stickies.is_empty() && b.frames.is_empty() {
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="14" fill="#6b7280">Nothing to show</text>"##,
            num(x + width / 2.0),
            num(y + height / 2.0)
        );
    }
    for f in &b.frames {
        frame(svg, f);
    }
    relations::draw(svg, b, &crate::routing::relations::label_obstacles(b));
    for (l, route) in &layout.routes {
        link(svg, b, l, route);
    }
    // Over every line, so no other link crosses them.
    for (l, route) in &layout.routes {
        link_marks(svg, l, route, &layout.rects);
    }
    for s in &b.stickies {
        sticky(svg, b, s);
    }
}

/// Arrowheads (grey, and red for links that break the grammar) and the sticky shadow.
const DEFS: &str = concat!(
    "<defs>",
    r##"<marker id="sw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5c6370"/></marker>"##,
    r##"<marker id="sw-arrow-invalid" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#e03131"/></marker>"##,
    r##"<filter id="sw-shadow" x="-10%" y="-10%" width="130%" height="140%"><feDropShadow dx="0" dy="3" stdDeviation="3.5" flood-color="#000000" flood-opacity="0.14"/></filter>"##,
    "</defs>"
);

/// Border, fill and tag colours of a frame by rank.
fn frame_colors(rank: Option<Rank>) -> (&'static str, &'static str, &'static str) {
    match rank {
        Some(Rank::Core) => ("#f08c00", "#fff4e6", "#d9480f"),
        Some(Rank::Supporting) => ("#4c6ef5", "#edf2ff", "#3b5bdb"),
        Some(Rank::Generic) => ("#868e96", "#f1f3f5", "#6b7280"),
        None => ("#adb5bd", "#ffffff", "#6b7280"),
    }
}

fn frame(svg: &mut String, f: &Frame) {
    let (stroke, fill, tag) = frame_colors(f.rank);
    let _ = write!(
        svg,
        r#"<g class="frame" data-id="{id}" data-rank="{rank}"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="14" fill="{fill}" fill-opacity="0.45" stroke="{stroke}" stroke-width="2" stroke-dasharray="8 6"/>"#,
        id = escape(&f.id),
        rank = f.rank.map(|r| r.as_str()).unwrap_or("none"),
        x = num(f.x),
        y = num(f.y),
        w = num(f.w.max(0.0)),
        h = num(f.h.max(0.0)),
    );
    let rank = f.rank.map(|r| r.label_en().to_uppercase());
    if !f.name.is_empty() || rank.is_some() {
        let name_w = width(&f.name, 14.0);
        let rank_w = rank.as_deref().map_or(0.0, |r| width(r, 10.0) + 16.0);
        let tag_w = 24.0 + name_w + rank_w;
        let (tx, ty) = (f.x + 10.0, f.y - TAG_ABOVE);
        let _ = write!(
            svg,
            r##"<rect x="{}" y="{}" width="{}" height="30" rx="15" fill="#ffffff" stroke="#e3e6ec"/><text class="frame-name" x="{}" y="{}" font-size="14" font-weight="700" fill="{INK}">{}</text>"##,
            num(tx),
            num(ty),
            num(tag_w),
            num(tx + 12.0),
            num(ty + 20.0),
            escape(&f.name)
        );
        if let Some(r) = rank {
            let _ = write!(
                svg,
                r#"<text x="{}" y="{}" font-size="10" font-weight="700" letter-spacing="0.5" fill="{tag}">{r}</text>"#,
                num(tx + 12.0 + name_w + 12.0),
                num(ty + 19.0)
            );
        }
    }
    svg.push_str("</g>");
}

/// Every link whose ends are on the board with its route (stickies at their drawn size).
fn link_routes<'a>(b: &'a Board, rects: &[Rect]) -> Vec<(&'a Link, LinkRoute)> {
    let index = |id: &str| b.stickies.iter().position(|s| s.id == id);
    let kept: Vec<(&Link, (usize, usize))> = b
        .links
        .iter()
        .filter_map(|l| Some((l, (index(&l.from)?, index(&l.to)?))))
        .collect();
    let pairs: Vec<(usize, usize)> = kept.iter().map(|(_, p)| *p).collect();
    kept.into_iter()
        .map(|(l, _)| l)
        .zip(routes(rects.to_vec(), &pairs))
        .collect()
}

/// Draws a link along its route.
fn link(svg: &mut String, b: &Board, l: &Link, route: &LinkRoute) {
    let (Some(a), Some(z)) = (b.sticky(&l.from), b.sticky(&l.to)) else {
        return;
    };
    if route.points.is_empty() {
        return;
    }
    let role = link_role(a.kind, z.kind);
    let dash = match role.style() {
        Style::RequestResponse => "",
        Style::PublishSubscribe => r#" stroke-dasharray="8 6""#,
        Style::None => r#" stroke-dasharray="2 5""#,
    };
    let (stroke, marker) = match (role, role.style()) {
        (Role::Invalid, _) => ("#e03131", "sw-arrow-invalid"),
        (_, Style::None) => ("#868e96", "sw-arrow"),
        _ => ("#5c6370", "sw-arrow"),
    };
    let _ = write!(
        svg,
        r#"<g class="link" data-id="{}" data-style="{}" data-circuit-breaker="{}"><path d="{}" fill="none" stroke="{stroke}" stroke-width="2"{dash} marker-end="url(#{marker})"/></g>"#,
        escape(&l.id),
        role.style().as_str(),
        l.circuit_breaker,
        route.path(),
    );
}

/// Size of a link's label pill for `text`.
pub fn label_size(text: &str) -> (f64, f64) {
    (width(text, LABEL_SIZE) + 16.0, 22.0)
}

/// Font size of link labels.
pub const LABEL_SIZE: f64 = 12.0;

/// Where a link's label goes: by its middle, clear of the stickies.
pub fn label_spot(text: &str, route: &LinkRoute, rects: &[Rect]) -> (f64, f64) {
    clear_spot(&route.points, route.middle(), label_size(text), rects, 8.0)
}

/// A link's label and circuit breaker, drawn over every line.
fn link_marks(svg: &mut String, l: &Link, route: &LinkRoute, rects: &[Rect]) {
    if route.points.is_empty() {
        return;
    }
    if l.circuit_breaker {
        let (x, y) = route.middle();
        let _ = write!(
            svg,
            r##"<g class="circuit-breaker" transform="translate({},{})"><rect x="-15" y="-10" width="30" height="20" rx="10" fill="#ffffff" stroke="#2f9e44" stroke-width="2"/><text text-anchor="middle" y="4" font-size="10" font-weight="700" fill="#2f9e44">CB</text></g>"##,
            num(x),
            num(y)
        );
    }
    if let Some((x, y, w, h)) = label_rect(l, route, rects) {
        let _ = write!(
            svg,
            r##"<g class="link-label" data-link="{}"><rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="#ffffff" stroke="#ced4da"/><text x="{}" y="{}" text-anchor="middle" font-size="{LABEL_SIZE}" fill="{INK}">{}</text></g>"##,
            escape(&l.id),
            num(x),
            num(y),
            num(w),
            num(h),
            num(x + w / 2.0),
            num(y + h / 2.0 + 4.0),
            escape(&l.label)
        );
    }
}

/// The box (x, y, w, h) of a link's label, if it has one: on the line by its middle, clear of
/// the stickies, below its circuit breaker rather than under it.
fn label_rect(l: &Link, route: &LinkRoute, rects: &[Rect]) -> Option<Rect> {
    if l.label.is_empty() || route.points.is_empty() {
        return None;
    }
    let (w, h) = label_size(&l.label);
    let (x, y) = label_spot(&l.label, route, rects);
    let y = if l.circuit_breaker { y + 24.0 } else { y };
    Some((x - w / 2.0, y - h / 2.0, w, h))
}

fn sticky(svg: &mut String, b: &Board, s: &Sticky) {
    let fitted = crate::fit::of(s);
    let (w, h) = (s.w.max(0.0), fitted.height.max(0.0));
    let border = if s.kind == StickyKind::Ui {
        r##" stroke="#ced4da""##
    } else {
        ""
    };
    let _ = write!(
        svg,
        r#"<g class="sticky" data-id="{}" data-kind="{}"><rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}"{border} filter="url(#sw-shadow)"/>"#,
        escape(&s.id),
        s.kind.as_str(),
        num(s.x),
        num(s.y),
        num(w),
        num(h),
        escape(b.color_of(s)),
    );
    let inner = (w - 2.0 * PAD).max(0.0);
    let kind = fit(
        &b.legend.label(s.kind, Lang::En).to_uppercase(),
        inner,
        10.0,
    );
    let _ = write!(
        svg,
        r#"<text class="sticky-kind" x="{}" y="{}" font-size="10" letter-spacing="0.6" fill="{INK}" fill-opacity="0.6">{}</text>"#,
        num(s.x + PAD),
        num(s.y + PAD + 9.0),
        escape(&kind)
    );
    let _ = write!(
        svg,
        r#"<text class="sticky-text" font-size="{}" font-weight="600" fill="{INK}">"#,
        num(fitted.size)
    );
    let top = s.y + PAD + KIND_ROW + fitted.size;
    for (i, line) in fitted.lines.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<tspan x="{}" y="{}">{}</tspan>"#,
            num(s.x + PAD),
            num(top + i as f64 * fitted.size * LINE),
            escape(line)
        );
    }
    svg.push_str("</text></g>");
}

#[cfg(test)]
mod tests;
