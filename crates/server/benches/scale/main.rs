//! The scale benchmark (issue 14, "CI and proof"):
//! `cargo bench -p helpdesk-server --bench scale`.
//!
//! What it runs, on a throwaway PostgreSQL cluster (`tests/common/postgres.rs`):
//!
//! 1. three real `helpdesk-server serve` processes on one database, each on
//!    its own loopback port, behind a round-robin TCP proxy that cuts a
//!    share of the connections after the server answered (`proxy`);
//! 2. groups, one analyst per client and tickets in every group, made
//!    through the API (`fixture`);
//! 3. ≥ 60 simulated clients, each with its own client id, pushing
//!    comments, `take` and `give_workaround` on their group's tickets and
//!    pulling their buckets; every failed or cut request is sent again
//!    unchanged (`client`);
//! 4. mid-run, one replica killed with `kill -9` and started again on the
//!    same port; the clients keep going through the proxy;
//! 5. the checks (`checks`): every op applied exactly once (marks counted
//!    on the server, versions), monotone delivery per bucket, no change
//!    skipped by a complete pull, convergence of every client;
//! 6. a NEGATIVE CONTROL: the same run with the servers started with
//!    `HELPDESK_UNSAFE_STAMPING_FOR_BENCH=1` (sequences taken at the start
//!    of each write, not under the head's lock at its end), which the
//!    checks must catch;
//! 7. the same load on SQLite with one replica, for comparison.
//!
//! It prints pushed ops/s, p50/p99 push and pull latency and the empty
//! pull's p50 (over a new connection per request, and over one kept
//! connection as the app pulls) per backend next to the goals (≥ 2,000
//! pushed ops/s across 3 replicas; empty pull p50 ≤ 2 ms) as
//! "ok"/"MISSED", and the checks' results. Figures are not assertions; a
//! failed check or a control that is not caught ends the process with
//! status 1.
//!
//! Knobs (environment): `BENCH_CLIENTS` (60), `BENCH_SECONDS` (30, the
//! PostgreSQL run), `BENCH_CONTROL_SECONDS` (15, 0 skips the control),
//! `BENCH_SQLITE_SECONDS` (15, 0 skips SQLite), `BENCH_GROUPS` (12),
//! `BENCH_TICKETS` (per group, 40), `BENCH_CUTS` (cut connections per
//! thousand, 30), `BENCH_OPS_PER_PUSH` (at most, 4), `BENCH_QUIET_CLIENTS`
//! (clients pulling at once when the empty pull is timed after the load,
//! 6, as sync_bench), `BENCH_PG_STATEMENTS=1` (PostgreSQL's most costly
//! statements per applied op, from `pg_stat_statements`),
//! `BENCH_DATABASE_POOL` (connections per replica, 4), `BENCH_SERVER_BINARY`
//! (another server build). Where PostgreSQL is not installed its runs are
//! skipped. Run outside `cargo bench` (e.g. by `cargo test --benches`) it
//! does nothing unless `BENCH_FORCE=1`.

#[path = "../../tests/common/postgres.rs"]
#[allow(dead_code)]
mod postgres;

mod checks;
mod client;
mod cpu;
mod fixture;
mod http;
mod pg_stats;
mod proxy;
mod replicas;

use checks::Verdict;
use client::{Connections, Shared, SimClient};
use helpdesk_server::store::Store;
use replicas::{Replica, Storage};
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

struct Knobs {
    clients: usize,
    groups: usize,
    tickets_per_group: usize,
    cuts_per_mille: u32,
    ops_per_push: u64,
    /// Clients pulling at once when the empty pull is timed.
    quiet_clients: usize,
}

struct Plan {
    title: &'static str,
    /// Names the replicas' log files.
    slug: &'static str,
    storage: Storage,
    replicas: usize,
    seconds: u64,
    kill: bool,
}

struct Outcome {
    verdict: Verdict,
    ops_per_second: f64,
    empty_pull_p50: Duration,
    /// The same over kept connections, as the app pulls.
    empty_pull_kept_p50: Duration,
}

impl Outcome {
    /// The empty pull's p50 next to its goal, over new and kept connections.
    fn empty_pull_against_goal(&self) -> String {
        let goal = Duration::from_millis(2);
        format!(
            "empty pull p50 {:.2} ms over a new connection per request — goal ≤ 2 ms: {}; {:.2} ms over a kept connection, as the app pulls: {}",
            ms(self.empty_pull_p50),
            verdict(self.empty_pull_p50 <= goal),
            ms(self.empty_pull_kept_p50),
            verdict(self.empty_pull_kept_p50 <= goal)
        )
    }
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench") || std::env::var("BENCH_FORCE").is_ok_and(|v| v == "1");
    if !benching {
        println!("scale: run with `cargo bench -p helpdesk-server --bench scale` (or BENCH_FORCE=1)");
        return;
    }
    if let Some(option) = pg_stats::statements_option() {
        // Read when the cluster starts; set before any thread runs.
        let options = format!("{} {option}", std::env::var("HELPDESK_TEST_PG_OPTIONS").unwrap_or_default());
        std::env::set_var("HELPDESK_TEST_PG_OPTIONS", options);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    let failed = runtime.block_on(run());
    if failed {
        std::process::exit(1);
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(|_| "?".into(), |l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

/// The runs; whether a check failed or the control went uncaught.
async fn run() -> bool {
    let knobs = Knobs {
        clients: knob("BENCH_CLIENTS", 60).max(1),
        groups: knob("BENCH_GROUPS", 12).max(1),
        tickets_per_group: knob("BENCH_TICKETS", 40).max(1),
        cuts_per_mille: knob("BENCH_CUTS", 30).min(1000) as u32,
        ops_per_push: knob("BENCH_OPS_PER_PUSH", 4).max(1) as u64,
        quiet_clients: knob("BENCH_QUIET_CLIENTS", 6).max(1),
    };
    let seconds = knob("BENCH_SECONDS", 30).max(1) as u64;
    let control_seconds = knob("BENCH_CONTROL_SECONDS", 15) as u64;
    let sqlite_seconds = knob("BENCH_SQLITE_SECONDS", 15) as u64;
    println!("== scale ==");
    println!(
        "server: {}; {} CPU(s), load average {} at the start",
        replicas::binary().display(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    println!(
        "{} clients (one analyst and client id each) in {} groups, {} tickets per group; 1–{} ops per push; {:.1}% of connections cut after the answer",
        knobs.clients,
        knobs.groups,
        knobs.tickets_per_group,
        knobs.ops_per_push,
        f64::from(knobs.cuts_per_mille) / 10.0
    );
    let mut failed = false;
    let scratch = tempfile::tempdir().expect("a temporary directory");

    match postgres::fresh_database() {
        None => println!("PostgreSQL: SKIPPED — not installed (apt-get install postgresql)"),
        Some(url) => {
            println!(
                "PostgreSQL: a throwaway cluster (fsync off, as the tests run it); {} connections per replica",
                replicas::database_pool()
            );
            let plan = Plan {
                title: "PostgreSQL, 3 replicas, one killed with kill -9 and restarted",
                slug: "postgres",
                storage: Storage::Postgres { url, unsafe_stamping: false },
                replicas: 3,
                seconds,
                kill: true,
            };
            let outcome = run_plan(&plan, &knobs, scratch.path()).await;
            println!(
                "  goals: pushed ops/s across 3 replicas {:.0} — goal ≥ 2,000: {}; {}",
                outcome.ops_per_second,
                verdict(outcome.ops_per_second >= 2000.0),
                outcome.empty_pull_against_goal()
            );
            failed |= !outcome.verdict.all_pass();
        }
    }

    if sqlite_seconds > 0 {
        let dir = scratch.path().join("sqlite");
        std::fs::create_dir_all(&dir).expect("the SQLite data directory");
        let plan = Plan {
            title: "SQLite, 1 replica (for comparison)",
            slug: "sqlite",
            storage: Storage::Sqlite { dir },
            replicas: 1,
            seconds: sqlite_seconds,
            kill: false,
        };
        let outcome = run_plan(&plan, &knobs, scratch.path()).await;
        println!(
            "  figures: pushed ops/s on 1 replica {:.0}; {}",
            outcome.ops_per_second,
            outcome.empty_pull_against_goal()
        );
        failed |= !outcome.verdict.all_pass();
    }

    let mut control_caught = false;
    if control_seconds > 0 {
        match postgres::fresh_database() {
            None => println!("negative control: SKIPPED — PostgreSQL is not installed"),
            Some(url) => {
                // The switch's sequence: made here, as the switch's documentation says.
                let store = Store::connect_with(&url, 1).expect("the control's database");
                store
                    .write(|tx| tx.batch("CREATE SEQUENCE helpdesk_unsafe_change_seq"))
                    .expect("the control's sequence");
                drop(store);
                let plan = Plan {
                    title: "NEGATIVE CONTROL: PostgreSQL, 3 replicas, UNSAFE stamping (HELPDESK_UNSAFE_STAMPING_FOR_BENCH=1)",
                    slug: "control",
                    storage: Storage::Postgres { url, unsafe_stamping: true },
                    replicas: 3,
                    seconds: control_seconds,
                    kill: false,
                };
                let outcome = run_plan(&plan, &knobs, scratch.path()).await;
                let v = &outcome.verdict;
                let caught = !v.no_skipped_change() || !v.converged() || !v.monotone();
                control_caught = caught;
                if caught {
                    println!(
                        "  negative control: CAUGHT — {} stale ticket(s) after complete pulls, {} client(s) not converged, {} monotonicity finding(s)",
                        v.stale.len(),
                        v.not_converged.len(),
                        v.monotone.len() + v.regressions.len()
                    );
                } else {
                    println!("  negative control: NOT CAUGHT — the checks did not see the unsafe stamping's skipped changes");
                    failed = true;
                }
            }
        }
    }
    println!(
        "scale: {}",
        match (failed, control_caught) {
            (true, _) => "FAILED (see above)",
            (false, true) => "every check passed; the negative control was caught",
            (false, false) => "every check passed; the negative control was not run",
        }
    );
    failed
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn collect(clients: &[SimClient], pick: impl Fn(&SimClient) -> &Vec<Duration>) -> Vec<Duration> {
    let mut all: Vec<Duration> = clients.iter().flat_map(|c| pick(c).iter().copied()).collect();
    all.sort();
    all
}

fn shown(list: &[String]) -> String {
    let examples: Vec<&String> = list.iter().filter(|m| !m.is_empty()).take(3).collect();
    if examples.is_empty() {
        String::new()
    } else {
        format!(" e.g. {examples:?}")
    }
}

async fn run_plan(plan: &Plan, knobs: &Knobs, scratch: &std::path::Path) -> Outcome {
    println!("-- {} --", plan.title);
    let setup = Instant::now();
    let mut replicas: Vec<Replica> = (0..plan.replicas)
        .map(|i| Replica::new(plan.storage.clone(), scratch.join(format!("{}-replica-{i}.log", plan.slug)), i == 0))
        .collect();
    // The first creates the administrator (a replica refuses to start on a
    // database without one); the others then start together.
    replicas[0].spawn();
    replicas[0].wait_listening().await;
    for replica in &mut replicas[1..] {
        replica.spawn();
    }
    for replica in &mut replicas[1..] {
        replica.wait_listening().await;
    }
    let direct = format!("http://{}", replicas[0].address());
    let admin_http = http::client(knobs.clients + 1);
    let fixture = fixture::create(&admin_http, &direct, knobs.groups, knobs.clients, knobs.tickets_per_group).await;
    let proxy = proxy::Proxy::start(replicas.iter().map(Replica::address).collect(), 0x5eed).await;
    let group_tickets: Vec<Arc<[String]>> = fixture.tickets.iter().map(|t| t.iter().map(|(id, _)| id.clone()).collect()).collect();
    let clients: Vec<SimClient> = fixture
        .analysts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            SimClient::new(
                i,
                format!("scale-c{i:03}"),
                a.username.clone(),
                a.token.clone(),
                a.group,
                group_tickets[a.group].clone(),
                proxy.url(),
                knobs.ops_per_push,
            )
        })
        .collect();
    println!(
        "  setup: {} replica(s) started, {} groups, {} analysts signed in, {} tickets registered in {:.1} s",
        plan.replicas,
        fixture.groups.len(),
        fixture.analysts.len(),
        fixture.tickets.iter().map(Vec::len).sum::<usize>(),
        setup.elapsed().as_secs_f64()
    );

    let shared = Arc::new(Shared::new(knobs.groups));
    let database_url = match &plan.storage {
        Storage::Postgres { url, .. } => Some(url.clone()),
        Storage::Sqlite { .. } => None,
    };
    let cpu_of_replicas = |replicas: &[Replica]| replicas.iter().map(Replica::cpu_seconds).sum::<f64>();
    let cpu_before = (
        cpu_of_replicas(&replicas),
        database_url.as_deref().map_or(0.0, cpu::postgres_seconds),
        cpu::own_seconds(),
        cpu::machine_seconds(),
    );
    let stats_store = database_url.as_deref().and_then(|url| Store::connect_with(url, 1).ok());
    if let Some(store) = &stats_store {
        pg_stats::enable_statements(store);
    }
    let stats_before = stats_store.as_ref().and_then(pg_stats::take);
    proxy.set_cuts(knobs.cuts_per_mille);
    let load_start = Instant::now();
    let load_until = load_start + Duration::from_secs(plan.seconds);
    let give_up = load_until + Duration::from_secs(90);
    let tasks: Vec<_> = clients.into_iter().map(|c| tokio::spawn(c.load(shared.clone(), load_until, give_up))).collect();
    if plan.kill && replicas.len() > 1 {
        tokio::time::sleep_until((load_start + Duration::from_secs(plan.seconds) * 2 / 5).into()).await;
        let victim = replicas.len() - 1;
        let at = load_start.elapsed();
        replicas[victim].kill9();
        tokio::time::sleep(Duration::from_secs(1)).await;
        let took = replicas[victim].restart().await;
        println!(
            "  kill -9 of replica {} (port {}) at {:.1} s; started again on the same port, listening {:.2} s later (down {:.2} s)",
            victim + 1,
            replicas[victim].port,
            at.as_secs_f64(),
            took.as_secs_f64(),
            (load_start.elapsed() - at).as_secs_f64()
        );
    }
    let mut clients = Vec::new();
    for task in tasks {
        clients.push(task.await.expect("a client task"));
    }
    let drained = load_start.elapsed();
    let cpu_spent = (
        cpu_of_replicas(&replicas) - cpu_before.0,
        database_url.as_deref().map_or(0.0, cpu::postgres_seconds) - cpu_before.1,
        cpu::own_seconds() - cpu_before.2,
        cpu::machine_seconds() - cpu_before.3,
    );
    proxy.set_cuts(0);
    // The backends report their statistics within a second of going idle.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let stats_after = stats_store.as_ref().and_then(pg_stats::take);

    let verdict = checks::verify(&mut clients, &shared, &fixture, &admin_http, &direct).await;
    // Nothing is pushed any more: the quiet pull, a few clients at once (as
    // sync_bench), over new connections as under load, then over kept ones.
    for connections in [Connections::NewPerRequest, Connections::Kept] {
        let quiet = clients
            .iter_mut()
            .take(knobs.quiet_clients)
            .map(|c| c.empty_pulls(50, connections, Instant::now() + Duration::from_secs(60)));
        for result in futures_util::future::join_all(quiet).await {
            if let Err(e) = result {
                println!("  quiet pull failed: {e}");
            }
        }
    }

    let window = plan.seconds as f64;
    let answered: u64 = clients.iter().map(|c| c.stats.answered_in_window).sum();
    let applied: u64 = clients.iter().map(|c| c.stats.applied_in_window).sum();
    let pushes: u64 = clients.iter().map(|c| c.stats.pushes).sum();
    let pulls: u64 = clients.iter().map(|c| c.stats.pulls).sum();
    let push_retries: u64 = clients.iter().map(|c| c.stats.push_retries).sum();
    let pull_retries: u64 = clients.iter().map(|c| c.stats.pull_retries).sum();
    let push = collect(&clients, |c| &c.stats.push_latency);
    let pull = collect(&clients, |c| &c.stats.pull_latency);
    let empty = collect(&clients, |c| &c.stats.empty_pull_latency);
    let quiet = collect(&clients, |c| &c.stats.quiet_empty_pull_latency);
    let quiet_kept = collect(&clients, |c| &c.stats.quiet_kept_empty_pull_latency);
    let stats = &proxy.stats;
    let ops_per_second = answered as f64 / window;
    println!(
        "  load: {} s with {} clients (drained at {:.1} s): {} ops answered ({:.0} ops/s), {} applied ({:.0}/s); {} push requests ({} sent again), {} pull requests ({} sent again)",
        plan.seconds,
        knobs.clients,
        drained.as_secs_f64(),
        answered,
        ops_per_second,
        applied,
        applied as f64 / window,
        pushes,
        push_retries,
        pulls,
        pull_retries
    );
    let pulled: u64 = clients.iter().map(|c| c.stats.pulled_bytes).sum();
    let received: u64 = clients.iter().map(|c| c.stats.changes_received).sum();
    println!(
        "  pulled {:.0} MiB of JSON: {:.1} KiB per page, {:.1} KiB per change received, {:.1} KiB per applied op",
        pulled as f64 / (1 << 20) as f64,
        pulled as f64 / 1024.0 / pulls.max(1) as f64,
        pulled as f64 / 1024.0 / received.max(1) as f64,
        pulled as f64 / 1024.0 / applied.max(1) as f64
    );
    let deltas: u64 = clients.iter().map(|c| c.stats.deltas).sum();
    let fetched: u64 = clients.iter().map(|c| c.stats.fetched_whole).sum();
    println!(
        "  ticket changes as deltas: {deltas} of {received} changes ({:.0}%); tickets fetched whole because a delta did not fit: {fetched}",
        100.0 * deltas as f64 / received.max(1) as f64
    );
    println!(
        "  push latency p50 {:.2} ms, p99 {:.2} ms ({} requests); pull latency p50 {:.2} ms, p99 {:.2} ms ({} pages)",
        ms(percentile(&push, 0.5)),
        ms(percentile(&push, 0.99)),
        push.len(),
        ms(percentile(&pull, 0.5)),
        ms(percentile(&pull, 0.99)),
        pull.len()
    );
    println!(
        "  empty pull p50 {:.2} ms, p99 {:.2} ms ({} quiet pulls, {} clients at once after the run, a new connection per request); over a kept connection p50 {:.2} ms, p99 {:.2} ms ({} quiet pulls); under load p50 {:.2} ms ({} empty pulls)",
        ms(percentile(&quiet, 0.5)),
        ms(percentile(&quiet, 0.99)),
        quiet.len(),
        knobs.quiet_clients.min(clients.len()),
        ms(percentile(&quiet_kept, 0.5)),
        ms(percentile(&quiet_kept, 0.99)),
        quiet_kept.len(),
        ms(percentile(&empty, 0.5)),
        empty.len()
    );
    println!(
        "  proxy: {} connections, {} cut after the answer, {} refused by a replica (sent to the next), {} unserved",
        stats.connections.load(std::sync::atomic::Ordering::Relaxed),
        stats.cut.load(std::sync::atomic::Ordering::Relaxed),
        stats.refused.load(std::sync::atomic::Ordering::Relaxed),
        stats.unserved.load(std::sync::atomic::Ordering::Relaxed)
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let ours = cpu_spent.0 + cpu_spent.1 + cpu_spent.2;
    let per_op = |seconds: f64| if applied > 0 { seconds * 1e3 / applied as f64 } else { 0.0 };
    println!(
        "  CPU during load and drain ({:.1} s × {cores:.0} cores = {:.0} CPU-s): replicas {:.1} s ({:.2} ms per applied op), PostgreSQL {:.1} s ({:.2} ms/op), this bench's clients and proxy {:.1} s; the machine was busy {:.1} s, {:.1} s of it other work",
        drained.as_secs_f64(),
        drained.as_secs_f64() * cores,
        cpu_spent.0,
        per_op(cpu_spent.0),
        cpu_spent.1,
        per_op(cpu_spent.1),
        cpu_spent.2,
        cpu_spent.3,
        (cpu_spent.3 - ours).max(0.0)
    );
    if let (Some(before), Some(after)) = (&stats_before, &stats_after) {
        for line in pg_stats::report(before, after, applied) {
            println!("  {line}");
        }
    }
    report(&verdict);
    Outcome {
        verdict,
        ops_per_second,
        empty_pull_p50: percentile(&quiet, 0.5),
        empty_pull_kept_p50: percentile(&quiet_kept, 0.5),
    }
}

fn pass(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "FAIL"
    }
}

fn report(v: &Verdict) {
    println!("  outcomes: {:?}", v.outcomes);
    println!(
        "  check exactly once: {} — {} ops, {} applied; lost {}, doubled {}, applied though not answered so {}, marks no client knows {}, tickets whose version ≠ initial + applied {} of {}, ops never answered {}{}",
        pass(v.exactly_once()),
        v.ops,
        v.applied,
        v.lost.len(),
        v.doubled.len(),
        v.phantom.len(),
        v.unknown_marks.len(),
        v.version_off.len(),
        v.tickets,
        v.unanswered,
        shown(&[v.lost.clone(), v.doubled.clone(), v.phantom.clone(), v.unknown_marks.clone(), v.version_off.clone()].concat())
    );
    println!(
        "  check monotone delivery per bucket: {} — {} changes received; cursor/seq going back {}, ticket versions going back {}{}",
        pass(v.monotone()),
        v.changes_received,
        v.monotone.len(),
        v.regressions.len(),
        shown(&[v.monotone.clone(), v.regressions.clone()].concat())
    );
    println!(
        "  check no skipped change: {} — {} complete pulls checked, {} stale ticket(s){}",
        pass(v.no_skipped_change()),
        v.stale_checks,
        v.stale.len(),
        shown(&v.stale)
    );
    println!(
        "  check convergence: {} — {} client ticket views compared with a fresh pull and the administrator's read, {} client(s) differ{}",
        pass(v.converged()),
        v.compared,
        v.not_converged.len(),
        shown(&v.not_converged)
    );
    if !v.client_errors.is_empty() {
        println!("  client errors: {}{}", v.client_errors.len(), shown(&v.client_errors));
    }
}
