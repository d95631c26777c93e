//! Sync performance on a realistic dataset:
//! `cargo bench -p helpdesk-server --bench sync_bench`.
//!
//! Starts a real server on 127.0.0.1 with demo data (10,000 tickets with
//! about five comments each, 2,000 KB articles), then measures and prints:
//!
//! * demo-data generation time;
//! * a full pull as the administrator, who sees everything (every page;
//!   time and bytes) — target ≤ 1 s;
//! * an incremental pull with nothing new from several concurrent loopback
//!   clients — p50/p95 latency and requests/s — targets p50 ≤ 2 ms and
//!   ≥ 5,000 req/s;
//! * a push of 1,000 ops (internal comments across tickets) — target ≤ 1 s.
//!
//! Knobs (environment): `BENCH_TICKETS`, `BENCH_ARTICLES`, `BENCH_CLIENTS`
//! (default 6), `BENCH_SECONDS` (default 5), `BENCH_OPS` (default 1000).
//! When the sync endpoints are not served, those parts are skipped with a
//! message. Run outside `cargo bench` (e.g. by `cargo test --benches`) it
//! does nothing unless `BENCH_FORCE=1`.

use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::Visibility;
use helpdesk_protocol::{ChangeBody, OpOutcome, PullRequest, PullResponse, PushOp, PushRequest, PushResponse, SCHEMA_VERSION};
use helpdesk_server::app::{system_clock, App, Config};
use helpdesk_server::demo::{self, DemoOptions};
use helpdesk_server::store::Store;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn knob(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "MISSED"
    }
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench") || std::env::var("BENCH_FORCE").is_ok_and(|v| v == "1");
    if !benching {
        println!("sync_bench: run with `cargo bench -p helpdesk-server --bench sync_bench` (or BENCH_FORCE=1)");
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    runtime.block_on(run());
}

struct Bench {
    http: reqwest::Client,
    base: String,
    token: String,
}

enum Answer<T> {
    Ok(T, usize),
    NotServed(u16),
    Failed(u16, String),
}

impl Bench {
    async fn post<T: serde::de::DeserializeOwned>(&self, path: &str, body: &impl serde::Serialize) -> Answer<T> {
        let response = match self.http.post(format!("{}{path}", self.base)).bearer_auth(&self.token).json(body).send().await {
            Ok(r) => r,
            Err(e) => return Answer::Failed(0, e.to_string()),
        };
        let status = response.status().as_u16();
        let bytes = response.bytes().await.unwrap_or_default();
        match status {
            200 => match serde_json::from_slice(&bytes) {
                Ok(v) => Answer::Ok(v, bytes.len()),
                Err(e) => Answer::Failed(status, format!("unreadable body: {e}")),
            },
            404 | 405 | 501 => Answer::NotServed(status),
            _ => Answer::Failed(status, String::from_utf8_lossy(&bytes).chars().take(300).collect()),
        }
    }
}

fn pull_request(client_id: &str, buckets: BTreeMap<String, u64>) -> PullRequest {
    PullRequest {
        client_id: client_id.into(),
        schema_version: SCHEMA_VERSION,
        buckets,
        // The page size the desktop client asks for.
        max_bytes: Some(4 << 20),
        deltas: false,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn run() {
    let tickets = knob("BENCH_TICKETS", 10_000);
    let articles = knob("BENCH_ARTICLES", 2_000);
    let clients = knob("BENCH_CLIENTS", 6).max(1);
    let seconds = knob("BENCH_SECONDS", 5).max(1);
    let op_count = knob("BENCH_OPS", 1_000).max(1);

    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = Store::open(dir.path()).expect("the store opens");
    let app = App::new(store, system_clock(), Config::default()).expect("the app starts");
    let started = Instant::now();
    let (accounts, report) = demo::generate_with(&app, &DemoOptions { tickets, articles, seed: 1 }).expect("demo data");
    let generation = started.elapsed();
    println!("== sync_bench ==");
    println!(
        "demo data: {} tickets, {} comments, {} events, {} KB articles, {} users in {:.2} s",
        report.tickets,
        report.comments,
        report.events,
        report.articles,
        report.users,
        generation.as_secs_f64()
    );
    let db_size = app.store.path().and_then(|p| std::fs::metadata(p).ok()).map_or(0, |m| m.len());
    println!("database: {:.1} MB", db_size as f64 / 1e6);

    let app = Arc::new(app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let base = format!("http://{}/api/v1", listener.local_addr().expect("an address"));
    let router = helpdesk_server::http::router(app.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.expect("the server runs") });

    let http = reqwest::Client::builder().pool_max_idle_per_host(64).build().expect("an HTTP client");
    let admin = accounts.iter().find(|a| a.username == "admin").expect("the demo administrator");
    let login: serde_json::Value = http
        .post(format!("{base}/auth/login"))
        .json(&serde_json::json!({"username": admin.username, "password": admin.password}))
        .send()
        .await
        .expect("login answers")
        .json()
        .await
        .expect("login body");
    let token = login["token"].as_str().expect("a token").to_string();
    let bench = Bench { http, base, token };

    // ---- full pull ----
    let mut cursors: BTreeMap<String, u64> = BTreeMap::new();
    let mut versions: Vec<(String, u64)> = Vec::new();
    let mut pull_served = true;
    let started = Instant::now();
    let (mut pages, mut bytes, mut changes) = (0usize, 0usize, 0usize);
    loop {
        match bench.post::<PullResponse>("/sync/pull", &pull_request("bench-full", cursors.clone())).await {
            Answer::Ok(page, size) => {
                pages += 1;
                bytes += size;
                changes += page.changes.len();
                for change in &page.changes {
                    if let ChangeBody::Ticket { ticket } = &change.body {
                        versions.push((ticket.ticket.id.clone(), ticket.ticket.version));
                    }
                }
                cursors = page.cursors;
                if !page.has_more {
                    break;
                }
            }
            Answer::NotServed(status) => {
                println!("full pull: SKIPPED — POST /api/v1/sync/pull is not served yet (HTTP {status})");
                pull_served = false;
                break;
            }
            Answer::Failed(status, message) => {
                println!("full pull: FAILED (HTTP {status}): {message}");
                pull_served = false;
                break;
            }
        }
    }
    if pull_served {
        let elapsed = started.elapsed();
        println!(
            "full pull (admin): {changes} changes in {pages} pages, {:.1} MB (decoded JSON), {:.3} s — target ≤ 1 s: {}",
            bytes as f64 / 1e6,
            elapsed.as_secs_f64(),
            verdict(elapsed <= Duration::from_secs(1))
        );
        println!("  buckets: {}", cursors.keys().cloned().collect::<Vec<_>>().join(", "));
    }

    // ---- incremental pull, nothing new ----
    if pull_served {
        let request = Arc::new(pull_request("bench-incremental", cursors.clone()));
        let bench = Arc::new(bench);
        // Warm up the connections.
        for _ in 0..50 {
            let _ = bench.post::<PullResponse>("/sync/pull", &*request).await;
        }
        let deadline = Instant::now() + Duration::from_secs(seconds as u64);
        let started = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..clients {
            let bench = bench.clone();
            let request = request.clone();
            tasks.push(tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(100_000);
                let mut failures = 0usize;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    match bench.post::<PullResponse>("/sync/pull", &*request).await {
                        Answer::Ok(page, _) if page.changes.is_empty() => latencies.push(t.elapsed()),
                        _ => failures += 1,
                    }
                }
                (latencies, failures)
            }));
        }
        let mut latencies = Vec::new();
        let mut failures = 0;
        for task in tasks {
            let (l, f) = task.await.expect("a load client");
            latencies.extend(l);
            failures += f;
        }
        let elapsed = started.elapsed();
        latencies.sort();
        let rate = latencies.len() as f64 / elapsed.as_secs_f64();
        let (p50, p95) = (percentile(&latencies, 0.5), percentile(&latencies, 0.95));
        println!(
            "incremental pull, nothing new ({clients} clients, {seconds} s): {} requests, {failures} failed; p50 {:.3} ms — target ≤ 2 ms: {}; p95 {:.3} ms; {:.0} req/s — target ≥ 5,000: {}",
            latencies.len(),
            p50.as_secs_f64() * 1e3,
            verdict(p50 <= Duration::from_millis(2)),
            p95.as_secs_f64() * 1e3,
            rate,
            verdict(rate >= 5_000.0)
        );
        push(&bench, versions, op_count).await;
    } else {
        // Without a pull, take the tickets' versions from the database.
        let versions: Vec<(String, u64)> = app
            .store
            .read(|c| {
                c.query("SELECT id, version FROM tickets ORDER BY number", &[])?
                    .iter()
                    .map(|r| Ok::<_, helpdesk_server::store::StoreError>((r.get::<String>(0)?, r.get::<i64>(1)? as u64)))
                    .collect::<Result<Vec<_>, _>>()
            })
            .expect("ticket versions");
        println!("incremental pull: SKIPPED (no pull endpoint)");
        push(&bench, versions, op_count).await;
    }
}

async fn push(bench: &Bench, mut versions: Vec<(String, u64)>, op_count: usize) {
    versions.sort();
    versions.dedup_by(|a, b| a.0 == b.0);
    if versions.is_empty() {
        println!("push: SKIPPED — no tickets");
        return;
    }
    let now = chrono::Utc::now();
    let ops: Vec<PushOp> = (0..op_count)
        .map(|i| {
            let (ticket, version) = &versions[(i * 7919) % versions.len()];
            PushOp {
                seq: i as u64 + 1,
                op_id: format!("bench-op-{i}"),
                ticket: ticket.clone(),
                base_version: *version,
                device_time: now,
                op: Op::Comment {
                    visibility: Visibility::Internal,
                    text: format!("Нотатка навантажувального тесту №{i}: перевірено журнал подій робочого місця."),
                    attachments: vec![],
                }
                .into(),
            }
        })
        .collect();
    let request = PushRequest {
        client_id: "bench-push".into(),
        schema_version: SCHEMA_VERSION,
        ops,
    };
    let started = Instant::now();
    match bench.post::<PushResponse>("/sync/push", &request).await {
        Answer::Ok(response, _) => {
            let elapsed = started.elapsed();
            let applied = response.results.iter().filter(|r| matches!(r.outcome, OpOutcome::Applied { .. })).count();
            println!(
                "push of {op_count} ops (comments across {} tickets), one request: {applied} applied, last seq {}, {:.3} s — target ≤ 1 s: {}",
                versions.len().min(op_count),
                response.client_last_seq,
                elapsed.as_secs_f64(),
                verdict(elapsed <= Duration::from_secs(1))
            );
            if applied < op_count {
                if let Some(other) = response.results.iter().find(|r| !matches!(r.outcome, OpOutcome::Applied { .. })) {
                    println!("  first op not applied: {other:?}");
                }
            }
        }
        Answer::NotServed(status) => println!("push: SKIPPED — POST /api/v1/sync/push is not served yet (HTTP {status})"),
        Answer::Failed(status, message) => println!("push: FAILED (HTTP {status}): {message}"),
    }
}
