//! Keeping the client secret and access tokens out of every log line.
//!
//! Secrets live in [`Secret`], whose `Debug` and `Display` print a placeholder, so a stray
//! `{:?}` cannot leak one. URLs that carry a token are logged through [`redact_url`].

use std::fmt;

use url::Url;

/// What is printed in place of a secret.
pub const REDACTED: &str = "(redacted)";

/// A string that must never be printed: the client secret or an access token.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Secrets shorter than this are masked completely, since four characters would be most of it.
const MASK_MIN_CHARS: usize = 16;

/// A secret for display: its first and last two characters around `…`, or `***` when short.
pub fn mask(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < MASK_MIN_CHARS {
        return "***".into();
    }
    let head: String = chars[..2].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}…{tail}")
}

/// Query parameters whose values are secrets.
const SECRET_PARAMS: [&str; 3] = ["access_token", "token", "client_secret"];

/// A URL that did not parse, as text, with the values of secret query parameters replaced:
/// the text is quoted back in the error.
pub fn redact_unparsed_url(text: &str) -> String {
    let Some((base, query)) = text.split_once('?') else {
        return text.to_owned();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if SECRET_PARAMS.iter().any(|p| key.eq_ignore_ascii_case(p)) => {
                format!("{key}={REDACTED}")
            }
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&"))
}

/// The URL as text with the values of token-bearing query parameters and any password replaced.
pub fn redact_url(url: &Url) -> String {
    let mut shown = url.clone();

    if !url.password().unwrap_or("").is_empty() {
        let _ = shown.set_password(Some(REDACTED));
    }

    if url.query().is_some() {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(key, value)| {
                let secret = SECRET_PARAMS.iter().any(|p| key.eq_ignore_ascii_case(p));
                let value = if secret {
                    REDACTED.to_owned()
                } else {
                    value.into_owned()
                };
                (key.into_owned(), value)
            })
            .collect();
        shown.query_pairs_mut().clear().extend_pairs(pairs);
    }

    shown.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unparsed_urls_lose_their_secret_parameters() {
        assert_eq!(
            redact_unparsed_url("ws://[bad/ws?subscriptionId=s&access_token=T0K3N"),
            "ws://[bad/ws?subscriptionId=s&access_token=(redacted)"
        );
        assert_eq!(redact_unparsed_url("no query"), "no query");
    }

    #[test]
    fn secret_never_formats_its_value() {
        let secret = Secret::new("hunter2");
        assert_eq!(
            format!("{secret} {secret:?} {:?}", Some(&secret)),
            format!("{REDACTED} {REDACTED} Some({REDACTED})")
        );
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn masking_keeps_two_characters_at_each_end_of_long_secrets_only() {
        assert_eq!(mask("zoomClientSecret0001"), "zo…01");
        assert_eq!(mask("ßecret€€ßecret€€"), "ße…€€");
        assert_eq!(mask("mockSecret0001"), "***");
        assert_eq!(mask("123456789012345"), "***");
        assert_eq!(mask(""), "***");
    }

    #[test]
    fn token_in_query_is_redacted_and_other_params_kept() {
        let url = Url::parse("wss://ws.zoom.us/ws?subscriptionId=abc&access_token=eyJ.se%2Bcret")
            .unwrap();
        let shown = redact_url(&url);
        assert!(!shown.contains("eyJ"), "{shown}");
        assert!(!shown.contains("cret"), "{shown}");
        assert!(shown.contains("subscriptionId=abc"), "{shown}");
        assert!(shown.contains("access_token=%28redacted%29"), "{shown}");
    }

    #[test]
    fn password_in_url_is_redacted() {
        let url = Url::parse("http://user:pa55@127.0.0.1:8080/oauth/token").unwrap();
        let shown = redact_url(&url);
        assert!(!shown.contains("pa55"), "{shown}");
        assert!(shown.contains("user:"), "{shown}");
    }

    #[test]
    fn url_without_query_is_unchanged() {
        let url = Url::parse("https://zoom.us/oauth/token").unwrap();
        assert_eq!(redact_url(&url), "https://zoom.us/oauth/token");
    }
}
