//! `zoomws doctor`: walks the path from settings to a live subscription one step at a time,
//! and says for the first step that fails what went wrong and what to change.
//!
//! The steps reuse the client's own code: [`config`](crate::config) for the settings,
//! [`auth`](crate::auth) for the token request and [`session`](crate::session) for the
//! WebSocket, so a pass here means `zoomws tail` gets as far.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::time::{Duration, SystemTime};

use colored::Colorize;
use futures_util::StreamExt;
use serde::Serialize;
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout};
use tokio_tungstenite::tungstenite::Message;
use url::{Host, Url};

use crate::auth::{self, Attempt, AuthError, Grant, TokenClient};
use crate::config::{ConfigError, Connection, Found, Setting, Source};
use crate::exit;
use crate::human;
use crate::net::Network;
use crate::protocol::{self, Incoming};
use crate::secret::Secret;
use crate::session::{self, Socket};

/// How a step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// Not run, because an earlier step it depends on failed.
    Skip,
}

/// One line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// A stable identifier, e.g. `token_endpoint`.
    pub name: &'static str,
    /// What the step checks, in words.
    pub title: &'static str,
    pub status: Status,
    /// Whether the step passed.
    pub ok: bool,
    /// How long the step took.
    pub millis: u64,
    /// What was found: values on success, the cause on failure.
    pub detail: String,
    /// What to change, for a failed step; `null` in JSON otherwise.
    pub fix: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Whether every step passed.
    pub ok: bool,
    /// The exit code `zoomws doctor` ends with.
    pub exit_code: u8,
    pub steps: Vec<Step>,
}

/// How patient the network steps are.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Each of: resolving, TCP connect, HTTP request, WebSocket handshake, `build_connection`.
    pub connect: Duration,
    /// The wait for a heartbeat acknowledgement.
    pub heartbeat: Duration,
    /// The largest clock difference that passes.
    pub clock_skew: Duration,
}

/// What a step yields: a value for the next steps and the detail to show, or a failure.
type Checked<T> = Result<(T, String), Failure>;

/// A failed step: what happened and what to change.
#[derive(Debug)]
struct Failure {
    cause: String,
    fix: String,
}

impl Failure {
    fn new(cause: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            cause: cause.into(),
            fix: fix.into(),
        }
    }
}

/// How long to wait for the server to answer the closing of the WebSocket.
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// The steps, in order: `(name, title)`.
const STEPS: [(&str, &str); 6] = [
    ("configuration", "configuration"),
    ("token_endpoint", "token endpoint reachable"),
    ("token", "token granted"),
    ("websocket", "WebSocket subscription"),
    ("heartbeat", "heartbeat round trip"),
    ("clock", "clock agrees with Zoom"),
];

/// Runs the checks. `found` is the result of looking the settings up.
pub async fn run(found: Result<Found, ConfigError>, limits: Limits, network: Network) -> Report {
    let mut doctor = Doctor {
        limits,
        network,
        steps: Vec::new(),
        exit_code: 0,
        server_date: None,
        rejected: false,
    };
    doctor.run(found).await;

    Report {
        ok: doctor.exit_code == 0,
        exit_code: doctor.exit_code,
        steps: doctor.steps,
    }
}

struct Doctor {
    limits: Limits,
    /// Proxy and TLS trust, as `tail` would use them.
    network: Network,
    steps: Vec<Step>,
    exit_code: u8,
    /// The server's `Date` and the local time the answer arrived.
    server_date: Option<(SystemTime, SystemTime)>,
    /// Whether the token endpoint refused the credentials (exit code 3).
    rejected: bool,
}

impl Doctor {
    async fn run(&mut self, found: Result<Found, ConfigError>) {
        let started = Instant::now();
        let conn = configuration(found);
        let Some(conn) = self.record(started, conn, exit::USAGE) else {
            return self.skip_rest();
        };
        let http = match TokenClient::new(&self.network, self.limits.connect) {
            Ok(http) => http,
            Err(err) => {
                let failure = Failure::new(format!("{err:#}"), "report this as a bug");
                self.record::<()>(Instant::now(), Err(failure), exit::FAILURE);
                return self.skip_rest();
            }
        };

        let started = Instant::now();
        let reached = self.reach(&http, &conn.oauth_url).await;
        if self.record(started, reached, exit::FAILURE).is_none() {
            return self.skip_rest();
        }

        let started = Instant::now();
        let granted = self.grant(&http, &conn).await;
        let Some(token) = self.record(started, granted, self.grant_exit_code()) else {
            return self.skip_rest();
        };

        let started = Instant::now();
        let subscribed = subscribe(&conn, &token, self.limits.connect, &self.network).await;
        // A refused token is an authentication failure, as it is for `tail`.
        let code = match &subscribed {
            Err(failure) if speaks_of_a_token(&failure.cause) => exit::AUTH,
            _ => exit::FAILURE,
        };
        let Some(mut socket) = self.record(started, subscribed, code) else {
            return self.skip_rest();
        };

        let started = Instant::now();
        let acked = heartbeat(&mut socket, self.limits.heartbeat).await;
        self.record(started, acked, exit::FAILURE);
        let _ = timeout(CLOSE_GRACE, socket.close(None)).await;

        self.clock();
    }

    /// Appends a finished step and returns its value, or records the failure and its exit code.
    fn record<T>(&mut self, started: Instant, result: Checked<T>, exit_code: u8) -> Option<T> {
        let millis = millis(started.elapsed());
        let (name, title) = STEPS[self.steps.len()];
        let (status, detail, fix, value) = match result {
            Ok((value, detail)) => (Status::Pass, detail, None, Some(value)),
            Err(failure) => {
                if self.exit_code == 0 {
                    self.exit_code = exit_code;
                }
                (Status::Fail, failure.cause, Some(failure.fix), None)
            }
        };
        self.steps.push(Step {
            name,
            title,
            status,
            ok: status == Status::Pass,
            millis,
            detail,
            fix,
        });
        value
    }

    /// Marks the remaining steps skipped; the clock step still runs if a `Date` arrived.
    fn skip_rest(&mut self) {
        let failed = self
            .steps
            .iter()
            .rev()
            .find(|s| s.status == Status::Fail)
            .map_or("an earlier step", |s| s.title);
        let reason = format!("skipped: {failed} failed");
        while self.steps.len() < STEPS.len() - 1 {
            self.skip(&reason);
        }
        if self.server_date.is_some() {
            self.clock();
        } else {
            self.skip(&reason);
        }
    }

    fn skip(&mut self, reason: &str) {
        let (name, title) = STEPS[self.steps.len()];
        self.steps.push(Step {
            name,
            title,
            status: Status::Skip,
            ok: false,
            millis: 0,
            detail: reason.to_owned(),
            fix: None,
        });
    }

    /// Step 2: resolve the host (the proxy's, if one is used), connect TCP, then make one
    /// HTTP(S) request.
    async fn reach(&mut self, http: &TokenClient, url: &Setting<Url>) -> Checked<()> {
        let url = &url.value;
        let proxy = self.network.proxy.route(url);
        let first_hop = proxy.map_or_else(|| url.clone(), |proxy| proxy.expose().clone());
        let (host, port) = host_and_port(&first_hop);
        let limit = self.limits.connect;
        let via = proxy.map_or_else(String::new, |proxy| format!("the proxy {proxy}: "));
        let fix = match proxy {
            Some(_) => {
                "check the proxy host in --proxy (ZOOMWS_PROXY, HTTPS_PROXY) and this \
                        machine's DNS settings (/etc/resolv.conf)"
            }
            None => {
                "check the host name in --oauth-url (ZOOM_OAUTH_URL) and this machine's DNS \
                     settings (/etc/resolv.conf)"
            }
        };

        let started = Instant::now();
        let addrs = resolve(&first_hop, &host, port, limit, fix).await?;
        let resolved = format!(
            "{via}{host} resolved ({}) in {}",
            plural(addrs.len(), "address", "addresses"),
            elapsed(started)
        );

        let started = Instant::now();
        let addr = connect_tcp(&addrs, &host, port, limit, proxy.is_some()).await?;
        let connected = format!("TCP to {addr} in {}", elapsed(started));

        let started = Instant::now();
        let layer = if url.scheme() == "https" {
            "HTTPS"
        } else {
            "HTTP"
        };
        let response = match http.http().get(url.clone()).send().await {
            Ok(response) => response,
            Err(err) => {
                let why = http.explain(&err, url).await;
                let first_hop = proxy.map(|_| (host.as_str(), port));
                return Err(request_failure(&err, &why, url, layer, first_hop));
            }
        };
        self.note_date(auth::server_date(response.headers()));
        let answered = format!(
            "{layer} answered {} in {}",
            response.status().as_u16(),
            elapsed(started)
        );

        Ok(((), format!("{resolved}; {connected}; {answered}")))
    }

    /// Step 3: one token request.
    async fn grant(&mut self, http: &TokenClient, conn: &Connection) -> Checked<Secret> {
        match http.request_grant(&conn.credentials()).await {
            Ok(grant) => {
                self.note_date(grant.server_date);
                Ok((grant.token.value.clone(), describe_grant(&grant)))
            }
            Err(Attempt::Fatal(AuthError::Credentials {
                status,
                detail,
                hint,
            })) => {
                self.rejected = true;
                Err(Failure::new(
                    format!("Zoom refused the credentials (HTTP {status}{detail})"),
                    hint,
                ))
            }
            Err(Attempt::Fatal(other)) => Err(Failure::new(
                other.to_string(),
                "check the credentials of the Server-to-Server OAuth app",
            )),
            Err(Attempt::NotTokenEndpoint(why)) => {
                Err(Failure::new(why, auth::NOT_TOKEN_ENDPOINT_FIX))
            }
            Err(Attempt::Retry(why, _)) => Err(Failure::new(
                format!("the token request failed: {why}"),
                "the token endpoint is having trouble; try again in a minute, and check \
                 --oauth-url if it persists",
            )),
        }
    }

    fn grant_exit_code(&self) -> u8 {
        if self.rejected {
            exit::AUTH
        } else {
            exit::FAILURE
        }
    }

    /// Remembers a `Date` header with the local time it arrived; the token response's replaces
    /// the one from the reachability check.
    fn note_date(&mut self, date: Option<SystemTime>) {
        if let Some(date) = date {
            self.server_date = Some((date, SystemTime::now()));
        }
    }

    /// Step 6: the local clock against the server's `Date` header.
    fn clock(&mut self) {
        let started = Instant::now();
        let Some((server, local)) = self.server_date else {
            return self.skip("skipped: the token endpoint sent no Date header to compare with");
        };
        let result = check_clock(server, local, self.limits.clock_skew);
        self.record(started, result, exit::FAILURE);
    }
}

/// Step 1: resolve the settings exactly as `tail` does, and list where each came from.
fn configuration(found: Result<Found, ConfigError>) -> Checked<Connection> {
    let checked = found.and_then(|found| Ok((Connection::check(&found)?, found)));
    let (conn, found) = checked.map_err(|err| {
        let text = err.0;
        match text.split_once("; ") {
            Some((cause, fix)) => Failure::new(cause, fix),
            None => Failure::new(
                text.clone(),
                "set it as the message says; `zoomws config show` lists every setting",
            ),
        }
    })?;

    let detail = describe_settings(&conn, &found);
    Ok((conn, detail))
}

/// The settings in use and their sources; the secret by source only.
fn describe_settings(conn: &Connection, found: &Found) -> String {
    let mut text = String::new();
    let shown = |value: &str, source: &Source| format!("{value} ({source}), ");
    text += &format!(
        "account_id={}",
        shown(&conn.account_id.value, &conn.account_id.source)
    );
    text += &format!(
        "client_id={}",
        shown(&conn.client_id.value, &conn.client_id.source)
    );
    let _ = write!(text, "client_secret from {}, ", conn.client_secret.source);
    text += &format!(
        "subscription_id={}",
        shown(&conn.subscription_id.value, &conn.subscription_id.source)
    );
    let oauth = crate::secret::redact_url(&conn.oauth_url.value);
    text += &format!("oauth_url={}", shown(&oauth, &conn.oauth_url.source));
    let ws = crate::secret::redact_url(&conn.ws_url.value);
    text += &format!("ws_url={}", shown(&ws, &conn.ws_url.source));
    match &found.profile {
        Some(profile) => {
            let _ = write!(text, "profile {} ({})", profile.value, profile.source);
        }
        None => text += "no profile",
    }
    if found.gov.value {
        let _ = write!(text, ", Zoom for Government ({})", found.gov.source);
    }
    text
}

/// The host as written and the port, known default included.
fn host_and_port(url: &Url) -> (String, u16) {
    let host = url.host_str().unwrap_or_default().to_owned();
    (host, url.port_or_known_default().unwrap_or(443))
}

/// The addresses of the URL's host; IP literals need no lookup.
async fn resolve(
    url: &Url,
    host: &str,
    port: u16,
    limit: Duration,
    fix: &str,
) -> Result<Vec<SocketAddr>, Failure> {
    let name = match url.host() {
        Some(Host::Ipv4(ip)) => return Ok(vec![SocketAddr::from((ip, port))]),
        Some(Host::Ipv6(ip)) => return Ok(vec![SocketAddr::from((ip, port))]),
        Some(Host::Domain(name)) => name,
        None => return Err(Failure::new("the token URL has no host", fix)),
    };

    match timeout(limit, tokio::net::lookup_host((name, port))).await {
        Ok(Ok(addrs)) => {
            let addrs: Vec<SocketAddr> = addrs.collect();
            if addrs.is_empty() {
                return Err(Failure::new(format!("{host} resolved to no address"), fix));
            }
            Ok(addrs)
        }
        Ok(Err(err)) => Err(Failure::new(
            format!("could not resolve {host}: {err}"),
            fix,
        )),
        Err(_) => Err(Failure::new(
            format!(
                "resolving {host} took longer than {}",
                human::duration(limit)
            ),
            fix,
        )),
    }
}

/// The first address that accepts a TCP connection; `proxy` when it is the proxy's.
async fn connect_tcp(
    addrs: &[SocketAddr],
    host: &str,
    port: u16,
    limit: Duration,
    proxy: bool,
) -> Result<SocketAddr, Failure> {
    let mut errors = Vec::new();
    for addr in addrs {
        match timeout(limit, TcpStream::connect(addr)).await {
            Ok(Ok(_stream)) => return Ok(*addr),
            Ok(Err(err)) => errors.push(format!("{addr}: {err}")),
            Err(_) => errors.push(format!(
                "{addr}: no answer within {}",
                human::duration(limit)
            )),
        }
    }
    let errors = errors.join("; ");
    if proxy {
        return Err(Failure::new(
            format!("the proxy {host} resolved, but TCP to its port {port} failed ({errors})"),
            format!(
                "check that a proxy listens on {host}:{port}: fix --proxy (ZOOMWS_PROXY, \
                 HTTPS_PROXY, ALL_PROXY), or list the token host in --no-proxy (NO_PROXY) to \
                 reach it directly"
            ),
        ));
    }
    Err(Failure::new(
        format!("{host} resolved, but TCP to port {port} failed ({errors})"),
        format!(
            "check that {host}:{port} is the right endpoint and is reachable from here (a \
             firewall or a required proxy); for the emulator, check that `zoomws mock` runs \
             on that port"
        ),
    ))
}

/// A failed HTTP(S) request after TCP worked, naming TLS when the handshake was the problem.
/// `proxy` is the proxy's host and port when the request went through one.
fn request_failure(
    err: &reqwest::Error,
    why: &str,
    url: &Url,
    layer: &str,
    proxy: Option<(&str, u16)>,
) -> Failure {
    let (host, port) = host_and_port(url);
    if let Some((proxy_host, proxy_port)) = proxy {
        return Failure::new(
            format!(
                "the proxy {proxy_host}:{proxy_port} accepts TCP, but the {layer} request to \
                 {host}:{port} through it failed: {why}"
            ),
            "check the proxy: that it allows CONNECT to this host and port, and the user and \
             password in its URL; or list the host in --no-proxy (NO_PROXY) to reach it \
             directly",
        );
    }
    if is_tls_error(err) {
        return Failure::new(
            format!("{host}:{port} accepts TCP, but the TLS handshake failed: {why}"),
            "check that the URL is https:// to a TLS port, and, if a proxy inspects TLS here, \
             pass its CA certificate with --ca-cert",
        );
    }
    Failure::new(
        format!("{host}:{port} accepts TCP, but the {layer} request failed: {why}"),
        "check what sits between here and the host: a proxy, or a firewall that only lets \
         some traffic through",
    )
}

/// Whether a rustls error is anywhere in the chain. I/O errors wrap it, sometimes twice, and
/// their `source` skips the wrapped error, so they are opened with `get_ref` instead.
fn is_tls_error(err: &(dyn std::error::Error + 'static)) -> bool {
    if err.is::<rustls::Error>() {
        return true;
    }
    let next = match err.downcast_ref::<std::io::Error>() {
        Some(io) => io
            .get_ref()
            .map(|inner| inner as &(dyn std::error::Error + 'static)),
        None => err.source(),
    };
    next.is_some_and(is_tls_error)
}

/// Scopes and lifetime of a granted token; never the token.
fn describe_grant(grant: &Grant) -> String {
    let scopes = if grant.scopes.is_empty() {
        "no scopes listed".to_owned()
    } else {
        format!("scopes: {}", grant.scopes.join(" "))
    };
    format!(
        "{scopes}; valid for {}",
        human::duration(grant.token.lifetime)
    )
}

/// Step 4: open the WebSocket and wait for `build_connection`.
async fn subscribe(
    conn: &Connection,
    token: &Secret,
    limit: Duration,
    network: &Network,
) -> Checked<Socket> {
    let sub = &conn.subscription_id.value;
    let url = session::connect_url(&conn.ws_url.value, sub, token.expose());
    let mut socket = session::open(&url, limit, network).await.map_err(|why| {
        Failure::new(
            format!("could not open the WebSocket: {why}"),
            ws_url_fix(&conn.ws_url.source),
        )
    })?;

    let wait = async {
        loop {
            match next_incoming(&mut socket).await? {
                Incoming::Connected => return Ok(()),
                Incoming::Rejected(text) => {
                    return Err(format!(
                        "the server refused the subscription: {:?}",
                        human::sanitize(&text)
                    ));
                }
                _ => continue,
            }
        }
    };
    let fix = format!(
        "check the subscription ID {sub:?} (from {}): it must be a WebSocket subscription of \
         this app, and the app must be activated",
        conn.subscription_id.source
    );
    match timeout(limit, wait).await {
        Ok(Err(why)) if speaks_of_a_token(&why) => Err(Failure::new(
            why,
            "Zoom refused the token it had just issued: another process using this app's \
             credentials may have asked for a newer one, which revokes older ones; stop it, or \
             give it its own app",
        )),
        Ok(Ok(())) => Ok((socket, format!("subscription {sub} established"))),
        Ok(Err(why)) => Err(Failure::new(why, fix)),
        Err(_) => Err(Failure::new(
            format!(
                "no build_connection answer within {}",
                human::duration(limit)
            ),
            fix,
        )),
    }
}

/// Whether a refusal of the subscription is about the token ("Invalid Token", "Token is
/// invalid", "token is empty") rather than the subscription: that is exit code 3.
fn speaks_of_a_token(refusal: &str) -> bool {
    refusal.to_lowercase().contains("token")
}

/// What to do about a WebSocket endpoint that cannot be opened.
fn ws_url_fix(source: &Source) -> &'static str {
    if *source == Source::GovDefault {
        return "the Zoom for Government WebSocket host is inferred, not documented by Zoom: copy \
                the endpoint URL from the subscription page into --ws-url (ZOOM_WS_URL)";
    }
    "check --ws-url (ZOOM_WS_URL): use the endpoint URL shown on the subscription page"
}

/// The next frame the client understands; the error says why the connection ended.
async fn next_incoming(socket: &mut Socket) -> Result<Incoming, String> {
    loop {
        let message = match socket.next().await {
            None => return Err("the server closed the connection".into()),
            Some(Err(err)) => return Err(session::describe_ws_error(&err)),
            Some(Ok(message)) => message,
        };
        match message {
            Message::Text(text) => {
                if let Ok(incoming) = protocol::decode(text.as_str()) {
                    return Ok(incoming);
                }
            }
            Message::Close(_) => return Err("the server closed the connection".into()),
            _ => {}
        }
    }
}

/// Step 5: one heartbeat and its acknowledgement, skipping events that arrive meanwhile.
async fn heartbeat(socket: &mut Socket, limit: Duration) -> Checked<()> {
    let fix = "the server does not answer heartbeats: something between here and Zoom may hold \
     WebSocket frames back (a proxy), or the service is degraded; try again later";
    let started = Instant::now();
    session::send_heartbeat(socket, limit)
        .await
        .map_err(|why| Failure::new(why, fix))?;

    let wait = async {
        let mut events = 0u64;
        loop {
            match next_incoming(socket).await? {
                Incoming::HeartbeatAck => return Ok(events),
                Incoming::Rejected(text) => {
                    return Err(format!("the server ended the subscription: {text:?}"));
                }
                Incoming::Event(_) => events += 1,
                _ => {}
            }
        }
    };
    match timeout(limit, wait).await {
        Ok(Ok(events)) => {
            let mut detail = format!("acknowledged in {}", elapsed(started));
            if events > 0 {
                let _ = write!(
                    detail,
                    " ({} arrived meanwhile)",
                    plural(events as usize, "event", "events")
                );
            }
            Ok(((), detail))
        }
        Ok(Err(why)) => Err(Failure::new(why, fix)),
        Err(_) => Err(Failure::new(
            format!("no answer to a heartbeat within {}", human::duration(limit)),
            fix,
        )),
    }
}

/// Half the resolution of an HTTP `Date` header.
const HALF_SECOND: Duration = Duration::from_millis(500);

/// Compares the clocks. `Date` has whole seconds, so up to a second of difference is noise.
fn check_clock(server: SystemTime, local: SystemTime, max: Duration) -> Checked<()> {
    // The header drops the fraction of the second, so the middle of that second is the best
    // guess of the server's time.
    let server = server + HALF_SECOND;
    let (ahead, skew) = match local.duration_since(server) {
        Ok(ahead) => (true, ahead),
        Err(behind) => (false, behind.duration()),
    };
    if skew < HALF_SECOND {
        let detail = "the local clock agrees with the server's Date header, to the second it \
                      gives";
        return Ok(((), format!("{detail} (limit {})", human::duration(max))));
    }
    let skew = Duration::from_secs((skew + HALF_SECOND).as_secs());
    let direction = if ahead { "ahead of" } else { "behind" };
    let detail = format!(
        "the local clock is {} {direction} the server's Date header",
        human::duration(skew)
    );
    if skew <= max {
        return Ok(((), format!("{detail} (limit {})", human::duration(max))));
    }
    Err(Failure::new(
        format!("{detail}, more than {}", human::duration(max)),
        "set the clock right: enable time synchronisation (e.g. `timedatectl set-ntp true`), \
         then check `date -u`",
    ))
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn elapsed(started: Instant) -> String {
    format!("{} ms", millis(started.elapsed()))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Report {
    /// The report for people: one line per step, then the fix for a failed one, then a summary.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for step in &self.steps {
            let mark = match step.status {
                Status::Pass => "✓".green().bold(),
                Status::Fail => "✗".red().bold(),
                Status::Skip => "-".dimmed(),
            };
            let time = match step.status {
                Status::Skip => String::new(),
                _ => format!("{} ms", step.millis),
            };
            let _ = writeln!(
                out,
                "{mark} {:<26} {time:>8}  {}",
                step.title,
                human::sanitize(&step.detail)
            );
            if let Some(fix) = &step.fix {
                let _ = writeln!(out, "  {:<26} {:>8}  fix: {}", "", "", human::sanitize(fix));
            }
        }
        out += &self.summary();
        out.push('\n');
        out
    }

    fn summary(&self) -> String {
        let count = |status| self.steps.iter().filter(|s| s.status == status).count();
        let (passed, failed, skipped) = (
            count(Status::Pass),
            count(Status::Fail),
            count(Status::Skip),
        );
        if failed == 0 && skipped == 0 {
            return format!("all {passed} checks passed");
        }
        if passed == 1 {
            return format!("1 check passed, {failed} failed, {skipped} skipped");
        }
        format!("{passed} checks passed, {failed} failed, {skipped} skipped")
    }

    /// The report as one JSON object.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|err| format!("{{\"error\":\"{err}\"}}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inferred_gov_websocket_host_is_called_out() {
        assert!(ws_url_fix(&Source::GovDefault).contains("inferred"));
        assert!(!ws_url_fix(&Source::Flag).contains("inferred"));
    }

    #[test]
    fn clock_skew_within_the_limit_passes_and_beyond_it_fails() {
        let server = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let max = Duration::from_secs(5);

        let near = check_clock(server, server + Duration::from_millis(800), max).unwrap();
        assert!(
            near.1.contains("agrees with the server's Date header"),
            "{}",
            near.1
        );
        let ahead = check_clock(server, server + Duration::from_millis(2_400), max).unwrap();
        assert!(ahead.1.contains("is 2s ahead of"), "{}", ahead.1);

        let behind = check_clock(server, server - Duration::from_millis(299_200), max);
        let failure = behind.err().unwrap();
        assert!(failure.cause.contains("5m 00s behind"), "{}", failure.cause);
        assert!(failure.fix.contains("ntp"), "{}", failure.fix);
    }

    #[test]
    fn skipped_steps_name_the_failure_and_the_exit_code_is_the_first_failure() {
        let mut doctor = Doctor {
            limits: Limits {
                connect: Duration::from_secs(1),
                heartbeat: Duration::from_secs(1),
                clock_skew: Duration::from_secs(5),
            },
            network: Network::direct().unwrap(),
            steps: Vec::new(),
            exit_code: 0,
            server_date: None,
            rejected: false,
        };
        doctor.record(Instant::now(), Ok(((), "fine".into())), exit::FAILURE);
        let failed: Checked<()> = Err(Failure::new("no", "yes"));
        doctor.record(Instant::now(), failed, exit::AUTH);
        doctor.skip_rest();

        assert_eq!(doctor.exit_code, exit::AUTH);
        let statuses: Vec<Status> = doctor.steps.iter().map(|s| s.status).collect();
        assert_eq!(statuses[..3], [Status::Pass, Status::Fail, Status::Skip]);
        assert_eq!(doctor.steps.len(), STEPS.len());
        assert_eq!(
            doctor.steps[5].detail,
            "skipped: token endpoint reachable failed"
        );
    }
}
