//! What an op costs on a long ticket against a new one (issue 14, "writes
//! that cost what they change"): `cargo bench -p helpdesk-server --bench long_ticket`.
//!
//! On a real store (a SQLite file, and a throwaway PostgreSQL cluster
//! where PostgreSQL is installed), pushes comments
//! to one ticket the way a desktop's sync does, one op per push request
//! (one transaction each): the first `BENCH_OPS` (default 150) on a ticket
//! with no comments, then, after the ticket has `BENCH_LONG` (default
//! 1,500) comments, `BENCH_OPS` more. Prints the time per op of both and
//! their ratio, against the goal: an op on a 1,500-comment ticket within 2×
//! of an op on a new ticket. Then a reader that holds the long ticket
//! pulls one more comment on it: the page's size and time as a delta and
//! whole. Run outside `cargo bench` (e.g. by `cargo test --benches`) it
//! does nothing unless `BENCH_FORCE=1`.

use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::Visibility;
use helpdesk_protocol::{OpOutcome, PullRequest, PushOp, PushRequest, SCHEMA_VERSION};
use helpdesk_server::app::auth::Caller;
use helpdesk_server::app::{system_clock, App, Config};
use helpdesk_server::demo::{self, DemoOptions};
use helpdesk_server::store::Store;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[path = "../tests/common/postgres.rs"]
#[allow(dead_code)]
mod postgres;

fn knob(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench") || std::env::var("BENCH_FORCE").is_ok_and(|v| v == "1");
    if !benching {
        println!("long_ticket: run with `cargo bench -p helpdesk-server --bench long_ticket` (or BENCH_FORCE=1)");
        return;
    }
    let ops = knob("BENCH_OPS", 150).max(1);
    let long = knob("BENCH_LONG", 1_500).max(ops);
    println!("== long_ticket: {ops} comment ops, one per push, on a new ticket and on one with {long} comments ==");
    let dir = tempfile::tempdir().expect("a temporary directory");
    run("SQLite", Store::open(dir.path()).expect("the store opens"), ops, long);
    match postgres::fresh_database() {
        Some(url) => run("PostgreSQL", Store::connect_with(&url, 8).expect("the database opens"), ops, long),
        None => println!("PostgreSQL: skipped (not installed here)"),
    }
}

struct Pusher<'a> {
    app: &'a App,
    caller: Caller,
    client: String,
    seq: u64,
    ticket: String,
}

impl Pusher<'_> {
    /// One comment in its own push request; how long the push took.
    fn comment(&mut self) -> Duration {
        self.seq += 1;
        let request = PushRequest {
            client_id: self.client.clone(),
            schema_version: SCHEMA_VERSION,
            ops: vec![PushOp {
                seq: self.seq,
                op_id: format!("{}-{}", self.client, self.seq),
                ticket: self.ticket.clone(),
                base_version: 0,
                device_time: chrono::Utc::now(),
                op: Op::Comment {
                    visibility: if self.seq.is_multiple_of(3) {
                        Visibility::Public
                    } else {
                        Visibility::Internal
                    },
                    text: format!("Коментар №{}: перевірено журнал подій митного поста, декларацію підписано повторно.", self.seq),
                    attachments: vec![],
                }
                .into(),
            }],
        };
        let started = Instant::now();
        let response = self.app.push_request(&self.caller, request).expect("the push is answered");
        let elapsed = started.elapsed();
        match &response.results[0].outcome {
            OpOutcome::Applied { .. } => elapsed,
            other => panic!("comment {} not applied: {other:?}", self.seq),
        }
    }

    fn comments(&mut self, n: usize) -> Duration {
        (0..n).map(|_| self.comment()).sum()
    }
}

fn run(backend: &str, store: Store, ops: usize, long: usize) {
    let app = App::new(store, system_clock(), Config::default()).expect("the app starts");
    let (accounts, _) = demo::generate_with(
        &app,
        &DemoOptions {
            tickets: 4,
            articles: 0,
            seed: 1,
        },
    )
    .expect("demo data");
    let admin = accounts.iter().find(|a| a.username == "admin").expect("the demo administrator");
    let token = app.login(&admin.username, &admin.password, "").expect("the administrator signs in").token;
    let caller = app.authenticate(&token).expect("the token is valid");
    let list = app
        .list_tickets(&caller, &helpdesk_server::store::tickets::ListFilter::default())
        .expect("the tickets are listed");
    let mut tickets = list.items.iter().map(|t| t.id.clone());
    let mut pusher = |client: &str| Pusher {
        app: &app,
        caller: caller.clone(),
        client: client.into(),
        seq: 0,
        ticket: tickets.next().expect("a demo ticket"),
    };

    let mut fresh = pusher("bench-fresh");
    let on_new = fresh.comments(ops);
    let mut old = pusher("bench-long");
    old.comments(long - ops);
    let filled = old.comments(ops);
    let on_long = old.comments(ops);
    let per_op = |d: Duration| d.as_secs_f64() * 1000.0 / ops as f64;
    let ratio = per_op(on_long) / per_op(on_new);
    println!(
        "{backend}: {:.2} ms per op on a new ticket, {:.2} ms at {} comments, {:.2} ms at {long} comments: {ratio:.2}× — goal ≤ 2×: {}",
        per_op(on_new),
        per_op(filled),
        long - ops,
        per_op(on_long),
        if ratio <= 2.0 { "ok" } else { "MISSED" }
    );

    // A reader holding everything; one more comment on the long ticket.
    let pull = |buckets: &BTreeMap<String, u64>, deltas: bool| -> (Vec<u8>, Duration) {
        let request = PullRequest {
            client_id: "bench-reader".into(),
            schema_version: SCHEMA_VERSION,
            buckets: buckets.clone(),
            max_bytes: None,
            deltas,
        };
        let started = Instant::now();
        let page = app.pull_json(&caller, &request).expect("a page");
        (page, started.elapsed())
    };
    let mut cursors = BTreeMap::new();
    loop {
        let (page, _) = pull(&cursors, true);
        let page: serde_json::Value = serde_json::from_slice(&page).expect("a page as JSON");
        cursors = serde_json::from_value(page["cursors"].clone()).expect("cursors");
        if page["has_more"] != true {
            break;
        }
    }
    old.comment();
    let (delta, delta_time) = pull(&cursors, true);
    let (whole, whole_time) = pull(&cursors, false);
    assert!(String::from_utf8_lossy(&delta).contains("\"ticket_delta\""), "the reader gets a delta");
    println!(
        "{backend}: one more comment on the {long}-comment ticket, pulled by a reader holding it: {:.1} KiB in {:.2} ms as a delta, {:.1} KiB in {:.2} ms whole",
        delta.len() as f64 / 1024.0,
        delta_time.as_secs_f64() * 1000.0,
        whole.len() as f64 / 1024.0,
        whole_time.as_secs_f64() * 1000.0
    );
}
