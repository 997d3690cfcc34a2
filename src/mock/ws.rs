//! The emulated WebSocket endpoint `GET /ws?subscriptionId=...&access_token=...`.
//!
//! After the upgrade it answers `build_connection`, acknowledges `{"module":"heartbeat"}`
//! frames, and forwards events as `message` frames whose `content` is the event as a string.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::error::RecvError;
use tokio::time::{Instant, sleep_until};
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, warn};

use super::chaos::Fault;
use super::{DropMode, ExpireLive, SecondConnection};
use crate::protocol::{Frame, module};

/// Close reason sent to a client whose subscription another client took over.
const REPLACED: &str = "replaced by a newer connection";

/// Largest frame the emulator accepts from a client.
const MAX_CLIENT_MESSAGE: usize = 64 * 1024;

/// Events kept for --replay-on-reconnect.
const HISTORY: usize = 256;

/// Upgrades the request, or applies the upgrade faults; the token is checked once the socket
/// is open, as Zoom does.
pub async fn upgrade(
    State(state): State<Arc<super::State>>,
    Query(params): Query<HashMap<String, String>>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let scenario = &state.scenario;
    let request = state.upgrades.fetch_add(1, Ordering::Relaxed);
    if request < scenario.hang_upgrade {
        warn!(
            "leaving WebSocket request {} unanswered (--hang-upgrade)",
            request + 1
        );
        return std::future::pending().await;
    }
    let request = request - scenario.hang_upgrade;
    if let Some(status) = scenario
        .refuse_upgrade
        .filter(|_| request < scenario.refuse_count)
    {
        warn!("refusing WebSocket request with HTTP {status} (--refuse-upgrade)");
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return (status, "refused by the emulator").into_response();
    }

    let Ok(upgrade) = upgrade else {
        return (StatusCode::BAD_REQUEST, "expected a WebSocket upgrade").into_response();
    };
    upgrade
        .max_message_size(MAX_CLIENT_MESSAGE)
        .on_upgrade(move |socket| serve(state, socket, params))
}

/// One client connection from upgrade to close.
async fn serve(state: Arc<super::State>, mut socket: WebSocket, params: HashMap<String, String>) {
    let id = state.next_connection.fetch_add(1, Ordering::Relaxed);
    let fault = state
        .scenario
        .chaos
        .then(|| state.chaos.lock().expect("chaos lock").next_fault());
    let admitted = match fault {
        Some(Fault::Reject) => Err(state.scenario.reject_text.clone()),
        _ => admit(&state, &params),
    };
    let expires = match admitted {
        Ok(expires) => expires,
        Err(text) => {
            warn!("connection {id}: refused ({text})");
            let _ = socket
                .send(text_message(&Frame::build_connection(false, &text)))
                .await;
            let _ = socket.send(close_message(1000, "")).await;
            return;
        }
    };

    let Some(kicked) = register(&state, id) else {
        warn!("connection {id}: refused, the subscription already has a client");
        let frame = Frame::build_connection(false, "Another connection is already active");
        let _ = socket.send(text_message(&frame)).await;
        return;
    };

    let mut events = state.events.subscribe();
    state.client_arrived.notify_one();
    info!("connection {id}: client subscribed");
    let connected = Frame::build_connection(true, "connected");
    if socket.send(text_message(&connected)).await.is_ok() {
        let token = params.get("access_token").cloned().unwrap_or_default();
        let plan = Plan::new(&state.scenario, fault);
        // --silent-after 0: not one heartbeat is acknowledged.
        let silent = plan.silent_after == Some(0);
        if silent {
            info!("connection {id}: silent from the start");
        }
        let mut connection = Connection {
            state: &state,
            id,
            socket,
            plan,
            delivered: 0,
            silent,
            token,
        };
        connection.replay().await;
        connection.run(&mut events, &kicked, expires).await;
    }

    unregister(&state, id);
    info!("connection {id}: closed");
}

/// Checks the subscription and token; the error is the text of the failure frame.
fn admit(state: &super::State, params: &HashMap<String, String>) -> Result<Instant, String> {
    let token = params.get("access_token").map(String::as_str).unwrap_or("");
    if token.is_empty() {
        return Err("token is empty".into());
    }

    let expires = state
        .tokens
        .lock()
        .expect("token table lock")
        .get(token)
        .copied();
    let Some(expires) = expires.filter(|at| *at > Instant::now()) else {
        return Err(state.scenario.reject_text.clone());
    };

    if params.get("subscriptionId") != Some(&state.scenario.subscription_id) {
        return Err("Invalid subscriptionId".into());
    }

    let limit = state.scenario.reject_tokens;
    let counted = |n: u32| (n < limit).then_some(n + 1);
    if state
        .rejections
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, counted)
        .is_ok()
    {
        return Err(state.scenario.reject_text.clone());
    }
    Ok(expires)
}

/// Applies the second-connection policy; `None` means refuse this connection.
fn register(state: &super::State, id: u64) -> Option<CancellationToken> {
    let mut live = state.connections.lock().expect("connection table lock");
    let key = state.scenario.subscription_id.clone();
    let kicked = CancellationToken::new();

    match (state.scenario.second_connection, live.get(&key)) {
        (SecondConnection::RejectNew, Some(_)) => return None,
        (SecondConnection::KickOld, Some((old, handle))) => {
            info!("connection {old}: closing it, connection {id} took over the subscription");
            handle.cancel();
        }
        _ => {}
    }
    live.insert(key, (id, kicked.clone()));
    Some(kicked)
}

fn unregister(state: &super::State, id: u64) {
    let mut live = state.connections.lock().expect("connection table lock");
    live.retain(|_, (owner, _)| *owner != id);
}

/// The faults planned for one connection, from the scenario's switches or from --chaos.
struct Plan {
    /// End the connection after this many events...
    drop_after: Option<u64>,
    /// ...this way.
    drop: Ending,
    /// Whether that drop counts against --max-drops.
    limited: bool,
    /// Go silent after this many events.
    silent_after: Option<u64>,
    /// Close normally at this moment.
    close_at: Option<Instant>,
}

impl Plan {
    fn new(scenario: &super::Scenario, fault: Option<Fault>) -> Self {
        let mut plan = Self {
            drop_after: None,
            drop: Ending::Reset,
            limited: false,
            silent_after: None,
            close_at: None,
        };
        match fault {
            None | Some(Fault::Reject) => {
                plan.drop_after = scenario.drop_after;
                plan.limited = true;
                plan.silent_after = scenario.silent_after;
                plan.drop = match scenario.drop_mode {
                    DropMode::Close => Ending::Close(scenario.drop_code, "dropped by the emulator"),
                    DropMode::Reset => Ending::Reset,
                };
            }
            Some(Fault::Close { after, code }) => {
                plan.drop_after = Some(after);
                plan.drop = Ending::Close(code, "chaos");
            }
            Some(Fault::Reset { after }) => plan.drop_after = Some(after),
            Some(Fault::Silent { after }) => plan.silent_after = Some(after),
            Some(Fault::Healthy) => plan.close_at = Some(Instant::now() + scenario.chaos_healthy),
        }
        plan
    }
}

struct Connection<'a> {
    state: &'a super::State,
    id: u64,
    socket: WebSocket,
    plan: Plan,
    /// Events sent on this connection.
    delivered: u64,
    /// Set by --silent-after: nothing more is sent, but the socket stays open.
    silent: bool,
    /// The token this connection was admitted with.
    token: String,
}

/// Why the emulator ends a connection.
#[derive(Debug, Clone, Copy)]
enum Ending {
    /// The client closed or the socket failed.
    ClientGone,
    /// Close with a close frame.
    Close(u16, &'static str),
    /// Drop the TCP connection without a close frame.
    Reset,
}

impl Connection<'_> {
    async fn run(
        mut self,
        events: &mut tokio::sync::broadcast::Receiver<Arc<str>>,
        kicked: &CancellationToken,
        expires: Instant,
    ) {
        let scenario = &self.state.scenario;
        let mut idle_deadline = Instant::now() + scenario.idle_timeout;
        let expire_live = scenario.expire_live == ExpireLive::Close;
        let close_at = self.plan.close_at;
        let mut revocations = self.state.revocations.subscribe();

        let ending = loop {
            tokio::select! {
                biased;
                () = kicked.cancelled() => break Ending::Close(1000, REPLACED),
                message = self.socket.recv() => match message {
                    Some(Ok(Message::Text(text))) => {
                        if self.on_client_text(text.as_str()).await {
                            idle_deadline = Instant::now() + scenario.idle_timeout;
                        }
                    }
                    Some(Ok(Message::Close(frame))) => {
                        // Tests tell a clean client close from an abandoned socket by this.
                        let code = frame.map_or(1005, |frame| frame.code);
                        info!("connection {}: the client closed with code {code}", self.id);
                        break Ending::ClientGone;
                    }
                    Some(Err(_)) | None => break Ending::ClientGone,
                    Some(Ok(_)) => {}
                },
                () = sleep_until(idle_deadline) => break Ending::Close(1000, "no heartbeat"),
                () = sleep_until(expires), if expire_live => break self.refuse_token().await,
                Ok(()) = revocations.changed() => {
                    if self.token_revoked() {
                        info!("connection {}: its token was revoked", self.id);
                        break self.refuse_token().await;
                    }
                }
                () = sleep_until(close_at.unwrap_or_else(Instant::now)), if close_at.is_some() => {
                    break Ending::Close(1000, "chaos: healthy connection ends");
                }
                event = events.recv(), if !self.silent => match event {
                    Ok(event) => {
                        if let Some(ending) = self.deliver(&event).await {
                            break ending;
                        }
                    }
                    Err(RecvError::Lagged(missed)) => {
                        warn!("connection {}: fell behind, {missed} events skipped", self.id);
                    }
                    Err(RecvError::Closed) => break Ending::Close(1001, "emulator stopping"),
                },
            }
        };

        if let Ending::Close(code, reason) = ending {
            let _ = self.socket.send(close_message(code, reason)).await;
        }
    }

    /// Sends the token failure Zoom sends for a bad token; the connection then closes.
    async fn refuse_token(&mut self) -> Ending {
        let frame = Frame::build_connection(false, &self.state.scenario.reject_text);
        let _ = self.socket.send(text_message(&frame)).await;
        Ending::Close(1000, "")
    }

    /// Resends recent events, as a server that redelivers would (--replay-on-reconnect).
    async fn replay(&mut self) {
        let Some(count) = self.state.scenario.replay_on_reconnect else {
            return;
        };
        let recent: Vec<Arc<str>> = {
            let history = self.state.history.lock().expect("history lock");
            history.iter().rev().take(count).rev().cloned().collect()
        };
        for event in &recent {
            let _ = self.socket.send(text_message(&Frame::message(event))).await;
        }
        if !recent.is_empty() {
            info!("connection {}: replayed {} events", self.id, recent.len());
        }
    }

    /// Whether this connection's token is no longer in the table of valid tokens.
    fn token_revoked(&self) -> bool {
        let tokens = self.state.tokens.lock().expect("token table lock");
        !tokens.contains_key(&self.token)
    }

    /// Answers a client frame; says whether it was a heartbeat.
    async fn on_client_text(&mut self, text: &str) -> bool {
        debug!("connection {}: received {text}", self.id);
        let heartbeat = serde_json::from_str::<Frame>(text)
            .is_ok_and(|frame| frame.module == module::HEARTBEAT);
        if !heartbeat {
            warn!("connection {}: unexpected frame from the client", self.id);
            return false;
        }
        if !self.silent {
            let _ = self
                .socket
                .send(text_message(&Frame::heartbeat_ack()))
                .await;
        }
        true
    }

    /// Sends one event and applies the per-event switches; `Some` ends the connection.
    async fn deliver(&mut self, event: &Arc<str>) -> Option<Ending> {
        if self
            .socket
            .send(text_message(&Frame::message(event)))
            .await
            .is_err()
        {
            return Some(Ending::ClientGone);
        }
        self.delivered += 1;
        self.remember(event);
        self.send_faulty_frames().await;

        if self.plan.silent_after.is_some_and(|n| self.delivered >= n) {
            info!("connection {}: going silent", self.id);
            self.silent = true;
        }
        let due = self.plan.drop_after.is_some_and(|n| self.delivered >= n);
        if due && (!self.plan.limited || self.take_drop()) {
            info!("connection {}: dropping it ({:?})", self.id, self.plan.drop);
            return Some(self.plan.drop);
        }
        None
    }

    /// --malformed-every and --oversize-after.
    async fn send_faulty_frames(&mut self) {
        let scenario = &self.state.scenario;
        if let Some(every) = scenario
            .malformed_every
            .filter(|n| self.delivered.is_multiple_of((*n).max(1)))
        {
            let kind = (self.delivered / every) as usize;
            let _ = self.socket.send(malformed(kind)).await;
        }

        let oversize = scenario.oversize_after.is_some_and(|n| self.delivered >= n);
        if oversize && !self.state.oversized.swap(true, Ordering::Relaxed) {
            info!("connection {}: sending a frame over 16 MiB", self.id);
            let huge = "x".repeat(17 * 1024 * 1024);
            let _ = self.socket.send(Message::Text(huge.into())).await;
        }
    }

    /// Whether another drop is allowed by --max-drops, counting it if so.
    fn take_drop(&self) -> bool {
        let max = self.state.scenario.max_drops.unwrap_or(u32::MAX);
        self.state
            .drops
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                (n < max).then_some(n + 1)
            })
            .is_ok()
    }

    /// Records a delivered event: in --record, and in the replay history.
    fn remember(&self, event: &Arc<str>) {
        if self.state.scenario.replay_on_reconnect.is_some() {
            let mut history = self.state.history.lock().expect("history lock");
            history.push_back(event.clone());
            if history.len() > HISTORY {
                history.pop_front();
            }
        }

        let Some(recorder) = &self.state.recorder else {
            return;
        };
        let mut file = recorder.lock().expect("recorder lock");
        if let Err(err) = writeln!(file, "{event}").and_then(|()| file.flush()) {
            warn!("could not write to the --record file: {err}");
        }
    }
}

/// The malformed frames of --malformed-every, in turn.
fn malformed(kind: usize) -> Message {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    match kind % 6 {
        0 => Message::Text("this is not JSON".into()),
        1 => Message::Binary(vec![0x00, 0x9f, 0xff, 0x10].into()),
        2 => text_message(&Frame::message("{\"event\": unquoted}")),
        3 => Message::Text(r#"{"module":"presence","content":"x","header":{}}"#.into()),
        4 => text_message(&Frame::message(&deep)),
        _ => text_message(&Frame::message("42")),
    }
}

fn text_message(frame: &Frame) -> Message {
    Message::Text(frame.to_text().into())
}

fn close_message(code: u16, reason: &str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}
