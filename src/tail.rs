//! The tail: a session feeding the printer, until a signal, `--count`, `--timeout`, a closed
//! stdout or a fatal error says stop. Every event received before the stop is printed.

use std::io;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Context;
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::auth::{Credentials, TokenSource};
use crate::exit::Outcome;
use crate::output::{self, PrintEnd};
use crate::session::{self, Session};
use crate::stats::Stats;
use crate::status::{self, Phase, StatusLine};

/// Records why the tail stops (the first reason wins) and tells the session.
#[derive(Clone, Default)]
struct Stopper {
    token: CancellationToken,
    why: Arc<OnceLock<Outcome>>,
}

impl Stopper {
    fn stop(&self, why: Outcome) {
        let _ = self.why.set(why);
        self.token.cancel();
    }

    fn outcome(&self) -> Outcome {
        self.why.get().copied().unwrap_or(Outcome::Stopped)
    }
}

/// How the tail ends and reports, besides what it prints.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Stop after this long.
    pub timeout: Option<Duration>,
    /// Print the `--stats` report on exit and on SIGUSR1.
    pub stats: bool,
    /// Draw a live status line on stderr.
    pub status_line: bool,
}

/// Tails the subscription until told to stop; returns why it stopped.
pub async fn run(
    credentials: Credentials,
    session: session::Settings,
    printing: output::Settings,
    options: Options,
) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let stats = Arc::new(Stats::default());
    let stopper = Stopper::default();
    let count = printing.count;
    let mut tokens = TokenSource::new(
        credentials,
        &session.network,
        session.connect_timeout,
        session.retry,
    )
    .context("could not set up the HTTP client")?;

    let (events, queue) = mpsc::unbounded_channel();
    let printer = tokio::task::spawn_blocking({
        let stats = stats.clone();
        move || output::print_to_stdout(queue, &printing, &stats)
    });
    tokio::spawn(watch_signals(stopper.clone()));
    tokio::spawn(report_on_request(stats.clone(), started));
    let (phase, phases) = watch::channel(Phase::Connecting);
    let status = options.status_line.then(|| {
        let line = StatusLine::start();
        tokio::spawn(line.follow(phases, stats.clone()))
    });

    let session = Session::new(&session, &mut tokens, events, stopper.token.clone(), &stats)
        .reporting(phase)
        .run();
    let (session_result, printed) =
        until_stopped(session, printer, &stopper, options.timeout, count.is_some()).await?;
    // The session is gone, so the status line's phase channel is closed and it ends.
    if let Some(status) = status {
        let _ = status.await;
    }
    let end = printed.context("could not write to stdout")?;

    // The summary closes every run that printed what it could, a fatal error's included.
    summarize(&options, &stats, started.elapsed(), end);
    session_result?;

    let outcome = stopper.outcome();
    if let (
        Outcome::TimedOut {
            count_pending: true,
        },
        Some(count),
        Some(limit),
    ) = (outcome, count, options.timeout)
    {
        warn!(
            "--timeout {} passed before --count {count} was reached ({} shown); exit 124",
            crate::human::duration(limit),
            stats.shown.load(std::sync::atomic::Ordering::Relaxed)
        );
    }
    Ok(outcome)
}

/// Runs the session until it ends, stopping it when the deadline passes or the printer ends
/// (`--count`, a closed stdout); then lets the printer drain what is left. Returns the
/// session's result and the printer's.
async fn until_stopped(
    session: impl Future<Output = anyhow::Result<()>>,
    printer: tokio::task::JoinHandle<io::Result<PrintEnd>>,
    stopper: &Stopper,
    timeout: Option<Duration>,
    counting: bool,
) -> anyhow::Result<(anyhow::Result<()>, io::Result<PrintEnd>)> {
    let deadline = deadline(timeout);
    tokio::pin!(session, deadline, printer);

    let mut printed = None;
    let session_result = loop {
        tokio::select! {
            result = &mut session => break result,
            () = &mut deadline, if !stopper.token.is_cancelled() => {
                stopper.stop(Outcome::TimedOut { count_pending: counting });
            }
            end = &mut printer, if printed.is_none() => {
                let end = end.context("the output thread failed")?;
                stopper.stop(match end {
                    Ok(PrintEnd::CountReached) => Outcome::CountReached,
                    Ok(PrintEnd::StdoutClosed) => Outcome::StdoutClosed,
                    Ok(PrintEnd::Drained) | Err(_) => Outcome::Stopped,
                });
                printed = Some(end);
            }
        }
    };

    // The session is over and its sender dropped: the printer drains what is left and ends.
    let printed = match printed {
        Some(end) => end,
        None => printer.await.context("the output thread failed")?,
    };
    Ok((session_result, printed))
}

/// Resolves after `timeout`, or never.
async fn deadline(timeout: Option<Duration>) {
    match timeout {
        Some(limit) => tokio::time::sleep(limit).await,
        None => std::future::pending().await,
    }
}

/// The closing lines on stderr: the `--stats` report, or the one-line summary (none after a
/// closed stdout, which ends a pipeline quietly).
fn summarize(options: &Options, stats: &Stats, uptime: Duration, end: PrintEnd) {
    if options.stats {
        status::eprint(&format!(
            "zoomws: {}",
            stats.report("stopped after", uptime)
        ));
    } else if end != PrintEnd::StdoutClosed {
        info!("{}", stats.summary(uptime));
    }
}

/// Prints the `--stats` report each time SIGUSR1 arrives, with or without `--stats`: the
/// signal would otherwise end the process.
#[cfg(unix)]
async fn report_on_request(stats: Arc<Stats>, started: Instant) {
    use tokio::signal::unix::{SignalKind, signal};

    let Ok(mut usr1) = signal(SignalKind::user_defined1()) else {
        return;
    };
    while usr1.recv().await.is_some() {
        status::eprint(&format!(
            "zoomws: {}",
            stats.report("running for", started.elapsed())
        ));
    }
}

#[cfg(not(unix))]
async fn report_on_request(_stats: Arc<Stats>, _started: Instant) {}

/// A second signal sooner than this after the first is the same request delivered twice
/// (timeout(1) signals its child and then the child's process group), not an impatient user.
const DOUBLE_DELIVERY: Duration = Duration::from_millis(500);

/// First Ctrl-C, SIGTERM or SIGHUP: stop cleanly. Another one later: leave at once.
async fn watch_signals(stopper: Stopper) {
    let Ok(first) = next_signal().await else {
        return;
    };
    if first == "SIGINT" {
        info!("stopping; press Ctrl-C again to quit at once");
    } else {
        info!("stopping ({first})");
    }
    stopper.stop(Outcome::Interrupted);

    let first_at = Instant::now();
    while next_signal().await.is_ok() {
        if first_at.elapsed() >= DOUBLE_DELIVERY {
            status::eprint("zoomws: interrupted again; quitting without waiting");
            std::process::exit(130);
        }
    }
}

/// Waits for the next stopping signal and names it.
#[cfg(unix)]
async fn next_signal() -> io::Result<&'static str> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    // A closed terminal sends SIGHUP: stop as cleanly as for SIGTERM.
    let mut hangup = signal(SignalKind::hangup())?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result.map(|()| "SIGINT"),
        _ = term.recv() => Ok("SIGTERM"),
        _ = hangup.recv() => Ok("SIGHUP"),
    }
}

#[cfg(not(unix))]
async fn next_signal() -> io::Result<&'static str> {
    tokio::signal::ctrl_c().await.map(|()| "SIGINT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_reason_wins() {
        let stopper = Stopper::default();
        assert_eq!(stopper.outcome(), Outcome::Stopped);
        stopper.stop(Outcome::CountReached);
        stopper.stop(Outcome::Interrupted);
        assert_eq!(stopper.outcome(), Outcome::CountReached);
        assert!(stopper.token.is_cancelled());
    }
}
