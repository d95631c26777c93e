//! The knowledge base's editorial cycle over real HTTP (003 §1.5.10, §4.16,
//! §5.1): no approval of one's own text, revisions of published articles
//! that readers do not see until they are published, the daily review job
//! and "reviewed", operators' remarks and usage statistics.

mod common;

use chrono::Duration;
use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn article(body: &str, review_due: &str) -> Value {
    json!({
        "title": "Помилка 500 при відкритті МД",
        "body": body,
        "category": "ЄАІС",
        "tags": ["декларація"],
        "language": "uk",
        "review_due": review_due
    })
}

async fn step(client: &Client, path: &str, to: &str) -> (StatusCode, Value) {
    client.post(path, json!({ "to": to })).await
}

/// A published article of `author`, approved by `approver`.
async fn published(author: &Client, approver: &Client, body: &str, review_due: &str) -> String {
    let (status, created) = author.post("/api/v1/kb", article(body, review_due)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/kb/{id}/transition");
    for (who, to) in [(author, "review"), (approver, "approved"), (author, "published")] {
        let (status, body) = step(who, &path, to).await;
        assert_eq!(status, StatusCode::OK, "{to}: {body}");
    }
    id
}

async fn read(client: &Client, id: &str) -> Value {
    client.get(&format!("/api/v1/kb/{id}")).await.1
}

#[tokio::test(flavor = "multi_thread")]
async fn c003_s1_5_10_the_author_cannot_approve_their_own_article() {
    let server = TestServer::start().await;
    let nina = server.login("nina").await;
    let admin = server.login("admin").await;
    let (_, created) = nina.post("/api/v1/kb", article("Очистіть кеш.", "2027-05-01")).await;
    let id = created["id"].as_str().unwrap();
    let path = format!("/api/v1/kb/{id}/transition");
    assert_eq!(step(&nina, &path, "review").await.0, StatusCode::OK);
    let (status, refused) = step(&nina, &path, "approved").await;
    assert_eq!((status, refused["code"].as_str()), (StatusCode::FORBIDDEN, Some("own_approval")), "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("1.5.10"), "{refused}");
    let (_, still) = nina.get(&format!("/api/v1/kb/{id}")).await;
    assert_eq!(
        (still["status"].as_str(), still["version"].as_u64()),
        (Some("review"), Some(2)),
        "nothing changed"
    );
    let (status, approved) = step(&admin, &path, "approved").await;
    assert_eq!((status, approved["status"].as_str()), (StatusCode::OK, Some("approved")), "{approved}");

    // Editing an approved text voids the approval (it is not the approved text any more).
    let (status, edited) = nina.put(&format!("/api/v1/kb/{id}"), article("Очистіть кеш і cookies.", "2027-05-01")).await;
    assert_eq!((status, edited["status"].as_str()), (StatusCode::OK, Some("draft")), "{edited}");
}

#[tokio::test(flavor = "multi_thread")]
async fn c003_s5_1_6_the_published_text_stays_while_its_revision_is_reviewed() {
    let server = TestServer::start().await;
    let nina = server.login("nina").await;
    let admin = server.login("admin").await;
    let ana = server.login("ana").await;
    let id = published(&nina, &admin, "Очистіть кеш браузера.", "2027-05-01").await;
    let before = read(&ana, &id).await;
    assert_eq!((before["version"].as_u64(), before["body"].as_str()), (Some(4), Some("Очистіть кеш браузера.")));

    let (status, revision) = admin
        .put(
            &format!("/api/v1/kb/{id}/revision?base_version=4"),
            article("Очистіть кеш браузера і перезапустіть ЄАІС.", "2027-05-01"),
        )
        .await;
    assert_eq!((status, revision["status"].as_str()), (StatusCode::OK, Some("draft")), "{revision}");
    assert_eq!(revision["author"], server.user_id("admin"));
    assert_eq!(revision["base_version"], 4);
    let path = format!("/api/v1/kb/{id}/revision/transition");
    assert_eq!(step(&admin, &path, "review").await.0, StatusCode::OK);
    let (status, refused) = step(&admin, &path, "approved").await;
    assert_eq!((status, refused["code"].as_str()), (StatusCode::FORBIDDEN, Some("own_approval")), "{refused}");
    let (status, refused) = step(&admin, &path, "published").await;
    assert_eq!((status, refused["code"].as_str()), (StatusCode::CONFLICT, Some("wrong_status")), "{refused}");
    assert_eq!(step(&nina, &path, "approved").await.0, StatusCode::OK);
    assert_eq!(read(&ana, &id).await, before, "readers see the published text until the revision is published");
    assert_eq!(
        ana.get(&format!("/api/v1/kb/{id}/revision")).await.0,
        StatusCode::FORBIDDEN,
        "revisions are the editors'"
    );

    let (status, outcome) = step(&admin, &path, "published").await;
    assert_eq!(status, StatusCode::OK, "{outcome}");
    assert!(outcome["revision"].is_null());
    let after = read(&ana, &id).await;
    assert_eq!(
        (after["version"].as_u64(), after["status"].as_str(), after["body"].as_str()),
        (Some(5), Some("published"), Some("Очистіть кеш браузера і перезапустіть ЄАІС."))
    );
    assert_eq!(admin.get(&format!("/api/v1/kb/{id}/revision")).await.0, StatusCode::NOT_FOUND);

    // A withdrawn revision leaves the article as it was.
    let (status, _) = nina.put(&format!("/api/v1/kb/{id}"), article("Чернетка, яку відкликають.", "2027-05-01")).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(step(&nina, &path, "archived").await.0, StatusCode::OK);
    assert_eq!(read(&ana, &id).await, after);
}

#[tokio::test(flavor = "multi_thread")]
async fn c003_s5_1_5_the_daily_job_flags_overdue_articles_once_and_reviewed_moves_the_date() {
    let server = TestServer::start().await; // 2026-11-23, Kyiv
    let nina = server.login("nina").await;
    let admin = server.login("admin").await;
    let due_soon = published(&nina, &admin, "Строк перегляду — 25 листопада.", "2026-11-25").await;
    let _later = published(&admin, &nina, "Строк перегляду — наступного року.", "2027-11-25").await;

    assert_eq!(server.app.kb_review_sweep(server.now()).unwrap(), Vec::<String>::new(), "not due yet");
    server.advance(Duration::days(2)); // 25 November: the review date itself is not past
    assert!(server.app.kb_review_sweep(server.now()).unwrap().is_empty());
    server.advance(Duration::days(1));
    assert_eq!(server.app.kb_review_sweep(server.now()).unwrap(), vec![due_soon.clone()]);
    assert!(server.app.kb_review_sweep(server.now()).unwrap().is_empty(), "flagged once per date");
    let (nina, admin) = (server.login("nina").await, server.login("admin").await); // sign-ins last 12 h

    let (status, due) = nina.get("/api/v1/kb/review-due?mine=true").await;
    assert_eq!(status, StatusCode::OK, "{due}");
    assert_eq!(due.as_array().unwrap().len(), 1, "{due}");
    assert_eq!(
        (due[0]["article"]["id"].as_str(), due[0]["overdue_days"].as_i64()),
        (Some(due_soon.as_str()), Some(1))
    );
    assert!(due[0]["flagged_at"].is_string(), "{due}");
    let (_, theirs) = admin.get("/api/v1/kb/review-due?mine=true").await;
    assert_eq!(theirs, json!([]), "admin owns no overdue article");
    let (status, audit) = admin.get(&format!("/api/v1/admin/audit?action=kb.review_overdue&object={due_soon}")).await;
    assert_eq!(status, StatusCode::OK, "{audit}");
    assert_eq!(audit[0]["detail"]["owner"], server.user_id("nina"), "{audit}");
    let ana = server.login("ana").await;
    assert_eq!(ana.get("/api/v1/kb/review-due").await.0, StatusCode::FORBIDDEN);

    let (status, refused) = nina
        .post(&format!("/api/v1/kb/{due_soon}/reviewed"), json!({"next_review": "2026-11-26"}))
        .await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("review_not_later")),
        "{refused}"
    );
    let (status, reviewed) = nina
        .post(
            &format!("/api/v1/kb/{due_soon}/reviewed"),
            json!({"comment": "Актуально, посилання перевірено"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reviewed}");
    assert_eq!(
        (reviewed["review_due"].as_str(), reviewed["status"].as_str()),
        (Some("2027-11-26"), Some("published"))
    );
    assert_eq!(nina.get("/api/v1/kb/review-due").await.1, json!([]));
    let (_, comments) = nina.get(&format!("/api/v1/kb/{due_soon}/comments")).await;
    assert_eq!(comments[0]["text"], "Актуально, посилання перевірено");
}

#[tokio::test(flavor = "multi_thread")]
async fn c003_s5_1_8_and_s5_1_9_operators_remarks_and_usage_are_visible() {
    let server = TestServer::start().await;
    let nina = server.login("nina").await;
    let admin = server.login("admin").await;
    let ana = server.login("ana").await;
    let id = published(&nina, &admin, "Очистіть кеш.", "2027-05-01").await;
    for _ in 0..2 {
        assert_eq!(ana.get(&format!("/api/v1/kb/{id}")).await.0, StatusCode::OK);
    }
    let (status, _) = ana
        .post(&format!("/api/v1/kb/{id}/comments"), json!({"text": "Не допомагає для Firefox"}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, number) = register(&server, "req", "eais-l2").await;
    assert_eq!(act(&ana, &number, json!({"op": "take"})).await.0, StatusCode::OK);
    let (status, body) = act(&ana, &number, json!({"op": "link_kb", "article": id})).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (status, usage) = nina.get(&format!("/api/v1/kb/{id}/usage")).await;
    assert_eq!(status, StatusCode::OK, "{usage}");
    assert_eq!(
        (usage["views"].as_u64(), usage["tickets"].as_u64(), usage["comments"].as_u64()),
        (Some(2), Some(1), Some(1)),
        "{usage}"
    );
    let (_, remarks) = nina.get(&format!("/api/v1/kb/{id}/comments")).await;
    assert_eq!(
        (remarks[0]["author"].as_str(), remarks[0]["text"].as_str()),
        (Some(server.user_id("ana").as_str()), Some("Не допомагає для Firefox"))
    );
}
