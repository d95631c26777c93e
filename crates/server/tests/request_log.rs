//! `serve` logs to standard error: one line per request with the method, the
//! route template, the status, the latency and the signed-in user, the code
//! of a refusal; never a password, a token, a query string or a text.

mod real_server;

use real_server::{RealServer, ADMIN, ADMIN_PASSWORD};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The `key=value` fields of a log line.
fn fields(line: &str) -> BTreeMap<String, String> {
    line.split_whitespace()
        .filter_map(|w| w.split_once('='))
        .map(|(k, v)| (k.to_string(), v.trim_matches('"').to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_request_is_one_line_without_secrets() {
    let server = RealServer::start();
    let http = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", server.url);

    // Sign-in with the password (no user yet on that line).
    let response = http
        .post(url("/api/v1/auth/login"))
        .json(&json!({"username": ADMIN, "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let login: Value = response.json().await.unwrap();
    let token = login["token"].as_str().unwrap().to_string();
    let user_id = login["me"]["id"].as_str().unwrap().to_string();

    let response = http.get(url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = http
        .get(url("/api/v1/tickets/HD-1999-000001?secret=QUERYSECRET"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = http.get(url("/api/v1/me")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = http
        .post(url("/api/v1/auth/login"))
        .json(&json!({"username": ADMIN, "password": "WRONG-PASSWORD-42"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let article = json!({"title": "Як перевірити сертифікат", "body": "BODYSECRET text", "language": "uk"});
    let response = http.post(url("/api/v1/kb")).bearer_auth(&token).json(&article).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let article: Value = response.json().await.unwrap();
    let comments = format!("/api/v1/kb/{}/comments", article["id"].as_str().unwrap());
    let response = http
        .post(url(&comments))
        .bearer_auth(&token)
        .json(&json!({"text": "COMMENTSECRET"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let pull = json!({"client_id": "laptop-log", "schema_version": helpdesk_protocol::SCHEMA_VERSION, "buckets": {}});
    let response = http.post(url("/api/v1/sync/pull")).bearer_auth(&token).json(&pull).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = http.post(url("/api/v1/sync/pull")).bearer_auth("not-a-token").json(&pull).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = http.delete(url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);

    // (method, route, status, user, code)
    type Line<'a> = (&'a str, &'a str, u16, Option<&'a str>, Option<&'a str>);
    let expected: &[Line] = &[
        ("POST", "/api/v1/auth/login", 200, None, None),
        ("GET", "/api/v1/me", 200, Some(&user_id), None),
        ("GET", "/api/v1/tickets/{id}", 404, Some(&user_id), Some("not_found")),
        ("GET", "/api/v1/me", 401, None, Some("not_signed_in")),
        ("POST", "/api/v1/auth/login", 401, None, Some("bad_credentials")),
        ("POST", "/api/v1/kb", 201, Some(&user_id), None),
        ("POST", "/api/v1/kb/{id}/comments", 201, Some(&user_id), None),
        ("POST", "/api/v1/sync/pull", 200, Some(&user_id), None),
        ("POST", "/api/v1/sync/pull", 401, None, Some("invalid_token")),
        ("DELETE", "/api/v1/me", 405, None, Some("method_not_allowed")),
    ];
    let lines = server.wait_for_lines("route=", expected.len());
    let log = server.stop();
    let requests: Vec<BTreeMap<String, String>> = lines.iter().map(|l| fields(l)).collect();
    assert_eq!(requests.len(), expected.len(), "one line per request:\n{log}");
    for (line, (fields, (method, route, status, user, code))) in lines.iter().zip(requests.iter().zip(expected)) {
        assert_eq!(fields.get("method").map(String::as_str), Some(*method), "{line}");
        assert_eq!(fields.get("route").map(String::as_str), Some(*route), "{line}");
        assert_eq!(fields.get("status").map(String::as_str), Some(status.to_string().as_str()), "{line}");
        assert_eq!(fields.get("user").map(String::as_str), *user, "{line}");
        assert_eq!(fields.get("code").map(String::as_str), *code, "{line}");
        assert!(fields.get("latency_ms").is_some_and(|l| l.parse::<f64>().is_ok()), "{line}");
        let level = if *status >= 500 {
            "ERROR"
        } else if [401, 403, 429].contains(status) {
            "WARN"
        } else {
            "INFO"
        };
        assert!(line.contains(level), "{level}: {line}");
    }
    for secret in [
        ADMIN_PASSWORD,
        token.as_str(),
        "WRONG-PASSWORD-42",
        "QUERYSECRET",
        "BODYSECRET",
        "COMMENTSECRET",
    ] {
        assert!(!log.contains(secret), "`{secret}` is in the log:\n{log}");
    }
}

#[test]
fn rust_log_filters_the_request_lines() {
    let dir = tempfile::tempdir().unwrap();
    let server = RealServer::start_in(&dir.path().join("data"), &[], &[("RUST_LOG", "warn")]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let http = reqwest::Client::new();
        assert_eq!(
            http.get(format!("{}/api/v1/openapi.json", server.url)).send().await.unwrap().status(),
            StatusCode::OK
        );
        assert_eq!(
            http.get(format!("{}/api/v1/me", server.url)).send().await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    });
    let lines = server.wait_for_lines("route=", 1);
    let log = server.stop();
    assert_eq!(lines.len(), 1, "{log}");
    assert!(lines[0].contains("status=401"), "{log}");
}
