//! Any text the server might send: decoding must not panic, and every event must render to a
//! single line of text and a single line of JSON that reads back as the same event.

#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use zoomws::output::{Clock, Style, Template, Timestamps, Width, pretty, summarize};
use zoomws::protocol::{Event, Incoming, decode};
use zoomws::session::Received;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(Incoming::Event(event)) = decode(text) else { return };

    assert!(!summarize(&event).chars().any(char::is_control), "control character in summary");
    let received = Received { event, at: chrono::Utc::now(), frame: None };
    let style = Style {
        clock: Clock::local(Timestamps::Rfc3339),
        lag_warn: Duration::ZERO,
        width: Width::Columns(60),
    };
    let line = pretty::line(&received, &style);
    assert!(!line.contains('\n') && !line.contains('\r'), "pretty line split: {line:?}");
    let template = Template::parse("{event} {payload.object.topic} {@lag} {@summary}").unwrap();
    let line = template.render(&received, &style.clock);
    assert!(!line.contains('\n') && !line.contains('\r'), "template line split: {line:?}");
    let event = received.event;

    let json = event.to_json_line();
    assert!(!json.contains('\n'), "JSON line split");
    let again = Event::from_value(serde_json::from_str(&json).unwrap()).unwrap();
    assert_eq!(again.to_json_line(), json, "JSON output does not read back");
});
