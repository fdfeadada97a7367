//! Aligning and distributing a selection: line the items up on the left, right, top or bottom
//! edge or on the centre line of the box around them, or space them evenly across it. Works on
//! rectangles only, so stickies and frames arrange alike; returns the new top-left corners.

/// A rectangle to arrange: id, left, top, width, height.
pub type Item = (String, f64, f64, f64, f64);

/// What to do with a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrange {
    /// Left edges on the leftmost.
    Left,
    /// Centres on the box's vertical centre line.
    CentreX,
    /// Right edges on the rightmost.
    Right,
    /// Top edges on the topmost.
    Top,
    /// Middles on the box's horizontal centre line.
    CentreY,
    /// Bottom edges on the bottommost.
    Bottom,
    /// Equal gaps from left to right, the outermost staying.
    SpreadX,
    /// Equal gaps from top to bottom, the outermost staying.
    SpreadY,
}

impl Arrange {
    /// Every operation, in toolbar order.
    pub const ALL: [Arrange; 8] = [
        Arrange::Left,
        Arrange::CentreX,
        Arrange::Right,
        Arrange::Top,
        Arrange::CentreY,
        Arrange::Bottom,
        Arrange::SpreadX,
        Arrange::SpreadY,
    ];

    /// Stable name (for tests and buttons).
    pub fn as_str(self) -> &'static str {
        match self {
            Arrange::Left => "left",
            Arrange::CentreX => "centre-x",
            Arrange::Right => "right",
            Arrange::Top => "top",
            Arrange::CentreY => "centre-y",
            Arrange::Bottom => "bottom",
            Arrange::SpreadX => "spread-x",
            Arrange::SpreadY => "spread-y",
        }
    }

    /// How many items it needs to do anything.
    pub fn needs(self) -> usize {
        match self {
            Arrange::SpreadX | Arrange::SpreadY => 3,
            _ => 2,
        }
    }

    /// New top-left corners of the `items` that move (id, x, y); the others stay.
    pub fn apply(self, items: &[Item]) -> Vec<(String, f64, f64)> {
        let items: Vec<&Item> = items
            .iter()
            .filter(|i| [i.1, i.2, i.3, i.4].iter().all(|v| v.is_finite()))
            .collect();
        if items.len() < self.needs() {
            return Vec::new();
        }
        let min = |f: fn(&Item) -> f64| items.iter().map(|i| f(i)).fold(f64::MAX, f64::min);
        let max = |f: fn(&Item) -> f64| items.iter().map(|i| f(i)).fold(f64::MIN, f64::max);
        let (left, right) = (min(|i| i.1), max(|i| i.1 + i.3));
        let (top, bottom) = (min(|i| i.2), max(|i| i.2 + i.4));
        let placed: Vec<(String, f64, f64)> = match self {
            Arrange::Left => items.iter().map(|i| (i.0.clone(), left, i.2)).collect(),
            Arrange::Right => items
                .iter()
                .map(|i| (i.0.clone(), right - i.3, i.2))
                .collect(),
            Arrange::CentreX => {
                let c = (left + right) / 2.0;
                items
                    .iter()
                    .map(|i| (i.0.clone(), c - i.3 / 2.0, i.2))
                    .collect()
            }
            Arrange::Top => items.iter().map(|i| (i.0.clone(), i.1, top)).collect(),
            Arrange::Bottom => items
                .iter()
                .map(|i| (i.0.clone(), i.1, bottom - i.4))
                .collect(),
            Arrange::CentreY => {
                let c = (top + bottom) / 2.0;
                items
                    .iter()
                    .map(|i| (i.0.clone(), i.1, c - i.4 / 2.0))
                    .collect()
            }
            Arrange::SpreadX => spread(&items, |i| (i.1, i.3), |i, v| (i.0.clone(), v, i.2)),
            Arrange::SpreadY => spread(&items, |i| (i.2, i.4), |i, v| (i.0.clone(), i.1, v)),
        };
        placed
            .into_iter()
            .filter(|(id, x, y)| items.iter().any(|i| &i.0 == id && (i.1 != *x || i.2 != *y)))
            .collect()
    }
}

/// Equal gaps between `items` along one axis (`axis` gives an item's start and length there):
/// sorted by start, the first and the last stay, the others move between them.
fn spread(
    items: &[&Item],
    axis: fn(&Item) -> (f64, f64),
    put: fn(&Item, f64) -> (String, f64, f64),
) -> Vec<(String, f64, f64)> {
    let mut sorted = items.to_vec();
    sorted.sort_by(|a, b| axis(a).0.total_cmp(&axis(b).0).then(a.0.cmp(&b.0)));
    let first = axis(sorted[0]).0;
    let last = sorted[sorted.len() - 1];
    let end = axis(last).0 + axis(last).1;
    let lengths: f64 = sorted.iter().map(|i| axis(i).1).sum();
    let gap = (end - first - lengths) / (sorted.len() - 1) as f64;
    let mut at = first;
    sorted
        .iter()
        .map(|i| {
            let p = put(i, at);
            at += axis(i).1 + gap;
            p
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, x: f64, y: f64, w: f64, h: f64) -> Item {
        (id.into(), x, y, w, h)
    }

    fn three() -> Vec<Item> {
        vec![
            item("a", 10.0, 0.0, 120.0, 120.0),
            item("b", 300.0, 50.0, 120.0, 200.0),
            item("c", 100.0, 400.0, 240.0, 120.0),
        ]
    }

    #[test]
    fn aligning_lines_up_edges_and_centres() {
        let xs = |op: Arrange| op.apply(&three());
        assert_eq!(
            xs(Arrange::Left),
            [("b".to_string(), 10.0, 50.0), ("c".into(), 10.0, 400.0)]
        );
        // Rightmost edge is b's, 420.
        assert_eq!(
            xs(Arrange::Right),
            [("a".to_string(), 300.0, 0.0), ("c".into(), 180.0, 400.0)]
        );
        // Box 10..420: centre 215.
        assert_eq!(
            xs(Arrange::CentreX),
            [
                ("a".to_string(), 155.0, 0.0),
                ("b".into(), 155.0, 50.0),
                ("c".into(), 95.0, 400.0)
            ]
        );
        assert_eq!(
            xs(Arrange::Top),
            [("b".to_string(), 300.0, 0.0), ("c".into(), 100.0, 0.0)]
        );
        // Bottom edge is c's, 520.
        assert_eq!(
            xs(Arrange::Bottom),
            [("a".to_string(), 10.0, 400.0), ("b".into(), 300.0, 320.0)]
        );
        assert_eq!(xs(Arrange::CentreY).len(), 3);
    }

    #[test]
    fn distributing_leaves_equal_gaps_and_keeps_the_ends() {
        let row = vec![
            item("a", 0.0, 0.0, 100.0, 100.0),
            item("c", 1000.0, 0.0, 100.0, 100.0),
            item("b", 150.0, 30.0, 200.0, 100.0),
            item("d", 600.0, 0.0, 100.0, 100.0),
        ];
        let moved = Arrange::SpreadX.apply(&row);
        // 1100 wide, 500 of items: three gaps of 200.
        assert_eq!(
            moved,
            [("b".to_string(), 300.0, 30.0), ("d".into(), 700.0, 0.0)]
        );
        let col: Vec<Item> = row
            .iter()
            .map(|i| (i.0.clone(), i.2, i.1, i.4, i.3))
            .collect();
        let moved = Arrange::SpreadY.apply(&col);
        assert_eq!(
            moved,
            [("b".to_string(), 30.0, 300.0), ("d".into(), 0.0, 700.0)]
        );
    }

    #[test]
    fn too_few_items_or_already_arranged_move_nothing() {
        let one = vec![item("a", 0.0, 0.0, 10.0, 10.0)];
        assert!(Arrange::ALL.iter().all(|op| op.apply(&one).is_empty()));
        let two = vec![
            item("a", 0.0, 0.0, 10.0, 10.0),
            item("b", 50.0, 0.0, 10.0, 10.0),
        ];
        assert!(Arrange::SpreadX.apply(&two).is_empty());
        assert!(Arrange::Top.apply(&two).is_empty(), "already aligned");
        let nan = vec![
            item("a", f64::NAN, 0.0, 10.0, 10.0),
            item("b", 50.0, 5.0, 10.0, 10.0),
        ];
        assert!(Arrange::Top.apply(&nan).is_empty());
    }
}
