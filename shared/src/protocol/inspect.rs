//! Checks untrusted y-websocket frames on their raw bytes, without recursion, before any
//! decoder of the document engine sees them.
//!
//! The engine decodes nested values (lib0 `Any` arrays and maps, JSON embeds) recursively, so a
//! 2 KB update nested a thousand levels deep overflows a thread's stack and aborts the whole
//! process — no `catch_unwind` can stop that. It also pre-allocates from counts the sender
//! declares, and asserts 53-bit client ids and non-overflowing clocks with panics. This module
//! walks the same wire format iteratively and refuses, with a reason:
//! - nesting deeper than [`MAX_NESTING`] (lib0 values and JSON text alike);
//! - counts larger than the bytes that could hold them (allocation bombs);
//! - client ids wider than 53 bits and clock ranges that overflow 32 bits;
//! - awareness states larger than the caller's limit.
//!
//! It mirrors the engine's v1 decoder (`yrs` 0.28) field by field; where the engine would fail
//! anyway, this may fail first, and where the engine accepts, this reads the same structure.

/// Deepest nesting accepted in a value: a lib0 array or map inside another counts one level,
/// and so does a JSON array or object. Stormwall's own documents nest at most 3 levels; the
/// engine's recursive encoder and decoder stay far from any stack limit at this depth.
pub const MAX_NESTING: usize = 32;

/// Why a frame was refused before decoding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Values nested deeper than [`MAX_NESTING`].
    #[error("values nested more than {MAX_NESTING} levels deep")]
    TooDeep,
    /// A client id wider than the 53 bits Yjs allows.
    #[error("client id out of range")]
    ClientId,
    /// A clock range beyond 32 bits.
    #[error("clock out of range")]
    Clock,
    /// An awareness state larger than allowed.
    #[error("awareness state larger than {0} bytes")]
    StateTooLarge(usize),
    /// The bytes do not follow the wire format.
    #[error("{0}")]
    Malformed(&'static str),
}

type Checked<T> = Result<T, Refusal>;

const TRUNCATED: Refusal = Refusal::Malformed("truncated message");
const COUNT: Refusal = Refusal::Malformed("count larger than the message");

/// A read position in untrusted bytes, decoding lib0 primitives exactly as the engine does.
struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Cursor { buf, pos: 0 }
    }

    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn u8(&mut self) -> Checked<u8> {
        let b = *self.buf.get(self.pos).ok_or(TRUNCATED)?;
        self.pos += 1;
        Ok(b)
    }

    fn exact(&mut self, len: usize) -> Checked<&'a [u8]> {
        if len > self.remaining() {
            return Err(TRUNCATED);
        }
        let s = &self.buf[self.pos..self.pos + len];
        self.pos += len;
        Ok(s)
    }

    /// lib0 varUint as the engine reads it into `bits` (32 or 64) bits: shifts wrap at the
    /// width and bits beyond it are dropped, at most 11 bytes.
    fn var(&mut self, bits: u32) -> Checked<u64> {
        let mask = if bits == 64 {
            u64::MAX
        } else {
            (1 << bits) - 1
        };
        let mut num = 0u64;
        let mut shift = 0u32;
        loop {
            let b = self.u8()?;
            num |= ((b & 0x7f) as u64).wrapping_shl(shift % bits) & mask;
            shift += 7;
            if b < 0x80 {
                return Ok(num);
            }
            if shift > 70 {
                return Err(Refusal::Malformed("invalid variable-length integer"));
            }
        }
    }

    fn var_u64(&mut self) -> Checked<u64> {
        self.var(64)
    }

    fn var_u32(&mut self) -> Checked<u32> {
        self.var(32).map(|n| n as u32)
    }

    /// lib0 varInt (sign bit in the first byte); only its length matters here.
    fn skip_var_i64(&mut self) -> Checked<()> {
        let mut b = self.u8()?;
        let mut shift = 6;
        while b >= 0x80 {
            b = self.u8()?;
            shift += 7;
            if b >= 0x80 && shift > 70 {
                return Err(Refusal::Malformed("invalid variable-length integer"));
            }
        }
        Ok(())
    }

    /// A count of things that each take at least `min_bytes` of what is left.
    fn count(&mut self, min_bytes: usize) -> Checked<usize> {
        let n = self.var_u64()?;
        if n > (self.remaining() / min_bytes.max(1)) as u64 {
            return Err(COUNT);
        }
        Ok(n as usize)
    }

    fn buf(&mut self) -> Checked<&'a [u8]> {
        let len = self.var_u32()? as usize;
        self.exact(len)
    }

    fn string(&mut self) -> Checked<&'a str> {
        std::str::from_utf8(self.buf()?).map_err(|_| Refusal::Malformed("invalid UTF-8"))
    }

    fn client(&mut self) -> Checked<u64> {
        let id = self.var_u64()?;
        if id >> 53 != 0 {
            return Err(Refusal::ClientId);
        }
        Ok(id)
    }

    /// An item id: client and clock.
    fn id(&mut self) -> Checked<()> {
        self.client()?;
        self.var_u32()?;
        Ok(())
    }
}

/// Checks one whole client frame (message type, then its payload).
pub fn check_frame(frame: &[u8], max_state_bytes: usize) -> Checked<()> {
    let mut c = Cursor::new(frame);
    match c.var_u32()? {
        0 => match c.var_u32()? {
            0 => check_state_vector(c.buf()?),
            1 | 2 => check_update(c.buf()?),
            _ => Ok(()),
        },
        1 => check_awareness(c.buf()?, max_state_bytes),
        _ => Ok(()),
    }
}

/// Checks a state vector: a count of (client, clock) pairs.
pub fn check_state_vector(bytes: &[u8]) -> Checked<()> {
    let mut c = Cursor::new(bytes);
    for _ in 0..c.count(2)? {
        c.client()?;
        c.var_u32()?;
    }
    Ok(())
}

/// Checks an awareness update: states of clients, each a JSON text no deeper than
/// [`MAX_NESTING`] and no larger than `max_state_bytes`.
pub fn check_awareness(bytes: &[u8], max_state_bytes: usize) -> Checked<()> {
    let mut c = Cursor::new(bytes);
    for _ in 0..c.count(3)? {
        c.client()?;
        c.var_u32()?;
        let json = c.string()?;
        if json.len() > max_state_bytes {
            return Err(Refusal::StateTooLarge(max_state_bytes));
        }
        check_json(json)?;
    }
    Ok(())
}

/// What a checked update does that the caller must look at with the document in hand.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct UpdateShape {
    /// It adds a shared type whose depth cannot be told from the update alone (its parent is
    /// already in the document, or is implied by a neighbour): measure the document's nesting
    /// after applying it.
    pub nests_into_document: bool,
}

/// Where a shared type added by an update hangs.
#[derive(Clone, Copy)]
enum TypeParent {
    Root,
    Item(u64, u32),
    Implied,
}

/// Checks a v1 document update: its blocks (items and their content) and its delete set.
pub fn check_update(bytes: &[u8]) -> Checked<()> {
    inspect_update(bytes).map(|_| ())
}

/// Checks a v1 document update like [`check_update`], including chains of shared types nested
/// inside the update itself, and says what remains to check against the document.
pub fn inspect_update(bytes: &[u8]) -> Checked<UpdateShape> {
    walk_update(bytes, |_| {}).map(|(shape, _)| shape)
}

/// One block of an update as [`walk_update`] finds it: its client, the clock it starts at, and
/// where its bytes are in the update.
struct Block {
    /// The first of a run of the client's blocks (one header in the update).
    first: bool,
    client: u64,
    clock: u32,
    bytes: std::ops::Range<usize>,
}

/// Walks a v1 update, checking it as [`inspect_update`] does and showing each block to
/// `each` in order; returns what remains to check and where the delete set's bytes are.
fn walk_update(
    bytes: &[u8],
    mut each: impl FnMut(Block),
) -> Checked<(UpdateShape, std::ops::Range<usize>)> {
    let mut c = Cursor::new(bytes);
    let mut types: std::collections::HashMap<(u64, u32), TypeParent> = Default::default();
    for _ in 0..c.count(3)? {
        let blocks = c.count(2)?;
        let client = c.client()?;
        let mut clock = c.var_u32()?;
        for i in 0..blocks {
            let start = c.pos;
            let (len, parent) = block(&mut c)?;
            if let Some(parent) = parent {
                types.insert((client, clock), parent);
            }
            each(Block {
                first: i == 0,
                client,
                clock,
                bytes: start..c.pos,
            });
            clock = clock.checked_add(len).ok_or(Refusal::Clock)?;
        }
    }
    let delete_set = c.pos;
    for _ in 0..c.count(2)? {
        c.client()?;
        for _ in 0..c.count(2)? {
            let clock = c.var_u32()?;
            clock.checked_add(c.var_u32()?).ok_or(Refusal::Clock)?;
        }
    }
    Ok((type_nesting(&types)?, delete_set..c.pos))
}

/// Follows each added shared type up through the types added with it: a chain longer than
/// [`MAX_NESTING`] is refused; one that leaves the update must be measured in the document.
fn type_nesting(types: &std::collections::HashMap<(u64, u32), TypeParent>) -> Checked<UpdateShape> {
    let mut shape = UpdateShape::default();
    for start in types.values() {
        let mut at = *start;
        let mut depth = 1;
        loop {
            match at {
                TypeParent::Root => break,
                TypeParent::Implied => {
                    shape.nests_into_document = true;
                    break;
                }
                TypeParent::Item(client, clock) => match types.get(&(client, clock)) {
                    Some(up) => {
                        depth += 1;
                        if depth > MAX_NESTING {
                            return Err(Refusal::TooDeep);
                        }
                        at = *up;
                    }
                    None => {
                        shape.nests_into_document = true;
                        break;
                    }
                },
            }
        }
    }
    Ok(shape)
}

/// Info bits of a block (see the engine's `block.rs`).
const HAS_ORIGIN: u8 = 0b1000_0000;
const HAS_RIGHT_ORIGIN: u8 = 0b0100_0000;
const HAS_PARENT_SUB: u8 = 0b0010_0000;
const GC: u8 = 0;
const SKIP: u8 = 10;

/// Reads one block; returns how many clock ticks it spans and, for a shared type, where it
/// hangs.
fn block(c: &mut Cursor) -> Checked<(u32, Option<TypeParent>)> {
    let info = c.u8()?;
    if info == GC || info == SKIP {
        let len = c.var_u32()?;
        return if len == 0 {
            Err(Refusal::Malformed("empty block"))
        } else {
            Ok((len, None))
        };
    }
    let no_origins = info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN) == 0;
    if info & HAS_ORIGIN != 0 {
        c.id()?;
    }
    if info & HAS_RIGHT_ORIGIN != 0 {
        c.id()?;
    }
    let mut parent = TypeParent::Implied;
    if no_origins {
        parent = if c.var_u32()? == 1 {
            c.string()?;
            TypeParent::Root
        } else {
            let client = c.client()?;
            TypeParent::Item(client, c.var_u32()?)
        };
        if info & HAS_PARENT_SUB != 0 {
            c.string()?;
        }
    }
    let kind = info & 0b1111;
    let len = content(c, kind)?;
    Ok((len, (kind == 7).then_some(parent)))
}

/// Reads an item's content; returns its length in clock ticks.
fn content(c: &mut Cursor, kind: u8) -> Checked<u32> {
    Ok(match kind {
        // deleted: a length
        1 => c.var_u32()?,
        // Legacy JSON strings (Yjs before v13; no current client writes them). The engine
        // reads one more string than the count says but writes exactly the count, so a board
        // holding one re-encodes into a state nobody can decode: refused. Found by fuzzing.
        2 => return Err(Refusal::Malformed("legacy JSON content is not accepted")),
        // binary
        3 => {
            c.buf()?;
            1
        }
        // string: its length in UTF-16 units
        4 => c.string()?.encode_utf16().count() as u32,
        // embed: JSON text
        5 => {
            check_json(c.string()?)?;
            1
        }
        // format: key and JSON text
        6 => {
            c.string()?;
            check_json(c.string()?)?;
            1
        }
        // shared type: a type tag, XML elements carry a name
        7 => {
            match c.u8()? {
                3 => {
                    c.string()?;
                }
                0..=6 | 9 | 15 => {}
                _ => return Err(Refusal::Malformed("unknown shared type")),
            }
            1
        }
        // lib0 values
        8 => {
            let n = c.count(1)?;
            for _ in 0..n {
                skip_any(c)?;
            }
            n as u32
        }
        // sub-document: a guid and options
        9 => {
            c.string()?;
            skip_any(c)?;
            1
        }
        _ => return Err(Refusal::Malformed("unknown content type")),
    })
}

/// Skips one lib0 value, keeping an explicit stack of open arrays and maps.
fn skip_any(c: &mut Cursor) -> Checked<()> {
    // (values left in the container, whether it is a map whose entries start with a key)
    let mut open: Vec<(usize, bool)> = Vec::new();
    loop {
        match c.u8()? {
            127 | 126 | 121 | 120 => {}
            125 => c.skip_var_i64()?,
            124 => {
                c.exact(4)?;
            }
            123 | 122 => {
                c.exact(8)?;
            }
            119 => {
                c.string()?;
            }
            116 => {
                c.buf()?;
            }
            tag @ (118 | 117) => {
                if open.len() >= MAX_NESTING {
                    return Err(Refusal::TooDeep);
                }
                let is_map = tag == 118;
                let n = c.count(if is_map { 2 } else { 1 })?;
                open.push((n, is_map));
            }
            _ => return Err(Refusal::Malformed("unknown value type")),
        }
        // Find the next value to read, closing finished containers.
        loop {
            match open.last_mut() {
                None => return Ok(()),
                Some((0, _)) => {
                    open.pop();
                }
                Some((left, is_map)) => {
                    *left -= 1;
                    if *is_map {
                        c.string()?;
                    }
                    break;
                }
            }
        }
    }
}

/// Checks the nesting of a JSON text without parsing it (brackets outside strings).
pub fn check_json(text: &str) -> Checked<()> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Refusal::TooDeep);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

pub mod split;

#[cfg(test)]
mod tests;
