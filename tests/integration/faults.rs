//! The fault suite: each way a network or Zoom's servers misbehave, and what zoomws does.

use std::collections::HashSet;
use std::io::Read;

use crate::support::{self, Mock, Running, read_lines, run};

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
fn server_close_codes_are_shown_and_survived() {
    for code in ["1000", "1001", "1008", "1011"] {
        let mock = Mock::start(&[
            "--rate",
            "50",
            "--drop-after",
            "2",
            "--max-drops",
            "1",
            "--drop-code",
            code,
        ]);

        let out = run(mock.tail(&["--json", "--count", "4"]));

        assert_eq!(out.code(), 0, "{}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("closed the connection (code {code}")),
            "{}",
            out.stderr
        );
        assert_printed_exactly_once(&mock, &out.lines());
    }
}

#[test]
fn an_upgrade_that_never_completes_times_out_and_is_retried() {
    let mock = Mock::start(&["--rate", "50", "--hang-upgrade", "1"]);

    let out = run(mock
        .tail(&["--json", "--count", "2"])
        .env("ZOOMWS_CONNECT_TIMEOUT", "300ms"));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("no WebSocket handshake within 300ms; reconnecting in")
    );
}

#[test]
fn a_refused_upgrade_shows_the_http_status() {
    for (status, text) in [
        ("401", "401 Unauthorized"),
        ("403", "403 Forbidden"),
        ("404", "404 Not Found"),
        ("500", "500 Internal Server Error"),
    ] {
        let mock = Mock::start(&["--rate", "50", "--refuse-upgrade", status]);

        let out = run(mock.tail(&["--json", "--count", "2"]));

        assert_eq!(out.code(), 0, "{}", out.stderr);
        let shown = format!("the server refused the WebSocket connection with HTTP {text}");
        assert!(out.stderr.contains(&shown), "{}", out.stderr);
    }
}

#[test]
fn max_retries_ends_with_exit_1_and_the_last_error() {
    let mock = Mock::start(&["--refuse-upgrade", "503", "--refuse-count", "100"]);

    let out = run(mock.tail(&["--json", "--max-retries", "3"]));

    assert_eq!(out.code(), 1, "{}", out.stderr);
    assert_eq!(
        out.stderr.lines().last().unwrap(),
        "zoomws: error: gave up after 3 failed connection attempts in a row (--max-retries): \
         the server refused the WebSocket connection with HTTP 503 Service Unavailable"
    );
}

#[test]
fn a_token_revoked_by_another_process_is_replaced_once() {
    let mock = Mock::start(&["--rate", "20", "--token-policy", "single"]);
    let mut tail = Running::spawn(&mut mock.tail(&["--json"]));
    read_lines(&mut tail.child, 2);

    assert_eq!(
        support::request_token(&mock),
        200,
        "the other process gets its token"
    );
    read_lines(&mut tail.child, 3);
    support::signal(&tail.child, "TERM");
    let (code, stderr) = tail.wait();

    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.matches("Zoom rejected the access token").count(),
        1,
        "{stderr}"
    );
    assert_eq!(
        mock.log().matches("issued an access token").count(),
        3,
        "{}",
        mock.log()
    );
}

#[test]
fn a_token_endpoint_that_never_answers_is_retried() {
    let mock = Mock::start(&["--rate", "50", "--hang-token", "1"]);

    let out = run(mock
        .tail(&["--json", "-n", "1"])
        .env("ZOOMWS_CONNECT_TIMEOUT", "300ms"));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("token request failed: timed out waiting for 127.0.0.1:")
    );
}

#[test]
fn an_unreachable_token_endpoint_is_retried_then_given_up() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mock = Mock::start(&[]);

    let out = run(mock.tail(&["--max-retries", "2"]).env(
        "ZOOM_OAUTH_URL",
        format!("http://127.0.0.1:{port}/oauth/token"),
    ));

    assert_eq!(out.code(), 1, "{}", out.stderr);
    assert_eq!(
        out.stderr
            .matches("token request failed: could not connect")
            .count(),
        1
    );
    let last = out.stderr.lines().last().unwrap();
    assert!(
        last.starts_with("zoomws: error: gave up after 2 failed token requests"),
        "{last}"
    );
    assert!(last.contains("Connection refused"), "{last}");
}

#[test]
fn a_token_host_that_does_not_resolve_is_reported() {
    let mock = Mock::start(&[]);

    let out = run(mock
        .tail(&["--max-retries", "1"])
        .env("ZOOM_OAUTH_URL", "https://zoomws-test.invalid/oauth/token"));

    assert_eq!(out.code(), 1, "{}", out.stderr);
    let last = out.stderr.lines().last().unwrap();
    assert!(
        last.contains("could not connect to zoomws-test.invalid:443"),
        "{last}"
    );
    assert!(last.contains("failed to lookup address"), "{last}");
}

#[test]
fn another_consumer_taking_the_subscription_is_named_and_not_fought() {
    let mock = Mock::start(&["--rate", "20"]);
    // Each client takes the subscription within its backoff (at most 400 ms), sooner than the
    // 1 s heartbeat interval that would make a connection count as healthy.
    let tail = || {
        let mut command = mock.tail(&["--json", "--timeout", "4s"]);
        command.env("ZOOMWS_HEARTBEAT_INTERVAL", "1s");
        Running::spawn(&mut command)
    };
    let (first, second) = (tail(), tail());

    let (code_a, stderr_a) = first.wait();
    let (code_b, stderr_b) = second.wait();

    assert_eq!((code_a, code_b), (0, 0));
    let warning = "another consumer seems to hold this subscription";
    let warned = [&stderr_a, &stderr_b]
        .into_iter()
        .find(|s| s.contains(warning));
    let warned = warned.unwrap_or_else(|| panic!("{stderr_a}\n{stderr_b}"));
    // From the warning on, every wait is near the 400 ms cap.
    let after = &warned[warned.find(warning).unwrap()..];
    for line in after
        .lines()
        .filter_map(|l| l.split("; reconnecting in ").nth(1))
    {
        let delay = humantime::parse_duration(line).unwrap();
        assert!(
            delay >= std::time::Duration::from_millis(200),
            "{line}\n{warned}"
        );
    }
    // With the delay near its cap, 4 s allows about ten attempts each, not hundreds.
    let connections = mock.log().matches("client subscribed").count();
    assert!(
        connections <= 30,
        "{connections} connections: the clients fight in a tight loop"
    );
}

#[test]
fn two_processes_revoking_each_others_tokens_do_not_trade_them_in_a_tight_loop() {
    // Each new token revokes the older ones, as another process using the same app would.
    let mock = Mock::start(&[
        "--rate",
        "20",
        "--token-policy",
        "single",
        "--second-connection",
        "fanout",
    ]);
    // Each token lives until the other process asks for one, within its backoff (at most
    // 400 ms): sooner than the 1 s heartbeat interval that would make a connection healthy.
    let tail = || {
        let mut command = mock.tail(&["--json", "--timeout", "3s"]);
        command.env("ZOOMWS_HEARTBEAT_INTERVAL", "1s");
        Running::spawn(&mut command)
    };
    let (first, second) = (tail(), tail());

    let (code_a, stderr_a) = first.wait();
    let (code_b, stderr_b) = second.wait();

    // A fresh token refused before it was ever accepted is final (exit 3); otherwise both run.
    assert!(
        [0, 3].contains(&code_a) && [0, 3].contains(&code_b),
        "{stderr_a}\n{stderr_b}"
    );
    let warning = "another process using this app's credentials may be revoking them";
    assert!(
        stderr_a.contains(warning) || stderr_b.contains(warning),
        "{stderr_a}\n{stderr_b}"
    );
    let tokens = mock.log().matches("issued an access token").count();
    assert!(tokens <= 50, "{tokens} tokens in 3 s: a tight loop");
}

#[test]
fn max_retries_counts_links_that_go_silent_before_they_prove_healthy() {
    // Every connection subscribes, then never answers a heartbeat.
    let mock = Mock::start(&["--rate", "20", "--silent-after", "0"]);

    let out = run(mock
        .tail(&["--json", "--max-retries", "2"])
        .env("ZOOMWS_HEARTBEAT_TIMEOUT", "200ms"));

    assert_eq!(out.code(), 1, "{}", out.stderr);
    let last = out.stderr.lines().last().unwrap();
    assert!(
        last.starts_with("zoomws: error: gave up after 2 failed connection attempts in a row"),
        "{last}"
    );
    assert!(last.contains("no answer to a heartbeat"), "{last}");
}

#[test]
fn a_server_going_away_is_not_taken_for_another_consumer() {
    // Short connections, each closed by the server; 1s heartbeats, so none counts as healthy.
    for (code, taken) in [("1001", false), ("1012", false), ("1000", true)] {
        let mock = Mock::start(&[
            "--rate",
            "50",
            "--drop-after",
            "2",
            "--max-drops",
            "4",
            "--drop-code",
            code,
        ]);

        let out = run(mock
            .tail(&["--json", "--count", "10"])
            .env("ZOOMWS_HEARTBEAT_INTERVAL", "1s"));

        assert_eq!(out.code(), 0, "{}", out.stderr);
        let warned = out
            .stderr
            .contains("another consumer seems to hold this subscription");
        assert_eq!(warned, taken, "close code {code}:\n{}", out.stderr);
    }
}

#[test]
fn malformed_frames_are_reported_and_the_stream_goes_on() {
    let mock = Mock::start(&["--rate", "50", "--malformed-every", "1"]);

    let out = run(mock.tail(&["--json", "--count", "12"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_printed_exactly_once(&mock, &out.lines());
    for warning in [
        "ignoring a frame zoomws cannot read: frame is not a JSON envelope",
        "ignoring a binary frame of 4 B",
        "ignoring a frame zoomws cannot read: message content is not a JSON event",
        "ignoring a frame of unknown module \"presence\"",
        "recursion limit exceeded",
        "message content is JSON but not an object",
    ] {
        assert!(
            out.stderr.contains(warning),
            "{warning} missing:\n{}",
            out.stderr
        );
    }
    assert!(
        out.stderr.contains("0 reconnects"),
        "the connection survived: {}",
        out.stderr
    );
}

#[test]
fn a_frame_over_the_size_limit_is_refused_and_the_stream_goes_on() {
    let mock = Mock::start(&["--rate", "50", "--oversize-after", "2"]);

    let out = run(mock.tail(&["--json", "--count", "5"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("over the 16.0 MiB limit"),
        "{}",
        out.stderr
    );
    assert_printed_exactly_once(&mock, &out.lines());
}

#[test]
fn invalid_utf8_is_reported_and_the_stream_goes_on() {
    let mock = Mock::start(&[]);
    let server = support::RawServer::start(2);

    let out = run(mock
        .tail(&["--json", "--count", "2"])
        .env("ZOOM_WS_URL", server.url()));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("a text frame that is not valid UTF-8"),
        "{}",
        out.stderr
    );
    assert_eq!(
        support::event_names(&out.lines()),
        ["raw.event", "raw.event"]
    );
}

#[test]
fn redelivered_events_are_printed_once() {
    let mock = Mock::start(&[
        "--rate",
        "50",
        "--drop-after",
        "4",
        "--max-drops",
        "2",
        "--replay-on-reconnect",
        "3",
    ]);

    let out = run(mock.tail(&["--json", "--count", "10"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_printed_exactly_once(&mock, &out.lines());
    assert!(
        out.stderr.contains("6 duplicates dropped"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_identical_event_on_a_live_connection_is_printed_again() {
    // Not a redelivery: Zoom sent the same event twice while connected, so both are shown.
    let first = &support::sample_events()[0];
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), format!("{first}\n{first}\n")).unwrap();
    let path = file.path().to_str().unwrap();
    let mock = Mock::start(&["--rate", "50", "--events-file", path, "--limit", "2"]);

    let out = run(mock.tail(&["--json", "--count", "2"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(out.lines(), [first.as_str(), first.as_str()]);
    assert!(!out.stderr.contains("duplicate"), "{}", out.stderr);
}

#[test]
fn a_slow_reader_does_not_stop_heartbeats_and_loses_nothing() {
    let mock = Mock::start(&["--rate", "2000", "--limit", "3000"]);
    let mut tail = Running::spawn(
        mock.tail(&["--json", "--count", "3000", "--backlog-warn", "500"])
            .env("ZOOMWS_HEARTBEAT_INTERVAL", "100ms")
            .env("ZOOMWS_HEARTBEAT_TIMEOUT", "300ms"),
    );

    // Read nothing until zoomws reports the backlog, then let heartbeats run a while longer.
    support::wait_until(|| tail.stderr().contains("events are waiting for stdout"));
    let before = mock
        .log()
        .matches("received {\"module\":\"heartbeat\"}")
        .count();
    support::wait_until(|| {
        mock.log()
            .matches("received {\"module\":\"heartbeat\"}")
            .count()
            >= before + 5
    });

    let mut stdout = String::new();
    tail.child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let (code, stderr) = tail.wait();

    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("looks dead"), "{stderr}");
    let printed: Vec<&str> = stdout.lines().collect();
    assert_eq!(printed.len(), 3000);
    assert_printed_exactly_once(&mock, &printed);
}

#[test]
fn a_slow_pipe_does_not_stop_heartbeats_while_stderr_shows_the_status_line() {
    let mock = Mock::start(&["--rate", "2000", "--limit", "3000"]);
    let fifo = mock.dir().join("stdout.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());

    // stderr on a terminal (so the status line is drawn), stdout into a pipe nobody reads yet.
    let line = format!(
        "exec {} tail --json --count 3000 --backlog-warn 500 > {}",
        support::BIN,
        fifo.display()
    );
    let mut script = support::on_a_pseudo_terminal(&mock, &line);
    script
        .env("ZOOMWS_HEARTBEAT_INTERVAL", "100ms")
        .env("ZOOMWS_HEARTBEAT_TIMEOUT", "300ms")
        .stdout(std::process::Stdio::null());
    let script = Running::spawn(&mut script);
    let reader = std::fs::File::open(&fifo).unwrap();

    // Twenty heartbeats at 100 ms while the pipe is full and nothing is read.
    let heartbeats = || {
        mock.log()
            .matches("received {\"module\":\"heartbeat\"}")
            .count()
    };
    support::wait_until(|| heartbeats() >= 20);

    let mut stdout = String::new();
    std::io::BufReader::new(reader)
        .read_to_string(&mut stdout)
        .unwrap();
    let (code, _) = script.wait();
    assert_eq!(code, 0);
    let printed: Vec<&str> = stdout.lines().collect();
    assert_eq!(printed.len(), 3000);
    assert_printed_exactly_once(&mock, &printed);
}

#[test]
fn quiet_still_says_when_it_keeps_failing_to_connect() {
    let mut mock = Mock::start(&[]);
    let mut tail = mock.tail(&["-q", "--timeout", "3s"]);
    mock.kill();

    let out = run(&mut tail);

    assert_eq!(out.code(), 0, "{}", out.stderr);
    let said: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(said.len(), 1, "{}", out.stderr);
    assert!(
        said[0].starts_with("zoomws: error: 5 token requests in a row failed (the last: "),
        "{}",
        out.stderr
    );
    assert!(said[0].ends_with("still retrying (--max-retries N gives up instead)"));
}

#[test]
fn events_received_before_a_fatal_error_are_all_printed() {
    let mut mock = Mock::start(&["--rate", "40"]);
    let mut tail = Running::spawn(&mut mock.tail(&["--json", "--max-retries", "1"]));
    let mut printed = read_lines(&mut tail.child, 3);

    mock.kill();
    let mut rest = String::new();
    tail.child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut rest)
        .unwrap();
    printed.extend(rest.lines().map(str::to_owned));
    let (code, stderr) = tail.wait();

    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("gave up after 1 failed connection attempt "),
        "{stderr}"
    );
    assert_eq!(
        printed,
        mock.recorded(0),
        "every delivered event is printed before the exit"
    );
}

#[test]
fn a_secret_file_is_read_and_a_secret_flag_warns() {
    let mock = Mock::start(&["--rate", "50"]);
    let file = mock.dir().join("secret");
    std::fs::write(&file, format!("{}\n", mock.var("ZOOM_CLIENT_SECRET"))).unwrap();

    let out = run(mock
        .tail(&["--json", "-n", "1"])
        .env_remove("ZOOM_CLIENT_SECRET")
        .env("ZOOM_CLIENT_SECRET_FILE", &file));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);

    let out = run(mock.tail(&[
        "--json",
        "-n",
        "1",
        "--client-secret",
        mock.var("ZOOM_CLIENT_SECRET"),
    ]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "warning: --client-secret on the command line can be read by other \
        users"
        ),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn an_env_file_readable_by_others_gets_a_warning() {
    use std::os::unix::fs::PermissionsExt;

    let mock = Mock::start(&["--rate", "50"]);
    let env_file = mock.dir().join("zoom.env");
    let lines: String = mock.env.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
    std::fs::write(&env_file, lines).unwrap();
    std::fs::set_permissions(&env_file, std::fs::Permissions::from_mode(0o644)).unwrap();

    let mut tail = support::client(mock.dir());
    tail.args(["tail", "--json", "-n", "1", "--env-file"])
        .arg(&env_file);
    let out = run(&mut tail);

    assert_eq!(out.code(), 0, "{}", out.stderr);
    let expected = format!(
        "zoomws: warning: {} can be read by other users (mode 644); restrict \
        it with: chmod 600 {}",
        env_file.display(),
        env_file.display()
    );
    assert!(out.stderr.contains(&expected), "{}", out.stderr);

    std::fs::set_permissions(&env_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = run(&mut tail);
    assert!(!out.stderr.contains("other users"), "{}", out.stderr);
}
