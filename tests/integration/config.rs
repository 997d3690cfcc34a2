//! Credentials and endpoints: sources, precedence and clear usage errors.

use std::fs;

use crate::support::{self, Mock, run};

const CREDS: [&str; 4] = [
    "ZOOM_ACCOUNT_ID",
    "ZOOM_CLIENT_ID",
    "ZOOM_CLIENT_SECRET",
    "ZOOM_SUBSCRIPTION_ID",
];

#[test]
fn a_missing_credential_is_a_usage_error_naming_flag_and_variable() {
    let mock = Mock::start(&[]);

    let out = run(mock.tail(&[]).env_remove("ZOOM_CLIENT_ID"));

    assert_eq!(out.code(), 2);
    assert_eq!(
        out.stderr.trim(),
        "zoomws: error: missing client ID: pass --client-id or set ZOOM_CLIENT_ID (in the \
         environment or a .env file)"
    );
}

#[test]
fn an_env_file_fills_what_flags_and_environment_leave_out() {
    let mock = Mock::start(&["--rate", "50"]);
    let lines: String = mock.env.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
    fs::write(mock.dir().join(".env"), lines).unwrap();

    let mut tail = support::client(mock.dir());
    tail.args(["tail", "--json", "--count", "1"]);
    let out = run(&mut tail);
    assert_eq!(out.code(), 0, "the default ./.env is read: {}", out.stderr);

    // The environment wins over .env: a wrong secret there must be the one used.
    let out = run(support::client(mock.dir())
        .args(["tail", "--json", "--count", "1"])
        .env("ZOOM_CLIENT_SECRET", "from-environment"));
    assert_eq!(out.code(), 3, "{}", out.stderr);

    // A flag wins over the environment.
    let out = run(support::client(mock.dir())
        .args(["tail", "--json", "--count", "1", "--client-secret"])
        .arg(mock.var("ZOOM_CLIENT_SECRET"))
        .env("ZOOM_CLIENT_SECRET", "from-environment"));
    assert_eq!(out.code(), 0, "{}", out.stderr);
}

#[test]
fn an_explicit_env_file_must_exist() {
    let dir = tempfile::tempdir().unwrap();

    let out = run(support::client(dir.path()).args(["tail", "--env-file", "missing.env"]));

    assert_eq!(out.code(), 2);
    assert!(
        out.stderr.contains("missing.env: no such file"),
        "{}",
        out.stderr
    );
}

#[test]
fn subscription_id_is_taken_from_the_endpoint_url() {
    let mock = Mock::start(&["--rate", "50"]);
    let url = format!(
        "{}?subscriptionId={}",
        mock.var("ZOOM_WS_URL"),
        mock.var("ZOOM_SUBSCRIPTION_ID")
    );

    let out = run(mock
        .tail(&["--json", "-n", "1"])
        .env_remove("ZOOM_SUBSCRIPTION_ID")
        .env("ZOOM_WS_URL", url));

    assert_eq!(out.code(), 0, "{}", out.stderr);
}

#[test]
fn plain_text_endpoints_off_loopback_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut tail = support::client(dir.path());
    for key in CREDS {
        tail.env(key, "x");
    }

    let out = run(tail.args(["tail", "--ws-url", "ws://ws.zoom.us/ws"]));

    assert_eq!(out.code(), 2);
    assert!(
        out.stderr
            .contains("ws:// is only allowed for loopback hosts"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);
}

#[test]
fn bad_flags_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(support::client(dir.path()).args(["tail", "--count", "zero"]));
    assert_eq!(out.code(), 2);
    let out = run(support::client(dir.path()).args(["tail", "--event", "meeting.["]));
    assert_eq!(out.code(), 2, "{}", out.stderr);
}
