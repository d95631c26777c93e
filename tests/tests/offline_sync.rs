//! Issue "client core", end to end: a real `helpdesk-server` process on
//! loopback and the `helpdesk` CLI on real replicas, the network taken
//! away and given back, and the CLI killed in the middle of a sync.

use helpdesk_tests::{Laptop, Server};
use serde_json::Value;
use std::time::Duration;

fn comments_with(server: &Server, number: &str, text: &str) -> usize {
    let ticket = server.api("admin").get(&format!("/tickets/{number}"));
    ticket["ticket"]["comments"].as_array().unwrap().iter().filter(|c| c["text"] == text).count()
}

#[test]
fn offline_work_lands_once_when_the_server_returns() {
    let mut server = Server::prepare();
    server.start();
    let number = server.api("olga").register_incident("Не відкривається МД у регіональній митниці");
    let laptop = Laptop::new();
    laptop.ok(&["login", "--server", &server.url(), "--user", "ana"]);
    let queue = laptop.json(&["queue", "unassigned", "--json"]);
    assert_eq!(queue.as_array().unwrap().len(), 1, "{queue}");
    assert!(laptop.ok(&["take", &number]).contains("applied"));

    server.stop();
    let out = laptop.ok(&["comment", &number, "--internal", "Перевірено журнал сервера, без помилок"]);
    assert!(out.contains("offline"), "{out}");
    let out = laptop.ok(&["comment", &number, "Надішліть, будь ласка, знімок екрана"]);
    assert!(out.contains("2 actions will be sent"), "{out}");
    let status = laptop.json(&["status", "--json"]);
    assert_eq!(status["pending"], 2);
    // The ticket as the analyst sees it has both comments already.
    let shown = laptop.json(&["show", &number, "--json"]);
    assert_eq!(shown["ticket"]["ticket"]["comments"].as_array().unwrap().len(), 2);

    server.start();
    let out = laptop.ok(&["sync"]);
    assert!(out.contains("2 applied"), "{out}");
    assert_eq!(laptop.json(&["status", "--json"])["pending"], 0);
    laptop.ok(&["sync"]);
    assert_eq!(comments_with(&server, &number, "Перевірено журнал сервера, без помилок"), 1);
    assert_eq!(comments_with(&server, &number, "Надішліть, будь ласка, знімок екрана"), 1);

    // Resolved, then the requester is asked to confirm (002 §14.4), offline too.
    assert!(laptop
        .ok(&["resolve", &number, "--code", "fixed", "--text", "Оновлено сертифікат"])
        .contains("applied"));
    server.stop();
    laptop.ok(&["confirm-request", &number, "Підтвердіть, будь ласка, що декларації зберігаються"]);
    server.start();
    laptop.ok(&["sync"]);
    let ticket = server.api("admin").get(&format!("/tickets/{number}"));
    let asked = ticket["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"]["type"] == "confirmation_requested")
        .count();
    assert_eq!((ticket["ticket"]["status"].as_str(), asked), (Some("resolved"), 1), "{ticket}");
}

#[test]
fn two_analysts_take_the_same_ticket_one_conflict_with_both_sides() {
    let mut server = Server::prepare();
    server.start();
    let number = server.api("olga").register_incident("Не працює підпис КЕП");
    let (ana, bob) = (Laptop::new(), Laptop::new());
    ana.ok(&["login", "--server", &server.url(), "--user", "ana"]);
    bob.ok(&["login", "--server", &server.url(), "--user", "bob"]);
    server.stop();
    ana.ok(&["take", &number]);
    bob.ok(&["take", &number]);
    server.start();
    assert!(ana.ok(&["sync"]).contains("1 applied"));
    let out = bob.ok(&["sync"]);
    assert!(out.contains("1 need attention"), "{out}");
    let list = bob.ok(&["attention", "list"]);
    assert!(list.contains("conflict") && list.contains("\"op\":\"take\""), "{list}");
    // Bob's replica now shows the server's side: Ana owns it.
    let shown = bob.json(&["show", &number, "--json"]);
    assert_eq!(shown["ticket"]["ticket"]["status"], "in_progress");
    assert_ne!(shown["ticket"]["ticket"]["owner"], Value::Null);
    bob.ok(&["attention", "discard", "1"]);
    assert!(bob.ok(&["attention", "list"]).contains("nothing needs attention"));
}

#[test]
fn killing_the_cli_mid_sync_loses_nothing_and_applies_nothing_twice() {
    let mut server = Server::prepare();
    server.start();
    let number = server.api("olga").register_incident("Повільно працює ЄАІС");
    let laptop = Laptop::new();
    laptop.ok(&["login", "--server", &server.url(), "--user", "ana"]);
    laptop.ok(&["take", &number]);
    server.stop();
    let texts: Vec<String> = (0..12).map(|i| format!("Нотатка {i}")).collect();
    for t in &texts {
        laptop.ok(&["comment", &number, "--internal", t]);
    }
    server.start();
    // Start syncs and kill them at spread-out moments.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..15 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = laptop
            .command(&["sync"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(seed % 120));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    }
    laptop.ok(&["sync"]);
    laptop.ok(&["sync"]);
    assert_eq!(laptop.json(&["status", "--json"])["pending"], 0);
    for t in &texts {
        assert_eq!(comments_with(&server, &number, t), 1, "{t}");
    }
}
