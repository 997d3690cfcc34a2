//! The subscription session: connect, heartbeat, watch for a dead link, reconnect.
//!
//! One connection at a time. Each attempt takes a token that is not about to expire and builds
//! a fresh URL. A connection ends by a stop request, a token rejection (answered by one fresh
//! token, then an authentication error), or a loss of any kind (answered by backoff).

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashSet, VecDeque};
use std::hash::{Hash, Hasher};
use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::{DateTime, Local, Utc};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;
use tokio::time::{Instant, sleep, sleep_until, timeout};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::protocol::frame::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, trace, warn};
use url::Url;

use crate::auth::{AuthError, TokenSource};
use crate::human;
use crate::net::Network;
use crate::protocol::{self, Event, HEARTBEAT_REQUEST, Incoming};
use crate::retry::{Attempts, Backoff, GaveUp, RetryPolicy};
use crate::secret::redact_url;
use crate::stats::Stats;
use crate::status::Phase;

/// Largest frame or message accepted from the server; bigger ones end the connection.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024 * 1024;

/// How long to wait for the server's answer to our close frame when stopping.
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// Server closes in a row, each soon after connecting, that suggest another consumer.
const TAKEOVER_STREAK: u32 = 3;

/// Events remembered to drop a redelivered copy.
const RECENT_EVENTS: usize = 4096;

/// A client WebSocket, over TLS or (for the emulator) plain TCP.
pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How to reach the subscription and how patient to be.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The WebSocket endpoint; `subscriptionId` and `access_token` are set on it per attempt.
    pub ws_url: Url,
    /// The event subscription to join.
    pub subscription_id: String,
    /// Time between heartbeats; Zoom documents 30 s.
    pub heartbeat_interval: Duration,
    /// Silence after a heartbeat that declares the link dead.
    pub heartbeat_timeout: Duration,
    /// Limit on the TCP, TLS and WebSocket handshakes together.
    pub connect_timeout: Duration,
    /// Delays between attempts and when to give up.
    pub retry: RetryPolicy,
    /// Warn when this many events wait for stdout.
    pub backlog_warn: u64,
    /// Also hand the printer every text frame exactly as received (`--output raw`).
    pub raw_frames: bool,
    /// TLS trust and proxy, shared with the token request.
    pub network: Network,
}

/// What the session hands the printer.
#[derive(Debug)]
pub enum Item {
    /// A new event.
    Event(Received),
    /// A text frame that carried no new event, exactly as received (only with `raw_frames`).
    Frame(String),
}

/// An event and when it reached zoomws.
#[derive(Debug)]
pub struct Received {
    pub event: Event,
    /// When its frame was read.
    pub at: DateTime<Utc>,
    /// The frame it came in, exactly as received (only with `raw_frames`).
    pub frame: Option<String>,
}

impl Received {
    /// How long after `event_ts` the event arrived; `None` without a time, zero when the
    /// clocks disagree the other way.
    pub fn lag(&self) -> Option<Duration> {
        let happened = DateTime::from_timestamp_millis(self.event.timestamp_ms()?)?;
        Some((self.at - happened).to_std().unwrap_or(Duration::ZERO))
    }

    /// How far `event_ts` lies ahead of the time the event arrived, when it does: a sign that
    /// this clock or Zoom's is wrong.
    pub fn from_the_future(&self) -> Option<Duration> {
        let happened = DateTime::from_timestamp_millis(self.event.timestamp_ms()?)?;
        (happened - self.at).to_std().ok()
    }
}

/// How one connection ended.
#[derive(Debug)]
enum End {
    /// A stop was requested and the socket was closed.
    Stopped,
    /// The server refused the token, with its text.
    Rejected(String),
    /// The server closed or reset the connection, or refused it; and why.
    Lost(String),
    /// The server closed the connection with a code that says it is going away or in trouble
    /// (1001, 1011, 1012, 1013): a restart, not another consumer taking over.
    ServerLeaving(String),
    /// The client gave up on a silent or stuck link; and why.
    Dead(String),
}

impl End {
    fn is_stop(&self) -> bool {
        matches!(self, End::Stopped)
    }
}

/// One finished connection: how it ended, when the server was last heard from, and, if the
/// subscription was established, how long it was useful: until it was last heard from.
struct Finished {
    end: End,
    lifetime: Option<Duration>,
    /// The last frame from the server, or the start of the connection; a silent link loses
    /// events from here, not from when the silence was noticed.
    last_heard: (Instant, DateTime<Local>),
}

/// Remembers recent events so one redelivered after a reconnect is printed only once.
#[derive(Debug, Default)]
struct Recent {
    order: VecDeque<u64>,
    seen: HashSet<u64>,
}

impl Recent {
    /// Whether the event is new; remembers it.
    fn insert(&mut self, event: &Event) -> bool {
        let mut hasher = DefaultHasher::new();
        event.to_json_line().hash(&mut hasher);
        let key = hasher.finish();

        if !self.seen.insert(key) {
            return false;
        }
        self.order.push_back(key);
        if self.order.len() > RECENT_EVENTS
            && let Some(old) = self.order.pop_front()
        {
            self.seen.remove(&old);
        }
        true
    }
}

/// The state of a running session.
pub struct Session<'a> {
    settings: &'a Settings,
    tokens: &'a mut TokenSource,
    events: UnboundedSender<Item>,
    stop: CancellationToken,
    stats: &'a Stats,
    phase: watch::Sender<Phase>,
    /// When the heartbeat now awaiting its acknowledgement was sent.
    heartbeat_sent: Option<Instant>,
    /// Rejections since the last accepted token.
    rejections: u32,
    /// When the last established connection was lost, if it has not been replaced yet.
    lost_at: Option<(Instant, DateTime<Local>)>,
    /// Whether any connection has been established yet.
    ever_connected: bool,
    recent: Recent,
    /// Whether a reconnect may be replaying events already received: true from a reconnect
    /// until the first new event, since a redelivering server would send the old ones first.
    /// Outside that window an identical event is a genuine repeat from Zoom and is printed.
    replaying: bool,
    /// Whether the backlog warning is showing; re-armed when the backlog halves.
    backlog_warned: bool,
}

impl<'a> Session<'a> {
    pub fn new(
        settings: &'a Settings,
        tokens: &'a mut TokenSource,
        events: UnboundedSender<Item>,
        stop: CancellationToken,
        stats: &'a Stats,
    ) -> Self {
        Self {
            settings,
            tokens,
            events,
            stop,
            stats,
            phase: watch::channel(Phase::Connecting).0,
            heartbeat_sent: None,
            rejections: 0,
            lost_at: None,
            ever_connected: false,
            recent: Recent::default(),
            replaying: false,
            backlog_warned: false,
        }
    }

    /// Reports each change of phase (connecting, connected, waiting) to `phase`.
    pub fn reporting(mut self, phase: watch::Sender<Phase>) -> Self {
        self.phase = phase;
        self
    }

    /// Runs until a stop is requested, the credentials are refused for good, or `--max-retries`
    /// attempts fail in a row.
    pub async fn run(mut self) -> anyhow::Result<()> {
        let result = self.connect_until_stopped().await;

        // A gap still open at the end counts toward the time spent without a connection.
        if let Some((lost, _)) = self.lost_at.take() {
            self.count_gap(lost.elapsed());
        }
        result
    }

    async fn connect_until_stopped(&mut self) -> anyhow::Result<()> {
        let mut reconnect = Reconnect::new(self.settings);

        loop {
            self.phase.send_replace(Phase::Connecting);
            let token = tokio::select! {
                token = self.tokens.token() => token?,
                () = self.stop.cancelled() => return Ok(()),
            };

            let url = connect_url(
                &self.settings.ws_url,
                &self.settings.subscription_id,
                token.value.expose(),
            );
            info!("connecting to {}", redact_url(&url));
            let finished = match self.connect(&url).await {
                Ok(socket) => self.serve(socket).await,
                Err(why) => Finished {
                    end: End::Lost(why),
                    lifetime: None,
                    last_heard: (Instant::now(), Local::now()),
                },
            };
            if finished.lifetime.is_some() && !finished.end.is_stop() {
                self.lost_at = Some(finished.last_heard);
            }

            let delay = match finished.end {
                End::Stopped => return Ok(()),
                End::Rejected(text) => {
                    self.on_rejected(text)?;
                    reconnect.after_rejection(finished.lifetime)
                }
                End::Lost(why) => reconnect.after(&why, finished.lifetime, true)?,
                End::ServerLeaving(why) => reconnect.after(&why, finished.lifetime, false)?,
                End::Dead(why) => reconnect.after(&why, finished.lifetime, false)?,
            };

            self.phase.send_replace(Phase::Waiting {
                until: Instant::now() + delay,
            });
            tokio::select! {
                () = sleep(delay) => {}
                () = self.stop.cancelled() => return Ok(()),
            }
        }
    }

    /// After a rejection, asks for one fresh token; a second rejection before a token was
    /// accepted is final.
    fn on_rejected(&mut self, text: String) -> Result<(), AuthError> {
        self.rejections += 1;
        if self.rejections >= 2 {
            return Err(AuthError::TokenRejected(text));
        }

        warn!("Zoom rejected the access token ({text:?}); fetching a new one");
        self.tokens.invalidate();
        Ok(())
    }

    /// Opens the WebSocket, within the connect timeout.
    async fn connect(&self, url: &Url) -> Result<Socket, String> {
        tokio::select! {
            result = open(url, self.settings.connect_timeout, &self.settings.network) => result,
            () = self.stop.cancelled() => Err("stopping".into()),
        }
    }

    /// Reads frames and sends heartbeats until the connection ends.
    async fn serve(&mut self, mut socket: Socket) -> Finished {
        let settings = self.settings;
        let mut heartbeat = tokio::time::interval(settings.heartbeat_interval);
        heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut awaiting_since: Option<Instant> = None;
        let mut established: Option<Instant> = None;
        let mut last_heard = (Instant::now(), Local::now());

        let end = loop {
            let ack_deadline = awaiting_since.map(|since| since + settings.heartbeat_timeout);
            let dead_at = ack_deadline.unwrap_or_else(Instant::now);
            tokio::select! {
                biased;
                () = self.stop.cancelled() => {
                    self.close(&mut socket).await;
                    break End::Stopped;
                }
                frame = socket.next() => {
                    awaiting_since = None;
                    if let Some(Ok(_)) = &frame {
                        last_heard = (Instant::now(), Local::now());
                    }
                    match self.on_frame(frame, &mut established) {
                        // The printer is gone (--count reached, stdout closed): say goodbye.
                        Some(End::Stopped) => {
                            self.close(&mut socket).await;
                            break End::Stopped;
                        }
                        Some(end) => break end,
                        None => continue,
                    }
                }
                () = sleep_until(dead_at), if ack_deadline.is_some() => {
                    break End::Dead(format!(
                        "no answer to a heartbeat within {}; the connection looks dead",
                        human::duration(settings.heartbeat_timeout)
                    ));
                }
                _ = heartbeat.tick() => {
                    let sent = send_heartbeat(&mut socket, settings.heartbeat_timeout).await;
                    if let Err(why) = sent {
                        break End::Dead(why);
                    }
                    awaiting_since.get_or_insert_with(Instant::now);
                    self.heartbeat_sent = Some(Instant::now());
                }
            }
        };

        Finished {
            end,
            lifetime: established.map(|at| last_heard.0.saturating_duration_since(at)),
            last_heard,
        }
    }

    /// Handles one item from the socket; `Some` ends the connection.
    fn on_frame(
        &mut self,
        frame: Option<Result<Message, tungstenite::Error>>,
        established: &mut Option<Instant>,
    ) -> Option<End> {
        let message = match frame {
            None => return Some(End::Lost("the server closed the connection".into())),
            Some(Err(err)) => return Some(End::Lost(describe_ws_error(&err))),
            Some(Ok(message)) => message,
        };

        match message {
            Message::Text(text) => self.on_text(text.as_str(), established),
            Message::Binary(data) => {
                let size = human::bytes(data.len() as u64);
                warn!("ignoring a binary frame of {size} from the server");
                None
            }
            Message::Close(frame) => {
                let why = describe_close(frame.as_ref());
                let code = frame.as_ref().map(|frame| u16::from(frame.code));
                Some(match code {
                    Some(1001 | 1011 | 1012 | 1013) => End::ServerLeaving(why),
                    _ => End::Lost(why),
                })
            }
            Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => None,
        }
    }

    fn on_text(&mut self, text: &str, established: &mut Option<Instant>) -> Option<End> {
        trace!("received {}", human::sanitize(text));
        let decoded = protocol::decode(text);
        if self.settings.raw_frames
            && !matches!(decoded, Ok(Incoming::Event(_)))
            && let Some(end) = self.hand_over(Item::Frame(text.to_owned()))
        {
            return Some(end);
        }

        match decoded {
            Ok(Incoming::Event(event)) => return self.on_event(event, text),
            Ok(Incoming::Connected) => {
                established.get_or_insert_with(Instant::now);
                self.on_established();
            }
            Ok(Incoming::HeartbeatAck) => {
                if let Some(sent) = self.heartbeat_sent.take() {
                    self.stats.record_round_trip(sent.elapsed());
                }
                trace!("heartbeat acknowledged");
            }
            Ok(Incoming::Rejected(text)) => return Some(End::Rejected(text)),
            Ok(Incoming::Unknown(module)) => {
                warn!(
                    "ignoring a frame of unknown module {:?}",
                    human::sanitize(&module)
                );
            }
            Err(err) => {
                warn!("ignoring a frame zoomws cannot read: {err}");
                debug!("unreadable frame: {}", human::sanitize(&preview(text)));
            }
        }
        None
    }

    /// Hands a new event to the printer; `Some` when the printer is gone.
    fn on_event(&mut self, event: Event, frame: &str) -> Option<End> {
        let received = Received {
            event,
            at: Utc::now(),
            frame: self.settings.raw_frames.then(|| frame.to_owned()),
        };
        let event = &received.event;
        self.stats.record_event(event.name(), received.lag());
        let new = self.recent.insert(event);
        if new {
            self.replaying = false;
        } else if self.replaying {
            self.stats.duplicates.fetch_add(1, Ordering::Relaxed);
            info!(
                "dropped a copy of an event already received: {}",
                human::sanitize(event.name())
            );
            return None;
        }

        debug!("event {}", human::sanitize(event.name()));
        self.hand_over(Item::Event(received))
    }

    /// Queues an item for the printer; `Some` when the printer is gone.
    fn hand_over(&mut self, item: Item) -> Option<End> {
        let queued = self.stats.queued.fetch_add(1, Ordering::Relaxed) + 1;
        if self.events.send(item).is_err() {
            return Some(End::Stopped);
        }
        self.watch_backlog(queued);
        None
    }

    /// Warns once when stdout falls behind by `backlog_warn` events, again after it caught up.
    fn watch_backlog(&mut self, queued: u64) {
        let bound = self.settings.backlog_warn;
        if !self.backlog_warned && queued >= bound {
            self.backlog_warned = true;
            warn!(
                "{queued} events are waiting for stdout: its reader is slower than the events \
                 arrive; they are kept in memory and will all be printed"
            );
        } else if self.backlog_warned && queued < bound / 2 {
            self.backlog_warned = false;
            info!("stdout has caught up ({queued} events waiting)");
        }
    }

    /// The subscription is live: report it, and any gap since the last connection.
    fn on_established(&mut self) {
        // The token was accepted: the credentials work.
        self.rejections = 0;
        self.phase.send_replace(Phase::Connected {
            since: Instant::now(),
        });

        let Some((lost, lost_wall)) = self.lost_at.take() else {
            if !self.ever_connected {
                let id = &self.settings.subscription_id;
                info!("connected; waiting for events (subscription {id})");
            }
            self.ever_connected = true;
            return;
        };

        self.replaying = true;
        let gap = lost.elapsed();
        self.stats.reconnects.fetch_add(1, Ordering::Relaxed);
        self.count_gap(gap);
        info!(
            "reconnected; no connection from {} to {}, {}: Zoom does not redeliver events from \
             that time",
            lost_wall.format("%H:%M:%S"),
            Local::now().format("%H:%M:%S"),
            human::duration(gap)
        );
    }

    /// Adds a time without a connection to the statistics.
    fn count_gap(&self, gap: Duration) {
        let gap_ms = u64::try_from(gap.as_millis()).unwrap_or(u64::MAX);
        self.stats
            .disconnected_ms
            .fetch_add(gap_ms, Ordering::Relaxed);
    }

    /// Sends a close frame and reads until the server answers, delivering any last events.
    async fn close(&mut self, socket: &mut Socket) {
        let frame = CloseFrame {
            code: CloseCode::Normal,
            reason: "client stopping".into(),
        };
        let closing = async {
            if socket.close(Some(frame)).await.is_err() {
                return;
            }
            let mut ignored = None;
            while let Some(Ok(message)) = socket.next().await {
                if let Message::Text(text) = message {
                    let _ = self.on_text(text.as_str(), &mut ignored);
                }
            }
        };
        if timeout(CLOSE_GRACE, closing).await.is_err() {
            debug!("the server did not answer the close frame in time");
        }
    }
}

/// The reconnection policy: backoff, the retry limit, and spotting another consumer that
/// keeps taking the subscription over.
///
/// A connection that stayed up for a heartbeat interval was healthy: the backoff starts again.
/// One the server closed sooner counts toward a take-over streak, since Zoom closes the older
/// connection when a second consumer joins the subscription; after a streak, zoomws waits near
/// the cap so that two consumers do not take the subscription from each other in a tight loop.
struct Reconnect {
    backoff: Backoff,
    attempts: Attempts,
    /// A connection up this long was healthy.
    healthy_after: Duration,
    /// Server closes in a row that came within `healthy_after` of connecting.
    quick_closes: u32,
    /// Token rejections since the last healthy connection.
    rejections_since_healthy: u32,
}

impl Reconnect {
    fn new(settings: &Settings) -> Self {
        Self {
            backoff: Backoff::new(settings.retry),
            attempts: Attempts::new(settings.retry.max_attempts, "connection attempt"),
            healthy_after: settings.heartbeat_interval,
            quick_closes: 0,
            rejections_since_healthy: 0,
        }
    }

    /// The delay before connecting with a fresh token after a rejection: none the first time,
    /// backoff when tokens keep being refused after they worked (another process using the
    /// app's credentials may be revoking them), so the two do not trade tokens in a tight loop.
    fn after_rejection(&mut self, lifetime: Option<Duration>) -> Duration {
        if lifetime.is_some_and(|lifetime| lifetime >= self.healthy_after) {
            self.recovered();
        }
        self.rejections_since_healthy += 1;
        if self.rejections_since_healthy == 1 {
            return Duration::ZERO;
        }

        let delay = self.backoff.next_delay();
        if self.rejections_since_healthy == TAKEOVER_STREAK {
            warn!(
                "Zoom refused {TAKEOVER_STREAK} tokens in a row soon after issuing them: another \
                 process using this app's credentials may be revoking them"
            );
        }
        debug!("waiting {} before the fresh token", human::duration(delay));
        delay
    }

    /// A healthy connection: the backoff and the streaks start again.
    fn recovered(&mut self) {
        self.quick_closes = 0;
        self.rejections_since_healthy = 0;
        debug!("the connection was healthy; backoff reset");
        self.backoff.reset();
    }

    /// The delay before the next attempt after a loss, or an error when it is time to give up.
    /// `lifetime` is how long the subscription was established, if it was; `maybe_taken` when
    /// the server ended it in a way another consumer's arrival could explain.
    fn after(
        &mut self,
        why: &str,
        lifetime: Option<Duration>,
        maybe_taken: bool,
    ) -> Result<Duration, GaveUp> {
        match lifetime {
            None => self.attempts.failed(why)?,
            Some(lifetime) if lifetime >= self.healthy_after => {
                self.attempts.succeeded();
                self.recovered();
            }
            Some(_) => {
                // Subscribed, but lost before it proved healthy: a silent link or a server
                // that keeps closing counts toward --max-retries like a refused connection.
                self.attempts.failed(why)?;
                self.quick_closes = if maybe_taken {
                    self.quick_closes + 1
                } else {
                    0
                };
            }
        }

        let mut delay = self.backoff.next_delay();
        if self.quick_closes >= TAKEOVER_STREAK {
            delay = self.backoff.near_max();
            if self.quick_closes == TAKEOVER_STREAK {
                warn!(
                    "the server closed {TAKEOVER_STREAK} connections in a row soon after they \
                     opened: another consumer seems to hold this subscription (Zoom allows one \
                     connection per subscription); waiting {} between attempts",
                    human::duration(delay)
                );
            }
        }
        warn!("{why}; reconnecting in {}", human::duration(delay));
        Ok(delay)
    }
}

/// Opens a WebSocket (TCP, TLS and upgrade, through the proxy if `network` names one) within
/// `limit`; the error is in words, without the URL, which carries the token.
pub async fn open(url: &Url, limit: Duration, network: &Network) -> Result<Socket, String> {
    let config = WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE_BYTES))
        .max_frame_size(Some(MAX_MESSAGE_BYTES));
    let handshake = async {
        let stream = network.connect_tcp(url).await?;
        let connector = tokio_tungstenite::Connector::Rustls(network.tls.clone());
        let opened = tokio_tungstenite::client_async_tls_with_config(
            url.as_str(),
            stream,
            Some(config),
            Some(connector),
        );
        match opened.await {
            Ok((socket, _response)) => Ok(socket),
            Err(err) => Err(describe_handshake_error(&err, url)),
        }
    };

    match timeout(limit, handshake).await {
        Ok(result) => result,
        Err(_) => Err(format!(
            "no WebSocket handshake within {}",
            human::duration(limit)
        )),
    }
}

/// Sends one heartbeat; a send that cannot complete in time means the link is stuck.
pub async fn send_heartbeat(socket: &mut Socket, limit: Duration) -> Result<(), String> {
    trace!("sending heartbeat");
    match timeout(limit, socket.send(Message::text(HEARTBEAT_REQUEST))).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(err)) => Err(describe_ws_error(&err)),
        Err(_) => Err("could not send a heartbeat; the connection looks stuck".into()),
    }
}

/// The WebSocket URL for one attempt: the configured endpoint with `subscriptionId` and
/// `access_token` replaced, other query parameters kept.
pub fn connect_url(base: &Url, subscription_id: &str, token: &str) -> Url {
    let mut url = base.clone();
    let kept: Vec<(String, String)> = base
        .query_pairs()
        .filter(|(key, _)| key != "subscriptionId" && key != "access_token")
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();

    url.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair("subscriptionId", subscription_id)
        .append_pair("access_token", token);
    url
}

/// A failed handshake in words: a certificate problem says so and how to fix it.
fn describe_handshake_error(err: &tungstenite::Error, url: &Url) -> String {
    let server = crate::proxy::target_of(url).unwrap_or_default();
    crate::tls::certificate_problem(err, &server).unwrap_or_else(|| describe_ws_error(err))
}

/// A WebSocket error in words, without the URL (which carries the token).
pub fn describe_ws_error(err: &tungstenite::Error) -> String {
    use tungstenite::Error;
    match err {
        Error::Http(response) => format!(
            "the server refused the WebSocket connection with HTTP {}",
            response.status()
        ),
        Error::Io(io) => format!("connection failed: {io}"),
        Error::Tls(tls) => format!("TLS failed: {}", human::root_cause(tls)),
        Error::ConnectionClosed | Error::AlreadyClosed => "connection closed".into(),
        Error::Capacity(why) => format!(
            "the server sent a message over the {} limit ({why})",
            human::bytes(MAX_MESSAGE_BYTES as u64)
        ),
        Error::Protocol(why) => format!("WebSocket protocol error: {why}"),
        Error::Utf8(_) => "the server sent a text frame that is not valid UTF-8".into(),
        Error::Url(why) => format!("invalid WebSocket URL: {why}"),
        other => format!("WebSocket error: {other}"),
    }
}

fn describe_close(frame: Option<&CloseFrame>) -> String {
    match frame {
        None => "the server closed the connection".into(),
        Some(frame) if frame.reason.is_empty() => {
            format!(
                "the server closed the connection (code {})",
                u16::from(frame.code)
            )
        }
        Some(frame) => format!(
            "the server closed the connection (code {}: {})",
            u16::from(frame.code),
            human::sanitize(&frame.reason)
        ),
    }
}

/// The start of a frame, for a debug line.
fn preview(text: &str) -> String {
    const LIMIT: usize = 200;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_url_sets_subscription_and_token_and_keeps_the_rest() {
        let base =
            Url::parse("wss://ws.zoom.us/ws?subscriptionId=old&x=1&access_token=stale").unwrap();
        let url = connect_url(&base, "sub/+=", "tok en&");
        assert_eq!(
            url.as_str(),
            "wss://ws.zoom.us/ws?x=1&subscriptionId=sub%2F%2B%3D&access_token=tok+en%26"
        );

        let pairs: Vec<_> = url.query_pairs().collect();
        assert_eq!(pairs[1].1, "sub/+=");
        assert_eq!(pairs[2].1, "tok en&");
        assert!(!redact_url(&url).contains("tok+en"), "{}", redact_url(&url));
    }

    #[test]
    fn close_frames_are_described_with_code_and_reason() {
        let frame = CloseFrame {
            code: CloseCode::Away,
            reason: "bye\nnow".into(),
        };
        assert_eq!(
            describe_close(Some(&frame)),
            "the server closed the connection (code 1001: bye\\nnow)"
        );
        assert_eq!(describe_close(None), "the server closed the connection");
    }

    #[test]
    fn preview_cuts_on_a_character_boundary() {
        let long = "é".repeat(300);
        assert_eq!(preview(&long).chars().count(), 201);
        assert_eq!(preview("short"), "short");
    }
}
