//! The knowledge base over real HTTP (SPEC §4): the editors' workflow,
//! who reads what, ranked search with snippets, comments, usage, the sync
//! change log, the audit trail, and bad input.

mod common;

use common::*;
use helpdesk_protocol::Article;
use helpdesk_server::store::changes;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn article(title: &str, body: &str, language: &str) -> Value {
    json!({
        "title": title,
        "body": body,
        "category": "ЄАІС",
        "tags": ["декларація", "помилка"],
        "language": language,
        "review_due": "2027-05-01"
    })
}

async fn create(client: &Client, body: Value) -> Value {
    let (status, created) = client.post("/api/v1/kb", body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created
}

async fn move_to(client: &Client, id: &str, to: &str) -> Value {
    let (status, moved) = client.post(&format!("/api/v1/kb/{id}/transition"), json!({"to": to})).await;
    assert_eq!(status, StatusCode::OK, "{to}: {moved}");
    moved
}

/// Through review to publication; `approver` approves (the author may not:
/// 003 §1.5.10).
async fn publish(client: &Client, approver: &Client, id: &str) -> Value {
    move_to(client, id, "review").await;
    move_to(approver, id, "approved").await;
    move_to(client, id, "published").await;
    let (_, a) = client.get(&format!("/api/v1/kb/{id}")).await;
    a
}

/// (removed, seq) of the article's latest change in `bucket`, if any.
fn change_in(server: &TestServer, bucket: &str, id: &str) -> Option<(bool, u64)> {
    server
        .app
        .store
        .read(|c| changes::page(c, bucket, 0, 1000))
        .unwrap()
        .into_iter()
        .find(|r| r.entity == id)
        .map(|r| (r.removed, r.seq))
}

#[tokio::test(flavor = "multi_thread")]
async fn workflow_visibility_sync_and_audit() {
    let server = TestServer::start().await;
    let nina = server.login("nina").await; // KB editor
    let ana = server.login("ana").await; // analyst
    let req = server.login("req").await; // Self Service

    let draft = create(&nina, article("Помилка 500 при відкритті МД", "Очистіть кеш браузера і увійдіть знову.", "uk")).await;
    let id = draft["id"].as_str().unwrap().to_string();
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["version"], 1);
    assert_eq!(draft["author"], server.user_id("nina"));
    assert_eq!(draft["review_due"], "2027-05-01");

    // The doc column is exactly the wire Article the sync pull serves.
    let doc: String = server
        .app
        .store
        .read(|c| c.scalar::<String>("SELECT doc FROM kb_articles WHERE id = ?1", helpdesk_server::args![id.as_str()]))
        .unwrap();
    let stored: Article = serde_json::from_str(&doc).unwrap();
    assert_eq!(serde_json::to_value(&stored).unwrap(), draft);

    // A draft: editors only.
    assert_eq!(ana.get(&format!("/api/v1/kb/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(req.get(&format!("/api/v1/kb/{id}")).await.0, StatusCode::NOT_FOUND);
    let (_, list) = ana.get("/api/v1/kb").await;
    assert_eq!(list["total"], 0, "{list}");
    let (_, list) = nina.get("/api/v1/kb").await;
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(change_in(&server, "kb", &id), None, "a draft is in no bucket");

    // Only editors write or move.
    let (status, body) = ana.post("/api/v1/kb", article("x", "y", "uk")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    let (status, _) = ana.post(&format!("/api/v1/kb/{id}/transition"), json!({"to": "review"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = req.put(&format!("/api/v1/kb/{id}"), article("x", "y", "uk")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The workflow: no skipping; review → draft for rework with a comment.
    let (status, body) = nina.post(&format!("/api/v1/kb/{id}/transition"), json!({"to": "published"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("wrong_status")), "{body}");
    assert!(body["message"].as_str().unwrap().contains("review"), "{body}");
    move_to(&nina, &id, "review").await;
    let (status, reworked) = nina
        .post(&format!("/api/v1/kb/{id}/transition"), json!({"to": "draft", "comment": "Додайте скриншот"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{reworked}");
    assert_eq!(reworked["status"], "draft");
    assert_eq!(reworked["version"], 3);
    let admin = server.login("admin").await;
    let published = publish(&nina, &admin, &id).await;
    assert_eq!(published["status"], "published");
    assert_eq!(published["version"], 6);

    // Published: the desk reads it, Self Service not (not public).
    assert_eq!(ana.get(&format!("/api/v1/kb/{id}")).await.0, StatusCode::OK);
    assert_eq!(req.get(&format!("/api/v1/kb/{id}")).await.0, StatusCode::NOT_FOUND);
    let (published_gone, first_seq) = change_in(&server, "kb", &id).expect("published → kb bucket");
    assert!(!published_gone);
    assert_eq!(change_in(&server, "kb:public", &id), None);

    // An editor edits the published article: a revision (003 §5.1.6) that
    // is approved by another editor, then replaces the text: version bump,
    // still published, now public, recorded again in both buckets.
    let mut edit = article("Помилка 500 при відкритті МД", "Очистіть кеш браузера, увійдіть знову.", "uk");
    edit["public"] = json!(true);
    let (status, revision) = nina.put(&format!("/api/v1/kb/{id}?base_version=6"), edit.clone()).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{revision}");
    assert_eq!(revision["status"], "draft");
    let revise = |to: &'static str| json!({ "to": to });
    assert_eq!(
        nina.post(&format!("/api/v1/kb/{id}/revision/transition"), revise("review")).await.0,
        StatusCode::OK
    );
    assert_eq!(
        admin.post(&format!("/api/v1/kb/{id}/revision/transition"), revise("approved")).await.0,
        StatusCode::OK
    );
    let (status, outcome) = nina.post(&format!("/api/v1/kb/{id}/revision/transition"), revise("published")).await;
    assert_eq!(status, StatusCode::OK, "{outcome}");
    let edited = &outcome["article"];
    assert_eq!((edited["version"].as_u64(), edited["status"].as_str()), (Some(7), Some("published")));
    let (_, seq) = change_in(&server, "kb", &id).unwrap();
    assert!(seq > first_seq);
    assert_eq!(change_in(&server, "kb:public", &id).map(|c| c.0), Some(false));
    let (status, seen) = req.get(&format!("/api/v1/kb/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    // A stale edit is a conflict and changes nothing.
    let (status, body) = nina.put(&format!("/api/v1/kb/{id}?base_version=6"), edit.clone()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("conflict")));

    // Archived: gone for readers (REMOVE in both buckets), frozen for edits.
    move_to(&nina, &id, "archived").await;
    assert_eq!(change_in(&server, "kb", &id).map(|c| c.0), Some(true));
    assert_eq!(change_in(&server, "kb:public", &id).map(|c| c.0), Some(true));
    assert_eq!(ana.get(&format!("/api/v1/kb/{id}")).await.0, StatusCode::NOT_FOUND);
    let (status, body) = nina.put(&format!("/api/v1/kb/{id}"), edit).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("wrong_status")));
    let revived = move_to(&nina, &id, "draft").await;
    assert_eq!(revived["version"], 9);

    // Administrators are editors too.
    move_to(&admin, &id, "review").await;

    // Each move is audited, with who and from/to.
    let (status, audit) = admin.get(&format!("/api/v1/admin/audit?action=kb.transition&object={id}")).await;
    assert_eq!(status, StatusCode::OK, "{audit}");
    let moves = audit.as_array().unwrap();
    assert_eq!(moves.len(), 8, "{audit}");
    assert_eq!(moves[0]["actor"], server.user_id("admin"));
    assert_eq!(
        (moves[0]["detail"]["from"].as_str(), moves[0]["detail"]["to"].as_str()),
        (Some("draft"), Some("review"))
    );

    // The rework comment is kept with the article's comments.
    let (status, comments) = nina.get(&format!("/api/v1/kb/{id}/comments")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(comments[0]["text"], "Додайте скриншот");
}

#[tokio::test(flavor = "multi_thread")]
async fn search_ranks_filters_and_snippets() {
    let server = TestServer::start().await;
    let admin = server.login("admin").await;
    let nina = server.login("nina").await;
    let ana = server.login("ana").await;
    let req = server.login("req").await;

    let title_hit = create(&nina, article("Митна декларація не відкривається", "Перевірте права доступу до ЄАІС.", "uk")).await;
    let body_hit = create(
        &nina,
        json!({"title": "Права доступу", "body": "Як отримати доступ до модуля. Якщо митна декларація не зберігається, зверніться до адміністратора.", "language": "uk", "category": "Доступ", "public": true}),
    )
    .await;
    let russian = create(
        &nina,
        json!({"title": "Таможенная декларация: ошибка подписи", "body": "Переустановите ключ.", "language": "ru", "category": "ЄАІС"}),
    )
    .await;
    let draft = create(&nina, article("Декларація: чернетка", "Ще не готово", "uk")).await;
    // Other articles, so that the searched words are rare (bm25's IDF).
    let mut fillers = Vec::new();
    for (i, topic) in [
        "Сертифікати ключів",
        "Друк митних документів",
        "Оновлення браузера",
        "Журнал подій",
        "Резервне копіювання",
    ]
    .iter()
    .enumerate()
    {
        fillers.push(
            create(
                &nina,
                json!({"title": topic, "body": format!("Інструкція номер {i} для операторів."), "language": "uk"}),
            )
            .await,
        );
    }
    for a in fillers.iter().chain([&title_hit, &body_hit, &russian]) {
        publish(&nina, &admin, a["id"].as_str().unwrap()).await;
    }

    // Prefix search, ranked by bm25 (a title match first), with a snippet.
    let (status, found) = ana.get("/api/v1/kb?q=деклар").await;
    assert_eq!(status, StatusCode::OK, "{found}");
    let ids: Vec<&str> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(found["total"], 3, "the draft is not for analysts: {found}");
    assert_eq!(ids[2], body_hit["id"].as_str().unwrap(), "a match in the body only ranks last: {found}");
    assert!(!ids.contains(&draft["id"].as_str().unwrap()));
    let title_matches = [title_hit["id"].as_str().unwrap(), russian["id"].as_str().unwrap()];
    assert!(
        title_matches.contains(&ids[0]) && title_matches.contains(&ids[1]),
        "title matches first: {found}"
    );
    let hit = &found["items"][0];
    assert!(hit["snippet"].as_str().unwrap().contains("**"), "{hit}");
    assert!(hit["score"].as_f64().unwrap() >= found["items"][2]["score"].as_f64().unwrap());

    // Several words: all required; Ukrainian and Russian both searchable.
    let (_, found) = ana.get("/api/v1/kb?q=митна%20зберіг").await;
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["items"][0]["article"]["id"], body_hit["id"]);
    let (_, found) = ana.get("/api/v1/kb?q=таможенн").await;
    assert_eq!(found["items"][0]["article"]["id"], russian["id"], "{found}");

    // Filters.
    let (_, found) = ana.get("/api/v1/kb?language=ru").await;
    assert_eq!(found["total"], 1);
    let (_, found) = ana.get("/api/v1/kb?category=%D0%84%D0%90%D0%86%D0%A1").await; // ЄАІС
    assert_eq!(found["total"], 2, "{found}");
    let (_, found) = ana.get("/api/v1/kb?tag=помилка").await;
    assert_eq!(found["total"], 1, "{found}");
    let (_, found) = nina.get("/api/v1/kb?status=draft").await;
    assert_eq!(found["total"], 1);
    let (_, found) = ana.get("/api/v1/kb?status=draft").await;
    assert_eq!(found["total"], 0, "readers never see drafts");
    let (_, found) = nina.get("/api/v1/kb?review_due_before=2027-06-01").await;
    assert_eq!(found["total"], 2, "the two articles with a review date: {found}");

    // Self Service: only the published public article.
    let (_, found) = req.get("/api/v1/kb?q=деклар").await;
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["items"][0]["article"]["id"], body_hit["id"]);

    // A query of only punctuation lists everything visible; bad filters are 400.
    let (status, found) = ana.get("/api/v1/kb?q=%22%2A%28").await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found["total"], 8);
    let (status, found) = ana.get("/api/v1/kb?offset=18446744073709551615").await;
    assert_eq!((status, found["total"].as_u64()), (StatusCode::OK, Some(8)), "{found}");
    for bad in ["status=sleeping", "review_due_before=tomorrow", "limit=-1", "colour=red"] {
        let (status, body) = ana.get(&format!("/api/v1/kb?{bad}")).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_query")), "{bad}: {body}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_4xx_and_writes_nothing() {
    let server = TestServer::start().await;
    let nina = server.login("nina").await;
    let (status, body) = nina.post("/api/v1/kb", json!({"title": "  ", "body": "x", "language": "de"})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_article")),
        "{body}"
    );
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("title") && message.contains("language"), "{message}");
    let (status, _) = nina
        .post("/api/v1/kb", json!({"title": "t", "body": "b", "language": "uk", "author": "me"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "unknown fields are refused");
    let (status, _) = nina.post("/api/v1/kb", json!({"title": "t", "language": "uk"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "missing body");
    let (status, body) = nina.post_raw("/api/v1/kb", "application/json", b"{\"title\":".to_vec()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("malformed_json")));
    let (_, list) = nina.get("/api/v1/kb").await;
    assert_eq!(list["total"], 0, "nothing was written");
    let audit: i64 = server
        .app
        .store
        .read(|c| c.scalar::<i64>("SELECT count(*) FROM audit WHERE action LIKE 'kb.%'", &[]))
        .unwrap();
    assert_eq!(audit, 0);

    let a = create(&nina, json!({"title": "Т", "body": "Б", "language": "UK", "tags": [" a ", "a", "", "b"]})).await;
    assert_eq!(a["language"], "uk");
    assert_eq!(a["tags"], json!(["a", "b"]));
    let id = a["id"].as_str().unwrap();
    let (status, _) = nina.post(&format!("/api/v1/kb/{id}/transition"), json!({"to": "bogus"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = nina.post(&format!("/api/v1/kb/{id}/transition"), json!({"to": "draft"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "same status");
    let (status, body) = nina.post("/api/v1/kb/kb-nope/transition", json!({"to": "review"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (status, _) = nina.put("/api/v1/kb/kb-nope", json!({"title": "t", "body": "b", "language": "uk"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = nina
        .put(&format!("/api/v1/kb/{id}?base_version=x"), json!({"title": "t", "body": "b", "language": "uk"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = nina.post(&format!("/api/v1/kb/{id}/comments"), json!({"text": "   "})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, after) = nina.get(&format!("/api/v1/kb/{id}")).await;
    assert_eq!(after["version"], 1, "{after}");
}

#[tokio::test(flavor = "multi_thread")]
async fn comments_and_usage() {
    let server = TestServer::start().await;
    let admin = server.login("admin").await;
    let nina = server.login("nina").await;
    let ana = server.login("ana").await;
    let req = server.login("req").await;
    let a = create(&nina, article("Як скинути пароль", "Зверніться до адміністратора ЄАІС.", "uk")).await;
    let id = a["id"].as_str().unwrap().to_string();

    let (status, c1) = nina
        .post(&format!("/api/v1/kb/{id}/comments"), json!({"text": "Уточнити посилання на наказ"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c1}");
    assert_eq!(c1["author"], server.user_id("nina"));
    // The desk comments on what it reads (published), not on drafts.
    assert_eq!(
        ana.post(&format!("/api/v1/kb/{id}/comments"), json!({"text": "?"})).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(ana.get(&format!("/api/v1/kb/{id}/comments")).await.0, StatusCode::NOT_FOUND);
    publish(&nina, &admin, &id).await;
    let (status, _) = ana
        .post(&format!("/api/v1/kb/{id}/comments"), json!({"text": "Стаття застаріла: інше меню"}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, comments) = ana.get(&format!("/api/v1/kb/{id}/comments")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(comments.as_array().unwrap().len(), 2);
    assert_eq!(comments[1]["text"], "Стаття застаріла: інше меню");
    assert_eq!(req.get(&format!("/api/v1/kb/{id}/comments")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        req.post(&format!("/api/v1/kb/{id}/comments"), json!({"text": "?"})).await.0,
        StatusCode::FORBIDDEN
    );

    // A ticket links the article: usage counts it.
    let olga = server.login("olga").await;
    let (_, ticket) = olga.post("/api/v1/tickets", new_incident(Some(&server.user_id("req")), "eais-l2")).await;
    let number = ticket["ticket"]["number"].as_str().unwrap();
    assert_eq!(
        ana.post(&format!("/api/v1/tickets/{number}/ops"), json!({"op": {"op": "take"}})).await.0,
        StatusCode::OK
    );
    let (status, linked) = ana
        .post(&format!("/api/v1/tickets/{number}/ops"), json!({"op": {"op": "link_kb", "article": id}}))
        .await;
    assert_eq!(status, StatusCode::OK, "{linked}");
    let (status, usage) = ana.get(&format!("/api/v1/kb/{id}/usage")).await;
    assert_eq!(status, StatusCode::OK, "{usage}");
    assert_eq!(usage["tickets"], 1);
    assert!(usage["last_linked_at"].is_string());
    let (_, found) = ana.get("/api/v1/kb?q=пароль").await;
    assert_eq!(found["items"][0]["links"], 1, "{found}");
    assert_eq!(req.get(&format!("/api/v1/kb/{id}/usage")).await.0, StatusCode::FORBIDDEN);
}
