//! Sign-in throttling counts per client address; behind a load balancer
//! every peer is the balancer. Started with `--trusted-proxy`, the server
//! takes the client's address from what the proxy appended to
//! `X-Forwarded-For`, so one client guessing passwords does not lock out
//! everyone behind the same proxy; without it (or from a peer it does not
//! trust) the header is not believed. Through the real binary.

mod real_server;

use real_server::{RealServer, ADMIN, ADMIN_PASSWORD};

async fn sign_in_from(url: &str, username: &str, password: &str, forwarded_for: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{url}/api/v1/auth/login"))
        .header("X-Forwarded-For", forwarded_for)
        .json(&serde_json::json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Wrong passwords for many names from `forwarded_for` until the address
/// is throttled (429); how many were refused as wrong before that.
async fn guess_until_throttled(url: &str, forwarded_for: &str) -> usize {
    for i in 0..60 {
        match sign_in_from(url, &format!("nobody{i}"), "a wrong guess", forwarded_for).await {
            401 => continue,
            429 => return i,
            other => panic!("a wrong guess answered {other}"),
        }
    }
    panic!("60 wrong guesses from one address were never throttled")
}

#[tokio::test(flavor = "multi_thread")]
async fn behind_a_trusted_proxy_one_guessing_client_does_not_lock_out_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let server = RealServer::start_in(&dir.path().join("data"), &["--trusted-proxy", "10.0.0.0/8,127.0.0.1"], &[]);
    let guessed = guess_until_throttled(&server.url, "203.0.113.7").await;
    assert_eq!(guessed, 30, "30 free failures per address across names");
    // Another client behind the same proxy.
    assert_eq!(sign_in_from(&server.url, ADMIN, ADMIN_PASSWORD, "198.51.100.20").await, 200);
    // The guesser naming another address itself is not believed: its
    // address is the one our proxy appended, right of what it wrote.
    assert_eq!(sign_in_from(&server.url, "nobody-else", "a guess", "198.51.100.20, 203.0.113.7").await, 429);
    // Through a second proxy of ours (10.0.0.0/8) too.
    assert_eq!(sign_in_from(&server.url, "nobody-else", "a guess", "203.0.113.7, 10.1.2.3").await, 429);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_trusted_proxy_a_forwarded_address_is_not_believed() {
    let server = RealServer::start();
    guess_until_throttled(&server.url, "203.0.113.7").await;
    // Every request comes from the same peer: claiming another address changes nothing.
    assert_eq!(sign_in_from(&server.url, ADMIN, ADMIN_PASSWORD, "198.51.100.20").await, 429);
}

#[test]
fn a_trusted_proxy_that_is_not_an_address_is_refused_with_an_example() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(real_server::BIN)
        .args(["serve", "--data-dir"])
        .arg(dir.path())
        .args(["--listen", "127.0.0.1:0", "--trusted-proxy", "lb.example"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--trusted-proxy") && stderr.contains("`lb.example`") && stderr.contains("10.0.0.0/8"),
        "{stderr}"
    );
}
