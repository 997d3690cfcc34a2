//! Each command, from parsed arguments to an [`Outcome`].

use std::io::IsTerminal;

use clap::{ArgMatches, ValueEnum};
use tracing::{debug, info, warn};
use url::Url;

use crate::auth::Credentials;
use crate::cli::{
    Cli, ColorWhen, Command, ConfigCommand, ConfigInitArgs, ConfigShowArgs, DemoArgs, DoctorArgs,
    OutputArgs, OutputFormat, TailArgs, TimingArgs,
};
use crate::config::{ConfigError, Connection, EnvFileValues, Found};
use crate::doctor::{self, Limits};
use crate::exit::Outcome;
use crate::filter::EventFilter;
use crate::jq::Program;
use crate::mock::Mock;
use crate::net::Network;
use crate::output::{self, Format, Template};
use crate::profile;
use crate::retry::RetryPolicy;
use crate::session;
use crate::{mock, tail};

/// Runs the parsed command. `matches` are clap's, for knowing where each value came from;
/// `env_file` is what reading the `.env` file gave, an error included.
pub async fn run(
    cli: Cli,
    matches: &ArgMatches,
    env_file: Result<EnvFileValues, ConfigError>,
) -> anyhow::Result<Outcome> {
    let ui = Ui {
        color: cli.color,
        quiet: cli.quiet,
    };
    match cli.command {
        Command::Tail(args) => {
            let sub = matches.subcommand_matches("tail").unwrap_or(matches);
            tail_command(args, sub, &env_file?, ui).await
        }
        Command::Mock(args) => mock::serve_until_stopped(&args).await,
        Command::Demo(args) => demo(args, ui).await,
        Command::Doctor(args) => {
            let sub = matches.subcommand_matches("doctor").unwrap_or(matches);
            doctor_command(&args, sub, env_file, ui.color).await
        }
        Command::Config(ConfigCommand::Show(args)) => {
            let sub = matches
                .subcommand_matches("config")
                .and_then(|m| m.subcommand_matches("show"))
                .unwrap_or(matches);
            config_show(&args, sub, &env_file?)
        }
        Command::Config(ConfigCommand::Init(args)) => config_init(&args),
        Command::Completions(args) => {
            print(&crate::generate::completion(args.shell))?;
            Ok(Outcome::Stopped)
        }
    }
}

/// The global flags that shape what a person sees.
#[derive(Debug, Clone, Copy)]
struct Ui {
    color: ColorWhen,
    quiet: bool,
}

/// `zoomws doctor`: the report on stdout; its exit code says how far the checks got. A bad
/// `.env` file or network setting fails the configuration step, so `--json` still reports.
async fn doctor_command(
    args: &DoctorArgs,
    matches: &ArgMatches,
    env_file: Result<EnvFileValues, ConfigError>,
    color: ColorWhen,
) -> anyhow::Result<Outcome> {
    let (env_file, env_error) = match env_file {
        Ok(values) => (values, None),
        Err(err) => (EnvFileValues::default(), Some(err)),
    };
    warn_about(&env_file);
    let config_file = profile::config_path();
    let found = Found::gather(&args.connect, matches, &env_file, config_file.as_deref());
    let limits = Limits {
        connect: args.connect_timeout,
        heartbeat: args.heartbeat_timeout,
        clock_skew: args.max_clock_skew,
    };
    let (network, network_error) = match Network::resolve(&args.network, matches) {
        Ok(network) => (network, None),
        Err(err) => (Network::direct()?, Some(ConfigError(format!("{err:#}")))),
    };
    let found = match env_error.or(network_error) {
        Some(err) => Err(err),
        None => found,
    };
    let report = doctor::run(found, limits, network).await;

    colored::control::set_override(!args.json && output::use_color(color));
    let text = if args.json {
        report.to_json() + "\n"
    } else {
        report.render()
    };
    print(text.as_bytes())?;
    Ok(Outcome::Reported(report.exit_code))
}

/// `zoomws config show`: every setting, its value (secrets masked) and its source.
fn config_show(
    args: &ConfigShowArgs,
    matches: &ArgMatches,
    env_file: &EnvFileValues,
) -> anyhow::Result<Outcome> {
    warn_about(env_file);
    let config_file = profile::config_path();
    let found = Found::gather(&args.connect, matches, env_file, config_file.as_deref())?;
    let network = crate::config::network_rows(&args.network, matches, env_file)?;

    print(found.table(network).as_bytes())?;
    Ok(Outcome::Stopped)
}

/// `zoomws config init`: writes the template and prints its path.
fn config_init(args: &ConfigInitArgs) -> anyhow::Result<Outcome> {
    let Some(path) = profile::config_path() else {
        return Err(ConfigError(format!(
            "there is no config directory on this system; set {} to the file to create",
            profile::CONFIG_VAR
        ))
        .into());
    };
    profile::init(&path, args.force)?;

    print(format!("{}\n", path.display()).as_bytes())?;
    Ok(Outcome::Stopped)
}

/// Writes a command's whole output to stdout; a closed stdout is for `main` to forgive.
fn print(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;

    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()
}

/// Warnings about the `.env` file (loose permissions), once logging is up.
fn warn_about(env_file: &EnvFileValues) {
    for warning in &env_file.warnings {
        warn!("{warning}");
    }
}

async fn tail_command(
    args: TailArgs,
    matches: &ArgMatches,
    env_file: &EnvFileValues,
    ui: Ui,
) -> anyhow::Result<Outcome> {
    warn_about(env_file);
    let config_file = profile::config_path();
    let conn = Connection::resolve(&args.connect, matches, env_file, config_file.as_deref())?;
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
    let target = Target {
        ws_url: conn.ws_url.value.clone(),
        subscription_id: conn.subscription_id.value.clone(),
        network,
    };
    tail_with(conn.credentials(), target, &args.output, &args.timing, ui).await
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
    let target = Target {
        ws_url: Url::parse(&mock.ws_url())?,
        subscription_id: scenario.subscription_id.clone(),
        network: Network::direct()?,
    };
    tail_with(credentials, target, &args.output, &args.timing, ui).await
}

/// Where to tail: the WebSocket endpoint, the subscription, and the way to reach them.
struct Target {
    ws_url: Url,
    subscription_id: String,
    network: Network,
}

/// Tails `target` with the given options.
async fn tail_with(
    credentials: Credentials,
    target: Target,
    output: &OutputArgs,
    timing: &TimingArgs,
    ui: Ui,
) -> anyhow::Result<Outcome> {
    if timing.backoff_initial > timing.backoff_max {
        return Err(ConfigError(format!(
            "--backoff-initial ({}) is longer than --backoff-max ({}); shorten the first or \
             raise the second",
            crate::human::duration(timing.backoff_initial),
            crate::human::duration(timing.backoff_max)
        ))
        .into());
    }
    let printing = printing(output, ui.color)?;
    let raw_frames = matches!(printing.format, Format::Raw);
    let settings = session_settings(timing, target, raw_frames);
    let options = tail::Options {
        timeout: output.timeout,
        stats: output.stats,
        status_line: crate::status::wanted(ui.quiet),
    };
    tail::run(credentials, settings, printing, options).await
}

/// The printer's settings; also decides colour for the whole process, status line included.
fn printing(args: &OutputArgs, when: ColorWhen) -> anyhow::Result<output::Settings> {
    crate::status::set_color(output::use_color_on_stderr(when));
    let color = output::use_color(when);
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
            width: if std::io::stdout().is_terminal() {
                output::Width::Terminal
            } else {
                output::Width::Unlimited
            },
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
            None | Some(OutputFormat::Json) => Ok(Format::Jq {
                program: Program::compile(code, "--jq")?,
                raw: args.raw_output,
            }),
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

fn session_settings(timing: &TimingArgs, target: Target, raw_frames: bool) -> session::Settings {
    session::Settings {
        ws_url: target.ws_url,
        subscription_id: target.subscription_id,
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
        network: target.network,
    }
}
