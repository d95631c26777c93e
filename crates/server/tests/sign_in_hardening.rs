//! Sign-in on an open network: bounded password hashing, throttling that
//! counts before it checks, per name and per address, administrators'
//! unlock, one spelling per user name, and a new password that ends every
//! session.

mod common;

use chrono::Duration;
use common::process::{self, admin_command, ServerProcess, ADMIN_PASSWORD};
use common::{TestServer, PASSWORD};
use helpdesk_server::error::AppError;
use helpdesk_server::store::sign_in;
use reqwest::StatusCode;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;

const BINARY: &str = env!("CARGO_BIN_EXE_helpdesk-server");

async fn parallel_sign_ins(url: &str, attempts: Vec<(String, String)>, spread: bool) -> BTreeMap<u16, usize> {
    process::sign_in_burst(url, attempts, spread).await.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_parallel_sign_ins_run_at_most_one_hash_a_core_and_get_clear_answers() {
    let server = TestServer::start().await;
    let users = ["ana", "bob", "lead", "nina", "olga", "vasyl", "req", "req2"];
    let attempts = (0..200)
        .map(|i| {
            let user = users[i % users.len()].to_string();
            let password = if i % 4 == 0 { "wrong password".to_string() } else { PASSWORD.to_string() };
            (user, password)
        })
        .collect();
    let statuses = parallel_sign_ins(&server.url, attempts, true).await;
    assert!(statuses.keys().all(|s| [200, 401, 429, 503].contains(s)), "{statuses:?}");
    assert!(statuses.get(&200).copied().unwrap_or(0) > 0, "some sign-ins succeed: {statuses:?}");
    assert!(
        server.app.passwords.peak_running() <= server.app.passwords.workers(),
        "at most {} hashes at once, saw {}",
        server.app.passwords.workers(),
        server.app.passwords.peak_running()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_parallel_sign_ins_keep_the_servers_memory_within_256_mib_of_idle() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(Path::new(BINARY), dir.path(), Stdio::null());
    let client = reqwest::Client::new();
    let (status, token) = process::sign_in(&client, &server.url, "admin", ADMIN_PASSWORD).await;
    assert_eq!(status, 200);
    // Each account costs argon2's 19 MiB while it is checked: unbounded, 60
    // at once cost over a GiB.
    let users = process::create_users(&client, &server.url, &token.unwrap(), 60).await;
    let idle = server.memory_kib("VmRSS");
    let statuses = parallel_sign_ins(&server.url, users, true).await;
    let peak = server.memory_kib("VmHWM");
    assert!(statuses.keys().all(|s| [200, 401, 429, 503].contains(s)), "{statuses:?}");
    assert!(statuses.get(&200).copied().unwrap_or(0) > 0, "{statuses:?}");
    assert!(
        peak < idle + 256 * 1024,
        "peak RSS {} MiB against {} MiB idle ({statuses:?})",
        peak / 1024,
        idle / 1024
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_wrong_passwords_get_no_more_guesses_than_serial_ones() {
    let server = TestServer::start().await;
    let attempts = (0..40).map(|i| ("ana".to_string(), format!("guess number {i}"))).collect();
    let statuses = parallel_sign_ins(&server.url, attempts, false).await;
    assert_eq!(
        statuses.get(&401).copied().unwrap_or(0),
        5,
        "five guesses are checked, as in a row: {statuses:?}"
    );
    assert_eq!(statuses.get(&429).copied().unwrap_or(0), 35, "{statuses:?}");
}

#[tokio::test]
async fn over_long_user_names_are_refused_before_anything_is_counted() {
    let server = TestServer::start().await;
    let client = reqwest::Client::new();
    for name in ["x".repeat(65), "x".repeat(4 << 20)] {
        let response = client
            .post(format!("{}/api/v1/auth/login", server.url))
            .json(&json!({"username": name, "password": "whatever"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["code"], "invalid_username");
    }
    assert_eq!(server.app.store.read(sign_in::count).unwrap(), 0, "nothing was stored for them");
}

#[tokio::test]
async fn failed_sign_ins_are_forgotten_after_a_quiet_day() {
    let server = TestServer::start().await;
    for name in ["ghost1", "ghost2", "ghost3"] {
        assert!(matches!(server.app.login(name, "wrong", "192.0.2.1"), Err(AppError::Unauthorized { .. })));
    }
    let before = server.app.store.read(sign_in::count).unwrap();
    assert_eq!(before, 7, "per name, per name and address, and one for the address");
    server.advance(Duration::hours(25));
    assert!(server.app.login("ghost4", "wrong", "192.0.2.9").is_err());
    assert_eq!(server.app.store.read(sign_in::count).unwrap(), 3, "only the new attempt's counters remain");
}

#[tokio::test]
async fn unknown_names_and_disabled_accounts_cost_a_password_verification_too() {
    let server = TestServer::start().await;
    let admin = server.login("admin").await;
    assert_eq!(admin.post("/api/v1/admin/users/bob/disable", json!({})).await.0, StatusCode::OK);
    for (name, password) in [("nobody-here", PASSWORD), ("bob", PASSWORD), ("ana", "wrong password")] {
        let before = server.app.passwords.verifications();
        assert!(server.app.login(name, password, "").is_err());
        assert_eq!(server.app.passwords.verifications(), before + 1, "{name}: one verification");
    }
}

#[tokio::test]
async fn a_strangers_burst_locks_the_owner_out_for_seconds_not_half_an_hour() {
    let server = TestServer::start().await;
    let stranger = "203.0.113.66";
    let app = &server.app;
    let outcomes: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..50).map(|i| s.spawn(move || app.login("ana", &format!("guess {i}"), stranger))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let waits: Vec<u64> = outcomes
        .iter()
        .filter_map(|o| match o {
            Err(AppError::TooManyRequests { retry_after }) => Some(*retry_after),
            _ => None,
        })
        .collect();
    assert_eq!(waits.len(), 45);
    assert!(waits.iter().all(|w| *w <= 30), "a burst costs the stranger 30 s at most: {waits:?}");
    // The owner, from their office, is not locked out by it.
    assert!(server.app.login("ana", PASSWORD, "198.51.100.10").is_ok());

    // A stranger who keeps at it for hours locks the name out for 5 minutes at most.
    let mut counted = 0;
    while counted < 60 {
        match server.app.login("bob", "guess", stranger) {
            Err(AppError::TooManyRequests { retry_after }) => server.advance(Duration::seconds(retry_after as i64)),
            Err(_) => counted += 1,
            Ok(_) => panic!("a wrong password signed in"),
        }
    }
    match server.app.login("bob", PASSWORD, "198.51.100.10") {
        Err(AppError::TooManyRequests { retry_after }) => assert!(retry_after <= 300, "the owner waits at most 5 minutes, not {retry_after} s"),
        other => panic!("after 60 failures the name is throttled for everyone for a while: {:?}", other.map(|_| ())),
    }
}

#[tokio::test]
async fn administrators_unlock_a_throttled_account_by_api_and_on_the_command_line() {
    let server = TestServer::start().await;
    let lock_out = |name: &str| {
        for _ in 0..5 {
            let _ = server.app.login(name, "wrong password", "");
        }
        assert!(matches!(server.app.login(name, PASSWORD, ""), Err(AppError::TooManyRequests { .. })));
    };
    lock_out("ana");
    let admin = server.login("admin").await;
    let (status, body) = admin.post("/api/v1/admin/users/ana/unlock", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(server.app.login("ana", PASSWORD, "").is_ok());
    let (status, _) = server.login("olga").await.post("/api/v1/admin/users/ana/unlock", json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only administrators unlock");

    lock_out("nina");
    let output = admin_command(
        Path::new(BINARY),
        server.data_dir(),
        server.database_url.as_deref(),
        &["user", "unlock", "NINA"],
        None,
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(server.app.login("nina", PASSWORD, "").is_ok());
}

#[tokio::test]
async fn a_new_password_ends_every_session_also_from_the_command_line() {
    let server = TestServer::start().await;
    let ana = server.login("ana").await;
    assert_eq!(ana.get("/api/v1/me").await.0, StatusCode::OK);
    let output = admin_command(
        Path::new(BINARY),
        server.data_dir(),
        server.database_url.as_deref(),
        &["user", "passwd", "ana"],
        Some("a brand new password"),
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (status, body) = ana.get("/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old sign-in has ended: {body}");
    assert!(server.app.login("ana", "a brand new password", "").is_ok());

    let bob = server.login("bob").await;
    let admin = server.login("admin").await;
    let (status, _) = admin.post("/api/v1/admin/users/bob/password", json!({"password": "another new one"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(bob.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn user_names_have_one_spelling_and_look_alikes_are_refused() {
    let server = TestServer::start().await;
    let admin = server.login("admin").await;
    let create =
        |username: String| json!({"username": username, "display_name": "Test", "password": "long enough 1", "role": "analyst", "groups": ["eais-l2"]});
    for (name, status, code) in [
        ("ADMIN".to_string(), StatusCode::CONFLICT, "username_taken"),
        ("аdmin".to_string(), StatusCode::UNPROCESSABLE_ENTITY, "invalid_username"),
        ("ad\0min".to_string(), StatusCode::UNPROCESSABLE_ENTITY, "invalid_username"),
        ("a".repeat(10_000), StatusCode::UNPROCESSABLE_ENTITY, "invalid_username"),
        ("adrnin".to_string(), StatusCode::CONFLICT, "username_confusable"),
        ("0lga".to_string(), StatusCode::CONFLICT, "username_confusable"),
    ] {
        let (got, body) = admin.post("/api/v1/admin/users", create(name.clone())).await;
        assert_eq!(
            (got, body["code"].as_str().unwrap_or("")),
            (status, code),
            "{:?}: {body}",
            &name[..name.len().min(20)]
        );
    }
    let (status, body) = admin.post("/api/v1/admin/users", create("New.User".into())).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["username"], "new.user");
    assert!(server.app.login("NEW.USER", "long enough 1", "").is_ok(), "signs in however it is typed");
}

#[test]
fn demo_accounts_each_have_their_own_salt() {
    let dir = tempfile::tempdir().unwrap();
    let app = helpdesk_server::App::new(
        helpdesk_server::store::Store::open(dir.path()).unwrap(),
        helpdesk_server::app::system_clock(),
        Default::default(),
    )
    .unwrap();
    helpdesk_server::demo::generate(&app, 1, 7).unwrap();
    let hashes: Vec<String> = app
        .store
        .read(|c| -> Result<Vec<String>, helpdesk_server::store::StoreError> { c.column("SELECT password_hash FROM users", &[]) })
        .unwrap();
    let distinct: std::collections::BTreeSet<&String> = hashes.iter().collect();
    assert!(hashes.len() > 40);
    assert_eq!(distinct.len(), hashes.len(), "no two accounts share a hash (and so a salt)");
}
