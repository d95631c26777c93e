//! Timing of the pull at the size the bench measures: 10,000 tickets of an
//! analyst's group, each with 5 comments and their events, and 2,000 KB
//! articles. Ignored by default (it seeds for a while); run with
//! `cargo test -p helpdesk-server --test sync_perf -- --ignored --nocapture`
//! (the budget — full pull ≤ 1 s, empty incremental pull p50 ≤ 2 ms — is
//! for an optimised build; the test prints the timings and checks the
//! result, not the budget).

mod common;

use common::*;
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{register, NewTicket, Visibility};
use helpdesk_domain::workflow::apply;
use helpdesk_protocol::PullRequest;
use helpdesk_server::app::tickets::ticket_buckets;
use helpdesk_server::store::changes::{self, EntityKind};
use helpdesk_server::store::tickets as ticket_store;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

fn seed(server: &TestServer, tickets: usize, articles: usize) {
    let app = &server.app;
    let ana = app.authenticate(&app.login("ana", PASSWORD, "").unwrap().token).unwrap().actor;
    let olga = server.user_id("olga");
    let req = server.user_id("req");
    let now = server.now();
    let mut start = 0;
    while start < tickets {
        let end = (start + 500).min(tickets);
        app.store
            .write(|tx| {
                for n in start + 1..=end {
                    let mut new: NewTicket = serde_json::from_value(new_incident(Some(&req), "eais-l2")).unwrap();
                    new.id = format!("t-perf{n:06}");
                    new.number = format!("HD-2026-{n:06}");
                    new.line = Some(helpdesk_domain::Line::L2);
                    let applied = register(new, &olga, now).unwrap();
                    let mut ticket = applied.ticket;
                    let mut events = applied.events;
                    let mut ops = vec![Op::Take {}];
                    for k in 0..5 {
                        ops.push(Op::Comment {
                            visibility: if k % 2 == 0 { Visibility::Internal } else { Visibility::Public },
                            text: format!("Коментар {k}: перевірили журнал подій сервера ЄАІС, помилка повторюється при відкритті МД номер {n}."),
                            attachments: vec![],
                        });
                    }
                    for op in &ops {
                        let a = apply(&ticket, op, &ana, now).unwrap();
                        ticket = a.ticket;
                        events.extend(a.events);
                    }
                    ticket_store::save(tx, &ticket, "customs-helpdesk", &events, &ticket.comments, None)?;
                    changes::record(tx, EntityKind::Ticket, &ticket.id, Some(ticket.version), &ticket_buckets(&ticket))?;
                }
                Ok::<_, helpdesk_server::store::StoreError>(())
            })
            .unwrap();
        start = end;
    }
    app.store
        .write(|tx| {
            let kb = BTreeSet::from(["kb".to_string()]);
            for i in 0..articles {
                let id = format!("kb-{i:05}");
                let doc = json!({
                    "id": id, "title": format!("Як відкрити МД, якщо ЄАІС повертає помилку {i}"),
                    "body": "Крок за кроком: очистіть кеш, перевірте сертифікат, перезапустіть клієнт. ".repeat(20),
                    "category": "ЄАІС", "tags": ["мд", "помилка"], "language": "uk", "status": "published",
                    "public": i % 2 == 0, "review_due": null, "author": "u-x", "version": 1,
                    "updated_at": "2026-11-20T10:00:00Z"
                });
                tx.execute(
                    "INSERT INTO kb_articles(id, status, public, language, review_due, updated_at, doc) VALUES (?1, 'published', 1, 'uk', NULL, 0, ?2)",
                    helpdesk_server::args![id.as_str(), doc.to_string()],
                )?;
                changes::record(tx, EntityKind::Article, &id, None, &kb)?;
            }
            Ok::<_, helpdesk_server::store::StoreError>(())
        })
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "seeds 10,000 tickets; run on demand"]
async fn full_and_empty_pull_timings() {
    let server = TestServer::start().await;
    let t = Instant::now();
    seed(&server, 10_000, 2_000);
    println!("seeded in {:?}", t.elapsed());
    let ana = server.login("ana").await;

    // In process: the server's own work.
    let caller = server.app.authenticate(ana.token.as_deref().unwrap()).unwrap();
    let mut request = PullRequest {
        client_id: "perf".into(),
        schema_version: helpdesk_protocol::SCHEMA_VERSION,
        buckets: BTreeMap::new(),
        max_bytes: None,
        deltas: false,
    };
    let t = Instant::now();
    let (mut pages, mut bytes, mut count) = (0, 0, 0);
    let mut serving = std::time::Duration::ZERO;
    loop {
        let t = Instant::now();
        let json = server.app.pull_json(&caller, &request).unwrap();
        serving += t.elapsed();
        bytes += json.len();
        let page: helpdesk_protocol::PullResponse = serde_json::from_slice(&json).unwrap();
        pages += 1;
        count += page.changes.len();
        request.buckets = page.cursors;
        if !page.has_more {
            break;
        }
    }
    println!(
        "in process: {count} changes, {pages} pages, {} MiB, {:?} ({serving:?} serving)",
        bytes >> 20,
        t.elapsed()
    );
    assert_eq!(
        count,
        10_000 * 2 + 2_000,
        "each ticket in the group and in the owner's bucket, and the articles"
    );

    // Over HTTP with zstd, as the app pulls.
    let t = Instant::now();
    let mut cursors: BTreeMap<String, u64> = BTreeMap::new();
    let mut pages = 0;
    loop {
        let (status, page) = ana
            .post("/api/v1/sync/pull", json!({"client_id": "perf", "schema_version": 1, "buckets": cursors}))
            .await;
        assert_eq!(status, 200);
        pages += 1;
        cursors = serde_json::from_value(page["cursors"].clone()).unwrap();
        if page["has_more"] == false {
            break;
        }
    }
    println!("over HTTP: {pages} pages, {:?}", t.elapsed());

    let mut times = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let (status, page) = ana
            .post("/api/v1/sync/pull", json!({"client_id": "perf", "schema_version": 1, "buckets": cursors}))
            .await;
        times.push(t.elapsed());
        assert_eq!(status, 200);
        assert!(page["changes"].as_array().unwrap().is_empty());
    }
    times.sort();
    println!("empty pull over HTTP: p50 {:?}, p95 {:?}", times[100], times[190]);
}
