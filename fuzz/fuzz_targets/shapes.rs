//! Structure-aware inputs for the fuzz targets: document updates and awareness updates built
//! from arbitrary trees and written in the Yjs v1 wire format, so the fuzzer explores valid
//! and nearly valid messages (deep nesting, wide ids, overflowing clocks) instead of only
//! random bytes the decoders refuse at the first byte. Each target uses part of it.
#![allow(dead_code)]

use arbitrary::Arbitrary;

/// lib0 varUint.
pub fn var(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn string(s: &str, out: &mut Vec<u8>) {
    var(s.len() as u64, out);
    out.extend_from_slice(s.as_bytes());
}

/// A lib0 value.
#[derive(Arbitrary, Debug)]
pub enum Value {
    Undefined,
    Null,
    Int(i32),
    F32(f32),
    F64(f64),
    BigInt(i64),
    Bool(bool),
    Str(String),
    Buf(Vec<u8>),
    Array(Vec<Value>),
    Map(Vec<(String, Value)>),
    /// One value wrapped in `levels` arrays (or maps), the shape that overflowed the stack.
    Deep { levels: u16, maps: bool },
}

impl Value {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Value::Undefined => out.push(127),
            Value::Null => out.push(126),
            Value::Int(n) => {
                out.push(125);
                let neg = *n < 0;
                let mut m = n.unsigned_abs() as u64;
                let mut first = (m & 0x3f) as u8 | if neg { 0x40 } else { 0 };
                m >>= 6;
                if m > 0 {
                    first |= 0x80;
                }
                out.push(first);
                if m > 0 {
                    var(m, out);
                }
            }
            Value::F32(f) => {
                out.push(124);
                out.extend_from_slice(&f.to_be_bytes());
            }
            Value::F64(f) => {
                out.push(123);
                out.extend_from_slice(&f.to_be_bytes());
            }
            Value::BigInt(n) => {
                out.push(122);
                out.extend_from_slice(&n.to_be_bytes());
            }
            Value::Bool(b) => out.push(if *b { 120 } else { 121 }),
            Value::Str(s) => {
                out.push(119);
                string(s, out);
            }
            Value::Buf(b) => {
                out.push(116);
                var(b.len() as u64, out);
                out.extend_from_slice(b);
            }
            Value::Array(items) => {
                out.push(117);
                var(items.len() as u64, out);
                for v in items {
                    v.write(out);
                }
            }
            Value::Map(entries) => {
                out.push(118);
                var(entries.len() as u64, out);
                for (k, v) in entries {
                    string(k, out);
                    v.write(out);
                }
            }
            Value::Deep { levels, maps } => {
                // Up to a million levels: 2 MB, the size the server's frame limit lets through.
                let levels = (*levels as usize) * 16;
                for _ in 0..levels {
                    if *maps {
                        out.extend_from_slice(&[118, 1, 1, b'k']);
                    } else {
                        out.extend_from_slice(&[117, 1]);
                    }
                }
                out.push(126);
            }
        }
    }
}

/// Where an item hangs.
#[derive(Arbitrary, Debug)]
pub enum Parent {
    Root(String),
    Item(u64, u32),
}

/// An item's content.
#[derive(Arbitrary, Debug)]
pub enum Content {
    Deleted(u32),
    Json(Vec<String>),
    Binary(Vec<u8>),
    Str(String),
    Embed(String),
    Format(String, String),
    Type(u8, String),
    Values(Vec<Value>),
    Doc(String, Value),
}

/// One block of a client's run.
#[derive(Arbitrary, Debug)]
pub enum Block {
    Gc(u32),
    Skip(u32),
    Item {
        origin: Option<(u64, u32)>,
        right: Option<(u64, u32)>,
        parent: Parent,
        key: Option<String>,
        content: Content,
    },
}

/// A document update: runs of blocks per client, then a delete set.
#[derive(Arbitrary, Debug)]
pub struct UpdateShape {
    pub clients: Vec<(u64, u32, Vec<Block>)>,
    pub deletes: Vec<(u64, Vec<(u32, u32)>)>,
}

fn id((client, clock): (u64, u32), out: &mut Vec<u8>) {
    var(client, out);
    var(clock as u64, out);
}

impl UpdateShape {
    /// The update in the v1 wire format.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        var(self.clients.len() as u64, &mut out);
        for (client, clock, blocks) in &self.clients {
            var(blocks.len() as u64, &mut out);
            var(*client, &mut out);
            var(*clock as u64, &mut out);
            for b in blocks {
                write_block(b, &mut out);
            }
        }
        var(self.deletes.len() as u64, &mut out);
        for (client, ranges) in &self.deletes {
            var(*client, &mut out);
            var(ranges.len() as u64, &mut out);
            for (clock, len) in ranges {
                var(*clock as u64, &mut out);
                var(*len as u64, &mut out);
            }
        }
        out
    }
}

fn write_block(b: &Block, out: &mut Vec<u8>) {
    match b {
        Block::Gc(len) => {
            out.push(0);
            var(*len as u64, out);
        }
        Block::Skip(len) => {
            out.push(10);
            var(*len as u64, out);
        }
        Block::Item {
            origin,
            right,
            parent,
            key,
            content,
        } => {
            let kind = match content {
                Content::Deleted(_) => 1,
                Content::Json(_) => 2,
                Content::Binary(_) => 3,
                Content::Str(_) => 4,
                Content::Embed(_) => 5,
                Content::Format(..) => 6,
                Content::Type(..) => 7,
                Content::Values(_) => 8,
                Content::Doc(..) => 9,
            };
            let mut info = kind;
            if origin.is_some() {
                info |= 0x80;
            }
            if right.is_some() {
                info |= 0x40;
            }
            let no_origins = origin.is_none() && right.is_none();
            if no_origins && key.is_some() {
                info |= 0x20;
            }
            out.push(info);
            if let Some(o) = origin {
                id(*o, out);
            }
            if let Some(r) = right {
                id(*r, out);
            }
            if no_origins {
                match parent {
                    Parent::Root(name) => {
                        var(1, out);
                        string(name, out);
                    }
                    Parent::Item(c, k) => {
                        var(0, out);
                        id((*c, *k), out);
                    }
                }
                if let Some(k) = key {
                    string(k, out);
                }
            }
            match content {
                Content::Deleted(n) => var(*n as u64, out),
                Content::Json(items) => {
                    var(items.len().saturating_sub(1) as u64, out);
                    for s in items.iter().take(items.len().max(1)) {
                        string(s, out);
                    }
                    if items.is_empty() {
                        string("null", out);
                    }
                }
                Content::Binary(b) => {
                    var(b.len() as u64, out);
                    out.extend_from_slice(b);
                }
                Content::Str(s) | Content::Embed(s) => string(s, out),
                Content::Format(k, v) => {
                    string(k, out);
                    string(v, out);
                }
                Content::Type(t, name) => {
                    out.push(*t % 16);
                    if *t % 16 == 3 {
                        string(name, out);
                    }
                }
                Content::Values(values) => {
                    var(values.len() as u64, out);
                    for v in values {
                        v.write(out);
                    }
                }
                Content::Doc(guid, opts) => {
                    string(guid, out);
                    opts.write(out);
                }
            }
        }
    }
}

/// An awareness update: client id, clock and JSON text (possibly deeply nested).
#[derive(Arbitrary, Debug)]
pub struct AwarenessShape {
    pub states: Vec<(u64, u32, String, u16)>,
}

impl AwarenessShape {
    /// The awareness message (type 1) carrying these states; each JSON text is wrapped in
    /// `depth × 8` arrays.
    pub fn frame(&self) -> Vec<u8> {
        let mut body = Vec::new();
        var(self.states.len() as u64, &mut body);
        for (client, clock, json, depth) in &self.states {
            var(*client, &mut body);
            var(*clock as u64, &mut body);
            let d = *depth as usize * 8;
            let text = format!("{}{}{}", "[".repeat(d), json, "]".repeat(d));
            string(&text, &mut body);
        }
        let mut frame = vec![1];
        var(body.len() as u64, &mut frame);
        frame.extend_from_slice(&body);
        frame
    }
}
