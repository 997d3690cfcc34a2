//! Rendering events and writing them to stdout.
//!
//! The printer runs on its own thread and owns stdout, so a slow reader of the pipe can never
//! hold up the session's heartbeats. It writes into a buffer and flushes whenever no further
//! event is waiting: a line reaches a pipe as soon as its event arrives, yet a burst of events
//! costs one write.

pub mod pretty;
mod summary;
pub mod template;

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::Ordering;

use jaq_json::Val;
use jaq_json::write::{Pp, Styles};
use tokio::sync::mpsc::UnboundedReceiver;
use tracing::warn;

use crate::cli::ColorWhen;
use crate::filter::EventFilter;
use crate::human;
use crate::jq::{Doc, Program};
use crate::session::{Item, Received};
use crate::stats::Stats;
use crate::status;

pub use pretty::{Clock, Style, Timestamps, Width};
pub use summary::summarize;
pub use template::Template;

/// How events are printed.
#[derive(Debug)]
pub enum Format {
    /// Time, coloured event name and summary.
    Pretty,
    /// The event body as compact JSON.
    Json,
    /// The event body indented, coloured on a terminal.
    JsonPretty,
    /// Every frame exactly as the server sent it, status frames included.
    Raw,
    /// A line from `--template`.
    Template(Template),
    /// What a jq expression makes of each event, as compact JSON lines; with `raw`, strings
    /// print as plain text (`--raw-output`).
    Jq { program: Program, raw: bool },
}

/// What the printer prints and when it stops.
#[derive(Debug)]
pub struct Settings {
    /// Line format.
    pub format: Format,
    /// Events to keep.
    pub filter: EventFilter,
    /// Stop after this many printed events.
    pub count: Option<u64>,
    /// Time format, lag display and width of pretty lines.
    pub style: Style,
    /// Whether to colour (`json-pretty`; the other formats follow `colored`'s switch).
    pub color: bool,
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

/// Whether to colour stdout, given `--color`, whether stdout is a terminal, and the
/// conventions `NO_COLOR` (off), `CLICOLOR_FORCE` other than `0` (on, even in a pipe),
/// `CLICOLOR=0` (off) and `TERM=dumb` (off).
pub fn use_color(when: ColorWhen) -> bool {
    color_for(when, io::stdout().is_terminal())
}

/// Whether to colour stderr (the status line), by the same rules as stdout.
pub fn use_color_on_stderr(when: ColorWhen) -> bool {
    color_for(when, io::stderr().is_terminal())
}

/// Whether to colour a stream that is (or is not) a terminal.
fn color_for(when: ColorWhen, terminal: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto if anstyle_query::no_color() => false,
        ColorWhen::Auto if clicolor_force() => true,
        ColorWhen::Auto if anstyle_query::clicolor() == Some(false) => false,
        ColorWhen::Auto => terminal && anstyle_query::term_supports_color(),
    }
}

/// `CLICOLOR_FORCE` set to anything but empty or `0`, as the CLICOLOR convention reads it
/// (anstyle-query counts `0` as set).
fn clicolor_force() -> bool {
    std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Prints events from `items` to stdout until the channel closes or printing must stop.
pub fn print_to_stdout(
    items: UnboundedReceiver<Item>,
    settings: &Settings,
    stats: &Stats,
) -> io::Result<PrintEnd> {
    let stdout = io::stdout().lock();
    // Only a terminal's stdout must lift the status line. A pipe must not: a slow reader
    // would block the write while it holds the status line, and with it every log line and
    // the session's heartbeats.
    let printed = if stdout.is_terminal() {
        print(
            items,
            io::BufWriter::new(status::Stdout(stdout)),
            settings,
            stats,
        )
    } else {
        print(items, io::BufWriter::new(stdout), settings, stats)
    };
    match printed {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(PrintEnd::StdoutClosed),
        other => other,
    }
}

/// Prints items into `out`, flushing whenever the queue is empty.
pub fn print<W: Write>(
    mut items: UnboundedReceiver<Item>,
    mut out: W,
    settings: &Settings,
    stats: &Stats,
) -> io::Result<PrintEnd> {
    let mut shown = 0;
    while let Some(item) = items.blocking_recv() {
        stats.queued.fetch_sub(1, Ordering::Relaxed);
        let printed = match item {
            Item::Event(received) => write_event(&mut out, &received, settings)?,
            Item::Frame(text) => {
                writeln!(out, "{text}")?;
                false
            }
        };
        if printed {
            shown += 1;
            stats.shown.fetch_add(1, Ordering::Relaxed);
        }

        if settings.count.is_some_and(|count| shown >= count) {
            out.flush()?;
            return Ok(PrintEnd::CountReached);
        }
        if items.is_empty() {
            out.flush()?;
        }
    }

    out.flush()?;
    Ok(PrintEnd::Drained)
}

/// Writes the event if the filter keeps it; whether anything was written.
fn write_event<W: Write>(
    out: &mut W,
    received: &Received,
    settings: &Settings,
) -> io::Result<bool> {
    let doc = Doc::new(&received.event);
    if !settings.filter.matches(&doc) {
        return Ok(false);
    }

    let event = &received.event;
    match &settings.format {
        Format::Pretty => writeln!(out, "{}", pretty::line(received, &settings.style))?,
        Format::Json => writeln!(out, "{}", event.to_json_line())?,
        Format::JsonPretty => write_indented(out, &doc, settings.color)?,
        Format::Raw => match &received.frame {
            Some(frame) => writeln!(out, "{frame}")?,
            None => writeln!(out, "{}", event.to_json_line())?,
        },
        Format::Template(template) => {
            writeln!(out, "{}", template.render(received, &settings.style.clock))?;
        }
        Format::Jq { program, raw } => return write_jq(out, program, *raw, &doc),
    }
    Ok(true)
}

/// The event over several lines, keys in Zoom's order, in jq's colours when colouring.
fn write_indented<W: Write>(out: &mut W, doc: &Doc, color: bool) -> io::Result<()> {
    let printer = Pp {
        indent: Some("  ".to_owned()),
        sep_space: true,
        styles: if color {
            Styles::ansi()
        } else {
            Styles::default()
        },
        ..Pp::default()
    };
    jaq_json::write::write(out, &printer, 0, doc.val())?;
    writeln!(out)
}

/// Each value the expression yields, as a compact JSON line (a string as plain text, control
/// characters escaped, when `raw`); an error is reported and the event skipped.
fn write_jq<W: Write>(out: &mut W, program: &Program, raw: bool, doc: &Doc) -> io::Result<bool> {
    let values = match program.run(doc.val()) {
        Ok(values) => values,
        Err(err) => {
            warn!(
                "--jq {:?} failed on a {} event: {}; the event is not shown",
                program.source(),
                human::sanitize(doc.event().name()),
                human::sanitize(&err)
            );
            return Ok(false);
        }
    };
    for value in &values {
        match value {
            Val::TStr(text) if raw => {
                writeln!(out, "{}", human::sanitize(&String::from_utf8_lossy(text)))?;
            }
            _ => writeln!(out, "{value}")?,
        }
    }
    Ok(!values.is_empty())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::{DateTime, FixedOffset};
    use tokio::sync::mpsc;

    use super::*;
    use crate::protocol::{self, Event, Incoming};

    const EVENTS: &str = include_str!("../../tests/fixtures/events.jsonl");
    const FRAMES: &str = include_str!("../../tests/fixtures/frames.jsonl");

    /// Every sample arrives 90 s after its `event_ts`, except the first, which is on time.
    fn received(event: Event, frame: Option<String>, index: usize) -> Received {
        let lag = if index == 0 { 250 } else { 90_000 };
        let at = DateTime::from_timestamp_millis(event.timestamp_ms().unwrap() + lag).unwrap();
        Received { event, at, frame }
    }

    fn samples() -> Vec<Item> {
        EVENTS
            .lines()
            .enumerate()
            .map(|(i, l)| {
                let event = Event::from_value(serde_json::from_str(l).unwrap()).unwrap();
                Item::Event(received(event, None, i))
            })
            .collect()
    }

    /// The sample frames as the session hands them over in raw mode.
    fn sample_frames() -> Vec<Item> {
        let mut index = 0;
        FRAMES
            .lines()
            .map(|line| match protocol::decode(line).unwrap() {
                Incoming::Event(event) => {
                    index += 1;
                    Item::Event(received(event, Some(line.to_owned()), index - 1))
                }
                _ => Item::Frame(line.to_owned()),
            })
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

    /// Settings in a fixed zone (UTC+01:00), without colour, lag shown from 60 s.
    fn settings(format: Format, patterns: &[&str], count: Option<u64>) -> Settings {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        Settings {
            format,
            filter: EventFilter::new(&patterns).unwrap(),
            count,
            style: Style {
                clock: Clock {
                    timestamps: Timestamps::Local,
                    offset: FixedOffset::east_opt(3600),
                },
                lag_warn: Duration::from_secs(60),
                width: Width::Unlimited,
            },
            color: false,
        }
    }

    fn run(items: Vec<Item>, settings: &Settings) -> (io::Result<PrintEnd>, Vec<u8>, usize) {
        colored::control::set_override(false);
        let (tx, rx) = mpsc::unbounded_channel();
        for item in items {
            tx.send(item).unwrap();
        }
        drop(tx);
        let mut out = io::BufWriter::new(CountingWriter::default());
        let stats = Stats::default();
        stats.queued.store(u64::MAX / 2, Ordering::Relaxed);
        let end = print(rx, &mut out, settings, &stats);
        let inner = out.into_inner().map_err(|_| ()).unwrap();
        (end, inner.data, inner.writes)
    }

    fn text(items: Vec<Item>, format: Format) -> String {
        let (end, data, _) = run(items, &settings(format, &[], None));
        assert_eq!(end.unwrap(), PrintEnd::Drained);
        String::from_utf8(data).unwrap()
    }

    #[test]
    fn json_lines_equal_the_received_events_and_a_burst_is_one_write() {
        let (end, data, writes) = run(samples(), &settings(Format::Json, &[], None));
        assert_eq!(end.unwrap(), PrintEnd::Drained);
        assert_eq!(String::from_utf8(data).unwrap(), EVENTS);
        assert_eq!(writes, 1, "twelve queued events should leave in one write");
    }

    #[test]
    fn every_sample_in_pretty_output() {
        insta::assert_snapshot!(text(samples(), Format::Pretty));
    }

    #[test]
    fn every_sample_in_json_pretty_output() {
        let text = text(samples(), Format::JsonPretty);
        insta::assert_snapshot!(text);

        // Indented, but the same events: each one reads back to its sample line.
        let events: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&text)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let lines: Vec<String> = events.iter().map(|e| e.to_string()).collect();
        assert_eq!(lines, EVENTS.lines().collect::<Vec<_>>());
    }

    #[test]
    fn raw_output_is_every_frame_byte_for_byte() {
        assert_eq!(text(sample_frames(), Format::Raw), FRAMES);
    }

    #[test]
    fn every_sample_in_template_output() {
        let template = Template::parse(
            "{@time} {event} id={payload.object.id} topic={payload.object.topic} \
             who={payload.object.participant.user_name} lag={@lag}",
        )
        .unwrap();
        insta::assert_snapshot!(text(samples(), Format::Template(template)));
    }

    #[test]
    fn every_sample_through_jq() {
        let program = Program::compile(
            "{event, id: .payload.object.id, ts: .event_ts} | select(.id != null)",
            "--jq",
        )
        .unwrap();
        insta::assert_snapshot!(text(
            samples(),
            Format::Jq {
                program,
                raw: false
            }
        ));
    }

    #[test]
    fn jq_results_that_are_not_objects_are_json_lines_too() {
        let program = Program::compile(
            r#".event, (.payload.object.id | numbers), ([.event_ts] | length)"#,
            "--jq",
        )
        .unwrap();
        let format = Format::Jq {
            program,
            raw: false,
        };
        let (end, data, _) = run(samples(), &settings(format, &[], Some(2)));
        assert_eq!(end.unwrap(), PrintEnd::CountReached);
        assert_eq!(
            String::from_utf8(data).unwrap(),
            "\"meeting.created\"\n84123456789\n1\n\"meeting.started\"\n1\n",
            "one event may yield several lines; --count counts events"
        );
    }

    #[test]
    fn a_jq_error_skips_the_event_and_the_rest_go_on() {
        let program = Program::compile(".payload.object.topic | ascii_downcase", "--jq").unwrap();
        let out = text(
            samples(),
            Format::Jq {
                program,
                raw: false,
            },
        );
        assert_eq!(out.lines().count(), 8, "four samples have no topic:\n{out}");
        assert!(out.starts_with("\"quarterly planning\"\n"), "{out}");
        assert!(
            out.ends_with("\"product launch — q&a 🚀\"\n\"cancelled sync\"\n"),
            "{out}"
        );
    }

    #[test]
    fn raw_output_prints_strings_as_text_on_one_line_and_other_values_as_json() {
        let program = Program::compile(
            ".payload.object | (.participant.user_name // .message // .id)",
            "--jq",
        )
        .unwrap();
        let out = text(samples(), Format::Jq { program, raw: true });
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "84123456789", "a number stays JSON");
        assert_eq!(lines[2], "Søren Ægidius", "a string loses its quotes");
        assert_eq!(
            lines.last(),
            Some(&"Deploy done ✅ \"quoted\" and a \\ backslash\\nsecond line"),
            "a newline inside a string cannot split the line"
        );
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
        let text = text(samples(), Format::Pretty);
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
