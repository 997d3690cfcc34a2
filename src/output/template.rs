//! `--template`: one line per event from text with `{field.path}` placeholders.
//!
//! A placeholder names a field by its path (`{payload.object.topic}`; a number indexes an
//! array: `{payload.object.recording_files.0.file_type}`) or a computed value (`{@lag}`).
//! A missing field renders empty. `{{` and `}}` are literal braces; `\t`, `\n` and `\\` are
//! the usual escapes, since shells do not expand them inside single quotes.

use serde_json::Value;

use crate::config::ConfigError;
use crate::human;
use crate::session::Received;

use super::pretty::{Clock, Timestamps};
use super::summarize;

/// Values computed for each event rather than read from it.
const COMPUTED: [(&str, Computed); 6] = [
    ("@time", Computed::Time),
    ("@received", Computed::Received),
    ("@lag", Computed::Lag),
    ("@lag_ms", Computed::LagMs),
    ("@summary", Computed::Summary),
    ("@json", Computed::Json),
];

/// A parsed template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Text(String),
    Field(Vec<String>),
    Computed(Computed),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Computed {
    /// When the event happened (`event_ts`), in the `--timestamps` format.
    Time,
    /// When zoomws received it, in the `--timestamps` format.
    Received,
    /// Receive time minus `event_ts`, for people: `1.2s`.
    Lag,
    /// The same in whole milliseconds.
    LagMs,
    /// The pretty output's summary.
    Summary,
    /// The event as compact JSON.
    Json,
}

impl Template {
    /// Parses `--template` text.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        if text.trim().is_empty() {
            return Err(ConfigError(
                "--template is empty; give it placeholders such as '{event} {payload.object.id}'"
                    .into(),
            ));
        }
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.char_indices().peekable();

        while let Some((at, c)) = chars.next() {
            match (c, chars.peek().map(|&(_, next)| next)) {
                ('{', Some('{')) | ('}', Some('}')) => {
                    chars.next();
                    literal.push(c);
                }
                ('\\', Some(next @ ('n' | 't' | '\\'))) => {
                    chars.next();
                    literal.push(match next {
                        'n' => '\n',
                        't' => '\t',
                        _ => '\\',
                    });
                }
                ('{', _) => {
                    let name = placeholder_name(&mut chars, text, at)?;
                    if !literal.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(placeholder(text, at, name.trim())?);
                }
                ('}', _) => {
                    return Err(template_error(text, at, "this '}' closes nothing"));
                }
                (c, _) => literal.push(c),
            }
        }

        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Self { parts })
    }

    /// The line for one event.
    pub fn render(&self, received: &Received, clock: &Clock) -> String {
        let mut line = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => line.push_str(text),
                Part::Field(path) => line.push_str(&field(received.event.value(), path)),
                Part::Computed(what) => line.push_str(&computed(*what, received, clock)),
            }
        }
        line
    }
}

/// The text of the placeholder whose `{` is at byte `at`, read up to its `}`. Placeholders do
/// not nest: a `{` inside one is a mistake (`{a{b}`), not part of a field name.
fn placeholder_name(
    chars: &mut impl Iterator<Item = (usize, char)>,
    text: &str,
    at: usize,
) -> Result<String, ConfigError> {
    let mut name = String::new();
    loop {
        match chars.next() {
            None => return Err(template_error(text, at, "this '{' is never closed")),
            Some((_, '}')) => return Ok(name),
            Some((inner, '{')) => {
                let open = text[..at].chars().count() + 1;
                let why = format!(
                    "this '{{' is inside the placeholder opened at character {open}, and \
                     placeholders do not nest"
                );
                return Err(template_error(text, inner, &why));
            }
            Some((_, c)) => name.push(c),
        }
    }
}

fn placeholder(text: &str, at: usize, name: &str) -> Result<Part, ConfigError> {
    if name.is_empty() {
        return Err(template_error(text, at, "empty placeholder '{}'"));
    }
    if name.starts_with('@') {
        return COMPUTED
            .iter()
            .find(|(known, _)| *known == name)
            .map(|&(_, what)| Part::Computed(what))
            .ok_or_else(|| {
                let known: Vec<&str> = COMPUTED.iter().map(|(k, _)| *k).collect();
                let why = format!("unknown value {{{name}}}; known: {}", known.join(", "));
                template_error(text, at, &why)
            });
    }
    Ok(Part::Field(name.split('.').map(str::to_owned).collect()))
}

/// A field's text: strings as they are (control characters escaped), other values as JSON,
/// nothing for null or a missing field.
fn field(body: &Value, path: &[String]) -> String {
    let found = path.iter().try_fold(body, |value, key| match value {
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => value.get(key.as_str()),
    });
    match found {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => human::sanitize(text),
        Some(other) => other.to_string(),
    }
}

fn computed(what: Computed, received: &Received, clock: &Clock) -> String {
    // A template asks for a time explicitly, so `--timestamps none` still prints one.
    let times = match clock.timestamps {
        Timestamps::None => Timestamps::Rfc3339,
        other => other,
    };
    match what {
        Computed::Time => clock
            .event_time(received)
            .map(|t| clock.format(t, times))
            .unwrap_or_default(),
        Computed::Received => clock.format(received.at, times),
        Computed::Lag => received.lag().map(human::duration).unwrap_or_default(),
        Computed::LagMs => received
            .lag()
            .map(|lag| lag.as_millis().to_string())
            .unwrap_or_default(),
        Computed::Summary => summarize(&received.event),
        Computed::Json => received.event.to_json_line(),
    }
}

fn template_error(text: &str, at: usize, why: &str) -> ConfigError {
    let column = text[..at].chars().count() + 1;
    ConfigError(format!(
        "invalid --template {text:?}: {why} (character {column}); placeholders look like \
         {{payload.object.topic}} or {{@lag}}, and {{{{ }}}} are literal braces"
    ))
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset};
    use serde_json::json;

    use super::*;
    use crate::protocol::Event;

    fn received(body: Value, lag_ms: i64) -> Received {
        let event = Event::from_value(body).unwrap();
        let ts = event.timestamp_ms().unwrap_or(0);
        Received {
            event,
            at: DateTime::from_timestamp_millis(ts + lag_ms).unwrap(),
            frame: None,
        }
    }

    fn clock() -> Clock {
        Clock {
            timestamps: Timestamps::Utc,
            offset: Some(FixedOffset::east_opt(0).unwrap()),
        }
    }

    fn render(template: &str, body: Value) -> String {
        Template::parse(template)
            .unwrap()
            .render(&received(body, 1_500), &clock())
    }

    #[test]
    fn fields_by_path_with_indexes_and_missing_ones_empty() {
        let body = json!({"event": "recording.completed", "event_ts": 0, "payload": {
            "object": {"topic": "Q4", "id": 85_012_345_678_i64,
                       "recording_files": [{"file_type": "MP4"}, {"file_type": "M4A"}]}}});
        assert_eq!(
            render(
                "{event} {payload.object.topic} {payload.object.id} \
                 {payload.object.recording_files.1.file_type}|{payload.nope.deeper}|",
                body
            ),
            "recording.completed Q4 85012345678 M4A||"
        );
    }

    #[test]
    fn computed_values_escapes_and_braces() {
        let body = json!({"event": "user.created", "event_ts": 1_733_232_000_111_i64,
                          "payload": {"object": {"email": "a@b.c"}}});
        assert_eq!(
            render("{@time}\\t{@received} {{lag}} {@lag} {@lag_ms}", body),
            "13:20:00Z\t13:20:01Z {lag} 1.5s 1500"
        );
    }

    #[test]
    fn summary_and_json_are_the_pretty_summary_and_the_event_as_sent() {
        let body = json!({"event": "user.created", "event_ts": 1_733_232_000_111_i64,
            "payload": {"object": {"email": "priya@example.com", "first_name": "Priya"}}});
        assert_eq!(
            render("{@summary} | {@json}", body),
            "priya@example.com created | {\"event\":\"user.created\",\"event_ts\":1733232000111,\
             \"payload\":{\"object\":{\"email\":\"priya@example.com\",\"first_name\":\"Priya\"}}}"
        );
    }

    #[test]
    fn strings_cannot_break_the_line_and_objects_print_as_json() {
        let body = json!({"event": "chat_message.sent", "m": "two\nlines", "o": {"a": [1]}});
        assert_eq!(render("{m} {o}", body), "two\\nlines {\"a\":[1]}");
    }

    #[test]
    fn mistakes_are_usage_errors_that_say_where() {
        for (text, needle) in [
            ("{event", "never closed (character 1)"),
            ("ab {event", "never closed (character 4)"),
            (
                "{a{b}",
                "inside the placeholder opened at character 1, and placeholders do not nest \
                 (character 3)",
            ),
            (
                "{a}{b{{c}}",
                "opened at character 4, and placeholders do not nest (character 6)",
            ),
            ("a } b", "closes nothing (character 3)"),
            ("x {} y", "empty placeholder"),
            ("{@nope}", "unknown value {@nope}; known: @time"),
            (" ", "--template is empty"),
        ] {
            let err = Template::parse(text).unwrap_err().0;
            assert!(err.contains(needle), "{text}: {err}");
            assert!(err.contains("--template"), "{err}");
        }
    }
}
