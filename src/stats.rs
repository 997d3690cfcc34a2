//! Counters shared by the session, the printer and the exit report.
//!
//! Plain counts are atomics, touched on every event. The distributions (heartbeat round trips,
//! delivery lag) are HDR histograms: fixed memory however long the tail runs, and medians that
//! are exact to three significant digits.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hdrhistogram::Histogram;

use crate::human;

/// Significant decimal digits the histograms keep.
const PRECISION: u8 = 3;

/// Counters shared with the printer and the exit summary.
#[derive(Debug)]
pub struct Stats {
    /// Events decoded from the server.
    pub received: AtomicU64,
    /// Events written to stdout.
    pub shown: AtomicU64,
    /// Events handed to the printer and not yet taken by it.
    pub queued: AtomicU64,
    /// Redelivered events that were dropped.
    pub duplicates: AtomicU64,
    /// Connections established after the first one.
    pub reconnects: AtomicU64,
    /// Time spent without a connection after the first one, in milliseconds.
    pub disconnected_ms: AtomicU64,
    /// Received events by event type.
    by_type: Mutex<BTreeMap<String, u64>>,
    /// Heartbeat round trips, in microseconds (loopback answers in well under a millisecond).
    round_trips: Mutex<Histogram<u64>>,
    /// Receive time minus `event_ts`, in milliseconds.
    lag: Mutex<Histogram<u64>>,
}

impl Default for Stats {
    fn default() -> Self {
        let histogram = || Mutex::new(Histogram::new(PRECISION).expect("3 digits is in range"));
        Self {
            received: AtomicU64::default(),
            shown: AtomicU64::default(),
            queued: AtomicU64::default(),
            duplicates: AtomicU64::default(),
            reconnects: AtomicU64::default(),
            disconnected_ms: AtomicU64::default(),
            by_type: Mutex::default(),
            round_trips: histogram(),
            lag: histogram(),
        }
    }
}

impl Stats {
    /// Counts one new event of type `name`, and its lag when the event carries a time.
    pub fn record_event(&self, name: &str, lag: Option<Duration>) {
        self.received.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut by_type) = self.by_type.lock() {
            *by_type.entry(name.to_owned()).or_default() += 1;
        }
        if let Some(lag) = lag {
            record(&self.lag, saturating_u64(lag.as_millis()));
        }
    }

    /// Records the time from a heartbeat to its acknowledgement.
    pub fn record_round_trip(&self, rtt: Duration) {
        record(&self.round_trips, saturating_u64(rtt.as_micros()));
    }

    /// The one-line exit summary: counts, reconnects and time without a connection.
    pub fn summary(&self, uptime: Duration) -> String {
        self.headline("stopped after", uptime)
    }

    /// The `--stats` report, led by `lead` and the uptime: the summary, then counts by event
    /// type, heartbeat round trips and lag.
    pub fn report(&self, lead: &str, uptime: Duration) -> String {
        let mut lines = vec![self.headline(lead, uptime)];

        let by_type = self.by_type.lock().map(|m| m.clone()).unwrap_or_default();
        let width = by_type.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        for (name, count) in &by_type {
            lines.push(format!("  {:<width$}  {count}", human::sanitize(name)));
        }

        let rtt = distribution(&self.round_trips, "heartbeat", Duration::from_micros);
        lines.push(format!("  heartbeat round trip: {rtt}"));
        let lag = distribution(&self.lag, "event", Duration::from_millis);
        lines.push(format!("  lag (received - event_ts): {lag}"));
        lines.join("\n")
    }

    fn headline(&self, lead: &str, uptime: Duration) -> String {
        let received = self.received.load(Ordering::Relaxed);
        let shown = self.shown.load(Ordering::Relaxed);
        let reconnects = self.reconnects.load(Ordering::Relaxed);

        let mut line = format!(
            "{lead} {}: {} received, {shown} shown, {}",
            human::duration(uptime),
            plural(received, "event"),
            plural(reconnects, "reconnect")
        );
        let gap = Duration::from_millis(self.disconnected_ms.load(Ordering::Relaxed));
        if reconnects > 0 || !gap.is_zero() {
            line.push_str(&format!(" ({} without a connection)", human::duration(gap)));
        }
        let duplicates = self.duplicates.load(Ordering::Relaxed);
        if duplicates > 0 {
            line.push_str(&format!(", {} dropped", plural(duplicates, "duplicate")));
        }
        line
    }
}

fn record(histogram: &Mutex<Histogram<u64>>, value: u64) {
    if let Ok(mut histogram) = histogram.lock() {
        // Auto-resizing: a value beyond the current range grows it rather than failing.
        let _ = histogram.record(value);
    }
}

/// `min 1ms, median 3ms, max 9ms (12 heartbeats)`, or `none yet`.
fn distribution(
    histogram: &Mutex<Histogram<u64>>,
    what: &str,
    unit: fn(u64) -> Duration,
) -> String {
    let Ok(histogram) = histogram.lock() else {
        return "unavailable".into();
    };
    if histogram.is_empty() {
        return format!("none yet (0 {what}s)");
    }

    let show = |value: u64| human::duration(unit(value));
    format!(
        "min {}, median {}, max {} ({})",
        show(histogram.min()),
        show(histogram.value_at_quantile(0.5)),
        show(histogram.max()),
        plural(histogram.len(), what)
    )
}

fn saturating_u64(n: u128) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_and_pluralises() {
        let stats = Stats::default();
        stats.record_event("meeting.started", None);
        stats.shown.store(1, Ordering::Relaxed);
        assert_eq!(
            stats.summary(Duration::from_secs(65)),
            "stopped after 1m 05s: 1 event received, 1 shown, 0 reconnects"
        );

        stats.reconnects.store(2, Ordering::Relaxed);
        stats.disconnected_ms.store(3_500, Ordering::Relaxed);
        assert!(
            stats
                .summary(Duration::from_secs(5))
                .ends_with("2 reconnects (3.5s without a connection)")
        );
    }

    #[test]
    fn report_has_counts_by_type_round_trips_and_lag() {
        let stats = Stats::default();
        for (name, lag_ms) in [("meeting.started", 100), ("user.created", 2_000)] {
            stats.record_event(name, Some(Duration::from_millis(lag_ms)));
        }
        stats.record_event("meeting.started", Some(Duration::from_millis(300)));
        for ms in [10, 20, 40] {
            stats.record_round_trip(Duration::from_millis(ms));
        }

        let report = stats.report("stats after", Duration::from_secs(3));
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(
            lines,
            [
                "stats after 3s: 3 events received, 0 shown, 0 reconnects",
                "  meeting.started  2",
                "  user.created     1",
                "  heartbeat round trip: min 10ms, median 20ms, max 40ms (3 heartbeats)",
                "  lag (received - event_ts): min 100ms, median 300ms, max 2s (3 events)",
            ]
        );
    }

    #[test]
    fn an_empty_report_says_none_yet() {
        let report = Stats::default().report("so far", Duration::ZERO);
        assert!(
            report.contains("round trip: none yet (0 heartbeats)"),
            "{report}"
        );
    }
}
