//! The context map in the picture: each declared relation between two frames drawn along its
//! route (the canvas's, from [`crate::routing::relations`]), with the patterns of the relation
//! as a whole in a pill on the line where it covers no sticky, and U / D markers with the
//! patterns of each end.

use std::fmt::Write;

use super::{escape, num, width};
use crate::board::Board;
use crate::relation::{directed, patterns_label, End, Relation};
use crate::routing::geom::{clear_spot, Rect};
use crate::routing::relations::{marker_spots, routes, Route};

const PURPLE: &str = "#7048e8";

/// The declared relations whose frames are both on `b`, with their routes.
pub fn routed(b: &Board) -> Vec<(&Relation, Route)> {
    let frame = |id: &str| b.frames.iter().position(|f| f.id == id);
    let kept: Vec<(&Relation, (usize, usize))> = b
        .relations
        .iter()
        .filter_map(|r| Some((r, (frame(&r.upstream)?, frame(&r.downstream)?))))
        .collect();
    if kept.is_empty() {
        return Vec::new();
    }
    let rects: Vec<Rect> = b.frames.iter().map(|f| (f.x, f.y, f.w, f.h)).collect();
    let pairs: Vec<(usize, usize)> = kept.iter().map(|(_, p)| *p).collect();
    kept.into_iter()
        .map(|(r, _)| r)
        .zip(routes(&rects, &pairs))
        .collect()
}

/// A pill of `text` centred at (`x`, `y`).
fn pill(svg: &mut String, (x, y): (f64, f64), text: &str, class: &str) {
    let w = width(text, 12.0) + 22.0;
    let _ = write!(
        svg,
        r##"<g class="{class}"><rect x="{}" y="{}" width="{}" height="24" rx="12" fill="#ffffff" stroke="{PURPLE}" stroke-width="1.5"/><text x="{}" y="{}" text-anchor="middle" font-size="12" font-weight="700" fill="#5f3dc4">{}</text></g>"##,
        num(x - w / 2.0),
        num(y - 12.0),
        num(w),
        num(x),
        num(y + 4.0),
        escape(text)
    );
}

/// Draws the declared relations of `b`, their labels clear of the stickies `rects`.
pub fn draw(svg: &mut String, b: &Board, rects: &[Rect]) {
    for (r, route) in routed(b) {
        let _ = write!(
            svg,
            r#"<g class="context-relation" data-id="{}" data-upstream="{}" data-downstream="{}"><path d="{}" fill="none" stroke="{PURPLE}" stroke-width="2.5"/>"#,
            escape(&r.id),
            escape(&r.upstream),
            escape(&r.downstream),
            route.path()
        );
        let whole = patterns_label(&r.patterns, End::Both);
        let text = if r.patterns.is_empty() {
            "No pattern".to_string()
        } else {
            whole
        };
        let mut avoid = rects.to_vec();
        if !text.is_empty() {
            let size = (width(&text, 12.0) + 28.0, 28.0);
            let at = clear_spot(&route.points, route.label(), size, rects, 12.0);
            pill(svg, at, &text, "relation-label");
            avoid.push((at.0 - size.0 / 2.0, at.1 - size.1 / 2.0, size.0, size.1));
        }
        if directed(&r.patterns) {
            let [up, down] = [("U", End::Upstream), ("D", End::Downstream)].map(|(letter, end)| {
                let extra = patterns_label(&r.patterns, end);
                if extra.is_empty() {
                    letter.to_string()
                } else {
                    format!("{letter} · {extra}")
                }
            });
            let (at_up, at_down) = marker_spots(&route, [&up, &down], &avoid);
            pill(svg, at_up, &up, "relation-end");
            pill(svg, at_down, &down, "relation-end");
        }
        svg.push_str("</g>");
    }
}
