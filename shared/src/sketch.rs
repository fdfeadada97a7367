//! A small builder for boards laid out on a grid: used by the reference boards, the benchmark
//! and tests. Column `c`, row `r` puts a sticky at (c·160, r·160), the spacing of a timeline.

use crate::board::{Board, Frame, Link, Sticky};
use crate::kind::StickyKind;
use crate::relation::{Pattern, Rank, Relation};

/// Grid pitch in board units.
pub const PITCH: f64 = 160.0;

/// A board under construction.
#[derive(Debug, Clone, Default)]
pub struct Sketch {
    board: Board,
    auto_col: f64,
}

impl Sketch {
    /// An empty board with a name.
    pub fn new(name: &str) -> Sketch {
        Sketch {
            board: Board {
                name: name.into(),
                ..Board::default()
            },
            auto_col: 0.0,
        }
    }

    /// Adds a sticky at grid cell (`col`, `row`); returns its id.
    pub fn at(&mut self, kind: StickyKind, text: &str, col: f64, row: f64) -> String {
        let id = format!("s{:04}", self.board.stickies.len() + 1);
        self.board
            .stickies
            .push(Sticky::new(&id, kind, text, col * PITCH, row * PITCH));
        id
    }

    /// Adds a sticky in the next free column of row 0.
    pub fn add(&mut self, kind: StickyKind, text: &str) -> String {
        self.auto_col += 1.0;
        self.at(kind, text, self.auto_col, 0.0)
    }

    /// Adds a link; returns its id.
    pub fn link(&mut self, from: &str, to: &str) -> String {
        let id = format!("l{:04}", self.board.links.len() + 1);
        self.board.links.push(Link::new(&id, from, to));
        id
    }

    /// Adds a link with a circuit breaker.
    pub fn guarded_link(&mut self, from: &str, to: &str) -> String {
        let id = self.link(from, to);
        if let Some(l) = self.board.links.last_mut() {
            l.circuit_breaker = true;
        }
        id
    }

    /// Adds links along a chain `a → b → c …`.
    pub fn chain(&mut self, ids: &[&str]) {
        for w in ids.windows(2) {
            self.link(w[0], w[1]);
        }
    }

    /// Adds a frame covering grid cells `cols` × `rows` (inclusive), with a margin.
    pub fn frame(
        &mut self,
        id: &str,
        name: &str,
        rank: Option<Rank>,
        cols: (f64, f64),
        rows: (f64, f64),
    ) {
        let m = 20.0;
        self.board.frames.push(Frame {
            id: id.into(),
            name: name.into(),
            x: cols.0 * PITCH - m,
            y: rows.0 * PITCH - m - 40.0,
            w: (cols.1 - cols.0) * PITCH + 120.0 + 2.0 * m,
            h: (rows.1 - rows.0) * PITCH + 120.0 + 2.0 * m + 40.0,
            rank,
        });
    }

    /// Declares a relation between two frames.
    pub fn relation(&mut self, upstream: &str, downstream: &str, patterns: &[Pattern]) {
        let id = format!("r{:02}", self.board.relations.len() + 1);
        self.board.relations.push(Relation {
            id,
            upstream: upstream.into(),
            downstream: downstream.into(),
            patterns: patterns.to_vec(),
        });
    }

    /// The board being built, for last touches.
    pub fn board_mut(&mut self) -> &mut Board {
        &mut self.board
    }

    /// The finished board, collections sorted by id.
    pub fn finish(mut self) -> Board {
        self.board.sort();
        self.board
    }
}

/// A large board for benchmarks and load tests: `n` stickies (rounded up to whole flows) in
/// flows of ten (actor → command → aggregate → event → policy → command → aggregate → event
/// → read model, plus a hotspot), alternating Korean and English, in ranked frames of five
/// flows each, with the food-delivery requirement set attached.
pub fn synthetic(n: usize) -> Board {
    use crate::kind::StickyKind::*;
    let mut s = Sketch::new("synthetic");
    let flows = n.div_ceil(10);
    for k in 0..flows {
        let (row, col) = ((k % 5) as f64 * 2.0, (k / 5) as f64 * 12.0);
        let ko = k % 2 == 0;
        let t = |ko_text: &str, en: &str| {
            if ko {
                format!("{ko_text}{k}")
            } else {
                format!("{en} {k}")
            }
        };
        let ids = [
            s.at(Actor, &t("고객", "Customer"), col, row),
            s.at(Command, &t("주문", "Place order"), col + 1.0, row),
            s.at(Aggregate, &t("주문", "Order"), col + 2.0, row),
            s.at(DomainEvent, &t("주문됨", "Order placed"), col + 3.0, row),
            s.at(Policy, &t("배송요청", "Request shipping"), col + 4.0, row),
            s.at(Command, &t("배송시작", "Start shipping"), col + 5.0, row),
            s.at(Aggregate, &t("배송", "Shipment"), col + 6.0, row),
            s.at(
                DomainEvent,
                &t("배송시작됨", "Shipping started"),
                col + 7.0,
                row,
            ),
            s.at(ReadModel, &t("주문상태", "Order status"), col + 8.0, row),
        ];
        s.at(Hotspot, &t("결제는?", "Payment?"), col + 9.0, row + 1.0);
        let r: Vec<&str> = ids.iter().map(String::as_str).collect();
        s.chain(&r[..8]);
        s.link(r[7], r[8]);
        s.link(r[8], r[0]);
        if k % 5 == 4 {
            let ranks = [Rank::Core, Rank::Supporting, Rank::Generic];
            let id = format!("f{:04}", k / 5);
            s.frame(
                &id,
                &format!("context {}", k / 5),
                Some(ranks[(k / 5) % 3]),
                (col, col + 9.0),
                (0.0, 9.0),
            );
        }
    }
    s.board.requirements = vec![crate::requirements::food_delivery()];
    s.finish()
}
