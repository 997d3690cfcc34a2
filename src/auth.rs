//! Server-to-Server OAuth: fetch an access token, keep it, and replace it before it expires.
//!
//! Zoom answers a bad credential with a 4xx and a JSON body `{"reason", "error"}`; that is final
//! and never retried. Server errors, 429 and network failures are retried with backoff.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::Deserialize;
use tokio::time::Instant;
use tracing::{debug, info, warn};
use url::Url;

use crate::net::Network;
use crate::proxy::{self, ProxyConfig};
use crate::retry::{Attempts, Backoff, RetryPolicy};
use crate::secret::{Secret, redact_url};

/// Replace a token this long before it expires, at most.
const MAX_REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// Longest token lifetime believed, so a bogus `expires_in` cannot overflow the clock.
const MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// Longest `Retry-After` honoured, so a confused server cannot park the client for hours.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

/// What to do when the token URL leads to something other than a token endpoint.
pub const NOT_TOKEN_ENDPOINT_FIX: &str =
    "check --oauth-url (ZOOM_OAUTH_URL), or leave it unset for Zoom's token endpoint";

/// The app's credentials and where to present them.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub account_id: String,
    pub client_id: String,
    pub client_secret: Secret,
    pub oauth_url: Url,
}

/// Zoom refused the credentials: exit code 3.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("Zoom rejected the credentials (HTTP {status}{detail}); {hint}")]
    Credentials {
        status: u16,
        detail: String,
        hint: &'static str,
    },

    #[error(
        "Zoom refused the connection again, with a freshly issued access token: {0:?}; check \
         that the subscription ID belongs to this app, that the app is activated, and that no \
         other process uses this app's credentials (a new token may revoke older ones, and Zoom \
         allows one connection per subscription)"
    )]
    TokenRejected(String),
}

/// A token and when to stop using it.
#[derive(Debug, Clone)]
pub struct Token {
    pub value: Secret,
    refresh_at: Instant,
    /// How long the server said it is valid (capped at a day).
    pub lifetime: Duration,
}

/// Hands out a valid access token, fetching a new one when needed.
pub struct TokenSource {
    client: TokenClient,
    credentials: Credentials,
    retry: RetryPolicy,
    current: Option<Token>,
}

/// The success body of the token endpoint; other fields are ignored.
#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: u64,
    /// Space-separated, e.g. `"user:read:admin meeting:read:admin"`.
    #[serde(default)]
    scope: Option<String>,
}

/// One granted token with what the token endpoint said about it.
#[derive(Debug, Clone)]
pub struct Grant {
    pub token: Token,
    /// The granted scopes.
    pub scopes: Vec<String>,
    /// The response's `Date` header, if it had a valid one.
    pub server_date: Option<std::time::SystemTime>,
}

/// The error body of the token endpoint.
#[derive(Deserialize, Default)]
struct ErrorResponse {
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// Why one token request failed, and whether trying again can help.
#[derive(Debug)]
pub enum Attempt {
    /// Worth retrying, after at least the given delay if the server named one.
    Retry(String, Option<Duration>),
    /// The server refused the credentials.
    Fatal(AuthError),
    /// The answer is not an OAuth server's (a 404 or 405, say): the URL is wrong, and asking
    /// again will not help.
    NotTokenEndpoint(String),
}

impl TokenSource {
    /// A token source that connects as `network` says; `timeout` bounds each request and
    /// `retry` spaces and limits retries.
    pub fn new(
        credentials: Credentials,
        network: &Network,
        timeout: Duration,
        retry: RetryPolicy,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            client: TokenClient::new(network, timeout)?,
            credentials,
            retry,
            current: None,
        })
    }

    /// A token that is not about to expire: the cached one, or a new one. Fails with an
    /// [`AuthError`] when Zoom refuses the credentials, or a [`GaveUp`](crate::retry::GaveUp)
    /// after `--max-retries` failed requests.
    pub async fn token(&mut self) -> anyhow::Result<Token> {
        if let Some(token) = &self.current {
            if Instant::now() < token.refresh_at {
                return Ok(token.clone());
            }
            info!("access token is about to expire; fetching a new one");
        }

        let token = self.fetch().await?;
        info!(
            "access token obtained (valid for {})",
            crate::human::duration(token.lifetime)
        );
        self.current = Some(token.clone());
        Ok(token)
    }

    /// Forgets the cached token, so the next [`token`](Self::token) fetches a new one.
    pub fn invalidate(&mut self) {
        self.current = None;
    }

    /// Requests a token until one arrives, the server refuses the credentials, or the retry
    /// limit is reached.
    async fn fetch(&self) -> anyhow::Result<Token> {
        let mut backoff = Backoff::new(self.retry);
        let mut attempts = Attempts::new(self.retry.max_attempts, "token request");
        loop {
            let (why, retry_after) = match self.client.request_grant(&self.credentials).await {
                Ok(grant) => return Ok(grant.token),
                Err(Attempt::Fatal(err)) => return Err(err.into()),
                Err(Attempt::NotTokenEndpoint(why)) => {
                    anyhow::bail!("{why}; {NOT_TOKEN_ENDPOINT_FIX}")
                }
                Err(Attempt::Retry(why, retry_after)) => (why, retry_after),
            };
            attempts.failed(&why)?;

            let step = backoff.next_delay();
            let delay = retry_after.map_or(step, |after| after.min(MAX_RETRY_AFTER).max(step));
            warn!(
                "token request failed: {why}; retrying in {}",
                crate::human::duration(delay)
            );
            tokio::time::sleep(delay).await;
        }
    }
}

/// The HTTP client for the token endpoint, with the proxy and trust it was built with.
pub struct TokenClient {
    http: reqwest::Client,
    network: Network,
    timeout: Duration,
}

impl TokenClient {
    /// A client that connects as `network` says; `timeout` bounds each request.
    pub fn new(network: &Network, timeout: Duration) -> anyhow::Result<Self> {
        // reqwest asks our proxy rules for every URL, so it never reads the proxy variables
        // itself and always agrees with the WebSocket side.
        let rules = network.proxy.clone();
        let proxy = reqwest::Proxy::custom(move |url| route_for_reqwest(&rules, url));
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(concat!("zoomws/", env!("CARGO_PKG_VERSION")))
            .tls_backend_preconfigured((*network.tls).clone())
            .proxy(proxy)
            .build()?;
        Ok(Self {
            http,
            network: network.clone(),
            timeout,
        })
    }

    /// The underlying client, for requests other than the token request.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// One token request, without retries.
    pub async fn request_grant(&self, creds: &Credentials) -> Result<Grant, Attempt> {
        debug!(
            "requesting an access token from {}",
            redact_url(&creds.oauth_url)
        );

        let form = [
            ("grant_type", "account_credentials"),
            ("account_id", &creds.account_id),
        ];
        let response = self
            .http
            .post(creds.oauth_url.clone())
            .basic_auth(&creds.client_id, Some(creds.client_secret.expose()))
            .form(&form)
            .send()
            .await;
        let response = match response {
            Ok(response) => response,
            Err(err) => {
                return Err(Attempt::Retry(
                    self.explain(&err, &creds.oauth_url).await,
                    None,
                ));
            }
        };

        let status = response.status();
        let retry_after = retry_after(response.headers());
        let server_date = server_date(response.headers());
        let body = response.text().await.unwrap_or_default();

        if status.is_success() {
            // A success that carries no token is a web page or another API: asking again
            // will not change it.
            let mut grant = parse_token(&body).map_err(|why| {
                Attempt::NotTokenEndpoint(format!(
                    "{} answered {status} {why}",
                    redact_url(&creds.oauth_url)
                ))
            })?;
            grant.server_date = server_date;
            return Ok(grant);
        }
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            return Err(Attempt::Retry(format!("HTTP {status}"), retry_after));
        }
        match rejection(status, &body) {
            Some(refused) => Err(Attempt::Fatal(refused)),
            None => Err(Attempt::NotTokenEndpoint(format!(
                "{} answered HTTP {status}, which is not the answer of an OAuth token \
                 endpoint",
                redact_url(&creds.oauth_url)
            ))),
        }
    }

    /// Why a request to `url` failed, naming the proxy when one was used.
    pub async fn explain(&self, err: &reqwest::Error, url: &Url) -> String {
        let why = describe_http_error(err, url);
        let Some(proxy) = self.network.proxy.route(url) else {
            return why;
        };
        let refused_early = err.is_connect() && !err.is_timeout();
        let Some(target) = proxy::target_of(url).filter(|_| refused_early) else {
            return format!("{why} (through the proxy {proxy})");
        };

        // reqwest reports a refused CONNECT only as "unsuccessful" (or, for 407, "proxy
        // authorization required"), without the status: ask the proxy once more to learn it.
        let probe = tokio::time::timeout(self.timeout, proxy::open_tunnel(proxy, &target)).await;
        match probe {
            Ok(Err(refused)) => refused.to_string(),
            Ok(Ok(_)) | Err(_) => format!("{why} (through the proxy {proxy})"),
        }
    }
}

/// The `Date` header of a response.
pub fn server_date(headers: &HeaderMap) -> Option<std::time::SystemTime> {
    let value = headers.get(reqwest::header::DATE)?.to_str().ok()?;
    httpdate::parse_http_date(value.trim()).ok()
}

/// The proxy URL (credentials included) reqwest should use for `url`, if any.
fn route_for_reqwest(rules: &ProxyConfig, url: &Url) -> Option<Url> {
    rules.route(url).map(|proxy| proxy.expose().clone())
}

/// Parses a success body into a token due for refresh well before it expires.
fn parse_token(body: &str) -> Result<Grant, String> {
    let parsed: TokenResponse =
        serde_json::from_str(body).map_err(|err| format!("without an access token ({err})"))?;

    let lifetime = Duration::from_secs(parsed.expires_in).min(MAX_LIFETIME);
    let margin = (lifetime / 10).min(MAX_REFRESH_MARGIN);

    let token = Token {
        value: Secret::new(parsed.access_token),
        refresh_at: Instant::now() + lifetime - margin,
        lifetime,
    };
    let scopes = parsed.scope.unwrap_or_default();
    Ok(Grant {
        token,
        scopes: scopes.split_whitespace().map(str::to_owned).collect(),
        server_date: None,
    })
}

/// Turns a 4xx answer into a message that names the credential to check. `None` when the
/// answer is not a refusal: Zoom refuses with 400 and an `error` or `reason` (perhaps 401 or
/// 403), while a 404 or an HTML page means the URL does not lead to a token endpoint.
fn rejection(status: StatusCode, body: &str) -> Option<AuthError> {
    let parsed: ErrorResponse = serde_json::from_str(body).unwrap_or_default();
    let error = crate::human::sanitize(&parsed.error.unwrap_or_default());
    let reason = crate::human::sanitize(&parsed.reason.unwrap_or_default());
    let explained = !error.is_empty() || !reason.is_empty();
    let refusal = matches!(status.as_u16(), 401 | 403) || (status.as_u16() == 400 && explained);
    if !refusal {
        return None;
    }

    let detail = match (error.is_empty(), reason.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(" {error}"),
        (true, false) => format!(": {reason}"),
        (false, false) => format!(" {error}: {reason}"),
    };
    let hint = if error == "invalid_client" || reason.to_lowercase().contains("client") {
        "check the client ID and secret (ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET)"
    } else if reason.to_lowercase().contains("account") || error == "invalid_request" {
        "check the account ID (ZOOM_ACCOUNT_ID)"
    } else {
        "check the account ID, client ID and client secret of the Server-to-Server OAuth app"
    };

    Some(AuthError::Credentials {
        status: status.as_u16(),
        detail,
        hint,
    })
}

/// The server's `Retry-After`, in seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    when.duration_since(std::time::SystemTime::now()).ok()
}

/// A network error in a few words: what failed, where, and its root cause. The URL's query
/// is left out (it is logged redacted elsewhere).
pub fn describe_http_error(err: &reqwest::Error, url: &Url) -> String {
    let host = url.host_str().unwrap_or("?");
    let port = url
        .port_or_known_default()
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    let kind = if err.is_timeout() {
        format!("timed out waiting for {host}{port}")
    } else if err.is_connect() {
        format!("could not connect to {host}{port}")
    } else {
        format!("request to {host}{port} failed")
    };

    if let Some(problem) = crate::tls::certificate_problem(err, &format!("{host}{port}")) {
        return problem;
    }
    let root = crate::human::root_cause(err);
    if root.is_empty() || err.is_timeout() {
        kind
    } else {
        format!("{kind}: {root}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_client_points_at_client_id_and_secret() {
        let body = r#"{"reason":"Invalid client_id or client_secret","error":"invalid_client"}"#;
        let text = rejection(StatusCode::BAD_REQUEST, body)
            .unwrap()
            .to_string();
        assert_eq!(
            text,
            "Zoom rejected the credentials (HTTP 400 invalid_client: Invalid client_id or \
             client_secret); check the client ID and secret (ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET)"
        );
    }

    #[test]
    fn account_errors_point_at_the_account_id() {
        let body = r#"{"reason":"Invalid account_id","error":"invalid_request"}"#;
        let text = rejection(StatusCode::BAD_REQUEST, body)
            .unwrap()
            .to_string();
        assert!(
            text.ends_with("check the account ID (ZOOM_ACCOUNT_ID)"),
            "{text}"
        );
    }

    #[test]
    fn unparseable_error_body_still_gives_a_status() {
        let text = rejection(StatusCode::UNAUTHORIZED, "<html>")
            .unwrap()
            .to_string();
        assert!(
            text.starts_with("Zoom rejected the credentials (HTTP 401);"),
            "{text}"
        );
    }

    #[test]
    fn answers_that_are_not_refusals_are_not_blamed_on_the_credentials() {
        assert!(rejection(StatusCode::NOT_FOUND, r#"{"error":"not_found"}"#).is_none());
        assert!(rejection(StatusCode::METHOD_NOT_ALLOWED, "").is_none());
        assert!(rejection(StatusCode::BAD_REQUEST, "<html>Bad Request</html>").is_none());
        assert!(rejection(StatusCode::FORBIDDEN, "").is_some());
    }

    #[test]
    fn retry_after_reads_seconds() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }

    #[tokio::test]
    async fn token_is_refreshed_ahead_of_expiry() {
        let grant = parse_token(r#"{"access_token":"t","expires_in":3600,"scope":"a:b  c"}"#);
        let grant = grant.unwrap();
        assert_eq!(grant.scopes, ["a:b", "c"]);
        assert_eq!(grant.token.lifetime, Duration::from_secs(3600));
        let token = grant.token;
        let left = token.refresh_at - Instant::now();
        assert!(
            left <= Duration::from_secs(3300) && left > Duration::from_secs(3290),
            "{left:?}"
        );

        let short = parse_token(r#"{"access_token":"t","expires_in":10}"#).unwrap();
        assert!(short.scopes.is_empty());
        let short = short.token;
        assert!(short.refresh_at - Instant::now() <= Duration::from_secs(9));
        assert!(parse_token(r#"{"token":"t"}"#).is_err());
    }
}
