//! The `zoomws` binary: parse, load `.env`, run the command, choose the exit code.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser};
use zoomws::cli::{self, Cli};
use zoomws::config::{self, EnvFileValues};
use zoomws::exit;
use zoomws::logging::{self, Verbosity};

fn main() -> ExitCode {
    // A first parse only to learn which .env file to read; the second one sees its values.
    let first = Cli::try_parse().unwrap_or_else(|err| cli::exit_on_parse_error(err));
    // A bad .env file is reported by the command: doctor puts it in its report.
    let env_file = match first.command.env_file() {
        Some(which) => config::load_env_file(&which),
        None => Ok(EnvFileValues::default()),
    };

    let matches = Cli::command()
        .try_get_matches()
        .unwrap_or_else(|err| cli::exit_on_parse_error(err));
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    logging::init(Verbosity {
        verbose: cli.verbose,
        quiet: cli.quiet,
        quiet_mock: matches!(cli.command, zoomws::cli::Command::Demo(_)),
    });

    // Both reqwest and tokio-tungstenite use the process-wide rustls provider.
    let _ = rustls::crypto::ring::default_provider().install_default();

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => return fail(&anyhow::Error::new(err).context("could not start the runtime")),
    };
    // A DNS lookup that doctor gave up on still holds a blocking thread, which dropping the
    // runtime would wait for: doctor's limits must bound the whole run.
    let detach = matches!(cli.command, zoomws::cli::Command::Doctor(_));
    let result = runtime.block_on(zoomws::app::run(cli, &matches, env_file));
    if detach {
        runtime.shutdown_background();
    }
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if exit::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => fail(&err),
    }
}

/// Prints the error chain on one line and picks its exit code.
fn fail(err: &anyhow::Error) -> ExitCode {
    // Not eprintln!, which panics when stderr is closed.
    zoomws::status::eprint(&format!("zoomws: error: {err:#}"));
    ExitCode::from(exit::code_for(err))
}
