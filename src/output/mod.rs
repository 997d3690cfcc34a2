//! Rendering events and writing them to stdout.
//!
//! The printer runs on its own thread and owns stdout, so a slow reader of the pipe can never
//! hold up the session's heartbeats. It writes into a buffer and flushes whenever no further
//! event is waiting: a line reaches a pipe as soon as its event arrives, yet a burst of events
//! costs one write.

mod summary;

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::Ordering;

use chrono::{DateTime, Local};
use colored::{Color, Colorize};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::cli::ColorWhen;
use crate::filter::EventFilter;
use crate::protocol::Event;
use crate::session::Stats;

pub use summary::summarize;

/// Width the event name is padded to, so summaries line up.
const NAME_WIDTH: usize = 28;

/// How events are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Time, coloured event name and summary.
    Pretty,
    /// The event body as compact JSON.
    Json,
}

/// What the printer prints and when it stops.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Line format.
    pub format: Format,
    /// Events to keep.
    pub filter: EventFilter,
    /// Stop after this many printed events.
    pub count: Option<u64>,
}

/// Why the printer stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintEnd {
    /// The session ended and every received event was handled.
    Drained,
    /// `--count` events were printed.
    CountReached,
    /// The reader of stdout went away.
    StdoutClosed,
}

/// Whether to colour, given `--color`, whether stdout is a terminal and `NO_COLOR`.
pub fn use_color(when: ColorWhen) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => io::stdout().is_terminal() && !no_color,
    }
}

/// Prints events from `events` to stdout until the channel closes or printing must stop.
pub fn print_to_stdout(
    events: UnboundedReceiver<Event>,
    settings: &Settings,
    stats: &Stats,
) -> io::Result<PrintEnd> {
    let stdout = io::stdout().lock();
    match print(events, io::BufWriter::new(stdout), settings, stats) {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(PrintEnd::StdoutClosed),
        other => other,
    }
}

/// Prints events into `out`, flushing whenever the queue is empty.
pub fn print<W: Write>(
    mut events: UnboundedReceiver<Event>,
    mut out: W,
    settings: &Settings,
    stats: &Stats,
) -> io::Result<PrintEnd> {
    let mut shown = 0;
    while let Some(event) = events.blocking_recv() {
        stats.queued.fetch_sub(1, Ordering::Relaxed);
        if settings.filter.matches(&event) {
            write_event(&mut out, &event, settings.format)?;
            shown += 1;
            stats.shown.fetch_add(1, Ordering::Relaxed);
        }

        if settings.count.is_some_and(|count| shown >= count) {
            out.flush()?;
            return Ok(PrintEnd::CountReached);
        }
        if events.is_empty() {
            out.flush()?;
        }
    }

    out.flush()?;
    Ok(PrintEnd::Drained)
}

fn write_event<W: Write>(out: &mut W, event: &Event, format: Format) -> io::Result<()> {
    match format {
        Format::Json => writeln!(out, "{}", event.to_json_line()),
        Format::Pretty => writeln!(out, "{}", pretty_line(event)),
    }
}

/// `HH:MM:SS  event.name  summary`, in local time, the name coloured by family.
pub fn pretty_line(event: &Event) -> String {
    let when = event
        .timestamp_ms()
        .and_then(DateTime::from_timestamp_millis)
        .map_or_else(Local::now, |t| t.with_timezone(&Local));
    let name = crate::human::sanitize(event.name());
    let name = if name.is_empty() {
        "(unnamed event)".to_owned()
    } else {
        name
    };

    format!(
        "{}  {}  {}",
        when.format("%H:%M:%S").to_string().dimmed(),
        format!("{name:<NAME_WIDTH$}")
            .color(family_color(&name))
            .bold(),
        summarize(event)
    )
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
    use tokio::sync::mpsc;

    use super::*;

    const EVENTS: &str = include_str!("../../tests/fixtures/events.jsonl");

    fn samples() -> Vec<Event> {
        EVENTS
            .lines()
            .map(|l| Event::from_value(serde_json::from_str(l).unwrap()).unwrap())
            .collect()
    }

    /// Counts the writes that reach it, like a pipe counts system calls.
    #[derive(Default)]
    struct CountingWriter {
        data: Vec<u8>,
        writes: usize,
    }

    impl Write for CountingWriter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.writes += 1;
            self.data.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn settings(format: Format, patterns: &[&str], count: Option<u64>) -> Settings {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        Settings {
            format,
            filter: EventFilter::new(&patterns).unwrap(),
            count,
        }
    }

    fn run(events: Vec<Event>, settings: &Settings) -> (io::Result<PrintEnd>, Vec<u8>, usize) {
        let (tx, rx) = mpsc::unbounded_channel();
        for event in events {
            tx.send(event).unwrap();
        }
        drop(tx);
        let mut out = io::BufWriter::new(CountingWriter::default());
        let stats = Stats::default();
        stats.queued.store(u64::MAX / 2, Ordering::Relaxed);
        let end = print(rx, &mut out, settings, &stats);
        let inner = out.into_inner().map_err(|_| ()).unwrap();
        (end, inner.data, inner.writes)
    }

    #[test]
    fn json_lines_equal_the_received_events_and_a_burst_is_one_write() {
        let (end, data, writes) = run(samples(), &settings(Format::Json, &[], None));
        assert_eq!(end.unwrap(), PrintEnd::Drained);
        assert_eq!(String::from_utf8(data).unwrap(), EVENTS);
        assert_eq!(writes, 1, "twelve queued events should leave in one write");
    }

    #[test]
    fn filter_and_count_apply_to_printed_events() {
        let s = settings(Format::Json, &["meeting.*"], Some(2));
        let (end, data, _) = run(samples(), &s);
        assert_eq!(end.unwrap(), PrintEnd::CountReached);
        let names: Vec<String> = String::from_utf8(data)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["event"].to_string())
            .collect();
        assert_eq!(names, ["\"meeting.created\"", "\"meeting.started\""]);
    }

    #[test]
    fn pretty_lines_are_one_per_event_without_colour_when_off() {
        colored::control::set_override(false);
        let (_, data, _) = run(samples(), &settings(Format::Pretty, &[], None));
        let text = String::from_utf8(data).unwrap();

        assert_eq!(
            text.lines().count(),
            12,
            "a newline inside a chat message must not split it"
        );
        assert!(
            !text.contains('\u{1b}'),
            "no escape sequences when colour is off"
        );
        let joined = text.lines().nth(2).unwrap();
        assert!(
            joined.contains("meeting.participant_joined    Søren Ægidius joined"),
            "{joined}"
        );
        assert_eq!(joined.as_bytes()[2], b':', "starts with a time: {joined}");
    }

    #[test]
    fn closed_pipe_is_reported_as_broken_pipe() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
        }
        let (tx, rx) = mpsc::unbounded_channel();
        tx.send(samples().remove(0)).unwrap();
        let err = print(
            rx,
            Closed,
            &settings(Format::Json, &[], None),
            &Stats::default(),
        );
        assert_eq!(err.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
    }
}
