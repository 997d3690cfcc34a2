//! Proxies and TLS trust: the emulator over TLS with a CA made at test time, and a CONNECT
//! proxy on loopback (see `network_support`).

use crate::network_support::{Mode, Proxy, TestCa, arg, basic};
use crate::support::{Mock, client, run};

/// The emulator's URL with `localhost` replaced by `127.0.0.1`, to route one side differently.
fn by_address(mock: &Mock, key: &str) -> String {
    mock.var(key).replace("localhost", "127.0.0.1")
}

/// `localhost:PORT` of a TLS emulator: the CONNECT target of both connections.
fn target(mock: &Mock) -> String {
    let url = url::Url::parse(mock.var("ZOOM_WS_URL")).unwrap();
    format!("localhost:{}", url.port().unwrap())
}

#[test]
fn a_tls_emulator_prints_secure_urls_and_is_trusted_with_ca_cert() {
    let ca = TestCa::new();
    let mock = ca.mock(&["--rate", "50"]);
    assert!(mock.var("ZOOM_OAUTH_URL").starts_with("https://localhost:"));
    assert!(mock.var("ZOOM_WS_URL").starts_with("wss://localhost:"));

    let out = run(mock.tail(&["--json", "-n", "2", "--ca-cert", &arg(&ca.ca())]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(out.lines().len(), 2, "{}", out.stdout);
}

#[test]
fn without_ca_cert_the_certificate_is_refused_with_a_clear_error() {
    let ca = TestCa::new();
    let mock = ca.mock(&[]);

    let out = run(mock.tail(&["--max-retries", "1"]));
    assert_eq!(out.code(), 1, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let port = target(&mock);
    assert!(
        out.stderr
            .contains(&format!("the TLS certificate of {port} is not trusted")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--ca-cert"), "{}", out.stderr);

    // The WebSocket side says the same when the token side is trusted another way round: with
    // a plain-text token endpoint on loopback.
    let plain = Mock::start(&[]);
    let out = run(mock.tail(&[
        "--max-retries",
        "1",
        "--oauth-url",
        plain.var("ZOOM_OAUTH_URL"),
    ]));
    assert_eq!(out.code(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("is not trusted"), "{}", out.stderr);
}

#[test]
fn an_unusable_ca_cert_is_a_usage_error_naming_the_file() {
    let mock = Mock::start(&[]);
    let missing = mock.dir().join("missing.pem");
    let not_pem = mock.dir().join("notes.txt");
    std::fs::write(&not_pem, "not a certificate\n").unwrap();

    for (path, why) in [(&missing, "no such file"), (&not_pem, "no PEM certificate")] {
        let out = run(mock.tail(&["--ca-cert", &arg(path)]));
        assert_eq!(out.code(), 2, "{}", out.stderr);
        assert!(out.stderr.contains(&arg(path)), "{}", out.stderr);
        assert!(out.stderr.contains(why), "{}", out.stderr);
    }

    let out = run(mock.tail(&[]).env("ZOOMWS_CA_CERT", &missing));
    assert_eq!(out.code(), 2, "{}", out.stderr);
    assert!(out.stderr.contains("ZOOMWS_CA_CERT"), "{}", out.stderr);
}

#[test]
fn the_token_request_goes_through_the_proxy_and_no_proxy_lets_the_websocket_bypass_it() {
    let ca = TestCa::new();
    let mock = ca.mock(&["--rate", "50"]);
    let proxy = Proxy::start(Mode::Open);

    // The WebSocket is addressed as 127.0.0.1, which NO_PROXY exempts; the token endpoint as
    // localhost, which goes through the proxy named by HTTPS_PROXY.
    let out = run(mock
        .tail(&["-v", "--json", "-n", "2", "--ca-cert", &arg(&ca.ca())])
        .env("ZOOM_WS_URL", by_address(&mock, "ZOOM_WS_URL"))
        .env("HTTPS_PROXY", proxy.url())
        .env("NO_PROXY", "127.0.0.1"));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(out.lines().len(), 2);

    let targets = proxy.targets();
    assert!(!targets.is_empty(), "the token request bypassed the proxy");
    assert!(targets.iter().all(|t| *t == target(&mock)), "{targets:?}");
    assert!(
        out.stderr
            .contains("token request to localhost goes through the proxy"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_websocket_goes_through_the_proxy_and_no_proxy_lets_the_token_request_bypass_it() {
    let ca = TestCa::new();
    let mock = ca.mock(&["--rate", "50"]);
    let proxy = Proxy::start(Mode::Open);

    let out = run(mock
        .tail(&["--json", "-n", "2", "--ca-cert", &arg(&ca.ca())])
        .env("ZOOM_OAUTH_URL", by_address(&mock, "ZOOM_OAUTH_URL"))
        .args(["--proxy", &proxy.url(), "--no-proxy", "127.0.0.1"]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(out.lines().len(), 2);

    let targets = proxy.targets();
    assert!(!targets.is_empty(), "the WebSocket bypassed the proxy");
    assert!(targets.iter().all(|t| *t == target(&mock)), "{targets:?}");
}

#[test]
fn no_proxy_for_the_host_bypasses_the_proxy_entirely() {
    let ca = TestCa::new();
    let mock = ca.mock(&["--rate", "50"]);
    let proxy = Proxy::start(Mode::Refuse(403));

    let out = run(mock
        .tail(&["--json", "-n", "1", "--ca-cert", &arg(&ca.ca())])
        .env("https_proxy", proxy.url())
        .env("no_proxy", "example.com,localhost"));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(proxy.seen().is_empty(), "{:?}", proxy.seen());
}

#[test]
fn the_proxy_flag_wins_over_https_proxy_and_credentials_reach_it_unprinted() {
    let ca = TestCa::new();
    let mock = ca.mock(&["--rate", "50"]);
    let refusing = Proxy::start(Mode::Refuse(403));
    let proxy = Proxy::start(Mode::Credentials("alice:s3cr%t"));

    let out = run(mock
        .tail(&["-vv", "--json", "-n", "1", "--ca-cert", &arg(&ca.ca())])
        .env("HTTPS_PROXY", refusing.url())
        .env("ZOOMWS_PROXY", proxy.url_with("alice:s3cr%25t")));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(refusing.seen().is_empty(), "{:?}", refusing.seen());

    let seen = proxy.seen();
    assert!(seen.len() >= 2, "token request and WebSocket: {seen:?}");
    assert!(
        seen.iter()
            .all(|s| s.auth.as_deref() == Some(&basic("alice:s3cr%t"))),
        "{seen:?}"
    );
    assert!(!out.stderr.contains("s3cr"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("http://(redacted)@{}", proxy.authority())),
        "{}",
        out.stderr
    );
}

#[test]
fn wrong_proxy_credentials_give_a_clear_error_on_both_sides() {
    let ca = TestCa::new();
    let mock = ca.mock(&[]);
    let proxy = Proxy::start(Mode::Credentials("alice:right"));
    let refused = format!(
        "the proxy http://(redacted)@{} refused the tunnel to {} with HTTP 407 Proxy \
         Authentication Required",
        proxy.authority(),
        target(&mock)
    );

    let token_side = run(mock
        .tail(&["--max-retries", "1", "--ca-cert", &arg(&ca.ca())])
        .env("HTTPS_PROXY", proxy.url_with("alice:wrong")));
    let ws_side = run(mock
        .tail(&["--max-retries", "1", "--ca-cert", &arg(&ca.ca())])
        .env("ZOOM_OAUTH_URL", by_address(&mock, "ZOOM_OAUTH_URL"))
        .env("NO_PROXY", "127.0.0.1")
        .env("HTTPS_PROXY", proxy.url_with("alice:wrong")));

    for out in [token_side, ws_side] {
        assert_eq!(out.code(), 1, "{}", out.stderr);
        assert!(out.stderr.contains(&refused), "{}", out.stderr);
        assert!(out.stderr.contains("HTTPS_PROXY"), "{}", out.stderr);
        assert!(!out.stderr.contains("wrong"), "{}", out.stderr);
    }
}

#[test]
fn a_refusing_proxy_is_named_with_its_status() {
    let ca = TestCa::new();
    let mock = ca.mock(&[]);

    for (status, words) in [(403, "HTTP 403 Forbidden"), (502, "HTTP 502 Bad Gateway")] {
        let proxy = Proxy::start(Mode::Refuse(status));
        let out = run(mock
            .tail(&["--max-retries", "1", "--ca-cert", &arg(&ca.ca())])
            .args(["--proxy", &proxy.url()]));
        assert_eq!(out.code(), 1, "{}", out.stderr);
        let expected = format!("the proxy http://{} refused the tunnel", proxy.authority());
        assert!(out.stderr.contains(&expected), "{}", out.stderr);
        assert!(out.stderr.contains(words), "{}", out.stderr);
    }
}

#[test]
fn plain_loopback_endpoints_never_use_the_proxy() {
    let mock = Mock::start(&["--rate", "50"]);
    let proxy = Proxy::start(Mode::Refuse(403));

    let out = run(mock
        .tail(&["--json", "-n", "1"])
        .env("HTTPS_PROXY", proxy.url())
        .env("ALL_PROXY", proxy.url())
        .args(["--proxy", &proxy.url()]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(proxy.seen().is_empty(), "{:?}", proxy.seen());
}

#[test]
fn an_invalid_proxy_url_is_a_usage_error_without_its_password() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(client(dir.path())
        .args(["tail", "--account-id", "a", "--client-id", "c"])
        .args(["--subscription-id", "s"])
        .env("ZOOM_CLIENT_SECRET", "x")
        .env("HTTPS_PROXY", "socks5://bob:hunter2@proxy:1080"));
    assert_eq!(out.code(), 2, "{}", out.stderr);
    assert!(out.stderr.contains("HTTPS_PROXY"), "{}", out.stderr);
    assert!(out.stderr.contains("not supported"), "{}", out.stderr);
    assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
}

#[test]
fn the_system_store_is_trusted_by_default_on_both_sides() {
    let ca = TestCa::new();
    let mock = ca.mock(&["--rate", "50"]);

    // On Linux the system store is read from SSL_CERT_FILE when it is set.
    let out = run(mock
        .tail(&["--json", "-n", "1"])
        .env("SSL_CERT_FILE", ca.ca()));
    assert_eq!(out.code(), 0, "{}", out.stderr);

    // With no system roots at all, --ca-cert alone is enough, and without it zoomws says why
    // every handshake fails.
    let empty = mock.dir().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let out = run(mock
        .tail(&["--json", "-n", "1", "--ca-cert", &arg(&ca.ca())])
        .env("SSL_CERT_FILE", &empty));
    assert_eq!(out.code(), 0, "{}", out.stderr);

    let out = run(mock
        .tail(&["--max-retries", "1"])
        .env("SSL_CERT_FILE", &empty));
    assert_eq!(out.code(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("no trusted CA certificates"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("is not trusted"), "{}", out.stderr);
}

#[test]
fn doctor_checks_through_the_proxy_and_trusts_ca_cert_like_tail() {
    let ca = TestCa::new();
    let mock = ca.mock(&[]);
    let proxy = Proxy::start(Mode::Open);

    let out = run(mock.doctor(&["--ca-cert", &arg(&ca.ca()), "--proxy", &proxy.url()]));

    assert_eq!(out.code(), 0, "{}", out.stdout);
    let reach = out
        .lines()
        .into_iter()
        .find(|l| l.contains("token endpoint reachable"));
    let reach = reach.expect(&out.stdout);
    assert!(reach.contains("the proxy http://127.0.0.1:"), "{reach}");
    let targets = proxy.targets();
    assert!(
        targets.len() >= 2 && targets.iter().all(|t| *t == target(&mock)),
        "the HTTP requests (one pooled tunnel) and the WebSocket are tunnelled: {targets:?}"
    );
}

/// The first line of doctor's report marked as failed.
fn failed_step(out: &crate::support::Output) -> &str {
    let failed = out.stdout.lines().find(|l| l.starts_with('✗'));
    failed.unwrap_or_else(|| panic!("no failed step: {}", out.stdout))
}

#[test]
fn doctor_names_a_refusing_proxy_in_the_reachability_step() {
    let ca = TestCa::new();
    let mock = ca.mock(&[]);
    let proxy = Proxy::start(Mode::Refuse(403));

    let out = run(mock.doctor(&["--ca-cert", &arg(&ca.ca()), "--proxy", &proxy.url()]));

    assert_eq!(out.code(), 1, "{}", out.stdout);
    let failed = failed_step(&out);
    assert!(failed.contains("token endpoint reachable"), "{failed}");
    assert!(out.stdout.contains("refused the tunnel"), "{}", out.stdout);
    assert!(out.stdout.contains("HTTP 403"), "{}", out.stdout);
    assert!(failed.contains("the proxy 127.0.0.1:"), "{failed}");
}

#[test]
fn doctor_names_the_proxy_when_nothing_listens_there() {
    let ca = TestCa::new();
    let mock = ca.mock(&[]);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let proxy = format!("http://127.0.0.1:{port}");

    let out = run(mock.doctor(&["--ca-cert", &arg(&ca.ca()), "--proxy", &proxy]));

    assert_eq!(out.code(), 1, "{}", out.stdout);
    let failed = failed_step(&out);
    assert!(
        failed.contains(&format!(
            "the proxy 127.0.0.1 resolved, but TCP to its port {port}"
        )),
        "{failed}"
    );
    assert!(
        out.stdout.contains("check that a proxy listens on"),
        "{}",
        out.stdout
    );
}
