//! Issue 13 item 8: every op of the workflow from the `helpdesk` CLI — the
//! real binary against a real `helpdesk-server` on loopback: co-executors
//! (003 §4.10, §4.15), complexity, a priority change with its note
//! (002 §7.3.2), ticket links (002 §6.7–6.8), a deadline extension
//! (001 §III.3(2), §III.13; 002 §8.3), the requester's answer taken by
//! the desk, and a close with basis `agreed` (002 §14.2). The server's copy
//! of the ticket is read back over its API.

use helpdesk_tests::{Laptop, Server};
use serde_json::Value;

fn ticket(server: &Server, number: &str) -> Value {
    server.api("admin").get(&format!("/tickets/{number}"))
}

fn has_event(ticket: &Value, kind: &str, needle: &str) -> bool {
    ticket["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"]["type"] == kind && e.to_string().contains(needle))
}

#[test]
fn c003_s4_10_c002_s6_7_c001_s3_13_every_op_from_the_cli_reaches_the_server() {
    let mut server = Server::prepare();
    server.start();
    let number = server.api("olga").register_incident("Не відкривається МД після оновлення");
    let other = server.api("olga").register_incident("Помилка підпису МД у відділі оформлення");
    let laptop = Laptop::new();
    laptop.ok(&["login", "--server", &server.url(), "--user", "ana"]);
    assert!(laptop.ok(&["take", &number]).contains("applied"));
    let shown = laptop.ok(&["show", &number]);
    let actions = shown.lines().find(|l| l.starts_with("actions now:")).unwrap().to_string();
    for command in ["co-executor", "complexity", "link", "link-kb", "extend-deadline", "priority"] {
        assert!(actions.contains(command), "`{command}` offered: {actions}");
    }

    // Co-executor group (003 §4.10, §4.15).
    assert!(laptop.ok(&["co-executor", &number, "--group", "ncts-l2"]).contains("sent: 1 applied"));
    assert_eq!(ticket(&server, &number)["ticket"]["co_executor_groups"], serde_json::json!(["ncts-l2"]));

    // Complexity (003 §4.10); a name that does not exist says what does.
    assert!(laptop.ok(&["complexity", &number, "complex"]).contains("applied"));
    assert_eq!(ticket(&server, &number)["ticket"]["complexity"], "complex");
    let (code, _, err) = laptop.run(&["complexity", &number, "hard"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("allowed: simple, medium, complex"), "{err}");

    // A priority change with its justification (002 §7.3.2).
    let note = "Погоджено із заявником телефоном";
    assert!(laptop.ok(&["priority", &number, "--level", "3", "--note", note]).contains("applied"));
    let t = ticket(&server, &number);
    assert_eq!(t["ticket"]["priority"], 3);
    assert!(has_event(&t, "priority_changed", note), "{}", t["events"]);

    // Ticket links (002 §6.7–6.8): once; the same link again is refused by the rule (exit 1).
    assert!(laptop.ok(&["link", &number, &other]).contains("applied"));
    let (code, _, err) = laptop.run(&["link", &number, &other]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("actions now:") || err.contains("helpdesk:"), "{err}");
    let t = ticket(&server, &number);
    assert_eq!(t["ticket"]["links"][0]["ticket"], other.as_str(), "{}", t["ticket"]["links"]);
    assert!(laptop.ok(&["link-kb", &number, "kb-eais-restart"]).contains("applied"));
    assert_eq!(ticket(&server, &number)["ticket"]["kb_links"], serde_json::json!(["kb-eais-restart"]));

    // A deadline extension with a justification (001 §III.3(2), §III.13).
    let until = (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339();
    let justification = "Потрібне оновлення від постачальника ПЗ";
    assert!(laptop
        .ok(&[
            "extend-deadline",
            &number,
            "--metric",
            "resolution",
            "--until",
            &until,
            "--justification",
            justification
        ])
        .contains("applied"));
    let t = ticket(&server, &number);
    assert!(has_event(&t, "deadline_extended", justification), "{}", t["events"]);
    let (code, _, err) = laptop.run(&[
        "extend-deadline",
        &number,
        "--metric",
        "resolution",
        "--until",
        "завтра",
        "--justification",
        "x",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--until") && err.contains("2026-12-10T16:00:00+02:00"), "{err}");

    // The requester's answer taken by the desk: back to work.
    laptop.ok(&["ask", &number, "Надішліть, будь ласка, знімок екрана"]);
    assert_eq!(ticket(&server, &number)["ticket"]["status"], "awaiting_info");
    assert!(laptop.ok(&["info-received", &number, "Заявник надіслав знімок поштою"]).contains("applied"));
    assert_eq!(ticket(&server, &number)["ticket"]["status"], "in_progress");

    // Closed in agreement with the requester (002 §14.2).
    // A resolution code not on the desk's list is refused before anything is
    // queued, with the list (SPEC §2); the ticket stays in work.
    let (code, _, err) = laptop.run(&["resolve", &number, "--code", "configured", "--text", "Оновлено сертифікат"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--code") && err.contains("configured") && err.contains("configuration"), "{err}");
    assert_eq!(ticket(&server, &number)["ticket"]["status"], "in_progress");
    laptop.ok(&["resolve", &number, "--code", "fixed", "--text", "Оновлено сертифікат"]);
    let (code, _, err) = laptop.run(&["close", &number, "--basis", "maybe"]);
    assert_eq!(code, 2, "{err}");
    // `auto` (the waiting time is over) is the auto-close's to record (001 §III.9(6)).
    let (code, out, err) = laptop.run(&["close", &number, "--basis", "auto"]);
    assert_eq!(code, 1, "refused by a rule\nstdout: {out}\nstderr: {err}");
    assert_eq!(ticket(&server, &number)["ticket"]["status"], "resolved");
    assert!(laptop.ok(&["close", &number, "--basis", "agreed"]).contains("applied"));
    let t = ticket(&server, &number);
    assert_eq!(t["ticket"]["status"], "closed");
    assert!(has_event(&t, "closed", "agreed") || t.to_string().contains("\"agreed\""), "{}", t["events"]);
}

/// `helpdesk show` names people and groups as the desktop does (from the
/// staff directory the last sync brought) and gives times in the policy
/// calendar's zone to the minute, not ids and RFC 3339 with nanoseconds.
#[test]
fn show_names_the_owner_the_group_and_the_authors_and_gives_readable_times() {
    let mut server = Server::prepare();
    server.admin(&["user", "add", "iryna", "--name", "Ірина Савчук", "--role", "analyst"]);
    server.admin(&["group", "member", "eais-l2", "iryna"]);
    server.start();
    let number = server.api("olga").register_incident("Не відкривається МД після оновлення");
    let laptop = Laptop::new();
    laptop.ok(&["login", "--server", &server.url(), "--user", "iryna"]);
    laptop.ok(&["take", &number]);
    laptop.ok(&["comment", &number, "--internal", "Перевірено журнал подій робочого місця."]);
    laptop.ok(&["sync"]);

    let shown = laptop.ok(&["show", &number]);
    assert!(shown.contains("group Технічний адміністратор ЄАІС"), "{shown}");
    assert!(shown.contains("owner Ірина Савчук"), "{shown}");
    assert!(shown.contains("internal note by Ірина Савчук"), "{shown}");
    assert!(!shown.contains("+00:00") && !shown.contains("Z]"), "no RFC 3339 instants: {shown}");
    let minute = |line: &str| {
        // «… due Thu 2026-12-10 16:00» / «[Thu 2026-12-10 14:03] …»: weekday, date, hours and minutes.
        line.split([' ', '[', ']'])
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[0].len() == 10 && w[0].as_bytes()[4] == b'-' && w[1].len() == 5 && w[1].as_bytes()[2] == b':')
    };
    let sla = shown.lines().find(|l| l.starts_with("SLA ")).unwrap_or_else(|| panic!("an SLA line: {shown}"));
    assert!(minute(sla), "{sla}");
    let note = shown.lines().find(|l| l.contains("internal note by")).unwrap();
    assert!(minute(note), "{note}");
}

/// `helpdesk login` takes the server and the user from HELPDESK_SERVER and
/// HELPDESK_USER, as the desktop app does, when the flags are not given.
#[test]
fn login_reads_the_server_and_the_user_from_the_environment() {
    let mut server = Server::prepare();
    server.start();
    let laptop = Laptop::new();
    let out = laptop
        .command(&["login"])
        .env("HELPDESK_SERVER", server.url())
        .env("HELPDESK_USER", "ana")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("as ana"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = laptop
        .command(&["login"])
        .env_remove("HELPDESK_SERVER")
        .env_remove("HELPDESK_USER")
        .output()
        .unwrap();
    let (code, err) = (out.status.code(), String::from_utf8_lossy(&out.stderr));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--server") && err.contains("--user"), "{err}");
}
