//! A real SMTP server for the mail tests: `smtp_sink.py` (Debian's
//! `python3-aiosmtpd`) on a loopback port, writing each accepted message
//! to a temporary directory as JSON.
#![allow(dead_code)]

use serde_json::Value;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The Python that has Debian's `aiosmtpd` (not a Python of the user's own).
const PYTHON: &str = "/usr/bin/python3";

pub struct SmtpSink {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

/// A free port on 127.0.0.1 (bound and released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl SmtpSink {
    /// Starts the sink on a free port.
    pub fn start() -> SmtpSink {
        SmtpSink::start_on(free_port())
    }

    /// Starts the sink on `port` and waits until it accepts connections.
    pub fn start_on(port: u16) -> SmtpSink {
        let installed = Command::new(PYTHON).args(["-c", "import aiosmtpd"]).status().is_ok_and(|s| s.success());
        assert!(
            installed,
            "the mail tests need Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd; .ci/setup installs it)"
        );
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail_support/smtp_sink.py");
        let child = Command::new(PYTHON)
            .arg(script)
            .arg(port.to_string())
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the SMTP sink starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the SMTP sink did not listen on {port} within 30 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        SmtpSink { child, port, dir }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far.
    pub fn messages(&self) -> Vec<Value> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(self.dir.path()).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push(serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap());
            }
        }
        out
    }

    /// Waits until at least `count` messages came (at most `timeout`); all of them.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= count || Instant::now() > deadline {
                return messages;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The messages whose subject carries `[#number]`.
pub fn about<'a>(messages: &'a [Value], number: &str) -> Vec<&'a Value> {
    let tag = format!("[#{number}]");
    messages.iter().filter(|m| m["subject"].as_str().unwrap_or_default().contains(&tag)).collect()
}

/// A real IMAP server: Debian's `dovecot-imapd`, started unprivileged
/// (as the `dovecot` user when the tests run as root, else as the user
/// running them) on a loopback port, with a plain passdb of one user and
/// maildirs in a temporary directory.
pub struct Dovecot {
    pub port: u16,
    dir: tempfile::TempDir,
}

pub const IMAP_USER: &str = "desk";
pub const IMAP_PASSWORD: &str = "desk imap password";

const DOVECOT: &str = "/usr/sbin/dovecot";

fn current_user() -> (String, bool) {
    let output = Command::new("id").arg("-un").output().expect("id runs");
    let name = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let root = name == "root";
    (if root { "dovecot".to_string() } else { name }, root)
}

impl Dovecot {
    pub fn start() -> Dovecot {
        assert!(
            Path::new(DOVECOT).exists(),
            "the mail intake tests need Debian's dovecot-imapd (apt-get install dovecot-imapd; .ci/setup installs it)"
        );
        let (user, root) = current_user();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        let port = free_port();
        for sub in ["run", "state", "home"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        std::fs::write(dir.path().join("passwd"), format!("{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}\n")).unwrap();
        let config = format!(
            "base_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/dovecot.log\nprotocols = imap\nlisten = 127.0.0.1\n\
             ssl = no\ndisable_plaintext_auth = no\nauth_mechanisms = plain login\nfirst_valid_uid = 1\nfirst_valid_gid = 1\n\
             default_internal_user = {user}\ndefault_internal_group = {user}\ndefault_login_user = {user}\n\
             mail_location = maildir:{d}/home/%u/Maildir\n\
             passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {d}/passwd\n}}\n\
             userdb {{\n  driver = static\n  args = uid={user} gid={user} home={d}/home/%u\n}}\n\
             service imap-login {{\n  chroot =\n  inet_listener imap {{\n    port = {port}\n  }}\n  inet_listener imaps {{\n    port = 0\n  }}\n}}\n\
             service anvil {{\n  chroot =\n}}\n\
             service stats {{\n  unix_listener stats-reader {{\n    user = {user}\n  }}\n  unix_listener stats-writer {{\n    user = {user}\n  }}\n}}\n"
        );
        let conf = dir.path().join("dovecot.conf");
        std::fs::write(&conf, config).unwrap();
        let mut command = if root {
            let status = Command::new("chown").args(["-R", "dovecot:dovecot"]).arg(dir.path()).status().unwrap();
            assert!(status.success(), "chown of the dovecot directory failed");
            let mut c = Command::new("runuser");
            c.args(["-u", "dovecot", "--", DOVECOT]);
            c
        } else {
            Command::new(DOVECOT)
        };
        // The master daemonizes itself; it is stopped by its pid file.
        let status = command.arg("-c").arg(&conf).status().expect("dovecot starts");
        assert!(
            status.success(),
            "dovecot did not start: {}",
            std::fs::read_to_string(dir.path().join("dovecot.log")).unwrap_or_default()
        );
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "dovecot did not listen on {port} within 30 s: {}",
                std::fs::read_to_string(dir.path().join("dovecot.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Dovecot { port, dir }
    }

    /// The URL the server reads the mailbox with.
    pub fn url(&self) -> String {
        format!("imap://{IMAP_USER}:{}@127.0.0.1:{}/INBOX", IMAP_PASSWORD.replace(' ', "%20"), self.port)
    }

    /// Delivers a message into the mailbox (IMAP APPEND).
    pub async fn deliver(&self, raw: &str) {
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await.unwrap();
        let mut client = async_imap::Client::new(tcp);
        client.read_response().await.unwrap().expect("a greeting");
        let mut session = client.login(IMAP_USER, IMAP_PASSWORD).await.map_err(|(e, _)| e).unwrap();
        session.append("INBOX", None, None, raw.replace('\n', "\r\n").as_bytes()).await.unwrap();
        session.logout().await.unwrap();
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(self.dir.path().join("run/master.pid")) {
            let _ = Command::new("kill").arg(pid.trim()).status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Path::new(&format!("/proc/{}", pid.trim())).exists() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}
