//! Soak: many reconnect cycles with mixed faults (`zoomws mock --chaos`), checking that every
//! delivered event is printed once, that file descriptors and memory stay flat, and that the
//! backoff resets after a healthy connection.
//!
//! CI runs the short form; set `ZOOMWS_SOAK_CYCLES=1000` for the full run.

#[allow(dead_code)]
#[path = "integration/support.rs"]
mod support;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use support::{Mock, Running};

/// Reconnect cycles in the default (CI) run.
const DEFAULT_CYCLES: usize = 100;

/// Cycles before the baseline for descriptors and memory is taken.
const WARM_UP: usize = 30;

#[test]
fn reconnect_cycles_lose_nothing_and_leak_nothing() {
    let cycles = std::env::var("ZOOMWS_SOAK_CYCLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CYCLES);
    let mock = Mock::start(&[
        "--chaos",
        "--seed",
        "42",
        "--rate",
        "400",
        "--chaos-healthy",
        "150ms",
    ]);
    let mut tail = Running::spawn(
        mock.tail(&["-v", "--json"])
            .env("ZOOMWS_HEARTBEAT_INTERVAL", "30ms")
            .env("ZOOMWS_HEARTBEAT_TIMEOUT", "60ms")
            .env("ZOOMWS_BACKOFF_INITIAL", "1ms")
            .env("ZOOMWS_BACKOFF_MAX", "20ms"),
    );
    let (printed, reader) = collect_stdout(&mut tail);
    let pid = tail.child.id();
    let reconnects = |tail: &Running| tail.stderr().matches("reconnected; no connection").count();

    wait_for(&mut tail, cycles.min(WARM_UP), reconnects);
    let (fds_before, rss_before) = (open_fds(pid), rss_kib(pid));
    wait_for(&mut tail, cycles, reconnects);
    let (fds_after, rss_after) = (open_fds(pid), rss_kib(pid));

    support::signal(&tail.child, "TERM");
    let (code, stderr) = tail.wait();
    assert_eq!(
        code,
        0,
        "{}",
        stderr.lines().rev().take(20).collect::<Vec<_>>().join("\n")
    );

    reader.join().unwrap();
    let printed = printed.lock().unwrap();
    assert_eq!(
        printed.iter().collect::<HashSet<_>>().len(),
        printed.len(),
        "printed twice"
    );
    // Every printed event was delivered, in delivery order. A delivered event may still miss
    // the process: when the emulator drops a socket that holds an unread heartbeat, its kernel
    // answers with a reset, which discards what the client's kernel had not handed over yet.
    // So the unprinted are bounded by the resets (plus a few sent as the tail stopped).
    let recorded = mock.recorded(printed.len());
    let unprinted = unprinted_in_order(&recorded, &printed);
    let resets = mock.log().matches("dropping it (Reset)").count();
    assert!(
        unprinted.len() <= resets + 3,
        "{} delivered but never printed, with {resets} resets: {:?}",
        unprinted.len(),
        &unprinted[..unprinted.len().min(3)]
    );

    assert!(
        fds_after <= fds_before + 2,
        "descriptors grew from {fds_before} to {fds_after}"
    );
    assert!(
        rss_after <= rss_before + 4096,
        "memory grew from {rss_before} to {rss_after} KiB"
    );
    assert_backoff_resets(&stderr);
}

/// After each "backoff reset", the next delay is back at the first step (1ms, plus jitter).
fn assert_backoff_resets(stderr: &str) {
    let mut resets = 0;
    let mut after_reset = false;
    for line in stderr.lines() {
        if line.contains("backoff reset") {
            after_reset = true;
            resets += 1;
        } else if let Some((_, delay)) = line.split_once("reconnecting in ") {
            if after_reset {
                assert!(
                    delay == "0s" || delay == "1ms" || delay == "2ms",
                    "after a reset: {line}"
                );
            }
            after_reset = false;
        }
    }
    assert!(resets > 0, "no healthy connection was seen");
}

/// The recorded events missing from `printed`; panics unless `printed` is `recorded` in the
/// same order with some left out.
fn unprinted_in_order<'a>(recorded: &'a [String], printed: &[String]) -> Vec<&'a String> {
    let mut unprinted = Vec::new();
    let mut next = printed.iter().peekable();
    for event in recorded {
        if next.peek() == Some(&event) {
            next.next();
        } else {
            unprinted.push(event);
        }
    }
    let stray: Vec<_> = next.collect();
    assert!(
        stray.is_empty(),
        "printed but not delivered, or out of order: {stray:?}"
    );
    unprinted
}

/// Reads the tail's stdout in the background so it never blocks; the thread ends at EOF.
fn collect_stdout(tail: &mut Running) -> (Arc<Mutex<Vec<String>>>, JoinHandle<()>) {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    let stdout = BufReader::new(tail.child.stdout.take().unwrap());
    let reader = std::thread::spawn(move || {
        for line in stdout.lines() {
            sink.lock().unwrap().push(line.unwrap());
        }
    });
    (lines, reader)
}

/// Waits, within a generous bound, until `count` reaches `target`; fails at once if the tail
/// has exited.
fn wait_for(tail: &mut Running, target: usize, count: impl Fn(&Running) -> usize) {
    let start = std::time::Instant::now();
    while count(tail) < target {
        if let Ok(Some(status)) = tail.child.try_wait() {
            panic!("the tail exited ({status}):\n{}", tail.stderr());
        }
        let limit = std::time::Duration::from_secs(300);
        assert!(
            start.elapsed() < limit,
            "only {} of {target} cycles in {limit:?}",
            count(tail)
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .count()
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}
