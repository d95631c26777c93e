//! The `helpdesk-server` binary as a process on a temporary data directory
//! and a free loopback port, with its memory read from `/proc`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const ADMIN_PASSWORD: &str = "admin password 1";

pub struct ServerProcess {
    pub child: Child,
    pub url: String,
    pub dir: PathBuf,
}

/// A free port on 127.0.0.1 (bound and released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Runs an administrator's command of `binary` on `dir`; its output.
/// Runs an administrator's command on the data directory `dir`, or on the
/// PostgreSQL database `database_url` when there is one.
pub fn admin_command(binary: &Path, dir: &Path, database_url: Option<&str>, args: &[&str], password: Option<&str>) -> std::process::Output {
    let mut command = Command::new(binary);
    command.args(args).env("RUST_LOG", "warn");
    match database_url {
        Some(url) => command.arg("--database-url").arg(url),
        None => command.arg("--data-dir").arg(dir),
    };
    if let Some(p) = password {
        command.env("HELPDESK_PASSWORD", p);
    }
    command.output().expect("the server binary runs")
}

impl ServerProcess {
    /// Starts `binary serve` with an administrator `admin`, waits until it answers.
    pub fn start(binary: &Path, dir: &Path, stderr: Stdio) -> ServerProcess {
        let port = free_port();
        let child = Command::new(binary)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--bootstrap-admin", "admin", "--data-dir"])
            .arg(dir)
            .env("HELPDESK_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("the server binary starts");
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the server did not listen within 60 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        ServerProcess {
            child,
            url,
            dir: dir.to_path_buf(),
        }
    }

    /// A line of `/proc/PID/status` in KiB (e.g. `VmRSS`, `VmHWM`).
    pub fn memory_kib(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':')?.trim().strip_suffix("kB")?.trim().parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client whose connections come from the `n`-th loopback address
/// (127.0.0.2, 127.0.0.3, …): many clients as the server sees them.
pub fn client_from_loopback(n: usize) -> reqwest::Client {
    let address = std::net::Ipv4Addr::new(127, 0, (n / 250) as u8, (n % 250 + 2) as u8);
    reqwest::Client::builder().local_address(std::net::IpAddr::V4(address)).build().unwrap()
}

/// Signs in; the answer's status, and the token when it is 200.
pub async fn sign_in(client: &reqwest::Client, url: &str, username: &str, password: &str) -> (u16, Option<String>) {
    let Ok(response) = client
        .post(format!("{url}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": username, "password": password}))
        .send()
        .await
    else {
        return (0, None);
    };
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    (status, body["token"].as_str().map(String::from))
}

/// Creates `count` Self Service users `load-N` through the admin API; their
/// names and passwords.
pub async fn create_users(client: &reqwest::Client, url: &str, admin_token: &str, count: usize) -> Vec<(String, String)> {
    let users: Vec<(String, String)> = (0..count).map(|i| (format!("load-{i}"), format!("load password {i}"))).collect();
    for (name, password) in &users {
        let response = client
            .post(format!("{url}/api/v1/admin/users"))
            .bearer_auth(admin_token)
            .json(&serde_json::json!({"username": name, "display_name": name, "password": password, "role": "self_service"}))
            .send()
            .await
            .expect("the server answers");
        assert!(response.status().is_success(), "creating a user: {}", response.status());
    }
    users
}

/// Sign-ins at once, each attempt a task; from as many loopback addresses
/// when `spread`. The answers by status, and how long they took.
pub async fn sign_in_burst(url: &str, attempts: Vec<(String, String)>, spread: bool) -> (std::collections::BTreeMap<u16, usize>, Duration) {
    let one = reqwest::Client::new();
    let started = Instant::now();
    let tasks: Vec<_> = attempts
        .into_iter()
        .enumerate()
        .map(|(i, (user, password))| {
            let client = if spread { client_from_loopback(i) } else { one.clone() };
            let url = url.to_string();
            tokio::spawn(async move { sign_in(&client, &url, &user, &password).await.0 })
        })
        .collect();
    let mut statuses = std::collections::BTreeMap::new();
    for task in tasks {
        *statuses.entry(task.await.unwrap_or(0)).or_default() += 1;
    }
    (statuses, started.elapsed())
}
