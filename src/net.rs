//! How zoomws reaches Zoom: the TLS trust and the proxy, resolved once from the flags and the
//! environment and shared by the token request and the WebSocket.

use std::sync::Arc;

use clap::ArgMatches;
use clap::parser::ValueSource;
use rustls::ClientConfig;
use tokio::net::TcpStream;
use tracing::{debug, info, warn};
use url::{Host, Url};

use crate::cli::NetworkArgs;
use crate::proxy::{self, Given, ProxyConfig};
use crate::tls::{self, CaBundle};

/// The TLS configuration and the proxy rules, for both connections.
#[derive(Debug, Clone)]
pub struct Network {
    /// Trust for every TLS handshake: the system's roots plus any `--ca-cert`.
    pub tls: Arc<ClientConfig>,
    /// Which connections go through which proxy.
    pub proxy: Arc<ProxyConfig>,
}

impl Network {
    /// Direct connections that trust the system's roots, for the in-process demo.
    pub fn direct() -> anyhow::Result<Self> {
        Ok(Self {
            tls: tls::client_config(None, false)?,
            proxy: Arc::new(ProxyConfig::direct()),
        })
    }

    /// The network settings of `tail`; a bad proxy URL or CA file is a usage error.
    pub fn resolve(args: &NetworkArgs, matches: &ArgMatches) -> anyhow::Result<Self> {
        let proxy = Self::resolve_proxy(args, matches)?;
        warn_about_visible_password(&proxy);

        let bundle = match &args.ca_cert {
            Some(path) => {
                let origin = origin(matches, "ca_cert", "--ca-cert", "ZOOMWS_CA_CERT");
                Some(CaBundle::read(path, origin)?)
            }
            None => None,
        };

        Ok(Self {
            tls: tls::client_config(bundle.as_ref(), true)?,
            proxy: Arc::new(proxy),
        })
    }

    /// The proxy and its exceptions, each with where it came from.
    pub fn resolve_proxy(
        args: &NetworkArgs,
        matches: &ArgMatches,
    ) -> Result<ProxyConfig, crate::config::ConfigError> {
        let flag = given(
            args.proxy.as_ref(),
            matches,
            "proxy",
            "--proxy",
            "ZOOMWS_PROXY",
        );
        let no_proxy = given(
            args.no_proxy.as_ref(),
            matches,
            "no_proxy",
            "--no-proxy",
            "ZOOMWS_NO_PROXY",
        );
        ProxyConfig::resolve(flag, no_proxy, |name| std::env::var(name).ok())
    }

    /// Where `--ca-cert` came from: `--ca-cert` or `ZOOMWS_CA_CERT`.
    pub fn ca_cert_origin(matches: &ArgMatches) -> &'static str {
        origin(matches, "ca_cert", "--ca-cert", "ZOOMWS_CA_CERT")
    }

    /// Says which connections go through the proxy, and at `-v` which bypass it.
    pub fn log_routes(&self, oauth_url: &Url, ws_url: &Url) {
        let Some(proxy) = self.proxy.proxy() else {
            debug!("no proxy configured");
            return;
        };
        if let Some(no_proxy) = self.proxy.no_proxy() {
            debug!(
                "proxy exceptions from {}: {}",
                no_proxy.origin, no_proxy.value
            );
        }
        for (what, url) in [("token request", oauth_url), ("WebSocket", ws_url)] {
            let host = url.host_str().unwrap_or("?");
            match self.proxy.route(url) {
                Some(_) => info!(
                    "{what} to {host} goes through the proxy {proxy} (from {})",
                    proxy.origin()
                ),
                None => debug!("{what} to {host} bypasses the proxy"),
            }
        }
    }

    /// A TCP stream to the WebSocket's host: direct, or through the proxy's tunnel.
    pub async fn connect_tcp(&self, url: &Url) -> Result<TcpStream, String> {
        let target = proxy::target_of(url).ok_or("the WebSocket URL names no host")?;
        if let Some(proxy) = self.proxy.route(url) {
            debug!("opening a tunnel to {target} through the proxy {proxy}");
            return proxy::open_tunnel(proxy, &target)
                .await
                .map_err(|err| err.to_string());
        }

        let port = url.port_or_known_default().unwrap_or(443);
        let connected = match url.host() {
            Some(Host::Domain(name)) => TcpStream::connect((name, port)).await,
            Some(Host::Ipv4(ip)) => TcpStream::connect((ip, port)).await,
            Some(Host::Ipv6(ip)) => TcpStream::connect((ip, port)).await,
            None => return Err("the WebSocket URL names no host".into()),
        };
        let stream = connected.map_err(|err| format!("connection failed: {err}"))?;
        let _ = stream.set_nodelay(true);
        Ok(stream)
    }
}

/// A value clap read for one of the network flags, labelled with the flag or variable.
fn given(
    value: Option<&String>,
    matches: &ArgMatches,
    id: &str,
    flag: &'static str,
    var: &'static str,
) -> Option<Given> {
    Some(Given {
        value: value?.clone(),
        origin: origin(matches, id, flag, var).to_owned(),
    })
}

/// Whether a value came from its flag or its variable.
fn origin(matches: &ArgMatches, id: &str, flag: &'static str, var: &'static str) -> &'static str {
    match matches.value_source(id) {
        Some(ValueSource::CommandLine) => flag,
        _ => var,
    }
}

/// A password in `--proxy` shows in `ps`, like `--client-secret`.
fn warn_about_visible_password(proxy: &ProxyConfig) {
    let Some(url) = proxy.proxy() else { return };
    if url.origin() == "--proxy" && url.expose().password().is_some() {
        warn!(
            "a password in --proxy can be read by other users of this machine (ps); prefer \
             ZOOMWS_PROXY, HTTPS_PROXY or a .env file"
        );
    }
}
