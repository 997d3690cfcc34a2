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

/// Narrowest summary worth shortening to; below it a line gives up padding or its note first.
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
    /// The columns a line may take now; `None` for no limit. A terminal that reports 0
    /// columns (some pseudo-terminals do before they are sized) does not know its width.
    fn columns(self) -> Option<usize> {
        let columns = match self {
            Width::Unlimited => None,
            Width::Terminal => terminal_columns(),
            Width::Columns(n) => Some(n),
        };
        columns.filter(|&n| n > 0)
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

/// `HH:MM:SS  event.name  summary  (arrived 2h 03m late)`. On a terminal the line never
/// exceeds the width: it gives up the name padding, then the long form of the note, then the
/// note, to leave the summary room, and cuts the summary (or at last the line) with `…`.
pub fn line(received: &Received, style: &Style) -> String {
    let parts = Parts::of(received, style);
    let Some(width) = style.width.columns() else {
        return parts.render(LAYOUTS[0], &parts.summary);
    };
    LAYOUTS
        .iter()
        .find_map(|&layout| parts.fit(layout, width))
        .unwrap_or_else(|| {
            let plainest = parts.render(LAYOUTS[LAYOUTS.len() - 1], &parts.summary);
            console::truncate_str(&plainest, width, "…").into_owned()
        })
}

/// How a line is laid out; a narrower terminal takes a plainer layout.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Pad the event name to [`NAME_WIDTH`] so that summaries line up.
    pad_name: bool,
    note: NoteForm,
}

/// How much of the lag or clock note a layout shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoteForm {
    Long,
    Short,
    Hidden,
}

/// The layouts, richest first.
const LAYOUTS: [Layout; 4] = [
    Layout {
        pad_name: true,
        note: NoteForm::Long,
    },
    Layout {
        pad_name: false,
        note: NoteForm::Long,
    },
    Layout {
        pad_name: false,
        note: NoteForm::Short,
    },
    Layout {
        pad_name: false,
        note: NoteForm::Hidden,
    },
];

/// Why an event's timing deserves a note at the end of its line.
#[derive(Debug, Clone, Copy)]
enum Note {
    /// It arrived this long after its `event_ts`.
    Late(Duration),
    /// Its `event_ts` is this far ahead of the receive time.
    Ahead(Duration),
}

impl Note {
    /// The note for `received`, if its lag or skew passes the thresholds.
    fn of(received: &Received, lag_warn: Duration) -> Option<Self> {
        let late = received
            .lag()
            .filter(|lag| *lag >= lag_warn && !lag.is_zero());
        let early = received
            .from_the_future()
            .filter(|ahead| *ahead >= CLOCK_SKEW_WARN);
        late.map(Note::Late).or(early.map(Note::Ahead))
    }

    fn text(self, form: NoteForm) -> String {
        match (self, form) {
            (_, NoteForm::Hidden) => String::new(),
            (Note::Late(lag), NoteForm::Long) => {
                format!("(arrived {} late)", human::duration(lag))
            }
            (Note::Late(lag), NoteForm::Short) => format!("({} late)", human::duration(lag)),
            (Note::Ahead(ahead), NoteForm::Long) => format!(
                "(stamped {} ahead of this clock: is it behind?)",
                human::duration(ahead)
            ),
            (Note::Ahead(ahead), NoteForm::Short) => {
                format!("({} ahead)", human::duration(ahead))
            }
        }
    }
}

/// What a pretty line says, before it is laid out.
struct Parts {
    /// The time column, coloured, with its separator; empty with `--timestamps none`.
    stamp: String,
    name: String,
    summary: String,
    note: Option<Note>,
}

impl Parts {
    fn of(received: &Received, style: &Style) -> Self {
        let clock = &style.clock;
        let when = clock.event_time(received).unwrap_or(received.at);
        let stamp = clock.format(when, clock.timestamps);
        let stamp = if stamp.is_empty() {
            stamp
        } else {
            format!("{}  ", stamp.dimmed())
        };
        let name = human::sanitize(received.event.name());
        let name = if name.is_empty() {
            "(unnamed event)".to_owned()
        } else {
            name
        };
        Self {
            stamp,
            summary: summarize(&received.event),
            note: Note::of(received, style.lag_warn),
            name,
        }
    }

    /// The line in `layout` with `summary` in its place.
    fn render(&self, layout: Layout, summary: &str) -> String {
        let (prefix, suffix) = self.frame(layout);
        format!("{prefix}{summary}{suffix}")
    }

    /// The line in `layout` within `width` columns, the summary cut with `…` if need be;
    /// `None` when that would leave the summary under [`MIN_SUMMARY_WIDTH`] columns.
    fn fit(&self, layout: Layout, width: usize) -> Option<String> {
        let (prefix, suffix) = self.frame(layout);
        let taken = console::measure_text_width(&prefix) + console::measure_text_width(&suffix);
        let room = width.checked_sub(taken)?;
        if console::measure_text_width(&self.summary) > room && room < MIN_SUMMARY_WIDTH {
            return None;
        }
        let summary = console::truncate_str(&self.summary, room, "…");
        Some(format!("{prefix}{summary}{suffix}"))
    }

    /// What comes before the summary (time, name) and after it (the note), coloured.
    fn frame(&self, layout: Layout) -> (String, String) {
        let name = if layout.pad_name {
            format!("{:<NAME_WIDTH$}", self.name)
        } else {
            self.name.clone()
        };
        let colour = family_color(&self.name);
        let prefix = format!("{}{}  ", self.stamp, name.color(colour).bold());
        let note = self.note.map(|n| n.text(layout.note)).unwrap_or_default();
        let suffix = if note.is_empty() {
            note
        } else {
            format!("  {}", note.yellow())
        };
        (prefix, suffix)
    }
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

        let unlimited = line(
            &received(7_380_000),
            &style(Timestamps::Utc, 0, Width::Unlimited),
        );
        assert!(
            unlimited.ends_with("started  (arrived 2h 03m late)"),
            "{unlimited}"
        );
    }

    /// The line for an event `lag_ms` late on a terminal `columns` wide.
    fn on_a_terminal(lag_ms: i64, columns: usize) -> String {
        let text = line(
            &received(lag_ms),
            &style(Timestamps::Utc, 0, Width::Columns(columns)),
        );
        assert!(
            console::measure_text_width(&text) <= columns,
            "{columns} columns: {text:?}"
        );
        text
    }

    #[test]
    fn narrow_terminals_give_up_padding_then_the_note_and_never_wrap() {
        colored::control::set_override(false);
        let cases = [
            // Padding goes first, so the summary keeps its room.
            (
                62,
                "12:00:00Z  meeting.started  \"Weekly sy…  (arrived 2h 03m late)",
            ),
            // Then the long form of the note.
            (
                55,
                "12:00:00Z  meeting.started  \"Weekly syn…  (2h 03m late)",
            ),
            // Then the note itself.
            (40, "12:00:00Z  meeting.started  \"Weekly syn…"),
            // Then the line is cut wherever the width ends.
            (20, "12:00:00Z  meeting.…"),
            (1, "…"),
        ];
        for (columns, expected) in cases {
            assert_eq!(on_a_terminal(7_380_000, columns), expected, "{columns}");
        }

        let ahead = on_a_terminal(-600_000, 60);
        assert!(ahead.ends_with("…  (10m 00s ahead)"), "{ahead}");
        // With no note, the padding leaves the summary room at 60 columns and stays.
        let padded = format!("{:<NAME_WIDTH$}  \"Weekly", "meeting.started");
        let on_time = on_a_terminal(0, 60);
        assert!(on_time.contains(&padded), "{on_time}");

        let unknown = line(&received(0), &style(Timestamps::Utc, 0, Width::Columns(0)));
        assert!(
            unknown.ends_with(") started"),
            "0 columns is no width: {unknown}"
        );
        for columns in 1..100 {
            on_a_terminal(7_380_000, columns);
            on_a_terminal(-600_000, columns);
        }
    }
}
