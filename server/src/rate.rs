//! Rate limits as token buckets: [`Bucket`] for one client (a connection's expensive sync
//! requests), [`PerIp`] for expensive writes per address (creating and importing boards,
//! uploading requirement sets), with stale addresses forgotten so the table stays small.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// A token bucket: `burst` requests at once, refilled at `per_second`.
#[derive(Debug, Clone)]
pub struct Bucket {
    tokens: f64,
    burst: f64,
    per_second: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket.
    pub fn new(burst: u32, per_second: f64) -> Bucket {
        Bucket {
            tokens: burst.max(1) as f64,
            burst: burst.max(1) as f64,
            per_second,
            last: Instant::now(),
        }
    }

    /// Takes one token if there is one.
    pub fn take(&mut self) -> bool {
        self.take_at(Instant::now())
    }

    fn take_at(&mut self, now: Instant) -> bool {
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.burst);
        self.last = now;
    }

    /// Whether the bucket would be full at `now` (nothing to remember).
    fn full_at(&self, now: Instant) -> bool {
        let mut b = self.clone();
        b.refill(now);
        b.tokens >= b.burst
    }
}

/// Buckets of one kind of request, keyed by client address.
pub struct PerIp {
    template: Bucket,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

/// Addresses remembered before idle ones are forgotten.
const MAX_TRACKED: usize = 10_000;

impl PerIp {
    /// `n` requests a minute, all of them at once if wanted.
    pub fn per_minute(n: u32) -> PerIp {
        PerIp {
            template: Bucket::new(n, n as f64 / 60.0),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request for `ip`; `false` when it must wait.
    pub fn allow(&self, ip: IpAddr) -> bool {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().expect("poisoned");
        if buckets.len() >= MAX_TRACKED {
            buckets.retain(|_, b| !b.full_at(now));
        }
        buckets
            .entry(ip)
            .or_insert_with(|| self.template.clone())
            .take_at(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_allows_a_burst_then_refills() {
        let start = Instant::now();
        let mut b = Bucket::new(3, 1.0);
        b.last = start;
        assert!((0..3).all(|_| b.take_at(start)));
        assert!(!b.take_at(start));
        let later = start + std::time::Duration::from_millis(1100);
        assert!(b.take_at(later));
        assert!(!b.take_at(later));
    }

    #[test]
    fn each_address_has_its_own_budget() {
        let r = PerIp::per_minute(3);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        assert!((0..3).all(|_| r.allow(a)));
        assert!(!r.allow(a));
        assert!(r.allow(b));
    }
}
