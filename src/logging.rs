//! Diagnostics on stderr, formatted like CLI messages: `zoomws: warning: ...`.
//!
//! Only zoomws's own targets are enabled, whatever the verbosity: dependencies stay silent, so
//! no library can print a URL that carries a token.

use std::fmt;

use chrono::Local;
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;

/// Target prefix of the emulator's messages.
const MOCK_TARGET: &str = "zoomws::mock";

/// How chatty stderr is.
#[derive(Debug, Clone, Copy)]
pub struct Verbosity {
    /// `-v` count.
    pub verbose: u8,
    /// `-q`.
    pub quiet: bool,
    /// Quiet the in-process emulator unless `-v` (for `demo`).
    pub quiet_mock: bool,
}

impl Verbosity {
    fn level(self) -> LevelFilter {
        match (self.quiet, self.verbose) {
            (true, _) => LevelFilter::ERROR,
            (false, 0) => LevelFilter::INFO,
            (false, 1) => LevelFilter::DEBUG,
            (false, _) => LevelFilter::TRACE,
        }
    }
}

/// Installs the stderr logger.
pub fn init(verbosity: Verbosity) {
    let level = verbosity.level();
    let mock_level = if verbosity.quiet_mock && verbosity.verbose == 0 {
        LevelFilter::WARN.min(level)
    } else {
        level
    };
    let targets = Targets::new()
        .with_target("zoomws", level)
        .with_target(MOCK_TARGET, mock_level);
    let format = CliFormat {
        timestamps: verbosity.verbose > 0,
    };

    let layer = tracing_subscriber::fmt::layer()
        .event_format(format)
        .with_writer(|| crate::status::Stderr);
    let _ = tracing_subscriber::registry()
        .with(layer)
        .with(targets)
        .try_init();
}

/// `zoomws: ` or `zoomws mock: `, the level when it is not plain information, the message.
struct CliFormat {
    timestamps: bool,
}

impl<S, N> FormatEvent<S, N> for CliFormat
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        if self.timestamps {
            write!(writer, "{} ", Local::now().format("%H:%M:%S%.3f"))?;
        }

        let who = if event.metadata().target().starts_with(MOCK_TARGET) {
            "zoomws mock"
        } else {
            "zoomws"
        };
        let level = match *event.metadata().level() {
            Level::ERROR => "error: ",
            Level::WARN => "warning: ",
            Level::INFO => "",
            Level::DEBUG | Level::TRACE => "debug: ",
        };
        write!(writer, "{who}: {level}")?;

        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}
