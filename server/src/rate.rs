//! Per-IP rate limits for expensive writes (creating and importing boards, uploading
//! requirement sets): a token bucket per address, refilled continuously, with stale addresses
//! forgotten so the table stays small.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Buckets of one kind of request, keyed by client address.
pub struct PerIp {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

/// Addresses remembered before idle ones are forgotten.
const MAX_TRACKED: usize = 10_000;

impl PerIp {
    /// `n` requests a minute, all of them at once if wanted.
    pub fn per_minute(n: u32) -> PerIp {
        PerIp {
            per_second: n as f64 / 60.0,
            burst: n.max(1) as f64,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request for `ip`; `false` when it must wait.
    pub fn allow(&self, ip: IpAddr) -> bool {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().expect("poisoned");
        if buckets.len() >= MAX_TRACKED {
            let full = self.burst;
            let rate = self.per_second;
            buckets.retain(|_, (t, at)| *t + now.duration_since(*at).as_secs_f64() * rate < full);
        }
        let (tokens, at) = buckets.entry(ip).or_insert((self.burst, now));
        *tokens =
            (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
