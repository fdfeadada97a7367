//! Links seen from afar on a crowded board (while the stickies are painted, see
//! [`crate::canvas::detail`]): one path per line style, and one for their arrowheads, instead
//! of an element per link, so opening or fitting a board with thousands of links builds a
//! handful of elements. Lines keep one screen pixel and arrowheads their on-screen size at any
//! zoom. The selected and highlighted links stay elements ([`super::link_layer`]).

use std::collections::BTreeMap;
use std::fmt::Write;

use leptos::prelude::*;
use stormwall_model::routing::links::LinkRoute;

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
}

/// The bundles of `links`, with arrowheads `head` long (board units).
pub fn bundles<'a>(links: impl IntoIterator<Item = FarLink<'a>>, head: f64) -> Vec<Bundle> {
    let mut by_style: BTreeMap<(&'static str, bool), (String, String)> = BTreeMap::new();
    for l in links {
        let [.., (ax, ay), (zx, zy)] = l.route.points[..] else {
            continue;
        };
        let (lines, heads) = by_style.entry((l.style, l.invalid)).or_default();
        lines.push_str(&l.route.path());
        let len = (zx - ax).hypot(zy - ay);
        if len > 0.0 {
            // A triangle with its tip on the route's end, along the last leg.
            let (dx, dy) = ((zx - ax) / len, (zy - ay) / len);
            let (bx, by) = (zx - dx * head, zy - dy * head);
            let (nx, ny) = (-dy * head * 0.4, dx * head * 0.4);
            let _ = write!(
                heads,
                "M{zx:.1},{zy:.1}L{:.1},{:.1}L{:.1},{:.1}Z",
                bx + nx,
                by + ny,
                bx - nx,
                by - ny
            );
        }
    }
    by_style
        .into_iter()
        .map(|((style, invalid), (lines, heads))| Bundle {
            style,
            invalid,
            lines,
            heads,
        })
        .collect()
}

/// The links drawn from afar, when there are `bundles` to draw.
#[component]
pub fn FarLinks(bundles: Memo<Option<Vec<Bundle>>>) -> impl IntoView {
    move || {
        bundles.get().map(|all| {
            all.into_iter()
                .map(|b| {
                    view! {
                        <g class="far-links" class:invalid=b.invalid data-style=b.style>
                            <path class=format!("link-line {}", b.style) d=b.lines></path>
                            <path class="link-head" d=b.heads></path>
                        </g>
                    }
                })
                .collect_view()
        })
    }
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
}
