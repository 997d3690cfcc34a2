//! Every way a tail ends: closed pipe, signals, exit codes, and secrets kept out of output.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::support::{self, Mock, finish, run};

#[test]
fn a_closed_stdout_ends_quietly_with_exit_0() {
    let mock = Mock::start(&["--rate", "50"]);

    for args in [&["--json", "-q"][..], &["--json"]] {
        let mut child = mock
            .tail(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(first.starts_with('{'));

        let out = finish(child);
        assert_eq!(out.code(), 0, "{}", out.stderr);
        if args.contains(&"-q") {
            assert_eq!(out.stderr, "", "nothing at all on stderr with -q");
        }
        for word in ["error", "panick", "Broken pipe", "stopped after"] {
            assert!(
                !out.stderr.contains(word),
                "{word} in stderr:\n{}",
                out.stderr
            );
        }
    }
}

/// Starts a tail, waits for two events, sends `signal`, and checks the clean stop.
fn stops_cleanly_on(signal: &str) {
    let mock = Mock::start(&["--rate", "40"]);
    let mut child = mock
        .tail(&["--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut seen = Vec::new();
    for _ in 0..2 {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        seen.push(line);
    }

    support::signal(&child, signal);
    // Lines the reader buffered beyond the two it returned were printed too.
    let buffered = stdout.buffer().iter().filter(|&&b| b == b'\n').count();
    child.stdout = Some(stdout.into_inner());
    let out = finish(child);

    assert_eq!(out.code(), 0, "{}", out.stderr);
    let printed = seen.len() + buffered + out.lines().len();
    let summary = out
        .stderr
        .lines()
        .find(|l| l.contains("stopped after"))
        .expect(&out.stderr);
    let counts = format!("{printed} events received, {printed} shown, 0 reconnects");
    assert!(
        summary.ends_with(&counts),
        "every received event printed: {summary} vs {counts}"
    );
    assert!(
        mock.log()
            .contains("connection 1: the client closed with code 1000"),
        "the socket is closed, not abandoned"
    );
}

#[test]
fn sigint_prints_every_event_and_a_summary_then_exits_0() {
    stops_cleanly_on("INT");
}

#[test]
fn sigterm_prints_every_event_and_a_summary_then_exits_0() {
    stops_cleanly_on("TERM");
}

#[test]
fn sighup_from_a_closed_terminal_stops_as_cleanly() {
    stops_cleanly_on("HUP");
}

#[test]
fn a_wrong_secret_exits_3_with_zooms_reason_and_never_shows_the_secret() {
    let mock = Mock::start(&[]);
    let secret = "Wr0ngButS3cretValue";

    let out = run(mock
        .tail(&["-vv", "--json"])
        .env("ZOOM_CLIENT_SECRET", secret));

    assert_eq!(out.code(), 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("invalid_client: Invalid client_id or client_secret"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("ZOOM_CLIENT_SECRET"),
        "names what to check"
    );
    assert!(!out.stderr.contains(secret) && !out.stdout.contains(secret));
}

#[test]
fn tokens_and_secrets_never_reach_any_output_at_full_verbosity() {
    let mock = Mock::start(&[
        "--rate",
        "50",
        "--drop-after",
        "2",
        "--max-drops",
        "1",
        "--reject-tokens",
        "1",
    ]);

    let out = run(mock.tail(&["-vv", "--count", "5"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    let everything = format!("{}{}", out.stdout, out.stderr);
    assert!(
        !everything.contains(mock.var("ZOOM_CLIENT_SECRET")),
        "client secret leaked"
    );
    assert!(
        !everything.contains("eyJzdiI6Im1vY2sifQ"),
        "access token leaked:\n{everything}"
    );
    assert!(
        everything.contains("access_token=%28redacted%29"),
        "{everything}"
    );
}

#[test]
fn sigusr1_reports_the_statistics_and_the_tail_goes_on() {
    let mock = Mock::start(&["--rate", "40"]);
    let mut tail = support::Running::spawn(&mut mock.tail(&["--json"]));
    support::read_lines(&mut tail.child, 1);

    support::signal(&tail.child, "USR1");
    support::wait_until(|| tail.stderr().contains("running for"));
    // Still tailing: more events arrive after the report.
    support::read_lines(&mut tail.child, 2);
    support::signal(&tail.child, "TERM");
    let (code, stderr) = tail.wait();

    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("heartbeat round trip:"), "{stderr}");
}

#[test]
fn a_closed_stderr_does_not_turn_an_error_into_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = support::client(dir.path())
        .args(["tail"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());

    let status = child.wait().unwrap();

    assert_eq!(status.code(), Some(2), "missing credentials: usage error");
}

#[test]
fn a_signal_delivered_twice_at_once_is_one_request_to_stop() {
    // timeout(1) signals its child, then the child's process group: zoomws gets both.
    let mock = Mock::start(&["--rate", "40"]);
    let mut tail = support::Running::spawn(&mut mock.tail(&["--json"]));
    support::read_lines(&mut tail.child, 2);

    support::signal(&tail.child, "TERM");
    support::signal(&tail.child, "TERM");
    let (code, stderr) = tail.wait();

    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("stopping (SIGTERM)"), "{stderr}");
    assert!(!stderr.contains("quitting without waiting"), "{stderr}");
    assert!(stderr.contains("stopped after"), "{stderr}");
}

#[test]
fn the_emulator_survives_sigusr1() {
    let mock = Mock::start(&["--rate", "40"]);

    support::signal(&mock.child, "USR1");
    support::wait_until(|| mock.log().contains("still running"));

    let out = run(mock.tail(&["--json", "-n", "1"]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
}
