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

use super::{DropMode, ExpireLive, SecondConnection};
use crate::protocol::{Frame, module};

/// Close reason sent to a client whose subscription another client took over.
const REPLACED: &str = "replaced by a newer connection";

/// Largest frame the emulator accepts from a client.
const MAX_CLIENT_MESSAGE: usize = 64 * 1024;

/// Upgrades the request; the token is checked once the socket is open, as Zoom does.
pub async fn upgrade(
    State(state): State<Arc<super::State>>,
    Query(params): Query<HashMap<String, String>>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
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
    let expires = match admit(&state, &params) {
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
        Connection {
            state: &state,
            id,
            socket,
            delivered: 0,
            silent: false,
        }
        .run(&mut events, &kicked, expires)
        .await;
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

struct Connection<'a> {
    state: &'a super::State,
    id: u64,
    socket: WebSocket,
    /// Events sent on this connection.
    delivered: u64,
    /// Set by --silent-after: nothing more is sent, but the socket stays open.
    silent: bool,
}

/// Why the emulator ends a connection.
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
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break Ending::ClientGone,
                    Some(Ok(_)) => {}
                },
                () = sleep_until(idle_deadline) => break Ending::Close(1000, "no heartbeat"),
                () = sleep_until(expires), if expire_live => {
                    let frame = Frame::build_connection(false, &scenario.reject_text);
                    let _ = self.socket.send(text_message(&frame)).await;
                    break Ending::Close(1000, "");
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

        match ending {
            Ending::ClientGone | Ending::Reset => {}
            Ending::Close(code, reason) => {
                let _ = self.socket.send(close_message(code, reason)).await;
            }
        }
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

    /// Sends one event and applies the drop and silence switches; `Some` ends the connection.
    async fn deliver(&mut self, event: &str) -> Option<Ending> {
        if self
            .socket
            .send(text_message(&Frame::message(event)))
            .await
            .is_err()
        {
            return Some(Ending::ClientGone);
        }
        self.delivered += 1;
        self.record(event);

        let scenario = &self.state.scenario;
        if scenario.silent_after.is_some_and(|n| self.delivered >= n) {
            info!("connection {}: going silent (--silent-after)", self.id);
            self.silent = true;
        }
        if scenario.drop_after.is_some_and(|n| self.delivered >= n) && self.take_drop() {
            info!("connection {}: dropping it (--drop-after)", self.id);
            return Some(match scenario.drop_mode {
                DropMode::Close => Ending::Close(scenario.drop_code, "dropped by the emulator"),
                DropMode::Reset => Ending::Reset,
            });
        }
        None
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

    fn record(&self, event: &str) {
        let Some(recorder) = &self.state.recorder else {
            return;
        };
        let mut file = recorder.lock().expect("recorder lock");
        if let Err(err) = writeln!(file, "{event}").and_then(|()| file.flush()) {
            warn!("could not write to the --record file: {err}");
        }
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
