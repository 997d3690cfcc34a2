//! HTTP proxies: which proxy, if any, carries a connection, and the CONNECT tunnel through it.
//!
//! One [`ProxyConfig`] decides for both the token request (reqwest asks it through a custom
//! proxy) and the WebSocket (which tunnels itself with [`open_tunnel`]), so the two always agree.
//! Only `https`/`wss` targets use a proxy: plain `http`/`ws` is allowed only on loopback, for the
//! emulator, and is always reached directly.

use std::fmt;

use base64::Engine;
use http::header::{HOST, PROXY_AUTHORIZATION, USER_AGENT};
use http::{Method, Request, StatusCode};
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use url::Url;

use crate::config::ConfigError;
use crate::secret::REDACTED;

/// Variables naming a proxy for HTTPS, in the order they are tried (curl's names).
pub const PROXY_VARS: [&str; 4] = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"];

/// Variables listing hosts that bypass the proxy, in the order they are tried.
pub const NO_PROXY_VARS: [&str; 2] = ["NO_PROXY", "no_proxy"];

/// A value for a proxy setting and where it came from (a flag or a variable name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    /// The text as given; for a proxy URL it may hold credentials.
    pub value: String,
    /// `--proxy`, `ZOOMWS_PROXY`, `HTTPS_PROXY`, ...
    pub origin: String,
}

/// The proxy URL, normalised to `http://[user:password@]host:port`.
#[derive(Clone)]
pub struct ProxyUrl {
    url: Url,
    origin: String,
}

impl ProxyUrl {
    /// Parses a proxy URL; a missing scheme means `http://` and a missing port 80, as in curl.
    pub fn parse(given: &Given) -> Result<Self, ConfigError> {
        let text = given.value.trim();
        let with_scheme = if text.contains("://") {
            text.to_owned()
        } else {
            format!("http://{text}")
        };
        let fail = |why: &str| {
            ConfigError(format!(
                "invalid proxy {} (from {}): {why}; fix {}",
                redact_text(text),
                given.origin,
                given.origin
            ))
        };

        let mut url = Url::parse(&with_scheme).map_err(|err| fail(&err.to_string()))?;
        if url.scheme() != "http" {
            return Err(fail(&format!(
                "{}:// proxies are not supported; use an http:// proxy (the connection to Zoom \
                 inside its tunnel is still TLS)",
                url.scheme()
            )));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(fail("it names no host"));
        }
        if url.path() != "/" || url.query().is_some() {
            return Err(fail("a proxy URL has no path; give http://host:port"));
        }
        let port = url.port_or_known_default().unwrap_or(80);
        let _ = url.set_port(Some(port));

        Ok(Self {
            url,
            origin: given.origin.clone(),
        })
    }

    /// Whether the URL carries a user or password.
    pub fn has_credentials(&self) -> bool {
        !self.url.username().is_empty() || self.url.password().is_some()
    }

    /// The URL as reqwest takes it, credentials included: never print it.
    pub fn expose(&self) -> &Url {
        &self.url
    }

    /// `host:port` of the proxy.
    pub fn authority(&self) -> String {
        let host = self.url.host_str().unwrap_or_default();
        format!("{host}:{}", self.url.port().unwrap_or(80))
    }

    /// Where the URL came from: a flag or a variable name.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The `Proxy-Authorization` value for the credentials in the URL, if it has any.
    fn basic_auth(&self) -> Option<String> {
        if !self.has_credentials() {
            return None;
        }
        let decode = |text| percent_encoding::percent_decode_str(text).decode_utf8_lossy();
        let user = decode(self.url.username());
        let password = decode(self.url.password().unwrap_or(""));
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Some(format!("Basic {token}"))
    }
}

/// The URL without its credentials, fit for messages and logs.
impl fmt::Display for ProxyUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let credentials = if self.has_credentials() {
            format!("{REDACTED}@")
        } else {
            String::new()
        };
        write!(f, "http://{credentials}{}", self.authority())
    }
}

impl fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProxyUrl({self} from {})", self.origin)
    }
}

/// Which proxy carries which connection.
#[derive(Default)]
pub struct ProxyConfig {
    proxy: Option<ProxyUrl>,
    /// Decides, with reqwest's own rules, whether a host is exempt (NO_PROXY).
    matcher: Option<Matcher>,
    no_proxy: Option<Given>,
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("proxy", &self.proxy)
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

impl ProxyConfig {
    /// No proxy at all.
    pub fn direct() -> Self {
        Self::default()
    }

    /// The proxy from `flag` (`--proxy` or `ZOOMWS_PROXY`), else from the first set variable
    /// of [`PROXY_VARS`]; the bypass list from `no_proxy_flag`, else [`NO_PROXY_VARS`]. `env`
    /// reads a variable (the process environment, or a map in tests).
    pub fn resolve(
        flag: Option<Given>,
        no_proxy_flag: Option<Given>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let from_env = |names: &[&str]| {
            names.iter().find_map(|name| {
                let value = env(name).filter(|v| !v.trim().is_empty())?;
                Some(Given {
                    value,
                    origin: (*name).to_owned(),
                })
            })
        };
        let given = flag
            .filter(|g| !g.value.trim().is_empty())
            .or_else(|| from_env(&PROXY_VARS));
        let no_proxy = no_proxy_flag
            .filter(|g| !g.value.trim().is_empty())
            .or_else(|| from_env(&NO_PROXY_VARS));

        let Some(given) = given else {
            return Ok(Self::direct());
        };
        let proxy = ProxyUrl::parse(&given)?;
        let list = no_proxy.as_ref().map_or("", |n| n.value.as_str());
        let matcher = Matcher::builder()
            .https(proxy.expose().as_str())
            .no(list)
            .build();

        Ok(Self {
            proxy: Some(proxy),
            matcher: Some(matcher),
            no_proxy,
        })
    }

    /// The configured proxy, whether or not a given target bypasses it.
    pub fn proxy(&self) -> Option<&ProxyUrl> {
        self.proxy.as_ref()
    }

    /// The bypass list and where it came from.
    pub fn no_proxy(&self) -> Option<&Given> {
        self.no_proxy.as_ref()
    }

    /// The proxy that carries a connection to `target`, or `None` to connect directly.
    pub fn route(&self, target: &Url) -> Option<&ProxyUrl> {
        let (proxy, matcher) = (self.proxy.as_ref()?, self.matcher.as_ref()?);
        if !matches!(target.scheme(), "https" | "wss") {
            return None;
        }

        let host = target.host_str()?;
        let port = target.port_or_known_default()?;
        let uri: http::Uri = format!("https://{host}:{port}/").parse().ok()?;
        matcher.intercept(&uri).map(|_| proxy)
    }
}

/// A proxy refused or botched a CONNECT.
#[derive(Debug, thiserror::Error)]
pub enum TunnelError {
    /// The proxy itself could not be reached.
    #[error("could not connect to the proxy {proxy} (from {origin}): {source}")]
    Connect {
        proxy: String,
        origin: String,
        source: std::io::Error,
    },

    /// The proxy answered the CONNECT with something other than 200.
    #[error("the proxy {proxy} refused the tunnel to {target} with HTTP {status}{reason}{hint}")]
    Refused {
        proxy: String,
        target: String,
        status: u16,
        reason: String,
        hint: String,
    },

    /// The proxy's answer was not HTTP, was cut short, or was followed by stray data.
    #[error("the proxy {proxy} gave no usable answer to CONNECT {target}: {why}")]
    Protocol {
        proxy: String,
        target: String,
        why: String,
    },
}

/// Connects to the proxy and asks it for a tunnel to `target` (`host:port`). The stream that is
/// returned carries bytes to and from the target, ready for the TLS handshake. hyper speaks the
/// HTTP of the CONNECT; its upgrade hands the connection back as the plain TCP stream.
pub async fn open_tunnel(proxy: &ProxyUrl, target: &str) -> Result<TcpStream, TunnelError> {
    let stream = TcpStream::connect(proxy.authority())
        .await
        .map_err(|source| TunnelError::Connect {
            proxy: proxy.to_string(),
            origin: proxy.origin().to_owned(),
            source,
        })?;
    let _ = stream.set_nodelay(true);
    let protocol = |why: String| TunnelError::Protocol {
        proxy: proxy.to_string(),
        target: target.to_owned(),
        why,
    };

    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|err| protocol(format!("could not start HTTP: {err}")))?;
    // The connection runs until the upgrade takes the stream back, or the sender is dropped.
    tokio::spawn(connection.with_upgrades());

    let request = connect_request(proxy, target).map_err(|err| protocol(err.to_string()))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|err| protocol(format!("no answer: {err}")))?;
    let status = response.status();
    if status != StatusCode::OK {
        let reason = status.canonical_reason().unwrap_or_default();
        return Err(refused(proxy, target, status.as_u16(), reason));
    }

    let upgraded = hyper::upgrade::on(response)
        .await
        .map_err(|err| protocol(format!("the tunnel did not open: {err}")))?;
    let parts = upgraded
        .downcast::<TokioIo<TcpStream>>()
        .map_err(|_| protocol("the tunnel is not the TCP stream it was opened on".into()))?;
    // The client speaks first inside the tunnel (the TLS hello), so nothing may come before.
    if !parts.read_buf.is_empty() {
        return Err(protocol("it sent data before the tunnel was used".into()));
    }
    Ok(parts.io.into_inner())
}

/// The CONNECT request, with the proxy's credentials when the URL has them.
fn connect_request(proxy: &ProxyUrl, target: &str) -> Result<Request<String>, http::Error> {
    let mut request = Request::builder()
        .method(Method::CONNECT)
        .uri(target)
        .header(HOST, target)
        .header(USER_AGENT, concat!("zoomws/", env!("CARGO_PKG_VERSION")));
    if let Some(auth) = proxy.basic_auth() {
        request = request.header(PROXY_AUTHORIZATION, auth);
    }
    request.body(String::new())
}

/// The refusal, with a hint for the statuses that have an obvious cause.
fn refused(proxy: &ProxyUrl, target: &str, status: u16, reason: &str) -> TunnelError {
    let hint = match status {
        407 if proxy.has_credentials() => format!(
            "; it did not accept the user and password in the proxy URL (from {}); fix them",
            proxy.origin()
        ),
        407 => format!(
            "; it wants credentials: give them in the proxy URL, http://USER:PASSWORD@{}",
            proxy.authority()
        ),
        403 => format!("; its policy does not allow {target}"),
        502..=504 => format!("; it could not reach {target}"),
        _ => String::new(),
    };
    let reason = if reason.is_empty() {
        String::new()
    } else {
        format!(" {reason}")
    };
    TunnelError::Refused {
        proxy: proxy.to_string(),
        target: target.to_owned(),
        status,
        reason,
        hint,
    }
}

/// `host:port` of a URL, as a CONNECT target (IPv6 addresses keep their brackets).
pub fn target_of(url: &Url) -> Option<String> {
    Some(format!(
        "{}:{}",
        url.host_str()?,
        url.port_or_known_default()?
    ))
}

/// A proxy URL that did not parse, with anything that may be credentials replaced.
fn redact_text(text: &str) -> String {
    let (scheme, rest) = text.split_once("://").unwrap_or(("", text));
    let shown = match rest.rsplit_once('@') {
        Some((_, host)) => format!("{REDACTED}@{host}"),
        // `user:password` without a host reads as a host with a port that is no number: that
        // "port" may be a password.
        None => match rest.split('/').next().unwrap_or_default().rsplit_once(':') {
            Some((host, port)) if !port.chars().all(|c| c.is_ascii_digit()) => {
                format!("{host}:{REDACTED}")
            }
            _ => rest.to_owned(),
        },
    };
    let scheme = if scheme.is_empty() {
        String::new()
    } else {
        format!("{scheme}://")
    };
    format!("{scheme}{shown}")
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn bad_proxy_text_is_quoted_without_what_may_be_a_password() {
        assert_eq!(redact_text("http://u:pw@h:1"), "http://(redacted)@h:1");
        assert_eq!(redact_text("alice:s3cret"), "alice:(redacted)");
        assert_eq!(redact_text("proxy.corp:3128"), "proxy.corp:3128");
    }

    /// The `Proxy-Authorization` value reqwest (through hyper-util) sends for the same URL.
    fn reqwest_basic_auth(proxy: &ProxyUrl) -> Option<http::HeaderValue> {
        let matcher = Matcher::builder().all(proxy.expose().as_str()).build();
        let uri = http::Uri::from_static("https://zoom.us/");
        matcher.intercept(&uri)?.basic_auth().cloned()
    }

    fn given(value: &str, origin: &str) -> Option<Given> {
        Some(Given {
            value: value.into(),
            origin: origin.into(),
        })
    }

    fn resolve(
        flag: Option<Given>,
        no_proxy: Option<Given>,
        vars: &[(&str, &str)],
    ) -> Result<ProxyConfig, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        ProxyConfig::resolve(flag, no_proxy, |name| vars.get(name).cloned())
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn the_flag_wins_over_the_variables_and_https_proxy_over_all_proxy() {
        let vars = [
            ("ALL_PROXY", "http://all:1"),
            ("HTTPS_PROXY", "http://https:2"),
        ];
        let config = resolve(given("http://flag:3", "--proxy"), None, &vars).unwrap();
        assert_eq!(config.proxy().unwrap().authority(), "flag:3");
        assert_eq!(config.proxy().unwrap().origin(), "--proxy");

        let config = resolve(None, None, &vars).unwrap();
        assert_eq!(config.proxy().unwrap().origin(), "HTTPS_PROXY");
        let config = resolve(None, None, &[("all_proxy", "all:1"), ("https_proxy", "")]).unwrap();
        assert_eq!(config.proxy().unwrap().origin(), "all_proxy");
        assert!(resolve(None, None, &[]).unwrap().proxy().is_none());
    }

    #[test]
    fn only_secure_targets_go_through_the_proxy_and_no_proxy_exempts_hosts() {
        let no = given("localhost, .corp.example, 10.0.0.0/8", "NO_PROXY");
        let config = resolve(given("proxy:3128", "--proxy"), no, &[]).unwrap();

        for through in ["wss://ws.zoom.us/ws", "https://zoom.us/oauth/token"] {
            assert!(config.route(&url(through)).is_some(), "{through}");
        }
        for direct in [
            "ws://127.0.0.1:9/ws",
            "http://127.0.0.1:9/oauth/token",
            "wss://localhost:9/ws",
            "https://gw.corp.example/x",
            "https://10.1.2.3/x",
        ] {
            assert!(config.route(&url(direct)).is_none(), "{direct}");
        }

        let everything = resolve(given("proxy:3128", "--proxy"), given("*", "NO_PROXY"), &[]);
        assert!(
            everything
                .unwrap()
                .route(&url("wss://ws.zoom.us/ws"))
                .is_none()
        );
    }

    #[test]
    fn proxy_urls_are_normalised_and_bad_ones_are_usage_errors() {
        let proxy = ProxyUrl::parse(&given("proxy.corp", "HTTPS_PROXY").unwrap()).unwrap();
        assert_eq!(proxy.to_string(), "http://proxy.corp:80");

        for (bad, why) in [
            ("https://proxy:3128", "not supported"),
            ("socks5://proxy:1080", "not supported"),
            ("http://proxy:3128/path", "no path"),
            ("http://us:er@pass@[::1", "invalid"),
        ] {
            let err = ProxyUrl::parse(&given(bad, "ZOOMWS_PROXY").unwrap())
                .unwrap_err()
                .0;
            assert!(err.contains(why) && err.contains("ZOOMWS_PROXY"), "{err}");
            assert!(!err.contains("er@pass"), "{err}");
        }
    }

    #[test]
    fn credentials_never_show_and_match_what_reqwest_sends() {
        let proxy =
            ProxyUrl::parse(&given("http://al%40ice:s%3Acret@proxy:3128", "x").unwrap()).unwrap();
        assert_eq!(proxy.to_string(), "http://(redacted)@proxy:3128");
        assert!(!format!("{proxy:?}").contains("cret"));

        let ours = proxy.basic_auth().unwrap();
        let decoded = ours.strip_prefix("Basic ").unwrap();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(decoded)
            .unwrap();
        assert_eq!(decoded, b"al@ice:s:cret");
        assert_eq!(reqwest_basic_auth(&proxy).unwrap(), ours.as_str());
    }

    #[test]
    fn refusals_explain_themselves() {
        let with = ProxyUrl::parse(&given("http://u:p@proxy:3128", "HTTPS_PROXY").unwrap());
        let text = refused(&with.unwrap(), "zoom.us:443", 407, "Nope").to_string();
        assert!(text.contains("http://(redacted)@proxy:3128"), "{text}");
        assert!(
            text.contains("HTTP 407") && text.contains("HTTPS_PROXY"),
            "{text}"
        );

        let without = ProxyUrl::parse(&given("proxy:3128", "--proxy").unwrap()).unwrap();
        let text = refused(&without, "zoom.us:443", 502, "Bad Gateway").to_string();
        assert!(
            text.contains("HTTP 502 Bad Gateway; it could not reach zoom.us:443"),
            "{text}"
        );
    }

    #[test]
    fn targets_keep_ipv6_brackets_and_default_ports() {
        assert_eq!(
            target_of(&url("wss://ws.zoom.us/ws")).unwrap(),
            "ws.zoom.us:443"
        );
        assert_eq!(
            target_of(&url("https://[::1]:8443/")).unwrap(),
            "[::1]:8443"
        );
    }
}
