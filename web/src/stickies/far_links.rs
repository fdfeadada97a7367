//! Links seen from afar on a crowded board (while the stickies are painted, see
//! [`crate::canvas::detail`]): one path per line style, and one for their arrowheads, painted
//! on the far canvas under the stickies ([`crate::canvas::far_layer`]) instead of an element
//! per link, so opening or fitting a board with thousands of links builds no element for them
//! and panning composites one layer, not two. Lines keep about one screen pixel and arrowheads
//! their on-screen size at any zoom, in the colours and dashes of the links drawn near. The
//! selected and highlighted links stay elements ([`super::link_layer`]).

use std::collections::BTreeMap;

use stormwall_model::routing::geom::push_point;
use stormwall_model::routing::links::LinkRoute;
use web_sys::{CanvasRenderingContext2d, Path2d};

/// One link to draw from afar.
pub struct FarLink<'a> {
    /// Its route.
    pub route: &'a LinkRoute,
    /// Its line style (a class of `.link-line`).
    pub style: &'static str,
    /// Whether it breaks the grammar of a flow (drawn red).
    pub invalid: bool,
}

/// The links of one style: their lines and their arrowheads, as SVG path data.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    style: &'static str,
    invalid: bool,
    lines: String,
    heads: String,
    /// How many links it draws.
    pub links: usize,
}

/// Most links in one bundle: the far view paints a bundle at a time, a few of them per slice
/// of its paint, so thousands of links are not stroked in one go.
pub const LINKS_PER_BUNDLE: usize = 400;

/// The bundles of `links`, with arrowheads `head` long (board units): one per line style,
/// or more where a style has more than [`LINKS_PER_BUNDLE`] links.
pub fn bundles<'a>(links: impl IntoIterator<Item = FarLink<'a>>, head: f64) -> Vec<Bundle> {
    let mut by_style: BTreeMap<(&'static str, bool), (Bundle, usize)> = BTreeMap::new();
    let mut full = Vec::new();
    for l in links {
        let [.., (ax, ay), (zx, zy)] = l.route.points[..] else {
            continue;
        };
        let (bundle, count) = by_style.entry((l.style, l.invalid)).or_insert_with(|| {
            let empty = Bundle {
                style: l.style,
                invalid: l.invalid,
                lines: String::new(),
                heads: String::new(),
                links: 0,
            };
            (empty, 0)
        });
        l.route.push_path(&mut bundle.lines);
        let len = (zx - ax).hypot(zy - ay);
        if len > 0.0 {
            // A triangle with its tip on the route's end, along the last leg.
            let (dx, dy) = ((zx - ax) / len, (zy - ay) / len);
            let (bx, by) = (zx - dx * head, zy - dy * head);
            let (nx, ny) = (-dy * head * 0.4, dx * head * 0.4);
            let heads = &mut bundle.heads;
            push_point(heads, "M", (zx, zy));
            push_point(heads, "L", (bx + nx, by + ny));
            push_point(heads, "L", (bx - nx, by - ny));
            heads.push('Z');
        }
        *count += 1;
        bundle.links += 1;
        if *count == LINKS_PER_BUNDLE {
            let (style, invalid) = (bundle.style, bundle.invalid);
            let taken = std::mem::replace(
                bundle,
                Bundle {
                    style,
                    invalid,
                    lines: String::new(),
                    heads: String::new(),
                    links: 0,
                },
            );
            full.push(taken);
            *count = 0;
        }
    }
    full.extend(
        by_style
            .into_values()
            .filter(|(_, count)| *count > 0)
            .map(|(b, _)| b),
    );
    full
}

/// How a bundle's line is stroked: colour, and dashes in screen pixels (as `.link-line`).
fn stroke(b: &Bundle) -> (&'static str, &'static [f64]) {
    let colour = match (b.invalid, b.style) {
        (true, _) => INVALID,
        (false, "none") => "#868e96",
        _ => INK,
    };
    let dashes: &[f64] = match b.style {
        "publish_subscribe" => &[8.0, 6.0],
        "none" => &[2.0, 5.0],
        _ => &[],
    };
    (colour, dashes)
}

/// The colour of links and their arrowheads, and of links that break the grammar of a flow.
const INK: &str = "#5c6370";
const INVALID: &str = "#e03131";
/// Line width on screen, in pixels.
const LINE_PX: f64 = 1.25;

/// Paints `bundles` with `g`, whose transform maps board units to the canvas; `zoom` is the
/// view's (screen pixels per board unit).
pub fn paint(g: &CanvasRenderingContext2d, bundles: &[Bundle], zoom: f64) {
    let px = 1.0 / zoom.max(1e-6);
    g.set_line_width(LINE_PX * px);
    for b in bundles {
        let (colour, dashes) = stroke(b);
        g.set_stroke_style_str(colour);
        let dash = js_sys::Array::new();
        for d in dashes {
            dash.push(&(d * px).into());
        }
        let _ = g.set_line_dash(&dash);
        if let Ok(lines) = Path2d::new_with_path_string(&b.lines) {
            g.stroke_with_path(&lines);
        }
        g.set_fill_style_str(if b.invalid { INVALID } else { INK });
        if let Ok(heads) = Path2d::new_with_path_string(&b.heads) {
            g.fill_with_path_2d(&heads);
        }
    }
    let _ = g.set_line_dash(&js_sys::Array::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bundle_per_style_with_a_head_per_link() {
        let a = LinkRoute {
            points: vec![(0.0, 0.0), (100.0, 0.0)],
        };
        let b = LinkRoute {
            points: vec![(0.0, 50.0), (50.0, 50.0), (50.0, 100.0)],
        };
        let empty = LinkRoute { points: vec![] };
        let links = [
            (&a, "request_response", false),
            (&b, "request_response", false),
            (&empty, "none", false),
            (&b, "publish_subscribe", true),
        ]
        .map(|(route, style, invalid)| FarLink {
            route,
            style,
            invalid,
        });
        let out = bundles(links, 10.0);
        assert_eq!(out.len(), 2, "the empty route draws nothing");
        let rr = out.iter().find(|b| b.style == "request_response").unwrap();
        assert_eq!(rr.heads.matches('Z').count(), 2);
        // The first head's tip is the route's end, its base 10 back along the last leg.
        assert!(
            rr.heads.starts_with("M100.0,0.0L90.0,4.0L90.0,-4.0Z"),
            "{}",
            rr.heads
        );
        assert!(out
            .iter()
            .any(|b| b.style == "publish_subscribe" && b.invalid));
    }

    #[test]
    fn many_links_of_a_style_come_in_bundles_of_a_few_hundred() {
        let route = LinkRoute {
            points: vec![(0.0, 0.0), (100.0, 0.0)],
        };
        let links = (0..LINKS_PER_BUNDLE * 2 + 7).map(|i| FarLink {
            route: &route,
            style: if i % 2 == 0 {
                "request_response"
            } else {
                "none"
            },
            invalid: false,
        });
        let out = bundles(links, 10.0);
        let heads: Vec<usize> = out.iter().map(|b| b.heads.matches('Z').count()).collect();
        assert_eq!(
            heads.iter().sum::<usize>(),
            LINKS_PER_BUNDLE * 2 + 7,
            "every link once"
        );
        assert!(heads.iter().all(|&n| n <= LINKS_PER_BUNDLE), "{heads:?}");
        assert!(out.iter().zip(&heads).all(|(b, &n)| b.links == n));
        assert_eq!(out.len(), 4, "two full bundles and the rest of each style");
        assert!(out
            .iter()
            .all(|b| b.lines.matches('M').count() == b.heads.matches('Z').count()));
    }

    #[test]
    fn bundles_stroke_as_the_links_drawn_near() {
        let b = |style, invalid| Bundle {
            style,
            invalid,
            lines: String::new(),
            heads: String::new(),
            links: 0,
        };
        assert_eq!(stroke(&b("request_response", false)), (INK, &[][..]));
        assert_eq!(
            stroke(&b("publish_subscribe", false)),
            (INK, &[8.0, 6.0][..])
        );
        assert_eq!(stroke(&b("none", false)), ("#868e96", &[2.0, 5.0][..]));
        assert_eq!(stroke(&b("publish_subscribe", true)).0, INVALID);
    }
}
