//! Each command, from parsed arguments to an [`Outcome`].

use clap::ArgMatches;
use tracing::{debug, info, warn};
use url::Url;

use crate::auth::Credentials;
use crate::cli::{Cli, ColorWhen, Command, DemoArgs, OutputArgs, TailArgs, TimingArgs};
use crate::config::{Connection, EnvFileValues};
use crate::exit::Outcome;
use crate::filter::EventFilter;
use crate::mock::Mock;
use crate::net::Network;
use crate::output::{self, Format};
use crate::retry::RetryPolicy;
use crate::session;
use crate::{mock, tail};

/// Runs the parsed command. `matches` are clap's, for knowing where each value came from.
pub async fn run(
    cli: Cli,
    matches: &ArgMatches,
    env_file: EnvFileValues,
) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Tail(args) => {
            let sub = matches.subcommand_matches("tail").unwrap_or(matches);
            tail_command(args, sub, &env_file, cli.color).await
        }
        Command::Mock(args) => mock::serve_until_stopped(&args).await,
        Command::Demo(args) => demo(args, cli.color).await,
        Command::Completions(args) => {
            use std::io::Write;

            let script = crate::generate::completion(args.shell);
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&script)?;
            stdout.flush()?;
            Ok(Outcome::Stopped)
        }
    }
}

async fn tail_command(
    args: TailArgs,
    matches: &ArgMatches,
    env_file: &EnvFileValues,
    color: ColorWhen,
) -> anyhow::Result<Outcome> {
    for warning in &env_file.warnings {
        warn!("{warning}");
    }
    let conn = Connection::resolve(&args.connect, matches, env_file)?;
    for (name, source) in [
        ("account ID", &conn.account_id.source),
        ("client ID", &conn.client_id.source),
        ("client secret", &conn.client_secret.source),
        ("subscription ID", &conn.subscription_id.source),
        ("token URL", &conn.oauth_url.source),
        ("WebSocket URL", &conn.ws_url.source),
    ] {
        debug!("{name} from {source}");
    }

    let network = Network::resolve(&args.network, matches)?;
    network.log_routes(&conn.oauth_url.value, &conn.ws_url.value);

    let printing = printing(&args.output, color)?;
    let settings = session_settings(
        &args.timing,
        conn.ws_url.value.clone(),
        &conn.subscription_id.value,
        network,
    );
    tail::run(conn.credentials(), settings, printing, args.output.timeout).await
}

/// Runs the emulator in-process and tails it with the real client.
async fn demo(args: DemoArgs, color: ColorWhen) -> anyhow::Result<Outcome> {
    let mock = Mock::start(0, args.scenario).await?;
    info!(
        "demo: a Zoom emulator is running on {}; tailing it (Ctrl-C to stop)",
        mock.addr
    );

    let scenario = &mock.scenario;
    let credentials = Credentials {
        account_id: scenario.account_id.clone(),
        client_id: scenario.client_id.clone(),
        client_secret: crate::secret::Secret::new(scenario.client_secret.clone()),
        oauth_url: Url::parse(&mock.oauth_url())?,
    };
    let printing = printing(&args.output, color)?;
    let settings = session_settings(
        &args.timing,
        Url::parse(&mock.ws_url())?,
        &scenario.subscription_id,
        Network::direct()?,
    );
    tail::run(credentials, settings, printing, args.output.timeout).await
}

/// The printer's settings; also decides colour for the whole process.
fn printing(args: &OutputArgs, color: ColorWhen) -> anyhow::Result<output::Settings> {
    colored::control::set_override(output::use_color(color));
    Ok(output::Settings {
        format: if args.json {
            Format::Json
        } else {
            Format::Pretty
        },
        filter: EventFilter::new(&args.events)?,
        count: args.count,
    })
}

fn session_settings(
    timing: &TimingArgs,
    ws_url: Url,
    subscription_id: &str,
    network: Network,
) -> session::Settings {
    session::Settings {
        ws_url,
        subscription_id: subscription_id.to_owned(),
        heartbeat_interval: timing.heartbeat_interval,
        heartbeat_timeout: timing.heartbeat_timeout,
        connect_timeout: timing.connect_timeout,
        retry: RetryPolicy {
            initial: timing.backoff_initial,
            max: timing.backoff_max,
            max_attempts: timing.max_retries,
        },
        backlog_warn: timing.backlog_warn,
        network,
    }
}
