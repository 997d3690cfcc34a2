//! The session survives drops, silence and token trouble, and never loses or repeats an event.

use std::collections::HashSet;
use std::time::Duration;

use crate::support::{self, Mock, Running, run};

/// Every printed event was delivered by the emulator, none twice, in delivery order.
fn assert_printed_exactly_once(mock: &Mock, printed: &[&str]) {
    let unique: HashSet<&&str> = printed.iter().collect();
    assert_eq!(unique.len(), printed.len(), "an event was printed twice");

    let recorded = mock.recorded(printed.len());
    assert_eq!(
        printed,
        &recorded[..printed.len()],
        "printed events must be the delivered ones"
    );
}

#[test]
fn dropped_connections_with_a_close_frame_are_reestablished() {
    let mock = Mock::start(&["--rate", "50", "--drop-after", "4", "--max-drops", "3"]);

    let out = run(mock.tail(&["--json", "--count", "16"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_printed_exactly_once(&mock, &out.lines());
    assert_eq!(
        out.stderr
            .matches("the server closed the connection (code 1001")
            .count(),
        3
    );
    assert_eq!(
        out.stderr
            .matches("reconnected; no connection from")
            .count(),
        3,
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("Zoom does not redeliver events from that time")
    );
    assert!(out.stderr.contains("3 reconnects"), "{}", out.stderr);
}

#[test]
fn dropped_connections_without_a_close_frame_are_reestablished() {
    let mock = Mock::start(&[
        "--rate",
        "50",
        "--drop-after",
        "3",
        "--drop-mode",
        "reset",
        "--max-drops",
        "2",
    ]);

    let out = run(mock.tail(&["--json", "--count", "10"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_printed_exactly_once(&mock, &out.lines());
    assert!(out.stderr.contains("reconnecting in"), "{}", out.stderr);
    assert!(
        mock.log().contains("connection 3: client subscribed"),
        "{}",
        mock.log()
    );
}

#[test]
fn a_silent_server_is_detected_and_left() {
    let mock = Mock::start(&["--rate", "20", "--silent-after", "2"]);

    let out = run(mock
        .tail(&["-v", "--json", "--count", "4"])
        .env("ZOOMWS_HEARTBEAT_INTERVAL", "300ms")
        .env("ZOOMWS_HEARTBEAT_TIMEOUT", "300ms"));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("no answer to a heartbeat within 300ms"),
        "{}",
        out.stderr
    );
    assert_printed_exactly_once(&mock, &out.lines());

    // Events were lost from the last frame heard, at least the 300 ms the silence took to be
    // noticed: the reported gap starts there, not at the moment the link was given up.
    let gap = out
        .stderr
        .lines()
        .find_map(|l| l.split("no connection from ").nth(1))
        .and_then(|rest| rest.split(", ").nth(1))
        .and_then(|rest| rest.split(':').next())
        .expect(&out.stderr);
    let gap = humantime::parse_duration(gap).unwrap();
    assert!(
        gap >= Duration::from_millis(300),
        "gap {gap:?}:\n{}",
        out.stderr
    );
    assert!(
        !out.stderr
            .contains("the connection was healthy; backoff reset"),
        "a connection that went silent at once was not healthy:\n{}",
        out.stderr
    );
}

#[test]
fn heartbeats_are_sent_exactly_as_zoom_documents() {
    let mock = Mock::start(&["--rate", "0.1"]);

    let out = run(mock
        .tail(&["--json", "--timeout", "1s"])
        .env("ZOOMWS_HEARTBEAT_INTERVAL", "100ms"));
    assert_eq!(out.code(), 0, "{}", out.stderr);

    let log = mock.log();
    let received: Vec<&str> = log
        .lines()
        .filter_map(|l| {
            l.split_once("connection 1: received ")
                .map(|(_, frame)| frame)
        })
        .collect();
    assert!(
        received.len() >= 5,
        "expected a heartbeat every 100ms:\n{log}"
    );
    assert!(
        received
            .iter()
            .all(|frame| *frame == r#"{"module":"heartbeat"}"#),
        "{received:?}"
    );
    assert!(!log.contains("unexpected frame"), "{log}");
}

#[test]
fn a_rejected_token_is_replaced_once_and_the_stream_goes_on() {
    let mock = Mock::start(&[
        "--rate",
        "50",
        "--reject-tokens",
        "1",
        "--reject-text",
        "Token is invalid",
    ]);

    let out = run(mock.tail(&["--json", "--count", "3"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Zoom rejected the access token (\"Token is invalid\")")
    );
    assert_eq!(
        mock.log().matches("issued an access token").count(),
        2,
        "one fresh token"
    );
    assert_eq!(out.lines().len(), 3);
}

#[test]
fn a_fresh_token_rejected_too_is_an_authentication_error() {
    let mock = Mock::start(&["--reject-tokens", "100", "--reject-text", "token is empty"]);

    let out = run(mock.tail(&["--json"]));

    assert_eq!(out.code(), 3, "{}", out.stderr);
    let last = out.stderr.lines().last().unwrap();
    assert!(
        last.starts_with("zoomws: error: Zoom refused the connection again, with a freshly issued"),
        "{last}"
    );
    assert!(last.contains("\"token is empty\""), "{last}");
    assert_eq!(
        mock.log().matches("issued an access token").count(),
        2,
        "no loop of attempts"
    );
}

#[test]
fn a_token_that_expires_while_connected_is_renewed() {
    let mock = Mock::start(&[
        "--rate",
        "20",
        "--token-ttl",
        "1s",
        "--expire-live",
        "close",
    ]);

    let out = run(mock.tail(&["--json", "--count", "30"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(mock.log().matches("issued an access token").count() >= 2);
    assert_printed_exactly_once(&mock, &out.lines());
}

#[test]
fn token_endpoint_errors_are_retried_with_visible_status() {
    let mock = Mock::start(&["--rate", "50", "--fail-token", "2", "--fail-status", "503"]);

    let out = run(mock.tail(&["--json", "--count", "1"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(
        out.stderr.matches("token request failed: HTTP 503").count(),
        2,
        "{}",
        out.stderr
    );
}

#[test]
fn rate_limited_token_requests_honour_retry_after() {
    let mock = Mock::start(&["--rate", "50", "--fail-token", "1", "--fail-status", "429"]);

    let out = run(mock.tail(&["--json", "--count", "1"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("HTTP 429 Too Many Requests; retrying in 1s"),
        "{}",
        out.stderr
    );
}

/// The delays of each "reconnecting in" line, in order.
fn reconnect_delays(stderr: &str) -> Vec<Duration> {
    stderr
        .lines()
        .filter_map(|line| line.split("; reconnecting in ").nth(1))
        .map(|delay| humantime::parse_duration(delay).expect(delay))
        .collect()
}

#[test]
fn healthy_connections_reset_the_backoff_and_are_not_taken_for_a_takeover() {
    // Each connection lives about half a second, over two 200 ms heartbeat intervals.
    let mock = Mock::start(&["--rate", "20", "--drop-after", "10", "--max-drops", "4"]);

    let out = run(mock.tail(&["-v", "--json", "--count", "45"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_printed_exactly_once(&mock, &out.lines());
    assert!(!out.stderr.contains("another consumer"), "{}", out.stderr);
    assert_eq!(
        out.stderr.matches("backoff reset").count(),
        4,
        "{}",
        out.stderr
    );
    let delays = reconnect_delays(&out.stderr);
    assert_eq!(delays.len(), 4, "{}", out.stderr);
    // Back at the first step every time: 50 ms plus up to 100 % jitter.
    for delay in delays {
        assert!(
            delay <= Duration::from_millis(100),
            "{delay:?}\n{}",
            out.stderr
        );
    }
}

#[test]
fn a_token_is_refreshed_ahead_of_expiry_without_a_rejection() {
    // The emulator leaves live sockets alone at expiry; each reconnect needs a valid token.
    let mock = Mock::start(&[
        "--rate",
        "20",
        "--token-ttl",
        "1s",
        "--drop-after",
        "8",
        "--max-drops",
        "5",
    ]);

    let out = run(mock.tail(&["--json", "--count", "50"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_printed_exactly_once(&mock, &out.lines());
    assert!(
        out.stderr
            .contains("access token is about to expire; fetching a new one"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("rejected the access token"),
        "{}",
        out.stderr
    );
    assert!(mock.log().matches("issued an access token").count() >= 2);
}

#[test]
fn a_fatal_error_still_prints_every_event_and_the_summary() {
    let mut mock = Mock::start(&["--rate", "50"]);
    let mut tail = Running::spawn(&mut mock.tail(&["--json", "--max-retries", "2"]));
    let printed = support::read_lines(&mut tail.child, 3);

    mock.kill();
    let (code, stderr) = tail.wait();

    assert_eq!(code, 1, "{stderr}");
    let last = stderr.lines().last().unwrap();
    assert!(
        last.starts_with("zoomws: error: gave up after 2 failed"),
        "{stderr}"
    );
    let summary = stderr
        .lines()
        .find(|l| l.contains("stopped after"))
        .expect(&stderr);
    assert!(summary.contains("without a connection"), "{summary}");
    let received: usize = summary
        .rsplit(": ")
        .next()
        .and_then(|counts| counts.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect(summary);
    assert!(received >= printed.len(), "{summary}");
    assert!(summary.contains(&format!("{received} shown")), "{summary}");
}

#[test]
fn the_emulator_does_not_redeliver_events_from_while_no_client_was_connected() {
    let mock = Mock::start(&["--rate", "50"]);

    let first = run(mock.tail(&["--json", "--count", "3"]));
    support::wait_until(|| mock.log().contains("no client connected: events are lost"));
    let second = run(mock.tail(&["--json", "--count", "3"]));

    assert_eq!((first.code(), second.code()), (0, 0), "{}", second.stderr);
    let (first, second) = (first.lines(), second.lines());
    assert!(
        second.iter().all(|event| !first.contains(event)),
        "redelivered"
    );
    // The emulator records what it delivered: the first run's events, then the second's; the
    // ones produced in between went nowhere, as with Zoom.
    let recorded = mock.recorded(6);
    assert_eq!(recorded[..3], first[..]);
    assert_eq!(recorded[3..6], second[..]);
    let number = |event: &str| -> u64 {
        let value: serde_json::Value = serde_json::from_str(event).unwrap();
        value["event_ts"].as_u64().unwrap()
    };
    assert!(number(second[0]) > number(first[2]));
}

#[test]
fn a_web_page_for_a_token_ends_at_once_pointing_at_the_url() {
    // A server that answers every request with 200 and an HTML page, as a portal would.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for stream in listener.incoming().flatten().take(5) {
            let mut stream = stream;
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let page = "<html>Sign in</html>";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    let mock = Mock::start(&[]);
    let url = format!("http://127.0.0.1:{port}/");

    let out = run(mock.tail(&["--oauth-url", &url]));

    assert_eq!(out.code(), 1, "{}", out.stderr);
    let last = out.stderr.lines().last().unwrap();
    assert!(
        last.contains("answered 200 OK without an access token"),
        "{last}"
    );
    assert!(last.contains("check --oauth-url"), "{last}");
    assert!(!out.stderr.contains("retrying"), "{}", out.stderr);
}
