//! The live status line on a terminal's stderr, and every other write to stderr.
//!
//! On a terminal, stderr carries one line redrawn in place (connecting, connected with uptime
//! and counts, reconnecting with a countdown), drawn by indicatif. Log lines and event lines
//! must not tear it: every write to stderr, and to stdout when stdout shares the terminal,
//! goes through [`suspended`], which lifts the status line, writes, and redraws it. In a pipe
//! or under `-q` there is no status line and writes go straight through.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::human;
use crate::stats::Stats;

/// How often the status line's clock and counts are refreshed.
const REFRESH: Duration = Duration::from_millis(500);

/// The status line in use, if any; the logger and the printer look here.
static ACTIVE: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Whether the status line may be coloured; `--color` decides, through [`set_color`].
static COLOR: AtomicBool = AtomicBool::new(true);

/// Colours the status line or not. indicatif would otherwise ask console, which knows
/// nothing of `--color never`, so a plain run would still get a cyan spinner.
pub fn set_color(on: bool) {
    COLOR.store(on, Ordering::Relaxed);
}

/// What the session is doing, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Fetching a token or opening the WebSocket.
    Connecting,
    /// The subscription is established.
    Connected { since: Instant },
    /// Waiting before the next attempt.
    Waiting { until: Instant },
}

/// Whether a status line should be drawn: stderr is a terminal and `-q` was not given.
pub fn wanted(quiet: bool) -> bool {
    !quiet && io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// A running status line; it is cleared when this is dropped.
pub struct StatusLine {
    bar: ProgressBar,
}

impl StatusLine {
    /// Starts drawing on stderr.
    pub fn start() -> Self {
        let line = Self::drawing_to(ProgressDrawTarget::stderr());
        line.bar.enable_steady_tick(Duration::from_millis(120));
        line
    }

    /// A status line on `target`, made the one that writes lift.
    fn drawing_to(target: ProgressDrawTarget) -> Self {
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(style(COLOR.load(Ordering::Relaxed)));
        *ACTIVE.lock().unwrap_or_else(PoisonError::into_inner) = Some(bar.clone());
        Self { bar }
    }

    /// Redraws the line from the session's phase and the counters until the phase channel
    /// closes (the session is over).
    pub async fn follow(self, mut phase: watch::Receiver<Phase>, stats: Arc<Stats>) {
        let mut refresh = tokio::time::interval(REFRESH);
        loop {
            let now = *phase.borrow_and_update();
            self.bar
                .set_message(fit_terminal(describe(now, &stats, Instant::now())));
            tokio::select! {
                changed = phase.changed() => if changed.is_err() { break },
                _ = refresh.tick() => {}
            }
        }
    }
}

impl Drop for StatusLine {
    fn drop(&mut self) {
        *ACTIVE.lock().unwrap_or_else(PoisonError::into_inner) = None;
        self.bar.finish_and_clear();
    }
}

/// The status text cut to fit beside the spinner, so that the line never wraps on a narrow
/// terminal (a wrapped status line cannot be redrawn in place).
fn fit_terminal(text: String) -> String {
    let columns = console::Term::stderr()
        .size_checked()
        .map(|(_, c)| usize::from(c));
    match columns {
        // The spinner and its space take two columns; the last column stays free.
        Some(columns) if columns > 3 => console::truncate_str(&text, columns - 3, "…").into_owned(),
        _ => text,
    }
}

/// A spinner and the status text; the spinner is cyan when colour is on.
fn style(color: bool) -> ProgressStyle {
    let template = if color {
        "{spinner:.cyan} {msg}"
    } else {
        "{spinner} {msg}"
    };
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// The status text for a phase.
fn describe(phase: Phase, stats: &Stats, now: Instant) -> String {
    match phase {
        Phase::Connecting => "connecting…".into(),
        Phase::Connected { since } => {
            let received = stats.received.load(Ordering::Relaxed);
            let shown = stats.shown.load(Ordering::Relaxed);
            format!(
                "connected for {} · {received} events received, {shown} shown",
                human::duration(whole_seconds(now.saturating_duration_since(since)))
            )
        }
        Phase::Waiting { until } => {
            let left = until.saturating_duration_since(now);
            format!(
                "reconnecting in {}",
                human::duration(whole_seconds(left + Duration::from_millis(999)))
            )
        }
    }
}

fn whole_seconds(d: Duration) -> Duration {
    Duration::from_secs(d.as_secs())
}

/// Runs `write` with the status line lifted, if one is showing.
pub fn suspended<T>(write: impl FnOnce() -> T) -> T {
    let bar = ACTIVE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    match bar {
        Some(bar) => bar.suspend(write),
        None => write(),
    }
}

/// Writes a block of text to stderr around the status line, ignoring a closed stderr.
pub fn eprint(text: &str) {
    suspended(|| {
        let mut stderr = io::stderr().lock();
        let _ = writeln!(stderr, "{text}");
    });
}

/// The logger's stderr: each record is written with the status line lifted.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stderr;

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        suspended(|| io::stderr().write_all(buf)).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}

/// Stdout that lifts the status line while it writes, for when both share a terminal.
#[derive(Debug)]
pub struct Stdout(pub io::StdoutLock<'static>);

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        suspended(|| self.0.write_all(buf)).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        suspended(|| self.0.flush())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_phase_reads_as_a_status() {
        let stats = Stats::default();
        stats.record_event("meeting.started", None);
        let now = Instant::now();

        assert_eq!(describe(Phase::Connecting, &stats, now), "connecting…");
        let since = now
            .checked_sub(Duration::from_millis(65_400))
            .unwrap_or(now);
        if since < now {
            assert_eq!(
                describe(Phase::Connected { since }, &stats, now),
                "connected for 1m 05s · 1 events received, 0 shown"
            );
        }
        let until = now + Duration::from_millis(6_200);
        assert_eq!(
            describe(Phase::Waiting { until }, &stats, now),
            "reconnecting in 7s"
        );
        assert_eq!(
            describe(
                Phase::Waiting { until: now },
                &stats,
                now + Duration::from_secs(1)
            ),
            "reconnecting in 0s"
        );
    }

    /// A terminal that records what is done to it, one entry per call.
    #[derive(Debug, Clone, Default)]
    struct Recorder(Arc<Mutex<Vec<String>>>);

    impl Recorder {
        fn push(&self, entry: String) {
            self.0.lock().unwrap().push(entry);
        }

        fn entries(&self) -> Vec<String> {
            self.0.lock().unwrap().clone()
        }
    }

    impl indicatif::TermLike for Recorder {
        fn width(&self) -> u16 {
            80
        }
        fn move_cursor_up(&self, n: usize) -> io::Result<()> {
            self.push(format!("up {n}"));
            Ok(())
        }
        fn move_cursor_down(&self, n: usize) -> io::Result<()> {
            self.push(format!("down {n}"));
            Ok(())
        }
        fn move_cursor_right(&self, n: usize) -> io::Result<()> {
            self.push(format!("right {n}"));
            Ok(())
        }
        fn move_cursor_left(&self, n: usize) -> io::Result<()> {
            self.push(format!("left {n}"));
            Ok(())
        }
        fn write_line(&self, s: &str) -> io::Result<()> {
            self.push(format!("line {s}"));
            Ok(())
        }
        fn write_str(&self, s: &str) -> io::Result<()> {
            self.push(format!("text {s}"));
            Ok(())
        }
        fn clear_line(&self) -> io::Result<()> {
            self.push("clear".into());
            Ok(())
        }
        fn flush(&self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Held by each test that draws: there is one active status line per process.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

    /// A status line showing `message` on a recorder, and the recorder.
    fn drawn(message: &str) -> (StatusLine, Recorder) {
        let screen = Recorder::default();
        let target = ProgressDrawTarget::term_like(Box::new(screen.clone()));
        let line = StatusLine::drawing_to(target);
        line.bar.set_message(message.to_owned());
        line.bar.tick();
        (line, screen)
    }

    #[test]
    fn writes_lift_the_status_line_and_redraw_it_after() {
        let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
        let (line, screen) = drawn("connected for 1s");
        suspended(|| screen.push("event line".into()));

        let entries = screen.entries();
        let at = entries.iter().position(|e| e == "event line").unwrap();
        let shows_status = |e: &String| e.contains("connected for 1s");
        let drawn_at = entries[..at].iter().rposition(shows_status);
        let drawn_at = drawn_at.unwrap_or_else(|| panic!("drawn first: {entries:?}"));
        assert!(
            entries[drawn_at..at].iter().any(|e| e == "clear"),
            "lifted before the write: {entries:?}"
        );
        assert!(
            entries[at..].iter().any(shows_status),
            "redrawn: {entries:?}"
        );

        drop(line);
        let before = screen.entries().len();
        suspended(|| screen.push("after".into()));
        assert_eq!(screen.entries()[before..], ["after"], "no status line left");
    }

    #[test]
    fn the_spinner_is_coloured_only_when_colour_is_on() {
        // indicatif paints through console, which may think the test's stdout is no terminal.
        let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
        console::set_colors_enabled(true);
        let sgr = |entries: Vec<String>| entries.concat().contains("\u{1b}[");

        set_color(false);
        let (plain, screen) = drawn("connecting…");
        let plain_entries = screen.entries();
        drop(plain);
        set_color(true);
        let (coloured, screen) = drawn("connecting…");
        let coloured_entries = screen.entries();
        drop(coloured);

        assert!(!sgr(plain_entries.clone()), "{plain_entries:?}");
        assert!(sgr(coloured_entries.clone()), "{coloured_entries:?}");
    }
}
