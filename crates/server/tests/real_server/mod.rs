//! The `helpdesk-server` binary as an administrator runs it: `serve` on a
//! free loopback port with a temporary data directory, its standard error
//! captured; and raw HTTP/1.1 exchanges for what a client library would
//! refuse to send.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_helpdesk-server");
pub const ADMIN: &str = "root";
pub const ADMIN_PASSWORD: &str = "admin password 1234";

/// The binary serving on 127.0.0.1, killed on drop.
pub struct RealServer {
    pub url: String,
    pub addr: String,
    pub data_dir: PathBuf,
    child: Child,
    stderr: Arc<Mutex<String>>,
    _dir: Option<tempfile::TempDir>,
}

impl RealServer {
    /// `serve --bootstrap-admin root` on a new data directory.
    pub fn start() -> RealServer {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("data");
        let mut server = RealServer::start_in(&data_dir, &[], &[]);
        server._dir = Some(dir);
        server
    }

    /// `serve` on `data_dir` with more arguments and environment; under
    /// `sh -c 'umask …'` when `UMASK` is among `env`.
    pub fn start_in(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> RealServer {
        let mut command = match env.iter().find(|(k, _)| *k == "UMASK") {
            Some((_, umask)) => {
                let mut c = Command::new("sh");
                c.arg("-c").arg(format!("umask {umask} && exec \"$0\" \"$@\"")).arg(BIN);
                c
            }
            None => Command::new(BIN),
        };
        command
            .args(["serve", "--listen", "127.0.0.1:0", "--bootstrap-admin", ADMIN, "--data-dir"])
            .arg(data_dir)
            .args(args)
            .env("HELPDESK_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env_remove("RUST_LOG")
            .env_remove("HELPDESK_DATA_DIR")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env.iter().filter(|(k, _)| *k != "UMASK") {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("the server binary starts");

        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut line = String::new();
            while err.read_line(&mut line).is_ok_and(|n| n > 0) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });

        // "helpdesk-server listening on http://127.0.0.1:PORT"
        let (tx, rx) = std::sync::mpsc::channel();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            let mut line = String::new();
            while out.read_line(&mut line).is_ok_and(|n| n > 0) {
                if let Some((_, url)) = line.trim().split_once(" listening on ") {
                    let _ = tx.send(url.to_string());
                }
                line.clear();
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the server did not start; stderr:\n{}", stderr.lock().unwrap());
            }
        };
        let addr = url.split_once("://").unwrap().1.to_string();
        RealServer {
            url,
            addr,
            data_dir: data_dir.to_path_buf(),
            child,
            stderr,
            _dir: None,
        }
    }

    /// Everything the server wrote to standard error so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until standard error holds `n` lines containing `needle`.
    pub fn wait_for_lines(&self, needle: &str, n: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let lines: Vec<String> = self.stderr().lines().filter(|l| l.contains(needle)).map(str::to_string).collect();
            if lines.len() >= n || Instant::now() > deadline {
                return lines;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops the server and returns its standard error.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::thread::sleep(Duration::from_millis(50));
        self.stderr()
    }
}

impl Drop for RealServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response read off a raw connection.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {:?} {:?}", self.headers, String::from_utf8_lossy(&self.body)))
    }
}

/// Sends `head` (the request line and header lines, without the final blank
/// line) with `Connection: close` and reads the whole answer.
pub fn raw_request(addr: &str, head: &str) -> RawResponse {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let request = format!("{head}\r\nConnection: close\r\n\r\n");
    // The server may answer and close before it has read everything.
    let _ = stream.write_all(request.as_bytes());
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head: {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect::<Vec<_>>();
    let mut body = bytes[split + 4..].to_vec();
    if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    RawResponse { status, headers, body }
}

fn dechunk(mut bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = bytes.windows(2).position(|w| w == b"\r\n") else { return out };
        let size = usize::from_str_radix(String::from_utf8_lossy(&bytes[..end]).split(';').next().unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&bytes[end + 2..end + 2 + size]);
        bytes = &bytes[end + 2 + size + 2..];
    }
}

/// Signs in over plain HTTP with reqwest; returns the bearer token.
pub async fn sign_in(url: &str, username: &str, password: &str) -> String {
    let response = reqwest::Client::new()
        .post(format!("{url}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    body["token"].as_str().unwrap().to_string()
}
