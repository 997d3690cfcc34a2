//! The main job: events in, lines out.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::output::{event_lines, has_colour, on_a_terminal};
use crate::support::{self, Mock, event_names, run, sample_events};

#[test]
fn json_lines_equal_the_events_sent() {
    let file = support::sample_events_path();
    let mock = Mock::start(&["--events-file", file.to_str().unwrap(), "--rate", "200"]);

    let out = run(mock.tail(&["--json", "--count", "12"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(
        out.lines(),
        sample_events(),
        "same keys, order, numbers and text as sent"
    );
    assert_eq!(mock.recorded(12), sample_events());
}

#[test]
fn event_patterns_select_by_name_and_glob() {
    let file = support::sample_events_path();
    let mock = Mock::start(&["--events-file", file.to_str().unwrap(), "--rate", "200"]);

    let out = run(mock.tail(&["--json", "-n", "7", "--event", "meeting.*,*.started"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    let expected = [
        "meeting.created",
        "meeting.started",
        "meeting.participant_joined",
        "meeting.participant_left",
        "meeting.ended",
        "webinar.started",
        "meeting.deleted",
    ];
    assert_eq!(event_names(&out.lines()), expected);
}

#[test]
fn pretty_output_has_a_line_per_event_and_no_colour_in_a_pipe() {
    let file = support::sample_events_path();
    let mock = Mock::start(&["--events-file", file.to_str().unwrap(), "--rate", "200"]);

    let out = run(mock.tail(&["--count", "12"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    let lines = out.lines();
    assert_eq!(lines.len(), 12);
    assert!(
        !out.stdout.contains('\u{1b}'),
        "no escape sequences in a pipe"
    );
    assert!(lines[2].contains("Søren Ægidius joined \"Quarterly planning\" (84123456789)"));
    assert!(lines[5].contains("recording.completed") && lines[5].contains("50.0 MiB"));
}

#[test]
fn color_always_colours_even_in_a_pipe_and_no_color_turns_auto_off() {
    let mock = Mock::start(&["--rate", "50"]);

    let coloured = run(mock.tail(&["--count", "1", "--color", "always"]));
    assert!(coloured.stdout.contains("\u{1b}["), "{}", coloured.stdout);

    // On a terminal, where `auto` would colour: NO_COLOR turns it off, status line included.
    let auto = on_a_terminal(&mock, 100, "--count 2 --color auto", &[]);
    assert!(has_colour(&auto), "auto colours a terminal: {auto:?}");
    let plain = on_a_terminal(&mock, 100, "--count 2 --color auto", &[("NO_COLOR", "1")]);
    assert_eq!(event_lines(&plain, 100).len(), 2, "events shown: {plain:?}");
    assert!(!has_colour(&plain), "NO_COLOR: {plain:?}");
}

#[test]
fn count_stops_after_exactly_n_events() {
    let mock = Mock::start(&["--rate", "100"]);

    let out = run(mock.tail(&["--json", "--count", "3"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(out.lines().len(), 3);
}

#[test]
fn timeout_before_count_exits_124_and_without_count_exits_0() {
    let mock = Mock::start(&["--rate", "0.1"]);

    let out = run(mock.tail(&["--json", "--count", "1000", "--timeout", "700ms"]));
    assert_eq!(out.code(), 124, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("--timeout 700ms passed before --count 1000 was reached ("),
        "{}",
        out.stderr
    );

    let out = run(mock.tail(&["--json", "--timeout", "300ms"]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert!(!out.stderr.contains("passed before"), "{}", out.stderr);
}

#[test]
fn each_line_reaches_the_pipe_while_the_tail_runs() {
    let mock = Mock::start(&["--rate", "5"]);
    let mut child = mock
        .tail(&["--json", "-q"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();

    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for _ in 0..2 {
        let line = lines.next().unwrap().unwrap();
        assert!(line.starts_with('{'), "{line}");
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "lines must arrive while zoomws still runs"
    );

    support::signal(&child, "TERM");
    drop(lines);
    assert!(child.wait().unwrap().success());
}

#[test]
fn demo_runs_the_whole_pipeline_in_one_process() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        run(support::client(dir.path()).args(["demo", "--json", "--count", "4", "--rate", "50"]));

    assert_eq!(out.code(), 0, "{}", out.stderr);
    let names = event_names(&out.lines());
    assert_eq!(
        names,
        [
            "meeting.created",
            "meeting.started",
            "meeting.participant_joined",
            "meeting.participant_joined"
        ]
    );
}
