//! The human line: time, the event name coloured by family, a summary, and the lag when the
//! event arrived late.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local, Utc};
use clap::ValueEnum;
use colored::{Color, Colorize};

use crate::human;
use crate::session::Received;

use super::summarize;

/// Width the event name is padded to, so summaries line up.
const NAME_WIDTH: usize = 28;

/// An `event_ts` this far ahead of the receive time is pointed out: one clock is wrong.
const CLOCK_SKEW_WARN: Duration = Duration::from_secs(5);

/// Narrowest summary worth shortening to; a narrower terminal gets the whole line.
const MIN_SUMMARY_WIDTH: usize = 10;

/// How the pretty line shows when an event happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Timestamps {
    /// Local time of day, e.g. 14:03:07
    #[default]
    Local,
    /// UTC time of day, e.g. 13:03:07Z
    Utc,
    /// Full date and time with the local offset, e.g. 2026-12-04T14:03:07.120+01:00
    Rfc3339,
    /// No time column
    None,
}

/// Turns instants into text in the chosen format and time zone.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub timestamps: Timestamps,
    /// A fixed zone instead of the local one (for tests).
    pub offset: Option<FixedOffset>,
}

impl Clock {
    /// A clock in the local time zone.
    pub fn local(timestamps: Timestamps) -> Self {
        Self {
            timestamps,
            offset: None,
        }
    }

    /// When the event happened, from its `event_ts`; `None` when it has none.
    pub fn event_time(&self, received: &Received) -> Option<DateTime<Utc>> {
        let ts = received.event.timestamp_ms()?;
        DateTime::from_timestamp_millis(ts)
    }

    /// `t` in the format `timestamps`; empty for [`Timestamps::None`].
    pub fn format(&self, t: DateTime<Utc>, timestamps: Timestamps) -> String {
        let zoned = match self.offset {
            Some(offset) => t.with_timezone(&offset),
            None => t.with_timezone(&Local).fixed_offset(),
        };
        match timestamps {
            Timestamps::Local => zoned.format("%H:%M:%S").to_string(),
            Timestamps::Utc => t.format("%H:%M:%SZ").to_string(),
            Timestamps::Rfc3339 => zoned.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string(),
            Timestamps::None => String::new(),
        }
    }
}

/// What shapes a pretty line besides the event.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub clock: Clock,
    /// Show the lag when it is at least this long.
    pub lag_warn: Duration,
    /// How wide a line may be.
    pub width: Width,
}

/// How wide a pretty line may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// As long as it takes: a pipe or a file.
    Unlimited,
    /// The terminal's width, asked for each line so that a resize is followed.
    Terminal,
    /// A fixed number of columns.
    Columns(usize),
}

impl Width {
    /// The columns a line may take now; `None` for no limit.
    fn columns(self) -> Option<usize> {
        match self {
            Width::Unlimited => None,
            Width::Terminal => terminal_columns(),
            Width::Columns(n) => Some(n),
        }
    }
}

/// The width of the terminal on stdout, if stdout is one.
fn terminal_columns() -> Option<usize> {
    let stdout = console::Term::stdout();
    if !stdout.is_term() {
        return None;
    }
    stdout
        .size_checked()
        .map(|(_rows, columns)| usize::from(columns))
}

/// `HH:MM:SS  event.name  summary  (arrived 2h 03m late)`.
pub fn line(received: &Received, style: &Style) -> String {
    let clock = &style.clock;
    let when = clock.event_time(received).unwrap_or(received.at);
    let stamp = clock.format(when, clock.timestamps);
    let name = human::sanitize(received.event.name());
    let name = if name.is_empty() {
        "(unnamed event)".to_owned()
    } else {
        name
    };

    let mut prefix = String::new();
    if !stamp.is_empty() {
        prefix = format!("{}  ", stamp.dimmed());
    }
    let padded = format!("{name:<NAME_WIDTH$}");
    prefix.push_str(&format!("{}  ", padded.color(family_color(&name)).bold()));

    let late = received
        .lag()
        .filter(|lag| *lag >= style.lag_warn && !lag.is_zero());
    let early = received
        .from_the_future()
        .filter(|ahead| *ahead >= CLOCK_SKEW_WARN);
    let note = match (late, early) {
        (Some(lag), _) => format!("(arrived {} late)", human::duration(lag)),
        (None, Some(ahead)) => format!(
            "(stamped {} ahead of this clock: is it behind?)",
            human::duration(ahead)
        ),
        (None, None) => String::new(),
    };
    let suffix = if note.is_empty() {
        note
    } else {
        format!("  {}", note.yellow())
    };

    let summary = fit(
        &summarize(&received.event),
        &prefix,
        &suffix,
        style.width.columns(),
    );
    format!("{prefix}{summary}{suffix}")
}

/// The summary, shortened with `…` so the whole line fits `width` columns.
fn fit(summary: &str, prefix: &str, suffix: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return summary.to_owned();
    };
    let taken = console::measure_text_width(prefix) + console::measure_text_width(suffix);
    let room = width.saturating_sub(taken);
    if room < MIN_SUMMARY_WIDTH {
        return summary.to_owned();
    }
    console::truncate_str(summary, room, "…").into_owned()
}

/// A colour per event family, so a stream reads at a glance.
fn family_color(name: &str) -> Color {
    match name.split('.').next().unwrap_or("") {
        "meeting" => Color::Blue,
        "webinar" => Color::Magenta,
        "recording" => Color::Cyan,
        "user" => Color::Green,
        "phone" => Color::Yellow,
        "chat_message" | "chat_channel" | "team_chat" => Color::BrightCyan,
        _ => Color::White,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::protocol::Event;

    fn received(lag_ms: i64) -> Received {
        let body = json!({"event": "meeting.started", "event_ts": 1_733_227_200_456_i64,
            "payload": {"object": {"id": "84123456789", "topic": "Weekly sync with a long name"}}});
        let event = Event::from_value(body).unwrap();
        Received {
            at: DateTime::from_timestamp_millis(1_733_227_200_456 + lag_ms).unwrap(),
            event,
            frame: None,
        }
    }

    fn style(timestamps: Timestamps, hours: i32, width: Width) -> Style {
        Style {
            clock: Clock {
                timestamps,
                offset: FixedOffset::east_opt(hours * 3600 + 1800),
            },
            lag_warn: Duration::from_secs(60),
            width,
        }
    }

    #[test]
    fn timestamps_in_each_format_and_zone() {
        colored::control::set_override(false);
        let on_time = received(200);
        let cases = [
            (Timestamps::Local, 5, "17:30:00  meeting.started"),
            (Timestamps::Local, -4, "08:30:00  meeting.started"),
            (Timestamps::Utc, -4, "12:00:00Z  meeting.started"),
            (
                Timestamps::Rfc3339,
                -4,
                "2024-12-03T08:30:00.456-03:30  meeting.started",
            ),
            (Timestamps::None, 5, "meeting.started"),
        ];
        for (timestamps, hours, start) in cases {
            let text = line(&on_time, &style(timestamps, hours, Width::Unlimited));
            assert!(text.starts_with(start), "{timestamps:?}: {text}");
        }
    }

    #[test]
    fn late_events_show_their_lag_and_timely_ones_do_not() {
        colored::control::set_override(false);
        let late = line(
            &received(7_380_000),
            &style(Timestamps::Utc, 0, Width::Unlimited),
        );
        assert!(late.ends_with("  (arrived 2h 03m late)"), "{late}");
        let timely = line(
            &received(59_000),
            &style(Timestamps::Utc, 0, Width::Unlimited),
        );
        assert!(!timely.contains("arrived"), "{timely}");

        let unlimited = style(Timestamps::Utc, 0, Width::Unlimited);
        let future = line(&received(-600_000), &unlimited);
        assert!(
            future.ends_with("  (stamped 10m 00s ahead of this clock: is it behind?)"),
            "{future}"
        );
        let slightly = line(&received(-2_000), &unlimited);
        assert!(!slightly.contains("stamped"), "{slightly}");
    }

    #[test]
    fn long_lines_are_shortened_to_the_terminal_only() {
        colored::control::set_override(false);
        let whole = line(&received(0), &style(Timestamps::Utc, 0, Width::Unlimited));
        let end = "\"Weekly sync with a long name\" (84123456789) started";
        assert!(whole.ends_with(end), "{whole}");

        let short = line(
            &received(7_380_000),
            &style(Timestamps::Utc, 0, Width::Columns(80)),
        );
        assert_eq!(console::measure_text_width(&short), 80, "{short}");
        assert!(short.contains("…  (arrived 2h 03m late)"), "{short}");

        let tiny = line(&received(0), &style(Timestamps::Utc, 0, Width::Columns(20)));
        assert_eq!(tiny, whole, "too narrow to shorten usefully");
    }
}
