//! Where the emulator's events come from: a generated meeting life, or a JSON-lines file.
//!
//! Events are produced on the clock whether or not a client listens; like Zoom, an event
//! produced while nobody is connected is gone for good.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use serde_json::{Value, json};
use tracing::{debug, info};

/// Participants of the generated meetings; the names exercise non-ASCII text.
const PEOPLE: [(&str, &str); 5] = [
    ("Søren Ægidius", "soren@example.com"),
    ("Zoë Ångström", "zoe@example.com"),
    ("李小龍", "li@example.com"),
    ("Ana María O'Brien", "ana@example.com"),
    ("Małgorzata Żółć", "malgorzata@example.com"),
];

const TOPICS: [&str; 4] = [
    "Weekly sync",
    "Quarterly planning",
    "Café ☕ retro",
    "Design review — “v2”",
];

const ACCOUNT: &str = "mockAccount0001";
const HOST: &str = "mockHostId0000000001";

/// The emulator's event source.
pub enum Source {
    /// A generated, endless story of meetings.
    Generated(Story),
    /// Lines of a file, played once, in order.
    File(std::vec::IntoIter<String>),
}

impl Source {
    /// Opens the events file if one is configured, else starts a generated story.
    pub fn open(scenario: &super::Scenario) -> anyhow::Result<Self> {
        let Some(path) = &scenario.events_file else {
            return Ok(Self::Generated(Story::default()));
        };

        let text = std::fs::read_to_string(path)
            .with_context(|| format!("could not read events file {}", path.display()))?;
        let mut lines = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let value: Value = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not a JSON event", path.display(), number + 1))?;
            if !value.get("event").is_some_and(Value::is_string) {
                bail!(
                    "{}:{}: an event needs an \"event\" name",
                    path.display(),
                    number + 1
                );
            }
            lines.push(line.to_owned());
        }
        Ok(Self::File(lines.into_iter()))
    }

    fn next_event(&mut self) -> Option<String> {
        match self {
            Source::Generated(story) => Some(story.next_event().to_string()),
            Source::File(lines) => lines.next(),
        }
    }
}

/// Produces events at the scenario's rate and hands them to whoever is connected.
pub async fn produce(state: Arc<super::State>, mut source: Source) {
    // Start the clock when the first client arrives, so nothing is lost to start-up order.
    state.client_arrived.notified().await;

    let period =
        Duration::try_from_secs_f64(1.0 / state.scenario.rate).unwrap_or(Duration::from_secs(1));
    let mut ticker = tokio::time::interval(period);
    let limit = state.scenario.limit.unwrap_or(u64::MAX);
    // Events lost in a row while nobody listens, so the log says so once, not per event.
    let mut lost: u64 = 0;

    for _ in 0..limit {
        ticker.tick().await;
        let Some(event) = source.next_event() else {
            info!("all events from the file were sent");
            return;
        };
        if state.events.send(Arc::from(event)).is_err() {
            lost += 1;
            if lost == 1 {
                info!("no client connected: events are lost until one connects, as with Zoom");
            }
        } else {
            if lost > 1 {
                info!("{lost} events were lost while no client was connected");
            }
            lost = 0;
            debug!("event published");
        }
    }
    info!("event limit reached; no more events will be produced");
}

/// A meeting's life, told over and over with new meetings: created, started, people join and
/// leave, ended, recorded; with a user and a webinar in between.
#[derive(Debug, Default)]
pub struct Story {
    step: usize,
    meeting: u64,
    last_ts: i64,
}

/// Steps in one round of the story.
const STEPS: usize = 14;

impl Story {
    /// The next event of the story.
    pub fn next_event(&mut self) -> Value {
        let now = chrono::Utc::now().timestamp_millis();
        // Strictly increasing, so every generated event is distinct.
        self.last_ts = now.max(self.last_ts + 1);

        let event = self.event_at(self.step, self.last_ts);
        self.step += 1;
        if self.step == STEPS {
            self.step = 0;
            self.meeting += 1;
        }
        event
    }

    fn event_at(&self, step: usize, ts: i64) -> Value {
        let id = 81_000_000_000 + self.meeting * 7919;
        let topic = TOPICS[self.meeting as usize % TOPICS.len()];
        let uuid = format!("mOcK{:06}/+Uu1d//Q==", self.meeting);
        let start = iso(ts);
        let meeting = json!({"id": id.to_string(), "uuid": uuid, "host_id": HOST, "topic": topic,
            "type": 2, "start_time": start, "timezone": "Europe/Berlin", "duration": 30});

        match step {
            0 => envelope(
                "meeting.created",
                ts,
                json!({"account_id": ACCOUNT,
                "operator": "host@example.com", "operator_id": HOST, "operation": "single",
                "object": {"uuid": uuid, "id": id, "host_id": HOST, "topic": topic, "type": 2,
                    "start_time": start, "duration": 30, "timezone": "Europe/Berlin",
                    "join_url": format!("https://example.zoom.us/j/{id}")}}),
            ),
            1 => envelope(
                "meeting.started",
                ts,
                json!({"account_id": ACCOUNT, "object": meeting}),
            ),
            2..=4 => self.participant("meeting.participant_joined", ts, meeting, step - 2),
            5 => envelope(
                "chat_message.sent",
                ts,
                json!({"account_id": ACCOUNT,
                "operator": PEOPLE[0].1, "operator_id": "mockUser0", "object": {
                    "id": format!("MSG-{ts}"), "type": "to_channel", "date_time": iso(ts),
                    "timestamp": ts, "channel_id": "chanMock01", "channel_name": "équipe",
                    "message": "Slides are up 📎 — see \"Q4\" folder"}}),
            ),
            6..=8 => self.participant("meeting.participant_left", ts, meeting, step - 6),
            9 => {
                let mut ended = meeting;
                ended["end_time"] = json!(iso(ts));
                envelope(
                    "meeting.ended",
                    ts,
                    json!({"account_id": ACCOUNT, "object": ended}),
                )
            }
            10 => self.recording(ts, id, topic, &uuid),
            11 => {
                let (name, email) = PEOPLE[(self.meeting as usize + 3) % PEOPLE.len()];
                let (first, last) = name.split_once(' ').unwrap_or((name, ""));
                envelope(
                    "user.created",
                    ts,
                    json!({"account_id": ACCOUNT,
                    "operator": "admin@example.com", "operator_id": "mockAdmin",
                    "creation_type": "create", "object": {"id": format!("mockUser{}", self.meeting),
                        "first_name": first, "last_name": last, "display_name": name,
                        "email": email, "type": 1}}),
                )
            }
            12 | 13 => {
                let name = if step == 12 {
                    "webinar.started"
                } else {
                    "webinar.ended"
                };
                envelope(
                    name,
                    ts,
                    json!({"account_id": ACCOUNT, "object": {
                    "id": (id + 1).to_string(), "uuid": format!("wEb{:06}==", self.meeting),
                    "host_id": HOST, "topic": "Product launch — Q&A 🚀", "type": 5,
                    "start_time": start, "timezone": "Europe/Paris", "duration": 60}}),
                )
            }
            _ => unreachable!("the story has {STEPS} steps"),
        }
    }

    fn participant(&self, name: &str, ts: i64, mut meeting: Value, who: usize) -> Value {
        let (user_name, email) = PEOPLE[(self.meeting as usize + who) % PEOPLE.len()];
        let mut participant = json!({"user_id": format!("{}", 16_778_240 + who),
            "user_name": user_name, "id": format!("mockUser{who}"),
            "participant_uuid": format!("PUUID-{}-{who}", self.meeting), "email": email});
        if name.ends_with("joined") {
            participant["join_time"] = json!(iso(ts));
        } else {
            participant["leave_time"] = json!(iso(ts));
            participant["leave_reason"] = json!(format!(
                "{user_name} left the meeting.<br>Reason: left the meeting"
            ));
        }
        meeting["participant"] = participant;
        envelope(name, ts, json!({"account_id": ACCOUNT, "object": meeting}))
    }

    fn recording(&self, ts: i64, id: u64, topic: &str, uuid: &str) -> Value {
        let sizes = [41_943_040 + self.meeting * 1024, 5_242_880];
        let files: Vec<Value> = sizes
            .iter()
            .zip(["shared_screen_with_speaker_view", "audio_only"])
            .zip(["MP4", "M4A"])
            .map(|((size, kind), file_type)| {
                json!({"id": format!("rec-{kind}"),
                "meeting_id": uuid, "recording_type": kind, "file_type": file_type,
                "file_size": size, "status": "completed",
                "download_url": format!("https://example.zoom.us/rec/download/{id}")})
            })
            .collect();
        let mut event = envelope(
            "recording.completed",
            ts,
            json!({"account_id": ACCOUNT,
            "object": {"id": id, "uuid": uuid, "host_id": HOST, "topic": topic, "type": 2,
                "start_time": iso(ts), "duration": 30, "total_size": sizes.iter().sum::<u64>(),
                "recording_count": files.len(), "recording_files": files}}),
        );
        event["download_token"] = json!(format!("mockDownloadToken.{ts}"));
        event
    }
}

/// `{"event", "event_ts", "payload"}` in the order Zoom usually sends them.
fn envelope(name: &str, ts: i64, payload: Value) -> Value {
    json!({"event": name, "event_ts": ts, "payload": payload})
}

fn iso(ts: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ts)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_covers_a_meeting_life_with_distinct_events() {
        let mut story = Story::default();
        let events: Vec<Value> = (0..STEPS * 2).map(|_| story.next_event()).collect();
        let names: Vec<&str> = events[..STEPS]
            .iter()
            .map(|e| e["event"].as_str().unwrap())
            .collect();

        for expected in [
            "meeting.created",
            "meeting.started",
            "meeting.participant_joined",
            "meeting.participant_left",
            "meeting.ended",
            "recording.completed",
            "user.created",
            "webinar.started",
            "webinar.ended",
        ] {
            assert!(
                names.contains(&expected),
                "{expected} missing from {names:?}"
            );
        }
        let stamps: Vec<i64> = events
            .iter()
            .map(|e| e["event_ts"].as_i64().unwrap())
            .collect();
        assert!(
            stamps.windows(2).all(|w| w[0] < w[1]),
            "event_ts must increase"
        );
        assert_ne!(
            events[1]["payload"]["object"]["id"],
            events[STEPS + 1]["payload"]["object"]["id"]
        );
    }

    #[test]
    fn meeting_ids_have_zooms_types() {
        let mut story = Story::default();
        let created = story.next_event();
        let started = story.next_event();
        assert!(
            created["payload"]["object"]["id"].is_u64(),
            "integer in meeting.created"
        );
        assert!(
            started["payload"]["object"]["id"].is_string(),
            "string in meeting.started"
        );
    }
}
