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
fn an_empty_variable_is_named_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".env"), "ZOOM_ACCOUNT_ID=\n").unwrap();

    let out = run(support::client(dir.path()).args(["tail"]));

    assert_eq!(out.code(), 2);
    assert_eq!(
        out.stderr.lines().last().unwrap(),
        "zoomws: error: missing account ID: ZOOM_ACCOUNT_ID is set but empty (in the environment \
         or a .env file); give it a value, or pass --account-id"
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
fn a_malformed_env_file_names_the_line_but_never_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "superSecretValue99";
    let text = format!("ZOOM_ACCOUNT_ID=abc\nZOOM_CLIENT_SECRET=\"{secret}\nZOOM_CLIENT_ID=x\n");
    fs::write(dir.path().join(".env"), text).unwrap();

    let out = run(support::client(dir.path()).args(["tail"]));

    assert_eq!(out.code(), 2, "{}", out.stderr);
    assert!(!out.stderr.contains(secret), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("cannot parse the value of ZOOM_CLIENT_SECRET on line 2"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);

    // An unquoted value with a space: dotenvy points inside the value.
    fs::write(dir.path().join(".env"), "ZOOM_CLIENT_SECRET=Super S3cret\n").unwrap();
    let out = run(support::client(dir.path()).args(["config", "show"]));
    assert_eq!(out.code(), 2, "{}", out.stderr);
    assert!(!out.stderr.contains("S3cret"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the value of ZOOM_CLIENT_SECRET on line 1"),
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

    // A token pasted into a refused URL is not echoed back.
    let url = "ws://ws.zoom.us/ws?subscriptionId=s&access_token=S3CRETT0KEN";
    let out = run(support::client(dir.path())
        .envs(CREDS.map(|k| (k, "x")))
        .args(["tail", "--ws-url", url]));
    assert_eq!(out.code(), 2);
    assert!(!out.stderr.contains("S3CRETT0KEN"), "{}", out.stderr);
    assert!(
        out.stderr.contains("access_token=%28redacted%29"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_flags_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(support::client(dir.path()).args(["tail", "--count", "zero"]));
    assert_eq!(out.code(), 2);
    let out = run(support::client(dir.path()).args(["tail", "--event", "meeting.["]));
    assert_eq!(out.code(), 2, "{}", out.stderr);
}

/// One parsed line of `zoomws config show`: value and source by setting name.
fn show(out: &support::Output) -> std::collections::HashMap<String, (String, String)> {
    out.stdout
        .lines()
        .filter(|line| !line.starts_with("config file:"))
        .map(|line| {
            let (name, rest) = line.split_once(' ').unwrap();
            let rest = rest.trim_start();
            let (value, source) = match rest.strip_prefix("(not set)") {
                Some(source) => ("(not set)", source),
                None => rest.split_once(' ').unwrap(),
            };
            (name.to_owned(), entry(value, source.trim()))
        })
        .collect()
}

fn entry(value: &str, source: &str) -> (String, String) {
    (value.to_owned(), source.to_owned())
}

#[test]
fn config_show_reports_each_setting_from_its_own_source() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(support::CONFIG_FILE);
    // Each setting is given by every source down to the one that must win; the higher ones
    // leave it out.
    fs::write(
        &config,
        "[profiles.work]\naccount_id = \"acct-profile\"\nclient_id = \"cid-profile\"\n\
         client_secret = \"secret-profile\"\nsubscription_id = \"sub-profile\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join(".env"),
        "ZOOM_ACCOUNT_ID=acct-envfile\nZOOM_CLIENT_ID=cid-envfile\n\
         ZOOM_CLIENT_SECRET=secret-envfile-1234\n",
    )
    .unwrap();

    let out = run(support::client(dir.path())
        .args(["config", "show", "--account-id", "acct-flag"])
        .env("ZOOM_ACCOUNT_ID", "acct-env")
        .env("ZOOM_CLIENT_ID", "cid-env")
        .env("ZOOM_PROFILE", "work"));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    let rows = show(&out);
    let profile = format!("profile work ({})", config.display());
    assert_eq!(rows["account_id"], entry("acct-flag", "flag"));
    assert_eq!(rows["client_id"], entry("cid-env", "environment"));
    assert_eq!(rows["client_secret"], entry("se…34", ".env"));
    assert_eq!(rows["subscription_id"], entry("sub-profile", &profile));
    assert_eq!(
        rows["oauth_url"],
        entry("https://zoom.us/oauth/token", "default")
    );
    assert_eq!(rows["ws_url"], entry("wss://ws.zoom.us/ws", "default"));
    assert_eq!(rows["gov"], entry("false", "default"));
    assert_eq!(rows["profile"], entry("work", "environment"));
    assert_eq!(rows["client_secret_file"], entry("(not set)", "-"));
    assert!(
        !out.stdout.contains("secret-envfile-1234"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("secret-profile"), "{}", out.stdout);
}

#[test]
fn a_profile_alone_is_enough_for_tail_and_doctor() {
    let mock = Mock::start(&["--rate", "50"]);
    let keys: String = mock
        .env
        .iter()
        .map(|(k, v)| {
            format!(
                "{} = \"{v}\"\n",
                k.trim_start_matches("ZOOM_").to_lowercase()
            )
        })
        .collect();
    let config = mock.dir().join(support::CONFIG_FILE);
    fs::write(
        &config,
        format!("[profiles.default]\n[profiles.emu]\n{keys}"),
    )
    .unwrap();

    set_mode(&config, 0o644);
    let out =
        run(support::client(mock.dir()).args(["tail", "--profile", "emu", "--json", "-n", "1"]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(out.lines().len(), 1);
    let warning = format!(
        "zoomws: warning: {} can be read by other users (mode 644)",
        config.display()
    );
    assert!(
        out.stderr.contains(&warning),
        "a profile holds the secret:\n{}",
        out.stderr
    );

    set_mode(&config, 0o600);

    let out = run(support::client(mock.dir())
        .args(["doctor"])
        .env("ZOOM_PROFILE", "emu"));
    assert_eq!(out.code(), 0, "{}", out.stdout);
    assert!(
        out.stdout.contains(&format!(
            "client_secret from profile emu ({})",
            config.display()
        )),
        "{}",
        out.stdout
    );

    // The empty default profile leaves the credentials unset.
    let out = run(support::client(mock.dir()).args(["tail"]));
    assert_eq!(out.code(), 2, "{}", out.stderr);
}

#[test]
fn config_show_masks_the_secret() {
    let dir = tempfile::tempdir().unwrap();
    for (secret, shown) in [("zoomClientSecret0001", "zo…01"), ("mockSecret0001", "***")] {
        let out = run(support::client(dir.path())
            .args(["config", "show"])
            .env("ZOOM_CLIENT_SECRET", secret));

        assert_eq!(out.code(), 0, "{}", out.stderr);
        assert_eq!(show(&out)["client_secret"], entry(shown, "environment"));
        assert!(!out.stdout.contains(secret), "{}", out.stdout);
    }
}

#[test]
fn gov_switches_the_default_endpoints_and_explicit_urls_still_win() {
    let dir = tempfile::tempdir().unwrap();

    let out = run(support::client(dir.path()).args(["config", "show", "--gov"]));
    let rows = show(&out);
    assert_eq!(
        rows["oauth_url"],
        entry("https://zoomgov.com/oauth/token", "default for --gov")
    );
    assert_eq!(
        rows["ws_url"],
        entry("wss://ws.zoomgov.com/ws", "default for --gov")
    );
    assert_eq!(rows["gov"], entry("true", "flag"));

    let out = run(support::client(dir.path())
        .args(["config", "show", "--ws-url", "wss://example.test/ws"])
        .env("ZOOM_GOV", "true"));
    let rows = show(&out);
    assert_eq!(rows["gov"], entry("true", "environment"));
    assert_eq!(rows["ws_url"], entry("wss://example.test/ws", "flag"));
    assert_eq!(
        rows["oauth_url"],
        entry("https://zoomgov.com/oauth/token", "default for --gov")
    );
}

#[test]
fn config_init_writes_a_private_template_and_refuses_to_overwrite() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(support::CONFIG_FILE);

    let out = run(support::client(dir.path()).args(["config", "init"]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), config.display().to_string());
    let mode = fs::metadata(&config).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert!(
        fs::read_to_string(&config)
            .unwrap()
            .contains("# [profiles.default]")
    );

    fs::write(&config, "[profiles.mine]\n").unwrap();
    let out = run(support::client(dir.path()).args(["config", "init"]));
    assert_eq!(out.code(), 2);
    assert!(
        out.stderr.contains("already exists; pass --force"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_to_string(&config).unwrap(), "[profiles.mine]\n");

    let out = run(support::client(dir.path()).args(["config", "init", "--force"]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(
        fs::read_to_string(&config)
            .unwrap()
            .starts_with("# zoomws profiles")
    );

    // The template parses: it simply has no profiles yet.
    let out = run(support::client(dir.path()).args(["config", "show", "--profile", "x"]));
    assert_eq!(out.code(), 2);
    assert!(out.stderr.ends_with("it has none\n"), "{}", out.stderr);
}

#[test]
fn profile_file_problems_are_usage_errors_that_say_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(support::CONFIG_FILE);
    let cases = [
        (
            "[profiles.a]\n[profiles.b]\n",
            "missing",
            "no profile named \"missing\"",
            "it has: a, b",
        ),
        (
            "[profiles.a]\nclient_idd = \"x\"\n",
            "a",
            "unknown key `client_idd` in [profiles.a]",
            "known keys: account_id,",
        ),
        (
            "[profiles.a]\nclient_id = \"x\"\naccount_id = oops\n",
            "a",
            "could not parse the config file",
            "at line 3:",
        ),
    ];
    for (text, profile, first, second) in cases {
        fs::write(&config, text).unwrap();

        let out = run(support::client(dir.path()).args(["tail", "--profile", profile]));

        assert_eq!(out.code(), 2, "{text}: {}", out.stderr);
        assert!(
            out.stderr.contains(first) && out.stderr.contains(second),
            "{text}: {}",
            out.stderr
        );
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;

    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn zoom_gov_reads_the_usual_ways_of_saying_yes_and_no() {
    let dir = tempfile::tempdir().unwrap();
    for (value, gov) in [
        ("1", "true"),
        ("yes", "true"),
        ("true", "true"),
        ("0", "false"),
    ] {
        let out = run(support::client(dir.path())
            .args(["config", "show"])
            .env("ZOOM_GOV", value));

        assert_eq!(out.code(), 0, "ZOOM_GOV={value}: {}", out.stderr);
        assert_eq!(
            show(&out)["gov"],
            entry(gov, "environment"),
            "ZOOM_GOV={value}"
        );
    }
}

#[test]
fn a_bad_value_in_a_variable_names_the_variable_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".env"), "ZOOMWS_TIMESTAMPS=bogus\n").unwrap();

    let out = run(support::client(dir.path())
        .args(["tail"])
        .env("ZOOMWS_LAG_WARN", "5"));
    assert_eq!(out.code(), 2, "{}", out.stderr);
    assert_eq!(
        out.stderr.trim(),
        "zoomws: error: invalid value \"5\" in ZOOMWS_LAG_WARN (the environment or .env file; \
         it sets --lag-warn): time unit needed, for example 5sec or 5ms; fix or unset \
         ZOOMWS_LAG_WARN"
    );

    let out = run(support::client(dir.path()).args(["tail"]));
    assert_eq!(out.code(), 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "in ZOOMWS_TIMESTAMPS (the environment or .env file; it sets --timestamps): \
                       use one of local, utc, rfc3339, none"
        ),
        "{}",
        out.stderr
    );

    // A bad flag is still clap's usage error, naming the flag.
    let out = run(support::client(dir.path()).args(["tail", "--lag-warn", "5"]));
    assert_eq!(out.code(), 2);
    assert!(
        out.stderr.contains("for '--lag-warn <DURATION>'"),
        "{}",
        out.stderr
    );
}

#[test]
fn unusable_emulator_files_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    fs::write(&bad, "{\"event\":\"meeting.started\"}\nnot json\n").unwrap();
    let bad = bad.to_str().unwrap();

    for args in [
        &["mock", "--events-file", "/nonexistent/events.jsonl"][..],
        &["mock", "--events-file", bad],
        &[
            "mock",
            "--tls-cert",
            "/nonexistent/c.pem",
            "--tls-key",
            "/nonexistent/k.pem",
        ],
    ] {
        let out = run(support::client(dir.path()).args(args));
        assert_eq!(out.code(), 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
    let out = run(support::client(dir.path()).args(["mock", "--events-file", bad]));
    assert!(
        out.stderr.contains("bad.jsonl:2: not a JSON event"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_show_lists_the_network_settings_with_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".env"), "ZOOMWS_NO_PROXY=.zoom.us\n").unwrap();

    let out = run(support::client(dir.path())
        .args(["config", "show", "--ca-cert", "/etc/corp-ca.pem"])
        .env("HTTPS_PROXY", "http://alice:s3cret@127.0.0.1:3128"));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(!out.stdout.contains("s3cret"), "{}", out.stdout);
    let rows = show(&out);
    assert_eq!(
        rows["proxy"],
        entry(
            "http://(redacted)@127.0.0.1:3128",
            "environment (HTTPS_PROXY)"
        )
    );
    assert_eq!(
        rows["no_proxy"],
        entry(".zoom.us", ".env (ZOOMWS_NO_PROXY)")
    );
    assert_eq!(rows["ca_cert"], entry("/etc/corp-ca.pem", "flag"));
}

#[test]
fn durations_beyond_a_year_and_zero_counts_are_refused_up_front() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["tail", "--heartbeat-timeout", "500000000000y"][..],
        &["tail", "--backoff-max", "400d"],
        &["mock", "--token-ttl", "500000000000y"],
        &["mock", "--malformed-every", "0"],
    ] {
        let out = run(support::client(dir.path()).args(args));
        assert_eq!(out.code(), 2, "{args:?}: {}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
}

#[test]
fn config_show_redacts_a_token_in_a_url_it_cannot_parse() {
    let dir = tempfile::tempdir().unwrap();
    let url = "wss://ws.zoom.us:70000/ws?subscriptionId=S&access_token=eyJS3CRET";

    let out = run(support::client(dir.path())
        .args(["config", "show"])
        .env("ZOOM_WS_URL", url));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(!out.stdout.contains("eyJS3CRET"), "{}", out.stdout);
    assert!(
        out.stdout.contains("access_token=(redacted)"),
        "{}",
        out.stdout
    );
}
