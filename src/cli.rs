//! Command-line definitions (clap derive). The doc comments here are the `--help` text.
//!
//! House rules: options that take a value have an UPPERCASE value name; every connection
//! setting also reads a `ZOOM_*` variable; durations are written like `30s`, `500ms`, `5m`.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::mock::Scenario;
use crate::output::Timestamps;

/// Tail Zoom's WebSocket event subscriptions: sign in, stay connected, print every event.
#[derive(Debug, Parser)]
#[command(
    name = "zoomws",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)
    #[arg(short, long, action = ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Print only errors on stderr
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is
    /// set, and in a pipe too when CLICOLOR_FORCE is set (not 0)
    #[arg(long, value_enum, value_name = "WHEN", default_value_t, global = true)]
    pub color: ColorWhen,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Connect to the event subscription and print events as they arrive
    #[command(after_long_help = TAIL_ENVIRONMENT)]
    Tail(TailArgs),

    /// Run a local Zoom emulator (token and WebSocket endpoints) for zoomws or your own code
    Mock(MockArgs),

    /// Run the emulator in-process and tail it: see zoomws work without a Zoom account
    Demo(DemoArgs),

    /// Check each step from settings to heartbeat, and say what to fix when one fails
    Doctor(DoctorArgs),

    /// Show the settings in effect, or write a profile file to start from
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Print a completion script for your shell (see the README for where to put it)
    Completions(CompletionsArgs),
}

/// `zoomws config ...`
// Parsed once per run, so the size difference between the variants costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every setting with its value and where it came from (secrets masked)
    Show(ConfigShowArgs),

    /// Write a commented profile file (mode 600) and print its path
    Init(ConfigInitArgs),
}

/// The variables `tail` reads besides its own, for `tail --help` and the man page.
const TAIL_ENVIRONMENT: &str = "\
Environment:
  HTTPS_PROXY, https_proxy, ALL_PROXY, all_proxy
      The first one set names the http:// proxy for both
      connections, unless --proxy is given. Only https://
      and wss:// endpoints use a proxy.
  NO_PROXY, no_proxy
      Hosts reached directly, unless --no-proxy is given.
  SSL_CERT_FILE, SSL_CERT_DIR
      Where the system's CA certificates are read from on
      Linux, when set.";

impl Command {
    /// The `.env` file this command reads, if it reads one: `None` for commands that don't.
    pub fn env_file(&self) -> Option<EnvFile> {
        match self {
            Command::Tail(args) => Some(args.connect.env_file()),
            Command::Doctor(args) => Some(args.connect.env_file()),
            Command::Config(ConfigCommand::Show(args)) => Some(args.connect.env_file()),
            Command::Config(ConfigCommand::Init(_))
            | Command::Mock(_)
            | Command::Demo(_)
            | Command::Completions(_) => None,
        }
    }
}

/// Which `.env` file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvFile {
    /// `.env` in the current directory, if there is one.
    Default,
    /// A file named with `--env-file`; it must exist.
    Explicit(PathBuf),
}

#[derive(Debug, Args)]
pub struct TailArgs {
    #[command(flatten)]
    pub connect: ConnectArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub timing: TimingArgs,

    #[command(flatten)]
    pub network: NetworkArgs,
}

/// Credentials and endpoints. Precedence: flag, environment, `.env` file, profile, default.
/// Its `Debug` hides the client secret.
#[derive(Args)]
#[command(next_help_heading = "Credentials and endpoints")]
pub struct ConnectArgs {
    /// Account ID of the Server-to-Server OAuth app
    #[arg(long, value_name = "ID", env = "ZOOM_ACCOUNT_ID")]
    pub account_id: Option<String>,

    /// Client ID of the Server-to-Server OAuth app
    #[arg(long, value_name = "ID", env = "ZOOM_CLIENT_ID")]
    pub client_id: Option<String>,

    /// Client secret of the app (prefer the environment or .env: flags show in `ps`)
    #[arg(
        long,
        value_name = "SECRET",
        env = "ZOOM_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub client_secret: Option<String>,

    /// Read the client secret from this file (trailing newline ignored), e.g. a mounted secret
    #[arg(long, value_name = "PATH", env = "ZOOM_CLIENT_SECRET_FILE")]
    pub client_secret_file: Option<String>,

    /// Event subscription ID (also taken from a --ws-url that carries `subscriptionId`)
    #[arg(long, value_name = "ID", env = "ZOOM_SUBSCRIPTION_ID")]
    pub subscription_id: Option<String>,

    /// Token endpoint [default: https://zoom.us/oauth/token; with --gov,
    /// https://zoomgov.com/oauth/token]
    #[arg(long, value_name = "URL", env = "ZOOM_OAUTH_URL")]
    pub oauth_url: Option<String>,

    /// WebSocket endpoint, as shown on the subscription page [default: wss://ws.zoom.us/ws; with
    /// --gov, wss://ws.zoomgov.com/ws]
    #[arg(long, value_name = "URL", env = "ZOOM_WS_URL")]
    pub ws_url: Option<String>,

    /// Read settings from this file instead of ./.env
    #[arg(long, value_name = "PATH")]
    pub env_file: Option<PathBuf>,

    /// Use this profile of the config file (`zoomws config init` writes one to start from)
    #[arg(long, value_name = "NAME", env = "ZOOM_PROFILE")]
    pub profile: Option<String>,

    /// Zoom for Government: default to https://zoomgov.com/oauth/token and
    /// wss://ws.zoomgov.com/ws. Zoom does not document the WebSocket host (it is inferred), so
    /// copy the endpoint URL from your subscription page into --ws-url
    #[arg(long, env = "ZOOM_GOV", value_parser = clap::builder::BoolishValueParser::new())]
    pub gov: bool,
}

impl ConnectArgs {
    /// The `.env` file these settings read.
    pub fn env_file(&self) -> EnvFile {
        match &self.env_file {
            Some(path) => EnvFile::Explicit(path.clone()),
            None => EnvFile::Default,
        }
    }
}

/// `zoomws doctor`: settings, network, token, subscription, heartbeat and clock, in turn.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    #[command(flatten)]
    pub connect: ConnectArgs,

    #[command(flatten)]
    pub network: NetworkArgs,

    /// Print the report as one JSON object
    #[arg(long, help_heading = "Checks")]
    pub json: bool,

    /// Give up on each network step (resolve, connect, request, handshake) after this long
    #[arg(long, help_heading = "Checks", value_name = "DURATION", env = "ZOOMWS_CONNECT_TIMEOUT",
          default_value = "10s", value_parser = positive_duration)]
    pub connect_timeout: Duration,

    /// Fail the heartbeat step when no answer arrives within this long
    #[arg(long, help_heading = "Checks", value_name = "DURATION", env = "ZOOMWS_HEARTBEAT_TIMEOUT",
          default_value = "10s", value_parser = positive_duration)]
    pub heartbeat_timeout: Duration,

    /// Largest difference from the server's clock that passes the clock step
    #[arg(long, help_heading = "Checks", value_name = "DURATION", default_value = "5s",
          env = "ZOOMWS_MAX_CLOCK_SKEW", value_parser = humantime::parse_duration)]
    pub max_clock_skew: Duration,
}

/// `zoomws config show`.
#[derive(Debug, Args)]
pub struct ConfigShowArgs {
    #[command(flatten)]
    pub connect: ConnectArgs,

    #[command(flatten)]
    pub network: NetworkArgs,
}

/// `zoomws config init`.
#[derive(Debug, Args)]
pub struct ConfigInitArgs {
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

/// What to print and when to stop.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// How to print each event
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// Print each event as one line of JSON, exactly as Zoom sent it (short for --output json)
    #[arg(long, conflicts_with = "output")]
    pub json: bool,

    /// Print a line per event from TEXT, e.g. '{event} {payload.object.topic} {@lag}'
    /// (implies --output template; see "Templates" in the README)
    #[arg(long, value_name = "TEXT")]
    pub template: Option<String>,

    /// Print what a jq expression makes of each event, as compact JSON lines
    #[arg(long, value_name = "EXPR", conflicts_with_all = ["template", "json"])]
    pub jq: Option<String>,

    /// With --jq, print strings as plain text rather than JSON (like jq -r); control
    /// characters stay escaped, so each value is one line
    #[arg(short, long, requires = "jq")]
    pub raw_output: bool,

    /// Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)
    #[arg(short, long = "event", value_name = "PATTERN", value_delimiter = ',')]
    pub events: Vec<String>,

    /// Leave out events matching PATTERN (globs; repeat or separate with commas)
    #[arg(
        short = 'x',
        long = "exclude-event",
        value_name = "PATTERN",
        value_delimiter = ','
    )]
    pub exclude_events: Vec<String>,

    /// Only events for which this jq expression is truthy, e.g.
    /// '.payload.object.topic | test("standup"; "i")'; repeated filters must all hold
    #[arg(long = "filter", value_name = "EXPR")]
    pub filters: Vec<String>,

    /// How the pretty output shows the time of each event
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        env = "ZOOMWS_TIMESTAMPS",
        default_value_t
    )]
    pub timestamps: Timestamps,

    /// Show how late an event arrived (receive time minus event_ts) when at least this late
    #[arg(long, value_name = "DURATION", env = "ZOOMWS_LAG_WARN", default_value = "60s",
          value_parser = humantime::parse_duration)]
    pub lag_warn: Duration,

    /// Exit after printing N events
    #[arg(short = 'n', long, value_name = "N", value_parser = positive_count)]
    pub count: Option<u64>,

    /// Stop after DURATION (e.g. 30s, 5m); exit 124 if --count was not reached by then
    #[arg(long, value_name = "DURATION", value_parser = positive_duration)]
    pub timeout: Option<Duration>,

    /// On exit, print counts by event type, reconnects, heartbeat round trips and lag to
    /// stderr (SIGUSR1 prints them at any time, with or without --stats)
    #[arg(long)]
    pub stats: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Time, event name coloured by family, and a summary of what happened
    Pretty,
    /// Each event as one compact JSON line, exactly as Zoom sent it
    Json,
    /// Each event indented over several lines, coloured on a terminal
    JsonPretty,
    /// Every frame exactly as received, status frames and heartbeat acks included
    Raw,
    /// A line per event from --template
    Template,
}

/// Timing of the connection; the defaults follow Zoom's documentation.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Connection tuning")]
pub struct TimingArgs {
    /// Send a heartbeat this often
    #[arg(long, value_name = "DURATION", env = "ZOOMWS_HEARTBEAT_INTERVAL",
          default_value = "30s", value_parser = positive_duration)]
    pub heartbeat_interval: Duration,

    /// Declare the link dead when nothing arrives this long after a heartbeat
    #[arg(long, value_name = "DURATION", env = "ZOOMWS_HEARTBEAT_TIMEOUT",
          default_value = "20s", value_parser = positive_duration)]
    pub heartbeat_timeout: Duration,

    /// First delay before reconnecting; it doubles (with jitter) up to --backoff-max
    #[arg(long, value_name = "DURATION", env = "ZOOMWS_BACKOFF_INITIAL",
          default_value = "1s", value_parser = positive_duration)]
    pub backoff_initial: Duration,

    /// Longest delay between reconnection attempts
    #[arg(long, value_name = "DURATION", env = "ZOOMWS_BACKOFF_MAX",
          default_value = "60s", value_parser = positive_duration)]
    pub backoff_max: Duration,

    /// Give up on a connection or token request that takes longer than this
    #[arg(long, value_name = "DURATION", env = "ZOOMWS_CONNECT_TIMEOUT",
          default_value = "15s", value_parser = positive_duration)]
    pub connect_timeout: Duration,

    /// Exit (code 1) after N failed attempts in a row, instead of retrying forever
    #[arg(long, value_name = "N", env = "ZOOMWS_MAX_RETRIES",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub max_retries: Option<u32>,

    /// Warn when this many events are waiting for a slow reader of stdout
    #[arg(long, value_name = "N", env = "ZOOMWS_BACKLOG_WARN", default_value_t = 10_000,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub backlog_warn: u64,
}

/// Proxy and TLS trust, for both the token request and the WebSocket. Its `Debug` hides the
/// proxy URL, which may carry a password.
#[derive(Clone, Args)]
#[command(next_help_heading = "Network")]
pub struct NetworkArgs {
    /// Reach Zoom through this HTTP proxy, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY,
    /// then ALL_PROXY)
    #[arg(long, value_name = "URL", env = "ZOOMWS_PROXY", hide_env_values = true)]
    pub proxy: Option<String>,

    /// Hosts reached without the proxy, comma-separated: `zoom.us`, `.corp.example`, `10.0.0.0/8`,
    /// `*` for all (default: NO_PROXY)
    #[arg(long, value_name = "HOSTS", env = "ZOOMWS_NO_PROXY")]
    pub no_proxy: Option<String>,

    /// Also trust the CA certificates in this PEM file, besides the system's (for a TLS-inspecting
    /// proxy or a private gateway)
    #[arg(long, value_name = "FILE", env = "ZOOMWS_CA_CERT")]
    pub ca_cert: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MockArgs {
    /// Port to listen on (0 picks a free one)
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    pub port: u16,

    /// Serve https:// and wss:// with this PEM certificate chain (needs --tls-key)
    #[arg(long, value_name = "PATH", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// The PEM private key of --tls-cert
    #[arg(long, value_name = "PATH", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    #[command(flatten)]
    pub scenario: Scenario,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub timing: TimingArgs,

    #[command(flatten)]
    pub scenario: Scenario,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    #[default]
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// The longest duration any setting takes: timers far beyond it would overflow the clock.
const LONGEST: Duration = Duration::from_secs(366 * 24 * 3600);

/// Parses a duration like `30s`, up to a year.
pub fn bounded_duration(text: &str) -> Result<Duration, String> {
    let duration = humantime::parse_duration(text).map_err(|e| e.to_string())?;
    if duration > LONGEST {
        return Err("must be at most a year (366d)".into());
    }
    Ok(duration)
}

/// Parses a duration like `30s`, up to a year, and refuses zero.
pub fn positive_duration(text: &str) -> Result<Duration, String> {
    let duration = bounded_duration(text)?;
    if duration.is_zero() {
        return Err("must be longer than zero".into());
    }
    Ok(duration)
}

/// Exits for a parse error. A bad value that came from a variable (the environment or the
/// `.env` file) is reported as that variable's, on one line: clap would name the flag, which the
/// user never typed.
pub fn exit_on_parse_error(err: clap::Error) -> ! {
    match from_a_variable(&err) {
        Some(message) => {
            crate::status::eprint(&format!("zoomws: error: {message}"));
            std::process::exit(i32::from(crate::exit::USAGE));
        }
        None => err.exit(),
    }
}

/// The message for a bad value read from a variable, if that is what `err` is.
fn from_a_variable(err: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};

    if !matches!(
        err.kind(),
        ErrorKind::ValueValidation | ErrorKind::InvalidValue
    ) {
        return None;
    }
    let Some(ContextValue::String(shown)) = err.get(ContextKind::InvalidArg) else {
        return None;
    };
    let long = shown.split_whitespace().next()?.strip_prefix("--")?;
    let command = <Cli as clap::CommandFactory>::command();
    let arg = find_arg(&command, long)?;
    let var = arg.get_env()?.to_str()?;
    let value = std::env::var(var).ok()?;
    // args_os: a path argument need not be UTF-8, and args() would panic on it.
    let typed = std::env::args_os().skip(1).any(|word| {
        let word = word.to_string_lossy();
        word == format!("--{long}")
            || word.starts_with(&format!("--{long}="))
            || arg
                .get_short()
                .is_some_and(|short| word.starts_with(&format!("-{short}")))
    });
    if typed {
        return None;
    }

    let why = match (
        std::error::Error::source(err),
        err.get(ContextKind::ValidValue),
    ) {
        (Some(source), _) => source.to_string(),
        (None, Some(ContextValue::Strings(valid))) => format!("use one of {}", valid.join(", ")),
        (None, _) => "not an accepted value".to_owned(),
    };
    Some(format!(
        "invalid value {value:?} in {var} (the environment or .env file; it sets --{long}): \
         {why}; fix or unset {var}"
    ))
}

/// The argument with this long name, in any subcommand.
fn find_arg<'a>(command: &'a clap::Command, long: &str) -> Option<&'a clap::Arg> {
    command
        .get_arguments()
        .find(|arg| arg.get_long() == Some(long))
        .or_else(|| {
            command
                .get_subcommands()
                .find_map(|sub| find_arg(sub, long))
        })
}

/// What `Debug` shows of a value that may be secret.
fn hidden(value: Option<&str>) -> Option<&'static str> {
    value.map(|_| crate::secret::REDACTED)
}

impl fmt::Debug for ConnectArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectArgs")
            .field("account_id", &self.account_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &hidden(self.client_secret.as_deref()))
            .field("client_secret_file", &self.client_secret_file)
            .field("subscription_id", &self.subscription_id)
            .field("oauth_url", &self.oauth_url.as_ref().map(|_| "(set)"))
            .field("ws_url", &self.ws_url.as_ref().map(|_| "(set)"))
            .field("env_file", &self.env_file)
            .field("profile", &self.profile)
            .field("gov", &self.gov)
            .finish()
    }
}

impl fmt::Debug for NetworkArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetworkArgs")
            .field("proxy", &hidden(self.proxy.as_deref()))
            .field("no_proxy", &self.no_proxy)
            .field("ca_cert", &self.ca_cert)
            .finish()
    }
}

/// A whole number of events from 1 up.
fn positive_count(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err("must be at least 1 (leave --count out to print events until stopped)".into()),
        Ok(count) => Ok(count),
        Err(_) => Err("must be a whole number of events, such as 10".into()),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("zoomws").chain(args.iter().copied()))
    }

    #[test]
    fn definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn events_split_on_commas_and_repeat() {
        let cli = parse(&["tail", "-e", "meeting.*,*.ended", "--event", "user.created"]).unwrap();
        let Command::Tail(tail) = cli.command else {
            panic!("not tail")
        };
        assert_eq!(tail.output.events, ["meeting.*", "*.ended", "user.created"]);
    }

    #[test]
    fn durations_read_like_people_write_them() {
        let cli = parse(&["tail", "--timeout", "5m", "--heartbeat-interval", "250ms"]).unwrap();
        let Command::Tail(tail) = cli.command else {
            panic!("not tail")
        };
        assert_eq!(tail.output.timeout, Some(Duration::from_secs(300)));
        assert_eq!(tail.timing.heartbeat_interval, Duration::from_millis(250));
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            &["tail", "--count", "0"][..],
            &["tail", "--timeout", "soon"],
            &["tail", "--timeout", "0s"],
            &["tail", "--heartbeat-interval", "0s"],
            &["tail", "--color", "sometimes"],
            &["tail", "-v", "-q"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}");
        }
    }

    #[test]
    fn doctor_and_config_show_read_an_env_file_and_config_init_does_not() {
        let cli = parse(&["doctor", "--env-file", "d.env", "--profile", "p"]).unwrap();
        assert_eq!(
            cli.command.env_file(),
            Some(EnvFile::Explicit("d.env".into()))
        );
        let cli = parse(&["config", "show"]).unwrap();
        assert_eq!(cli.command.env_file(), Some(EnvFile::Default));
        assert_eq!(parse(&["config", "init"]).unwrap().command.env_file(), None);
        assert_eq!(
            parse(&["config", "init", "--profile", "p"])
                .unwrap_err()
                .exit_code(),
            2
        );
    }

    #[test]
    fn network_flags_parse_and_the_emulator_needs_both_tls_files() {
        let cli = parse(&[
            "tail",
            "--proxy",
            "proxy:3128",
            "--no-proxy",
            "*",
            "--ca-cert",
            "ca.pem",
        ])
        .unwrap();
        let Command::Tail(tail) = cli.command else {
            panic!("not tail")
        };
        assert_eq!(tail.network.proxy.as_deref(), Some("proxy:3128"));
        assert_eq!(tail.network.no_proxy.as_deref(), Some("*"));
        assert_eq!(tail.network.ca_cert, Some(PathBuf::from("ca.pem")));

        let err = parse(&["mock", "--tls-cert", "cert.pem"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(parse(&["completions", "zsh"]).is_ok());
    }

    /// `tail` options that take a value but describe one run rather than a setup, so they have
    /// no variable.
    const PER_RUN: [&str; 9] = [
        "env_file",
        "output",
        "template",
        "jq",
        "events",
        "exclude_events",
        "filters",
        "count",
        "timeout",
    ];

    #[test]
    fn tail_and_doctor_settings_that_take_a_value_can_come_from_the_environment() {
        let command = <Cli as clap::CommandFactory>::command();
        for name in ["tail", "doctor"] {
            let sub = command.find_subcommand(name).unwrap();
            let missing: Vec<&str> = sub
                .get_arguments()
                .filter(|arg| arg.get_action().takes_values() && !arg.is_positional())
                .filter(|arg| arg.get_env().is_none())
                .map(|arg| arg.get_id().as_str())
                .filter(|id| !PER_RUN.contains(id) && *id != "color")
                .collect();
            assert!(
                missing.is_empty(),
                "{name}: give these an `env = \"ZOOMWS_...\"` (shown in --help) or add them to \
                 PER_RUN: {missing:?}"
            );
        }
    }

    #[test]
    fn debug_output_hides_the_secret_and_the_proxy_password() {
        let cli = parse(&[
            "tail",
            "--client-secret",
            "S3cretValue",
            "--proxy",
            "http://u:Pr0xyPass@proxy:3128",
        ])
        .unwrap();
        let shown = format!("{cli:?}");
        assert!(!shown.contains("S3cretValue"), "{shown}");
        assert!(!shown.contains("Pr0xyPass"), "{shown}");
        assert!(
            shown.contains("client_secret: Some(\"(redacted)\")"),
            "{shown}"
        );
    }

    #[test]
    fn only_tail_reads_an_env_file() {
        let cli = parse(&["tail", "--env-file", "x.env"]).unwrap();
        assert_eq!(
            cli.command.env_file(),
            Some(EnvFile::Explicit("x.env".into()))
        );
        assert_eq!(
            parse(&["tail"]).unwrap().command.env_file(),
            Some(EnvFile::Default)
        );
        assert_eq!(parse(&["demo"]).unwrap().command.env_file(), None);
    }
}
