//! One-line, human summaries of Zoom events: who did what to which meeting.
//!
//! Field types vary between events (a meeting `id` is a string in `meeting.started` but a
//! number in `meeting.created`), so every read goes through [`text`], which accepts both.

use serde_json::Value;

use crate::human;
use crate::protocol::Event;

/// Longest chat message shown before it is cut.
const MESSAGE_PREVIEW_CHARS: usize = 80;

/// A short description of what happened, never empty.
pub fn summarize(event: &Event) -> String {
    let body = event.value();
    let payload = body.get("payload").unwrap_or(&Value::Null);
    let object = payload.get("object").unwrap_or(&Value::Null);
    let name = event.name();
    let action = name.rsplit('.').next().unwrap_or(name);

    let summary = match name {
        "meeting.created" | "webinar.created" => scheduled(payload, object),
        "meeting.participant_joined" | "webinar.participant_joined" => joined(object),
        "meeting.participant_left" | "webinar.participant_left" => left(object),
        "meeting.ended" | "webinar.ended" => ended(object),
        "meeting.updated" | "webinar.updated" | "user.updated" => updated(payload, object),
        "recording.completed" => recording(object),
        "user.created" => user_created(payload, object),
        "chat_message.sent" => chat_message(payload, object),
        "phone.callee_ringing" | "phone.caller_ringing" => ringing(object),
        _ => generic(action, payload, object),
    };
    human::sanitize(summary.trim_end())
}

/// A field as text, whether Zoom sent it as a string or a number; empty when absent.
fn text(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// `"Topic" (id)`, or whichever of the two is present.
fn subject(object: &Value) -> String {
    let topic = text(object, "topic");
    let id = text(object, "id");
    match (topic.is_empty(), id.is_empty()) {
        (false, false) => format!("\"{topic}\" ({id})"),
        (false, true) => format!("\"{topic}\""),
        (true, false) => id,
        (true, true) => String::new(),
    }
}

/// ` by someone`, naming the operator when the event has one.
fn by(payload: &Value) -> String {
    let operator = text(payload, "operator");
    if operator.is_empty() {
        String::new()
    } else {
        format!(" by {operator}")
    }
}

/// The first non-empty of the given fields.
fn first_of(value: &Value, keys: &[&str]) -> String {
    keys.iter()
        .map(|k| text(value, k))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

fn scheduled(payload: &Value, object: &Value) -> String {
    let mut line = format!("{} scheduled", subject(object));
    let start = text(object, "start_time");
    if !start.is_empty() {
        line.push_str(&format!(" for {start}"));
    }
    let duration = text(object, "duration");
    if !duration.is_empty() {
        line.push_str(&format!(", {duration} min"));
    }
    line + &by(payload)
}

fn participant_name(object: &Value) -> String {
    let participant = object.get("participant").unwrap_or(&Value::Null);
    let name = first_of(participant, &["user_name", "email", "user_id"]);
    if name.is_empty() {
        "someone".into()
    } else {
        name
    }
}

fn joined(object: &Value) -> String {
    format!("{} joined {}", participant_name(object), subject(object))
}

fn left(object: &Value) -> String {
    let reason = object
        .get("participant")
        .map(|p| text(p, "leave_reason"))
        .unwrap_or_default();
    // Zoom writes "<name> left the meeting.<br>Reason: <why>"; the part after "Reason:" is
    // the useful bit.
    let why = reason
        .rsplit("Reason:")
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();

    let line = format!("{} left {}", participant_name(object), subject(object));
    if why.is_empty() {
        line
    } else {
        format!("{line} ({why})")
    }
}

fn ended(object: &Value) -> String {
    let line = format!("{} ended", subject(object));
    let minutes = minutes_between(&text(object, "start_time"), &text(object, "end_time"));
    match minutes {
        Some(minutes) => format!("{line} after {minutes} min"),
        None => line,
    }
}

fn minutes_between(start: &str, end: &str) -> Option<i64> {
    let start = chrono::DateTime::parse_from_rfc3339(start).ok()?;
    let end = chrono::DateTime::parse_from_rfc3339(end).ok()?;
    Some(((end - start).num_seconds() + 30) / 60)
}

fn updated(payload: &Value, object: &Value) -> String {
    let old = payload.get("old_object").unwrap_or(&Value::Null);
    let changes: Vec<String> = object
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, _)| key.as_str() != "id")
        .map(|(key, new)| match old.get(key) {
            Some(before) => format!("{key} {} → {}", short(before), short(new)),
            None => format!("{key} → {}", short(new)),
        })
        .collect();

    let what = if subject(object).is_empty() {
        "?".into()
    } else {
        subject(object)
    };
    let mut line = format!("{what} updated{}", by(payload));
    if !changes.is_empty() {
        line.push_str(&format!(": {}", changes.join(", ")));
    }
    line
}

/// A scalar as written; objects and arrays as `{…}` and `[…]`.
fn short(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(_) => "{…}".into(),
        Value::Array(_) => "[…]".into(),
        other => other.to_string(),
    }
}

fn recording(object: &Value) -> String {
    let files = object
        .get("recording_files")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let count = object
        .get("recording_count")
        .and_then(Value::as_u64)
        .unwrap_or(files as u64);
    let plural = if count == 1 { "" } else { "s" };

    let mut line = format!("{} recorded: {count} file{plural}", subject(object));
    if let Some(size) = object.get("total_size").and_then(Value::as_u64) {
        line.push_str(&format!(", {}", human::bytes(size)));
    }
    line
}

fn user_created(payload: &Value, object: &Value) -> String {
    let mut name = first_of(object, &["display_name", "email", "id"]);
    let full = format!(
        "{} {}",
        text(object, "first_name"),
        text(object, "last_name")
    );
    if name.is_empty() {
        name = full.trim().to_owned();
    }
    let email = text(object, "email");
    let who = if email.is_empty() || email == name {
        name
    } else {
        format!("{name} <{email}>")
    };
    format!("{who} created{}", by(payload))
}

fn chat_message(payload: &Value, object: &Value) -> String {
    let sender = first_of(payload, &["operator", "operator_id"]);
    let place = match text(object, "channel_name") {
        name if !name.is_empty() => format!("#{name}"),
        _ => first_of(object, &["contact_email", "contact_id", "channel_id"]),
    };
    let message = text(object, "message");
    let preview: String = message.chars().take(MESSAGE_PREVIEW_CHARS).collect();
    let cut = if preview.len() < message.len() {
        "…"
    } else {
        ""
    };
    format!("{sender} → {place}: {preview}{cut}")
}

fn ringing(object: &Value) -> String {
    let caller = object.get("caller").unwrap_or(&Value::Null);
    let callee = object.get("callee").unwrap_or(&Value::Null);
    let from = first_of(caller, &["name", "phone_number", "extension_number"]);
    let ext = text(callee, "extension_number");
    let to = match (ext.is_empty(), text(callee, "phone_number")) {
        (false, number) if !number.is_empty() => format!("ext {ext} ({number})"),
        (false, _) => format!("ext {ext}"),
        (true, number) => number,
    };

    let mut line = format!("call from {} ringing {}", or_unknown(from), or_unknown(to));
    if let Some(forwarder) = object.get("forwarded_by") {
        let name = first_of(forwarder, &["name", "extension_number"]);
        if !name.is_empty() {
            line.push_str(&format!(", forwarded by {name}"));
        }
    }
    line
}

fn or_unknown(text: String) -> String {
    if text.is_empty() {
        "unknown".into()
    } else {
        text
    }
}

/// For event types without their own summary: the subject and the action, or the keys present.
fn generic(action: &str, payload: &Value, object: &Value) -> String {
    let action = action.replace('_', " ");
    let what = subject(object);
    if !what.is_empty() {
        return format!("{what} {action}{}", by(payload));
    }

    let name = first_of(
        object,
        &["name", "display_name", "email", "user_name", "call_id"],
    );
    if !name.is_empty() {
        return format!("{name} {action}{}", by(payload));
    }

    let keys: Vec<&str> = payload
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k.as_str())
        .filter(|k| *k != "account_id")
        .collect();
    if keys.is_empty() {
        format!("{action} (no details)")
    } else {
        format!("{action}: {}", keys.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const EVENTS: &str = include_str!("../../tests/fixtures/events.jsonl");

    fn sample(name: &str) -> Event {
        EVENTS
            .lines()
            .map(|l| Event::from_value(serde_json::from_str(l).unwrap()).unwrap())
            .find(|e| e.name() == name)
            .unwrap_or_else(|| panic!("no sample {name}"))
    }

    #[test]
    fn every_sample_event_has_a_specific_summary() {
        let expected = [
            (
                "meeting.created",
                "\"Quarterly planning\" (84123456789) scheduled for 2026-12-04T15:00:00Z, 60 min \
                 by lena.ortiz@example.com",
            ),
            (
                "meeting.started",
                "\"Quarterly planning\" (84123456789) started",
            ),
            (
                "meeting.participant_joined",
                "Søren Ægidius joined \"Quarterly planning\" (84123456789)",
            ),
            (
                "meeting.participant_left",
                "Søren Ægidius left \"Quarterly planning\" (84123456789) (left the meeting)",
            ),
            (
                "meeting.ended",
                "\"Quarterly planning\" (84123456789) ended after 60 min",
            ),
            (
                "recording.completed",
                "\"Quarterly planning\" (84123456789) recorded: 2 files, 50.0 MiB",
            ),
            (
                "user.created",
                "Priya Raman <priya.raman@example.com> created by admin@example.com",
            ),
            (
                "user.updated",
                "NewUs3rIdQwErTy12 updated by admin@example.com: type 1 → 2",
            ),
            (
                "webinar.started",
                "\"Product launch — Q&A 🚀\" (91234567890) started",
            ),
            (
                "meeting.deleted",
                "\"Cancelled sync\" (85987654321) deleted by lena.ortiz@example.com",
            ),
            (
                "phone.callee_ringing",
                "call from +14155550100 ringing ext 1042 (+14155550142), forwarded by Support queue",
            ),
            (
                "chat_message.sent",
                "lena.ortiz@example.com → #eng-läuft: Deploy done ✅ \"quoted\" and a \\ \
                 backslash\\nsecond line",
            ),
        ];

        assert_eq!(
            expected.len(),
            EVENTS.lines().count(),
            "every sample needs a summary"
        );
        for (name, summary) in expected {
            assert_eq!(summarize(&sample(name)), summary, "{name}");
        }
    }

    #[test]
    fn unknown_events_fall_back_to_what_they_carry() {
        let with_object = json!({"event": "meeting.sharing_started",
            "payload": {"object": {"id": 5, "topic": "T"}}});
        assert_eq!(
            summarize(&Event::from_value(with_object).unwrap()),
            "\"T\" (5) sharing started"
        );

        let rtms = json!({"event": "meeting.rtms_started",
            "payload": {"account_id": "a", "meeting_uuid": "u", "rtms_stream_id": "s"}});
        assert_eq!(
            summarize(&Event::from_value(rtms).unwrap()),
            "rtms started: meeting_uuid, rtms_stream_id"
        );

        let bare = json!({"event": "x"});
        assert_eq!(
            summarize(&Event::from_value(bare).unwrap()),
            "x (no details)"
        );
    }

    #[test]
    fn wrong_types_do_not_break_summaries() {
        let odd = json!({"event": "meeting.participant_joined",
            "payload": {"object": {"id": [1], "topic": {"a": 1}, "participant": "nobody"}}});
        assert_eq!(
            summarize(&Event::from_value(odd).unwrap()),
            "someone joined"
        );
        let ring = json!({"event": "phone.caller_ringing", "payload": {"object": {}}});
        assert_eq!(
            summarize(&Event::from_value(ring).unwrap()),
            "call from unknown ringing unknown"
        );
    }

    #[test]
    fn long_chat_messages_are_cut() {
        let long = "x".repeat(200);
        let chat = json!({"event": "chat_message.sent", "payload": {"operator": "a",
            "object": {"channel_name": "c", "message": long}}});
        let summary = summarize(&Event::from_value(chat).unwrap());
        assert!(
            summary.ends_with(&format!("{}…", "x".repeat(MESSAGE_PREVIEW_CHARS))),
            "{summary}"
        );
    }
}
