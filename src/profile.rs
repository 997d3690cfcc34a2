//! The profile file: named sets of settings in `[profiles.NAME]` tables.
//!
//! It lives in the platform config directory (`$XDG_CONFIG_HOME/zoomws/config.toml` on Linux),
//! or wherever `ZOOMWS_CONFIG` points. Its keys are the `ZOOM_*` variable names without the
//! prefix, in lower case. A profile ranks below the `.env` file and above the defaults.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::config::ConfigError;

/// Overrides the config file's location (tests use it to stay out of the home directory).
pub const CONFIG_VAR: &str = "ZOOMWS_CONFIG";

/// The profile used when none is named, if the file has it.
pub const DEFAULT_PROFILE: &str = "default";

/// The keys a profile may hold; all are strings except `gov`, a boolean.
pub const KEYS: [&str; 8] = [
    "account_id",
    "client_id",
    "client_secret",
    "client_secret_file",
    "subscription_id",
    "oauth_url",
    "ws_url",
    "gov",
];

/// What `zoomws config init` writes: every line a comment, so the file starts out empty.
const TEMPLATE: &str = r#"# zoomws profiles. Pick one with --profile NAME or ZOOM_PROFILE=NAME;
# the profile named "default" is used when none is picked. Keys are the ZOOM_* variable
# names without ZOOM_, in lower case. Precedence: flag, environment, .env file, profile,
# built-in default.
#
# This file holds secrets: keep it private (zoomws created it with mode 600).

# [profiles.default]
# account_id = "your-account-id"
# client_id = "your-client-id"
# client_secret = "your-client-secret"
# # or read the secret from a file instead:
# # client_secret_file = "/run/secrets/zoom_client_secret"
# subscription_id = "your-subscription-id"

# [profiles.gov]
# gov = true
# account_id = "..."
# client_id = "..."
# client_secret = "..."
# # Zoom does not document the Zoom for Government WebSocket host: paste the endpoint URL
# # from the subscription page.
# ws_url = "wss://ws.zoomgov.com/ws?subscriptionId=..."

# Endpoints default to Zoom's (or Zoom for Government's with gov = true); `zoomws mock`
# prints local ones:
# oauth_url = "http://127.0.0.1:9000/oauth/token"
# ws_url = "ws://127.0.0.1:9000/ws"
"#;

/// Where the config file is: `ZOOMWS_CONFIG`, else the platform config directory.
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(CONFIG_VAR).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    dirs::config_dir().map(|dir| dir.join("zoomws").join("config.toml"))
}

/// One profile out of the config file. Its `Debug` shows the keys, not the values, which may
/// hold the client secret.
#[derive(Clone)]
pub struct Profile {
    /// The file it came from.
    pub path: PathBuf,
    /// Its name, the `NAME` of `[profiles.NAME]`.
    pub name: String,
    values: toml::Table,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("path", &self.path)
            .field("name", &self.name)
            .field("keys", &self.values.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Profile {
    /// A string setting, if the profile has a non-empty one.
    pub fn string(&self, key: &str) -> Option<&str> {
        let text = self.values.get(key)?.as_str()?.trim();
        (!text.is_empty()).then_some(text)
    }

    /// A boolean setting, if the profile has it.
    pub fn flag(&self, key: &str) -> Option<bool> {
        self.values.get(key)?.as_bool()
    }
}

/// Loads the profile named `wanted`, or the `default` profile when none is named and the file
/// has one. Any problem with a file that exists, or a named profile that does not, is a
/// usage error.
pub fn load(path: Option<&Path>, wanted: Option<&str>) -> Result<Option<Profile>, ConfigError> {
    let Some(path) = path else {
        return match wanted {
            Some(name) => Err(ConfigError(format!(
                "profile {name:?} asked for, but there is no config directory to find it in; \
                 set {CONFIG_VAR} to the config file's path"
            ))),
            None => Ok(None),
        };
    };

    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound && wanted.is_none() => return Ok(None),
        Err(err) => return Err(unreadable(path, wanted, &err)),
    };
    let profiles = parse(path, &text)?;

    let name = wanted.unwrap_or(DEFAULT_PROFILE);
    let Some(values) = profiles.get(name) else {
        return match wanted {
            Some(name) => Err(not_found(path, name, &profiles)),
            None => Ok(None),
        };
    };
    let values = check_keys(path, name, values)?;
    if values.contains_key("client_secret")
        && let Some(warning) = crate::config::loose_permissions(path)
    {
        tracing::warn!("{warning}");
    }
    Ok(Some(Profile {
        path: path.to_owned(),
        name: name.to_owned(),
        values,
    }))
}

fn unreadable(path: &Path, wanted: Option<&str>, err: &io::Error) -> ConfigError {
    if err.kind() == io::ErrorKind::NotFound
        && let Some(name) = wanted
    {
        return ConfigError(format!(
            "profile {name:?} not found: there is no config file {}; create one with `zoomws \
             config init`, or set {CONFIG_VAR} to its path",
            path.display()
        ));
    }
    ConfigError(format!(
        "could not read the config file {}: {err}; fix its permissions or set {CONFIG_VAR}",
        path.display()
    ))
}

/// The `profiles` table, after checking the file's shape.
fn parse(path: &Path, text: &str) -> Result<toml::Table, ConfigError> {
    let mut table: toml::Table = text.parse().map_err(|err: toml::de::Error| {
        let line = err
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let at = line.map(|n| format!(" at line {n}")).unwrap_or_default();
        ConfigError(format!(
            "could not parse the config file {}{at}: {}; fix that line",
            path.display(),
            err.message().trim_end()
        ))
    })?;

    if let Some(key) = table.keys().find(|key| *key != "profiles") {
        return Err(ConfigError(format!(
            "unknown key `{key}` at the top of the config file {}; settings go in \
             [profiles.NAME] tables",
            path.display()
        )));
    }
    match table.remove("profiles") {
        None => Ok(toml::Table::new()),
        Some(toml::Value::Table(profiles)) => Ok(profiles),
        Some(_) => Err(ConfigError(format!(
            "`profiles` in the config file {} must be a table of [profiles.NAME] tables",
            path.display()
        ))),
    }
}

fn not_found(path: &Path, name: &str, profiles: &toml::Table) -> ConfigError {
    let known: Vec<&str> = profiles.keys().map(String::as_str).collect();
    let known = if known.is_empty() {
        "it has none".to_owned()
    } else {
        format!("it has: {}", known.join(", "))
    };
    ConfigError(format!(
        "no profile named {name:?} in the config file {}; {known}",
        path.display()
    ))
}

/// The profile's table, once every key is known and of the right type.
fn check_keys(path: &Path, name: &str, values: &toml::Value) -> Result<toml::Table, ConfigError> {
    let where_ = || format!("[profiles.{name}] of the config file {}", path.display());
    let Some(values) = values.as_table() else {
        return Err(ConfigError(format!("{} must be a table", where_())));
    };

    for (key, value) in values {
        if !KEYS.contains(&key.as_str()) {
            return Err(ConfigError(format!(
                "unknown key `{key}` in {}; known keys: {}",
                where_(),
                KEYS.join(", ")
            )));
        }
        let (ok, kind) = match key.as_str() {
            "gov" => (value.is_bool(), "true or false"),
            _ => (value.is_str(), "a string in quotes"),
        };
        if !ok {
            return Err(ConfigError(format!(
                "`{key}` in {} must be {kind}",
                where_()
            )));
        }
    }
    Ok(values.clone())
}

/// Writes the commented template to `path` with mode 600, creating its directory. An existing
/// file is a usage error unless `force`.
pub fn init(path: &Path, force: bool) -> anyhow::Result<()> {
    if path.exists() && !force {
        return Err(ConfigError(format!(
            "{} already exists; pass --force to replace it",
            path.display()
        ))
        .into());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)
            .with_context(|| format!("could not create the directory {}", dir.display()))?;
    }

    let mut file = private_file(path, force)
        .with_context(|| format!("could not create {}", path.display()))?;
    file.write_all(TEMPLATE.as_bytes())
        .with_context(|| format!("could not write {}", path.display()))?;
    Ok(())
}

/// Opens the file for writing, readable by its owner only, even when it existed before.
#[cfg(unix)]
fn private_file(path: &Path, force: bool) -> io::Result<fs::File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};

    let file = fs::OpenOptions::new()
        .write(true)
        .create(force)
        .create_new(!force)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.set_permissions(fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

#[cfg(not(unix))]
fn private_file(path: &Path, force: bool) -> io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create(force)
        .create_new(!force)
        .truncate(true)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn the_template_parses_to_no_profiles() {
        let (_dir, path) = write(TEMPLATE);
        assert!(parse(&path, TEMPLATE).unwrap().is_empty());
        assert!(load(Some(&path), None).unwrap().is_none());
    }

    #[test]
    fn a_named_profile_is_read_and_default_is_used_when_unnamed() {
        let text = "[profiles.work]\naccount_id = \"w\"\ngov = true\n\
                    [profiles.default]\nclient_id = \" d \"\nws_url = \"\"\n";
        let (_dir, path) = write(text);

        let work = load(Some(&path), Some("work")).unwrap().unwrap();
        assert_eq!(work.string("account_id"), Some("w"));
        assert_eq!(work.flag("gov"), Some(true));

        let default = load(Some(&path), None).unwrap().unwrap();
        assert_eq!(default.name, "default");
        assert_eq!(default.string("client_id"), Some("d"));
        assert_eq!(default.string("ws_url"), None, "empty counts as unset");
    }

    #[test]
    fn a_missing_profile_lists_the_ones_that_exist() {
        let (_dir, path) = write("[profiles.a]\n[profiles.b]\n");
        let err = load(Some(&path), Some("c")).unwrap_err().0;
        assert!(
            err.contains("no profile named \"c\"") && err.ends_with("it has: a, b"),
            "{err}"
        );

        let err = load(Some(&path.with_file_name("none.toml")), Some("a"))
            .unwrap_err()
            .0;
        assert!(err.contains("config init"), "{err}");
        assert!(
            load(Some(&path.with_file_name("none.toml")), None)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_named() {
        let (_dir, path) = write("[profiles.a]\nacount_id = \"x\"\n");
        let err = load(Some(&path), Some("a")).unwrap_err().0;
        assert!(
            err.starts_with("unknown key `acount_id` in [profiles.a]"),
            "{err}"
        );

        let (_dir, path) = write("[profiles.a]\ngov = \"yes\"\n");
        let err = load(Some(&path), Some("a")).unwrap_err().0;
        assert!(
            err.contains("`gov`") && err.contains("true or false"),
            "{err}"
        );

        let (_dir, path) = write("account_id = \"x\"\n");
        let err = load(Some(&path), None).unwrap_err().0;
        assert!(
            err.starts_with("unknown key `account_id` at the top"),
            "{err}"
        );
    }

    #[test]
    fn a_malformed_file_names_the_line() {
        let (_dir, path) = write("[profiles.a]\nclient_id = \"x\"\naccount_id = x y\n");
        let err = load(Some(&path), Some("a")).unwrap_err().0;
        assert!(err.contains("at line 3:"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn init_writes_a_private_file_and_keeps_an_existing_one() {
        use std::os::unix::fs::PermissionsExt;

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        init(&path, false).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);

        fs::write(&path, "[profiles.mine]\n").unwrap();
        let err = init(&path, false).unwrap_err();
        assert!(err.is::<ConfigError>(), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "[profiles.mine]\n");

        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        init(&path, true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), TEMPLATE);
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
