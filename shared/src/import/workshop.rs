//! Import checks for the workshop state: hotspot statuses, comments, lanes and pivotal marks
//! must name stickies the board holds and stay within the limits the live board keeps, so an
//! imported board reads back (and exports again) exactly as the file says.

use std::collections::{BTreeMap, HashSet};

use super::{err, unique, ImportError};
use crate::board::Board;
use crate::comments::{MAX_AUTHOR_CHARS, MAX_CHARS, MAX_PER_STICKY};
use crate::kind::StickyKind;
use crate::timeline::{MAX_LANES, MAX_LANE_NAME_CHARS};

/// Largest time a document keeps exactly (JavaScript's largest safe integer).
const MAX_TIME: u64 = (1 << 53) - 1;

fn sticky(stickies: &HashSet<&str>, path: String, id: &str) -> Result<(), ImportError> {
    if stickies.contains(id) {
        Ok(())
    } else {
        Err(err(path, format!("no sticky with id {id:?}")))
    }
}

fn chars(path: String, s: &str, max: usize) -> Result<(), ImportError> {
    let n = s.chars().count();
    if n > max {
        return Err(err(
            path,
            format!("at most {max} characters (this has {n})"),
        ));
    }
    Ok(())
}

/// Checks the workshop state of `b`, whose sticky ids are `stickies`.
pub(super) fn validate(b: &Board, stickies: &HashSet<&str>) -> Result<(), ImportError> {
    for id in b.hotspots.keys() {
        sticky(stickies, format!("$.board.hotspots.{id}"), id)?;
    }
    unique("comments", b.comments.iter().map(|c| c.id.as_str()))?;
    let mut per: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in b.comments.iter().enumerate() {
        let at = format!("$.board.comments[{i}]");
        sticky(stickies, format!("{at}.sticky"), &c.sticky)?;
        if c.text.trim().is_empty() {
            return Err(err(format!("{at}.text"), "a comment needs some text"));
        }
        chars(format!("{at}.text"), &c.text, MAX_CHARS)?;
        chars(format!("{at}.author"), &c.author, MAX_AUTHOR_CHARS)?;
        chars(format!("{at}.author_key"), &c.author_key, MAX_AUTHOR_CHARS)?;
        for (field, t) in [("at", Some(c.at)), ("edited_at", c.edited_at)] {
            if t.is_some_and(|t| t > MAX_TIME) {
                return Err(err(format!("{at}.{field}"), format!("at most {MAX_TIME}")));
            }
        }
        let n = per.entry(c.sticky.as_str()).or_default();
        *n += 1;
        if *n > MAX_PER_STICKY {
            return Err(err(
                format!("{at}.sticky"),
                format!("a sticky holds at most {MAX_PER_STICKY} comments"),
            ));
        }
    }
    unique("lanes", b.lanes.iter().map(|l| l.id.as_str()))?;
    if b.lanes.len() > MAX_LANES {
        return Err(err(
            format!("$.board.lanes[{MAX_LANES}]"),
            format!("a board holds at most {MAX_LANES} lanes"),
        ));
    }
    for (i, l) in b.lanes.iter().enumerate() {
        chars(
            format!("$.board.lanes[{i}].name"),
            &l.name,
            MAX_LANE_NAME_CHARS,
        )?;
        if l.h <= 0.0 {
            return Err(err(format!("$.board.lanes[{i}].h"), "must be more than 0"));
        }
    }
    let mut seen = HashSet::new();
    for (i, id) in b.pivotal.iter().enumerate() {
        let path = format!("$.board.pivotal[{i}]");
        sticky(stickies, path.clone(), id)?;
        if b.sticky(id)
            .is_some_and(|s| s.kind != StickyKind::DomainEvent)
        {
            return Err(err(path, format!("{id:?} is not a domain event")));
        }
        if !seen.insert(id) {
            return Err(err(path, format!("duplicate id {id:?}")));
        }
    }
    Ok(())
}
