//! The reading order of the stickies, for keyboard users: rows from top to bottom, each left
//! to right, as a timeline reads. A sticky starts a new row when its top is below the middle
//! of the row's first sticky. Left/right arrows step through this order, up/down go to the
//! nearest sticky (by its middle) in the row above or below.

use stormwall_model::Sticky;

/// The stickies' ids in rows, each row left to right.
pub fn rows(stickies: &[Sticky]) -> Vec<Vec<(String, f64)>> {
    let mut by_top: Vec<&Sticky> = stickies.iter().collect();
    by_top.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<(f64, Vec<&Sticky>)> = Vec::new();
    for s in by_top {
        match rows.last_mut() {
            Some((middle, row)) if s.y <= *middle => row.push(s),
            _ => rows.push((s.y + s.h / 2.0, vec![s])),
        }
    }
    rows.into_iter()
        .map(|(_, mut row)| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.id.cmp(&b.id)));
            row.into_iter()
                .map(|s| (s.id.clone(), s.x + s.w / 2.0))
                .collect()
        })
        .collect()
}

/// The first sticky in reading order: the leftmost of the top row. The same as the first of
/// [`rows`], found in one pass without sorting, so the board's tab stop costs little when a
/// big board changes many times a second.
pub fn first(stickies: &[Sticky]) -> Option<&Sticky> {
    let top = stickies
        .iter()
        .min_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)))?;
    let middle = top.y + top.h / 2.0;
    stickies
        .iter()
        .filter(|s| std::ptr::eq(*s, top) || s.y <= middle)
        .min_by(|a, b| a.x.total_cmp(&b.x).then(a.id.cmp(&b.id)))
}

/// Where an arrow key goes from a sticky.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The next sticky in reading order.
    Next,
    /// The previous sticky in reading order.
    Previous,
    /// The nearest sticky in the row above.
    Up,
    /// The nearest sticky in the row below.
    Down,
}

impl Step {
    /// The step of an arrow key's `key` value.
    pub fn of_key(key: &str) -> Option<Step> {
        Some(match key {
            "ArrowRight" => Step::Next,
            "ArrowLeft" => Step::Previous,
            "ArrowUp" => Step::Up,
            "ArrowDown" => Step::Down,
            _ => return None,
        })
    }
}

/// The sticky a step goes to from `from` (from nowhere: the first sticky); `None` at the ends.
pub fn step(stickies: &[Sticky], from: Option<&str>, step: Step) -> Option<String> {
    let Some(from) = from else {
        return first(stickies).map(|s| s.id.clone());
    };
    let rows = rows(stickies);
    let Some((r, i)) = rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|(id, _)| id == from).map(|i| (r, i)))
    else {
        return rows.first()?.first().map(|(id, _)| id.clone());
    };
    let flat: Vec<&String> = rows.iter().flatten().map(|(id, _)| id).collect();
    let at = rows[..r].iter().map(Vec::len).sum::<usize>() + i;
    let nearest = |row: &Vec<(String, f64)>| {
        let x = rows[r][i].1;
        row.iter()
            .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
            .map(|(id, _)| id.clone())
    };
    match step {
        Step::Next => flat.get(at + 1).map(|id| id.to_string()),
        Step::Previous => at.checked_sub(1).map(|p| flat[p].to_string()),
        Step::Up => r.checked_sub(1).and_then(|p| nearest(&rows[p])),
        Step::Down => rows.get(r + 1).and_then(nearest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stormwall_model::StickyKind;

    fn at(id: &str, x: f64, y: f64) -> Sticky {
        Sticky::new(id, StickyKind::DomainEvent, id, x, y)
    }

    /// Two rows, the second a little ragged, given out of order.
    fn board() -> Vec<Sticky> {
        vec![
            at("b", 200.0, 10.0),
            at("d", 220.0, 200.0),
            at("a", 0.0, 0.0),
            at("c", 0.0, 215.0),
            at("e", 400.0, 190.0),
        ]
    }

    #[test]
    fn stickies_read_in_rows_left_to_right() {
        let order: Vec<String> = rows(&board())
            .into_iter()
            .flatten()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(order, ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn arrows_step_through_the_order_and_between_rows() {
        let b = board();
        assert_eq!(step(&b, None, Step::Next).as_deref(), Some("a"));
        assert_eq!(step(&b, Some("b"), Step::Next).as_deref(), Some("c"));
        assert_eq!(step(&b, Some("c"), Step::Previous).as_deref(), Some("b"));
        assert_eq!(step(&b, Some("a"), Step::Previous), None);
        assert_eq!(step(&b, Some("e"), Step::Next), None);
        assert_eq!(step(&b, Some("b"), Step::Down).as_deref(), Some("d"));
        assert_eq!(step(&b, Some("e"), Step::Up).as_deref(), Some("b"));
        assert_eq!(step(&b, Some("a"), Step::Up), None);
    }

    /// The one-pass first sticky agrees with the first of the rows on boards with ties,
    /// ragged rows and stickies of different (even negative) heights.
    #[test]
    fn the_first_sticky_is_the_first_of_the_rows() {
        assert_eq!(first(&[]).map(|s| s.id.as_str()), None);
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as f64
        };
        for round in 0..300 {
            let stickies: Vec<Sticky> = (0..1 + round % 40)
                .map(|i| {
                    let mut s = at(&format!("s{i}"), next(8) * 60.0, next(10) * 40.0);
                    // Heights as a document may hold them, a negative one included.
                    s.h = next(5) * 40.0 - 40.0;
                    s
                })
                .collect();
            let by_rows = rows(&stickies)[0][0].0.clone();
            assert_eq!(first(&stickies).map(|s| s.id.clone()), Some(by_rows));
        }
    }
}
