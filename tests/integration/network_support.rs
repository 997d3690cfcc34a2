//! Network fixtures: a certificate authority made at test time, and a CONNECT proxy on loopback
//! that records what it was asked and can insist on credentials or refuse.
//!
//! The proxy only tunnels (CONNECT); it never forwards absolute-URI requests. zoomws sends only
//! https and wss through a proxy (plain http and ws, loopback only, always go direct), so the
//! proxy tests run against the emulator over TLS.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::support::Mock;

/// A CA and a server certificate it issued for `localhost` and `127.0.0.1`, as PEM files.
pub struct TestCa {
    dir: tempfile::TempDir,
}

impl TestCa {
    pub fn new() -> Self {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};

        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "zoomws test CA");
        let ca_cert = ca_params.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca_params, ca_key);

        let server_key = KeyPair::generate().unwrap();
        let names = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
        let server_params = CertificateParams::new(names).unwrap();
        let server_cert = server_params.signed_by(&server_key, &issuer).unwrap();

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ca.pem"), ca_cert.pem()).unwrap();
        std::fs::write(dir.path().join("cert.pem"), server_cert.pem()).unwrap();
        std::fs::write(dir.path().join("key.pem"), server_key.serialize_pem()).unwrap();
        Self { dir }
    }

    /// The CA certificate, for `--ca-cert`.
    pub fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    fn file(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// An emulator serving https and wss with the CA's server certificate.
    pub fn mock(&self, args: &[&str]) -> Mock {
        let (cert, key) = (self.file("cert.pem"), self.file("key.pem"));
        let tls = ["--tls-cert", cert.as_str(), "--tls-key", key.as_str()];
        Mock::start(&[&tls[..], args].concat())
    }
}

/// How the test proxy answers a CONNECT.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Tunnel every request.
    Open,
    /// Tunnel only requests carrying these `user:password` credentials; others get 407.
    Credentials(&'static str),
    /// Refuse every request with this status.
    Refuse(u16),
}

/// One request the proxy received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The CONNECT target (`host:port`), or `METHOD URI` for anything else.
    pub target: String,
    /// The `Proxy-Authorization` header, if any.
    pub auth: Option<String>,
}

/// A CONNECT proxy on an ephemeral loopback port, running until the test process ends.
pub struct Proxy {
    addr: std::net::SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Proxy {
    pub fn start(mode: Mode) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));

        let log = seen.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(serve(listener, mode, log));
        });
        Self { addr, seen }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://USER:PASSWORD@127.0.0.1:PORT`.
    pub fn url_with(&self, credentials: &str) -> String {
        format!("http://{credentials}@{}", self.addr)
    }

    /// `127.0.0.1:PORT`, as zoomws shows it.
    pub fn authority(&self) -> String {
        self.addr.to_string()
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The targets of every request so far.
    pub fn targets(&self) -> Vec<String> {
        self.seen().into_iter().map(|seen| seen.target).collect()
    }
}

/// The `Proxy-Authorization` value for `user:password`.
pub fn basic(credentials: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(credentials);
    format!("Basic {encoded}")
}

async fn serve(listener: std::net::TcpListener, mode: Mode, seen: Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::from_std(listener).unwrap();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        tokio::spawn(handle(stream, mode.clone(), seen.clone()));
    }
}

async fn handle(stream: TcpStream, mode: Mode, seen: Arc<Mutex<Vec<Seen>>>) {
    let mut reader = BufReader::new(stream);
    let Some((request_line, auth)) = read_request(&mut reader).await else {
        return;
    };
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let recorded = if method == "CONNECT" {
        target.to_owned()
    } else {
        format!("{method} {target}")
    };
    seen.lock().unwrap().push(Seen {
        target: recorded,
        auth: auth.clone(),
    });

    let refusal = match (&mode, method) {
        (_, m) if m != "CONNECT" => Some(405),
        (Mode::Refuse(status), _) => Some(*status),
        (Mode::Credentials(wanted), _) if auth.as_deref() != Some(&basic(wanted)) => Some(407),
        _ => None,
    };
    let mut client = reader.into_inner();
    if let Some(status) = refusal {
        let _ = client.write_all(refusal_answer(status).as_bytes()).await;
        return;
    }

    let Ok(mut upstream) = TcpStream::connect(target).await else {
        let _ = client.write_all(refusal_answer(502).as_bytes()).await;
        return;
    };
    let established = b"HTTP/1.1 200 Connection established\r\n\r\n";
    if client.write_all(established).await.is_ok() {
        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
    }
}

/// The request line and the `Proxy-Authorization` header of one request head.
async fn read_request(reader: &mut BufReader<TcpStream>) -> Option<(String, Option<String>)> {
    let mut request_line = String::new();
    reader.read_line(&mut request_line).await.ok()?;
    let mut auth = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            return Some((request_line.trim_end().to_owned(), auth));
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("proxy-authorization")
        {
            auth = Some(value.trim().to_owned());
        }
    }
}

fn refusal_answer(status: u16) -> String {
    let reason = match status {
        403 => "Forbidden",
        405 => "Method Not Allowed",
        407 => "Proxy Authentication Required",
        502 => "Bad Gateway",
        _ => "Refused",
    };
    let challenge = if status == 407 {
        "Proxy-Authenticate: Basic realm=\"zoomws test\"\r\n"
    } else {
        ""
    };
    format!(
        "HTTP/1.1 {status} {reason}\r\n{challenge}Content-Length: 0\r\nConnection: close\r\n\r\n"
    )
}

/// A path inside `dir` as text, for arguments.
pub fn arg(path: &Path) -> String {
    path.display().to_string()
}
