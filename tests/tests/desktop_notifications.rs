//! Issue "desktop app": SLA warnings are real desktop notifications. With
//! dunst on a private session bus and `dbus-monitor` watching
//! `org.freedesktop.Notifications`, the app raises a notification for each
//! ticket crossing a threshold — each exactly once, also after a restart.

use helpdesk_tests::desktop::{desktop_app, Desktop, Guard};
use helpdesk_tests::Server;
use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The summaries of the `Notify` calls in a dbus-monitor log.
fn summaries(log: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut strings_after_notify: Option<Vec<String>> = None;
    for line in log.lines() {
        if line.contains("member=Notify") {
            if let Some(s) = strings_after_notify.take() {
                out.extend(s.get(2).cloned());
            }
            strings_after_notify = Some(Vec::new());
        } else if let Some(strings) = strings_after_notify.as_mut() {
            let t = line.trim();
            if let Some(rest) = t.strip_prefix("string \"") {
                strings.push(rest.trim_end_matches('"').to_string());
            }
        }
    }
    if let Some(s) = strings_after_notify {
        out.extend(s.get(2).cloned());
    }
    out
}

fn run_app_for(desktop: &Desktop, app: &std::path::Path, profile: &std::path::Path, server: &Server, seconds: u64) {
    let mut cmd = Command::new(app);
    desktop
        .env(&mut cmd)
        .env("HELPDESK_PROFILE", profile)
        .env("HELPDESK_SERVER", server.url())
        .env("HELPDESK_USER", "analyst")
        .env("HELPDESK_PASSWORD", "analyst-demo-1")
        .env("HELPDESK_KEYRING", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let child = Guard(cmd.spawn().unwrap());
    std::thread::sleep(Duration::from_secs(seconds));
    drop(child);
}

#[test]
fn threshold_notifications_are_raised_once_also_after_a_restart() {
    let app = desktop_app();
    let mut server = Server::demo();
    server.start();
    let desktop = Desktop::start();
    let log_path = desktop_log_path();
    let monitor = Guard(
        desktop
            .env(&mut Command::new("dbus-monitor"))
            .args(["--session", "interface='org.freedesktop.Notifications',member='Notify'"])
            .stdout(std::fs::File::create(&log_path).unwrap())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-monitor is installed"),
    );
    let profile = tempfile::tempdir().unwrap();
    run_app_for(&desktop, &app, profile.path(), &server, 25);
    let first = summaries(&std::fs::read_to_string(&log_path).unwrap());
    run_app_for(&desktop, &app, profile.path(), &server, 20);
    drop(monitor);
    let all = summaries(&std::fs::read_to_string(&log_path).unwrap());

    // The demo analyst has tickets past 75 % and 90 % of their terms.
    let per_ticket: Vec<&String> = all.iter().filter(|s| s.contains("HD-")).collect();
    assert!(first.iter().any(|s| s.contains("HD-")), "the first start raised SLA notifications: {all:?}");
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for s in &per_ticket {
        *counts.entry(s).or_default() += 1;
    }
    let repeated: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "each notification once, also after the restart: {repeated:?}");
}

fn desktop_log_path() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("helpdesk-notify-{}.log", std::process::id()))
}
