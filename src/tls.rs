//! TLS trust, the same for the token request and the WebSocket: the system's certificate
//! store (through `rustls-platform-verifier`), plus the certificates of a `--ca-cert` bundle.
//!
//! Certificates are always verified; nothing here can turn verification off.

use std::error::Error;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::danger::ServerCertVerifier;
use rustls::crypto::CryptoProvider;
use rustls::{ClientConfig, RootCertStore};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use tracing::{debug, warn};

use crate::config::ConfigError;

/// The certificates of a PEM bundle given with `--ca-cert`.
#[derive(Debug, Clone)]
pub struct CaBundle {
    path: PathBuf,
    certs: Vec<CertificateDer<'static>>,
}

impl CaBundle {
    /// Reads a PEM bundle. A missing or unreadable file, or one without a single certificate,
    /// is a usage error naming the file; `origin` names where the path came from.
    pub fn read(path: &Path, origin: &str) -> Result<Self, ConfigError> {
        let fail = |why: String| {
            ConfigError(format!(
                "could not use the CA certificate file {} (from {origin}): {why}; fix \
                 --ca-cert or ZOOMWS_CA_CERT",
                path.display()
            ))
        };

        let pem = std::fs::read(path).map_err(|err| fail(describe_io(&err)))?;
        let certs = CertificateDer::pem_slice_iter(&pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|err| fail(format!("it is not a valid PEM file ({err})")))?;
        if certs.is_empty() {
            return Err(fail(
                "it holds no PEM certificate (-----BEGIN CERTIFICATE-----)".into(),
            ));
        }

        Ok(Self {
            path: path.to_owned(),
            certs,
        })
    }

    /// The file the certificates came from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many certificates the bundle holds.
    pub fn len(&self) -> usize {
        self.certs.len()
    }

    /// Whether the bundle is empty; never true for a bundle that [`read`](Self::read) returned.
    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }
}

/// The client configuration both connections use: the system's roots plus `extra`.
///
/// Without any root at all (no system store and no bundle) every handshake fails with a
/// certificate error. That is reported once here when `warn` is set (the demo, which talks only
/// plain loopback, leaves it off), and zoomws still starts, since plain endpoints need no TLS.
pub fn client_config(extra: Option<&CaBundle>, warn: bool) -> anyhow::Result<Arc<ClientConfig>> {
    let provider = provider();
    let extra_certs = extra.map(|bundle| bundle.certs.clone()).unwrap_or_default();
    if let Some(bundle) = extra {
        debug!(
            "trusting {} certificate(s) from {} besides the system's",
            bundle.len(),
            bundle.path().display()
        );
    }

    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra_certs, provider.clone());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?;

    let config = match verifier {
        Ok(verifier) => {
            // `dangerous` is rustls's door for any verifier of one's own; this one checks
            // chains, names and expiry against the roots, like the built-in one.
            let verifier: Arc<dyn ServerCertVerifier> = Arc::new(verifier);
            builder
                .dangerous()
                .with_custom_certificate_verifier(verifier)
                .with_no_client_auth()
        }
        Err(err) => {
            if warn {
                warn!(
                    "no trusted CA certificates ({err}): TLS connections will fail; install \
                     the system's CA certificates (ca-certificates) or pass --ca-cert"
                );
            } else {
                debug!("no trusted CA certificates: {err}");
            }
            builder
                .with_root_certificates(RootCertStore::empty())
                .with_no_client_auth()
        }
    };
    Ok(Arc::new(config))
}

/// The process-wide provider that `main` installs, or ring when none is (unit tests).
fn provider() -> Arc<CryptoProvider> {
    CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()))
}

/// When an error was caused by a server certificate that failed verification, a sentence
/// saying so and how to fix it; `server` is `host:port`.
pub fn certificate_problem(err: &(dyn Error + 'static), server: &str) -> Option<String> {
    let rustls::Error::InvalidCertificate(why) = find_rustls_error(err)? else {
        return None;
    };
    Some(format!(
        "the TLS certificate of {server} is not trusted ({why:?}); if it is issued by a \
         private CA (a company proxy or gateway), pass that CA's PEM file with --ca-cert"
    ))
}

/// The rustls error somewhere in the chain, looking inside `io::Error`s too (whose `source`
/// skips the error they wrap).
fn find_rustls_error<'a>(err: &'a (dyn Error + 'static)) -> Option<&'a rustls::Error> {
    let mut next = Some(err);
    while let Some(cause) = next {
        if let Some(found) = cause.downcast_ref::<rustls::Error>() {
            return Some(found);
        }
        let inner = cause
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref);
        if let Some(found) = inner.and_then(|inner| find_rustls_error(inner)) {
            return Some(found);
        }
        next = cause.source();
    }
    None
}

/// An I/O error in a few words, for a file the user named.
fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn bundles_that_cannot_be_used_are_usage_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        let empty = write(dir.path(), "empty.pem", "");
        let key_only = write(
            dir.path(),
            "key.pem",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        );
        let broken = write(
            dir.path(),
            "broken.pem",
            "-----BEGIN CERTIFICATE-----\nAAAA\n",
        );

        for (path, why) in [
            (&missing, "no such file"),
            (&empty, "no PEM certificate"),
            (&key_only, "no PEM certificate"),
            (&broken, "not a valid PEM file"),
        ] {
            let err = CaBundle::read(path, "--ca-cert").unwrap_err().0;
            assert!(err.contains(&path.display().to_string()), "{err}");
            assert!(err.contains(why), "{err}");
            assert!(err.contains("--ca-cert"), "{err}");
        }
    }

    #[test]
    fn a_certificate_error_is_found_inside_io_errors() {
        let tls = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let io = io::Error::new(io::ErrorKind::InvalidData, tls);
        let text = certificate_problem(&io, "localhost:443").unwrap();
        assert!(
            text.contains("localhost:443") && text.contains("UnknownIssuer"),
            "{text}"
        );
        assert!(text.contains("--ca-cert"), "{text}");

        let other = io::Error::other("connection reset");
        assert_eq!(certificate_problem(&other, "x:1"), None);
    }

    #[test]
    fn a_client_config_builds_without_a_bundle() {
        assert!(client_config(None, false).is_ok());
    }
}
