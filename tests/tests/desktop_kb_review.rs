//! 003 §5.1.5 on the desktop: a published knowledge-base article past its
//! review date raises a real desktop notification for its owner (dunst on
//! a private session bus, `dbus-monitor` watching
//! `org.freedesktop.Notifications`), once per article and review date —
//! also after the app restarts. The owner belongs to no working group, so
//! nothing else rings and every notification is counted.

use helpdesk_tests::desktop::{desktop_app, Desktop, Guard};
use helpdesk_tests::{Server, PASSWORD};
use serde_json::json;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The reminder's title in each language the app may speak.
const TITLES: [&str; 3] = [
    "Час переглянути вашу статтю бази знань",
    "Time to review your knowledge-base article",
    "Пора пересмотреть вашу статью базы знаний",
];

/// The summaries of the `Notify` calls in a dbus-monitor log.
fn summaries(log: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut strings: Option<Vec<String>> = None;
    for line in log.lines() {
        if line.contains("member=Notify") {
            out.extend(strings.take().and_then(|s| s.get(2).cloned()));
            strings = Some(Vec::new());
        } else if let Some(s) = strings.as_mut() {
            if let Some(rest) = line.trim().strip_prefix("string \"") {
                s.push(rest.trim_end_matches('"').to_string());
            }
        }
    }
    out.extend(strings.and_then(|s| s.get(2).cloned()));
    out
}

fn run_app_for(desktop: &Desktop, app: &std::path::Path, profile: &std::path::Path, server: &Server, seconds: u64) {
    let mut cmd = Command::new(app);
    desktop
        .env(&mut cmd)
        .env("HELPDESK_PROFILE", profile)
        .env("HELPDESK_SERVER", server.url())
        .env("HELPDESK_USER", "olena")
        .env("HELPDESK_PASSWORD", PASSWORD)
        .env("HELPDESK_KEYRING", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let child = Guard(cmd.spawn().unwrap());
    std::thread::sleep(Duration::from_secs(seconds));
    drop(child);
}

#[test]
fn c003_s5_1_5_the_owner_gets_one_desktop_notification_per_overdue_article() {
    let app = desktop_app();
    let mut server = Server::prepare();
    for (user, name) in [("olena", "Олена Гнатюк"), ("petro", "Петро Савченко")] {
        server.admin(&["user", "add", user, "--name", name, "--role", "analyst", "--kb-editor"]);
    }
    server.start();
    let (olena, petro) = (server.api("olena"), server.api("petro"));
    let article = json!({
        "title": "Помилка підпису митної декларації", "body": "Перевірте сертифікат ключа.",
        "category": "ЄАІС", "tags": [], "language": "uk", "public": false, "review_due": "2026-01-15"
    });
    let (status, created) = olena.post("/kb", article);
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    for (api, to) in [(&olena, "review"), (&petro, "approved"), (&olena, "published")] {
        let (status, body) = api.post(&format!("/kb/{id}/transition"), json!({ "to": to }));
        assert_eq!(status, 200, "{to}: {body}");
    }

    let desktop = Desktop::start();
    let log_path = std::env::temp_dir().join(format!("helpdesk-kb-review-{}.log", std::process::id()));
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
    run_app_for(&desktop, &app, profile.path(), &server, 15);
    drop(monitor);
    let all = summaries(&std::fs::read_to_string(&log_path).unwrap());
    let _ = std::fs::remove_file(&log_path);

    assert_eq!(first.len(), 1, "one reminder on the first start: {first:?}");
    assert!(TITLES.contains(&first[0].as_str()), "{first:?}");
    assert_eq!(all, first, "nothing more after the restart: {all:?}");
}
