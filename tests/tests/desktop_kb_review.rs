//! 003 §5.1.5 on the desktop: a published knowledge-base article past its
//! review date raises a real desktop notification for its owner (dunst on
//! a private session bus, `dbus-monitor` watching
//! `org.freedesktop.Notifications`), once per article and review date —
//! also after the app restarts. The owner belongs to no working group, so
//! nothing else rings and every notification is counted.

use helpdesk_tests::desktop::{desktop_app, Desktop};
use helpdesk_tests::notifications::{app_command, NotificationLog, RunningApp};
use helpdesk_tests::{Server, PASSWORD};
use serde_json::json;

/// The reminder's title in each language the app may speak.
const TITLES: [&str; 3] = [
    "Час переглянути вашу статтю бази знань",
    "Time to review your knowledge-base article",
    "Пора пересмотреть вашу статью базы знаний",
];

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
    let log = NotificationLog::start(&desktop);
    let profile = tempfile::tempdir().unwrap();
    let start = || {
        let running = RunningApp::start(app_command(&desktop, &app, profile.path(), &server.url(), ("olena", PASSWORD)));
        running.wait_until_settled();
        running.stop();
    };
    start();
    let first = log.summaries();
    start();
    let all = log.finish();

    assert_eq!(first.len(), 1, "one reminder on the first start: {first:?}");
    assert!(TITLES.contains(&first[0].as_str()), "{first:?}");
    assert_eq!(all, first, "nothing more after the restart: {all:?}");
}
