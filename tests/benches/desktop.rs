//! Desktop app figures, printed (issue "desktop app", Speed), from a
//! release build under Xvfb: cold start to an interactive queue of 10,000
//! tickets, and memory as the PSS of all the app's processes (the app and
//! its WebKit processes) with those tickets loaded, beside the same app on
//! its sign-in screen.
//!
//! `cargo bench -p helpdesk-tests --bench desktop`

use fantoccini::Locator;
use helpdesk_tests::desktop::{Desktop, Driver};
use helpdesk_tests::{bin_dir, Laptop, Server};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn release_app() -> PathBuf {
    let status = helpdesk_tests::cargo()
        .args(["build", "--release", "-p", "helpdesk-desktop"])
        .status()
        .expect("cargo runs");
    assert!(status.success());
    bin_dir().join("helpdesk-desktop")
}

/// PSS in KiB of a process and each of its descendants, by name, with the
/// anonymous part (heaps) of each.
fn pss_tree(root: u32) -> Vec<(String, u64, u64)> {
    let mut found = Vec::new();
    let mut pending = vec![root];
    while let Some(pid) = pending.pop() {
        if let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) {
            let field = |name: &str| {
                rollup
                    .lines()
                    .find(|l| l.starts_with(name))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string();
            found.push((name, field("Pss:"), field("Pss_Anon:")));
        }
        if let Ok(children) = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")) {
            pending.extend(children.split_whitespace().filter_map(|c| c.parse::<u32>().ok()));
        }
    }
    found
}

/// «301 MiB (helpdesk-desktop 60 of which heap 20, …)».
fn pss_text(processes: &[(String, u64, u64)]) -> String {
    let mib = |kib: u64| kib as f64 / 1024.0;
    let total: u64 = processes.iter().map(|p| p.1).sum();
    let parts: Vec<String> = processes
        .iter()
        .map(|(name, pss, anon)| format!("{name} {:.0}, heap {:.0}", mib(*pss), mib(*anon)))
        .collect();
    format!("{:.0} MiB ({})", mib(total), parts.join("; "))
}

/// How often the screen is looked at while waiting: WebDriver's default
/// (250 ms) would add up to a quarter of a second to every figure.
const POLL: Duration = Duration::from_millis(10);

fn app_pid(app: &std::path::Path) -> Option<u32> {
    let out = Command::new("pgrep").arg("-f").arg(app.to_str().unwrap()).output().ok()?;
    String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.trim().parse().ok()).min()
}

async fn measure(desktop: &Desktop, app: &std::path::Path, profile: &std::path::Path, signed_in: bool) -> (Duration, Option<Duration>, String) {
    let driver = Driver::on_profile(desktop, profile);
    let started = Instant::now();
    let c = driver.session(app).await;
    let first = if signed_in {
        "[data-testid=nav-queue-recent]"
    } else {
        "input[autocomplete=url]"
    };
    c.wait()
        .at_most(Duration::from_secs(120))
        .every(POLL)
        .for_element(Locator::Css(first))
        .await
        .expect("the first screen");
    let window = started.elapsed();
    let mut queue = None;
    if signed_in {
        c.find(Locator::Css("[data-testid=nav-queue-recent]")).await.unwrap().click().await.unwrap();
        c.wait()
            .at_most(Duration::from_secs(120))
            .every(POLL)
            .for_element(Locator::Css("[data-testid=queue-row]"))
            .await
            .expect("rows");
        queue = Some(started.elapsed());
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let pss = pss_text(&app_pid(app).map(pss_tree).unwrap_or_default());
    c.close().await.unwrap();
    (window, queue, pss)
}

#[tokio::main]
async fn main() {
    // `cargo test --all-targets` runs benches too: measure only under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("run with `cargo bench -p helpdesk-tests --bench desktop`");
        return;
    }
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = release_app();
    let mut server = Server::demo_with(10_000);
    server.start();
    let started = Instant::now();
    let laptop = Laptop::signed_in_as_demo_admin(&server);
    println!(
        "profile synced with the demo data (10,000 tickets) in {:.1} s (helpdesk login)",
        started.elapsed().as_secs_f64()
    );
    let desktop = Desktop::start();

    let empty = tempfile::tempdir().unwrap();
    let (window, _, pss) = measure(&desktop, &app, empty.path(), false).await;
    println!("sign-in screen (empty profile): window ready in {} ms, PSS {pss}", window.as_millis(),);

    let (window, queue, pss) = measure(&desktop, &app, laptop.profile.path(), true).await;
    println!(
        "cold start with 10,000 tickets: window ready in {} ms, queue of all tickets shown in {} ms (target ≤ 0.8 s), PSS {pss} (target ≤ 260 MiB)",
        window.as_millis(),
        queue.unwrap().as_millis(),
    );
}
