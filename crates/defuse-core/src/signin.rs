//! Sign-in throttling, decided without I/O: from how many failed sign-ins a key (a login or a
//! client address) had within the window, when the last one was and whether a lock is in
//! force, whether the next attempt may go ahead now, must wait, or is locked out.

use jiff::{SignedDuration, Timestamp};

/// How failed sign-ins slow down the next attempt on the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Failures that cost nothing: the next attempt may come at once.
    pub free_failures: u32,
    /// The wait after the first failure past the free ones, doubled by each further failure.
    pub base_delay: SignedDuration,
    /// The longest wait between two attempts.
    pub max_delay: SignedDuration,
    /// This many failures within `window` lock the key.
    pub lock_after: u32,
    /// How far back failures are counted.
    pub window: SignedDuration,
    /// How long a lock lasts from the failure that set it.
    pub lock_for: SignedDuration,
}

impl Default for Throttle {
    /// 3 free failures, then 1 s doubling up to 30 s; 10 failures within 15 minutes lock the key
    /// for 15 minutes.
    fn default() -> Throttle {
        Throttle {
            free_failures: 3,
            base_delay: SignedDuration::from_secs(1),
            max_delay: SignedDuration::from_secs(30),
            lock_after: 10,
            window: SignedDuration::from_mins(15),
            lock_for: SignedDuration::from_mins(15),
        }
    }
}

/// Whether a sign-in attempt may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Check the password.
    Allowed,
    /// Too many failures: the next attempt may come at `until`.
    Wait { until: Timestamp },
    /// Locked out until `until`, whatever the password.
    Locked { until: Timestamp },
}

impl Verdict {
    pub fn is_allowed(self) -> bool {
        self == Verdict::Allowed
    }

    /// When the attempt may come, if not now.
    pub fn until(self) -> Option<Timestamp> {
        match self {
            Verdict::Allowed => None,
            Verdict::Wait { until } | Verdict::Locked { until } => Some(until),
        }
    }

    /// The stricter of two verdicts: a lock over a wait over allowed; of two of a kind, the
    /// later end.
    pub fn worst(self, other: Verdict) -> Verdict {
        fn rank(v: Verdict) -> (u8, Option<Timestamp>) {
            match v {
                Verdict::Allowed => (0, None),
                Verdict::Wait { until } => (1, Some(until)),
                Verdict::Locked { until } => (2, Some(until)),
            }
        }
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

impl Throttle {
    /// The verdict for the next attempt on one key at `now`: `failures_in_window` failures
    /// within [`Self::window`] before `now`, the last of them at `last_failure`, and the end of
    /// a lock already recorded (`locked_until`).
    ///
    /// A recorded lock still running is `Locked`. Otherwise `lock_after` failures or more lock
    /// the key for `lock_for` from the last failure (the caller records that end: failures
    /// leaving the window do not shorten a lock). Past `free_failures`, the next attempt waits
    /// `base_delay` × 2^(failures − free_failures), at most `max_delay`, after the last failure.
    /// A count without a `last_failure` is taken as failing at `now`.
    pub fn verdict(
        &self,
        failures_in_window: u32,
        last_failure: Option<Timestamp>,
        locked_until: Option<Timestamp>,
        now: Timestamp,
    ) -> Verdict {
        if let Some(until) = locked_until
            && until > now
        {
            return Verdict::Locked { until };
        }
        if failures_in_window == 0 {
            return Verdict::Allowed;
        }
        let last = last_failure.unwrap_or(now);
        if failures_in_window >= self.lock_after {
            let until = later(last, self.lock_for);
            if until > now {
                return Verdict::Locked { until };
            }
        }
        if failures_in_window >= self.free_failures {
            let until = later(last, self.delay(failures_in_window - self.free_failures));
            if until > now {
                return Verdict::Wait { until };
            }
        }
        Verdict::Allowed
    }

    /// The wait after `extra` failures past the free ones: `base_delay` doubled `extra` times,
    /// at most `max_delay`.
    pub fn delay(&self, extra: u32) -> SignedDuration {
        let doubled = 2i32
            .checked_pow(extra)
            .and_then(|f| self.base_delay.checked_mul(f))
            .unwrap_or(self.max_delay);
        doubled.min(self.max_delay)
    }
}

/// `t + d`, at the end of time rather than overflowing.
fn later(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.checked_add(d).unwrap_or(if d.is_negative() {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().expect("time")
    }

    const NOW: &str = "2026-11-20T12:00:00Z";

    fn secs(n: i64) -> SignedDuration {
        SignedDuration::from_secs(n)
    }

    #[test]
    fn no_failures_or_only_free_ones_are_allowed() {
        let th = Throttle::default();
        let now = t(NOW);
        assert_eq!(th.verdict(0, None, None, now), Verdict::Allowed);
        assert_eq!(th.verdict(1, Some(now), None, now), Verdict::Allowed);
        assert_eq!(th.verdict(2, Some(now), None, now), Verdict::Allowed);
    }

    #[test]
    fn past_the_free_failures_the_wait_doubles_from_the_last_failure_up_to_the_cap() {
        let th = Throttle::default();
        let last = t(NOW);
        let waits: Vec<_> = (3..=9)
            .map(|n| th.verdict(n, Some(last), None, last))
            .collect();
        let want: Vec<_> = [1, 2, 4, 8, 16, 30, 30]
            .into_iter()
            .map(|s| Verdict::Wait {
                until: last + secs(s),
            })
            .collect();
        assert_eq!(waits, want);
    }

    #[test]
    fn a_wait_is_over_once_the_delay_since_the_last_failure_has_passed() {
        let th = Throttle::default();
        let last = t(NOW);
        // 4 failures: 2 s.
        assert_eq!(
            th.verdict(4, Some(last), None, last + secs(1)),
            Verdict::Wait {
                until: last + secs(2)
            }
        );
        assert_eq!(
            th.verdict(4, Some(last), None, last + secs(2)),
            Verdict::Allowed
        );
    }

    #[test]
    fn lock_after_failures_lock_the_key_for_lock_for_from_the_last() {
        let th = Throttle::default();
        let last = t(NOW);
        let until = last + SignedDuration::from_mins(15);
        assert_eq!(
            th.verdict(10, Some(last), None, last),
            Verdict::Locked { until }
        );
        assert_eq!(
            th.verdict(12, Some(last), None, last + SignedDuration::from_mins(14)),
            Verdict::Locked { until }
        );
        // Once the lock is over, the last failure is long past: no wait either.
        assert_eq!(th.verdict(10, Some(last), None, until), Verdict::Allowed);
    }

    #[test]
    fn a_recorded_lock_holds_even_when_the_failures_left_the_window() {
        let th = Throttle::default();
        let now = t(NOW);
        let until = now + SignedDuration::from_mins(3);
        assert_eq!(
            th.verdict(0, None, Some(until), now),
            Verdict::Locked { until }
        );
        // An ended lock is nothing.
        assert_eq!(
            th.verdict(0, None, Some(now - secs(1)), now),
            Verdict::Allowed
        );
        assert_eq!(th.verdict(0, None, Some(now), now), Verdict::Allowed);
    }

    #[test]
    fn a_count_without_a_last_failure_counts_from_now() {
        let th = Throttle::default();
        let now = t(NOW);
        assert_eq!(
            th.verdict(3, None, None, now),
            Verdict::Wait {
                until: now + secs(1)
            }
        );
    }

    #[test]
    fn the_delay_never_overflows() {
        let th = Throttle::default();
        assert_eq!(th.delay(0), secs(1));
        assert_eq!(th.delay(31), secs(30));
        assert_eq!(th.delay(u32::MAX), secs(30));
        let huge = Throttle {
            base_delay: SignedDuration::MAX,
            max_delay: SignedDuration::MAX,
            ..Throttle::default()
        };
        assert_eq!(huge.delay(3), SignedDuration::MAX);
        assert_eq!(
            huge.verdict(5, Some(t(NOW)), None, t(NOW)),
            Verdict::Wait {
                until: Timestamp::MAX
            }
        );
    }

    #[test]
    fn the_worst_verdict_is_a_lock_then_a_wait_then_the_later_end() {
        let now = t(NOW);
        let w1 = Verdict::Wait { until: now };
        let w2 = Verdict::Wait {
            until: now + secs(5),
        };
        let l = Verdict::Locked {
            until: now + secs(1),
        };
        assert_eq!(Verdict::Allowed.worst(w1), w1);
        assert_eq!(w1.worst(Verdict::Allowed), w1);
        assert_eq!(w1.worst(w2), w2);
        assert_eq!(w2.worst(w1), w2);
        assert_eq!(w2.worst(l), l);
        assert_eq!(l.worst(w2), l);
        assert!(Verdict::Allowed.is_allowed() && !l.is_allowed());
        assert_eq!(l.until(), Some(now + secs(1)));
        assert_eq!(Verdict::Allowed.until(), None);
    }
}
