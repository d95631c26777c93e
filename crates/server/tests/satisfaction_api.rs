//! 003 §6.1.12, §6.2.5 over loopback: the requester rates the answer of
//! their closed ticket once; a refusal names the field it is about; the
//! rating counts in the KPI report and its CSV. 002 §7.3.4: the portal is
//! told when the answer to a proposed reclassification is due. Runs on
//! both backends (`HELPDESK_TEST_BACKEND=postgres`).

mod common;

use common::{act, register, TestServer};
use reqwest::StatusCode;
use serde_json::json;

async fn closed_ticket(server: &TestServer) -> String {
    let (_, number) = register(server, "req", "eais-l2").await;
    let ana = server.login("ana").await;
    assert_eq!(act(&ana, &number, json!({"op": "take"})).await.0, StatusCode::OK);
    let (status, body) = act(&ana, &number, json!({"op": "resolve", "code": "fixed", "text": "Оновлено сертифікат"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let req = server.login("req").await;
    let (status, body) = act(&req, &number, json!({"op": "close", "basis": "confirmed"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    number
}

#[tokio::test]
async fn c003_s6_1_12_a_requester_rates_once_and_the_kpi_counts_it() {
    let server = TestServer::start().await;
    let first = closed_ticket(&server).await;
    let second = closed_ticket(&server).await;
    let req = server.login("req").await;

    // The closed ticket offers the rating to its requester.
    let (_, offered) = req.get(&format!("/api/v1/tickets/{first}/actions")).await;
    let rate = offered.as_array().unwrap().iter().find(|a| a["op"] == "rate").expect("rate is offered");
    assert!(rate.get("refused").is_none(), "{rate}");

    // Off the scale: refused, naming the field.
    let (status, body) = act(&req, &first, json!({"op": "rate", "score": 9, "comment": ""})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_input")),
        "{body}"
    );
    assert_eq!(body["fields"], json!(["score"]), "{body}");

    let (status, body) = act(&req, &first, json!({"op": "rate", "score": 5, "comment": "Швидко"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["ticket"]["satisfaction"]["score"], 5);
    assert_eq!(body["ticket"]["status"], "closed");
    let (status, body) = act(&req, &second, json!({"op": "rate", "score": 2})).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Once: a second rating is refused and the first stays.
    let (status, body) = act(&req, &first, json!({"op": "rate", "score": 1, "comment": "передумав"})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("same_value")), "{body}");
    assert_eq!(body["fields"], json!(["satisfaction"]), "{body}");
    let (_, view) = req.get(&format!("/api/v1/tickets/{first}")).await;
    assert_eq!(view["ticket"]["satisfaction"]["score"], 5);
    let rated: Vec<&serde_json::Value> = view["events"].as_array().unwrap().iter().filter(|e| e["kind"]["type"] == "rated").collect();
    assert_eq!(rated.len(), 1, "the requester sees their rating in the history once: {view}");
    // Another requester may not rate it.
    let (status, _) = act(&server.login("req2").await, &first, json!({"op": "rate", "score": 1})).await;
    assert!(status == StatusCode::NOT_FOUND || status == StatusCode::FORBIDDEN, "{status}");

    // The KPI: two ratings in the group, mean 3.5; the CSV carries both figures.
    let lead = server.login("lead").await;
    let (status, report) = lead.get("/api/v1/reports/kpi?from=2026-11-01&to=2026-11-30&group=eais-l2").await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["total"]["rated"], 2, "{report}");
    assert_eq!(report["total"]["mean_satisfaction"].as_f64(), Some(3.5), "{report}");
    let csv = lead
        .http
        .get(format!(
            "{}/api/v1/reports/kpi.csv?from=2026-11-01&to=2026-11-30&period=month&group=eais-l2",
            lead.base
        ))
        .bearer_auth(lead.token.as_deref().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].ends_with(",rated,mean_satisfaction"), "{csv}");
    assert!(lines.iter().skip(1).any(|l| l.ends_with(",2,3.50")), "{csv}");
}

#[tokio::test]
async fn c002_s7_3_4_the_portal_learns_when_the_reclassification_answer_is_due() {
    let server = TestServer::start().await;
    let (_, number) = register(&server, "req", "eais-l2").await;
    let req = server.login("req").await;
    let (status, body) = req.get(&format!("/api/v1/tickets/{number}/reclassification-due")).await;
    assert_eq!((status, &body), (StatusCode::OK, &json!({"due": null})));

    let ana = server.login("ana").await;
    let propose = json!({"op": "propose_reclassification", "ticket_type": "consultation", "note": "Це питання, а не збій"});
    let (status, body) = act(&ana, &number, propose).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = req.get(&format!("/api/v1/tickets/{number}/reclassification-due")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let due: chrono::DateTime<chrono::Utc> = body["due"].as_str().expect("a due time").parse().unwrap();
    let asked: chrono::DateTime<chrono::Utc> = "2026-11-23T07:00:00Z".parse().unwrap();
    assert!(due > asked && due - asked <= chrono::Duration::days(4), "one working day from {asked}: {due}");
    // Not a ticket of theirs: not found.
    let (status, _) = server.login("req2").await.get(&format!("/api/v1/tickets/{number}/reclassification-due")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
