//! Zoom's WebSocket frames, in both directions.
//!
//! Every frame is a JSON envelope `{"module", "success", "content", "header"}`. An event travels
//! as the webhook body encoded as a JSON *string* in the `content` of a `message` frame, so the
//! client decodes twice. The client uses [`decode`]; the emulator builds frames with [`Frame`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The only frame a client sends: Zoom's application-level heartbeat.
pub const HEARTBEAT_REQUEST: &str = r#"{"module":"heartbeat"}"#;

/// Module names used by the server.
pub mod module {
    /// First frame after the upgrade: whether the token and subscription were accepted.
    pub const BUILD_CONNECTION: &str = "build_connection";
    /// Acknowledges a client heartbeat.
    pub const HEARTBEAT: &str = "heartbeat";
    /// Carries one event.
    pub const MESSAGE: &str = "message";
}

/// A frame as it travels on the wire, in either direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    /// What kind of frame this is (see [`module`]).
    pub module: String,

    /// Absent on `message` frames; `false` means the server refused the connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,

    /// A status text, or the event as a JSON string (an object is accepted too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Value>,

    /// Always `{}` in every capture seen so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Value>,
}

impl Frame {
    /// The server's answer to a new connection.
    pub fn build_connection(success: bool, text: &str) -> Self {
        Self::status(module::BUILD_CONNECTION, success, text)
    }

    /// The server's answer to a heartbeat.
    pub fn heartbeat_ack() -> Self {
        Self::status(module::HEARTBEAT, true, "live")
    }

    /// An event frame; `event_json` is the webhook body, sent as a string like Zoom does.
    pub fn message(event_json: &str) -> Self {
        Self {
            module: module::MESSAGE.to_owned(),
            success: None,
            content: Some(Value::String(event_json.to_owned())),
            header: Some(Value::Object(Map::new())),
        }
    }

    fn status(module: &str, success: bool, text: &str) -> Self {
        Self {
            module: module.to_owned(),
            success: Some(success),
            content: Some(Value::String(text.to_owned())),
            header: Some(Value::Object(Map::new())),
        }
    }

    /// The frame as compact JSON text.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("a Frame always serialises")
    }

    /// The content as display text: the string itself, or compact JSON for anything else.
    fn content_text(&self) -> String {
        match &self.content {
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    }
}

/// What a server frame means to the client.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// `build_connection` succeeded: the subscription is live.
    Connected,
    /// The server acknowledged a heartbeat.
    HeartbeatAck,
    /// An event, decoded from `content`.
    Event(Event),
    /// Any frame with `success: false`; Zoom's texts for a bad token have changed over the years,
    /// so the text is kept only to be quoted.
    Rejected(String),
    /// A module this client does not know; carries the module name.
    Unknown(String),
}

/// Why a server frame could not be understood.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("frame is not a JSON envelope: {0}")]
    Envelope(serde_json::Error),

    #[error("message frame has no content")]
    MissingContent,

    #[error("message content is not a JSON event: {0}")]
    Content(serde_json::Error),

    #[error("message content is JSON but not an object")]
    NotAnObject,
}

/// Decodes one text frame from the server.
pub fn decode(text: &str) -> Result<Incoming, DecodeError> {
    let frame: Frame = serde_json::from_str(text).map_err(DecodeError::Envelope)?;

    if frame.success == Some(false) {
        return Ok(Incoming::Rejected(frame.content_text()));
    }

    match frame.module.as_str() {
        module::BUILD_CONNECTION => Ok(Incoming::Connected),
        module::HEARTBEAT => Ok(Incoming::HeartbeatAck),
        module::MESSAGE => decode_content(frame.content).map(Incoming::Event),
        _ => Ok(Incoming::Unknown(frame.module)),
    }
}

/// Decodes the second layer: a JSON string holding the event, or the event object itself.
fn decode_content(content: Option<Value>) -> Result<Event, DecodeError> {
    let value = match content {
        None | Some(Value::Null) => return Err(DecodeError::MissingContent),
        Some(Value::String(text)) => serde_json::from_str(&text).map_err(DecodeError::Content)?,
        Some(value) => value,
    };

    Event::from_value(value).ok_or(DecodeError::NotAnObject)
}

/// One Zoom event: the webhook body, keys in the order Zoom sent them.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    value: Value,
}

impl Event {
    /// Wraps a decoded body; `None` unless it is a JSON object.
    pub fn from_value(value: Value) -> Option<Self> {
        value.is_object().then_some(Self { value })
    }

    /// The event type, e.g. `meeting.started`; empty when the body has none.
    pub fn name(&self) -> &str {
        self.value
            .get("event")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// When Zoom says the event happened, in milliseconds since the Unix epoch.
    pub fn timestamp_ms(&self) -> Option<i64> {
        self.value.get("event_ts").and_then(Value::as_i64)
    }

    /// The whole body.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The body as one line of compact JSON, same keys, order and numbers as received.
    pub fn to_json_line(&self) -> String {
        self.value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAMES: &str = include_str!("../tests/fixtures/frames.jsonl");
    const EVENTS: &str = include_str!("../tests/fixtures/events.jsonl");

    #[test]
    fn every_sample_frame_decodes_to_its_meaning() {
        let decoded: Vec<Incoming> = FRAMES.lines().map(|l| decode(l).unwrap()).collect();

        assert_eq!(decoded.first(), Some(&Incoming::Connected));
        assert_eq!(
            decoded.last(),
            Some(&Incoming::Rejected("Token is invalid".into()))
        );
        assert!(decoded.contains(&Incoming::HeartbeatAck));

        let events: Vec<String> = decoded
            .iter()
            .filter_map(|i| match i {
                Incoming::Event(e) => Some(e.to_json_line()),
                _ => None,
            })
            .collect();
        let expected: Vec<&str> = EVENTS.lines().collect();
        assert_eq!(
            events, expected,
            "decoded events must equal the sample bodies byte for byte"
        );
    }

    #[test]
    fn event_keeps_key_order_and_numbers() {
        let body = r#"{"payload":{"b":1,"a":2},"event_ts":1733229611002,"event":"x.y","n":1.50}"#;
        let frame = Frame::message(body).to_text();

        let Incoming::Event(event) = decode(&frame).unwrap() else {
            panic!("not an event")
        };
        assert_eq!(event.to_json_line(), body);
        assert_eq!(event.name(), "x.y");
        assert_eq!(event.timestamp_ms(), Some(1_733_229_611_002));
    }

    #[test]
    fn content_may_be_an_object() {
        let text = r#"{"module":"message","content":{"event":"a.b","event_ts":5},"header":{}}"#;
        let Incoming::Event(event) = decode(text).unwrap() else {
            panic!("not an event")
        };
        assert_eq!(event.name(), "a.b");
    }

    #[test]
    fn any_failure_is_a_rejection_whatever_the_text() {
        for text in [
            "token is empty",
            "Invalid Token",
            "Token is invalid",
            "something new",
        ] {
            let frame = Frame::build_connection(false, text).to_text();
            assert_eq!(decode(&frame).unwrap(), Incoming::Rejected(text.into()));
        }
        let odd = r#"{"module":"heartbeat","success":false,"content":{"why":"x"}}"#;
        assert_eq!(
            decode(odd).unwrap(),
            Incoming::Rejected(r#"{"why":"x"}"#.into())
        );
    }

    #[test]
    fn status_frames_are_not_events() {
        assert_eq!(
            decode(&Frame::heartbeat_ack().to_text()).unwrap(),
            Incoming::HeartbeatAck
        );
        let ok = Frame::build_connection(true, "connected").to_text();
        assert_eq!(decode(&ok).unwrap(), Incoming::Connected);
        assert_eq!(
            decode(r#"{"module":"presence"}"#).unwrap(),
            Incoming::Unknown("presence".into())
        );
    }

    #[test]
    fn bad_frames_are_errors_not_panics() {
        let cases = [
            "not json",
            "[1,2]",
            r#"{"content":"x"}"#,
            r#"{"module":"message"}"#,
            r#"{"module":"message","content":"{oops"}"#,
            r#"{"module":"message","content":"[1]"}"#,
            r#"{"module":"message","content":"\"just a string\""}"#,
        ];
        for text in cases {
            assert!(decode(text).is_err(), "{text} should not decode");
        }
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(decode(&deep).is_err());
        let inner = serde_json::to_string(&deep).unwrap();
        let frame = format!(r#"{{"module":"message","content":{inner}}}"#);
        assert!(matches!(decode(&frame), Err(DecodeError::Content(_))));
    }

    #[test]
    fn heartbeat_request_is_exactly_what_zoom_documents() {
        assert_eq!(HEARTBEAT_REQUEST, r#"{"module":"heartbeat"}"#);
        let parsed: Frame = serde_json::from_str(HEARTBEAT_REQUEST).unwrap();
        assert_eq!(parsed.module, module::HEARTBEAT);
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;
    use serde_json::{Map, Value};

    use super::*;

    /// Any JSON value, a few levels deep, with any text in strings and keys.
    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e15f64..1e15).prop_map(Value::from),
            any::<String>().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..8)
                    .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
            ]
        })
    }

    /// An event-shaped object: a name, a timestamp, and any payload.
    fn event() -> impl Strategy<Value = Value> {
        (any::<String>(), any::<i64>(), json()).prop_map(|(name, ts, payload)| {
            serde_json::json!({"event": name, "event_ts": ts, "payload": payload})
        })
    }

    proptest! {
        #[test]
        fn decoding_any_text_never_panics(text in any::<String>()) {
            let _ = decode(&text);
        }

        #[test]
        fn decoding_any_envelope_never_panics(module in any::<String>(), content in json()) {
            let frame = serde_json::json!({"module": module, "content": content, "header": {}});
            let _ = decode(&frame.to_string());
        }

        #[test]
        fn an_event_survives_the_double_encoding(body in event()) {
            let text = body.to_string();
            let Ok(Incoming::Event(decoded)) = decode(&Frame::message(&text).to_text()) else {
                panic!("a message frame must decode to an event");
            };
            prop_assert_eq!(decoded.to_json_line(), text);
        }

        #[test]
        fn content_as_object_or_string_is_the_same_event(body in event()) {
            let as_string = Frame::message(&body.to_string()).to_text();
            let as_object = serde_json::json!({"module": "message", "content": body}).to_string();
            prop_assert_eq!(decode(&as_string).unwrap(), decode(&as_object).unwrap());
        }

        #[test]
        fn every_event_renders_on_one_clean_line(body in event()) {
            let event = Event::from_value(body).unwrap();
            let summary = crate::output::summarize(&event);
            prop_assert!(!summary.chars().any(char::is_control), "{:?}", summary);
            let received = crate::session::Received { event, at: chrono::Utc::now(), frame: None };
            let style = crate::output::Style {
                clock: crate::output::Clock::local(crate::output::Timestamps::Local),
                lag_warn: std::time::Duration::ZERO,
                width: crate::output::Width::Unlimited,
            };
            let line = crate::output::pretty::line(&received, &style);
            prop_assert!(!line.contains('\n') && !line.contains('\r'));
        }
    }
}
