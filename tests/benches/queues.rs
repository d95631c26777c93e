//! What the desktop app's start costs below the window: opening the
//! profile, the sidebar's counts, the queues and a window onto one
//! (filtered and sorted), a ticket — on a replica
//! synced with 10,000 demo tickets (as administrator, who sees them all).
//!
//! `cargo bench -p helpdesk-tests --bench queues`

use helpdesk_client::{Client, Options, QueueFilter, QueueQuery, QueueSort, QueueSortKey, SortDirection};
use helpdesk_domain::Status;
use helpdesk_tests::{Laptop, Server};
use std::time::{Duration, Instant};

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> T {
    let mut samples = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(f());
        samples.push(started.elapsed());
    }
    samples.sort();
    let p50 = samples[samples.len() / 2];
    let max = *samples.last().unwrap();
    println!("{label:<44} p50 {:>8.1} ms   max {:>8.1} ms   ({runs} runs)", ms(p50), ms(max));
    last.unwrap()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo test --all-targets` runs benches too: measure only under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("run with `cargo bench -p helpdesk-tests --bench queues`");
        return;
    }
    let mut server = Server::demo_with(10_000);
    server.start();
    let laptop = Laptop::signed_in_as_demo_admin(&server);
    server.stop(); // offline: only the replica counts

    let client = time("open the profile", 5, || Client::open(laptop.profile.path(), Options::default()).unwrap());
    let counts = time("queue_counts (the sidebar)", 5, || client.queue_counts().unwrap());
    println!("  {counts:?}");
    for name in ["recent", "group", "mine", "unassigned", "breaching", "awaiting"] {
        let rows = time(&format!("queue {name}"), 5, || client.queue(name).unwrap());
        println!("  {} rows", rows.len());
    }
    // What the queue screen asks for: the first screenful, worked out
    // anew; then other filters and orders over the kept rows (≤ 50 ms).
    let query_to = |filter: QueueFilter, key, direction, refresh| QueueQuery {
        name: "recent".into(),
        filter,
        sort: QueueSort { key, direction },
        offset: 0,
        limit: 200,
        refresh,
    };
    let query = |filter: QueueFilter, key, refresh| query_to(filter, key, SortDirection::Asc, refresh);
    // How the queue of all tickets opens: the most recently updated first,
    // cut from the queue's first rows.
    time("queue_window recent as it opens (200 rows)", 5, || {
        client
            .queue_window(&query_to(QueueFilter::default(), QueueSortKey::Updated, SortDirection::Desc, true))
            .unwrap()
    });
    let window = time("queue_window recent, worked out (200 rows)", 5, || {
        client.queue_window(&query(QueueFilter::default(), QueueSortKey::Due, true)).unwrap()
    });
    let json = serde_json::to_string(&window).unwrap();
    println!(
        "  {} of {} rows, {:.1} KiB of JSON (what crosses IPC)",
        window.rows.len(),
        window.total,
        json.len() as f64 / 1024.0
    );
    let words = QueueFilter {
        statuses: vec![Status::InProgress, Status::New],
        priorities: vec![],
        text: "ncts гарант".into(),
    };
    time("queue_window: filter by status and words", 10, || {
        client.queue_window(&query(words.clone(), QueueSortKey::Due, false)).unwrap()
    });
    let priorities = QueueFilter {
        priorities: vec![2, 3],
        text: "декларац".into(),
        ..QueueFilter::default()
    };
    time("queue_window: filter by priority and a word, by number", 10, || {
        client.queue_window(&query(priorities.clone(), QueueSortKey::Number, false)).unwrap()
    });
    let first = window.rows[0].number.clone();
    time("ticket (one, with its SLA)", 20, || client.ticket(&first).unwrap());
    time("dashboard", 3, || client.dashboard().unwrap());
    let now = client.now();
    time("notifications scan (nothing new)", 3, || client.due_notifications(now).unwrap());
}
