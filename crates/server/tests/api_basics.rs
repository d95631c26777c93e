//! The API over real HTTP: sign-in, registration, reading, one action, and
//! the shape of errors.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_register_read_and_take() {
    let server = TestServer::start().await;
    let olga = server.login("olga").await;
    let (status, me) = olga.get("/api/v1/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["username"], "olga");
    assert_eq!(me["groups"][0]["line"], "L1");

    let req_id = server.user_id("req");
    let (status, created) = olga.post("/api/v1/tickets", new_incident(Some(&req_id), "eais-l2")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let number = created["ticket"]["number"].as_str().unwrap().to_string();
    assert!(number.starts_with("HD-2026-"), "{number}");
    assert_eq!(created["ticket"]["status"], "new");
    assert_eq!(created["ticket"]["priority"], 2);
    assert_eq!(created["policy"], "customs-helpdesk");

    let ana = server.login("ana").await;
    let (status, list) = ana.get("/api/v1/tickets?status=new&unassigned=true").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["total"], 1);
    let (status, taken) = ana.post(&format!("/api/v1/tickets/{number}/ops"), json!({"op": {"op": "take"}})).await;
    assert_eq!(status, StatusCode::OK, "{taken}");
    assert_eq!(taken["ticket"]["status"], "in_progress");
    assert_eq!(taken["ticket"]["owner"], server.user_id("ana"));

    // Taking it again is refused by the workflow with a reason.
    let (status, refused) = ana.post(&format!("/api/v1/tickets/{number}/ops"), json!({"op": {"op": "take"}})).await;
    assert!(status.is_client_error(), "{status} {refused}");
    assert!(refused["code"].is_string() && refused["message"].is_string(), "{refused}");
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_contact_data_is_422_naming_each_field() {
    let server = TestServer::start().await;
    let olga = server.login("olga").await;
    let mut ticket = new_incident(None, "eais-l2");
    ticket["requester"]["phone"] = serde_json::Value::Null;
    ticket["requester"]["customs_unit"] = serde_json::Value::Null;
    let (status, body) = olga.post("/api/v1/tickets", ticket).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "registration_invalid");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("requester.customs_unit"), "{message}");
}

#[tokio::test(flavor = "multi_thread")]
async fn client_mistakes_are_4xx_with_code_and_message() {
    let server = TestServer::start().await;
    let anonymous = server.anonymous();
    let (status, body) = anonymous.get("/api/v1/me").await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("not_signed_in")));
    let (status, body) = anonymous.post("/api/v1/auth/login", json!({"username": "ana", "password": "wrong"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("bad_credentials")));
    let (status, body) = anonymous
        .post("/api/v1/auth/login", json!({"username": "ana", "password": "x", "extra": 1}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let ana = server.login("ana").await;
    let (status, body) = ana.post_raw("/api/v1/tickets", "application/json", b"{not json".to_vec()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("malformed_json")));
    let (status, body) = ana.get("/api/v1/tickets/HD-1999-000001").await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (status, _) = ana.get("/api/v1/tickets?status=sleeping").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The server answers before reading the rest and closes that connection.
    let (status, body) = ana.post_raw("/api/v1/tickets", "application/json", vec![b' '; 17 << 20]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn repeated_failed_sign_ins_are_throttled_and_tokens_expire() {
    let server = TestServer::start().await;
    let anonymous = server.anonymous();
    for _ in 0..5 {
        let (status, _) = anonymous.post("/api/v1/auth/login", json!({"username": "bob", "password": "guess"})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = anonymous.post("/api/v1/auth/login", json!({"username": "bob", "password": PASSWORD})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits: {body}");
    server.advance(chrono::Duration::seconds(31));
    let bob = server.login("bob").await;
    assert_eq!(bob.get("/api/v1/me").await.0, StatusCode::OK);
    server.advance(chrono::Duration::hours(13));
    let (status, body) = bob.get("/api/v1/me").await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("token_expired")));
}

#[tokio::test(flavor = "multi_thread")]
async fn attachments_are_content_addressed_limited_and_private_to_the_requester() {
    let server = TestServer::start().await;
    let ana = server.login("ana").await;
    let bytes = b"screenshot bytes".to_vec();
    let (status, stored) = ana.post_raw("/api/v1/attachments", "image/png", bytes.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    let sha = stored["sha256"].as_str().unwrap().to_string();
    assert_eq!(sha.len(), 64);
    let (again, second) = ana.post_raw("/api/v1/attachments", "image/png", bytes.clone()).await;
    assert_eq!(
        (again, &second["sha256"]),
        (StatusCode::CREATED, &stored["sha256"]),
        "the same content, the same name"
    );
    let response = ana
        .http
        .get(format!("{}/api/v1/attachments/{sha}", ana.base))
        .bearer_auth(ana.token.as_ref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.bytes().await.unwrap().to_vec(), bytes);
    // A requester reads only what their own tickets refer to.
    let req = server.login("req").await;
    assert_eq!(req.get(&format!("/api/v1/attachments/{sha}")).await.0, StatusCode::NOT_FOUND);
    // Empty and oversized uploads are refused; a bad name is 400.
    assert_eq!(
        ana.post_raw("/api/v1/attachments", "image/png", vec![]).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (status, body) = ana.post_raw("/api/v1/attachments", "application/pdf", vec![7u8; 11 << 20]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large")), "{body}");
    let fresh = server.login("ana").await;
    assert_eq!(fresh.get("/api/v1/attachments/not-a-hash").await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread")]
async fn hand_overs_name_groups_that_exist_and_users_that_can_work() {
    let server = TestServer::start().await;
    let olga = server.login("olga").await;
    let (_, created) = olga.post("/api/v1/tickets", new_incident(Some(&server.user_id("req")), "eais-l2")).await;
    let number = created["ticket"]["number"].as_str().unwrap().to_string();
    let ops = format!("/api/v1/tickets/{number}/ops");
    let ana = server.login("ana").await;
    let (status, _) = ana.post(&ops, json!({"op": {"op": "take"}})).await;
    assert_eq!(status, StatusCode::OK);

    for (op, code) in [
        (json!({"op": "assign", "to": {"group": "eais-l2-typo"}}), "unknown_group"),
        (
            json!({"op": "escalate", "group": "vendor-l3-typo", "note": "потрібен розробник"}),
            "unknown_group",
        ),
        (json!({"op": "add_co_executor", "group": "nowhere"}), "unknown_group"),
        (json!({"op": "assign", "to": {"user": "u-nobody"}}), "unknown_user"),
    ] {
        let (status, body) = ana.post(&ops, json!({ "op": op })).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{op}: {body}");
        assert!(body["message"].as_str().unwrap().contains("pick"), "says what to do: {body}");
    }
    let admin = server.login("admin").await;
    let (status, _) = admin.post(&format!("/api/v1/admin/users/{}/disable", server.user_id("bob")), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = ana.post(&ops, json!({"op": {"op": "assign", "to": {"user": server.user_id("bob")}}})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("user_disabled")),
        "{body}"
    );

    // Nothing above changed the ticket; a real hand-over still works.
    let (_, ticket) = ana.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(ticket["ticket"]["group"], "eais-l2");
    let (status, moved) = ana.post(&ops, json!({"op": {"op": "assign", "to": {"group": "ncts-l2"}}})).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["ticket"]["group"], "ncts-l2");
}
