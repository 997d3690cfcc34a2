//! Which events to print: by event name (globs, with exclusions) and by jq expressions.

use globset::{Glob, GlobSet, GlobSetBuilder};
use tracing::warn;

use crate::config::ConfigError;
use crate::human;
use crate::jq::{Doc, Program};

/// Event-name patterns and jq conditions; an empty filter keeps everything.
#[derive(Debug, Default)]
pub struct EventFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    conditions: Vec<Program>,
}

impl EventFilter {
    /// Builds a filter from `--event` patterns such as `meeting.*` or `*.ended`.
    pub fn new(patterns: &[String]) -> Result<Self, ConfigError> {
        Ok(Self {
            include: globs(patterns, "--event")?,
            ..Self::default()
        })
    }

    /// Also drops events whose name matches one of `patterns` (`--exclude-event`).
    pub fn excluding(mut self, patterns: &[String]) -> Result<Self, ConfigError> {
        self.exclude = globs(patterns, "--exclude-event")?;
        Ok(self)
    }

    /// Also requires every jq expression in `conditions` to hold (`--filter`).
    pub fn requiring(mut self, conditions: &[String]) -> Result<Self, ConfigError> {
        self.conditions = conditions
            .iter()
            .map(|code| Program::compile(code, "--filter"))
            .collect::<Result<_, _>>()?;
        Ok(self)
    }

    /// Whether the event should be printed. A condition that fails on this event (say, a
    /// string function applied to a number) does not hold, and says so on stderr.
    pub fn matches(&self, doc: &Doc) -> bool {
        let name = doc.event().name();
        if self.include.as_ref().is_some_and(|set| !set.is_match(name)) {
            return false;
        }
        if self.exclude.as_ref().is_some_and(|set| set.is_match(name)) {
            return false;
        }

        self.conditions
            .iter()
            .all(|condition| match condition.holds(doc.val()) {
                Ok(holds) => holds,
                Err(err) => {
                    warn!(
                        "--filter {:?} failed on a {} event: {}; the event is not shown",
                        condition.source(),
                        human::sanitize(name),
                        human::sanitize(&err)
                    );
                    false
                }
            })
    }
}

/// A glob set from `--event`-style patterns; `None` when there are none.
fn globs(patterns: &[String], flag: &str) -> Result<Option<GlobSet>, ConfigError> {
    let patterns: Vec<&str> = patterns
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if patterns.is_empty() {
        return Ok(None);
    }

    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern).map_err(|err| {
            ConfigError(format!(
                "invalid {flag} pattern {pattern:?}: {}; use names like meeting.started or \
                 globs like 'meeting.*'",
                err.kind()
            ))
        })?;
        set.add(glob);
    }
    let set = set
        .build()
        .map_err(|err| ConfigError(format!("invalid {flag}: {err}")))?;
    Ok(Some(set))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::protocol::Event;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|p| p.to_string()).collect()
    }

    fn filter(patterns: &[&str]) -> EventFilter {
        EventFilter::new(&strings(patterns)).unwrap()
    }

    /// Whether `filter` keeps an event with this body.
    fn keeps(filter: &EventFilter, body: serde_json::Value) -> bool {
        let event = Event::from_value(body).unwrap();
        filter.matches(&Doc::new(&event))
    }

    fn named(filter: &EventFilter, name: &str) -> bool {
        keeps(filter, json!({ "event": name }))
    }

    #[test]
    fn empty_filter_keeps_everything() {
        assert!(named(&filter(&[]), "anything.at_all"));
        assert!(named(&filter(&[" "]), ""));
    }

    #[test]
    fn exact_names_and_globs() {
        let f = filter(&["meeting.started", "*.ended", "recording.*"]);
        for kept in [
            "meeting.started",
            "webinar.ended",
            "meeting.ended",
            "recording.completed",
        ] {
            assert!(named(&f, kept), "{kept}");
        }
        for dropped in [
            "meeting.created",
            "meeting.started.extra",
            "user.created",
            "",
        ] {
            assert!(!named(&f, dropped), "{dropped}");
        }
    }

    #[test]
    fn star_does_not_care_about_dots() {
        let f = filter(&["meeting.*"]);
        assert!(named(&f, "meeting.participant_joined"));
        assert!(!named(&f, "webinar.started"));
    }

    #[test]
    fn exclusions_win_over_inclusions() {
        let f = filter(&["meeting.*"])
            .excluding(&strings(&["meeting.participant_*"]))
            .unwrap();
        assert!(named(&f, "meeting.started"));
        assert!(!named(&f, "meeting.participant_joined"));
        assert!(!named(&f, "user.created"));

        let only_exclude = filter(&[]).excluding(&strings(&["*.updated"])).unwrap();
        assert!(named(&only_exclude, "user.created"));
        assert!(!named(&only_exclude, "user.updated"));
    }

    #[test]
    fn every_condition_must_hold_and_a_failing_one_does_not() {
        let f = filter(&[])
            .requiring(&strings(&[
                r#".payload.object.topic | test("standup"; "i")"#,
                ".event_ts > 10",
            ]))
            .unwrap();
        let body = |topic: &str, ts: i64| {
            json!({"event": "meeting.started", "event_ts": ts,
                   "payload": {"object": {"topic": topic}}})
        };
        assert!(keeps(&f, body("Daily STANDUP", 11)));
        assert!(!keeps(&f, body("Daily STANDUP", 9)));
        assert!(!keeps(&f, body("Retro", 11)));
        // `test` on a missing topic (null) is a jq error: the event is dropped, not a panic.
        assert!(!keeps(&f, json!({"event": "user.created", "event_ts": 11})));
    }

    #[test]
    fn bad_patterns_and_expressions_are_usage_errors() {
        let err = EventFilter::new(&strings(&["meeting.["])).unwrap_err();
        assert!(err.0.contains("meeting.["), "{}", err.0);
        let err = filter(&[]).excluding(&strings(&["a.["])).unwrap_err();
        assert!(err.0.contains("--exclude-event"), "{}", err.0);
        let err = filter(&[]).requiring(&strings(&[".a |"])).unwrap_err();
        assert!(err.0.contains("--filter"), "{}", err.0);
    }
}
