//! Administration over real HTTP: users, groups, routing rules, policies,
//! the audit log; administrators only; bad input is a 4xx.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A client signed in as `username` with `password`.
async fn sign_in(server: &TestServer, username: &str, password: &str) -> Client {
    let mut client = server.anonymous();
    let (status, body) = client.post("/api/v1/auth/login", json!({"username": username, "password": password})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    client.token = Some(body["token"].as_str().unwrap().to_string());
    client
}

fn actions(audit: &Value) -> Vec<String> {
    audit.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn users_lifecycle() {
    let server = TestServer::start().await;
    let admin = server.login("admin").await;

    let (status, users) = admin.get("/api/v1/admin/users").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(users.as_array().unwrap().len(), USERS.len());

    let (status, created) = admin
        .post(
            "/api/v1/admin/users",
            json!({"username": "iryna", "display_name": "Ірина Коваль", "password": "long enough pw", "role": "analyst",
                   "permissions": {"kb_editor": true}, "groups": ["ncts-l2"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["groups"], json!(["ncts-l2"]));
    assert_eq!(created["permissions"]["kb_editor"], true);
    let id = created["id"].as_str().unwrap().to_string();
    let iryna = sign_in(&server, "iryna", "long enough pw").await;
    let (_, me) = iryna.get("/api/v1/me").await;
    assert_eq!(me["groups"][0]["id"], "ncts-l2");

    // Bad input: nothing is created.
    for (body, status, code) in [
        (
            json!({"username": "iryna", "display_name": "x", "password": "long enough pw", "role": "analyst"}),
            StatusCode::CONFLICT,
            "username_taken",
        ),
        (
            json!({"username": "x y", "display_name": "x", "password": "long enough pw", "role": "analyst"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_username",
        ),
        (
            json!({"username": "p", "display_name": "x", "password": "short", "role": "analyst"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "weak_password",
        ),
        (
            json!({"username": "p", "display_name": "x", "password": "long enough pw", "role": "king"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            json!({"username": "p", "display_name": "x", "password": "long enough pw", "role": "analyst", "groups": ["nope"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_group",
        ),
        (
            json!({"username": "p", "display_name": "x", "password": "long enough pw", "role": "self_service", "permissions": {"kb_editor": true}}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_permissions",
        ),
        (
            json!({"username": "p", "display_name": "x", "password": "long enough pw", "role": "self_service", "groups": ["cc-l1"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_groups",
        ),
        (
            json!({"username": "p", "display_name": " ", "password": "long enough pw", "role": "analyst"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_display_name",
        ),
    ] {
        let (s, b) = admin.post("/api/v1/admin/users", body.clone()).await;
        assert_eq!((s, b["code"].as_str()), (status, Some(code)), "{body}: {b}");
    }
    let (_, users) = admin.get("/api/v1/admin/users").await;
    assert_eq!(users.as_array().unwrap().len(), USERS.len() + 1);

    // Update by id or user name.
    let (status, updated) = admin
        .put(
            &format!("/api/v1/admin/users/{id}"),
            json!({"display_name": "Ірина Коваль-Петренко", "permissions": {"group_lead": true}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["display_name"], "Ірина Коваль-Петренко");
    assert_eq!(updated["permissions"], json!({"group_lead": true, "kb_editor": false}));
    let (status, _) = admin.put("/api/v1/admin/users/nobody", json!({"display_name": "x"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = admin.put("/api/v1/admin/users/iryna", json!({"shoe_size": 40})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Demoted to Self Service: out of the groups, no desk permissions.
    let (status, demoted) = admin.put("/api/v1/admin/users/iryna", json!({"role": "self_service"})).await;
    assert_eq!(status, StatusCode::OK, "{demoted}");
    assert_eq!(demoted["groups"], json!([]));
    assert_eq!(demoted["permissions"], json!({"group_lead": false, "kb_editor": false}));
    let (_, me) = iryna.get("/api/v1/me").await;
    assert_eq!(me["role"], "self_service");

    // Disable: signed out at once, cannot sign in; enable again.
    let (status, disabled) = admin.post("/api/v1/admin/users/iryna/disable", json!({})).await;
    assert_eq!((status, disabled["disabled"].as_bool()), (StatusCode::OK, Some(true)));
    assert_eq!(iryna.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
    let (status, _) = server
        .anonymous()
        .post("/api/v1/auth/login", json!({"username": "iryna", "password": "long enough pw"}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = admin.post("/api/v1/admin/users/iryna/enable", json!({})).await;
    assert_eq!(status, StatusCode::OK);

    // Reset the password: the old sign-ins end, the new password works.
    let iryna = sign_in(&server, "iryna", "long enough pw").await;
    let (status, body) = admin.post("/api/v1/admin/users/iryna/password", json!({"password": "short"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("weak_password")));
    let (status, _) = admin
        .post("/api/v1/admin/users/iryna/password", json!({"password": "a brand new password"}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(iryna.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
    let (status, _) = server
        .anonymous()
        .post("/api/v1/auth/login", json!({"username": "iryna", "password": "a brand new password"}))
        .await;
    assert_eq!(status, StatusCode::OK);

    // The last administrator cannot be disabled or demoted.
    let (status, body) = admin.post("/api/v1/admin/users/admin/disable", json!({})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("last_administrator")));
    let (status, _) = admin.put("/api/v1/admin/users/admin", json!({"role": "analyst"})).await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Everything is in the audit log, newest first, with the acting admin.
    let (status, audit) = admin.get(&format!("/api/v1/admin/audit?object={id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        actions(&audit),
        [
            "login",
            "user.password_reset",
            "login",
            "user.enable",
            "user.disable",
            "user.update",
            "user.update",
            "login",
            "user.create"
        ]
    );
    assert_eq!(audit[1]["actor"], server.user_id("admin"));
    assert_eq!(audit[0]["actor"], id, "a sign-in is the user's own");
    let (_, limited) = admin.get("/api/v1/admin/audit?limit=2").await;
    assert_eq!(limited.as_array().unwrap().len(), 2);
    let first = limited[1]["id"].as_i64().unwrap();
    let (_, older) = admin.get(&format!("/api/v1/admin/audit?limit=1&before={first}")).await;
    assert!(older[0]["id"].as_i64().unwrap() < first);
    let (status, _) = admin.get("/api/v1/admin/audit?limit=many").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread")]
async fn groups_routing_and_policies() {
    let server = TestServer::start().await;
    let admin = server.login("admin").await;

    let (status, group) = admin.post("/api/v1/admin/groups", json!({"id": "asud-l2", "name": "АСУД", "line": "L2"})).await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    assert_eq!(group["members"], json!([]));
    for (body, status) in [
        (json!({"id": "asud-l2", "name": "again", "line": "L2"}), StatusCode::CONFLICT),
        (json!({"id": "Bad Id", "name": "x", "line": "L2"}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"id": "x", "name": "x", "line": "L9"}), StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        assert_eq!(admin.post("/api/v1/admin/groups", body.clone()).await.0, status, "{body}");
    }

    let (status, group) = admin.post("/api/v1/admin/groups/asud-l2/members", json!({"user": "bob"})).await;
    assert_eq!(status, StatusCode::OK, "{group}");
    assert_eq!(group["members"], json!([server.user_id("bob")]));
    let (status, body) = admin.post("/api/v1/admin/groups/asud-l2/members", json!({"user": "req"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_desk_user")));
    assert_eq!(
        admin.post("/api/v1/admin/groups/nope/members", json!({"user": "bob"})).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.post("/api/v1/admin/groups/asud-l2/members", json!({"user": "nobody"})).await.0,
        StatusCode::NOT_FOUND
    );
    let bob = server.login("bob").await;
    let (_, me) = bob.get("/api/v1/me").await;
    assert_eq!(me["groups"].as_array().unwrap().len(), 2);

    // Routing: tickets of service АСУД without a group go to asud-l2 under ncts-transit.
    let (status, rule) = admin
        .post(
            "/api/v1/admin/routing-rules",
            json!({"service": "АСУД", "group_id": "asud-l2", "policy": "ncts-transit"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{rule}");
    let (status, rules) = admin.get("/api/v1/admin/routing-rules").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rules.as_array().unwrap().len(), 1);
    for (body, code) in [
        (json!({"group_id": "nope", "policy": "ncts-transit"}), "unknown_group"),
        (json!({"group_id": "asud-l2", "policy": "nope"}), "unknown_policy"),
        (
            json!({"group_id": "asud-l2", "policy": "ncts-transit", "ticket_type": "complaint"}),
            "unknown_ticket_type",
        ),
    ] {
        let (s, b) = admin.post("/api/v1/admin/routing-rules", body.clone()).await;
        assert_eq!((s, b["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{body}: {b}");
    }
    let olga = server.login("olga").await;
    let mut ticket = new_incident(None, "");
    ticket["service"] = json!("АСУД");
    let (status, created) = olga.post("/api/v1/tickets", ticket).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        (created["ticket"]["group"].as_str(), created["policy"].as_str()),
        (Some("asud-l2"), Some("ncts-transit"))
    );
    let rule_id = rule["id"].as_i64().unwrap();
    assert_eq!(admin.delete(&format!("/api/v1/admin/routing-rules/{rule_id}")).await.0, StatusCode::NO_CONTENT);
    assert_eq!(admin.delete(&format!("/api/v1/admin/routing-rules/{rule_id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(admin.delete("/api/v1/admin/routing-rules/first").await.0, StatusCode::BAD_REQUEST);

    let (status, group) = admin.delete("/api/v1/admin/groups/asud-l2/members/bob").await;
    assert_eq!((status, group["members"].clone()), (StatusCode::OK, json!([])));
    assert_eq!(admin.delete("/api/v1/admin/groups/asud-l2/members/bob").await.0, StatusCode::NOT_FOUND);

    // Policies: list, read TOML, put TOML (validated, id must match).
    let (status, policies) = admin.get("/api/v1/admin/policies").await;
    assert_eq!(status, StatusCode::OK);
    assert!(policies.as_array().unwrap().iter().any(|p| p["id"] == "customs-helpdesk"), "{policies}");
    let response = admin
        .http
        .get(format!("{}/api/v1/admin/policies/customs-helpdesk", admin.base))
        .bearer_auth(admin.token.as_ref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/toml"));
    let text = response.text().await.unwrap();
    assert!(text.contains("id = \"customs-helpdesk\""));
    let edited = text
        .replace("30 working minutes", "20 working minutes")
        .replace("id = \"customs-helpdesk\"", "id = \"customs-fast\"");
    let put = |path: &str, body: String| {
        admin
            .http
            .put(format!("{}{path}", admin.base))
            .bearer_auth(admin.token.as_ref().unwrap())
            .header("content-type", "application/toml")
            .body(body)
            .send()
    };
    let response = put("/api/v1/admin/policies/customs-fast", edited.clone()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (status, toml) = admin.get("/api/v1/admin/policies/customs-fast").await;
    assert_eq!(status, StatusCode::OK);
    assert!(toml.as_str().unwrap().contains("20 working minutes"));
    let response = put("/api/v1/admin/policies/other", edited).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = put("/api/v1/admin/policies/customs-fast", "id = [".into()).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "invalid_policy");
    assert_eq!(admin.get("/api/v1/admin/policies/nope").await.0, StatusCode::NOT_FOUND);

    let (_, audit) = admin.get("/api/v1/admin/audit?limit=1000").await;
    let actions = actions(&audit);
    for expected in [
        "group.create",
        "group.add_member",
        "group.remove_member",
        "routing.create",
        "routing.delete",
        "policy.create",
    ] {
        assert!(actions.iter().any(|a| a == expected), "{expected} in {actions:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn only_administrators() {
    let server = TestServer::start().await;
    for username in ["ana", "lead", "nina", "req"] {
        let client = server.login(username).await;
        for path in [
            "/api/v1/admin/users",
            "/api/v1/admin/users/ana",
            "/api/v1/admin/groups",
            "/api/v1/admin/routing-rules",
            "/api/v1/admin/policies",
            "/api/v1/admin/policies/customs-helpdesk",
            "/api/v1/admin/audit",
        ] {
            let (status, body) = client.get(path).await;
            assert_eq!(
                (status, body["code"].as_str()),
                (StatusCode::FORBIDDEN, Some("forbidden")),
                "{username} GET {path}"
            );
        }
        let writes = [
            client
                .post(
                    "/api/v1/admin/users",
                    json!({"username": "p", "display_name": "p", "password": "long enough pw", "role": "administrator"}),
                )
                .await,
            client.put("/api/v1/admin/users/ana", json!({"role": "administrator"})).await,
            client.post("/api/v1/admin/users/admin/disable", json!({})).await,
            client.post("/api/v1/admin/users/admin/password", json!({"password": "taken over now"})).await,
            client.post("/api/v1/admin/groups", json!({"id": "g", "name": "g", "line": "L2"})).await,
            client.post("/api/v1/admin/groups/eais-l2/members", json!({"user": username})).await,
            client.delete("/api/v1/admin/groups/eais-l2/members/ana").await,
            client
                .post("/api/v1/admin/routing-rules", json!({"group_id": "eais-l2", "policy": "customs-helpdesk"}))
                .await,
            client.delete("/api/v1/admin/routing-rules/1").await,
        ];
        for (i, (status, _)) in writes.iter().enumerate() {
            assert_eq!(*status, StatusCode::FORBIDDEN, "{username} write #{i}");
        }
    }
    let ana = server.login("ana").await;
    let (_, me) = ana.get("/api/v1/me").await;
    assert_eq!(me["role"], "analyst", "nothing changed");
    assert_eq!(server.login("admin").await.get("/api/v1/me").await.0, StatusCode::OK);
}
