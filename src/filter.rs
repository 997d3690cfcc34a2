//! Which events to print, by event name.

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::ConfigError;
use crate::protocol::Event;

/// Event-name patterns; an empty filter keeps everything.
#[derive(Debug, Clone)]
pub struct EventFilter {
    include: Option<GlobSet>,
}

impl EventFilter {
    /// Builds a filter from `--event` patterns such as `meeting.*` or `*.ended`.
    pub fn new(patterns: &[String]) -> Result<Self, ConfigError> {
        let patterns: Vec<&str> = patterns
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        if patterns.is_empty() {
            return Ok(Self { include: None });
        }

        let mut set = GlobSetBuilder::new();
        for pattern in patterns {
            let glob = Glob::new(pattern).map_err(|err| {
                ConfigError(format!(
                    "invalid --event pattern {pattern:?}: {}; use names like meeting.started or \
                     globs like 'meeting.*'",
                    err.kind()
                ))
            })?;
            set.add(glob);
        }
        let set = set
            .build()
            .map_err(|err| ConfigError(format!("invalid --event: {err}")))?;
        Ok(Self { include: Some(set) })
    }

    /// Whether the event should be printed.
    pub fn matches(&self, event: &Event) -> bool {
        self.include
            .as_ref()
            .is_none_or(|set| set.is_match(event.name()))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn event(name: &str) -> Event {
        Event::from_value(json!({ "event": name })).unwrap()
    }

    fn filter(patterns: &[&str]) -> EventFilter {
        EventFilter::new(&patterns.iter().map(|p| p.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn empty_filter_keeps_everything() {
        assert!(filter(&[]).matches(&event("anything.at_all")));
        assert!(filter(&[" "]).matches(&event("")));
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
            assert!(f.matches(&event(kept)), "{kept}");
        }
        for dropped in [
            "meeting.created",
            "meeting.started.extra",
            "user.created",
            "",
        ] {
            assert!(!f.matches(&event(dropped)), "{dropped}");
        }
    }

    #[test]
    fn star_does_not_care_about_dots() {
        let f = filter(&["meeting.*"]);
        assert!(f.matches(&event("meeting.participant_joined")));
        assert!(!f.matches(&event("webinar.started")));
    }

    #[test]
    fn bad_pattern_is_a_usage_error() {
        let err = EventFilter::new(&["meeting.[".to_string()]).unwrap_err();
        assert!(err.0.contains("meeting.["), "{}", err.0);
    }
}
