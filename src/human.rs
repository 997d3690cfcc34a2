//! Small formatting helpers for text meant for people: durations, sizes, error causes.

use std::error::Error;
use std::time::Duration;

/// A duration rounded for reading: `420µs`, `250ms`, `4s`, `1m 05s`, `2h 03m`.
pub fn duration(d: Duration) -> String {
    let secs = d.as_secs();
    match secs {
        0 if d.subsec_millis() > 0 => format!("{}ms", d.subsec_millis()),
        0 if d.subsec_micros() > 0 => format!("{}µs", d.subsec_micros()),
        0..60 => {
            let tenths = d.as_millis() / 100;
            if tenths.is_multiple_of(10) || secs >= 10 {
                format!("{secs}s")
            } else {
                format!("{}.{}s", tenths / 10, tenths % 10)
            }
        }
        60..3600 => format!("{}m {:02}s", secs / 60, secs % 60),
        3600..172_800 => format!("{}h {:02}m", secs / 3600, secs % 3600 / 60),
        _ => format!("{}d {:02}h", secs / 86_400, secs % 86_400 / 3600),
    }
}

/// A byte count in binary units: `512 B`, `50.0 MiB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// The innermost cause of an error, which is usually the one that explains it.
pub fn root_cause(err: &dyn Error) -> String {
    let mut cause = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Replaces control and bidirectional-override characters with visible escapes, so text from
/// the network can neither break a line in two nor rewrite the terminal.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&c.escape_unicode().to_string());
            }
            c => out.push(c),
        }
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        let cases = [
            (Duration::from_millis(250), "250ms"),
            (Duration::from_millis(1500), "1.5s"),
            (Duration::from_secs(4), "4s"),
            (Duration::from_millis(12_700), "12s"),
            (Duration::from_secs(65), "1m 05s"),
            (Duration::from_secs(7380), "2h 03m"),
            (Duration::from_secs(47 * 3600 + 59 * 60), "47h 59m"),
            (Duration::from_secs(3 * 86_400 + 5 * 3600 + 7), "3d 05h"),
            (Duration::from_micros(420), "420µs"),
            (Duration::ZERO, "0s"),
        ];
        for (d, text) in cases {
            assert_eq!(duration(d), text);
        }
    }

    #[test]
    fn bytes_use_binary_units() {
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(52_428_800), "50.0 MiB");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(u64::MAX), "16384.0 PiB");
    }

    #[test]
    fn sanitize_escapes_what_could_harm_a_terminal() {
        assert_eq!(sanitize("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(sanitize("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(sanitize("evil\u{202E}txt"), "evil\\u{202e}txt");
        assert_eq!(sanitize("Søren 🚀 李"), "Søren 🚀 李");
    }
}
