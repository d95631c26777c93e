//! The Self Service portal's side of the server over loopback: its form
//! (the fields registration requires, decided by the domain), the actions
//! a requester may take on their ticket, registration with the account's
//! name and e-mail filled in, and the portal's pages at `/` next to the
//! API's JSON errors under `/api/`.

mod common;

use common::{act, register, TestServer};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_form_asks_what_registration_requires_and_only_requesters_get_it() {
    let server = TestServer::start().await;
    let req = server.login("req").await;
    let (status, form) = req.get("/api/v1/portal/form?type=incident&kind=official").await;
    assert_eq!(status, StatusCode::OK, "{form}");
    let required: Vec<&str> = form["fields"]["required"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    // 004 §2.3.1.9 (expected and actual result), 001 §II.3(2) (unit and position).
    for field in [
        "subject",
        "description",
        "service",
        "expected_result",
        "actual_result",
        "requester.customs_unit",
        "requester.position",
    ] {
        assert!(required.contains(&field), "{field} in {required:?}");
    }
    assert!(!required.contains(&"requester.user_id") && !required.contains(&"group"), "{required:?}");
    // 004 §2.3.1.11: a change request comes by e-mail only, never from the portal.
    let types: Vec<&str> = form["types"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert!(types.contains(&"incident") && !types.contains(&"change_request"), "{types:?}");
    assert_eq!(form["account_name"], "req (test)");

    let (status, body) = req.get("/api/v1/portal/form?type=parcel").await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_query")), "{body}");
    let (status, _) = server.login("ana").await.get("/api/v1/portal/form?type=incident").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_requester_is_offered_exactly_what_the_domain_allows_them() {
    let server = TestServer::start().await;
    let (_, number) = register(&server, "req", "eais-l2").await;
    let req = server.login("req").await;
    let allowed = |body: &serde_json::Value| -> Vec<String> {
        body.as_array()
            .unwrap()
            .iter()
            .filter(|a| a.get("refused").is_none())
            .map(|a| a["op"].as_str().unwrap().to_string())
            .collect()
    };
    let (status, offered) = req.get(&format!("/api/v1/tickets/{number}/actions")).await;
    assert_eq!(status, StatusCode::OK, "{offered}");
    assert_eq!(allowed(&offered), ["comment"], "a new ticket: the requester can only write");

    let ana = server.login("ana").await;
    assert_eq!(act(&ana, &number, json!({"op": "take"})).await.0, StatusCode::OK);
    assert_eq!(
        act(&ana, &number, json!({"op": "resolve", "code": "fixed", "text": "Оновлено"})).await.0,
        StatusCode::OK
    );
    let (_, offered) = req.get(&format!("/api/v1/tickets/{number}/actions")).await;
    let offered = allowed(&offered);
    assert!(offered.contains(&"close".to_string()) && offered.contains(&"reopen".to_string()), "{offered:?}");

    // Another requester's ticket is not theirs to see.
    let (status, _) = server.login("req2").await.get(&format!("/api/v1/tickets/{number}/actions")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_portal_form_without_name_or_email_gets_those_of_the_account() {
    let server = TestServer::start().await;
    let req_id = server.user_id("req");
    server
        .app
        .store
        .write(|tx| helpdesk_server::store::users::set_contact(tx, &req_id, Some("req@example.org"), None))
        .unwrap();
    let req = server.login("req").await;
    let (status, view) = req
        .post(
            "/api/v1/tickets",
            json!({
                "type": "consultation", "subject": "Як отримати доступ до кабінету декларанта", "description": "Потрібен доступ",
                "service": "ЄАІС", "requester": {"kind": "citizen", "name": ""}, "impact": "low", "urgency": "low"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{view}");
    assert_eq!(view["ticket"]["requester"]["name"], "req (test)");
    assert_eq!(view["ticket"]["requester"]["email"], "req@example.org");
}

#[tokio::test]
async fn the_portal_lives_at_the_root_and_the_api_keeps_its_json_errors() {
    let server = TestServer::start().await;
    let http = reqwest::Client::new();
    let page = http.get(format!("{}/", server.url)).send().await.unwrap();
    let status = page.status();
    let content_type = page.headers()["content-type"].to_str().unwrap().to_string();
    let csp = page.headers().get("content-security-policy").map(|v| v.to_str().unwrap().to_string());
    let text = page.text().await.unwrap();
    if status == StatusCode::OK {
        // Built into this binary: the page, with a strict content policy; its own routes get it too.
        assert!(
            content_type.starts_with("text/html") && text.contains("<div id=\"portal\">"),
            "{content_type}: {text}"
        );
        assert!(csp.unwrap().contains("default-src 'self'"));
        let deep = http.get(format!("{}/t/HD-2026-000001", server.url)).send().await.unwrap();
        assert_eq!(deep.status(), StatusCode::OK);
    } else {
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(text.contains("npm run build"), "says how to build the portal: {text}");
    }
    let missing = http.get(format!("{}/api/v1/nothing-here", server.url)).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let body: serde_json::Value = missing.json().await.unwrap();
    assert_eq!(body["code"], "not_found");
    let asset = http.get(format!("{}/assets/nothing.js", server.url)).send().await.unwrap();
    assert_eq!(asset.status(), StatusCode::NOT_FOUND);
}
