//! Text layout without a font engine: an estimate of how wide a line is in the board's sans
//! serif (Hangul and other CJK characters count as full width), word wrapping to a width, and
//! cutting to a number of lines with an ellipsis.

/// Estimated advance of `c` in ems of a bold sans-serif font (on the generous side, so wrapped
/// lines rather fall short of the edge than pass it).
fn em(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'i' | 'l' | 'j' | 't' | 'f' | 'r' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.34,
        '(' | ')' | '[' | ']' | '-' | '"' => 0.4,
        'm' | 'w' => 0.9,
        'M' | 'W' => 0.88,
        'a'..='z' | '0'..='9' => 0.6,
        'A'..='Z' => 0.66,
        '\u{1100}'..='\u{11ff}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}' => 1.0,
        _ => 0.65,
    }
}

/// Estimated width of `s` at font size `size`.
pub fn width(s: &str, size: f64) -> f64 {
    s.chars().map(em).sum::<f64>() * size
}

/// Appends `word` (which may be wider than `max`) to `lines`, breaking it between characters
/// only where it has to.
fn push_word(lines: &mut Vec<String>, line: &mut String, word: &str, max: f64, size: f64) {
    let joined = if line.is_empty() {
        word.to_string()
    } else {
        format!("{line} {word}")
    };
    if width(&joined, size) <= max {
        *line = joined;
        return;
    }
    if !line.is_empty() {
        lines.push(std::mem::take(line));
        if width(word, size) <= max {
            *line = word.to_string();
            return;
        }
    }
    for c in word.chars() {
        line.push(c);
        if width(line, size) > max && line.chars().count() > 1 {
            line.pop();
            lines.push(std::mem::replace(line, c.to_string()));
        }
    }
}

/// `text` wrapped into lines at most `max` wide at font size `size`: at spaces where it can,
/// inside a word where it must. Line breaks in the text are kept.
pub fn wrap(text: &str, max: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            push_word(&mut lines, &mut line, word, max, size);
        }
        lines.push(line);
    }
    lines
}

/// `line` shortened until it fits `max` with an ellipsis after it.
fn ellipsize(line: &str, max: f64, size: f64) -> String {
    let mut s = line.to_string();
    while !s.is_empty() && width(&format!("{s}…"), size) > max {
        s.pop();
    }
    format!("{}…", s.trim_end())
}

/// `line` as it is when it fits `max`, else shortened with an ellipsis.
pub fn fit(line: &str, max: f64, size: f64) -> String {
    if width(line, size) <= max {
        line.to_string()
    } else {
        ellipsize(line, max, size)
    }
}

/// At most `n` (at least one) of `lines`; when some are cut, the last kept one ends with an
/// ellipsis and still fits `max`.
pub fn clip(mut lines: Vec<String>, n: usize, max: f64, size: f64) -> Vec<String> {
    if lines.len() <= n.max(1) {
        return lines;
    }
    lines.truncate(n.max(1));
    if let Some(last) = lines.last_mut() {
        *last = ellipsize(last, max, size);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_wider_than_latin() {
        assert!(width("주문됨", 15.0) > width("abc", 15.0));
        assert_eq!(width("", 15.0), 0.0);
    }

    #[test]
    fn wraps_at_spaces_and_keeps_line_breaks() {
        let lines = wrap("Order placed by customer\n주문 접수", 104.0, 15.0);
        assert_eq!(lines, ["Order placed", "by customer", "주문 접수"]);
        assert!(lines.iter().all(|l| width(l, 15.0) <= 104.0));
    }

    #[test]
    fn breaks_a_word_too_long_for_a_line() {
        let lines = wrap("배달원배정요청처리완료됨", 104.0, 15.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "배달원배정요청처리완료됨");
        assert!(lines.iter().all(|l| width(l, 15.0) <= 104.0));
        // Even a column narrower than one character makes progress.
        assert_eq!(wrap("ab", 1.0, 15.0), ["a", "b"]);
    }

    #[test]
    fn clipping_ends_with_an_ellipsis_that_fits() {
        let lines = wrap("one two three four five six seven", 60.0, 15.0);
        let cut = clip(lines.clone(), 2, 60.0, 15.0);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert!(width(&cut[1], 15.0) <= 60.0);
        assert_eq!(clip(lines.clone(), 99, 60.0, 15.0), lines);
        assert_eq!(fit("Domain event", 200.0, 10.0), "Domain event");
        let short = fit("External system", 50.0, 10.0);
        assert!(short.ends_with('…') && width(&short, 10.0) <= 50.0);
    }
}
