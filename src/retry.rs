//! When to try again and when to stop: backoff delays and the `--max-retries` limit, shared by
//! the token source and the session.

use std::time::Duration;

use backon::BackoffBuilder;

/// Exponential backoff with jitter, capped, and an optional limit on failures in a row.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// The first delay.
    pub initial: Duration,
    /// No delay is longer than this.
    pub max: Duration,
    /// Give up after this many failed attempts in a row; `None` retries forever.
    pub max_attempts: Option<u32>,
}

/// The delays between attempts: doubling from `initial`, jittered, never above `max`.
#[derive(Debug)]
pub struct Backoff {
    policy: RetryPolicy,
    delays: backon::ExponentialBackoff,
}

impl Backoff {
    pub fn new(policy: RetryPolicy) -> Self {
        let delays = backon::ExponentialBuilder::default()
            .with_min_delay(policy.initial)
            .with_max_delay(policy.max)
            .with_factor(2.0)
            .with_jitter()
            .without_max_times()
            .build();
        Self { policy, delays }
    }

    /// The next delay; jitter adds up to one step. A delay that reaches the cap is drawn
    /// between half the cap and the cap, so clients waiting at the cap do not retry in step.
    pub fn next_delay(&mut self) -> Duration {
        match self.delays.next() {
            Some(delay) if delay < self.policy.max => delay,
            _ => self.near_max(),
        }
    }

    /// A delay between half the cap and the cap.
    pub fn near_max(&self) -> Duration {
        let half = self.policy.max / 2;
        half + half.mul_f64(fastrand::f64())
    }

    /// Starts again from the first delay.
    pub fn reset(&mut self) {
        *self = Self::new(self.policy);
    }
}

/// Failures in a row after which retrying is reported even under `-q`.
const STILL_FAILING: u32 = 5;

/// Too many failed attempts in a row: exit code 1.
#[derive(Debug, thiserror::Error)]
#[error(
    "gave up after {attempts} failed {what}{} in a row (--max-retries): {last}",
    if *attempts == 1 { "" } else { "s" }
)]
pub struct GaveUp {
    pub attempts: u32,
    pub what: &'static str,
    pub last: String,
}

/// Counts failed attempts in a row against the limit.
#[derive(Debug)]
pub struct Attempts {
    limit: Option<u32>,
    failed: u32,
    what: &'static str,
}

impl Attempts {
    /// `what` names one attempt in the give-up message, e.g. "token request".
    pub fn new(limit: Option<u32>, what: &'static str) -> Self {
        Self {
            limit,
            failed: 0,
            what,
        }
    }

    /// Records a failure; an error once the limit is reached. A long run of failures is said
    /// once at error level, so that even `-q` does not retry in silence.
    pub fn failed(&mut self, last: &str) -> Result<(), GaveUp> {
        self.failed += 1;
        match self.limit {
            Some(limit) if self.failed >= limit => Err(GaveUp {
                attempts: self.failed,
                what: self.what,
                last: last.to_owned(),
            }),
            _ => {
                if self.failed == STILL_FAILING {
                    tracing::error!(
                        "{STILL_FAILING} {}s in a row failed (the last: {last}); still retrying \
                         (--max-retries N gives up instead)",
                        self.what
                    );
                }
                Ok(())
            }
        }
    }

    /// Records a success: the count starts again.
    pub fn succeeded(&mut self) {
        self.failed = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(max_attempts: Option<u32>) -> RetryPolicy {
        RetryPolicy {
            initial: Duration::from_millis(100),
            max: Duration::from_secs(1),
            max_attempts,
        }
    }

    #[test]
    fn backoff_doubles_to_the_cap_and_resets() {
        let mut backoff = Backoff::new(policy(None));
        let delays: Vec<Duration> = (0..8).map(|_| backoff.next_delay()).collect();

        let max = Duration::from_secs(1);
        for (i, d) in delays.iter().enumerate() {
            let step = (Duration::from_millis(100) * 2u32.pow(i as u32)).min(max / 2);
            assert!(*d >= step && *d <= (step * 2).min(max), "delay {i}: {d:?}");
        }
        assert!(delays[7] >= max / 2 && delays[7] <= max, "{:?}", delays[7]);

        backoff.reset();
        assert!(backoff.next_delay() <= Duration::from_millis(200));
    }

    #[test]
    fn delays_at_the_cap_are_spread_out() {
        let mut backoff = Backoff::new(policy(None));
        let at_cap: std::collections::HashSet<Duration> =
            (0..40).map(|_| backoff.next_delay()).skip(10).collect();
        assert!(at_cap.len() > 10, "{at_cap:?}");
    }

    #[test]
    fn attempts_give_up_at_the_limit_and_reset_on_success() {
        let mut attempts = Attempts::new(Some(2), "connection attempt");
        assert!(attempts.failed("a").is_ok());
        attempts.succeeded();
        assert!(attempts.failed("b").is_ok());
        let err = attempts.failed("refused").unwrap_err();
        assert_eq!(
            err.to_string(),
            "gave up after 2 failed connection attempts in a row (--max-retries): refused"
        );
    }

    #[test]
    fn no_limit_never_gives_up() {
        let mut attempts = Attempts::new(None, "token request");
        assert!((0..10_000).all(|_| attempts.failed("x").is_ok()));
    }
}
