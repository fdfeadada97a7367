//! The workshop countdown, on the server's clock: the server stamps when it started or was
//! paused, and every client computes what remains from the server time it was last told
//! (corrected for its own clock's offset), so all screens agree and a reload changes nothing.

use serde::{Deserialize, Serialize};

/// Longest countdown, and most a countdown may be extended to: four hours.
pub const MAX_TIMER_MS: i64 = 4 * 60 * 60 * 1000;

/// A countdown. Times are milliseconds since the Unix epoch, on the server's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    /// The whole duration set, including extensions.
    pub total_ms: i64,
    /// What remained at `since` (or now, while paused).
    pub remaining_ms: i64,
    /// When it last started running; `None` while paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running_since: Option<i64>,
}

impl Timer {
    /// A countdown of `ms` started at `now`, bounded to [`MAX_TIMER_MS`].
    pub fn start(ms: i64, now: i64) -> Timer {
        let ms = ms.clamp(1_000, MAX_TIMER_MS);
        Timer {
            total_ms: ms,
            remaining_ms: ms,
            running_since: Some(now),
        }
    }

    /// What remains at `now` (never below zero).
    pub fn remaining(&self, now: i64) -> i64 {
        let spent = self
            .running_since
            .map_or(0, |since| now.saturating_sub(since).max(0));
        self.remaining_ms.saturating_sub(spent).max(0)
    }

    /// Whether it is counting down at `now`.
    pub fn running(&self, now: i64) -> bool {
        self.running_since.is_some() && self.remaining(now) > 0
    }

    /// Whether it reached zero at `now`.
    pub fn ended(&self, now: i64) -> bool {
        self.remaining(now) == 0
    }

    /// Stops the countdown at `now`, keeping what remains.
    pub fn pause(&mut self, now: i64) {
        self.remaining_ms = self.remaining(now);
        self.running_since = None;
    }

    /// Counts down again from `now`.
    pub fn resume(&mut self, now: i64) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    /// Adds `ms` (bounded so the total stays within [`MAX_TIMER_MS`]); an ended countdown
    /// starts again with the time added.
    pub fn extend(&mut self, ms: i64, now: i64) {
        let ms = ms.clamp(0, MAX_TIMER_MS - self.total_ms.min(MAX_TIMER_MS));
        let left = self.remaining(now);
        self.total_ms += ms;
        self.remaining_ms = left + ms;
        if self.running_since.is_some() {
            self.running_since = Some(now);
        }
    }
}

/// A client's view of the server clock: `offset` is added to the local clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClockOffset(pub i64);

impl ClockOffset {
    /// The offset from a server time `server_now` received when the local clock read `local`.
    pub fn from_sample(server_now: i64, local: i64) -> ClockOffset {
        ClockOffset(server_now - local)
    }

    /// The server's time now, given the local clock.
    pub fn server_time(self, local: i64) -> i64 {
        local + self.0
    }
}

/// `ms` as `m:ss` (or `h:mm:ss` from an hour on), rounding up to the next whole second so the
/// display reaches 0:00 exactly when the countdown ends.
pub fn format_remaining(ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_pauses_and_resumes_on_server_time() {
        let mut t = Timer::start(60_000, 1_000);
        assert_eq!(t.remaining(1_000), 60_000);
        assert_eq!(t.remaining(31_000), 30_000);
        t.pause(31_000);
        assert_eq!(t.remaining(99_000), 30_000);
        assert!(!t.running(99_000));
        t.resume(100_000);
        assert_eq!(t.remaining(110_000), 20_000);
        assert_eq!(t.remaining(1_000_000), 0);
        assert!(t.ended(1_000_000));
        // A clock that went backwards never adds time.
        assert_eq!(t.remaining(0), 30_000);
    }

    #[test]
    fn extending_adds_time_and_restarts_an_ended_countdown() {
        let mut t = Timer::start(10_000, 0);
        t.extend(60_000, 5_000);
        assert_eq!(t.total_ms, 70_000);
        assert_eq!(t.remaining(5_000), 65_000);
        let mut ended = Timer::start(10_000, 0);
        ended.extend(30_000, 50_000);
        assert_eq!(ended.remaining(50_000), 30_000);
        assert!(ended.running(50_001));
    }

    #[test]
    fn durations_are_bounded() {
        assert_eq!(Timer::start(i64::MAX, 0).total_ms, MAX_TIMER_MS);
        assert_eq!(Timer::start(-5, 0).total_ms, 1_000);
        let mut t = Timer::start(MAX_TIMER_MS, 0);
        t.extend(i64::MAX, 0);
        assert_eq!(t.total_ms, MAX_TIMER_MS);
        t.extend(-100, 0);
        assert_eq!(t.total_ms, MAX_TIMER_MS);
    }

    #[test]
    fn a_client_corrects_its_clock_and_formats_what_remains() {
        let off = ClockOffset::from_sample(10_000, 7_000);
        assert_eq!(off.server_time(8_000), 11_000);
        assert_eq!(format_remaining(0), "0:00");
        assert_eq!(format_remaining(1), "0:01");
        assert_eq!(format_remaining(65_000), "1:05");
        assert_eq!(format_remaining(3_600_000), "1:00:00");
    }
}
