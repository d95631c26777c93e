//! The authorization matrix over real HTTP (SPEC §5: access by role and
//! working group only): who sees which tickets, comments and articles, and
//! who may act — by role, group and support line.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;

async fn listed(client: &Client) -> Vec<String> {
    let (status, list) = client.get("/api/v1/tickets?limit=1000").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap().to_string())
        .collect()
}

fn denied(status: StatusCode) -> bool {
    status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND
}

#[tokio::test(flavor = "multi_thread")]
async fn self_service_sees_own_tickets_and_public_comments_only() {
    let server = TestServer::start().await;
    let (id, number) = register(&server, "req", "eais-l2").await;
    let ana = server.login("ana").await;
    assert_eq!(act(&ana, &number, json!({"op": "take"})).await.0, StatusCode::OK);
    let (status, _) = act(
        &ana,
        &number,
        json!({"op": "comment", "visibility": "internal", "text": "СЕКРЕТ: перевірити журнал сервера"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = act(
        &ana,
        &number,
        json!({"op": "comment", "visibility": "public", "text": "Працюємо над вашим запитом"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // The desk sees both.
    let (_, desk_view) = ana.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(desk_view["ticket"]["comments"].as_array().unwrap().len(), 2);

    let req = server.login("req").await;
    for key in [&id, &number] {
        let (status, view) = req.get(&format!("/api/v1/tickets/{key}")).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        let comments = view["ticket"]["comments"].as_array().unwrap();
        assert_eq!(comments.len(), 1, "{view}");
        assert_eq!(comments[0]["text"], "Працюємо над вашим запитом");
        assert!(!view.to_string().contains("СЕКРЕТ"), "no trace of the internal note: {view}");
        assert!(
            view["events"].as_array().unwrap().iter().all(|e| e["kind"]["visibility"] != "internal"),
            "{view}"
        );
    }
    assert_eq!(listed(&req).await, vec![number.clone()]);

    // Another requester: neither listed nor readable (404, not 403: no hint it exists).
    let (other_id, other_number) = register(&server, "req2", "eais-l2").await;
    assert_eq!(listed(&req).await, vec![number.clone()]);
    for key in [&other_id, &other_number] {
        let (status, body) = req.get(&format!("/api/v1/tickets/{key}")).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    }
    let req2 = server.login("req2").await;
    assert_eq!(listed(&req2).await, vec![other_number.clone()]);
    assert_eq!(req2.get(&format!("/api/v1/tickets/{number}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        act(&req2, &number, json!({"op": "comment", "visibility": "public", "text": "?"})).await.0,
        StatusCode::NOT_FOUND
    );

    // Self Service may not work tickets, nor write internal notes.
    let (status, body) = act(&req2, &other_number, json!({"op": "take"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _) = act(&req, &number, json!({"op": "comment", "visibility": "internal", "text": "x"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = act(&req, &number, json!({"op": "resolve", "code": "fixed", "text": "y"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // …but may comment publicly on their own.
    assert_eq!(
        act(&req, &number, json!({"op": "comment", "visibility": "public", "text": "Дякую"})).await.0,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn analysts_see_their_groups_and_act_by_group_and_line() {
    let server = TestServer::start().await;
    let (_, eais) = register(&server, "req", "eais-l2").await;
    let (_, ncts) = register(&server, "req2", "ncts-l2").await;
    let (_, eais2) = register(&server, "req", "eais-l2").await;

    let ana = server.login("ana").await; // eais-l2
    let nina = server.login("nina").await; // ncts-l2
    let vasyl = server.login("vasyl").await; // vendor-l3
    let bob = server.login("bob").await; // eais-l2
    let lead = server.login("lead").await; // eais-l2 lead
    let admin = server.login("admin").await;

    // Reading: own groups only; another group's ticket does not exist for them.
    let mut mine = listed(&ana).await;
    mine.sort();
    assert_eq!(mine, {
        let mut v = vec![eais.clone(), eais2.clone()];
        v.sort();
        v
    });
    assert_eq!(listed(&nina).await, vec![ncts.clone()]);
    assert!(listed(&vasyl).await.is_empty());
    assert_eq!(listed(&admin).await.len(), 3);
    assert_eq!(ana.get(&format!("/api/v1/tickets/{ncts}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(nina.get(&format!("/api/v1/tickets/{eais}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(vasyl.get(&format!("/api/v1/tickets/{eais}")).await.0, StatusCode::NOT_FOUND);
    let (status, _) = ana.get("/api/v1/tickets?group=ncts-l2").await;
    assert_eq!(status, StatusCode::OK);
    let (_, filtered) = ana.get("/api/v1/tickets?group=ncts-l2").await;
    assert_eq!(filtered["total"], 0, "a group filter does not widen what is visible");
    let (_, searched) = ana.get("/api/v1/tickets?q=декларація").await;
    assert_eq!(searched["total"], 2, "search stays within the groups: {searched}");

    // Acting: group and line are checked on every op.
    for (who, client) in [("nina", &nina), ("vasyl", &vasyl)] {
        for op in [
            json!({"op": "take"}),
            json!({"op": "comment", "visibility": "internal", "text": "x"}),
            json!({"op": "resolve", "code": "fixed", "text": "y"}),
            json!({"op": "assign", "to": {"user": server.user_id(who)}}),
        ] {
            let (status, body) = act(client, &eais, op.clone()).await;
            assert!(denied(status), "{who} {op}: {status} {body}");
        }
    }
    let (status, _) = act(&ana, &ncts, json!({"op": "take"})).await;
    assert!(denied(status));

    // Within the group: the owner works the ticket, another member may not
    // resolve it; the lead may reassign.
    assert_eq!(act(&ana, &eais, json!({"op": "take"})).await.0, StatusCode::OK);
    let (status, body) = act(&bob, &eais, json!({"op": "resolve", "code": "fixed", "text": "y"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = act(&bob, &eais, json!({"op": "assign", "to": {"user": server.user_id("lead")}})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only the owner or the lead hands it to someone else: {body}");
    let (status, body) = act(&lead, &eais, json!({"op": "assign", "to": {"user": server.user_id("bob")}})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        act(&bob, &eais, json!({"op": "resolve", "code": "fixed", "text": "Готово"})).await.0,
        StatusCode::OK
    );

    // Escalated to L3: re-routed to vendor-l3, whose member takes it.
    assert_eq!(act(&ana, &eais2, json!({"op": "take"})).await.0, StatusCode::OK);
    let (status, body) = act(
        &ana,
        &eais2,
        json!({"op": "escalate", "line": "L3", "group": "vendor-l3", "note": "Помилка в ПЗ"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(listed(&vasyl).await, vec![eais2.clone()]);
    assert_eq!(act(&vasyl, &eais2, json!({"op": "take"})).await.0, StatusCode::OK);
    // The L3 owner still cannot touch the other L2 ticket.
    assert!(denied(
        act(&vasyl, &eais, json!({"op": "comment", "visibility": "internal", "text": "x"})).await.0
    ));

    // Reports: self service 403; admin endpoints: administrators only.
    let req = server.login("req").await;
    assert_eq!(req.get("/api/v1/reports/kpi").await.0, StatusCode::FORBIDDEN);
    for client in [&ana, &nina, &vasyl, &lead, &req] {
        assert_eq!(client.get("/api/v1/admin/users").await.0, StatusCode::FORBIDDEN);
        assert_eq!(client.get("/api/v1/admin/audit").await.0, StatusCode::FORBIDDEN);
    }
    assert_eq!(admin.get("/api/v1/admin/users").await.0, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn knowledge_base_visibility() {
    let server = TestServer::start().await;
    let nina = server.login("nina").await;
    let approver = server.login("admin").await; // not the author (003 §1.5.10)
    let mut ids = Vec::new();
    for (title, public, publish) in [("Чернетка", false, false), ("Для служби", false, true), ("Для всіх", true, true)] {
        let (status, a) = nina
            .post(
                "/api/v1/kb",
                json!({"title": title, "body": "Текст статті", "language": "uk", "public": public}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{a}");
        let id = a["id"].as_str().unwrap().to_string();
        if publish {
            for (who, to) in [(&nina, "review"), (&approver, "approved"), (&nina, "published")] {
                assert_eq!(who.post(&format!("/api/v1/kb/{id}/transition"), json!({"to": to})).await.0, StatusCode::OK);
            }
        }
        ids.push(id);
    }
    // (user, which of the three they see)
    for (username, visible) in [
        ("req", [false, false, true]),
        ("ana", [false, true, true]),
        ("vasyl", [false, true, true]),
        ("nina", [true, true, true]),
        ("admin", [true, true, true]),
    ] {
        let client = server.login(username).await;
        let (status, list) = client.get("/api/v1/kb").await;
        assert_eq!(status, StatusCode::OK);
        let seen: Vec<&str> = list["items"].as_array().unwrap().iter().map(|h| h["article"]["id"].as_str().unwrap()).collect();
        for (id, expected) in ids.iter().zip(visible) {
            assert_eq!(seen.contains(&id.as_str()), expected, "{username} lists {id}");
            let status = client.get(&format!("/api/v1/kb/{id}")).await.0;
            assert_eq!(status == StatusCode::OK, expected, "{username} reads {id}: {status}");
            if !expected {
                assert_eq!(status, StatusCode::NOT_FOUND);
            }
        }
        let (_, searched) = client.get("/api/v1/kb?q=текст").await;
        assert_eq!(
            searched["total"].as_u64().unwrap() as usize,
            visible.iter().filter(|v| **v).count(),
            "{username}"
        );
        // Writing: editors and administrators only.
        let (status, _) = client.post("/api/v1/kb", json!({"title": "t", "body": "b", "language": "uk"})).await;
        assert_eq!(
            status == StatusCode::CREATED,
            username == "nina" || username == "admin",
            "{username} creates: {status}"
        );
    }
}
