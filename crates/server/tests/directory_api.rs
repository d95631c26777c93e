//! The staff directory over real HTTP: the service desk reads every working
//! group and every staff account by name; Self Service users may not; a
//! disabled account stays listed, marked inactive; no secret leaks.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn user<'a>(directory: &'a Value, username: &str) -> Option<&'a Value> {
    directory["users"].as_array().unwrap().iter().find(|u| u["username"] == username)
}

#[tokio::test(flavor = "multi_thread")]
async fn analysts_read_groups_and_staff_by_name() {
    let server = TestServer::start().await;
    let (status, directory) = server.login("ana").await.get("/api/v1/directory").await;
    assert_eq!(status, StatusCode::OK, "{directory}");

    // Every working group, with its name and line, by id.
    let groups: Vec<(String, String, String)> = directory["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["id"].as_str().unwrap().into(),
                g["name"].as_str().unwrap().into(),
                g["line"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = GROUPS
        .iter()
        .map(|(id, name, line)| (id.to_string(), name.to_string(), line.as_str().to_string()))
        .collect();
    assert_eq!(groups, expected);

    // Staff only: analysts and the administrator, by user name; no requester.
    let usernames: Vec<&str> = directory["users"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    let mut staff: Vec<&str> = USERS
        .iter()
        .filter(|u| u.1 != helpdesk_domain::workflow::Role::SelfService)
        .map(|u| u.0)
        .collect();
    staff.sort();
    assert_eq!(usernames, staff);

    let bob = user(&directory, "bob").unwrap();
    assert_eq!(
        bob,
        &json!({"id": server.user_id("bob"), "username": "bob", "display_name": "bob (test)", "role": "analyst", "groups": ["eais-l2"], "active": true})
    );
    assert_eq!(user(&directory, "admin").unwrap()["role"], "administrator");
    assert_eq!(user(&directory, "admin").unwrap()["groups"], json!([]));

    // Nothing secret, nothing personal beyond the name.
    let text = directory.to_string();
    for word in ["password", "argon2", "token", "email", "permissions"] {
        assert!(!text.contains(word), "`{word}` in {text}");
    }

    // An administrator reads the same.
    let (status, as_admin) = server.login("admin").await.get("/api/v1/directory").await;
    assert_eq!((status, &as_admin), (StatusCode::OK, &directory));
}

#[tokio::test(flavor = "multi_thread")]
async fn self_service_and_anonymous_callers_are_refused() {
    let server = TestServer::start().await;
    let (status, body) = server.login("req").await.get("/api/v1/directory").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["code"], "forbidden");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");

    let (status, body) = server.anonymous().get("/api/v1/directory").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["code"], "not_signed_in");
}

#[tokio::test(flavor = "multi_thread")]
async fn disabled_accounts_stay_listed_as_inactive() {
    let server = TestServer::start().await;
    let admin = server.login("admin").await;
    let analyst = server.login("ana").await;

    let (status, body) = admin.post("/api/v1/admin/users/bob/disable", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, directory) = analyst.get("/api/v1/directory").await;
    assert_eq!(status, StatusCode::OK, "{directory}");
    let bob = user(&directory, "bob").expect("a disabled account is still listed");
    assert_eq!(bob["active"], false);
    assert_eq!(bob["display_name"], "bob (test)");
    assert_eq!(bob["groups"], json!(["eais-l2"]));
    assert_eq!(user(&directory, "ana").unwrap()["active"], true);

    // A new group and a new member show at the next read.
    let (status, body) = admin
        .post("/api/v1/admin/groups", json!({"id": "kb-l2", "name": "Група бази знань", "line": "L2"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = admin.post("/api/v1/admin/groups/kb-l2/members", json!({"user": "ana"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, directory) = analyst.get("/api/v1/directory").await;
    assert!(directory["groups"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["id"] == "kb-l2" && g["name"] == "Група бази знань"));
    assert_eq!(user(&directory, "ana").unwrap()["groups"], json!(["eais-l2", "kb-l2"]));

    let (status, body) = admin.post("/api/v1/admin/users/bob/enable", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, directory) = analyst.get("/api/v1/directory").await;
    assert_eq!(user(&directory, "bob").unwrap()["active"], true);
}
