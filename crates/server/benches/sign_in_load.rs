//! Memory of the server under a burst of sign-ins:
//! `cargo bench -p helpdesk-server --bench sign_in_load`.
//!
//! Starts the release `helpdesk-server` on a fresh data directory, reads its
//! idle RSS, signs `BENCH_SIGN_INS` (default 200) accounts in at once, each
//! from its own loopback address (so that only the bound on hashing limits
//! them), then prints the peak RSS (`VmHWM`), the RSS a few seconds after,
//! the answers by status and the time taken; then as many wrong passwords
//! for one account at once from one address (the throttle).
//! Target: peak within +256 MiB of idle; every answer 200, 401, 429 or 503.
//! `BENCH_SERVER_BINARY` measures another build of the server instead
//! (e.g. an older one, for a before/after figure).
//! Run outside `cargo bench` (e.g. by `cargo test --benches`) it does
//! nothing unless `BENCH_FORCE=1`.

#[path = "../tests/common/process.rs"]
#[allow(dead_code)]
mod process;

use process::{ServerProcess, ADMIN_PASSWORD};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

fn main() {
    let benching = std::env::args().any(|a| a == "--bench") || std::env::var("BENCH_FORCE").is_ok_and(|v| v == "1");
    if !benching {
        println!("sign_in_load: run with `cargo bench -p helpdesk-server --bench sign_in_load` (or BENCH_FORCE=1)");
        return;
    }
    let sign_ins: usize = std::env::var("BENCH_SIGN_INS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    runtime.block_on(run(sign_ins));
}

async fn run(sign_ins: usize) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let binary = std::env::var("BENCH_SERVER_BINARY").unwrap_or_else(|_| env!("CARGO_BIN_EXE_helpdesk-server").to_string());
    let server = ServerProcess::start(Path::new(&binary), dir.path(), Stdio::null());
    let client = reqwest::Client::new();
    let (status, token) = process::sign_in(&client, &server.url, "admin", ADMIN_PASSWORD).await;
    assert_eq!(status, 200, "the administrator signs in");
    let users = process::create_users(&client, &server.url, &token.unwrap_or_default(), sign_ins).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mib = |kib: u64| kib as f64 / 1024.0;
    let idle = server.memory_kib("VmRSS");
    println!("sign_in_load: {binary}");
    println!("sign_in_load: RSS idle {:.1} MiB", mib(idle));

    let (statuses, elapsed) = process::sign_in_burst(&server.url, users, true).await;
    let peak = server.memory_kib("VmHWM");
    tokio::time::sleep(Duration::from_secs(3)).await;
    let after = server.memory_kib("VmRSS");
    let within = peak < idle + 256 * 1024 && statuses.keys().all(|s| [200, 401, 429, 503].contains(s));
    println!(
        "sign_in_load: {sign_ins} users signing in at once from as many addresses (right passwords): {:.2} s, answers {statuses:?}",
        elapsed.as_secs_f64()
    );
    println!(
        "sign_in_load:   peak RSS {:.1} MiB (+{:.1} over idle), 3 s after {:.1} MiB — target peak ≤ idle + 256 MiB: {}",
        mib(peak),
        mib(peak.saturating_sub(idle)),
        mib(after),
        if within { "ok" } else { "MISSED" }
    );

    let guesses = (0..sign_ins).map(|i| ("admin".to_string(), format!("guess {i}"))).collect();
    let (statuses, elapsed) = process::sign_in_burst(&server.url, guesses, false).await;
    let peak = server.memory_kib("VmHWM");
    println!(
        "sign_in_load: {sign_ins} wrong passwords for one user at once: {:.2} s, answers {statuses:?}; peak RSS now {:.1} MiB",
        elapsed.as_secs_f64(),
        mib(peak)
    );
}
