//! `zoomws doctor`: every step passing against a healthy emulator, and each failing in turn.

use serde_json::Value;

use crate::support::{Mock, Output, run};

/// The step names, in the order doctor runs them.
const STEPS: [&str; 6] = [
    "configuration",
    "token_endpoint",
    "token",
    "websocket",
    "heartbeat",
    "clock",
];

/// Runs doctor with `--json` and parses the report.
fn report(mut command: impl std::borrow::BorrowMut<std::process::Command>) -> (Output, Value) {
    let out = run(command.borrow_mut().arg("--json"));
    let report: Value = serde_json::from_str(out.stdout.trim())
        .unwrap_or_else(|err| panic!("not one JSON object ({err}): {}", out.stdout));
    (out, report)
}

/// The status of each step, in order.
fn statuses(report: &Value) -> Vec<&str> {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["status"].as_str().unwrap())
        .collect()
}

fn step<'a>(report: &'a Value, name: &str) -> &'a Value {
    let steps = report["steps"].as_array().unwrap();
    steps.iter().find(|s| s["name"] == name).unwrap()
}

/// No access token and no client secret anywhere in what the process wrote.
fn assert_no_secrets(out: &Output, secret: &str) {
    for text in [&out.stdout, &out.stderr] {
        assert!(!text.contains(secret), "the client secret leaked: {text}");
        assert!(!text.contains("eyJ"), "an access token leaked: {text}");
    }
}

#[test]
fn every_step_passes_against_a_healthy_emulator() {
    let mock = Mock::start(&[]);

    let (out, report) = report(mock.doctor(&[]));

    assert_eq!(out.code(), 0, "{}", out.stdout);
    assert_eq!(report["ok"], true);
    assert_eq!(report["exit_code"], 0);
    let names: Vec<&str> = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, STEPS);
    assert_eq!(statuses(&report), ["pass"; 6]);
    for s in report["steps"].as_array().unwrap() {
        assert_eq!(s["ok"], true, "{s}");
        assert!(s["millis"].is_u64(), "{s}");
        assert!(s["fix"].is_null() && s["detail"].is_string(), "{s}");
    }

    let config = step(&report, "configuration")["detail"].as_str().unwrap();
    assert!(
        config.contains("account_id=mockAccount0001 (environment)")
            && config.contains("client_secret from environment"),
        "{config}"
    );
    let token = step(&report, "token")["detail"].as_str().unwrap();
    assert_eq!(
        token,
        "scopes: marketplace:read:list_event_subscriptions; valid for 1h 00m"
    );
    let reach = step(&report, "token_endpoint")["detail"].as_str().unwrap();
    assert!(
        reach.contains("TCP to 127.0.0.1:") && reach.contains("HTTP answered 405"),
        "{reach}"
    );
    let heartbeat = step(&report, "heartbeat")["detail"].as_str().unwrap();
    assert!(heartbeat.starts_with("acknowledged in "), "{heartbeat}");
    assert_no_secrets(&out, mock.var("ZOOM_CLIENT_SECRET"));
}

#[test]
fn the_human_report_has_one_line_per_step_with_mark_and_time() {
    let mock = Mock::start(&[]);

    let out = run(mock.doctor(&[]).env("ZOOM_CLIENT_SECRET", "wrongSecret99"));

    assert_eq!(out.code(), 3, "{}", out.stdout);
    let lines = out.lines();
    assert!(lines[0].starts_with("✓ configuration "), "{}", out.stdout);
    assert!(
        lines[1].starts_with("✓ token endpoint reachable "),
        "{}",
        out.stdout
    );
    assert!(lines[2].starts_with("✗ token granted "), "{}", out.stdout);
    assert!(lines[2].contains(" ms  Zoom refused the credentials (HTTP 400 invalid_client"));
    assert!(
        lines[3]
            .trim_start()
            .starts_with("fix: check the client ID and secret"),
        "{}",
        out.stdout
    );
    assert!(
        lines[4].starts_with("- WebSocket subscription "),
        "{}",
        out.stdout
    );
    assert!(
        lines[4].ends_with("skipped: token granted failed"),
        "{}",
        out.stdout
    );
    assert_eq!(lines.last(), Some(&"3 checks passed, 1 failed, 2 skipped"));
    assert_no_secrets(&out, "wrongSecret99");
}

#[test]
fn a_bad_secret_fails_the_token_step_with_exit_3() {
    let mock = Mock::start(&[]);

    let (out, report) = report(mock.doctor(&[]).env("ZOOM_CLIENT_SECRET", "wrongSecret99"));

    assert_eq!(out.code(), 3, "{}", out.stdout);
    assert_eq!(report["exit_code"], 3);
    assert_eq!(
        statuses(&report),
        ["pass", "pass", "fail", "skip", "skip", "pass"]
    );
    assert_eq!(report["ok"], false);
    let token = step(&report, "token");
    assert_eq!(token["ok"], false);
    assert_eq!(step(&report, "heartbeat")["fix"], Value::Null);
    assert_eq!(
        token["detail"],
        "Zoom refused the credentials (HTTP 400 invalid_client: Invalid client_id or \
         client_secret)"
    );
    assert_eq!(
        token["fix"],
        "check the client ID and secret (ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET)"
    );
    assert_no_secrets(&out, "wrongSecret99");
}

#[test]
fn a_bad_account_points_at_the_account_id() {
    let mock = Mock::start(&[]);

    let (out, report) = report(mock.doctor(&["--account-id", "otherAccount"]));

    assert_eq!(out.code(), 3, "{}", out.stdout);
    let token = step(&report, "token");
    assert_eq!(token["status"], "fail");
    assert!(
        token["detail"]
            .as_str()
            .unwrap()
            .contains("invalid_request: Invalid account_id"),
        "{token}"
    );
    assert_eq!(token["fix"], "check the account ID (ZOOM_ACCOUNT_ID)");
}

#[test]
fn a_url_that_is_no_token_endpoint_is_not_blamed_on_the_credentials() {
    let mock = Mock::start(&[]);
    let url = mock
        .var("ZOOM_OAUTH_URL")
        .replace("/oauth/token", "/wrong/path");

    let (out, report) = report(mock.doctor(&["--oauth-url", &url]));

    assert_eq!(out.code(), 1, "{}", out.stdout);
    let token = step(&report, "token");
    assert_eq!(token["status"], "fail");
    let detail = token["detail"].as_str().unwrap();
    assert!(detail.contains("answered HTTP 404"), "{detail}");
    assert!(!detail.contains("credentials"), "{detail}");
    assert!(
        token["fix"].as_str().unwrap().contains("--oauth-url"),
        "{token}"
    );

    // tail stops at once too, with the same cause and exit 1, rather than retrying.
    let out = run(mock.tail(&["--oauth-url", &url]));
    assert_eq!(out.code(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("answered HTTP 404"), "{}", out.stderr);
    assert!(out.stderr.contains("check --oauth-url"), "{}", out.stderr);
}

#[test]
fn an_unreachable_token_endpoint_names_the_tcp_layer() {
    let mock = Mock::start(&[]);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("http://127.0.0.1:{port}/oauth/token");

    let (out, report) = report(mock.doctor(&["--oauth-url", &url]));

    assert_eq!(out.code(), 1, "{}", out.stdout);
    assert_eq!(
        statuses(&report),
        ["pass", "fail", "skip", "skip", "skip", "skip"]
    );
    let reach = step(&report, "token_endpoint");
    let detail = reach["detail"].as_str().unwrap();
    assert!(
        detail.starts_with(&format!(
            "127.0.0.1 resolved, but TCP to port {port} failed"
        )),
        "{detail}"
    );
    assert!(detail.to_lowercase().contains("refused"), "{detail}");
    assert!(
        reach["fix"].as_str().unwrap().contains("reachable"),
        "{reach}"
    );
    assert_eq!(
        step(&report, "token")["detail"],
        "skipped: token endpoint reachable failed"
    );
}

#[test]
fn an_endpoint_that_does_not_speak_tls_names_the_tls_layer() {
    let mock = Mock::start(&[]);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let _ = std::io::Write::write_all(&mut stream, b"this is not TLS\r\n");
        }
    });
    let url = format!("https://127.0.0.1:{port}/oauth/token");

    let (out, report) = report(mock.doctor(&["--oauth-url", &url]));

    assert_eq!(out.code(), 1, "{}", out.stdout);
    let detail = step(&report, "token_endpoint")["detail"].as_str().unwrap();
    assert!(
        detail.starts_with(&format!(
            "127.0.0.1:{port} accepts TCP, but the TLS handshake failed: "
        )),
        "{detail}"
    );
    assert_eq!(step(&report, "token")["status"], "skip");
}

#[test]
fn an_unknown_host_names_the_resolve_layer() {
    let mock = Mock::start(&[]);
    let url = "https://zoomws-doctor-test.invalid/oauth/token";

    let (out, report) = report(mock.doctor(&["--oauth-url", url, "--connect-timeout", "3s"]));

    assert_eq!(out.code(), 1, "{}", out.stdout);
    let reach = step(&report, "token_endpoint");
    let detail = reach["detail"].as_str().unwrap();
    // Either the resolver says no at once, or it stays silent past the limit.
    assert!(
        detail.starts_with("could not resolve zoomws-doctor-test.invalid: ")
            || detail == "resolving zoomws-doctor-test.invalid took longer than 3s",
        "{detail}"
    );
    assert!(reach["fix"].as_str().unwrap().contains("DNS"), "{reach}");
}

#[test]
fn a_refused_subscription_shows_the_servers_text() {
    let mock = Mock::start(&[]);

    let (out, report) = report(mock.doctor(&[]).env("ZOOM_SUBSCRIPTION_ID", "unknownSub"));

    assert_eq!(out.code(), 1, "{}", out.stdout);
    assert_eq!(
        statuses(&report),
        ["pass", "pass", "pass", "fail", "skip", "pass"]
    );
    let ws = step(&report, "websocket");
    assert_eq!(
        ws["detail"],
        "the server refused the subscription: \"Invalid subscriptionId\""
    );
    let fix = ws["fix"].as_str().unwrap();
    assert!(
        fix.starts_with("check the subscription ID \"unknownSub\" (from environment)"),
        "{fix}"
    );
    assert_no_secrets(&out, mock.var("ZOOM_CLIENT_SECRET"));
}

#[test]
fn a_refused_token_on_the_websocket_is_an_authentication_failure() {
    let mock = Mock::start(&["--reject-tokens", "5"]);

    let (out, report) = report(mock.doctor(&[]));

    assert_eq!(out.code(), 3, "{}", out.stdout);
    let ws = step(&report, "websocket");
    assert_eq!(ws["status"], "fail");
    assert!(
        ws["detail"].as_str().unwrap().contains("Invalid Token"),
        "{ws}"
    );
    assert!(
        ws["fix"]
            .as_str()
            .unwrap()
            .contains("another process using this app's credentials"),
        "{ws}"
    );
}

#[test]
fn a_silent_server_fails_the_heartbeat_step_within_the_timeout() {
    let mock = Mock::start(&["--silent-after", "0"]);

    let (out, report) = report(mock.doctor(&["--heartbeat-timeout", "500ms"]));

    assert_eq!(out.code(), 1, "{}", out.stdout);
    assert_eq!(
        statuses(&report),
        ["pass", "pass", "pass", "pass", "fail", "pass"]
    );
    let heartbeat = step(&report, "heartbeat");
    assert_eq!(heartbeat["detail"], "no answer to a heartbeat within 500ms");
    let millis = heartbeat["millis"].as_u64().unwrap();
    assert!((500..5000).contains(&millis), "{millis}");
}

#[test]
fn a_skewed_server_clock_fails_the_clock_step() {
    for (skew, words) in [("-5m", "5m 00s ahead of"), ("+2m", "2m 00s behind")] {
        let mock = Mock::start(&["--clock-skew", skew]);

        let (out, report) = report(mock.doctor(&[]));

        assert_eq!(out.code(), 1, "{skew}: {}", out.stdout);
        assert_eq!(
            statuses(&report),
            ["pass", "pass", "pass", "pass", "pass", "fail"],
            "{skew}"
        );
        let clock = step(&report, "clock");
        let detail = clock["detail"].as_str().unwrap();
        assert!(detail.contains(words), "{skew}: {detail}");
        assert!(detail.ends_with("more than 5s"), "{detail}");
        assert!(clock["fix"].as_str().unwrap().contains("ntp"), "{clock}");
    }
}

#[test]
fn a_small_skew_is_within_the_limit() {
    let mock = Mock::start(&["--clock-skew", "2s"]);

    let (out, report) = report(mock.doctor(&["--max-clock-skew", "10s"]));

    assert_eq!(out.code(), 0, "{}", out.stdout);
    let detail = step(&report, "clock")["detail"].as_str().unwrap();
    assert!(
        detail.contains("behind") && detail.ends_with("(limit 10s)"),
        "{detail}"
    );
}

#[test]
fn a_configuration_error_fails_the_first_step_with_exit_2() {
    let mock = Mock::start(&[]);

    let (out, report) = report(mock.doctor(&[]).env_remove("ZOOM_CLIENT_ID"));

    assert_eq!(out.code(), 2, "{}", out.stdout);
    assert_eq!(
        statuses(&report),
        ["fail", "skip", "skip", "skip", "skip", "skip"]
    );
    let config = step(&report, "configuration");
    assert!(
        config["detail"]
            .as_str()
            .unwrap()
            .starts_with("missing client ID: pass --client-id or set ZOOM_CLIENT_ID"),
        "{config}"
    );
    assert!(config["fix"].is_string(), "{config}");
}

#[test]
fn bad_files_and_network_settings_still_give_a_json_report() {
    let mock = Mock::start(&[]);
    let cases: [&[&str]; 3] = [
        &["--ca-cert", "/nonexistent/ca.pem"],
        &["--proxy", "socks5://127.0.0.1:1080"],
        &["--env-file", "/nonexistent/zoomws.env"],
    ];

    for args in cases {
        let (out, report) = report(mock.doctor(args));

        assert_eq!(out.code(), 2, "{args:?}: {}", out.stdout);
        assert_eq!(report["exit_code"], 2, "{args:?}");
        assert_eq!(
            statuses(&report),
            ["fail", "skip", "skip", "skip", "skip", "skip"],
            "{args:?}"
        );
        let config = step(&report, "configuration");
        assert!(
            config["detail"].as_str().unwrap().contains("nonexistent")
                || config["detail"].as_str().unwrap().contains("socks5"),
            "{args:?}: {config}"
        );
    }
}
