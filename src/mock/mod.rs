//! A Zoom emulator: the token endpoint and the WebSocket endpoint on one loopback port.
//!
//! It follows Zoom's documented and observed behaviour (see the protocol notes in the README)
//! and can inject the faults real deployments show, so users can watch zoomws cope and the test
//! suite can prove it. It shares only the [`protocol`](crate::protocol) types with the client.

mod chaos;
mod events;
mod oauth;
mod tls;
mod ws;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, AtomicU64};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::routing::{any, post};
use clap::{Args, ValueEnum};
use tokio::net::TcpListener;
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;
use tracing::info;

use crate::cli::MockArgs;

/// How the emulator behaves: credentials, event source and injected faults.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Emulator")]
pub struct Scenario {
    /// Account ID the emulator accepts
    #[arg(long, value_name = "ID", default_value = "mockAccount0001")]
    pub account_id: String,

    /// Client ID the emulator accepts
    #[arg(long, value_name = "ID", default_value = "mockClientId0001")]
    pub client_id: String,

    /// Client secret the emulator accepts
    #[arg(long, value_name = "SECRET", default_value = "mockSecret0001")]
    pub client_secret: String,

    /// Subscription ID the emulator serves
    #[arg(long, value_name = "ID", default_value = "mockSubscriptionId000A")]
    pub subscription_id: String,

    /// Events per second to generate (decimals allowed, e.g. 0.2)
    #[arg(long, value_name = "N", default_value_t = 1.0, value_parser = parse_rate)]
    pub rate: f64,

    /// Play the events in this JSON-lines file (one webhook body per line) instead of
    /// generating them
    #[arg(long = "events-file", value_name = "PATH")]
    pub events_file: Option<PathBuf>,

    /// Stop producing events after N of them (the server keeps running)
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,

    /// Lifetime of issued access tokens
    #[arg(long, value_name = "DURATION", default_value = "1h",
          value_parser = crate::cli::bounded_duration)]
    pub token_ttl: Duration,

    /// Text of the `build_connection` failure sent for a bad or expired token
    #[arg(long, value_name = "TEXT", default_value = "Invalid Token")]
    pub reject_text: String,

    /// Refuse the first N connections with --reject-text, even with a valid token
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub reject_tokens: u32,

    /// What happens when a connected client's token expires
    #[arg(long, value_enum, value_name = "POLICY", default_value_t = ExpireLive::Ignore)]
    pub expire_live: ExpireLive,

    /// Whether a new token revokes the older ones
    #[arg(long, value_enum, value_name = "POLICY", default_value_t = TokenPolicy::Multi)]
    pub token_policy: TokenPolicy,

    /// Drop each connection after it has carried N events
    #[arg(long, value_name = "N")]
    pub drop_after: Option<u64>,

    /// How --drop-after ends a connection: a close frame, or a bare TCP close
    #[arg(long, value_enum, value_name = "HOW", default_value_t = DropMode::Close)]
    pub drop_mode: DropMode,

    /// Close code sent by --drop-after in close mode
    #[arg(long, value_name = "CODE", default_value_t = 1001)]
    pub drop_code: u16,

    /// Drop at most this many connections (default: every one)
    #[arg(long, value_name = "N")]
    pub max_drops: Option<u32>,

    /// Stop answering (no acks, no events) after N events on a connection, socket left open;
    /// 0 means silent from the start
    #[arg(long, value_name = "N")]
    pub silent_after: Option<u64>,

    /// Shift the `Date` header of token responses by this much, as a server whose clock
    /// differs from the client's (e.g. 5m, or -5m for a server behind)
    #[arg(long, value_name = "DURATION", default_value = "0s", allow_hyphen_values = true,
          value_parser = parse_skew)]
    pub clock_skew: Skew,

    /// What happens when a second client connects to the same subscription
    #[arg(long, value_enum, value_name = "POLICY", default_value_t = SecondConnection::KickOld)]
    pub second_connection: SecondConnection,

    /// Fail the first N token requests with --fail-status
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub fail_token: u32,

    /// HTTP status for --fail-token (500 and 429 are typical)
    #[arg(long, value_name = "STATUS", default_value_t = 500)]
    pub fail_status: u16,

    /// `Retry-After` seconds sent with a 429
    #[arg(long, value_name = "SECS", default_value_t = 1)]
    pub retry_after: u64,

    /// Leave the first N token requests unanswered
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub hang_token: u32,

    /// Accept the TCP connection of the first N WebSocket requests but never answer them
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub hang_upgrade: u32,

    /// Refuse WebSocket upgrades with this HTTP status (401, 403, 404, 500, ...)
    #[arg(long, value_name = "STATUS")]
    pub refuse_upgrade: Option<u16>,

    /// How many upgrades --refuse-upgrade refuses
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub refuse_count: u32,

    /// After every N events, send a malformed frame (non-JSON, binary, bad content, unknown
    /// module, deep nesting, in turn)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub malformed_every: Option<u64>,

    /// After N events, send one text frame over 16 MiB (once)
    #[arg(long, value_name = "N")]
    pub oversize_after: Option<u64>,

    /// Resend the last N delivered events to each new connection (a redelivering server)
    #[arg(long, value_name = "N")]
    pub replay_on_reconnect: Option<usize>,

    /// Give each connection a random fault: close codes, resets, silence, token rejection,
    /// with a healthy connection now and then
    #[arg(long)]
    pub chaos: bool,

    /// Seed for --chaos, to replay a run
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,

    /// How long a healthy --chaos connection lasts
    #[arg(long, value_name = "DURATION", default_value = "2s",
          value_parser = crate::cli::bounded_duration)]
    pub chaos_healthy: Duration,

    /// Close sockets that send no heartbeat for this long
    #[arg(long, value_name = "DURATION", default_value = "90s",
          value_parser = crate::cli::bounded_duration)]
    pub idle_timeout: Duration,

    /// Append every event actually delivered to a client to this file, one JSON line each
    #[arg(long, value_name = "PATH")]
    pub record: Option<PathBuf>,
}

/// `--expire-live` policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExpireLive {
    /// Keep the connection open (what Zoom appears to do)
    Ignore,
    /// Send a token failure and close the socket
    Close,
}

/// `--token-policy` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenPolicy {
    /// Every issued token stays valid until it expires (current Zoom docs)
    Multi,
    /// A new token revokes all older ones (Zoom's behaviour in 2022)
    Single,
}

/// `--drop-mode` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DropMode {
    /// Send a close frame with --drop-code
    Close,
    /// Close the TCP connection without a close frame
    Reset,
}

/// `--second-connection` policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SecondConnection {
    /// Close the older connection (reported behaviour)
    KickOld,
    /// Refuse the newer connection
    RejectNew,
    /// Deliver to both
    Fanout,
}

/// A signed clock offset for --clock-skew.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Skew {
    /// Whether the server's clock is behind the real time.
    pub behind: bool,
    pub amount: Duration,
}

impl Skew {
    /// The time now, as the skewed server sees it.
    pub fn now(self) -> std::time::SystemTime {
        let now = std::time::SystemTime::now();
        let shifted = if self.behind {
            now.checked_sub(self.amount)
        } else {
            now.checked_add(self.amount)
        };
        shifted.unwrap_or(now)
    }
}

fn parse_skew(text: &str) -> Result<Skew, String> {
    let (behind, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let amount = crate::cli::bounded_duration(rest)?;
    Ok(Skew { behind, amount })
}

fn parse_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if rate > 0.0 && rate <= 10_000.0 => Ok(rate),
        _ => Err(
            "must be a number of events per second above 0 and at most 10000 (decimals \
                  allowed: 0.1 is one event every ten seconds)"
                .into(),
        ),
    }
}

/// A file named on the command line that cannot be used is bad usage (exit 2), as it is for
/// the client's `--env-file` and `--ca-cert`.
fn bad_input(err: anyhow::Error) -> anyhow::Error {
    crate::config::ConfigError(format!("{err:#}")).into()
}

/// State shared by the endpoints.
struct State {
    scenario: Scenario,
    /// Issued tokens and when each expires.
    tokens: Mutex<HashMap<String, tokio::time::Instant>>,
    /// Token requests answered so far, for --fail-token and --hang-token.
    token_requests: AtomicU32,
    /// Bumped whenever tokens are revoked, so live connections re-check theirs.
    revocations: tokio::sync::watch::Sender<u64>,
    /// WebSocket requests so far, for --hang-upgrade and --refuse-upgrade.
    upgrades: AtomicU32,
    /// Events on their way to every connected client.
    events: broadcast::Sender<Arc<str>>,
    /// The live connection per subscription, with the handle that closes it.
    connections: Mutex<HashMap<String, (u64, CancellationToken)>>,
    /// Connection numbers, for logs.
    next_connection: AtomicU64,
    /// Connections refused by --reject-tokens so far.
    rejections: AtomicU32,
    /// Connections dropped by --drop-after so far.
    drops: AtomicU32,
    /// Woken when a client subscribes, so file playback starts when someone listens.
    client_arrived: tokio::sync::Notify,
    recorder: Option<Mutex<std::fs::File>>,
    /// The last delivered events, for --replay-on-reconnect.
    history: Mutex<std::collections::VecDeque<Arc<str>>>,
    /// Whether the --oversize-after frame was sent.
    oversized: std::sync::atomic::AtomicBool,
    /// Chooses --chaos faults.
    chaos: Mutex<chaos::Chaos>,
}

/// A running emulator.
pub struct Mock {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The scenario it runs.
    pub scenario: Scenario,
    /// Whether it serves https and wss.
    secure: bool,
}

impl Mock {
    /// Binds to `127.0.0.1:port` and serves plain http and ws in the background until the
    /// runtime ends.
    pub async fn start(port: u16, scenario: Scenario) -> anyhow::Result<Self> {
        Self::start_with_tls(port, scenario, None).await
    }

    /// Like [`start`](Self::start), serving https and wss when `tls` (certificate chain and
    /// key files) is given.
    pub async fn start_with_tls(
        port: u16,
        scenario: Scenario,
        tls: Option<(&Path, &Path)>,
    ) -> anyhow::Result<Self> {
        let tls_config = match tls {
            Some((cert, key)) => Some(tls::server_config(cert, key).map_err(bad_input)?),
            None => None,
        };
        let events = events::Source::open(&scenario).map_err(bad_input)?;
        let recorder = match &scenario.record {
            Some(path) => Some(Mutex::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .with_context(|| format!("could not open {} for --record", path.display()))?,
            )),
            None => None,
        };

        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .with_context(|| {
                format!("could not listen on 127.0.0.1:{port}; pick another --port")
            })?;
        let addr = listener.local_addr()?;

        let state = Arc::new(State {
            scenario: scenario.clone(),
            tokens: Mutex::default(),
            token_requests: AtomicU32::new(0),
            revocations: tokio::sync::watch::channel(0).0,
            upgrades: AtomicU32::new(0),
            events: broadcast::channel(1024).0,
            connections: Mutex::default(),
            next_connection: AtomicU64::new(1),
            rejections: AtomicU32::new(0),
            drops: AtomicU32::new(0),
            client_arrived: tokio::sync::Notify::new(),
            recorder,
            history: Mutex::default(),
            oversized: std::sync::atomic::AtomicBool::new(false),
            chaos: Mutex::new(chaos::Chaos::new(scenario.seed)),
        });

        let app = Router::new()
            .route("/oauth/token", post(oauth::token))
            .route("/ws", any(ws::upgrade))
            .with_state(state.clone());
        let secure = tls_config.is_some();
        match tls_config {
            Some(config) => {
                let listener = tls::TlsListener::new(listener, config)?;
                tokio::spawn(async move { axum::serve(listener, app).await });
            }
            None => {
                tokio::spawn(async move { axum::serve(listener, app).await });
            }
        }
        tokio::spawn(events::produce(state, events));

        info!("listening on {addr}{}", if secure { " (TLS)" } else { "" });
        Ok(Self {
            addr,
            scenario,
            secure,
        })
    }

    /// The `ZOOM_*` settings that point zoomws at this emulator, one `KEY=value` per line.
    pub fn env_lines(&self) -> String {
        let s = &self.scenario;
        let (oauth_url, ws_url) = (self.oauth_url(), self.ws_url());
        [
            ("ZOOM_ACCOUNT_ID", &s.account_id),
            ("ZOOM_CLIENT_ID", &s.client_id),
            ("ZOOM_CLIENT_SECRET", &s.client_secret),
            ("ZOOM_SUBSCRIPTION_ID", &s.subscription_id),
            ("ZOOM_OAUTH_URL", &oauth_url),
            ("ZOOM_WS_URL", &ws_url),
        ]
        .iter()
        .map(|(key, value)| format!("{key}={value}\n"))
        .collect()
    }

    /// The token endpoint.
    pub fn oauth_url(&self) -> String {
        let scheme = if self.secure { "https" } else { "http" };
        format!("{scheme}://{}/oauth/token", self.authority())
    }

    /// The WebSocket endpoint.
    pub fn ws_url(&self) -> String {
        let scheme = if self.secure { "wss" } else { "ws" };
        format!("{scheme}://{}/ws", self.authority())
    }

    /// Host and port for URLs. Over TLS the host is `localhost`, the name certificates for a
    /// local server carry, rather than the address.
    fn authority(&self) -> String {
        if self.secure {
            format!("localhost:{}", self.addr.port())
        } else {
            self.addr.to_string()
        }
    }
}

/// `zoomws mock`: serves until Ctrl-C or SIGTERM, after printing the settings that reach it.
pub async fn serve_until_stopped(args: &MockArgs) -> anyhow::Result<crate::exit::Outcome> {
    use std::io::Write;

    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some((cert.as_path(), key.as_path())),
        _ => None,
    };
    let mock = Mock::start_with_tls(args.port, args.scenario.clone(), tls).await?;
    // Listening before the settings are printed: whoever reads them may signal at once.
    let signals = Signals::listen();
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "# zoomws mock on {}: put these lines in .env, or export them",
        mock.addr
    )?;
    write!(stdout, "{}", mock.env_lines())?;
    stdout.flush()?;
    drop(stdout);

    signals.wait_for_stop().await;
    info!("stopping");
    Ok(crate::exit::Outcome::Interrupted)
}

/// The signals the emulator answers: Ctrl-C and SIGTERM stop it; SIGUSR1, which a
/// `pkill -USR1 zoomws` meant for a tail may deliver here too, is acknowledged instead of
/// ending it.
struct Signals {
    #[cfg(unix)]
    listeners: Option<[tokio::signal::unix::Signal; 3]>,
}

impl Signals {
    /// Starts listening at once, so that no signal sent from now on is missed.
    #[cfg(unix)]
    fn listen() -> Self {
        use tokio::signal::unix::{SignalKind, signal};
        let listeners = [
            SignalKind::interrupt(),
            SignalKind::terminate(),
            SignalKind::user_defined1(),
        ]
        .map(signal);
        let listeners = match listeners {
            [Ok(int), Ok(term), Ok(usr1)] => Some([int, term, usr1]),
            _ => None,
        };
        Self { listeners }
    }

    #[cfg(not(unix))]
    fn listen() -> Self {
        Self {}
    }

    #[cfg(unix)]
    async fn wait_for_stop(self) {
        let Some([mut int, mut term, mut usr1]) = self.listeners else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        loop {
            tokio::select! {
                _ = int.recv() => return,
                _ = term.recv() => return,
                _ = usr1.recv() => info!("still running (SIGUSR1 reports only in `zoomws tail`)"),
            }
        }
    }

    #[cfg(not(unix))]
    async fn wait_for_stop(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
