//! The sync API over real HTTP: push (seq order, stored results, gaps,
//! conflicts, held ops, ownership of client ids, schema versions) and pull
//! (buckets, REMOVEs, paging and resumption, what Self Service sees,
//! compression).

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

const SCHEMA: u32 = helpdesk_protocol::SCHEMA_VERSION;

/// Registers a ticket as `olga` (L1) for `requester` in `group`: (id, version).
async fn register(server: &TestServer, requester: Option<&str>, group: &str) -> (String, u64) {
    let olga = server.login("olga").await;
    let requester_id = requester.map(|u| server.user_id(u));
    let (status, body) = olga.post("/api/v1/tickets", new_incident(requester_id.as_deref(), group)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (body["ticket"]["id"].as_str().unwrap().to_string(), body["ticket"]["version"].as_u64().unwrap())
}

fn op(seq: u64, ticket: &str, base_version: u64, op: Value) -> Value {
    json!({
        "seq": seq,
        "op_id": format!("op-{seq}-{ticket}"),
        "ticket": ticket,
        "base_version": base_version,
        "device_time": "2026-11-23T07:30:00Z",
        "op": op,
    })
}

async fn push(client: &Client, client_id: &str, ops: Vec<Value>) -> (StatusCode, Value) {
    client
        .post("/api/v1/sync/push", json!({"client_id": client_id, "schema_version": SCHEMA, "ops": ops}))
        .await
}

async fn push_ok(client: &Client, client_id: &str, ops: Vec<Value>) -> Vec<Value> {
    let (status, body) = push(client, client_id, ops).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["results"].as_array().unwrap().clone()
}

async fn ticket(client: &Client, id: &str) -> Value {
    let (status, body) = client.get(&format!("/api/v1/tickets/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// A client's replica as the pull builds it: per bucket, each entity's
/// latest body, and the cursors.
#[derive(Debug, Clone, Default, PartialEq)]
struct Replica {
    rows: BTreeMap<(String, String), Value>,
    cursors: BTreeMap<String, u64>,
    /// Asks for tickets it holds as what changed (`deltas` in the pull).
    deltas: bool,
    /// Deltas applied, and tickets whose delta did not fit what was held.
    deltas_applied: usize,
    unfit: Vec<String>,
}

impl Replica {
    fn apply(&mut self, page: &Value) {
        for change in page["changes"].as_array().unwrap() {
            let bucket = change["bucket"].as_str().unwrap().to_string();
            let seq = change["seq"].as_u64().unwrap();
            assert!(
                seq > self.cursors.get(&bucket).copied().unwrap_or(0),
                "a change at or below the cursor: {change}"
            );
            match change["kind"].as_str().unwrap() {
                "ticket" => {
                    let id = change["ticket"]["ticket"]["id"].as_str().unwrap().to_string();
                    self.rows.insert((bucket, id), change["ticket"].clone());
                }
                "ticket_delta" => {
                    let delta: helpdesk_protocol::TicketDelta = serde_json::from_value(change["delta"].clone()).unwrap();
                    let id = delta.ticket.id.clone();
                    let held = self.rows.iter().find(|((_, held), _)| *held == id).map(|(_, v)| v.clone());
                    // Already as new (from another bucket of the same page): kept.
                    if let Some(held) = held.clone().filter(|h| h["ticket"]["version"].as_u64() >= Some(delta.ticket.version)) {
                        self.rows.insert((bucket, id), held);
                        continue;
                    }
                    match held.map(|v| delta.apply_to(serde_json::from_value(v).unwrap())) {
                        Some(Ok(view)) => {
                            self.deltas_applied += 1;
                            self.rows.insert((bucket, id), serde_json::to_value(view).unwrap());
                        }
                        _ => self.unfit.push(id),
                    }
                }
                "article" => {
                    let id = change["article"]["id"].as_str().unwrap().to_string();
                    self.rows.insert((bucket, id), change["article"].clone());
                }
                "remove_ticket" | "remove_article" => {
                    self.rows.remove(&(bucket, change["id"].as_str().unwrap().to_string()));
                }
                other => panic!("unknown change kind {other}"),
            }
        }
        let cursors: BTreeMap<String, u64> = serde_json::from_value(page["cursors"].clone()).unwrap();
        self.rows.retain(|(bucket, _), _| cursors.contains_key(bucket));
        self.cursors = cursors;
    }

    /// The tickets the client holds, by id (in any of its buckets).
    fn tickets(&self) -> BTreeMap<String, Value> {
        self.rows
            .values()
            .filter(|v| v.get("ticket").is_some())
            .map(|v| (v["ticket"]["id"].as_str().unwrap().to_string(), v.clone()))
            .collect()
    }

    fn ids_in(&self, bucket: &str) -> BTreeSet<String> {
        self.rows.keys().filter(|(b, _)| b == bucket).map(|(_, id)| id.clone()).collect()
    }
}

async fn pull_page(client: &Client, client_id: &str, cursors: &BTreeMap<String, u64>, max_bytes: Option<u64>) -> Value {
    pull_page_asking(client, client_id, cursors, max_bytes, false).await
}

async fn pull_page_asking(client: &Client, client_id: &str, cursors: &BTreeMap<String, u64>, max_bytes: Option<u64>, deltas: bool) -> Value {
    let (status, body) = client
        .post(
            "/api/v1/sync/pull",
            json!({"client_id": client_id, "schema_version": SCHEMA, "buckets": cursors, "max_bytes": max_bytes, "deltas": deltas}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// Pulls until `has_more` is false; the number of pages.
async fn pull_all(client: &Client, client_id: &str, replica: &mut Replica, max_bytes: Option<u64>) -> usize {
    let mut pages = 0;
    loop {
        let page = pull_page_asking(client, client_id, &replica.cursors, max_bytes, replica.deltas).await;
        replica.apply(&page);
        pages += 1;
        assert!(pages < 10_000);
        if !page["has_more"].as_bool().unwrap() {
            return pages;
        }
    }
}

fn result_kind(result: &Value) -> &str {
    result["result"].as_str().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_resent_push_returns_the_same_results_and_applies_nothing_twice() {
    let server = TestServer::start().await;
    let (id, v) = register(&server, Some("req"), "eais-l2").await;
    let ana = server.login("ana").await;
    let ops = vec![
        op(1, &id, v, json!({"op": "take"})),
        op(2, &id, v + 1, json!({"op": "comment", "visibility": "internal", "text": "дивлюсь логи"})),
        op(3, &id, v + 2, json!({"op": "take"})),
    ];
    let first = push_ok(&ana, "ana-laptop", ops.clone()).await;
    assert_eq!(
        first.iter().map(result_kind).collect::<Vec<_>>(),
        ["applied", "applied", "rejected"],
        "{first:?}"
    );
    assert_eq!(first[2]["code"], "same_value", "{first:?}");
    let before = ticket(&ana, &id).await;
    assert_eq!(before["ticket"]["comments"].as_array().unwrap().len(), 1);

    let (status, again) = push(&ana, "ana-laptop", ops.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["results"].as_array().unwrap(), &first);
    assert_eq!(again["client_last_seq"], 3);
    let after = ticket(&ana, &id).await;
    assert_eq!(after, before, "nothing applied twice");

    // A resend of a tail, with a new op after it: only the new one applies.
    let tail = vec![
        ops[2].clone(),
        op(4, &id, v + 2, json!({"op": "comment", "visibility": "public", "text": "працюємо"})),
    ];
    let results = push_ok(&ana, "ana-laptop", tail).await;
    assert_eq!(results[0], first[2]);
    assert_eq!(result_kind(&results[1]), "applied");
    assert_eq!(ticket(&ana, &id).await["ticket"]["comments"].as_array().unwrap().len(), 2);

    // A seq resent with another op is refused: its stored result is not this op's.
    let mut reused = op(4, &id, v + 3, json!({"op": "comment", "visibility": "public", "text": "інший текст"}));
    reused["op_id"] = json!("another-op");
    let (status, body) = push(&ana, "ana-laptop", vec![reused]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("seq_reused")), "{body}");
    assert_eq!(ticket(&ana, &id).await["ticket"]["comments"].as_array().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_gap_is_refused_and_nothing_is_applied() {
    let server = TestServer::start().await;
    let (id, v) = register(&server, None, "eais-l2").await;
    let ana = server.login("ana").await;
    let (status, body) = push(&ana, "ana-1", vec![op(2, &id, v, json!({"op": "take"}))]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("gap")), "{body}");
    assert!(body["message"].as_str().unwrap().contains("expected seq 1"), "{body}");
    assert_eq!(ticket(&ana, &id).await["ticket"]["version"], v);

    push_ok(
        &ana,
        "ana-1",
        vec![op(1, &id, v, json!({"op": "comment", "visibility": "internal", "text": "один"}))],
    )
    .await;
    // 1 is known, 2 would be new, 4 skips 3: the whole push is refused.
    let (status, body) = push(
        &ana,
        "ana-1",
        vec![
            op(1, &id, v, json!({"op": "comment", "visibility": "internal", "text": "один"})),
            op(2, &id, v + 1, json!({"op": "take"})),
            op(4, &id, v + 2, json!({"op": "comment", "visibility": "internal", "text": "чотири"})),
        ],
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("gap")), "{body}");
    assert!(body["message"].as_str().unwrap().contains("expected seq 3"), "{body}");
    let t = ticket(&ana, &id).await;
    assert_eq!(t["ticket"]["version"], v + 1);
    assert_eq!(t["ticket"]["status"], "new");
    let page = pull_page(&ana, "ana-1", &BTreeMap::new(), None).await;
    assert_eq!(page["client_last_seq"], 1);

    // Seqs must increase within a push.
    let (status, body) = push(
        &ana,
        "ana-1",
        vec![op(2, &id, v + 1, json!({"op": "take"})), op(2, &id, v + 1, json!({"op": "take"}))],
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("seq_order")), "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_analysts_taking_the_same_ticket_give_exactly_one_conflict() {
    let server = TestServer::start().await;
    let ana = server.login("ana").await;
    let bob = server.login("bob").await;
    for round in 0..3 {
        let (id, v) = register(&server, None, "eais-l2").await;
        let seq = round + 1;
        let (a, b) = tokio::join!(
            push(&ana, "ana-laptop", vec![op(seq, &id, v, json!({"op": "take"}))]),
            push(&bob, "bob-laptop", vec![op(seq, &id, v, json!({"op": "take"}))]),
        );
        assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK));
        let (a, b) = (a.1["results"][0].clone(), b.1["results"][0].clone());
        let mut kinds = [result_kind(&a), result_kind(&b)];
        kinds.sort();
        assert_eq!(kinds, ["applied", "conflict"], "{a} {b}");
        let (winner, conflict) = if result_kind(&a) == "applied" { ("ana", &b) } else { ("bob", &a) };
        let current = &conflict["current"]["ticket"];
        assert_eq!(current["id"], id.as_str());
        assert_eq!(current["owner"], server.user_id(winner).as_str(), "the conflict carries the current ticket");
        assert_eq!(current["status"], "in_progress");
        assert!(conflict["reason"].as_str().unwrap().contains(&format!("since version {v}")), "{conflict}");
        assert_eq!(ticket(&ana, &id).await["ticket"]["version"], v + 1, "applied once");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn after_a_conflict_later_ops_on_that_ticket_are_held_and_others_apply() {
    let server = TestServer::start().await;
    let (a, va) = register(&server, None, "eais-l2").await;
    let (b, vb) = register(&server, None, "eais-l2").await;
    let ana = server.login("ana").await;
    let bob = server.login("bob").await;
    push_ok(&ana, "ana-laptop", vec![op(1, &a, va, json!({"op": "take"}))]).await;
    let ops = vec![
        op(1, &a, va, json!({"op": "take"})),
        op(2, &a, va + 1, json!({"op": "comment", "visibility": "internal", "text": "беру собі"})),
        op(3, &b, vb, json!({"op": "take"})),
        op(4, &a, va + 1, json!({"op": "set_priority", "level": 1, "note": "терміново"})),
        op(5, &b, vb + 1, json!({"op": "comment", "visibility": "public", "text": "працюємо"})),
    ];
    let results = push_ok(&bob, "bob-laptop", ops.clone()).await;
    assert_eq!(
        results.iter().map(result_kind).collect::<Vec<_>>(),
        ["conflict", "held", "applied", "held", "applied"],
        "{results:?}"
    );
    assert_eq!(results[1]["after_seq"], 1);
    assert_eq!(results[3]["after_seq"], 1);
    let ta = ticket(&bob, &a).await;
    assert_eq!(ta["ticket"]["version"], va + 1, "nothing of bob's applied to A");
    assert!(ta["ticket"]["comments"].as_array().unwrap().is_empty());
    let tb = ticket(&bob, &b).await;
    assert_eq!(tb["ticket"]["owner"], server.user_id("bob").as_str());
    assert_eq!(tb["ticket"]["comments"].as_array().unwrap().len(), 1);
    // Held results are final and stored: the resend answers the same.
    let again = push_ok(&bob, "bob-laptop", ops).await;
    assert_eq!(again, results);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ticket_moved_to_another_group_is_removed_from_the_old_bucket() {
    let server = TestServer::start().await;
    let (id, v) = register(&server, None, "eais-l2").await;
    let (other, _) = register(&server, None, "eais-l2").await;
    let ana = server.login("ana").await;
    let bob = server.login("bob").await;
    let nina = server.login("nina").await;
    let mut bob_replica = Replica::default();
    pull_all(&bob, "bob-laptop", &mut bob_replica, None).await;
    assert_eq!(bob_replica.ids_in("group:eais-l2"), BTreeSet::from([id.clone(), other.clone()]));
    let mut nina_replica = Replica::default();
    pull_all(&nina, "nina-laptop", &mut nina_replica, None).await;
    assert!(nina_replica.tickets().is_empty());

    let results = push_ok(
        &ana,
        "ana-laptop",
        vec![
            op(1, &id, v, json!({"op": "take"})),
            op(2, &id, v + 1, json!({"op": "escalate", "group": "ncts-l2", "note": "питання методології NCTS"})),
        ],
    )
    .await;
    assert_eq!(results.iter().map(result_kind).collect::<Vec<_>>(), ["applied", "applied"], "{results:?}");

    let page = pull_page(&bob, "bob-laptop", &bob_replica.cursors, None).await;
    let changes = page["changes"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["bucket"] == "group:eais-l2" && c["kind"] == "remove_ticket" && c["id"] == id.as_str()),
        "{page}"
    );
    bob_replica.apply(&page);
    assert_eq!(bob_replica.ids_in("group:eais-l2"), BTreeSet::from([other.clone()]));
    assert!(!bob_replica.tickets().contains_key(&id));

    pull_all(&nina, "nina-laptop", &mut nina_replica, None).await;
    assert_eq!(nina_replica.ids_in("group:ncts-l2"), BTreeSet::from([id.clone()]));
    assert_eq!(nina_replica.tickets()[&id]["ticket"]["group"], "ncts-l2");

    // Ana took it, then it left her: it is removed from her own bucket too.
    let mut ana_replica = Replica::default();
    pull_all(&ana, "ana-laptop", &mut ana_replica, None).await;
    assert!(!ana_replica.tickets().contains_key(&id));
}

/// Registers tickets and works on them so that the log has updates,
/// moves and removals.
async fn busy_desk(server: &TestServer, n: usize) -> Vec<String> {
    let ana = server.login("ana").await;
    // A laptop of its own per call: its seqs start at 1.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let client_id = format!("ana-seed-{}", CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let mut ids = Vec::new();
    let mut seq = 0;
    for i in 0..n {
        let (id, v) = register(server, Some("req"), "eais-l2").await;
        let mut ops = vec![];
        let mut version = v;
        if i % 2 == 0 {
            seq += 1;
            ops.push(op(seq, &id, version, json!({"op": "take"})));
            version += 1;
        }
        for k in 0..3 {
            seq += 1;
            ops.push(op(
                seq,
                &id,
                version,
                json!({"op": "comment", "visibility": "internal", "text": format!("крок {k} ").repeat(20)}),
            ));
            version += 1;
        }
        if i % 5 == 4 {
            seq += 1;
            ops.push(op(seq, &id, version, json!({"op": "escalate", "group": "ncts-l2", "note": "методологія"})));
        }
        let results = push_ok(&ana, &client_id, ops).await;
        assert!(results.iter().all(|r| result_kind(r) == "applied"), "{results:?}");
        ids.push(id);
    }
    ids
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pull_cut_after_any_page_resumes_to_the_same_replica() {
    let server = TestServer::start().await;
    busy_desk(&server, 12).await;
    let ana = server.login("ana").await;
    let mut whole = Replica::default();
    let pages = pull_all(&ana, "ana-laptop", &mut whole, Some(1)).await;
    assert!(whole.tickets().len() >= 9, "{}", whole.tickets().len());
    assert!(pages > 10, "one change a page: {pages} pages");
    let mut big = Replica::default();
    assert_eq!(pull_all(&ana, "ana-laptop", &mut big, None).await, 1);
    assert_eq!(big, whole, "page size does not change the result");

    for cut in 1..pages {
        // A fresh client that stops after `cut` pages (its saved state is
        // the replica and cursors of those pages) and later goes on.
        let mut replica = Replica::default();
        for _ in 0..cut {
            let page = pull_page(&ana, "ana-laptop", &replica.cursors, Some(3000)).await;
            replica.apply(&page);
        }
        let saved = replica.clone();
        let mut resumed = saved.clone();
        pull_all(&ana, "ana-laptop", &mut resumed, Some(3000)).await;
        assert_eq!(resumed, whole, "cut after page {cut}");
    }

    // Cut, then the desk works on (updates, a ticket leaves the group),
    // then resume: the same as a fresh pull now.
    let mut replica = Replica::default();
    for _ in 0..3 {
        let page = pull_page(&ana, "ana-laptop", &replica.cursors, Some(2000)).await;
        replica.apply(&page);
    }
    busy_desk(&server, 3).await;
    let bob = server.login("bob").await;
    let some = whole.tickets().into_iter().find(|(_, t)| t["ticket"]["status"] == "new").unwrap();
    let v = some.1["ticket"]["version"].as_u64().unwrap();
    let results = push_ok(&bob, "bob-laptop", vec![op(1, &some.0, v, json!({"op": "assign", "to": {"group": "ncts-l2"}}))]).await;
    assert_eq!(result_kind(&results[0]), "applied", "{results:?}");
    pull_all(&ana, "ana-laptop", &mut replica, Some(2000)).await;
    let mut fresh = Replica::default();
    pull_all(&ana, "ana-laptop", &mut fresh, None).await;
    assert_eq!(replica.tickets(), fresh.tickets());
    assert!(!fresh.tickets().contains_key(&some.0));
    // Nothing new: an empty page with the same cursors.
    let page = pull_page(&ana, "ana-laptop", &fresh.cursors, None).await;
    assert!(page["changes"].as_array().unwrap().is_empty());
    assert_eq!(page["has_more"], false);
    assert_eq!(serde_json::to_value(&fresh.cursors).unwrap(), page["cursors"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn self_service_pulls_only_their_tickets_and_never_an_internal_comment() {
    let server = TestServer::start().await;
    let (mine, v) = register(&server, Some("req"), "eais-l2").await;
    let (theirs, w) = register(&server, Some("req2"), "eais-l2").await;
    let ana = server.login("ana").await;
    let results = push_ok(
        &ana,
        "ana-laptop",
        vec![
            op(1, &mine, v, json!({"op": "take"})),
            op(
                2,
                &mine,
                v + 1,
                json!({"op": "comment", "visibility": "internal", "text": "СЕКРЕТ: сервер падає"}),
            ),
            op(
                3,
                &mine,
                v + 2,
                json!({"op": "comment", "visibility": "public", "text": "Працюємо над проблемою"}),
            ),
            op(4, &theirs, w, json!({"op": "comment", "visibility": "public", "text": "чужа заявка"})),
        ],
    )
    .await;
    assert!(results.iter().all(|r| result_kind(r) == "applied"), "{results:?}");

    let req = server.login("req").await;
    let req_id = server.user_id("req");
    let mut cursors = BTreeMap::new();
    cursors.insert("group:eais-l2".to_string(), 0u64);
    let page = pull_page(&req, "req-phone", &cursors, None).await;
    let buckets: Vec<&String> = page["cursors"].as_object().unwrap().keys().collect();
    assert_eq!(
        buckets,
        [&"kb:public".to_string(), &format!("user:{req_id}")],
        "a bucket not theirs is not echoed"
    );
    let mut replica = Replica::default();
    replica.apply(&page);
    let tickets = replica.tickets();
    assert_eq!(tickets.keys().collect::<Vec<_>>(), [&mine]);
    let text = serde_json::to_string(&page).unwrap();
    assert!(!text.contains("СЕКРЕТ"), "{text}");
    assert!(!text.contains("internal"), "no internal comment nor its event: {text}");
    assert!(text.contains("Працюємо над проблемою"));
    assert_eq!(tickets[&mine]["ticket"]["comments"].as_array().unwrap().len(), 1);
}

/// A ticket of `eais-l2` (id, version), `ana` and `bob` signed in, and
/// `client_id` made ana's by a comment she pushed from it.
async fn client_of_ana(server: &TestServer, client_id: &str) -> (String, u64, Client, Client) {
    let (id, v) = register(server, None, "eais-l2").await;
    let ana = server.login("ana").await;
    let bob = server.login("bob").await;
    push_ok(
        &ana,
        client_id,
        vec![op(1, &id, v, json!({"op": "comment", "visibility": "internal", "text": "x"}))],
    )
    .await;
    (id, v, ana, bob)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_id_of_another_user_is_403_and_another_schema_version_is_409() {
    let server = TestServer::start().await;
    let (id, v, ana, bob) = client_of_ana(&server, "laptop-7").await;
    let (status, body) = push(&bob, "laptop-7", vec![op(1, &id, v, json!({"op": "take"}))]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{body}");
    let (status, body) = bob
        .post("/api/v1/sync/pull", json!({"client_id": "laptop-7", "schema_version": SCHEMA, "buckets": {}}))
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{body}");
    assert_eq!(ticket(&bob, &id).await["ticket"]["status"], "new");

    for path in ["/api/v1/sync/push", "/api/v1/sync/pull"] {
        let (status, body) = ana
            .post(
                path,
                json!({"client_id": "laptop-7", "schema_version": SCHEMA + 1, "ops": [], "buckets": {}, "future": true}),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::CONFLICT, Some("schema_version")),
            "{path}: {body}"
        );
        assert!(body["message"].as_str().unwrap().contains("update"), "{body}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_op_reaches_exactly_one_final_result_and_results_are_stored() {
    let server = TestServer::start().await;
    let (a, va) = register(&server, None, "eais-l2").await;
    let (b, vb) = register(&server, None, "eais-l2").await;
    let (c, vc) = register(&server, None, "vendor-l3").await;
    let bob = server.login("bob").await;
    push_ok(&bob, "bob-laptop", vec![op(1, &a, va, json!({"op": "take"}))]).await;
    let ana = server.login("ana").await;
    let ops = vec![
        op(1, &a, va, json!({"op": "take"})),                                             // conflict
        op(2, &a, va, json!({"op": "comment", "visibility": "internal", "text": "x"})),   // held
        op(3, &b, vb, json!({"op": "take"})),                                             // applied
        op(4, &b, vb + 1, json!({"op": "take"})),                                         // rejected: already taken
        op(5, &b, vb + 1, json!({"op": "fly_to_the_moon"})),                              // rejected: invalid op
        op(6, "t-nonexistent", 1, json!({"op": "take"})),                                 // rejected: not found
        op(7, &c, vc, json!({"op": "take"})),                                             // rejected: not ana's group
        op(8, &b, vb + 1, json!({"op": "comment", "visibility": "public", "text": "y"})), // applied
    ];
    let (status, body) = push(&ana, "ana-laptop", ops.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let results = body["results"].as_array().unwrap();
    assert_eq!(body["client_last_seq"], 8);
    assert_eq!(
        results.iter().map(|r| r["seq"].as_u64().unwrap()).collect::<Vec<_>>(),
        (1..=8).collect::<Vec<_>>(),
        "one result per op, in order"
    );
    for (result, op) in results.iter().zip(&ops) {
        assert_eq!(result["op_id"], op["op_id"]);
    }
    assert_eq!(
        results.iter().map(result_kind).collect::<Vec<_>>(),
        ["conflict", "held", "applied", "rejected", "rejected", "rejected", "rejected", "applied"],
        "{results:?}"
    );
    assert_eq!(results[3]["code"], "same_value");
    assert_eq!(results[4]["code"], "invalid_op");
    assert_eq!(results[5]["code"], "not_found");
    for r in &results[3..7] {
        assert!(!r["message"].as_str().unwrap().is_empty(), "{r}");
    }
    let (status, again) = push(&ana, "ana-laptop", ops).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again, body, "stored results, returned again");
    // An empty push tells the client where the server stands.
    let results = push_ok(&ana, "ana-laptop", vec![]).await;
    assert!(results.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn pull_pages_are_compressed_when_the_client_accepts_it_and_admins_see_every_group() {
    let server = TestServer::start().await;
    busy_desk(&server, 4).await;
    let admin = server.login("admin").await;
    let body = json!({"client_id": "admin-pc", "schema_version": SCHEMA, "buckets": {}});
    // A client that does not decompress by itself, to see the raw bytes.
    let raw = reqwest::Client::builder().no_gzip().no_zstd().build().unwrap();
    for encoding in ["gzip", "zstd"] {
        let response = raw
            .post(format!("{}/api/v1/sync/pull", admin.base))
            .bearer_auth(admin.token.as_ref().unwrap())
            .header("accept-encoding", encoding)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-encoding"], encoding);
        let compressed = response.bytes().await.unwrap();
        assert!(serde_json::from_slice::<Value>(&compressed).is_err(), "the raw body is not plain JSON");
    }
    // reqwest decompresses on its own when it asked for it.
    let page = pull_page(&admin, "admin-pc", &BTreeMap::new(), None).await;
    let buckets: BTreeSet<&str> = page["cursors"].as_object().unwrap().keys().map(String::as_str).collect();
    for group in ["cc-l1", "eais-l2", "ncts-l2", "vendor-l3"] {
        assert!(buckets.contains(format!("group:{group}").as_str()), "{buckets:?}");
    }
    assert!(buckets.contains("kb"));
    let mut replica = Replica::default();
    replica.apply(&page);
    assert_eq!(replica.tickets().len(), 4);
    assert!(serde_json::to_string(&page).unwrap().contains("internal"), "the desk sees internal notes");
}

/// A pull of a client that has everything is answered from its token's row
/// and the change log's head in one statement: it still answers only a
/// live sign-in of the client's owner.
#[tokio::test(flavor = "multi_thread")]
async fn a_caught_up_pull_is_answered_only_to_the_clients_owner_signed_in() {
    let server = TestServer::start().await;
    let (_, _, ana, bob) = client_of_ana(&server, "laptop-ana").await;
    let (mut anas, mut bobs) = (Replica::default(), Replica::default());
    pull_all(&ana, "laptop-ana", &mut anas, None).await;
    pull_all(&bob, "laptop-bob", &mut bobs, None).await;
    assert_eq!(anas.tickets().len(), 1);

    let page = pull_page(&ana, "laptop-ana", &anas.cursors, None).await;
    assert_eq!(page["changes"], json!([]), "{page}");
    assert_eq!(page["has_more"], json!(false), "{page}");
    let cursors: BTreeMap<String, u64> = serde_json::from_value(page["cursors"].clone()).unwrap();
    assert_eq!(cursors, anas.cursors, "a caught-up pull keeps the cursors");

    let pull = |cursors: &BTreeMap<String, u64>, client_id: &str| json!({"client_id": client_id, "schema_version": SCHEMA, "buckets": cursors});
    let (status, body) = bob.post("/api/v1/sync/pull", pull(&bobs.cursors, "laptop-ana")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{body}");
    let (status, body) = ana
        .post(
            "/api/v1/sync/pull",
            json!({"client_id": "laptop-ana", "schema_version": SCHEMA + 1, "buckets": anas.cursors}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("schema_version")), "{body}");

    let (status, _) = ana.post("/api/v1/auth/logout", json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = ana.post("/api/v1/sync/pull", pull(&anas.cursors, "laptop-ana")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_token")), "{body}");

    let admin = server.login("admin").await;
    let (status, _) = admin.post(&format!("/api/v1/admin/users/{}/disable", server.user_id("bob")), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = bob.post("/api/v1/sync/pull", pull(&bobs.cursors, "laptop-bob")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_token")), "{body}");
}

/// A change is pulled whole by every reader of the ticket, a requester
/// pulling a ticket the desk pulled gets it without internal notes, and an
/// older version never comes back.
#[tokio::test(flavor = "multi_thread")]
async fn a_ticket_pulled_again_after_a_change_comes_whole_to_every_reader() {
    let server = TestServer::start().await;
    let (id, v) = register(&server, Some("req"), "eais-l2").await;
    let ana = server.login("ana").await;
    let bob = server.login("bob").await;
    let req = server.login("req").await;
    let (mut ana_replica, mut bob_replica, mut req_replica) = (Replica::default(), Replica::default(), Replica::default());
    pull_all(&ana, "ana-laptop", &mut ana_replica, None).await;
    pull_all(&bob, "bob-laptop", &mut bob_replica, None).await;
    let results = push_ok(
        &ana,
        "ana-laptop",
        vec![
            op(1, &id, v, json!({"op": "take"})),
            op(2, &id, v + 1, json!({"op": "comment", "visibility": "internal", "text": "СЕКРЕТ: перший"})),
        ],
    )
    .await;
    assert!(results.iter().all(|r| result_kind(r) == "applied"), "{results:?}");
    for (client, client_id, replica) in [(&ana, "ana-laptop", &mut ana_replica), (&bob, "bob-laptop", &mut bob_replica)] {
        pull_all(client, client_id, replica, None).await;
        let held = &replica.tickets()[&id];
        assert_eq!(held["ticket"]["version"].as_u64(), Some(v + 2), "{client_id}: {held}");
        assert!(held.to_string().contains("СЕКРЕТ: перший"), "{client_id}: {held}");
    }
    pull_all(&req, "req-phone", &mut req_replica, None).await;
    let seen = req_replica.tickets()[&id].to_string();
    assert!(!seen.contains("СЕКРЕТ"), "the desk's kept body is not what a requester gets: {seen}");

    let results = push_ok(
        &ana,
        "ana-laptop",
        vec![op(
            3,
            &id,
            v + 2,
            json!({"op": "comment", "visibility": "public", "text": "Другий, для заявника"}),
        )],
    )
    .await;
    assert_eq!(result_kind(&results[0]), "applied", "{results:?}");
    pull_all(&bob, "bob-laptop", &mut bob_replica, None).await;
    pull_all(&req, "req-phone", &mut req_replica, None).await;
    let bob_held = &bob_replica.tickets()[&id];
    assert_eq!(bob_held["ticket"]["version"].as_u64(), Some(v + 3));
    assert_eq!(bob_held["ticket"]["comments"].as_array().map(Vec::len), Some(2), "{bob_held}");
    assert_eq!(
        bob_held["events"].as_array().map(Vec::len),
        ticket(&bob, &id).await["events"].as_array().map(Vec::len),
        "every event, as the ticket's own read gives them"
    );
    let seen = req_replica.tickets()[&id].to_string();
    assert!(seen.contains("Другий, для заявника") && !seen.contains("СЕКРЕТ"), "{seen}");

    // A client starting afresh gets the latest version, not an older one kept.
    let mut fresh = Replica::default();
    pull_all(&bob, "bob-desktop", &mut fresh, None).await;
    assert_eq!(fresh.tickets()[&id], *bob_held);
}

/// The comments and events of a ticket, counted.
fn counts(view: &Value) -> (usize, usize) {
    (
        view["ticket"]["comments"].as_array().map_or(0, Vec::len),
        view["events"].as_array().map_or(0, Vec::len),
    )
}

/// A reader that held a ticket when its cursor passed the ticket's last
/// change gets the next change as what changed (the new comment and
/// events), and the ticket it builds is the ticket the server reads; a
/// reader further behind, a requester, or a client that did not ask for
/// deltas gets the whole ticket.
#[tokio::test(flavor = "multi_thread")]
async fn a_reader_holding_a_ticket_gets_only_what_changed() {
    let server = TestServer::start().await;
    let (id, v) = register(&server, Some("req"), "eais-l2").await;
    let ana = server.login("ana").await;
    let bob = server.login("bob").await;
    let req = server.login("req").await;
    let asking = || Replica {
        deltas: true,
        ..Replica::default()
    };
    let (mut bob_replica, mut bob_old_client, mut behind, mut req_replica) = (asking(), Replica::default(), asking(), asking());
    pull_all(&bob, "bob-laptop", &mut bob_replica, None).await;
    pull_all(&bob, "bob-old-client", &mut bob_old_client, None).await;
    pull_all(&bob, "bob-behind", &mut behind, None).await;
    pull_all(&req, "req-phone", &mut req_replica, None).await;

    // Twenty comments, each pulled as it comes: a delta each time.
    let mut version = v;
    for n in 1..=20u64 {
        let text = format!("Коментар {n}: перевірив журнал митного посту");
        let results = push_ok(
            &ana,
            "ana-laptop",
            vec![op(n, &id, version, json!({"op": "comment", "visibility": "internal", "text": text}))],
        )
        .await;
        assert_eq!(result_kind(&results[0]), "applied", "{results:?}");
        version += 1;
        let page = pull_page_asking(&bob, "bob-laptop", &bob_replica.cursors, None, true).await;
        let kinds: Vec<&str> = page["changes"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["ticket_delta"], "comment {n}: {page}");
        assert_eq!(page["deltas"], true, "the server says it sends deltas");
        let delta = &page["changes"][0]["delta"];
        assert_eq!(delta["base_version"].as_u64(), Some(version - 1));
        assert_eq!(delta["comments_from"].as_u64(), Some(n - 1));
        assert_eq!(delta["ticket"]["comments"].as_array().map(Vec::len), Some(1), "only the new comment: {delta}");
        assert!(!delta.to_string().contains("Коментар 1:") || n == 1, "no earlier comment comes again: {delta}");
        bob_replica.apply(&page);
    }
    assert_eq!((bob_replica.deltas_applied, bob_replica.unfit.len()), (20, 0));
    let read = ticket(&bob, &id).await;
    assert_eq!(bob_replica.tickets()[&id], read, "the ticket built from deltas is the ticket the server reads");
    assert_eq!(counts(&read).0, 20);

    // A client that did not ask, one twenty changes behind, and a requester: whole tickets.
    for (client, client_id, replica) in [
        (&bob, "bob-old-client", &mut bob_old_client),
        (&bob, "bob-behind", &mut behind),
        (&req, "req-phone", &mut req_replica),
    ] {
        let page = pull_page_asking(client, client_id, &replica.cursors, None, replica.deltas).await;
        let kinds: Vec<&str> = page["changes"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["ticket"], "{client_id}: {page}");
        replica.apply(&page);
    }
    assert_eq!(behind.tickets()[&id], read);
    assert!(!req_replica.tickets()[&id].to_string().contains("Коментар"), "internal notes stay the desk's");

    // Caught up again, the reader that was behind gets the next change as a delta.
    let results = push_ok(&ana, "ana-laptop", vec![op(21, &id, version, json!({"op": "take"}))]).await;
    assert_eq!(result_kind(&results[0]), "applied", "{results:?}");
    pull_all(&bob, "bob-behind", &mut behind, None).await;
    assert_eq!((behind.deltas_applied, behind.unfit.len()), (1, 0));
    let read = ticket(&bob, &id).await;
    assert_eq!(behind.tickets()[&id], read);
    assert_eq!(counts(&behind.tickets()[&id]), counts(&read));
}

/// A delta is cut from the version the reader's cursor passed: a reader
/// holding something else (here: an older copy) is told by the delta's
/// own counts that it does not fit, and nothing is merged wrongly.
#[tokio::test(flavor = "multi_thread")]
async fn a_delta_does_not_fit_a_ticket_held_at_another_version() {
    let server = TestServer::start().await;
    let (id, v) = register(&server, None, "eais-l2").await;
    let ana = server.login("ana").await;
    let mut replica = Replica {
        deltas: true,
        ..Replica::default()
    };
    pull_all(&ana, "ana-laptop", &mut replica, None).await;
    let stale = replica.clone();
    push_ok(&ana, "ana-laptop", vec![op(1, &id, v, json!({"op": "take"}))]).await;
    pull_all(&ana, "ana-laptop", &mut replica, None).await;
    push_ok(
        &ana,
        "ana-laptop",
        vec![op(
            2,
            &id,
            v + 1,
            json!({"op": "comment", "visibility": "public", "text": "Перевірте, будь ласка"}),
        )],
    )
    .await;
    let page = pull_page_asking(&ana, "ana-laptop", &replica.cursors, None, true).await;
    assert_eq!(page["changes"][0]["kind"], "ticket_delta", "{page}");
    let mut wrong = Replica {
        cursors: replica.cursors.clone(),
        ..stale
    };
    wrong.apply(&page);
    assert_eq!(wrong.deltas_applied, 0);
    assert!(!wrong.unfit.is_empty() && wrong.unfit.iter().all(|u| *u == id), "{:?}", wrong.unfit);
    assert_eq!(wrong.tickets()[&id]["ticket"]["version"].as_u64(), Some(v), "the held copy is left as it was");
    replica.apply(&page);
    assert_eq!(replica.tickets()[&id], ticket(&ana, &id).await);
}
