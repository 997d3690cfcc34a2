//! Runs the real binary: an emulator (`zoomws mock`) on an ephemeral port, and clients of it.

use std::borrow::BorrowMut;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tempfile::TempDir;
use wait_timeout::ChildExt;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_zoomws");

/// Longest any single process in a test may run before the test fails.
pub const LIMIT: Duration = Duration::from_secs(20);

/// The sample events, one webhook body per line.
pub fn sample_events_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events.jsonl")
}

pub fn sample_events() -> Vec<String> {
    fs::read_to_string(sample_events_path())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// A running `zoomws mock`, killed on drop.
pub struct Mock {
    pub child: Child,
    /// The `ZOOM_*` settings it printed.
    pub env: Vec<(String, String)>,
    dir: TempDir,
}

impl Mock {
    /// Starts the emulator with extra scenario arguments and waits until it prints its settings.
    pub fn start(args: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("record.jsonl");
        let log = fs::File::create(dir.path().join("mock.log")).unwrap();

        let mut child = Command::new(BIN)
            .args(["-v", "mock", "--port", "0", "--record"])
            .arg(&record)
            .args(args)
            .env_clear()
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();

        let mut env = Vec::new();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        while !env
            .iter()
            .any(|(k, _): &(String, String)| k == "ZOOM_WS_URL")
        {
            let Some(Ok(line)) = lines.next() else {
                let log = fs::read_to_string(dir.path().join("mock.log")).unwrap_or_default();
                panic!("the emulator stopped before printing its settings:\n{log}");
            };
            if let Some((key, value)) = line.split_once('=') {
                env.push((key.to_owned(), value.to_owned()));
            }
        }
        Self { child, env, dir }
    }

    /// A `zoomws tail` pointed at this emulator, with fast timing, in an empty directory.
    pub fn tail(&self, args: &[&str]) -> Command {
        let mut command = client(self.dir.path());
        command
            .arg("tail")
            .args(args)
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    /// A `zoomws doctor` pointed at this emulator, with the same environment as [`Mock::tail`].
    pub fn doctor(&self, args: &[&str]) -> Command {
        let mut command = client(self.dir.path());
        command
            .arg("doctor")
            .args(args)
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    /// The value of one of the printed settings.
    pub fn var(&self, key: &str) -> &str {
        &self.env.iter().find(|(k, _)| k == key).unwrap().1
    }

    /// Events the emulator delivered, waiting up to `LIMIT` until there are at least `min`.
    pub fn recorded(&self, min: usize) -> Vec<String> {
        let path = self.dir.path().join("record.jsonl");
        let read = || -> Vec<String> {
            let text = fs::read_to_string(&path).unwrap_or_default();
            text.lines().map(str::to_owned).collect()
        };
        wait_until(|| read().len() >= min);
        read()
    }

    /// What the emulator logged so far.
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("mock.log")).unwrap()
    }

    /// A directory for the test's own files.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Mock {
    /// Kills the emulator at once, as a crash or a lost host would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Timing knobs that make a test's reconnects and heartbeats take milliseconds.
pub const FAST_TIMING: [(&str, &str); 5] = [
    ("ZOOMWS_HEARTBEAT_INTERVAL", "200ms"),
    ("ZOOMWS_HEARTBEAT_TIMEOUT", "1s"),
    ("ZOOMWS_BACKOFF_INITIAL", "50ms"),
    ("ZOOMWS_BACKOFF_MAX", "400ms"),
    ("ZOOMWS_CONNECT_TIMEOUT", "5s"),
];

/// The profile file of a client run in some directory (`ZOOMWS_CONFIG`), so that no test
/// reads or writes the real config directory.
pub const CONFIG_FILE: &str = "zoomws-config.toml";

/// A `zoomws` command with a clean environment, fast timing knobs, run in `dir`, with its
/// profile file at `dir/CONFIG_FILE`.
pub fn client(dir: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .env_clear()
        .current_dir(dir)
        .env("ZOOMWS_CONFIG", dir.join(CONFIG_FILE))
        .envs(FAST_TIMING)
        .stdin(Stdio::null());
    command
}

/// What a finished process wrote and how it ended.
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn code(&self) -> i32 {
        self.status.code().expect("exited by a signal")
    }

    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// Runs the command to completion within `LIMIT`.
pub fn run(mut command: impl BorrowMut<Command>) -> Output {
    let child = command
        .borrow_mut()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish(child)
}

/// Waits for a spawned child (stdout and stderr piped) within `LIMIT` and collects its output.
pub fn finish(mut child: Child) -> Output {
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(stdout) = stdout.as_mut() {
            stdout.read_to_string(&mut text).unwrap();
        }
        text
    });
    let err_reader = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).unwrap();
        text
    });

    let Some(status) = child.wait_timeout(LIMIT).unwrap() else {
        let _ = child.kill();
        let stderr = err_reader.join().unwrap();
        panic!("process did not finish within {LIMIT:?}; stderr:\n{stderr}");
    };
    Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

/// Polls `done` until it holds, failing the test after `LIMIT`.
pub fn wait_until(mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < LIMIT,
            "condition not met within {LIMIT:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends a signal by name to a process.
pub fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status();
    assert!(status.unwrap().success(), "kill -{name} failed");
}

/// The `event` name of each JSON line.
pub fn event_names(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let value: serde_json::Value = serde_json::from_str(l).unwrap();
            value["event"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// A running process whose stderr is collected in the background while the test reads stdout.
pub struct Running {
    pub child: Child,
    stderr: Arc<Mutex<String>>,
    collector: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    /// Spawns with stdout piped (for the test to read) and stderr collected.
    pub fn spawn(command: &mut Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = BufReader::new(child.stderr.take().unwrap());
        let sink = stderr.clone();
        let collector = std::thread::spawn(move || {
            let mut line = String::new();
            while pipe.read_line(&mut line).unwrap_or(0) > 0 {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Self {
            child,
            stderr,
            collector: Some(collector),
        }
    }

    /// What the process wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits for exit within `LIMIT`; returns the exit code and all of stderr.
    pub fn wait(mut self) -> (i32, String) {
        let status = self.child.wait_timeout(LIMIT).unwrap();
        let Some(status) = status else {
            let _ = self.child.kill();
            panic!(
                "process did not finish within {LIMIT:?}; stderr:\n{}",
                self.stderr()
            );
        };
        if let Some(collector) = self.collector.take() {
            collector.join().unwrap();
        }
        (status.code().expect("exited by a signal"), self.stderr())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Asks the emulator for a token the way another process of the same app would.
pub fn request_token(mock: &Mock) -> u16 {
    use base64::Engine;
    use std::io::Write;

    let url = url::Url::parse(mock.var("ZOOM_OAUTH_URL")).unwrap();
    let credentials = format!(
        "{}:{}",
        mock.var("ZOOM_CLIENT_ID"),
        mock.var("ZOOM_CLIENT_SECRET")
    );
    let basic = base64::engine::general_purpose::STANDARD.encode(credentials);
    let body = format!(
        "grant_type=account_credentials&account_id={}",
        mock.var("ZOOM_ACCOUNT_ID")
    );

    let mut stream =
        std::net::TcpStream::connect((url.host_str().unwrap(), url.port().unwrap())).unwrap();
    write!(
        stream,
        "POST {} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic {basic}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        url.path(),
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer.split(' ').nth(1).unwrap().parse().unwrap()
}

/// Reads `n` lines from the child's stdout.
pub fn read_lines(child: &mut Child, n: usize) -> Vec<String> {
    let stdout = child.stdout.as_mut().unwrap();
    let mut lines = Vec::new();
    let mut line = Vec::new();
    let mut byte = [0u8];
    while lines.len() < n {
        assert_eq!(
            stdout.read(&mut byte).unwrap(),
            1,
            "stdout ended after {lines:?}"
        );
        if byte[0] == b'\n' {
            lines.push(String::from_utf8(std::mem::take(&mut line)).unwrap());
        } else {
            line.push(byte[0]);
        }
    }
    lines
}

/// A bare WebSocket server for what the emulator cannot send: its first connection gets a text
/// frame that is not UTF-8; every later one gets two events.
pub struct RawServer {
    addr: std::net::SocketAddr,
}

impl RawServer {
    pub fn start(connections: usize) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(serve_raw(listener, connections));
        });
        Self { addr }
    }

    pub fn url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }
}

async fn serve_raw(listener: std::net::TcpListener, connections: usize) {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::protocol::frame::Frame;
    use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};

    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    for n in 0..connections {
        let (stream, _) = listener.accept().await.unwrap();
        let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
            continue;
        };
        let hello = r#"{"module":"build_connection","success":true,"content":"ok","header":{}}"#;
        let _ = ws.send(Message::text(hello)).await;
        if n == 0 {
            let bad = Frame::message(vec![0xff, 0xfe, 0x41], OpCode::Data(Data::Text), true);
            let _ = ws.send(Message::Frame(bad)).await;
        } else {
            for ts in [1, 2] {
                let event = format!(r#"{{"event":"raw.event","event_ts":{ts}}}"#);
                let frame = serde_json::json!({"module": "message", "content": event});
                let _ = ws.send(Message::text(frame.to_string())).await;
            }
        }
        tokio::spawn(async move { while let Some(Ok(_)) = ws.next().await {} });
    }
    // Keep serving the open connections: returning would drop them, and a socket dropped with
    // unread data is reset, which can discard events the client has not read yet.
    std::future::pending::<()>().await;
}

/// `sh -c LINE` on a pseudo-terminal (util-linux's `script`) in the mock's directory, with the
/// mock's settings, fast timing and `TERM=xterm`; the terminal's output is the command's stdout.
pub fn on_a_pseudo_terminal(mock: &Mock, line: &str) -> Command {
    let mut script = Command::new("script");
    script
        .env_clear()
        .current_dir(mock.dir())
        .envs(FAST_TIMING)
        .envs(mock.env.iter().map(|(k, v)| (k, v)))
        .env("PATH", "/usr/bin:/bin")
        .env("TERM", "xterm")
        .args(["-q", "-e", "-c", line, "/dev/null"])
        .stdin(Stdio::null());
    script
}
