//! Resolved settings, each remembering where it came from.
//!
//! Precedence is flag, then process environment, then the `.env` file, then the profile of the
//! config file, then the default. clap reads flags and the environment; [`load_env_file`] fills
//! the environment from `.env` before clap runs, without overriding anything already set, and
//! remembers which keys it filled. The [`profile`] comes last, for what is still unset.

use std::collections::HashSet;
use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use clap::ArgMatches;
use clap::parser::ValueSource;
use url::{Host, Url};

use crate::auth::Credentials;
use crate::cli::{ConnectArgs, EnvFile, NetworkArgs};
use crate::profile::{self, Profile};
use crate::secret::Secret;

/// Zoom's commercial token endpoint.
pub const DEFAULT_OAUTH_URL: &str = "https://zoom.us/oauth/token";

/// Zoom's WebSocket endpoint for event subscriptions.
pub const DEFAULT_WS_URL: &str = "wss://ws.zoom.us/ws";

/// Zoom for Government's token endpoint.
pub const GOV_OAUTH_URL: &str = "https://zoomgov.com/oauth/token";

/// Zoom for Government's WebSocket endpoint. Zoom does not document it: this is inferred from
/// the commercial one, so users should copy the URL from their subscription page.
pub const GOV_WS_URL: &str = "wss://ws.zoomgov.com/ws";

/// Prefixes of the variables a `.env` file may set for zoomws; anything else in it is ignored.
const ENV_PREFIXES: [&str; 2] = ["ZOOM_", "ZOOMWS_"];

/// A bad or missing setting: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag.
    Flag,
    /// The process environment.
    Env,
    /// A `.env` file.
    EnvFile(PathBuf),
    /// The `subscriptionId` in the WebSocket URL.
    WsUrl,
    /// A file named by a `*_FILE` setting.
    File(PathBuf),
    /// A profile of the config file.
    Profile { path: PathBuf, name: String },
    /// The built-in default.
    Default,
    /// The built-in default for Zoom for Government (`--gov`).
    GovDefault,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag => f.write_str("flag"),
            Source::Env => f.write_str("environment"),
            Source::EnvFile(path) => write!(f, "{}", path.display()),
            Source::WsUrl => f.write_str("--ws-url"),
            Source::File(path) => write!(f, "file {}", path.display()),
            Source::Profile { path, name } => write!(f, "profile {name} ({})", path.display()),
            Source::Default => f.write_str("default"),
            Source::GovDefault => f.write_str("default for --gov"),
        }
    }
}

impl Source {
    /// Precedence: lower wins.
    fn rank(&self) -> u8 {
        match self {
            Source::Flag => 0,
            Source::Env => 1,
            Source::EnvFile(_) => 2,
            Source::Profile { .. } => 3,
            Source::File(_) | Source::WsUrl | Source::Default | Source::GovDefault => 4,
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

/// What [`load_env_file`] read: the file and the keys it put into the environment.
#[derive(Debug, Default)]
pub struct EnvFileValues {
    path: Option<PathBuf>,
    keys: HashSet<String>,
    /// Problems worth a warning once logging is up, such as loose file permissions.
    pub warnings: Vec<String>,
}

/// Loads `ZOOM_*`/`ZOOMWS_*` variables from the `.env` file into the process environment,
/// leaving variables that are already set alone. A missing default `.env` is not an error.
///
/// Must run before any other thread exists (it is called from `main` before the runtime
/// starts), because changing the environment is only sound while single-threaded.
pub fn load_env_file(which: &EnvFile) -> Result<EnvFileValues, ConfigError> {
    let path = match which {
        EnvFile::Default if !Path::new(".env").exists() => return Ok(EnvFileValues::default()),
        EnvFile::Default => PathBuf::from(".env"),
        EnvFile::Explicit(path) => path.clone(),
    };

    let entries = dotenvy::from_path_iter(&path).map_err(|err| {
        ConfigError(format!(
            "could not read env file {}: {}; check the path given to --env-file",
            path.display(),
            dotenv_reason(&path, &err)
        ))
    })?;

    let mut keys = HashSet::new();
    for entry in entries {
        let (key, value) = entry.map_err(|err| {
            ConfigError(format!(
                "could not parse {}: {}",
                path.display(),
                dotenv_reason(&path, &err)
            ))
        })?;
        let ours = ENV_PREFIXES.iter().any(|p| key.starts_with(p));
        if ours && std::env::var_os(&key).is_none() {
            // SAFETY: called from `main` before the runtime or any other thread is started.
            unsafe { std::env::set_var(&key, value) };
            keys.insert(key);
        }
    }

    let warnings = loose_permissions(&path).into_iter().collect();
    Ok(EnvFileValues {
        path: Some(path),
        keys,
        warnings,
    })
}

/// A warning when other users may read the file, which holds the client secret.
#[cfg(unix)]
pub(crate) fn loose_permissions(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;

    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} can be read by other users (mode {:o}); restrict it with: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
pub(crate) fn loose_permissions(_path: &Path) -> Option<String> {
    None
}

/// dotenvy's error text without the Debug noise of the I/O error it wraps.
fn dotenv_reason(path: &Path, err: &dotenvy::Error) -> String {
    match err {
        dotenvy::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "no such file".into()
        }
        dotenvy::Error::Io(io) => io.to_string(),
        dotenvy::Error::LineParse(rest, index) => unparsable_line(path, rest, *index),
        other => other.to_string(),
    }
}

/// Where a `.env` entry fails to parse, naming its variable but never its value, which may be
/// the client secret. dotenvy hands over the unparsed rest of the file (sometimes starting
/// inside the bad line) and a character index into it.
fn unparsable_line(path: &Path, rest: &str, index: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let Some(at) = text.find(rest).filter(|_| !rest.is_empty()) else {
        return "cannot parse an entry; check its quotes and escapes (values are not shown, as \
                they may be secret)"
            .to_owned();
    };
    let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
    let line_number = text[..at].matches('\n').count() + 1;
    let line = text[line_start..].lines().next().unwrap_or_default();
    let name = line
        .split_once('=')
        .map(|(name, _)| name.trim().trim_start_matches("export ").trim())
        .filter(|name| !name.is_empty())
        .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));

    let what = match name {
        Some(name) => format!("the value of {name}"),
        None => "the entry".to_owned(),
    };
    format!(
        "cannot parse {what} on line {line_number} (at character {}); check its quotes and \
         escapes (values are not shown, as they may be secret)",
        at - line_start + index + 1
    )
}

/// Every setting as found, before checking that the required ones are there: what
/// `zoomws config show` prints and what [`Connection::resolve`] checks.
#[derive(Debug, Clone)]
pub struct Found {
    /// The config file profiles are read from, if there is a config directory.
    pub config_file: Option<PathBuf>,
    /// The profile in use: named by `--profile`/`ZOOM_PROFILE`, or `default` if the file has it.
    pub profile: Option<Setting<String>>,
    /// Whether the Zoom for Government endpoints are the defaults.
    pub gov: Setting<bool>,
    /// The app's account ID, if set anywhere.
    pub account_id: Option<Setting<String>>,
    /// The app's client ID, if set anywhere.
    pub client_id: Option<Setting<String>>,
    /// The client secret given directly, if it was.
    pub client_secret: Option<Setting<Secret>>,
    /// The path of a file holding the client secret, if given.
    pub client_secret_file: Option<Setting<String>>,
    /// The subscription ID given directly; it may also come from the WebSocket URL.
    pub subscription_id: Option<Setting<String>>,
    /// The token endpoint as written, not yet parsed.
    pub oauth_url: Setting<String>,
    /// The WebSocket endpoint as written, not yet parsed.
    pub ws_url: Setting<String>,
}

impl Found {
    /// Looks every setting up in flags, environment, `.env` file and profile. Fails only on
    /// problems with the profile file; `config_file` is where profiles live.
    pub fn gather(
        args: &ConnectArgs,
        matches: &ArgMatches,
        env_file: &EnvFileValues,
        config_file: Option<&Path>,
    ) -> Result<Self, ConfigError> {
        let bare = Lookup {
            matches,
            env_file,
            profile: None,
        };
        let named = bare.optional(&args.profile, "profile", PROFILE);
        let wanted = named.as_ref().map(|s| s.value.as_str());
        let loaded = profile::load(config_file, wanted)?;
        let profile = named.or_else(|| {
            loaded.as_ref().map(|p| Setting {
                value: p.name.clone(),
                source: Source::Default,
            })
        });

        let lookup = Lookup {
            profile: loaded.as_ref(),
            ..bare
        };
        let gov = lookup.gov();
        let (oauth_default, ws_default, default) = if gov.value {
            (GOV_OAUTH_URL, GOV_WS_URL, Source::GovDefault)
        } else {
            (DEFAULT_OAUTH_URL, DEFAULT_WS_URL, Source::Default)
        };
        let or_default = |found: Option<Setting<String>>, value: &str| {
            found.unwrap_or_else(|| Setting {
                value: value.to_owned(),
                source: default.clone(),
            })
        };

        let client_secret = lookup
            .optional(&args.client_secret, "client_secret", CLIENT_SECRET)
            .map(|s| Setting {
                value: Secret::new(s.value),
                source: s.source,
            });
        Ok(Self {
            config_file: config_file.map(Path::to_owned),
            profile,
            account_id: lookup.optional(&args.account_id, "account_id", ACCOUNT_ID),
            client_id: lookup.optional(&args.client_id, "client_id", CLIENT_ID),
            client_secret,
            client_secret_file: lookup.optional(
                &args.client_secret_file,
                "client_secret_file",
                SECRET_FILE,
            ),
            subscription_id: lookup.optional(
                &args.subscription_id,
                "subscription_id",
                SUBSCRIPTION_ID,
            ),
            oauth_url: or_default(
                lookup.optional(&args.oauth_url, "oauth_url", OAUTH_URL),
                oauth_default,
            ),
            ws_url: or_default(lookup.optional(&args.ws_url, "ws_url", WS_URL), ws_default),
            gov,
        })
    }
}

/// One line of `zoomws config show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The setting's name, as a profile key.
    pub name: &'static str,
    /// Its value for display: secrets masked, tokens in URLs redacted, `(not set)` if unset.
    pub value: String,
    /// Where it came from, or `-` when unset.
    pub source: String,
}

impl Row {
    /// A row for a value and the source it came from, or `(not set)`.
    fn new(name: &'static str, found: Option<(String, String)>) -> Self {
        let (value, source) = found.unwrap_or_else(|| ("(not set)".into(), "-".into()));
        Row {
            name,
            value: crate::human::sanitize(&value),
            source,
        }
    }
}

impl Found {
    /// Every setting for display; never a secret in full.
    pub fn rows(&self) -> Vec<Row> {
        let row = |name, setting: Option<(String, Source)>| {
            Row::new(
                name,
                setting.map(|(value, source)| (value, source.to_string())),
            )
        };
        let text =
            |s: &Option<Setting<String>>| s.as_ref().map(|s| (s.value.clone(), s.source.clone()));
        let url = |s: &Setting<String>| match Url::parse(&s.value) {
            Ok(url) => (crate::secret::redact_url(&url), s.source.clone()),
            Err(_) => (
                crate::secret::redact_unparsed_url(&s.value),
                s.source.clone(),
            ),
        };
        let secret = self
            .client_secret
            .as_ref()
            .map(|s| (crate::secret::mask(s.value.expose()), s.source.clone()));
        let from_url = Url::parse(&self.ws_url.value)
            .ok()
            .and_then(|ws| subscription_id(self.subscription_id.clone(), &ws).ok());
        let subscription = from_url.or_else(|| self.subscription_id.clone());

        vec![
            row("profile", text(&self.profile)),
            row(
                "gov",
                Some((self.gov.value.to_string(), self.gov.source.clone())),
            ),
            row("account_id", text(&self.account_id)),
            row("client_id", text(&self.client_id)),
            row("client_secret", secret),
            row("client_secret_file", text(&self.client_secret_file)),
            row("subscription_id", text(&subscription)),
            row("oauth_url", Some(url(&self.oauth_url))),
            row("ws_url", Some(url(&self.ws_url))),
        ]
    }

    /// The `config show` report: a row per setting in aligned columns (`extra` after the
    /// credentials and endpoints), then the config file.
    pub fn table(&self, extra: Vec<Row>) -> String {
        let mut rows = self.rows();
        rows.extend(extra);
        let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
        let value_width = rows
            .iter()
            .map(|r| r.value.chars().count())
            .max()
            .unwrap_or(0);

        let mut out = String::new();
        for row in &rows {
            let pad = value_width.saturating_sub(row.value.chars().count());
            let value = format!("{}{}", row.value, " ".repeat(pad));
            out += &format!("{:<width$}  {value}  {}\n", row.name, row.source);
        }
        out += &match &self.config_file {
            Some(path) if path.exists() => format!("config file: {}\n", path.display()),
            Some(path) => format!("config file: {} (not created yet)\n", path.display()),
            None => "config file: none (no config directory; set ZOOMWS_CONFIG)\n".to_owned(),
        };
        out
    }
}

/// The network settings for `config show`: the proxy (credentials redacted), the hosts that
/// bypass it and the extra CA file, each with where it came from.
pub fn network_rows(
    args: &NetworkArgs,
    matches: &ArgMatches,
    env_file: &EnvFileValues,
) -> Result<Vec<Row>, ConfigError> {
    let proxy = crate::net::Network::resolve_proxy(args, matches)?;
    let source = |origin: &str| {
        if origin.starts_with("--") {
            Source::Flag.to_string()
        } else if env_file.keys.contains(origin) {
            format!(
                "{} ({origin})",
                Source::EnvFile(env_file.path.clone().unwrap_or_default())
            )
        } else {
            format!("{} ({origin})", Source::Env)
        }
    };

    let ca_origin = crate::net::Network::ca_cert_origin(matches);
    Ok(vec![
        Row::new(
            "proxy",
            proxy.proxy().map(|p| (p.to_string(), source(p.origin()))),
        ),
        Row::new(
            "no_proxy",
            proxy
                .no_proxy()
                .map(|n| (n.value.clone(), source(&n.origin))),
        ),
        Row::new(
            "ca_cert",
            args.ca_cert
                .as_ref()
                .map(|path| (path.display().to_string(), source(ca_origin))),
        ),
    ])
}

/// Everything needed to sign in and subscribe.
#[derive(Debug, Clone)]
pub struct Connection {
    pub account_id: Setting<String>,
    pub client_id: Setting<String>,
    pub client_secret: Setting<Secret>,
    pub subscription_id: Setting<String>,
    pub oauth_url: Setting<Url>,
    pub ws_url: Setting<Url>,
}

impl Connection {
    /// Resolves the connection settings from the parsed arguments, the `.env` file and the
    /// profile in `config_file`.
    pub fn resolve(
        args: &ConnectArgs,
        matches: &ArgMatches,
        env_file: &EnvFileValues,
        config_file: Option<&Path>,
    ) -> Result<Self, ConfigError> {
        Self::check(&Found::gather(args, matches, env_file, config_file)?)
    }

    /// Checks that the required settings are there and the endpoints are usable.
    pub fn check(found: &Found) -> Result<Self, ConfigError> {
        let account_id = required(&found.account_id, ACCOUNT_ID)?;
        let client_id = required(&found.client_id, CLIENT_ID)?;
        let client_secret = client_secret(&found.client_secret, &found.client_secret_file)?;

        let oauth_url = parse_url(&found.oauth_url, OAUTH_URL)?;
        check_scheme(&oauth_url.value, "https", "http", OAUTH_URL)?;
        let ws_url = parse_url(&found.ws_url, WS_URL)?;
        check_scheme(&ws_url.value, "wss", "ws", WS_URL)?;

        let subscription_id = subscription_id(found.subscription_id.clone(), &ws_url.value)?;

        Ok(Self {
            account_id,
            client_id,
            client_secret,
            subscription_id,
            oauth_url,
            ws_url,
        })
    }

    /// What the token source needs.
    pub fn credentials(&self) -> Credentials {
        Credentials {
            account_id: self.account_id.value.clone(),
            client_id: self.client_id.value.clone(),
            client_secret: self.client_secret.value.clone(),
            oauth_url: self.oauth_url.value.clone(),
        }
    }
}

/// A setting that must be there, or an error naming its flag and variable.
fn required(
    found: &Option<Setting<String>>,
    names: &Names,
) -> Result<Setting<String>, ConfigError> {
    found.clone().ok_or_else(|| missing(names, ""))
}

/// A missing setting: what to pass or set. A variable that is there but empty (a `.env` copied
/// from `.env.example` and not filled in) is named as such.
fn missing(names: &Names, alternative: &str) -> ConfigError {
    let empty = std::env::var(names.var).is_ok_and(|value| value.trim().is_empty());
    if empty {
        return ConfigError(format!(
            "missing {}: {} is set but empty (in the environment or a .env file); give it a \
             value, or pass {}{alternative}",
            names.what, names.var, names.flag
        ));
    }
    ConfigError(format!(
        "missing {}: pass {} or set {} (in the environment or a .env file){alternative}",
        names.what, names.flag, names.var
    ))
}

/// An endpoint URL, parsed.
fn parse_url(text: &Setting<String>, names: &Names) -> Result<Setting<Url>, ConfigError> {
    let url = Url::parse(&text.value).map_err(|err| {
        ConfigError(format!(
            "invalid {} {:?} (from {}): {err}; fix {} or {}",
            names.what,
            crate::secret::redact_unparsed_url(&text.value),
            text.source,
            names.flag,
            names.var
        ))
    })?;
    Ok(Setting {
        value: url,
        source: text.source.clone(),
    })
}

/// The client secret, given directly or as a file; the higher-precedence source wins.
fn client_secret(
    value: &Option<Setting<Secret>>,
    file: &Option<Setting<String>>,
) -> Result<Setting<Secret>, ConfigError> {
    let use_file = match (value, file) {
        (None, None) => {
            return Err(ConfigError(format!(
                "missing client secret: set {} (in the environment or a .env file), pass {}, \
                 or name a file holding it with {} or {}",
                CLIENT_SECRET.var, CLIENT_SECRET.flag, SECRET_FILE.flag, SECRET_FILE.var
            )));
        }
        (Some(_), None) => false,
        (None, Some(_)) => true,
        (Some(value), Some(file)) if value.source.rank() == file.source.rank() => {
            return Err(ConfigError(format!(
                "both a client secret and a client secret file come from {}; keep one of {} \
                 and {}",
                value.source, CLIENT_SECRET.var, SECRET_FILE.var
            )));
        }
        (Some(value), Some(file)) => file.source.rank() < value.source.rank(),
    };

    match (value, file) {
        (_, Some(file)) if use_file => read_secret_file(Path::new(&file.value)),
        (Some(value), _) => {
            if value.source == Source::Flag {
                tracing::warn!(
                    "--client-secret on the command line can be read by other users of this \
                     machine (ps); prefer ZOOM_CLIENT_SECRET, a .env file or --client-secret-file"
                );
            }
            Ok(value.clone())
        }
        (None, None) | (None, Some(_)) => unreachable!("handled above"),
    }
}

/// Reads a secret file, as container secrets are mounted: the value, minus a trailing newline.
fn read_secret_file(path: &Path) -> Result<Setting<Secret>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        ConfigError(format!(
            "could not read the client secret file {}: {err}; fix {} or {}",
            path.display(),
            SECRET_FILE.flag,
            SECRET_FILE.var
        ))
    })?;

    let secret = text.trim_end_matches(['\n', '\r']);
    if secret.is_empty() {
        return Err(ConfigError(format!(
            "the client secret file {} is empty",
            path.display()
        )));
    }
    Ok(Setting {
        value: Secret::new(secret),
        source: Source::File(path.to_owned()),
    })
}

/// A setting's flag and environment variable, for messages that must name both.
struct Names {
    flag: &'static str,
    var: &'static str,
    what: &'static str,
}

const ACCOUNT_ID: &Names = &Names {
    flag: "--account-id",
    var: "ZOOM_ACCOUNT_ID",
    what: "account ID",
};
const CLIENT_ID: &Names = &Names {
    flag: "--client-id",
    var: "ZOOM_CLIENT_ID",
    what: "client ID",
};
const CLIENT_SECRET: &Names = &Names {
    flag: "--client-secret",
    var: "ZOOM_CLIENT_SECRET",
    what: "client secret",
};
const SECRET_FILE: &Names = &Names {
    flag: "--client-secret-file",
    var: "ZOOM_CLIENT_SECRET_FILE",
    what: "client secret file",
};
const SUBSCRIPTION_ID: &Names = &Names {
    flag: "--subscription-id",
    var: "ZOOM_SUBSCRIPTION_ID",
    what: "subscription ID",
};
const OAUTH_URL: &Names = &Names {
    flag: "--oauth-url",
    var: "ZOOM_OAUTH_URL",
    what: "token URL",
};
const WS_URL: &Names = &Names {
    flag: "--ws-url",
    var: "ZOOM_WS_URL",
    what: "WebSocket URL",
};
const PROFILE: &Names = &Names {
    flag: "--profile",
    var: "ZOOM_PROFILE",
    what: "profile",
};
const GOV: &Names = &Names {
    flag: "--gov",
    var: "ZOOM_GOV",
    what: "Zoom for Government switch",
};

/// Reads values out of clap's matches and the profile, and labels their source.
struct Lookup<'a> {
    matches: &'a ArgMatches,
    env_file: &'a EnvFileValues,
    profile: Option<&'a Profile>,
}

impl Lookup<'_> {
    /// A non-empty value with its source, or `None`. `id` is clap's id for the argument, which
    /// is also the profile's key.
    fn optional(&self, value: &Option<String>, id: &str, names: &Names) -> Option<Setting<String>> {
        let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
            return self.in_profile(id);
        };
        Some(Setting {
            value: value.to_owned(),
            source: self.source(id, names),
        })
    }

    /// Where clap found a value: on the command line, else in the environment, which the
    /// `.env` file may have filled.
    fn source(&self, id: &str, names: &Names) -> Source {
        match self.matches.value_source(id) {
            Some(ValueSource::CommandLine) => Source::Flag,
            _ if self.env_file.keys.contains(names.var) => {
                Source::EnvFile(self.env_file.path.clone().unwrap_or_default())
            }
            _ => Source::Env,
        }
    }

    fn in_profile(&self, key: &str) -> Option<Setting<String>> {
        let profile = self.profile?;
        Some(Setting {
            value: profile.string(key)?.to_owned(),
            source: profile_source(profile),
        })
    }

    /// `--gov`/`ZOOM_GOV`, else the profile's `gov`, else off.
    fn gov(&self) -> Setting<bool> {
        let given = matches!(
            self.matches.value_source("gov"),
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        );
        if given {
            return Setting {
                value: self.matches.get_flag("gov"),
                source: self.source("gov", GOV),
            };
        }
        match self.profile.and_then(|p| Some((p, p.flag("gov")?))) {
            Some((profile, value)) => Setting {
                value,
                source: profile_source(profile),
            },
            None => Setting {
                value: false,
                source: Source::Default,
            },
        }
    }
}

fn profile_source(profile: &Profile) -> Source {
    Source::Profile {
        path: profile.path.clone(),
        name: profile.name.clone(),
    }
}

/// Refuses plain-text schemes except on loopback, where only the emulator listens.
fn check_scheme(url: &Url, secure: &str, plain: &str, names: &Names) -> Result<(), ConfigError> {
    let scheme = url.scheme();
    if scheme == secure || (scheme == plain && is_loopback(url)) {
        return Ok(());
    }

    let why = if scheme == plain {
        format!(
            "{plain}:// is only allowed for loopback hosts, since it would send credentials \
             in the clear; use {secure}://"
        )
    } else {
        format!("the scheme must be {secure}:// ({plain}:// for a local emulator)")
    };
    Err(ConfigError(format!(
        "refusing {} {}: {why}; fix {} or {}",
        names.what,
        crate::secret::redact_url(url),
        names.flag,
        names.var
    )))
}

/// Whether the URL's host is this machine.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// The subscription ID from the flag or environment, or from the URL's `subscriptionId`.
fn subscription_id(
    given: Option<Setting<String>>,
    ws_url: &Url,
) -> Result<Setting<String>, ConfigError> {
    let in_url = ws_url
        .query_pairs()
        .find(|(k, _)| k == "subscriptionId")
        .map(|(_, v)| v);
    let in_url = in_url.filter(|v| !v.is_empty()).map(|v| v.into_owned());

    match (given, in_url) {
        (Some(given), Some(url)) if given.value != url => Err(ConfigError(format!(
            "the subscription ID {:?} (from {}) differs from subscriptionId={url:?} in the \
             WebSocket URL; drop one of them",
            given.value, given.source
        ))),
        (Some(given), _) => Ok(given),
        (None, Some(url)) => Ok(Setting {
            value: url,
            source: Source::WsUrl,
        }),
        (None, None) => Err(missing(
            SUBSCRIPTION_ID,
            ", or use the endpoint URL with subscriptionId from the subscription page as --ws-url",
        )),
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, FromArgMatches};

    use super::*;
    use crate::cli::{Cli, Command};

    /// Parses `tail` arguments; flags win over whatever the environment holds.
    fn resolve(args: &[&str], env_file: &EnvFileValues) -> Result<Connection, ConfigError> {
        let argv = ["zoomws", "tail"].into_iter().chain(args.iter().copied());
        let matches = Cli::command().try_get_matches_from(argv).unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        let Command::Tail(tail) = cli.command else {
            panic!("not tail")
        };
        let sub = matches.subcommand_matches("tail").unwrap();
        Connection::resolve(&tail.connect, sub, env_file, None)
    }

    const CREDS: [&str; 8] = [
        "--account-id",
        "acct",
        "--client-id",
        "cid",
        "--client-secret",
        "shh",
        "--subscription-id",
        "sub",
    ];

    #[test]
    fn flags_resolve_with_defaults_for_endpoints() {
        let conn = resolve(&CREDS, &EnvFileValues::default()).unwrap();
        assert_eq!(
            conn.account_id,
            Setting {
                value: "acct".into(),
                source: Source::Flag
            }
        );
        assert_eq!(conn.client_secret.value.expose(), "shh");
        assert_eq!(conn.oauth_url.value.as_str(), DEFAULT_OAUTH_URL);
        assert_eq!(conn.oauth_url.source, Source::Default);
        assert_eq!(conn.ws_url.value.as_str(), DEFAULT_WS_URL);
    }

    #[test]
    fn missing_or_empty_credential_names_flag_and_variable() {
        let mut args = CREDS.to_vec();
        args[3] = "  ";
        let err = resolve(&args, &EnvFileValues::default()).unwrap_err().0;
        assert!(
            err.contains("--client-id") && err.contains("ZOOM_CLIENT_ID"),
            "{err}"
        );
    }

    #[test]
    fn subscription_id_comes_from_the_ws_url() {
        let url = "wss://ws.zoom.us/ws?subscriptionId=FromUrl";
        let args = [&CREDS[..6], &["--ws-url", url]].concat();
        let conn = resolve(&args, &EnvFileValues::default()).unwrap();
        assert_eq!(
            conn.subscription_id,
            Setting {
                value: "FromUrl".into(),
                source: Source::WsUrl
            }
        );

        let args = [&CREDS[..], &["--ws-url", url]].concat();
        let err = resolve(&args, &EnvFileValues::default()).unwrap_err().0;
        assert!(err.contains("differs"), "{err}");
    }

    #[test]
    fn plain_text_only_on_loopback() {
        for ok in [
            "ws://127.0.0.1:9/ws",
            "ws://localhost/ws",
            "ws://[::1]:80/ws",
            "wss://x.y/ws",
        ] {
            let args = [&CREDS[..], &["--ws-url", ok]].concat();
            assert!(resolve(&args, &EnvFileValues::default()).is_ok(), "{ok}");
        }
        for bad in ["ws://ws.zoom.us/ws", "http://10.0.0.1/ws", "ftp://x/ws"] {
            let args = [&CREDS[..], &["--ws-url", bad]].concat();
            let err = resolve(&args, &EnvFileValues::default()).unwrap_err().0;
            assert!(
                err.contains("--ws-url") && err.contains("ZOOM_WS_URL"),
                "{err}"
            );
        }
        let args = [&CREDS[..], &["--oauth-url", "http://zoom.us/oauth/token"]].concat();
        let err = resolve(&args, &EnvFileValues::default()).unwrap_err().0;
        assert!(err.contains("in the clear"), "{err}");
    }

    #[test]
    fn values_filled_from_the_env_file_say_so() {
        let path = PathBuf::from("/tmp/x.env");
        let keys = HashSet::from(["ZOOM_ACCOUNT_ID".to_owned()]);
        let env_file = EnvFileValues {
            path: Some(path.clone()),
            keys,
            warnings: Vec::new(),
        };

        // The flag value stands in for what clap read from the environment: only the source
        // label depends on the env file, and a flag always wins.
        let conn = resolve(&CREDS, &env_file).unwrap();
        assert_eq!(conn.account_id.source, Source::Flag);

        let matches = Cli::command()
            .try_get_matches_from(["zoomws", "tail"])
            .unwrap();
        let matches = matches.subcommand_matches("tail").unwrap();
        let lookup = Lookup {
            matches,
            env_file: &env_file,
            profile: None,
        };
        let from_file = lookup
            .optional(&Some("a".into()), "account_id", ACCOUNT_ID)
            .unwrap();
        assert_eq!(from_file.source, Source::EnvFile(path));
        let from_env = lookup
            .optional(&Some("c".into()), "client_id", CLIENT_ID)
            .unwrap();
        assert_eq!(from_env.source, Source::Env);
    }

    #[test]
    fn missing_explicit_env_file_is_an_error_and_default_is_not() {
        let err = load_env_file(&EnvFile::Explicit("/nonexistent/zoomws.env".into())).unwrap_err();
        assert!(
            err.0.contains("no such file") && err.0.contains("--env-file"),
            "{}",
            err.0
        );
    }

    /// Gathers `tail` settings with a profile file.
    fn gather(args: &[&str], config: &Path) -> Result<Found, ConfigError> {
        let argv = ["zoomws", "tail"].into_iter().chain(args.iter().copied());
        let matches = Cli::command().try_get_matches_from(argv).unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        let Command::Tail(tail) = cli.command else {
            panic!("not tail")
        };
        let sub = matches.subcommand_matches("tail").unwrap();
        Found::gather(&tail.connect, sub, &EnvFileValues::default(), Some(config))
    }

    #[test]
    fn a_profile_fills_what_flags_leave_out_and_gov_changes_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config.toml");
        std::fs::write(
            &config,
            "[profiles.gov]\ngov = true\naccount_id = \"from-profile\"\nclient_id = \"p\"\n",
        )
        .unwrap();

        let found = gather(&["--profile", "gov", "--client-id", "flag"], &config).unwrap();
        let from_profile = Source::Profile {
            path: config.clone(),
            name: "gov".into(),
        };
        assert_eq!(found.account_id.unwrap().source, from_profile);
        assert_eq!(found.client_id.unwrap().value, "flag");
        assert_eq!(found.gov.source, from_profile);
        assert_eq!(found.oauth_url.value, GOV_OAUTH_URL);
        assert_eq!(found.ws_url.source, Source::GovDefault);
        assert_eq!(found.profile.unwrap().source, Source::Flag);

        let plain = gather(&[], &config).unwrap();
        assert!(plain.profile.is_none() && !plain.gov.value);
        assert_eq!(plain.ws_url.value, DEFAULT_WS_URL);

        let err = gather(&["--profile", "work"], &config).unwrap_err().0;
        assert!(err.contains("it has: gov"), "{err}");
    }

    #[test]
    fn an_explicit_url_wins_over_gov() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("missing.toml");
        let found = gather(&["--gov", "--ws-url", "wss://x.y/ws"], &config).unwrap();
        assert_eq!(found.gov.source, Source::Flag);
        assert_eq!(found.ws_url.value, "wss://x.y/ws");
        assert_eq!(found.oauth_url.value, GOV_OAUTH_URL);
    }

    #[test]
    fn a_profile_ranks_between_the_env_file_and_the_defaults() {
        let profile = Source::Profile {
            path: "c.toml".into(),
            name: "p".into(),
        };
        assert!(Source::EnvFile("x".into()).rank() < profile.rank());
        assert!(profile.rank() < Source::Default.rank());
        assert!(profile.rank() < Source::File("s".into()).rank());
    }
}
