//! Issue 13 item 9 with a real notification daemon: dunst on a private
//! session bus and `dbus-monitor` watching `org.freedesktop.Notifications`.
//! While the desktop app runs signed in as the demo analyst (group
//! eais-l2), a colleague of another group involves eais-l2 as co-executor
//! of one ticket and escalates another to it; the app's next background
//! sync brings both, and it raises a desktop notification for each, in
//! Ukrainian.

use helpdesk_tests::desktop::{desktop_app, Desktop};
use helpdesk_tests::notifications::{app_command, NotificationLog, RunningApp};
use helpdesk_tests::Server;
use serde_json::json;

/// Registers an incident for the NCTS group as the demo L1 operator.
fn ncts_ticket(server: &Server, subject: &str) -> String {
    let (status, body) = server.api_with("l1", "l1-demo-1").post(
        "/tickets",
        json!({
            "type": "incident", "subject": subject, "description": "Помилка під час оформлення транзитної декларації",
            "service": "NCTS", "channel": "phone",
            "requester": {"kind": "official", "name": "Петро Іваненко", "customs_unit": "Київська митниця", "position": "інспектор", "phone": "+380441234567"},
            "impact": "medium", "urgency": "medium", "group": "ncts-l2",
            "expected_result": "Декларація оформлюється", "actual_result": "Помилка 500"
        }),
    );
    assert_eq!(status, 201, "{body}");
    body["ticket"]["number"].as_str().unwrap().to_string()
}

/// `op` on `number` as the demo NCTS analyst, through the API.
fn as_ncts(server: &Server, number: &str, op: serde_json::Value) {
    let api = server.api_with("ncts", "ncts-demo-1");
    let version = api.get(&format!("/tickets/{number}"))["ticket"]["version"].clone();
    let (status, body) = api.post(&format!("/tickets/{number}/ops"), json!({"op": op, "base_version": version}));
    assert_eq!(status, 200, "{op}: {body}");
}

#[test]
fn co_executor_and_escalation_to_my_group_raise_desktop_notifications() {
    let app = desktop_app();
    let mut server = Server::demo_with(40);
    server.start();
    let involved = ncts_ticket(&server, "Не формується транзитна декларація NCTS");
    let escalated = ncts_ticket(&server, "Помилка обміну з ЄАІС під час транзиту");
    let desktop = Desktop::start();
    let log = NotificationLog::start(&desktop);
    let profile = tempfile::tempdir().unwrap();
    let mut command = app_command(&desktop, &app, profile.path(), &server.url(), ("analyst", "analyst-demo-1"));
    command.env("LC_ALL", "uk_UA.UTF-8");
    let running = RunningApp::start(command);
    // Signed in, synced, and the notifier's look at it done: history from now on rings.
    running.wait_until_settled();
    as_ncts(&server, &involved, json!({"op": "add_co_executor", "group": "eais-l2"}));
    as_ncts(
        &server,
        &escalated,
        json!({"op": "escalate", "group": "eais-l2", "note": "Потрібен адміністратор ЄАІС"}),
    );
    // The next background sync brings both.
    log.wait_until(&format!("for {involved} and {escalated}"), |shown| {
        [&involved, &escalated].iter().all(|n| shown.iter().any(|s| s.starts_with(&format!("{n}: "))))
    });
    running.wait_until_settled();
    running.stop();
    let all = log.finish();
    let about = |number: &str| all.iter().filter(|s| s.starts_with(&format!("{number}: "))).cloned().collect::<Vec<_>>();
    assert_eq!(
        about(&involved),
        [format!("{involved}: групу «Технічний адміністратор ЄАІС» залучено співвиконавцем")],
        "{all:?}"
    );
    let escalation = about(&escalated);
    assert!(
        escalation.contains(&format!("{escalated}: ескальовано до групи «Технічний адміністратор ЄАІС»")),
        "{all:?}"
    );
}
