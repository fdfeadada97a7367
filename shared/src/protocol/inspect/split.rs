//! Cuts a large document update into pieces that, applied in order, give the same document.
//!
//! A big board's state (megabytes at 10,000 stickies) goes to a joining client as several
//! updates instead of one: the page takes each in a task of its own, so neither decoding nor
//! integrating the board blocks it for long, and input is answered between pieces. The cut is
//! made on the wire format, without decoding the document: each client's blocks are dealt out
//! in order, never cut themselves, and the delete set travels with the last piece. A block
//! whose origin falls in a later piece waits in the engine's pending set until that piece
//! arrives, as after any out-of-order update, so the order of pieces never changes the result.

use super::{walk_update, Block, Checked};

/// One client's run of blocks, in order.
struct Run {
    client: u64,
    blocks: Vec<Block>,
}

/// Splits a v1 update into pieces of at most about `max_piece` bytes each (a single block
/// larger than that is a piece of its own). An update no larger than `max_piece` comes back
/// whole. Refuses what [`super::check_update`] refuses.
pub fn split_update(bytes: &[u8], max_piece: usize) -> Checked<Vec<Vec<u8>>> {
    let mut runs: Vec<Run> = Vec::new();
    let (_, delete_set) = walk_update(bytes, |b| match runs.last_mut() {
        Some(run) if !b.first => run.blocks.push(b),
        _ => runs.push(Run {
            client: b.client,
            blocks: vec![b],
        }),
    })?;
    if bytes.len() <= max_piece {
        return Ok(vec![bytes.to_vec()]);
    }
    let delete_set = &bytes[delete_set];

    let mut pieces = Vec::new();
    let mut piece = Piece::default();
    for run in &runs {
        let mut from = 0;
        while from < run.blocks.len() {
            // Take blocks of this client while the piece has room (at least one block).
            let mut to = from + 1;
            let mut size = span(run, from, to);
            while to < run.blocks.len() && piece.size + size + span(run, to, to + 1) <= max_piece {
                size += span(run, to, to + 1);
                to += 1;
            }
            if !piece.is_empty() && piece.size + size > max_piece {
                pieces.push(piece.finish(bytes, &[0]));
                piece = Piece::default();
                continue;
            }
            piece.take(run, from, to);
            from = to;
        }
    }
    pieces.push(piece.finish(bytes, delete_set));
    Ok(pieces)
}

/// Bytes of blocks `from..to` of a run.
fn span(run: &Run, from: usize, to: usize) -> usize {
    run.blocks[to - 1].bytes.end - run.blocks[from].bytes.start
}

/// A piece being filled: for each client, which of its blocks.
#[derive(Default)]
struct Piece<'a> {
    parts: Vec<(&'a Run, usize, usize)>,
    size: usize,
}

impl<'a> Piece<'a> {
    fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    fn take(&mut self, run: &'a Run, from: usize, to: usize) {
        self.size += span(run, from, to);
        self.parts.push((run, from, to));
    }

    /// The piece as a v1 update: its clients' blocks, then `delete_set` (raw).
    fn finish(self, bytes: &[u8], delete_set: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.size + 16 * self.parts.len() + delete_set.len());
        var(self.parts.len() as u64, &mut out);
        for (run, from, to) in self.parts {
            var((to - from) as u64, &mut out);
            var(run.client, &mut out);
            var(run.blocks[from].clock as u64, &mut out);
            out.extend_from_slice(
                &bytes[run.blocks[from].bytes.start..run.blocks[to - 1].bytes.end],
            );
        }
        out.extend_from_slice(delete_set);
        out
    }
}

/// Writes a lib0 varUint.
fn var(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

#[cfg(test)]
mod tests;
