//! Which automatic checkpoints a board keeps: every one from the last `--keep-all-hours`, then
//! the newest of each hour until `--keep-hourly-days`, then the newest of each UTC day until
//! `--keep-daily-days`, none older. Named checkpoints and the board's newest checkpoint are
//! always kept. Pure: the storage writer applies it after storing each checkpoint.

use std::collections::HashSet;

use super::policy::{HistoryPolicy, DAY_MS, HOUR_MS};

/// A stored checkpoint as retention sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its id.
    pub id: String,
    /// When it was made (ms since the epoch).
    pub created_at: i64,
    /// Whether a facilitator named it.
    pub named: bool,
}

/// Ids of the checkpoints in `all` (one board's) the policy no longer keeps at `now`.
pub fn expired(all: &[Entry], now: i64, p: &HistoryPolicy) -> Vec<String> {
    let mut newest_first: Vec<&Entry> = all.iter().collect();
    newest_first.sort_by_key(|e| std::cmp::Reverse((e.created_at, e.id.clone())));
    let all_ms = p.keep_all_hours as i64 * HOUR_MS;
    let hourly_ms = p.keep_hourly_days as i64 * DAY_MS;
    let daily_ms = p.keep_daily_days as i64 * DAY_MS;
    let mut buckets = HashSet::new();
    let mut out = Vec::new();
    for (i, e) in newest_first.into_iter().enumerate() {
        let age = now - e.created_at;
        if e.named || i == 0 || age <= all_ms {
            continue;
        }
        let bucket = if age <= hourly_ms {
            (1, e.created_at.div_euclid(HOUR_MS))
        } else if age <= daily_ms {
            (2, e.created_at.div_euclid(DAY_MS))
        } else {
            out.push(e.id.clone());
            continue;
        };
        if !buckets.insert(bucket) {
            out.push(e.id.clone());
        }
    }
    out
}

/// A kept checkpoint whose previous checkpoint went, and its new previous one (`None`: it is
/// now the oldest): its summary must be computed again.
pub type Relinked = (String, Option<String>);

/// The kept checkpoints whose previous checkpoint is among `gone`, each with its new previous.
pub fn relinked(all: &[Entry], gone: &[String]) -> Vec<Relinked> {
    let gone: HashSet<&str> = gone.iter().map(String::as_str).collect();
    let mut oldest_first: Vec<&Entry> = all.iter().collect();
    oldest_first.sort_by_key(|e| (e.created_at, e.id.clone()));
    let (mut kept, mut lost_previous, mut out) = (None::<&str>, false, Vec::new());
    for e in oldest_first {
        if gone.contains(e.id.as_str()) {
            lost_previous = true;
            continue;
        }
        if lost_previous {
            out.push((e.id.clone(), kept.map(str::to_string)));
        }
        kept = Some(&e.id);
        lost_previous = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn policy() -> HistoryPolicy {
        crate::config::Config::parse_from(["stormwall"])
            .limits
            .history
    }

    fn entry(id: &str, age_ms: i64, named: bool, now: i64) -> Entry {
        Entry {
            id: id.into(),
            created_at: now - age_ms,
            named,
        }
    }

    #[test]
    fn the_default_policy_keeps_a_day_then_hours_then_days_and_every_named_one() {
        let now = 1_000 * DAY_MS;
        let min = 60_000;
        let all = vec![
            entry("now", 0, false, now),
            entry("2h", 2 * HOUR_MS, false, now),
            entry("2h-5m", 2 * HOUR_MS + 5 * min, false, now),
            // Two in one hour two days ago: the newer stays.
            entry("2d-a", 2 * DAY_MS + 10 * min, false, now),
            entry("2d-b", 2 * DAY_MS + 20 * min, false, now),
            // Two on one day a month ago: the newer stays.
            entry("30d-a", 30 * DAY_MS + HOUR_MS, false, now),
            entry("30d-b", 30 * DAY_MS + 2 * HOUR_MS, false, now),
            entry("100d", 100 * DAY_MS, false, now),
            entry("100d-named", 100 * DAY_MS, true, now),
            entry("2d-named", 2 * DAY_MS + 30 * min, true, now),
        ];
        let mut gone = expired(&all, now, &policy());
        gone.sort();
        assert_eq!(gone, ["100d", "2d-b", "30d-b"]);
        // Even a very old checkpoint stays while it is the newest of its board.
        assert!(expired(&[entry("old", 400 * DAY_MS, false, now)], now, &policy()).is_empty());
    }

    #[test]
    fn a_checkpoint_that_lost_its_predecessor_is_relinked_to_the_one_before() {
        let now = 10 * DAY_MS;
        let all = vec![
            entry("a", 30, false, now),
            entry("b", 20, false, now),
            entry("c", 10, false, now),
            entry("d", 0, false, now),
        ];
        assert_eq!(
            relinked(&all, &["b".into(), "c".into()]),
            [("d".to_string(), Some("a".to_string()))]
        );
        assert_eq!(relinked(&all, &["a".into()]), [("b".to_string(), None)]);
        assert!(relinked(&all, &[]).is_empty());
    }
}
