//! `serve --tls-cert --tls-key`: the files are read and checked before the
//! data directory is touched; a bad one is a usage error (exit 2) that names
//! the file, and nothing is written. A good pair serves HTTPS.

mod real_server;

use real_server::{RealServer, ADMIN, ADMIN_PASSWORD, BIN};
use std::path::Path;
use std::process::Command;

/// A self-signed certificate for localhost and 127.0.0.1 (P-256, valid to 2126).
const CERT: &str = "\
-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUQfCAyn9jI3VoIMq+pFzIwm0MXnwwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNDEyMzU1NFoYDzIxMjYxMTEw
MTIzNTU0WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARaO7vd/8kMWnea4lGNM60lmgnaCzDyqG43QFYZlyegA6bRvYvI7JTp
nJVonL4+HEay29M00RN/32L8t9f+Paako28wbTAdBgNVHQ4EFgQUdRM2RImndFxO
/ev7U7X505+N7EYwHwYDVR0jBBgwFoAUdRM2RImndFxO/ev7U7X505+N7EYwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSQAwRgIhANREURBQ/Yj8ZEo8lWYrspJDGaV/ZP3BkqibMEOVat1YAiEA
3/QpIeH+cJ64aIpP4ddjvdp99qTs2LpHbK+5TPU5PIg=
-----END CERTIFICATE-----
";
/// The certificate's key.
const KEY: &str = "\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg0nuhQ9uohl3wfVM7
XwLFSJLa9YJ5I2ojvu6NDdpmMzqhRANCAARaO7vd/8kMWnea4lGNM60lmgnaCzDy
qG43QFYZlyegA6bRvYvI7JTpnJVonL4+HEay29M00RN/32L8t9f+Paak
-----END PRIVATE KEY-----
";
/// Another key.
const OTHER_KEY: &str = "\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg48pegRK/BT+jASiq
a8FIq228f30C23umY/8ui6g01oKhRANCAASM05LrcENhn849Fo+8RVE5GUVb9mbo
SZ41KRmxOxXvqJnmuB30fk0K50h/eXnDaI0iDyMAOnJhQddc8V0CoUGt
-----END PRIVATE KEY-----
";

/// Runs `serve` with these TLS files; returns (exit code, stderr).
fn serve_with(data: &Path, cert: &Path, key: &Path) -> (Option<i32>, String) {
    let output = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--bootstrap-admin", ADMIN, "--data-dir"])
        .arg(data)
        .arg("--tls-cert")
        .arg(cert)
        .arg("--tls-key")
        .arg(key)
        .env("HELPDESK_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env_remove("HELPDESK_DATA_DIR")
        .output()
        .unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).to_string())
}

#[test]
fn bad_tls_files_are_refused_before_the_data_dir_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let write = |name: &str, text: &str| {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let cert = write("cert.pem", CERT);
    let key = write("key.pem", KEY);
    let other = write("other.pem", OTHER_KEY);
    let garbage = write("garbage.pem", "not a PEM file\n");
    let missing = tmp.path().join("missing.pem");
    let cases = [
        (missing.as_path(), key.as_path(), "missing.pem"),
        (cert.as_path(), missing.as_path(), "missing.pem"),
        (garbage.as_path(), key.as_path(), "garbage.pem"),
        (cert.as_path(), garbage.as_path(), "garbage.pem"),
        // A key where the certificate should be, and the reverse.
        (key.as_path(), key.as_path(), "key.pem"),
        (cert.as_path(), cert.as_path(), "cert.pem"),
        // A key of another certificate.
        (cert.as_path(), other.as_path(), "other.pem"),
    ];
    for (cert, key, named) in cases {
        let (code, stderr) = serve_with(&data, cert, key);
        assert_eq!(code, Some(2), "{} {}: {stderr}", cert.display(), key.display());
        assert!(stderr.contains(named), "the error names {named}: {stderr}");
        assert!(!data.exists(), "{} {}: the data directory was created", cert.display(), key.display());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_good_certificate_serves_https() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("cert.pem"), CERT).unwrap();
    std::fs::write(tmp.path().join("key.pem"), KEY).unwrap();
    let cert = tmp.path().join("cert.pem");
    let key = tmp.path().join("key.pem");
    let server = RealServer::start_in(
        &tmp.path().join("data"),
        &["--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap()],
        &[],
    );
    assert!(server.url.starts_with("https://127.0.0.1:"), "{}", server.url);
    let client = reqwest::Client::builder().danger_accept_invalid_certs(true).build().unwrap();
    let response = client.get(format!("{}/api/v1/me", server.url)).send().await.unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "not_signed_in");
}
