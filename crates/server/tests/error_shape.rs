//! Every error the server answers is `application/json` `{code, message}`:
//! the handlers' own, axum's extractor and routing rejections, the body
//! limit, the decompression layer, and what hyper itself would refuse (URI
//! and header section too large).

mod common;
mod real_server;

use common::*;
use real_server::{raw_request, RealServer};
use reqwest::header::{ALLOW, CONTENT_TYPE};
use reqwest::StatusCode;
use serde_json::Value;

/// Asserts the `{code, message}` shape and returns the body.
async fn api_error(response: reqwest::Response, status: StatusCode, code: &str) -> Value {
    let got = response.status();
    let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let text = response.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    assert!(
        content_type.starts_with("application/json"),
        "{status}: content-type `{content_type}`, body {text:?}"
    );
    let body: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status}: not JSON ({e}): {text:?}"));
    let object = body.as_object().unwrap();
    assert_eq!(object.len(), 2, "{body}");
    assert_eq!(body["code"], code, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.len() > 20, "{status}: the message should say what to do: {message:?}");
    body
}

#[tokio::test(flavor = "multi_thread")]
async fn an_oversized_upload_is_413_json() {
    let server = TestServer::start().await;
    let olga = server.login("olga").await;
    let response = olga
        .http
        .post(format!("{}/api/v1/attachments", server.url))
        .bearer_auth(olga.token.as_deref().unwrap())
        .header(CONTENT_TYPE, "application/octet-stream")
        .body(vec![0u8; 17 << 20])
        .send()
        .await
        .unwrap();
    api_error(response, StatusCode::PAYLOAD_TOO_LARGE, "too_large").await;
    // An oversized policy (a raw body too) as well.
    let admin = server.login("admin").await;
    let response = admin
        .http
        .put(format!("{}/api/v1/admin/policies/big", server.url))
        .bearer_auth(admin.token.as_deref().unwrap())
        .header(CONTENT_TYPE, "application/toml")
        .body(vec![b'#'; 17 << 20])
        .send()
        .await
        .unwrap();
    api_error(response, StatusCode::PAYLOAD_TOO_LARGE, "too_large").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_content_encoding_is_415_json() {
    let server = TestServer::start().await;
    let response = server
        .anonymous()
        .http
        .post(format!("{}/api/v1/auth/login", server.url))
        .header(CONTENT_TYPE, "application/json")
        .header("content-encoding", "br")
        .body("{}")
        .send()
        .await
        .unwrap();
    let body = api_error(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_encoding").await;
    assert!(body["message"].as_str().unwrap().contains("gzip"), "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_method_is_405_json_and_names_the_allowed_ones() {
    let server = TestServer::start().await;
    let response = server.anonymous().http.delete(format!("{}/api/v1/me", server.url)).send().await.unwrap();
    let allow = response.headers().get(ALLOW).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    assert!(allow.contains("GET"), "Allow: {allow}");
    let body = api_error(response, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("DELETE") && message.contains("GET"), "{message}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_path_that_is_not_utf8_is_400_json() {
    let server = TestServer::start().await;
    let ana = server.login("ana").await;
    for path in ["/api/v1/tickets/%FF", "/api/v1/kb/%C3%28/comments", "/api/v1/admin/users/%FF/enable"] {
        let response = ana.http.get(format!("{}{path}", server.url)).bearer_auth(ana.token.as_deref().unwrap());
        let response = if path.ends_with("enable") {
            ana.http.post(format!("{}{path}", server.url)).bearer_auth(ana.token.as_deref().unwrap())
        } else {
            response
        };
        let body = api_error(response.send().await.unwrap(), StatusCode::BAD_REQUEST, "bad_path").await;
        assert!(body["message"].as_str().unwrap().contains("UTF-8"), "{body}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_query_parameters_are_400_json() {
    let server = TestServer::start().await;
    let admin = server.login("admin").await;
    for path in [
        "/api/v1/tickets?limit=many",
        "/api/v1/tickets?colour=red",
        "/api/v1/kb?offset=-1",
        "/api/v1/reports/kpi?from=yesterday",
        "/api/v1/admin/audit?before=x",
        "/api/v1/kb/x?base_version=new",
    ] {
        let response = if path.starts_with("/api/v1/kb/x") {
            admin
                .http
                .put(format!("{}{path}", server.url))
                .json(&serde_json::json!({"title": "t", "body": "b", "language": "uk"}))
        } else {
            admin.http.get(format!("{}{path}", server.url))
        }
        .bearer_auth(admin.token.as_deref().unwrap())
        .send()
        .await
        .unwrap();
        api_error(response, StatusCode::BAD_REQUEST, "bad_query").await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_endpoints_and_bodies_are_json_too() {
    let server = TestServer::start().await;
    let anonymous = server.anonymous();
    // Outside `/api/` a GET is the portal's (its own routes); anything else, and anything unknown under `/api/`, is JSON.
    let response = anonymous.http.get(format!("{}/api/v1/nowhere", server.url)).send().await.unwrap();
    api_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = anonymous.http.get(format!("{}/api/nowhere", server.url)).send().await.unwrap();
    api_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = anonymous.http.post(format!("{}/nowhere", server.url)).send().await.unwrap();
    api_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = anonymous.http.get(format!("{}/api/v1/tickets", server.url)).send().await.unwrap();
    api_error(response, StatusCode::UNAUTHORIZED, "not_signed_in").await;
    let response = anonymous
        .http
        .post(format!("{}/api/v1/auth/login", server.url))
        .header(CONTENT_TYPE, "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    api_error(response, StatusCode::BAD_REQUEST, "content_type").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_uri_over_8_kib_is_414_json() {
    let server = TestServer::start().await;
    let anonymous = server.anonymous();
    let response = anonymous
        .http
        .get(format!("{}/api/v1/me?pad={}", server.url, "a".repeat(9 << 10)))
        .send()
        .await
        .unwrap();
    api_error(response, StatusCode::URI_TOO_LONG, "uri_too_long").await;
    // Just under the limit is served as usual.
    let response = anonymous
        .http
        .get(format!("{}/api/v1/me?pad={}", server.url, "a".repeat(7 << 10)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_header_section_over_32_kib_is_431_json() {
    let server = TestServer::start().await;
    let anonymous = server.anonymous();
    let response = anonymous
        .http
        .get(format!("{}/api/v1/me", server.url))
        .header("x-padding", "a".repeat(40 << 10))
        .send()
        .await
        .unwrap();
    api_error(response, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large").await;
}

/// What hyper would answer itself with an empty body (too many headers, a
/// URI or a header section past its own buffers) the binary answers as
/// JSON, on a raw connection.
#[test]
fn the_binary_answers_oversized_requests_with_json() {
    let server = RealServer::start();
    let check = |head: &str, status: u16, code: &str| {
        let response = raw_request(&server.addr, head);
        assert_eq!(response.status, status, "{:?} {:?}", response.headers, String::from_utf8_lossy(&response.body));
        assert!(
            response.header("content-type").is_some_and(|c| c.starts_with("application/json")),
            "{response:?}"
        );
        assert_eq!(response.json()["code"], code);
    };
    let host = format!("Host: {}", server.addr);
    // 150 small headers: more than hyper's default 100.
    let many: String = (0..150).map(|i| format!("\r\nx-h{i}: {i}")).collect();
    check(&format!("GET /api/v1/me HTTP/1.1\r\n{host}{many}"), 431, "headers_too_large");
    // 40 KiB of headers.
    check(
        &format!("GET /api/v1/me HTTP/1.1\r\n{host}\r\nx-pad: {}", "b".repeat(40 << 10)),
        431,
        "headers_too_large",
    );
    // 20 KiB of URI.
    check(&format!("GET /api/v1/me?q={} HTTP/1.1\r\n{host}", "c".repeat(20 << 10)), 414, "uri_too_long");
    // A path that is not UTF-8, raw.
    let token = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(real_server::sign_in(&server.url, real_server::ADMIN, real_server::ADMIN_PASSWORD));
    check(
        &format!("GET /api/v1/tickets/%FF HTTP/1.1\r\n{host}\r\nAuthorization: Bearer {token}"),
        400,
        "bad_path",
    );
    // Requests of normal size are still served on that server.
    let response = raw_request(&server.addr, &format!("GET /api/v1/me HTTP/1.1\r\n{host}\r\nAuthorization: Bearer {token}"));
    assert_eq!(response.status, 200, "{:?}", String::from_utf8_lossy(&response.body));
}
