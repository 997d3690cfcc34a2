//! The tail: a session feeding the printer, until a signal, `--count`, `--timeout`, a closed
//! stdout or a fatal error says stop. Every event received before the stop is printed.

use std::io;
use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Context;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tracing::info;

use crate::auth::{Credentials, TokenSource};
use crate::exit::Outcome;
use crate::human;
use crate::output::{self, PrintEnd};
use crate::session::{self, Session, Stats};

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

/// Tails the subscription until told to stop; returns why it stopped.
pub async fn run(
    credentials: Credentials,
    session: session::Settings,
    printing: output::Settings,
    timeout: Option<Duration>,
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

    let session = Session::new(&session, &mut tokens, events, stopper.token.clone(), &stats).run();
    let deadline = async {
        match timeout {
            Some(limit) => tokio::time::sleep(limit).await,
            None => std::future::pending().await,
        }
    };
    tokio::pin!(session, deadline, printer);

    let mut printed = None;
    let session_result = loop {
        tokio::select! {
            result = &mut session => break result,
            () = &mut deadline, if !stopper.token.is_cancelled() => {
                stopper.stop(Outcome::TimedOut { count_pending: count.is_some() });
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
    let end = printed.context("could not write to stdout")?;
    session_result?;

    let outcome = stopper.outcome();
    if end != PrintEnd::StdoutClosed {
        info!("{}", summary(&stats, started.elapsed()));
    }
    Ok(outcome)
}

/// The exit summary: counts, reconnects and time without a connection.
fn summary(stats: &Stats, uptime: Duration) -> String {
    let received = stats.received.load(Ordering::Relaxed);
    let shown = stats.shown.load(Ordering::Relaxed);
    let reconnects = stats.reconnects.load(Ordering::Relaxed);
    let gap = Duration::from_millis(stats.disconnected_ms.load(Ordering::Relaxed));

    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "stopped after {}: {} received, {shown} shown, {}",
        human::duration(uptime),
        plural(received, "event"),
        plural(reconnects, "reconnect")
    );
    if reconnects > 0 {
        line.push_str(&format!(" ({} without a connection)", human::duration(gap)));
    }
    let duplicates = stats.duplicates.load(Ordering::Relaxed);
    if duplicates > 0 {
        line.push_str(&format!(", {} dropped", plural(duplicates, "duplicate")));
    }
    line
}

/// First Ctrl-C or SIGTERM: stop cleanly. Second: leave at once.
async fn watch_signals(stopper: Stopper) {
    if next_signal().await.is_err() {
        return;
    }
    info!("stopping; press Ctrl-C again to quit at once");
    stopper.stop(Outcome::Interrupted);

    if next_signal().await.is_ok() {
        eprintln!("zoomws: interrupted again; quitting without waiting");
        std::process::exit(130);
    }
}

#[cfg(unix)]
async fn next_signal() -> io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result,
        _ = term.recv() => Ok(()),
    }
}

#[cfg(not(unix))]
async fn next_signal() -> io::Result<()> {
    tokio::signal::ctrl_c().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_and_pluralises() {
        let stats = Stats::default();
        stats.received.store(1, Ordering::Relaxed);
        stats.shown.store(1, Ordering::Relaxed);
        assert_eq!(
            summary(&stats, Duration::from_secs(65)),
            "stopped after 1m 05s: 1 event received, 1 shown, 0 reconnects"
        );

        stats.reconnects.store(2, Ordering::Relaxed);
        stats.disconnected_ms.store(3_500, Ordering::Relaxed);
        assert!(
            summary(&stats, Duration::from_secs(5))
                .ends_with("2 reconnects (3.5s without a connection)")
        );
    }

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
