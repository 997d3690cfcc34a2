//! Each command, from parsed arguments to an [`Outcome`].

use clap::{ArgMatches, ValueEnum};
use tracing::{debug, info, warn};
use url::Url;

use crate::auth::Credentials;

use crate::cli::{
    Cli, ColorWhen, Command, DemoArgs, OutputArgs, OutputFormat, TailArgs, TimingArgs,
};
use crate::config::{ConfigError, Connection, EnvFileValues};
use crate::exit::Outcome;
use crate::filter::EventFilter;
use crate::jq::Program;
use crate::mock::Mock;
use crate::output::{self, Format, Template};
use crate::retry::RetryPolicy;
use crate::session;
use crate::{mock, tail};

/// Runs the parsed command. `matches` are clap's, for knowing where each value came from.
pub async fn run(
    cli: Cli,
    matches: &ArgMatches,
    env_file: EnvFileValues,
) -> anyhow::Result<Outcome> {
    let ui = Ui {
        color: cli.color,
        quiet: cli.quiet,
    };
    match cli.command {
        Command::Tail(args) => {
            let sub = matches.subcommand_matches("tail").unwrap_or(matches);
            tail_command(args, sub, &env_file, ui).await
        }
        Command::Mock(args) => mock::serve_until_stopped(args.port, args.scenario).await,
        Command::Demo(args) => demo(args, ui).await,
    }
}

/// The global flags that shape what a person sees.
#[derive(Debug, Clone, Copy)]
struct Ui {
    color: ColorWhen,
    quiet: bool,
}

async fn tail_command(
    args: TailArgs,
    matches: &ArgMatches,
    env_file: &EnvFileValues,
    ui: Ui,
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

    let endpoint = (
        conn.ws_url.value.clone(),
        conn.subscription_id.value.clone(),
    );
    tail_with(conn.credentials(), endpoint, &args.output, &args.timing, ui).await
}

/// Runs the emulator in-process and tails it with the real client.
async fn demo(args: DemoArgs, ui: Ui) -> anyhow::Result<Outcome> {
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
    let endpoint = (
        Url::parse(&mock.ws_url())?,
        scenario.subscription_id.clone(),
    );
    tail_with(credentials, endpoint, &args.output, &args.timing, ui).await
}

/// Tails `endpoint` (the WebSocket URL and subscription ID) with the given options.
async fn tail_with(
    credentials: Credentials,
    (ws_url, subscription_id): (Url, String),
    output: &OutputArgs,
    timing: &TimingArgs,
    ui: Ui,
) -> anyhow::Result<Outcome> {
    let printing = printing(output, ui.color)?;
    let raw_frames = matches!(printing.format, Format::Raw);
    let settings = session_settings(timing, ws_url, subscription_id, raw_frames);
    let options = tail::Options {
        timeout: output.timeout,
        stats: output.stats,
        status_line: crate::status::wanted(ui.quiet),
    };
    tail::run(credentials, settings, printing, options).await
}

/// The printer's settings; also decides colour for the whole process.
fn printing(args: &OutputArgs, color: ColorWhen) -> anyhow::Result<output::Settings> {
    let color = output::use_color(color);
    colored::control::set_override(color);

    let filter = EventFilter::new(&args.events)?
        .excluding(&args.exclude_events)?
        .requiring(&args.filters)?;
    Ok(output::Settings {
        format: format(args)?,
        filter,
        count: args.count,
        style: output::Style {
            clock: output::Clock::local(args.timestamps),
            lag_warn: args.lag_warn,
            width: output::terminal_width(),
        },
        color,
    })
}

/// The output format from `--output`, `--json`, `--template` and `--jq`.
fn format(args: &OutputArgs) -> Result<Format, ConfigError> {
    let named = if args.json {
        Some(OutputFormat::Json)
    } else {
        args.output
    };

    if let Some(code) = &args.jq {
        return match named {
            None | Some(OutputFormat::Json) => Ok(Format::Jq(Program::compile(code, "--jq")?)),
            Some(other) => Err(ConfigError(format!(
                "--jq prints JSON lines and cannot be combined with --output {}; drop one",
                other
                    .to_possible_value()
                    .map_or("?".into(), |v| v.get_name().to_owned())
            ))),
        };
    }

    match (named, &args.template) {
        (None | Some(OutputFormat::Template), Some(text)) => {
            Ok(Format::Template(Template::parse(text)?))
        }
        (Some(OutputFormat::Template), None) => Err(ConfigError(
            "--output template needs --template TEXT, e.g. --template '{event} \
             {payload.object.topic}'"
                .into(),
        )),
        (Some(_), Some(_)) => Err(ConfigError(
            "--template sets the output format; drop --output or --json".into(),
        )),
        (None | Some(OutputFormat::Pretty), None) => Ok(Format::Pretty),
        (Some(OutputFormat::Json), None) => Ok(Format::Json),
        (Some(OutputFormat::JsonPretty), None) => Ok(Format::JsonPretty),
        (Some(OutputFormat::Raw), None) => Ok(Format::Raw),
    }
}

fn session_settings(
    timing: &TimingArgs,
    ws_url: Url,
    subscription_id: String,
    raw_frames: bool,
) -> session::Settings {
    session::Settings {
        ws_url,
        subscription_id,
        heartbeat_interval: timing.heartbeat_interval,
        heartbeat_timeout: timing.heartbeat_timeout,
        connect_timeout: timing.connect_timeout,
        retry: RetryPolicy {
            initial: timing.backoff_initial,
            max: timing.backoff_max,
            max_attempts: timing.max_retries,
        },
        backlog_warn: timing.backlog_warn,
        raw_frames,
    }
}
