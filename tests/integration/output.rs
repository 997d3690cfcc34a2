//! Selecting and shaping output: exclusions, jq filters, output formats, templates, `--jq`,
//! timestamps and lag, colour conventions, `--stats`, and the status line on a terminal.

use std::process::Stdio;

use crate::support::{self, Mock, Running, event_names, run, sample_events};

/// An emulator that plays the twelve sample events quickly.
fn samples_mock() -> Mock {
    let file = support::sample_events_path();
    Mock::start(&["--events-file", file.to_str().unwrap(), "--rate", "200"])
}

#[test]
fn exclusions_and_jq_filters_narrow_the_event_globs() {
    let mock = samples_mock();

    let out = run(mock.tail(&[
        "--json",
        "-n",
        "3",
        "--event",
        "meeting.*,recording.*",
        "--exclude-event",
        "meeting.participant_*",
        "--filter",
        r#".payload.object.topic | test("planning"; "i")"#,
        "--filter",
        ".event != \"meeting.started\"",
    ]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(
        event_names(&out.lines()),
        ["meeting.created", "meeting.ended", "recording.completed"]
    );
}

#[test]
fn a_filter_with_several_results_keeps_the_event_when_any_is_truthy() {
    // The sample recording's first file is an MP4 and its second an M4A: like jq's `select`,
    // the filter holds on the second result. `--timeout` bounds the wait if it never does.
    let out = run(samples_mock().tail(&[
        "--json",
        "-n",
        "1",
        "--timeout",
        "10s",
        "-e",
        "recording.completed",
        "--filter",
        r#".payload.object.recording_files[] | .file_type == "M4A""#,
    ]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(event_names(&out.lines()), ["recording.completed"]);
}

#[test]
fn a_filter_that_fails_on_an_event_warns_and_the_stream_goes_on() {
    // The emulator plays its file once: each tail gets an emulator of its own.

    let out = run(samples_mock().tail(&[
        "--json",
        "-n",
        "2",
        "--filter",
        ".payload.object.topic | length > 0",
    ]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(
        event_names(&out.lines()),
        ["meeting.created", "meeting.started"]
    );

    let out = run(samples_mock().tail(&[
        "--json",
        "-n",
        "1",
        "--filter",
        r#".payload.object.topic | test("sync"; "i")"#,
        "-e",
        "user.*,meeting.deleted",
    ]));
    assert_eq!(event_names(&out.lines()), ["meeting.deleted"]);
    assert!(
        out.stderr.contains("--filter")
            && out
                .stderr
                .contains("failed on a user.created event: cannot use null as string"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_expressions_and_templates_are_usage_errors_that_say_where() {
    let mock = samples_mock();
    let cases: [(&[&str], &str); 9] = [
        (
            &["--filter", ".payload |"],
            "invalid --filter expression \".payload |\"",
        ),
        (&["--jq", "{a: }"], "invalid --jq expression"),
        (
            &["--template", "{event"],
            "this '{' is never closed (character 1)",
        ),
        (&["--template", "{@nope}"], "unknown value {@nope}"),
        (
            &["--template", "{a{b}"],
            "this '{' is inside the placeholder opened at character 1, and placeholders do \
             not nest (character 3)",
        ),
        (
            &["--output", "template"],
            "--output template needs --template",
        ),
        (
            &["--jq", ".", "--output", "pretty"],
            "--jq prints JSON lines",
        ),
        (&["--template", ""], "--template is empty"),
        (
            &["--backoff-initial", "10s", "--backoff-max", "1s"],
            "--backoff-initial (10s) is longer than --backoff-max (1s)",
        ),
    ];

    for (args, needle) in cases {
        let out = run(mock.tail(args));
        assert_eq!(out.code(), 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);
        assert!(out.stdout.is_empty());
    }

    let out = run(mock.tail(&["--filter", ".payload |"]));
    assert!(out.stderr.contains("at character 11"), "{}", out.stderr);
}

#[test]
fn templates_name_fields_and_missing_ones_render_empty() {
    let mock = samples_mock();

    let template = "{event}|{payload.object.participant.user_name}|{payload.object.id}|{nope.x}|";
    let out = run(mock.tail(&["-n", "5", "--template", template]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(
        out.lines(),
        [
            "meeting.created||84123456789||",
            "meeting.started||84123456789||",
            "meeting.participant_joined|Søren Ægidius|84123456789||",
            "meeting.participant_left|Søren Ægidius|84123456789||",
            "meeting.ended||84123456789||",
        ]
    );
}

#[test]
fn templates_print_the_pretty_summary_and_the_event_as_sent() {
    let out = run(samples_mock().tail(&["-n", "12", "--template", "{@summary}"]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    let summaries = out.lines();
    assert_eq!(summaries.len(), 12, "{}", out.stdout);
    assert_eq!(
        summaries[6],
        "Priya Raman <priya.raman@example.com> created by admin@example.com"
    );
    assert_eq!(
        summaries[2],
        "Søren Ægidius joined \"Quarterly planning\" (84123456789)"
    );

    let out = run(samples_mock().tail(&["-n", "12", "--template", "{@json}"]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(out.lines(), sample_events(), "same keys, order and numbers");
}

#[test]
fn jq_results_that_are_not_objects_print_as_json_lines() {
    let mock = samples_mock();

    let out = run(mock.tail(&["-n", "12", "--jq", ".payload.object.id"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(
        out.lines(),
        [
            "84123456789",
            "\"84123456789\"",
            "\"84123456789\"",
            "\"84123456789\"",
            "\"84123456789\"",
            "84123456789",
            "\"NewUs3rIdQwErTy12\"",
            "\"NewUs3rIdQwErTy12\"",
            "\"91234567890\"",
            "85987654321",
            "null",
            "\"C2A0B6E1-5D4F-4E3A-9B8C-7D6E5F4A3B2C\"",
        ]
    );
}

#[test]
fn raw_output_prints_jq_strings_as_plain_text() {
    let out = run(samples_mock().tail(&[
        "-n",
        "3",
        "-r",
        "--jq",
        ".payload.object.participant.user_name // .event",
    ]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(
        out.lines(),
        ["meeting.created", "meeting.started", "Søren Ægidius"]
    );

    let out = run(samples_mock().tail(&["-r"]));
    assert_eq!(out.code(), 2, "-r without --jq: {}", out.stderr);
}

#[test]
fn json_pretty_is_indented_and_reads_back_as_the_same_events() {
    let mock = samples_mock();

    let out = run(mock.tail(&["-n", "12", "--output", "json-pretty"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("{\n  \"event\": \"meeting.created\",\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains('\u{1b}'), "no colour in a pipe");
    let events: Vec<String> = serde_json::Deserializer::from_str(&out.stdout)
        .into_iter::<serde_json::Value>()
        .map(|v| v.unwrap().to_string())
        .collect();
    assert_eq!(events, sample_events());
}

#[test]
fn raw_output_shows_every_frame_as_received_status_frames_included() {
    let file = support::sample_events_path();
    let mock = Mock::start(&["--events-file", file.to_str().unwrap(), "--rate", "8"]);

    let out = run(mock.tail(&["-n", "3", "--output", "raw"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    let frames: Vec<serde_json::Value> = out
        .lines()
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(frames[0]["module"], "build_connection", "{}", out.stdout);
    assert!(
        out.stderr.contains("connected; waiting for events"),
        "status frames are still acted on: {}",
        out.stderr
    );
    assert!(
        frames.iter().any(|f| f["module"] == "heartbeat"),
        "heartbeat acks appear: {}",
        out.stdout
    );
    let contents: Vec<&str> = frames
        .iter()
        .filter(|f| f["module"] == "message")
        .map(|f| f["content"].as_str().unwrap())
        .collect();
    assert_eq!(
        contents,
        &sample_events()[..3],
        "the content string, not re-encoded"
    );
}

#[test]
fn timestamps_print_correctly_in_every_time_zone() {
    // The first sample happened at 2024-12-03 11:00:00.123 UTC.
    let cases = [
        ("UTC0", "local", "11:00:00  meeting.created"),
        ("<+0530>-5:30", "local", "16:30:00  meeting.created"),
        ("<-0330>3:30", "local", "07:30:00  meeting.created"),
        ("<+0530>-5:30", "utc", "11:00:00Z  meeting.created"),
        (
            "<+0530>-5:30",
            "rfc3339",
            "2024-12-03T16:30:00.123+05:30  meeting.created",
        ),
        ("<+0530>-5:30", "none", "meeting.created "),
    ];

    for (tz, format, start) in cases {
        let mock = samples_mock();
        let out = run(mock
            .tail(&["-n", "1", "--timestamps", format])
            .env("TZ", tz));
        assert_eq!(out.code(), 0, "{}", out.stderr);
        assert!(
            out.stdout.starts_with(start),
            "TZ={tz} {format}: {}",
            out.stdout
        );
    }
}

#[test]
fn late_events_show_their_lag_past_the_threshold() {
    // The samples happened in 2024: every one of them is late today.
    let out = run(samples_mock().tail(&["-n", "2"]));
    assert!(
        out.lines().iter().all(|l| l.contains("late)")),
        "{}",
        out.stdout
    );

    let out = run(samples_mock().tail(&["-n", "2", "--lag-warn", "100years"]));
    assert!(!out.stdout.contains("late)"), "{}", out.stdout);

    // Generated events happen now: on time, no lag shown.
    let live = Mock::start(&["--rate", "50"]);
    let out = run(live.tail(&["-n", "2"]));
    assert!(!out.stdout.contains("late)"), "{}", out.stdout);
}

#[test]
fn clicolor_force_colours_a_pipe_unless_no_color_says_otherwise() {
    let mock = Mock::start(&["--rate", "50"]);

    let forced = run(mock.tail(&["-n", "1"]).env("CLICOLOR_FORCE", "1"));
    assert!(forced.stdout.contains("\u{1b}["), "{}", forced.stdout);

    let both = run(mock
        .tail(&["-n", "1"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1"));
    assert!(!both.stdout.contains('\u{1b}'), "{}", both.stdout);

    let zero = run(mock.tail(&["-n", "1"]).env("CLICOLOR_FORCE", "0"));
    assert!(!zero.stdout.contains('\u{1b}'), "{}", zero.stdout);
}

#[test]
fn on_a_terminal_auto_colours_unless_term_is_dumb_and_never_means_never() {
    let mock = Mock::start(&["--rate", "50"]);

    let auto = on_a_terminal(&mock, 100, "-n 2 --color auto", &[]);
    assert!(has_colour(&auto), "auto colours a terminal: {auto:?}");

    let dumb = on_a_terminal(&mock, 100, "-n 2 --color auto", &[("TERM", "dumb")]);
    assert!(!has_colour(&dumb), "TERM=dumb: {dumb:?}");
    assert_eq!(event_lines(&dumb, 100).len(), 2, "events shown: {dumb:?}");

    // Slow events, so that the status line (and its spinner) is drawn before the first.
    let slow = Mock::start(&["--rate", "4"]);
    let never = on_a_terminal(&slow, 100, "-n 2 --color never", &[]);
    assert!(
        never.contains("connected for"),
        "status line drawn: {never:?}"
    );
    assert!(
        !has_colour(&never),
        "nothing coloured, spinner included: {never:?}"
    );
}

#[test]
fn stats_report_counts_round_trips_and_lag_on_exit() {
    let mock = samples_mock();

    let out = run(mock.tail(&["--json", "-n", "12", "--stats", "-q"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    let report = &out.stderr;
    assert!(report.starts_with("zoomws: stopped after "), "{report}");
    assert!(report.contains("12 events received, 12 shown"), "{report}");
    assert!(
        report.contains("\n  meeting.participant_joined  1\n"),
        "{report}"
    );
    assert!(
        report.contains("\n  chat_message.sent           1\n"),
        "{report}"
    );
    assert!(report.contains("heartbeat round trip: "), "{report}");
    assert!(
        report.contains("lag (received - event_ts): min "),
        "{report}"
    );
}

#[test]
fn sigusr1_prints_the_stats_and_the_tail_goes_on() {
    let mock = Mock::start(&["--rate", "20"]);
    let mut tail = Running::spawn(&mut mock.tail(&["--json", "--stats"]));
    support::read_lines(&mut tail.child, 2);

    support::signal(&tail.child, "USR1");
    support::wait_until(|| tail.stderr().contains("running for"));
    support::read_lines(&mut tail.child, 2);
    assert!(tail.child.try_wait().unwrap().is_none(), "still running");

    support::signal(&tail.child, "TERM");
    let (code, stderr) = tail.wait();
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("meeting.created"), "{stderr}");
    assert!(stderr.contains("stopped after"), "{stderr}");
}

/// Runs `zoomws tail ARGS` against `mock` on a pseudo-terminal `columns` wide, which
/// util-linux's `script` provides, with `TERM=xterm` and then `env`; returns everything the
/// terminal showed, stdout and stderr alike.
pub(crate) fn on_a_terminal(mock: &Mock, columns: u16, args: &str, env: &[(&str, &str)]) -> String {
    let line = format!(
        "stty cols {columns} rows 24; exec {} tail {args}",
        support::BIN
    );
    let mut script = support::on_a_pseudo_terminal(mock, &line);
    script
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out = support::finish(script.spawn().unwrap());
    assert_eq!(out.code(), 0, "{}{}", out.stdout, out.stderr);
    out.stdout
}

#[test]
fn on_a_terminal_a_status_line_is_drawn_apart_from_the_events_and_lines_fit() {
    let file = support::sample_events_path();
    let mock = Mock::start(&["--events-file", file.to_str().unwrap(), "--rate", "4"]);

    // The samples are from 2024: each line carries a long "(arrived …h …m late)" note.
    let screen = on_a_terminal(&mock, 70, "-n 6 --color never", &[]);

    assert!(
        screen.contains("connected for"),
        "status line drawn:\n{screen}"
    );
    let events = event_lines(&screen, 70);
    assert_eq!(events.len(), 6, "{screen:?}");
    for text in events {
        assert!(!text.contains("connected for"), "status mixed in: {text:?}");
    }
    assert!(
        screen.contains('…'),
        "a long summary was shortened:\n{screen}"
    );
}

#[test]
fn on_narrow_terminals_late_lines_still_fit() {
    for columns in [60, 40] {
        let screen = on_a_terminal(&samples_mock(), columns, "-n 12", &[]);
        let events = event_lines(&screen, usize::from(columns));
        assert_eq!(events.len(), 12, "{columns} columns: {screen:?}");
        assert!(
            events
                .iter()
                .all(|l| l.ends_with('…') || l.ends_with("late)")),
            "shortened, not wrapped, at {columns} columns: {events:#?}"
        );
    }
}

/// The event lines a terminal showed, without escape sequences; each must fit `columns`.
/// Event lines start with their time, so a status line mixed into one would show in it.
pub(crate) fn event_lines(screen: &str, columns: usize) -> Vec<String> {
    let events: Vec<String> = screen
        .split(['\r', '\n'])
        .map(strip_ansi)
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    for text in &events {
        let width = console::measure_text_width(text);
        assert!(width <= columns, "{width} > {columns} columns: {text:?}");
    }
    events
}

fn strip_ansi(text: &str) -> String {
    console::strip_ansi_codes(text).into_owned()
}

/// Whether `text` holds a colour or style sequence (`ESC [ … m`), not merely the cursor moves
/// and line clears that redraw a status line.
pub(crate) fn has_colour(text: &str) -> bool {
    text.split("\u{1b}[").skip(1).any(|rest| {
        let params = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';');
        params.starts_with('m')
    })
}
