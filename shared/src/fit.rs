//! How a sticky's text fits it: the font shrinks step by step from its usual size down to a
//! readable minimum, and when the text still does not fit at the minimum the sticky is drawn
//! taller, so no text is ever cut off. The fit follows from the text and the sticky's size
//! alone, so every participant, every remote edit and every picture export agrees on it
//! without storing anything. Widths come from the estimate of [`crate::svg::wrap`].

use crate::board::Sticky;
use crate::svg::wrap;

/// The usual font size of a sticky's text.
pub const TEXT_SIZE: f64 = 15.0;
/// The smallest font size text is shrunk to.
pub const MIN_SIZE: f64 = 11.0;
/// Line height as a multiple of the font size.
pub const LINE: f64 = 1.2;
/// Padding inside a sticky.
pub const PAD: f64 = 8.0;
/// Height of the kind label row with its gap below (the board's style sets the same).
pub const KIND_ROW: f64 = 20.0;
/// Height of the row that counts attributes and examples, when there are any.
pub const DETAILS_ROW: f64 = 14.0;

/// How a sticky's text is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Font size of the text.
    pub size: f64,
    /// Height the sticky is drawn with: its own, or more when the text needs it.
    pub height: f64,
    /// The text's lines at that size and width.
    pub lines: Vec<String>,
}

/// The fit of `text` in a sticky `w` wide and `h` high (with a details row when `details`).
pub fn fit(text: &str, w: f64, h: f64, details: bool) -> Fit {
    let inner = (w - 2.0 * PAD).max(1.0);
    let fixed = 2.0 * PAD + KIND_ROW + if details { DETAILS_ROW } else { 0.0 };
    let room = h - fixed;
    let mut size = TEXT_SIZE;
    loop {
        let lines = wrap(text, inner, size);
        let need = lines.len() as f64 * size * LINE;
        if need <= room {
            return Fit {
                size,
                height: h,
                lines,
            };
        }
        if size <= MIN_SIZE {
            return Fit {
                size,
                height: (fixed + need).ceil().max(h),
                lines,
            };
        }
        size -= 1.0;
    }
}

/// The fit of a sticky's text.
pub fn of(s: &Sticky) -> Fit {
    let details = !s.attributes.is_empty() || !s.examples.is_empty();
    fit(&s.text, s.w, s.h, details)
}

/// The rectangle (x, y, w, h) a sticky is drawn in, grown to hold its text.
pub fn shown_rect(s: &Sticky) -> (f64, f64, f64, f64) {
    (s.x, s.y, s.w, of(s).height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::svg::width;

    #[test]
    fn short_text_keeps_the_usual_size_and_height() {
        for text in ["Order placed", "주문됨", ""] {
            let f = fit(text, 120.0, 120.0, false);
            assert_eq!((f.size, f.height), (TEXT_SIZE, 120.0), "{text}");
        }
    }

    #[test]
    fn longer_text_shrinks_before_the_sticky_grows() {
        let text = "Customer confirms the order and the restaurant accepts it";
        let f = fit(text, 120.0, 120.0, false);
        assert!(f.size < TEXT_SIZE && f.size >= MIN_SIZE, "{f:?}");
        assert_eq!(f.height, 120.0);
        assert!(f.lines.len() as f64 * f.size * LINE <= 120.0 - 2.0 * PAD - KIND_ROW);
        assert!(f.lines.iter().all(|l| width(l, f.size) <= 104.0));
    }

    #[test]
    fn text_too_long_for_the_minimum_grows_the_sticky_in_both_languages() {
        let en = "The restaurant accepts the order, prepares the food, hands it to the courier \
                  who delivers it to the customer, who then rates the delivery and the food";
        let ko = "고객이 주문을 확정하면 가게가 주문을 접수하고 음식을 준비한 뒤 배달원에게 \
                  전달하며 배달원은 고객에게 음식을 배달하고 고객은 배달과 음식을 평가한다";
        for text in [en, ko] {
            let f = fit(text, 120.0, 120.0, false);
            assert_eq!(f.size, MIN_SIZE, "{text}");
            assert!(f.height > 120.0);
            // Every line is inside the grown sticky.
            let used = 2.0 * PAD + KIND_ROW + f.lines.len() as f64 * MIN_SIZE * LINE;
            assert!(used <= f.height, "{used} > {}", f.height);
            // All the text is there: nothing cut.
            let kept: String = f.lines.concat().split_whitespace().collect();
            let all: String = text.split_whitespace().collect();
            assert_eq!(kept, all);
        }
        // More text, taller sticky; the details row takes room too.
        let longer = format!("{en} {en}");
        assert!(fit(&longer, 120.0, 120.0, false).height > fit(en, 120.0, 120.0, false).height);
        assert!(fit(en, 120.0, 120.0, true).height > fit(en, 120.0, 120.0, false).height);
        // A wider sticky needs less.
        assert!(fit(en, 240.0, 120.0, false).height <= 120.0);
    }

    #[test]
    fn a_sticky_is_shown_at_least_its_own_size() {
        let mut s = Sticky::new("s", crate::kind::StickyKind::Command, "x", 10.0, 20.0);
        s.h = 200.0;
        assert_eq!(shown_rect(&s), (10.0, 20.0, 120.0, 200.0));
    }
}
