//! Any text the server might send: decoding must not panic, and every event must render to a
//! single line of text and a single line of JSON that reads back as the same event.

#![no_main]

use libfuzzer_sys::fuzz_target;
use zoomws::output::{pretty_line, summarize};
use zoomws::protocol::{Event, Incoming, decode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(Incoming::Event(event)) = decode(text) else { return };

    let line = pretty_line(&event);
    assert!(!line.contains('\n') && !line.contains('\r'), "pretty line split: {line:?}");
    assert!(!summarize(&event).chars().any(char::is_control), "control character in summary");

    let json = event.to_json_line();
    assert!(!json.contains('\n'), "JSON line split");
    let again = Event::from_value(serde_json::from_str(&json).unwrap()).unwrap();
    assert_eq!(again.to_json_line(), json, "JSON output does not read back");
});
