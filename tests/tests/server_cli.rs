//! `helpdesk-server` as an administrator starts it: refusals that protect
//! a deployment, TLS, and the administrators' commands.

use helpdesk_tests::{bin_dir, free_port, Server, PASSWORD};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn server_cmd() -> Command {
    Command::new(bin_dir().join("helpdesk-server"))
}

#[test]
fn a_data_dir_without_an_administrator_refuses_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let out = server_cmd()
        .args(["serve", "--data-dir", dir.path().to_str().unwrap(), "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--bootstrap-admin") && err.contains("--demo"), "{err}");
}

#[test]
fn plain_http_only_on_loopback_unless_allowed() {
    let server = Server::prepare();
    let out = server_cmd()
        .args(["serve", "--data-dir", server.data.path().to_str().unwrap(), "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--tls-cert"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bootstrap_admin_then_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = server_cmd()
        .args([
            "serve",
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--bootstrap-admin",
            "root",
        ])
        .env("HELPDESK_ADMIN_PASSWORD", PASSWORD)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "not started");
        std::thread::sleep(Duration::from_millis(50));
    }
    let response = reqwest::blocking::Client::new()
        .post(format!("http://127.0.0.1:{port}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "root", "password": PASSWORD}))
        .send()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(response.status(), 200);
}

#[test]
fn serves_https_with_the_given_certificate() {
    let server = Server::prepare();
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .status()
        .expect("openssl makes a test certificate");
    assert!(made.success());
    let port = free_port();
    let mut child = server_cmd()
        .args([
            "serve",
            "--data-dir",
            server.data.path().to_str().unwrap(),
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .arg("--tls-cert")
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "not started");
        std::thread::sleep(Duration::from_millis(50));
    }
    let certificate = reqwest::Certificate::from_pem(&std::fs::read(&cert).unwrap()).unwrap();
    let client = reqwest::blocking::Client::builder().add_root_certificate(certificate).build().unwrap();
    let response = client
        .post(format!("https://127.0.0.1:{port}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "ana", "password": PASSWORD}))
        .send();
    let plain = reqwest::blocking::get(format!("http://127.0.0.1:{port}/api/v1/me"));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(response.unwrap().status(), 200);
    assert!(plain.is_err() || !plain.unwrap().status().is_success(), "no plain HTTP on the TLS port");
}

#[test]
fn administrators_commands_refuse_bad_input_with_exit_2() {
    let server = Server::prepare();
    let data = server.data.path().to_str().unwrap().to_string();
    let out = server_cmd()
        .args(["group", "add", "--data-dir", &data, "x", "--name", "X", "--line", "L9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("L1"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = server_cmd()
        .args(["group", "member", "--data-dir", &data, "eais-l2", "nobody"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = server_cmd()
        .args(["user", "add", "--data-dir", &data, "shorty", "--name", "S", "--role", "analyst"])
        .env("HELPDESK_PASSWORD", "short")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let policy = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(policy.path(), "id = \"x\"\nname = \"x\"\n[calendar]\ntime_zone = \"Mars/Olympus\"\n").unwrap();
    let out = server_cmd()
        .args(["policy", "import", "--data-dir", &data])
        .arg(policy.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}
