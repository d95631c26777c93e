//! Helpers shared by the workspace-level tests: the `helpdesk-server` and
//! `helpdesk` binaries run as processes, as an administrator and analysts
//! would run them, on temporary data directories and profiles.

pub mod desktop;
pub mod notifications;
pub mod proxy;

use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const PASSWORD: &str = "correct horse battery";

/// The directory of the workspace's built binaries (next to `deps/`),
/// built once per test process so they are never stale.
///
/// A test build selects what `cargo test --workspace --all-targets` does
/// (the test command's), not just the binaries' packages: cargo unifies the
/// dependencies' features over what is selected, so `-p helpdesk-server`
/// would compile some 130 of its dependencies a second time, with other
/// features, and the desktop app some 160 (a quarter of an hour cold on two
/// cores). After the test command's own build only the desktop app's binary
/// is left to link. A bench builds in release what it runs, alone.
pub fn bin_dir() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let exe = std::env::current_exe().expect("the test binary has a path");
            let dir = exe.parent().and_then(Path::parent).expect("target/<profile>/deps/<test>").to_path_buf();
            let mut build = cargo();
            if dir.ends_with("release") {
                build.args(["build", "--release", "-p", "helpdesk-server", "-p", "helpdesk-cli"]);
            } else {
                build.args(["build", "--workspace", "--all-targets"]);
            }
            let status = build.status().expect("cargo runs");
            assert!(status.success(), "building the binaries failed");
            dir
        })
        .clone()
}

/// Removes the variables cargo sets for a test process from a command that
/// runs cargo again (directly or through npm), so the nested build sees the
/// environment of a shell: build scripts watch some of them (ring reruns
/// when `CARGO_MANIFEST_DIR` changes) and would rebuild half the graph.
pub fn as_from_a_shell(cmd: &mut Command) -> &mut Command {
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        let set_for_tests = ["CARGO_PKG_", "CARGO_BIN_EXE_"].iter().any(|p| key.starts_with(p))
            || [
                "CARGO_MANIFEST_DIR",
                "CARGO_MANIFEST_PATH",
                "CARGO_CRATE_NAME",
                "CARGO_PRIMARY_PACKAGE",
                "CARGO_TARGET_TMPDIR",
                "CARGO_RUSTC_CURRENT_DIR",
                "OUT_DIR",
            ]
            .contains(&key.as_ref());
        if set_for_tests {
            cmd.env_remove(key.as_ref());
        }
    }
    cmd
}

/// `cargo` as from a shell (see [`as_from_a_shell`]).
pub fn cargo() -> Command {
    let mut cmd = Command::new(env!("CARGO"));
    as_from_a_shell(&mut cmd);
    cmd
}

/// A WebDriver session with the driver at `url` (tauri-driver,
/// chromedriver, geckodriver: all on loopback, spoken to in plain HTTP).
pub async fn webdriver_session(url: &str, capabilities: &Value) -> fantoccini::Client {
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    fantoccini::ClientBuilder::new(connector)
        .capabilities(capabilities.as_object().expect("capabilities are an object").clone())
        .connect(url)
        .await
        .unwrap_or_else(|e| panic!("a WebDriver session at {url}: {e}"))
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A `helpdesk-server` process on 127.0.0.1 with its own data directory.
pub struct Server {
    pub data: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
    /// Demo tickets to generate at the first start, if any.
    demo: Option<usize>,
}

impl Server {
    /// A data directory with the groups and users of the tests, not started.
    pub fn prepare() -> Server {
        let data = tempfile::tempdir().unwrap();
        let server = Server {
            data,
            port: free_port(),
            child: None,
            demo: None,
        };
        for (id, name, line) in [
            ("cc-l1", "Контакт-центр", "L1"),
            ("eais-l2", "Технічний адміністратор ЄАІС", "L2"),
            ("ncts-l2", "Методологія NCTS", "L2"),
        ] {
            server.admin(&["group", "add", id, "--name", name, "--line", line]);
        }
        for (user, role, group) in [
            ("olga", "analyst", "cc-l1"),
            ("ana", "analyst", "eais-l2"),
            ("bob", "analyst", "eais-l2"),
            ("admin", "administrator", ""),
        ] {
            server.admin(&["user", "add", user, "--name", user, "--role", role]);
            if !group.is_empty() {
                server.admin(&["group", "member", group, user]);
            }
        }
        server
    }

    /// A data directory the server fills with its demo data when started
    /// (accounts `analyst` / `analyst-demo-1`, `admin` / `admin-demo-1`, …).
    pub fn demo() -> Server {
        Server::demo_with(150)
    }

    /// The same with `tickets` demo tickets.
    pub fn demo_with(tickets: usize) -> Server {
        Server {
            data: tempfile::tempdir().unwrap(),
            port: free_port(),
            child: None,
            demo: Some(tickets),
        }
    }

    /// Runs an administrator's command on the data directory.
    pub fn admin(&self, args: &[&str]) -> Output {
        let mut full: Vec<&str> = vec![args[0]];
        if args.len() > 1 {
            full.push(args[1]);
        }
        let dir = self.data.path().to_str().unwrap().to_string();
        full.extend(["--data-dir", &dir]);
        full.extend(&args[2..]);
        let out = Command::new(bin_dir().join("helpdesk-server"))
            .args(&full)
            .env("HELPDESK_PASSWORD", PASSWORD)
            .output()
            .unwrap();
        assert!(out.status.success(), "helpdesk-server {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn start(&mut self) {
        self.start_with_env(&[]);
    }

    /// [`Server::start`] with these environment variables set (the
    /// server's settings, e.g. `HELPDESK_DEFAULT_SERVICE`).
    pub fn start_with_env(&mut self, env: &[(&str, &str)]) {
        let mut cmd = Command::new(bin_dir().join("helpdesk-server"));
        cmd.envs(env.iter().copied());
        cmd.args([
            "serve",
            "--data-dir",
            self.data.path().to_str().unwrap(),
            "--listen",
            &format!("127.0.0.1:{}", self.port),
        ]);
        if let Some(tickets) = self.demo {
            cmd.args(["--demo", "--demo-tickets", &tickets.to_string()]);
        }
        let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        self.child = Some(child);
        // A demo is filled before the server listens: 10,000 tickets take
        // about 20 s on a 2-core machine.
        let wait = if self.demo.is_some() { 120 } else { 20 };
        let deadline = Instant::now() + Duration::from_secs(wait);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// A signed-in HTTP client for the API.
    pub fn api(&self, user: &str) -> Api {
        self.api_with(user, PASSWORD)
    }

    /// A signed-in HTTP client for the API, with the given password.
    pub fn api_with(&self, user: &str, password: &str) -> Api {
        let http = reqwest::blocking::Client::new();
        let login: Value = http
            .post(format!("{}/api/v1/auth/login", self.url()))
            .json(&json!({"username": user, "password": password}))
            .send()
            .unwrap()
            .json()
            .unwrap();
        Api {
            http,
            base: self.url(),
            token: login["token"].as_str().expect("signed in").to_string(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

pub struct Api {
    http: reqwest::blocking::Client,
    base: String,
    token: String,
}

impl Api {
    pub fn get(&self, path: &str) -> Value {
        self.http
            .get(format!("{}/api/v1{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .unwrap()
            .json()
            .unwrap()
    }

    pub fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let response = self
            .http
            .post(format!("{}/api/v1{path}", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .unwrap();
        (response.status().as_u16(), response.json().unwrap_or(Value::Null))
    }

    /// Registers an incident for the EAIS L2 group; returns its number.
    pub fn register_incident(&self, subject: &str) -> String {
        let (status, body) = self.post(
            "/tickets",
            json!({
                "type": "incident", "subject": subject, "description": "Помилка під час подання митної декларації",
                "service": "ЄАІС", "channel": "phone",
                "requester": {"kind": "official", "name": "Петро Іваненко", "customs_unit": "Київська митниця", "position": "інспектор", "phone": "+380441234567"},
                "impact": "medium", "urgency": "high", "group": "eais-l2",
                "expected_result": "МД відкривається", "actual_result": "Помилка 500"
            }),
        );
        assert_eq!(status, 201, "{body}");
        body["ticket"]["number"].as_str().unwrap().to_string()
    }
}

/// The `helpdesk` CLI on one profile (one analyst's laptop).
pub struct Laptop {
    pub profile: tempfile::TempDir,
}

impl Default for Laptop {
    fn default() -> Self {
        Laptop::new()
    }
}

impl Laptop {
    pub fn new() -> Laptop {
        Laptop {
            profile: tempfile::tempdir().unwrap(),
        }
    }

    /// A profile signed in as the demo administrator (who sees every
    /// ticket) and synced with a demo server: the benches' 10,000 tickets.
    pub fn signed_in_as_demo_admin(server: &Server) -> Laptop {
        let laptop = Laptop::new();
        let login = laptop
            .command(&["login", "--server", &server.url(), "--user", "admin"])
            .env("HELPDESK_PASSWORD", "admin-demo-1")
            .output()
            .unwrap();
        assert!(login.status.success(), "{}", String::from_utf8_lossy(&login.stderr));
        laptop
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(bin_dir().join("helpdesk"));
        cmd.arg("--profile")
            .arg(self.profile.path())
            .args(args)
            .env("HELPDESK_PASSWORD", PASSWORD)
            // The token in the profile's session file, never in the keyring of the machine running the tests.
            .env("HELPDESK_KEYRING", "off")
            // The tests read the English messages; the other languages are
            // tested where the messages are (crates/cli).
            .env("LC_ALL", "en_US.UTF-8")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs a command; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.command(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "helpdesk {args:?}\nstdout: {out}\nstderr: {err}");
        out
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}
