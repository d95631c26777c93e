//! Issue "desktop app": SLA warnings are real desktop notifications. With
//! dunst on a private session bus and `dbus-monitor` watching
//! `org.freedesktop.Notifications`, the app raises a notification for each
//! ticket crossing a threshold — each exactly once, also after a restart.

use helpdesk_tests::desktop::{desktop_app, Desktop};
use helpdesk_tests::notifications::{app_command, NotificationLog, RunningApp};
use helpdesk_tests::Server;
use std::collections::BTreeMap;

const ANALYST: (&str, &str) = ("analyst", "analyst-demo-1");

#[test]
fn threshold_notifications_are_raised_once_also_after_a_restart() {
    let app = desktop_app();
    let mut server = Server::demo();
    server.start();
    let desktop = Desktop::start();
    let log = NotificationLog::start(&desktop);
    let profile = tempfile::tempdir().unwrap();
    let running = RunningApp::start(app_command(&desktop, &app, profile.path(), &server.url(), ANALYST));
    running.wait_until_settled();
    running.stop();
    let first = log.summaries();
    // Started again on the same replica: its first look would ring again.
    let running = RunningApp::start(app_command(&desktop, &app, profile.path(), &server.url(), ANALYST));
    running.wait_until_settled();
    running.stop();
    let all = log.finish();

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
