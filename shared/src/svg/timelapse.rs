//! A timelapse of a board for the retrospective: its states one after another in one animated
//! SVG (SMIL, looping), each drawn like the picture export, all in one view box that holds
//! every state, with a caption (when the state was) in the corner.

use std::fmt::Write;

use super::{draw, escape, num, open_svg, view_of, Picture, DEFS};
use crate::board::{union, Board};

/// The view box (left, top, width, height) that holds every one of `boards`.
pub fn timelapse_view<'a>(boards: impl Iterator<Item = &'a Board>) -> (f64, f64, f64, f64) {
    boards
        .map(view_of)
        .map(|(x, y, w, h)| (x, y, x + w, y + h))
        .reduce(union)
        .map(|(x0, y0, x1, y1)| (x0, y0, x1 - x0, y1 - y0))
        .unwrap_or((0.0, 0.0, 256.0, 96.0))
}

/// One animated picture of `frames` (caption, board), each shown for `seconds` in turn.
pub fn timelapse(frames: &[(String, Board)], seconds: f64) -> Picture {
    let view = timelapse_view(frames.iter().map(|(_, b)| b));
    let n = frames.len().max(1);
    let seconds = if seconds.is_finite() && seconds > 0.0 {
        seconds
    } else {
        1.0
    };
    let mut svg = open_svg(view);
    svg.push_str("<title>Timelapse</title>");
    svg.push_str(DEFS);
    for (i, (caption, board)) in frames.iter().enumerate() {
        let (from, to) = (i as f64 / n as f64, (i + 1) as f64 / n as f64);
        let _ = write!(
            svg,
            r#"<g class="timelapse-frame" visibility="hidden"><animate attributeName="visibility" values="hidden;visible;hidden" keyTimes="0;{};{}" calcMode="discrete" dur="{}s" repeatCount="indefinite"/>"#,
            num(from),
            num(to),
            num(seconds * n as f64)
        );
        draw(&mut svg, board, view);
        let _ = write!(
            svg,
            r##"<text class="caption" x="{}" y="{}" font-size="18" fill="#495057">{}</text></g>"##,
            num(view.0 + 12.0),
            num(view.1 + 24.0),
            escape(caption)
        );
    }
    svg.push_str("</svg>\n");
    Picture {
        svg,
        width: view.2,
        height: view.3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::StickyKind;
    use crate::Sticky;

    #[test]
    fn every_state_is_a_frame_in_one_view_that_holds_them_all() {
        let first = Board {
            stickies: vec![Sticky::new(
                "a",
                StickyKind::DomainEvent,
                "주문됨",
                0.0,
                0.0,
            )],
            ..Board::default()
        };
        let mut later = first.clone();
        later.stickies.push(Sticky::new(
            "b",
            StickyKind::Command,
            "Cancel <order>",
            900.0,
            500.0,
        ));
        let frames = vec![("09:00".to_string(), first), ("10:30".to_string(), later)];
        let p = timelapse(&frames, 0.5);
        assert_eq!(p.svg.matches(r#"class="timelapse-frame""#).count(), 2);
        assert!(p.svg.contains(r#"keyTimes="0;0;0.5""#));
        assert!(p.svg.contains(r#"keyTimes="0;0.5;1""#));
        assert!(p.svg.contains(r#"dur="1s""#));
        assert!(p.svg.contains("&lt;order&gt;"), "escaped text");
        assert!(p.svg.contains(">10:30</text>"));
        // The view holds the later, bigger board.
        assert!(p.width >= 900.0 + 120.0 && p.height >= 500.0 + 120.0);
        assert_eq!(p.svg.matches("<defs>").count(), 1);
        // No frames: an empty picture, not a panic.
        assert!(timelapse(&[], 1.0).svg.ends_with("</svg>\n"));
    }
}
