//! Tickets hardened against what requesters and staff must not reach:
//! search, registration, assignment, internal justifications, attachments,
//! text and upload limits, search cost, list filters, read audit (SPEC §5).

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

const SCHEMA: u32 = helpdesk_protocol::SCHEMA_VERSION;

async fn act_ok(client: &Client, number: &str, op: Value) -> Value {
    let (status, body) = act(client, number, op.clone()).await;
    assert_eq!(status, StatusCode::OK, "{op}: {body}");
    body
}

async fn found(client: &Client, q: &str) -> u64 {
    let (status, list) = client.get(&format!("/api/v1/tickets?q={q}")).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["total"].as_u64().unwrap()
}

fn unprocessable(status: StatusCode, body: &Value, code: &str) {
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)), "{body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
}

// ---- 1. search ----

#[tokio::test(flavor = "multi_thread")]
async fn requester_search_matches_only_what_the_requester_may_read() {
    let server = TestServer::start().await;
    let (_, number) = register(&server, "req", "eais-l2").await;
    let ana = server.login("ana").await;
    act_ok(&ana, &number, json!({"op": "take"})).await;
    act_ok(
        &ana,
        &number,
        json!({"op": "comment", "visibility": "internal", "text": "Підозра: zymurgyinternal на сервері"}),
    )
    .await;
    act_ok(
        &ana,
        &number,
        json!({"op": "comment", "visibility": "public", "text": "Відповідь: quokkapublic працює"}),
    )
    .await;
    let req = server.login("req").await;
    // Neither the word nor any blind prefix of it.
    for q in ["zymurgyinternal", "zymurgy", "zym"] {
        assert_eq!(found(&req, q).await, 0, "{q}");
        assert_eq!(found(&ana, q).await, 1, "the desk finds its own notes: {q}");
    }
    assert_eq!(found(&req, "quokkapublic").await, 1, "a public comment is the requester's to find");
    assert_eq!(found(&req, "quokka%20декларація").await, 1, "public comment and subject together");
    assert_eq!(found(&req, "zymurgy%20декларація").await, 0);
    assert_eq!(found(&ana, "zymurgy%20декларація").await, 1);
}

#[test]
fn existing_tickets_are_reindexed_by_visibility_when_the_store_is_migrated() {
    use helpdesk_domain::workflow::{Permissions, Role};
    use helpdesk_server::app::{App, Config};
    use helpdesk_server::store::tickets::ListFilter;
    use helpdesk_server::store::{users, Store};
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+02:00")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let open = || App::new(Store::open(dir.path()).unwrap(), Arc::new(move || now), Config::default()).unwrap();
    let app = open();
    app.store
        .write(|tx| users::insert_group(tx, "eais-l2", "ЄАІС", helpdesk_domain::Line::L2))
        .unwrap();
    let olga = app.create_user("olga", "Olga", PASSWORD, Role::Analyst, Permissions::default()).unwrap();
    app.store.write(|tx| users::add_member(tx, "eais-l2", &olga.id)).unwrap();
    let req = app.create_user("req", "Req", PASSWORD, Role::SelfService, Permissions::default()).unwrap();
    let olga = app.authenticate(&app.login("olga", PASSWORD, "").unwrap().token).unwrap();
    let new = serde_json::from_value(new_incident(Some(&req.id), "eais-l2")).unwrap();
    let view = app.register_ticket(&olga, new).unwrap();
    for (visibility, text) in [("internal", "zymurgyinternal"), ("public", "quokkapublic")] {
        let op = serde_json::from_value(json!({"op": "comment", "visibility": visibility, "text": text})).unwrap();
        assert!(app.act(&olga, &view.ticket.number, &op, None).unwrap().is_ok());
    }
    // The database as the first schema left it: the comments in the
    // ticket's document, one search column of every comment.
    app.store
        .write(|tx| {
            tx.batch(
                "UPDATE tickets SET doc = json_set(doc, '$.comments',
                   (SELECT json_group_array(json(body)) FROM (SELECT body FROM ticket_comments c WHERE c.ticket_id = tickets.id ORDER BY idx)));
                 DROP TABLE ticket_comments_fts;
                 DROP TABLE ticket_comments;
                 DELETE FROM settings WHERE key = 'search.index_version';
                 DROP TABLE tickets_fts;
                 CREATE VIRTUAL TABLE tickets_fts USING fts5(number, subject, description, comments, tokenize = 'unicode61 remove_diacritics 2');
                 INSERT INTO tickets_fts(rowid, number, subject, description, comments)
                   SELECT rowid, number, json_extract(doc, '$.subject'), json_extract(doc, '$.description'), 'zymurgyinternal quokkapublic' FROM tickets;
                 DROP TABLE attachment_uploads;
                 DROP TABLE ticket_attachments;
                 DROP TABLE sign_in_failures;
                 DROP TABLE kb_revisions;
                 DROP TABLE kb_views;
                 DROP TABLE kb_review_flags;
                 DROP TABLE mail_outbox;
                 ALTER TABLE users DROP COLUMN language;
                 DROP TABLE mail_inbox_state;
                 DROP TABLE mail_inbox_seen;
                 DROP INDEX ticket_events_version;
                 ALTER TABLE changes DROP COLUMN version;
                 ALTER TABLE changes DROP COLUMN prev_seq;
                 ALTER TABLE changes DROP COLUMN prev_version;
                 PRAGMA user_version = 1;",
            )
        })
        .unwrap();
    drop(app);

    let app = open();
    let search = |caller: &helpdesk_server::app::auth::Caller, q: &str| {
        let filter = ListFilter {
            search: Some(q.into()),
            ..ListFilter::default()
        };
        app.list_tickets(caller, &filter).unwrap().total
    };
    let req = app.authenticate(&app.login("req", PASSWORD, "").unwrap().token).unwrap();
    let olga = app.authenticate(&app.login("olga", PASSWORD, "").unwrap().token).unwrap();
    assert_eq!(search(&req, "zymurgy"), 0);
    assert_eq!(search(&req, "quokka"), 1);
    assert_eq!(search(&olga, "zymurgy"), 1);
    // The comments moved into rows of their own, in their order.
    let texts: Vec<String> = app
        .ticket(&olga, &view.ticket.number)
        .unwrap()
        .ticket
        .comments
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(texts, ["zymurgyinternal", "quokkapublic"]);
    assert_eq!(search(&olga, "zymurgy quokka"), 1, "each word may be found in another comment");
}

// ---- 2. registration by a requester ----

#[tokio::test(flavor = "multi_thread")]
async fn a_requester_cannot_set_the_desks_fields_at_registration() {
    let server = TestServer::start().await;
    let admin = server.login("admin").await;
    let (status, rule) = admin
        .post(
            "/api/v1/admin/routing-rules",
            json!({"service": "ЄАІС", "group_id": "eais-l2", "policy": "customs-helpdesk"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{rule}");
    let req = server.login("req").await;
    let mut ticket = new_incident(None, "vendor-l3");
    for (field, value) in [
        ("line", json!("L3")),
        ("priority", json!(1)),
        ("complexity", json!("complex")),
        ("channel", json!("monitoring")),
        ("received_at", json!("1970-01-01T00:00:00Z")),
    ] {
        ticket[field] = value;
    }
    let (status, created) = req.post("/api/v1/tickets", ticket.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let t = &created["ticket"];
    assert_eq!(t["group"], "eais-l2", "routed by the rules: {t}");
    assert_eq!(t["line"], "L2", "the group's line");
    assert_eq!(t["priority"], 2, "impact medium × urgency high (000 §13)");
    assert_eq!(t["complexity"], Value::Null);
    assert_eq!(t["channel"], "portal");
    assert_eq!(t["received_at"], t["registered_at"]);
    assert_eq!(t["requester"]["user_id"], server.user_id("req"));

    // Monitoring would waive the contact data; a portal request needs them.
    ticket["requester"] = json!({"name": "Моніторинг"});
    let (status, body) = req.post("/api/v1/tickets", ticket).await;
    unprocessable(status, &body, "registration_invalid");
    assert!(body["message"].as_str().unwrap().contains("requester.email_or_phone"), "{body}");

    // No rule for the service: the contact centre (L1) classifies it, not the requester.
    let mut other = new_incident(None, "vendor-l3");
    other["service"] = json!("Інша система");
    let (status, created) = req.post("/api/v1/tickets", other).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        (created["ticket"]["group"].as_str(), created["ticket"]["line"].as_str()),
        (Some("cc-l1"), Some("L1"))
    );

    // The desk still registers where it decides.
    let olga = server.login("olga").await;
    let mut desk = new_incident(Some(&server.user_id("req")), "vendor-l3");
    desk["priority"] = json!(1);
    let (status, created) = olga.post("/api/v1/tickets", desk).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        (created["ticket"]["group"].as_str(), created["ticket"]["priority"].as_u64()),
        (Some("vendor-l3"), Some(1))
    );
}

// ---- 3. assignment ----

#[tokio::test(flavor = "multi_thread")]
async fn tickets_are_assigned_only_to_staff_of_their_groups() {
    let server = TestServer::start().await;
    let (_, number) = register(&server, "req", "eais-l2").await;
    let lead = server.login("lead").await;
    for (who, code) in [
        ("req", "assignee_not_staff"),
        ("req2", "assignee_not_staff"),
        ("nina", "assignee_not_in_group"),
        ("vasyl", "assignee_not_in_group"),
    ] {
        let (status, body) = act(&lead, &number, json!({"op": "assign", "to": {"user": server.user_id(who)}})).await;
        unprocessable(status, &body, code);
    }
    let req = server.login("req").await;
    let (_, view) = req.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(view["ticket"]["owner"], Value::Null, "nothing was assigned: {view}");

    // Within the group, and to a member of a co-executor group.
    act_ok(&lead, &number, json!({"op": "assign", "to": {"user": server.user_id("bob")}})).await;
    act_ok(&lead, &number, json!({"op": "add_co_executor", "group": "ncts-l2"})).await;
    act_ok(&lead, &number, json!({"op": "assign", "to": {"user": server.user_id("nina")}})).await;

    // Escalated to L3: assigned there.
    let nina = server.login("nina").await;
    act_ok(
        &nina,
        &number,
        json!({"op": "escalate", "line": "L3", "group": "vendor-l3", "note": "Помилка в ПЗ"}),
    )
    .await;
    let admin = server.login("admin").await;
    let (status, body) = act(&admin, &number, json!({"op": "assign", "to": {"user": server.user_id("ana")}})).await;
    unprocessable(status, &body, "assignee_not_in_group");
    act_ok(&admin, &number, json!({"op": "assign", "to": {"user": server.user_id("vasyl")}})).await;

    // The same rule for an op synced from a laptop.
    let (_, other) = register(&server, "req", "eais-l2").await;
    let (status, body) = lead
        .post(
            "/api/v1/sync/push",
            json!({"client_id": "lead-laptop", "schema_version": SCHEMA, "ops": [{
                "seq": 1, "op_id": "op-1", "ticket": other, "base_version": 0,
                "device_time": "2026-11-23T07:30:00Z",
                "op": {"op": "assign", "to": {"user": server.user_id("req2")}},
            }]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["results"][0]["result"], "rejected", "{body}");
    assert_eq!(body["results"][0]["code"], "assignee_not_staff", "{body}");
    let req2 = server.login("req2").await;
    assert_eq!(req2.get(&format!("/api/v1/tickets/{other}")).await.0, StatusCode::NOT_FOUND);
}

// ---- 4. deadline extensions ----

#[tokio::test(flavor = "multi_thread")]
async fn a_deadline_extensions_justification_stays_with_the_desk() {
    let server = TestServer::start().await;
    let (id, number) = register(&server, "req", "eais-l2").await;
    let ana = server.login("ana").await;
    act_ok(&ana, &number, json!({"op": "take"})).await;
    let until = (server.now() + chrono::Duration::days(3)).to_rfc3339();
    act_ok(
        &ana,
        &number,
        json!({"op": "extend_deadline", "metric": "resolution", "until": until, "justification": "ВНУТРІШНЄ: чекаємо на підрядника"}),
    )
    .await;
    let (_, desk) = ana.get(&format!("/api/v1/tickets/{number}")).await;
    assert!(desk.to_string().contains("ВНУТРІШНЄ"), "the desk sees it: {desk}");

    let req = server.login("req").await;
    let (status, view) = req.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!view.to_string().contains("ВНУТРІШНЄ"), "{view}");
    let extension = &view["ticket"]["deadline_extensions"][0];
    assert!(extension["until"].is_string(), "the deadline itself stays: {view}");
    assert_eq!(extension["justification"], "", "{view}");

    let (status, page) = req
        .post("/api/v1/sync/pull", json!({"client_id": "req-phone", "schema_version": SCHEMA, "buckets": {}}))
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let tickets: Vec<&Value> = page["changes"].as_array().unwrap().iter().filter(|c| c["kind"] == "ticket").collect();
    assert_eq!(tickets.len(), 1, "{page}");
    assert_eq!(tickets[0]["ticket"]["ticket"]["id"], id.as_str());
    assert!(!page.to_string().contains("ВНУТРІШНЄ"), "{page}");
}

// ---- 5. attachments ----

async fn upload(client: &Client, bytes: &[u8]) -> String {
    let (status, stored) = client.post_raw("/api/v1/attachments", "text/plain", bytes.to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    stored["sha256"].as_str().unwrap().to_string()
}

async fn readable(client: &Client, sha: &str) -> bool {
    let (status, body) = client.get(&format!("/api/v1/attachments/{sha}")).await;
    assert!(status == StatusCode::OK || status == StatusCode::NOT_FOUND, "{status} {body}");
    status == StatusCode::OK
}

#[tokio::test(flavor = "multi_thread")]
async fn attachments_are_read_like_the_tickets_that_refer_to_them() {
    let server = TestServer::start().await;
    let [olga, ana, nina, vasyl, req, req2, admin] = {
        let mut clients = Vec::new();
        for who in ["olga", "ana", "nina", "vasyl", "req", "req2", "admin"] {
            clients.push(server.login(who).await);
        }
        clients.try_into().ok().unwrap()
    };
    // Not referred to by any ticket: the uploader's only.
    let loose = upload(&ana, b"ana's loose notes").await;
    assert!(readable(&ana, &loose).await);
    for other in [&nina, &vasyl, &req, &olga] {
        assert!(!readable(other, &loose).await);
    }
    assert!(readable(&admin, &loose).await);

    // Cited by a ticket of eais-l2 for req: readable by whoever reads that ticket.
    let screenshot = upload(&olga, b"screenshot of the error").await;
    let mut ticket = new_incident(Some(&server.user_id("req")), "eais-l2");
    ticket["attachments"] = json!([{"name": "error.png", "sha256": screenshot, "size": 24}]);
    let (status, created) = olga.post("/api/v1/tickets", ticket).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    for (client, expected) in [(&ana, true), (&req, true), (&olga, true), (&nina, false), (&vasyl, false), (&req2, false)] {
        assert_eq!(readable(client, &screenshot).await, expected, "{}", client.token.as_deref().unwrap_or(""));
    }

    // Citing a hash one neither uploaded nor may read is refused.
    let mut theirs = new_incident(None, "");
    theirs["attachments"] = json!([{"name": "notes.txt", "sha256": loose, "size": 17}]);
    let (status, body) = req2.post("/api/v1/tickets", theirs.clone()).await;
    unprocessable(status, &body, "unknown_attachment");
    assert!(!readable(&req2, &loose).await);
    theirs["attachments"] = json!([{"name": "e.png", "sha256": screenshot, "size": 24}]);
    let (status, body) = req2.post("/api/v1/tickets", theirs.clone()).await;
    unprocessable(status, &body, "unknown_attachment");
    let mut cited = new_incident(None, "ncts-l2");
    cited["attachments"] = json!([{"name": "e.png", "sha256": screenshot, "size": 24}]);
    let (status, body) = nina.post("/api/v1/tickets", cited).await;
    unprocessable(status, &body, "unknown_attachment");
    // A hash nobody uploaded.
    theirs["attachments"] = json!([{"name": "x", "sha256": "ab".repeat(32), "size": 1}]);
    let (status, body) = req2.post("/api/v1/tickets", theirs.clone()).await;
    unprocessable(status, &body, "unknown_attachment");

    // One's own upload, and one already readable, are fine.
    let own = upload(&req2, b"req2's own file").await;
    theirs["attachments"] = json!([{"name": "mine.txt", "sha256": own, "size": 15}]);
    let (status, body) = req2.post("/api/v1/tickets", theirs).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let mut again = new_incident(Some(&server.user_id("req")), "eais-l2");
    again["attachments"] = json!([{"name": "error.png", "sha256": screenshot, "size": 24}]);
    let (status, body) = ana.post("/api/v1/tickets", again).await;
    assert_eq!(status, StatusCode::CREATED, "ana reads it through the first ticket: {body}");
}

// ---- 6. limits ----

#[tokio::test(flavor = "multi_thread")]
async fn ticket_texts_have_length_limits() {
    let server = TestServer::start().await;
    let olga = server.login("olga").await;
    for (field, value, path) in [
        ("subject", json!("ш".repeat(301)), "subject"),
        ("description", json!("ш".repeat(20_001)), "description"),
        ("expected_result", json!("ш".repeat(20_001)), "expected_result"),
        ("service", json!("ш".repeat(201)), "service"),
    ] {
        let mut ticket = new_incident(None, "eais-l2");
        ticket[field] = value;
        let (status, body) = olga.post("/api/v1/tickets", ticket).await;
        unprocessable(status, &body, "text_too_long");
        assert!(body["message"].as_str().unwrap().contains(path), "{body}");
    }
    let mut ticket = new_incident(None, "eais-l2");
    ticket["requester"]["name"] = json!("ш".repeat(201));
    let (status, body) = olga.post("/api/v1/tickets", ticket).await;
    unprocessable(status, &body, "text_too_long");
    // At the limits: accepted.
    let mut ticket = new_incident(None, "eais-l2");
    ticket["subject"] = json!("ш".repeat(300));
    ticket["description"] = json!("ш".repeat(20_000));
    let (status, created) = olga.post("/api/v1/tickets", ticket).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let number = created["ticket"]["number"].as_str().unwrap().to_string();

    let ana = server.login("ana").await;
    act_ok(&ana, &number, json!({"op": "take"})).await;
    let long = "ш".repeat(10_001);
    for op in [
        json!({"op": "comment", "visibility": "internal", "text": long}),
        json!({"op": "request_info", "question": long}),
        json!({"op": "postpone", "reason": "diagnostics", "note": long}),
        json!({"op": "escalate", "group": "ncts-l2", "note": long}),
        json!({"op": "give_workaround", "text": long}),
        json!({"op": "resolve", "code": "fixed", "text": long}),
        json!({"op": "resolve", "code": "ш".repeat(201), "text": "ok"}),
        json!({"op": "reject", "reason": "unclear", "note": long}),
        json!({"op": "set_priority", "level": 1, "note": long}),
        json!({"op": "link_ticket", "ticket": "ш".repeat(201), "kind": "related"}),
    ] {
        let (status, body) = act(&ana, &number, op.clone()).await;
        unprocessable(status, &body, "text_too_long");
        assert!(body["message"].as_str().unwrap().contains("at most"), "{op}: {body}");
    }
    act_ok(&ana, &number, json!({"op": "comment", "visibility": "internal", "text": "ш".repeat(10_000)})).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn uploads_have_a_daily_quota_per_user() {
    let server = TestServer::start().await;
    let ana = server.login("ana").await;
    let chunk = vec![0x5au8; 10 << 20];
    for i in 0..20 {
        let (status, body) = ana.post_raw("/api/v1/attachments", "application/octet-stream", chunk.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "upload {i}: {body}");
    }
    let (status, body) = ana.post_raw("/api/v1/attachments", "text/plain", b"one byte more".to_vec()).await;
    unprocessable(status, &body, "upload_quota_exceeded");
    // Another user has their own quota; the next day ana has hers again.
    let bob = server.login("bob").await;
    upload(&bob, b"bob's file").await;
    server.advance(chrono::Duration::hours(24));
    let ana = server.login("ana").await;
    upload(&ana, b"the next day").await;
}

// ---- 7. search cost ----

#[tokio::test(flavor = "multi_thread")]
async fn huge_searches_are_refused_or_capped_quickly() {
    let server = TestServer::start().await;
    register(&server, "req", "eais-l2").await;
    let ana = server.login("ana").await;
    // 3,000 one-letter words (6 KB): within a URI, over the search's length.
    let long = vec!["a"; 3_000].join("+");
    let (status, body) = ana.get(&format!("/api/v1/tickets?q={long}")).await;
    unprocessable(status, &body, "query_too_long");
    // 30,000 (60 KB): refused before any handler runs.
    let huge = vec!["a"; 30_000].join("+");
    let (status, body) = ana.get(&format!("/api/v1/tickets?q={huge}")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::URI_TOO_LONG, Some("uri_too_long")), "{body}");

    // Many short terms within the length: capped, answered.
    let many = (0..45).map(|i| format!("x{i}")).collect::<Vec<_>>().join("+");
    assert!(many.len() <= 200);
    let (status, body) = ana.get(&format!("/api/v1/tickets?q={many}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(found(&ana, "декларація").await, 1, "an ordinary search still finds");

    // The knowledge base: the same cap on terms.
    let nina = server.login("nina").await;
    let (status, article) = nina
        .post(
            "/api/v1/kb",
            json!({"title": "Митна декларація", "body": "Як відкрити декларацію", "language": "uk"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{article}");
    let (status, body) = nina.get(&format!("/api/v1/kb?q={long}")).await;
    assert!(
        status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::OK,
        "refused or capped: {status} {body}"
    );
    let (_, hits) = nina.get("/api/v1/kb?q=декларац").await;
    assert_eq!(hits["total"], 1, "{hits}");
}

// ---- 8. empty filters ----

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_filter_value_means_no_filter() {
    let server = TestServer::start().await;
    register(&server, "req", "eais-l2").await;
    register(&server, "req", "ncts-l2").await;
    let admin = server.login("admin").await;
    let (status, all) = admin.get("/api/v1/tickets").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all["total"], 2);
    for param in ["status", "group", "owner", "type", "line", "q", "unassigned", "limit", "offset"] {
        for value in ["", "%20"] {
            let (status, list) = admin.get(&format!("/api/v1/tickets?{param}={value}")).await;
            assert_eq!(status, StatusCode::OK, "{param}={value}: {list}");
            assert_eq!(list["total"], 2, "{param}={value}: {list}");
            assert_eq!(list["items"].as_array().unwrap().len(), 2, "{param}={value}");
        }
    }
    // A value still filters; a wrong one is still 400.
    assert_eq!(admin.get("/api/v1/tickets?group=ncts-l2").await.1["total"], 1);
    assert_eq!(admin.get("/api/v1/tickets?type=sleeping").await.0, StatusCode::BAD_REQUEST);
}

// ---- 9. audit of reads ----

#[tokio::test(flavor = "multi_thread")]
async fn staff_reads_of_a_ticket_are_audited() {
    let server = TestServer::start().await;
    let (id, number) = register(&server, "req", "eais-l2").await;
    let admin = server.login("admin").await;
    let reads = || async {
        let (status, audit) = admin.get(&format!("/api/v1/admin/audit?object={id}&action=ticket_read")).await;
        assert_eq!(status, StatusCode::OK, "{audit}");
        audit
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["actor"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(reads().await.is_empty());
    let ana = server.login("ana").await;
    assert_eq!(ana.get(&format!("/api/v1/tickets/{number}")).await.0, StatusCode::OK);
    assert_eq!(reads().await, vec![server.user_id("ana")]);
    // The requester reading their own ticket is not an access to audit.
    let req = server.login("req").await;
    assert_eq!(req.get(&format!("/api/v1/tickets/{id}")).await.0, StatusCode::OK);
    assert_eq!(reads().await, vec![server.user_id("ana")]);
    // Nor is a read that is refused.
    let nina = server.login("nina").await;
    assert_eq!(nina.get(&format!("/api/v1/tickets/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(reads().await.len(), 1);
    assert_eq!(admin.get(&format!("/api/v1/tickets/{id}")).await.0, StatusCode::OK);
    assert_eq!(reads().await, vec![server.user_id("admin"), server.user_id("ana")]);
}
