//! What the desktop app's start costs below the window: opening the
//! profile, the sidebar's counts and the queues, a ticket — on a replica
//! synced with 10,000 demo tickets (as administrator, who sees them all).
//!
//! `cargo bench -p helpdesk-tests --bench queues`

use helpdesk_client::{Client, Options};
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
    let all = client.queue("recent").unwrap();
    let json = time("queue recent as JSON (what crosses IPC)", 5, || serde_json::to_string(&all).unwrap());
    println!("  {:.1} MiB, {} bytes per row", json.len() as f64 / 1048576.0, json.len() / all.len().max(1));
    let first = all[0].number.clone();
    time("ticket (one, with its SLA)", 20, || client.ticket(&first).unwrap());
    time("dashboard", 3, || client.dashboard().unwrap());
    let now = client.now();
    time("notifications scan (nothing new)", 3, || client.due_notifications(now).unwrap());
}
