//! KPIs of 000 §13.6 over real HTTP: share within SLA, breach rate and MTTR
//! by group and in total, decided by the SLA engine from the audit trail.

mod common;

use chrono::Duration;
use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn register(server: &TestServer, olga: &Client, group: &str) -> String {
    let (status, created) = olga.post("/api/v1/tickets", new_incident(Some(&server.user_id("req")), group)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["ticket"]["priority"], 2); // customs-helpdesk: reaction 30 min, resolution 8 h, 24×7
    created["ticket"]["number"].as_str().unwrap().to_string()
}

async fn op(client: &Client, number: &str, op: Value) {
    let (status, body) = client.post(&format!("/api/v1/tickets/{number}/ops"), json!({ "op": op })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

fn row<'a>(report: &'a Value, group: &str) -> &'a Value {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["group"] == group)
        .unwrap_or_else(|| panic!("no row {group}: {report}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn kpis_by_group_and_total() {
    let server = TestServer::start().await;
    let start = server.now();
    let olga = server.login("olga").await;
    let ana = server.login("ana").await;
    let bob = server.login("bob").await;
    let nina = server.login("nina").await;
    let t1 = register(&server, &olga, "eais-l2").await; // taken in 10 min, resolved in 2 h: within
    let t2 = register(&server, &olga, "eais-l2").await; // taken after 1 h: reaction breached
    let t3 = register(&server, &olga, "ncts-l2").await; // never taken: reaction breached while running
    let t4 = register(&server, &olga, "ncts-l2").await; // taken in 10 min, open: within so far
    let _ = &t3;

    server.advance(Duration::minutes(10));
    op(&ana, &t1, json!({"op": "take"})).await;
    op(&nina, &t4, json!({"op": "take"})).await;
    server.advance(Duration::minutes(50));
    op(&bob, &t2, json!({"op": "take"})).await;
    server.advance(Duration::minutes(60));
    op(&ana, &t1, json!({"op": "resolve", "code": "fixed", "text": "Кеш очищено"})).await;
    server.advance(Duration::minutes(60));
    op(&bob, &t2, json!({"op": "resolve", "code": "fixed", "text": "Права надано"})).await;

    let from = (start - Duration::minutes(1)).to_rfc3339().replace('+', "%2B");
    let to = (server.now() + Duration::minutes(1)).to_rfc3339().replace('+', "%2B");
    let admin = server.login("admin").await;
    let (status, report) = admin.get(&format!("/api/v1/reports/kpi?from={from}&to={to}")).await;
    assert_eq!(status, StatusCode::OK, "{report}");

    let eais = row(&report, "eais-l2");
    assert_eq!((eais["tickets"].as_u64(), eais["resolved"].as_u64()), (Some(2), Some(2)), "{eais}");
    assert_eq!((eais["within_sla"].as_u64(), eais["breached"].as_u64()), (Some(1), Some(1)), "{eais}");
    assert_eq!(eais["share_within_sla"].as_f64(), Some(0.5));
    assert_eq!(eais["breach_rate"].as_f64(), Some(0.5));
    assert_eq!(eais["mttr_seconds"].as_f64(), Some(9000.0), "(2 h + 3 h) / 2");
    let ncts = row(&report, "ncts-l2");
    assert_eq!((ncts["tickets"].as_u64(), ncts["resolved"].as_u64()), (Some(2), Some(0)));
    assert_eq!((ncts["within_sla"].as_u64(), ncts["breached"].as_u64()), (Some(1), Some(1)), "{ncts}");
    assert!(ncts["mttr_seconds"].is_null());
    let idle = row(&report, "cc-l1");
    assert_eq!(idle["tickets"], 0);
    assert!(idle["share_within_sla"].is_null() && idle["breach_rate"].is_null());
    let total = &report["total"];
    assert_eq!(total["group"], "all");
    assert_eq!(
        (total["tickets"].as_u64(), total["within_sla"].as_u64(), total["breached"].as_u64()),
        (Some(4), Some(2), Some(2))
    );
    assert_eq!(total["mttr_seconds"].as_f64(), Some(9000.0));

    // Analysts: their own groups only.
    let (status, mine) = ana.get(&format!("/api/v1/reports/kpi?from={from}&to={to}")).await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert_eq!(mine["rows"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine["rows"][0]["group"], "eais-l2");
    assert_eq!(mine["total"]["tickets"], 2);
    let (status, body) = ana.get(&format!("/api/v1/reports/kpi?from={from}&to={to}&group=ncts-l2")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    let (status, one) = admin.get(&format!("/api/v1/reports/kpi?from={from}&to={to}&group=ncts-l2")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["rows"].as_array().unwrap().len(), 1);
    assert_eq!(one["total"]["tickets"], 2);

    // Dates are whole days in Kyiv; the default period is the last 30 days.
    let (_, by_day) = admin.get("/api/v1/reports/kpi?from=2026-11-23&to=2026-11-23").await;
    assert_eq!(by_day["total"]["tickets"], 4, "{by_day}");
    let unescaped = (start - Duration::minutes(1))
        .with_timezone(&chrono::FixedOffset::east_opt(2 * 3600).unwrap())
        .to_rfc3339();
    let (status, plus) = admin.get(&format!("/api/v1/reports/kpi?from={unescaped}")).await;
    assert_eq!(
        (status, plus["total"]["tickets"].as_u64()),
        (StatusCode::OK, Some(4)),
        "an unescaped + offset: {plus}"
    );
    let (_, default) = admin.get("/api/v1/reports/kpi").await;
    assert_eq!(default["total"]["tickets"], 4, "{default}");
    let (_, before) = admin.get("/api/v1/reports/kpi?from=2026-10-01&to=2026-10-31").await;
    assert_eq!(before["total"]["tickets"], 0);
    assert!(before["total"]["mttr_seconds"].is_null());

    // Self Service: no reports. Bad input: 4xx with a reason.
    let req = server.login("req").await;
    assert_eq!(req.get("/api/v1/reports/kpi").await.0, StatusCode::FORBIDDEN);
    for (query, expected) in [
        ("from=yesterday", StatusCode::BAD_REQUEST),
        ("from=2026-11-30&to=2026-11-01", StatusCode::BAD_REQUEST),
        ("group=nope", StatusCode::NOT_FOUND),
        ("colour=red", StatusCode::BAD_REQUEST),
    ] {
        let (status, body) = admin.get(&format!("/api/v1/reports/kpi?{query}")).await;
        assert_eq!(status, expected, "{query}: {body}");
        assert!(body["code"].is_string() && body["message"].is_string(), "{body}");
    }
}
