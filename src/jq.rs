//! jq expressions over events, through jaq (a maintained jq implementation in Rust).
//!
//! `--filter` keeps an event when its expression yields a truthy value; `--jq` prints what its
//! expression yields. Both are compiled once at start-up, so a syntax error is a usage error
//! that points at the place in the expression.

use std::cell::OnceCell;
use std::fmt;

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

use crate::config::ConfigError;
use crate::protocol::Event;

type Data = data::JustLut<Val>;

/// A compiled jq expression.
pub struct Program {
    source: String,
    filter: jaq_core::Filter<Data>,
}

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Program").field(&self.source).finish()
    }
}

impl Program {
    /// Compiles `code`; `flag` names the option it came from, for the error message.
    pub fn compile(code: &str, flag: &str) -> Result<Self, ConfigError> {
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs());

        let arena = Arena::default();
        let modules = Loader::new(defs)
            .load(&arena, File { code, path: () })
            .map_err(|errs| {
                let first = errs
                    .into_iter()
                    .next()
                    .map(|(_, err)| load_error(code, &err));
                syntax_error(code, flag, first.unwrap_or_default())
            })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errs| {
                let first = errs.into_iter().flat_map(|(_, errs)| errs).next();
                let (what, at) = first.map_or(("undefined name", code), |(name, kind)| {
                    (kind.as_str(), name)
                });
                let detail = (offset(code, at), format!("undefined {what} {at:?}"));
                syntax_error(code, flag, detail)
            })?;

        Ok(Self {
            source: code.to_owned(),
            filter,
        })
    }

    /// The values the expression yields for `input`; an error stops the stream.
    pub fn run(&self, input: &Val) -> Result<Vec<Val>, String> {
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([]));
        self.filter
            .id
            .run((ctx, input.clone()))
            .map(unwrap_valr)
            .map(|result| result.map_err(|err| err.to_string()))
            .collect()
    }

    /// Whether any value the expression yields is truthy (neither `false` nor `null`), as in
    /// jq's `select`: `.files[] | .type == "M4A"` holds when any file is M4A, not only the
    /// first. The values are read lazily and the first truthy one decides, so an error after
    /// it does not matter; an error before it does, since `select` would stop there too.
    pub fn holds(&self, input: &Val) -> Result<bool, String> {
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([]));
        for value in self.filter.id.run((ctx, input.clone())).map(unwrap_valr) {
            if is_truthy(&value.map_err(|err| err.to_string())?) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The expression as the user wrote it.
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// An event as jq sees it, converted at most once however many expressions read it.
pub struct Doc<'a> {
    event: &'a Event,
    val: OnceCell<Val>,
}

impl<'a> Doc<'a> {
    pub fn new(event: &'a Event) -> Self {
        Self {
            event,
            val: OnceCell::new(),
        }
    }

    /// The event itself.
    pub fn event(&self) -> &'a Event {
        self.event
    }

    /// The event as a jq value, keys in the order Zoom sent them.
    pub fn val(&self) -> &Val {
        self.val.get_or_init(|| {
            // The event came from JSON text and serialises back to valid JSON.
            jaq_json::read::parse_single(self.event.to_json_line().as_bytes()).unwrap_or(Val::Null)
        })
    }
}

/// jq's truthiness: everything but `false` and `null`.
fn is_truthy(value: &Val) -> bool {
    !matches!(value, Val::Null | Val::Bool(false))
}

/// The character offset and description of a lex or parse error.
fn load_error(code: &str, err: &jaq_core::load::Error<&str>) -> (usize, String) {
    use jaq_core::load::Error;

    match err {
        Error::Lex(errs) => errs
            .first()
            .map_or((0, "invalid token".into()), |(want, got)| {
                (offset(code, got), format!("expected {}", want.as_str()))
            }),
        Error::Parse(errs) => errs
            .first()
            .map_or((0, "parse error".into()), |(want, got)| {
                let found = if got.is_empty() {
                    "the end".to_owned()
                } else {
                    format!("{got:?}")
                };
                (
                    offset(code, got),
                    format!("expected {}, found {found}", want.as_str()),
                )
            }),
        Error::Io(errs) => (0, format!("cannot load module: {errs:?}")),
    }
}

/// Where `part`, a slice of `code`, starts, counted in characters from 1.
fn offset(code: &str, part: &str) -> usize {
    let start = code.as_ptr() as usize;
    let at = (part.as_ptr() as usize)
        .saturating_sub(start)
        .min(code.len());
    code.get(..at).map_or(at, |before| before.chars().count()) + 1
}

fn syntax_error(code: &str, flag: &str, (column, why): (usize, String)) -> ConfigError {
    ConfigError(format!(
        "invalid {flag} expression {code:?}: {why} at character {column}; fix the jq syntax \
         (e.g. '.payload.object.topic | test(\"standup\"; \"i\")')"
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn event(value: serde_json::Value) -> Event {
        Event::from_value(value).unwrap()
    }

    fn run(code: &str, value: serde_json::Value) -> Vec<String> {
        let program = Program::compile(code, "--jq").unwrap();
        let event = event(value);
        let doc = Doc::new(&event);
        program
            .run(doc.val())
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn paths_pipes_and_regexes_work_like_jq() {
        let body = json!({"event": "meeting.started", "event_ts": 17, "payload": {
            "object": {"topic": "Daily Standup", "id": "851"}}});
        assert_eq!(run(".payload.object.id", body.clone()), [r#""851""#]);
        assert_eq!(
            run(
                r#".payload.object.topic | test("standup"; "i")"#,
                body.clone()
            ),
            ["true"]
        );
        assert_eq!(
            run("{e: .event, t: .event_ts}", body.clone()),
            [r#"{"e":"meeting.started","t":17}"#]
        );
        assert_eq!(
            run(".payload.object | keys[]", body),
            [r#""id""#, r#""topic""#]
        );
    }

    #[test]
    fn key_order_and_big_numbers_survive() {
        let event = event(json!({"b": 1, "a": 1733227200456_i64, "event": "x"}));
        let program = Program::compile(".", "--jq").unwrap();
        let out = program.run(Doc::new(&event).val()).unwrap();
        assert_eq!(
            out[0].to_string(),
            r#"{"b":1,"a":1733227200456,"event":"x"}"#
        );
    }

    #[test]
    fn truthiness_follows_jq() {
        let event = event(json!({"event": "x", "n": 0, "s": ""}));
        let doc = Doc::new(&event);
        for (code, expected) in [
            (".n", true),
            (".s", true),
            (".missing", false),
            ("false", false),
            ("empty", false),
            (".event == \"x\"", true),
        ] {
            let holds = Program::compile(code, "--filter").unwrap().holds(doc.val());
            assert_eq!(holds, Ok(expected), "{code}");
        }
    }

    #[test]
    fn any_truthy_result_holds_like_select() {
        let event = event(json!({"event": "x", "files": [
            {"type": "MP4"}, {"type": "M4A"}, {"type": 3}]}));
        let doc = Doc::new(&event);
        for (code, expected) in [
            (r#".files[] | .type == "M4A""#, Ok(true)),
            (r#".files[] | .type == "MP4""#, Ok(true)),
            (r#".files[] | .type == "TXT""#, Ok(false)),
            ("null, false, 0", Ok(true)),
            ("null, false", Ok(false)),
            // The first truthy value decides; an error after it is never reached...
            (r#".files[] | .type | test("M4A")"#, Ok(true)),
        ] {
            let holds = Program::compile(code, "--filter").unwrap().holds(doc.val());
            assert_eq!(holds, expected, "{code}");
        }
        // ...but an error before any truthy value is reported, as `select` would stop there.
        let program = Program::compile(r#".files[] | .type | test("TXT")"#, "--filter");
        assert!(program.unwrap().holds(doc.val()).is_err());
    }

    #[test]
    fn runtime_errors_are_reported_not_panics() {
        let event = event(json!({"event": "x"}));
        let program = Program::compile(".event | tonumber", "--jq").unwrap();
        assert!(program.run(Doc::new(&event).val()).is_err());
    }

    #[test]
    fn syntax_errors_point_at_the_place() {
        let err = Program::compile(".payload | ", "--filter").unwrap_err().0;
        assert!(err.starts_with("invalid --filter expression"), "{err}");
        assert!(err.contains("at character 12"), "{err}");

        let err = Program::compile(".a | nosuchfn(1)", "--jq").unwrap_err().0;
        assert!(
            err.contains("undefined") && err.contains("nosuchfn"),
            "{err}"
        );
        assert!(err.contains("at character 6"), "{err}");

        let err = Program::compile("(.a", "--jq").unwrap_err().0;
        assert!(err.contains("--jq"), "{err}");
    }
}
