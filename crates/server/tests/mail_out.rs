//! E-mail to requesters through a real SMTP server (aiosmtpd, started by
//! the test): what is mailed, in which language, through the outbox, and
//! delivered once — also when the SMTP server is down at first, and with
//! two senders on one database. Runs on PostgreSQL too
//! (`HELPDESK_TEST_BACKEND=postgres`).

mod common;
mod mail_support;

use common::*;
use helpdesk_server::app::{App, Config};
use helpdesk_server::mail::sender::{self, Sender};
use helpdesk_server::mail::{Language, MailSettings};
use mail_support::{about, SmtpSink};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_helpdesk-server");
const FROM: &str = "HELP DESK <helpdesk@example.org>";

fn mail_config() -> Config {
    Config {
        mail: Some(MailSettings {
            from: FROM.into(),
            default_language: Language::Uk,
        }),
        ..Config::default()
    }
}

/// A server that mails through `sink`.
async fn mailing_server(sink: &SmtpSink) -> TestServer {
    let server = TestServer::start_with(mail_config()).await;
    start_sender(&server.app, sink);
    server
}

fn start_sender(app: &Arc<App>, sink: &SmtpSink) {
    let sender = Sender::new(&sink.url(), app.config.mail.as_ref().unwrap()).unwrap();
    sender::spawn(app.clone(), sender);
}

/// Registers an incident as olga (L1) for `requester` (an account, or a
/// caller known by address only) at `email`: (id, number).
async fn register_for(server: &TestServer, requester: Option<&str>, email: &str) -> (String, String) {
    let olga = server.login("olga").await;
    let requester_id = requester.map(|r| server.user_id(r));
    let mut form = new_incident(requester_id.as_deref(), "eais-l2");
    form["requester"]["email"] = json!(email);
    let (status, created) = olga.post("/api/v1/tickets", form).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    (
        created["ticket"]["id"].as_str().unwrap().to_string(),
        created["ticket"]["number"].as_str().unwrap().to_string(),
    )
}

async fn wait_for(sink: &SmtpSink, count: usize, timeout: Duration) -> Vec<Value> {
    let deadline = Instant::now() + timeout;
    loop {
        let messages = sink.messages();
        if messages.len() >= count || Instant::now() > deadline {
            return messages;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The outbox as an administrator sees it.
async fn outbox(server: &TestServer) -> Vec<Value> {
    let admin = server.login("admin").await;
    let (status, body) = admin.get("/api/v1/admin/mail-outbox?limit=1000").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_array().unwrap().clone()
}

/// Waits until nothing waits in the outbox.
async fn drained(server: &TestServer) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mails = outbox(server).await;
        if mails.iter().all(|m| m["status"] != "queued") || Instant::now() > deadline {
            return mails;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// 000 §19 and 001 §III.6: the requester is told the number of the
/// registered request by e-mail, in their language: the account's choice
/// (English here), else the deployment's default (Ukrainian).
#[tokio::test(flavor = "multi_thread")]
async fn c000_s19_registration_is_mailed_with_its_number_in_the_requesters_language() {
    let sink = SmtpSink::start();
    let server = mailing_server(&sink).await;
    server.app.set_mail_language(&server.user_id("req"), Some(Language::En)).unwrap();
    let (_, english) = register_for(&server, Some("req"), "req@example.org").await;
    let (_, ukrainian) = register_for(&server, None, "caller@example.com").await;
    let messages = wait_for(&sink, 2, Duration::from_secs(30)).await;
    assert_eq!(messages.len(), 2, "{messages:#?}");

    let en = about(&messages, &english);
    assert_eq!(en.len(), 1, "{messages:#?}");
    let en = en[0];
    assert_eq!(en["rcpt_tos"], json!(["req@example.org"]));
    assert!(
        en["subject"].as_str().unwrap().starts_with(&format!("[#{english}] Your request is registered")),
        "{en}"
    );
    assert!(en["body"].as_str().unwrap().contains(&format!("under number {english}")), "{en}");
    assert!(en["from"].as_str().unwrap().contains("helpdesk@example.org"), "{en}");
    assert!(en["message_id"].as_str().unwrap().ends_with("@example.org>"), "{en}");

    let uk = about(&messages, &ukrainian);
    assert_eq!(uk.len(), 1, "{messages:#?}");
    assert_eq!(uk[0]["rcpt_tos"], json!(["caller@example.com"]));
    assert!(
        uk[0]["subject"]
            .as_str()
            .unwrap()
            .starts_with(&format!("[#{ukrainian}] Ваш запит зареєстровано")),
        "{}",
        uk[0]
    );
    assert!(uk[0]["body"].as_str().unwrap().contains("Шановний(а) Петро Іваненко"), "{}", uk[0]);
}

/// 002 §7.5(2), 004 §3.5: a ticket is rejected for no response only after
/// the requester was asked — twice under 002 — so each request is mailed,
/// the second as a repeated one; an internal comment never is (SPEC §5).
#[tokio::test(flavor = "multi_thread")]
async fn c002_s7_5_2_two_requests_for_information_are_two_mails_an_internal_comment_none() {
    let sink = SmtpSink::start();
    let server = mailing_server(&sink).await;
    let (_, number) = register_for(&server, Some("req"), "req@example.org").await;
    let ana = server.login("ana").await;
    for op in [
        json!({"op": "take"}),
        json!({"op": "comment", "visibility": "internal", "text": "Перевірити журнал сервера ЄАІС"}),
        json!({"op": "request_info", "question": "Вкажіть номер МД, будь ласка"}),
        json!({"op": "request_info", "question": "Нагадуємо: потрібен номер МД"}),
    ] {
        let (status, body) = act(&ana, &number, op.clone()).await;
        assert_eq!(status, StatusCode::OK, "{op}: {body}");
    }
    let mails = drained(&server).await;
    let kinds: Vec<&str> = mails.iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["registered", "info_requested", "info_requested"], "{mails:#?}");
    assert!(mails.iter().all(|m| m["status"] == "sent"), "{mails:#?}");

    let messages = wait_for(&sink, 3, Duration::from_secs(10)).await;
    assert_eq!(messages.len(), 3, "{messages:#?}");
    let asked: Vec<&Value> = about(&messages, &number)
        .into_iter()
        .filter(|m| m["body"].as_str().unwrap().contains("номер МД"))
        .collect();
    assert_eq!(asked.len(), 2, "{messages:#?}");
    let repeated: Vec<&&Value> = asked.iter().filter(|m| m["subject"].as_str().unwrap().contains("Повторний запит")).collect();
    assert_eq!(repeated.len(), 1, "{asked:#?}");
    assert!(repeated[0]["body"].as_str().unwrap().contains("Нагадуємо: потрібен номер МД"));
    for m in &messages {
        assert!(!m["body"].as_str().unwrap().contains("журнал сервера"), "an internal note was mailed: {m}");
    }

    // The outbox is the administrators' alone.
    let olga = server.login("olga").await;
    assert_eq!(olga.get("/api/v1/admin/mail-outbox").await.0, StatusCode::FORBIDDEN);
    let admin = server.login("admin").await;
    assert_eq!(admin.get("/api/v1/admin/mail-outbox?status=lost").await.0, StatusCode::UNPROCESSABLE_ENTITY);
}

/// Two senders on one database (two replicas' apps on PostgreSQL; two
/// senders of one app on SQLite) deliver every message exactly once.
#[tokio::test(flavor = "multi_thread")]
async fn two_senders_on_one_database_send_each_message_once() {
    let sink = SmtpSink::start();
    let server = mailing_server(&sink).await;
    let second = match &server.database_url {
        Some(url) => {
            let store = helpdesk_server::store::Store::connect_with(url, 4).unwrap();
            let now = server.now.clone();
            Arc::new(App::new(store, Arc::new(move || *now.lock().unwrap()), mail_config()).unwrap())
        }
        None => server.app.clone(),
    };
    start_sender(&second, &sink);
    let mut numbers = BTreeSet::new();
    for i in 0..12 {
        let (_, number) = register_for(&server, None, &format!("caller{i}@example.com")).await;
        numbers.insert(number);
    }
    let mails = drained(&server).await;
    assert_eq!(mails.len(), 12);
    assert!(mails.iter().all(|m| m["status"] == "sent" && m["attempts"] == 1), "{mails:#?}");
    let messages = wait_for(&sink, 12, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let messages_later = sink.messages();
    assert_eq!(messages_later.len(), messages.len(), "more mail came after the outbox was empty");
    assert_eq!(messages.len(), 12, "{messages:#?}");
    let ids: BTreeSet<&str> = messages.iter().map(|m| m["message_id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 12);
    for number in &numbers {
        assert_eq!(about(&messages, number).len(), 1, "{number}");
    }
}

/// The binary with `--smtp-url` and `--mail-from`: while nothing listens
/// on the SMTP port the registration mail waits in the outbox with its
/// error (visible in `helpdesk-server mail-outbox`); once the SMTP server
/// is up it is delivered, once.
#[tokio::test(flavor = "multi_thread")]
async fn c000_s19_mail_waits_while_the_smtp_server_is_down_and_is_delivered_once() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = common::postgres::backend_is_postgres().then(|| common::postgres::fresh_database().expect("PostgreSQL"));
    let admin_cmd = |args: &[&str]| process::admin_command(BINARY.as_ref(), dir.path(), database_url.as_deref(), args, None);
    let added = admin_cmd(&["group", "add", "cc-l1", "--name", "Контакт-центр", "--line", "L1"]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));

    let smtp_port = mail_support::free_port();
    let port = process::free_port();
    let mut command = std::process::Command::new(BINARY);
    command
        .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--bootstrap-admin", "admin"])
        .env("HELPDESK_ADMIN_PASSWORD", process::ADMIN_PASSWORD)
        .env("HELPDESK_SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}"))
        .arg("--mail-from")
        .arg(FROM)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match &database_url {
        Some(url) => command.arg("--database-url").arg(url),
        None => command.arg("--data-dir").arg(dir.path()),
    };
    let child = command.spawn().unwrap();
    let _server = process::ServerProcess {
        child,
        url: format!("http://127.0.0.1:{port}"),
        dir: dir.path().to_path_buf(),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not listen within 60 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let http = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}");
    let (_, token) = process::sign_in(&http, &url, "admin", process::ADMIN_PASSWORD).await;
    let token = token.expect("the administrator signs in");
    let mut form = new_incident(None, "cc-l1");
    form["requester"]["email"] = json!("caller@example.com");
    let created: Value = http
        .post(format!("{url}/api/v1/tickets"))
        .bearer_auth(&token)
        .json(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let number = created["ticket"]["number"].as_str().unwrap_or_else(|| panic!("{created}")).to_string();

    // Down: the message waits with the connection's error.
    let listed = |status: Option<&str>| {
        let mut args = vec!["mail-outbox", "--json"];
        if let Some(s) = status {
            args.extend(["--status", s]);
        }
        let output = admin_cmd(&args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .collect::<Vec<_>>()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    let waiting = loop {
        let queued = listed(Some("queued"));
        if queued.iter().any(|m| m["attempts"].as_u64() >= Some(1) && m["last_error"].is_string()) || Instant::now() > deadline {
            break queued;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(waiting.len(), 1, "{waiting:#?}");
    assert!(waiting[0]["subject"].as_str().unwrap().contains(&format!("[#{number}]")), "{waiting:#?}");
    assert!(
        waiting[0]["last_error"].is_string(),
        "no error recorded while the SMTP server is down: {waiting:#?}"
    );

    // Up: delivered once, on a later attempt.
    let sink = SmtpSink::start_on(smtp_port);
    let messages = wait_for(&sink, 1, Duration::from_secs(60)).await;
    assert_eq!(messages.len(), 1, "the mail was not delivered after the SMTP server came up");
    assert!(messages[0]["subject"]
        .as_str()
        .unwrap()
        .starts_with(&format!("[#{number}] Ваш запит зареєстровано")));
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(sink.messages().len(), 1, "the mail was delivered twice");
    let all = listed(None);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["status"], "sent", "{all:#?}");
    assert!(all[0]["attempts"].as_u64().unwrap() >= 2, "{all:#?}");
}

/// A server on the 002 policy (`lenobl-budget`), mailing through `sink`.
async fn server_on_002(sink: &SmtpSink) -> TestServer {
    let server = TestServer::start_with(Config {
        default_policy: "lenobl-budget".into(),
        ..mail_config()
    })
    .await;
    start_sender(&server.app, sink);
    server
}

/// 002 §7.5(2): a ticket is rejected for no response only after at least
/// two requests for information went unanswered — both are mailed, and
/// so is the rejection the timer makes, with its reason.
#[tokio::test(flavor = "multi_thread")]
async fn c002_s7_5_2_the_timers_rejection_for_no_response_follows_two_mailed_requests() {
    let sink = SmtpSink::start();
    let server = server_on_002(&sink).await;
    let (_, number) = register_for(&server, Some("req"), "req@example.org").await;
    let ana = server.login("ana").await;
    for op in [
        json!({"op": "take"}),
        json!({"op": "request_info", "question": "Вкажіть номер МД"}),
        json!({"op": "request_info", "question": "Вдруге: вкажіть номер МД"}),
    ] {
        let (status, body) = act(&ana, &number, op.clone()).await;
        assert_eq!(status, StatusCode::OK, "{op}: {body}");
    }
    server.advance(chrono::Duration::days(60));
    let report = helpdesk_server::jobs::run_once(&server.app, server.now()).unwrap();
    assert_eq!(report.rejected, vec![number.clone()], "{report:?}");
    let mails = drained(&server).await;
    let kinds: Vec<&str> = mails.iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["registered", "info_requested", "info_requested", "rejected"], "{mails:#?}");
    let messages = wait_for(&sink, 4, Duration::from_secs(10)).await;
    let rejected: Vec<&Value> = about(&messages, &number)
        .into_iter()
        .filter(|m| m["subject"].as_str().unwrap().contains("відхилено"))
        .collect();
    assert_eq!(rejected.len(), 1, "{messages:#?}");
    assert!(
        rejected[0]["body"]
            .as_str()
            .unwrap()
            .contains("не отримано відповіді на запити додаткової інформації"),
        "{}",
        rejected[0]
    );
}

/// 002 §14.4: closed without the requester only after they were asked to
/// confirm the solution at least twice — the resolution and each request
/// are mailed, and so is the closing, with its basis.
#[tokio::test(flavor = "multi_thread")]
async fn c002_s14_4_auto_close_follows_two_mailed_requests_to_confirm() {
    let sink = SmtpSink::start();
    let server = server_on_002(&sink).await;
    let (_, number) = register_for(&server, Some("req"), "req@example.org").await;
    let ana = server.login("ana").await;
    for op in [
        json!({"op": "take"}),
        json!({"op": "resolve", "code": "fixed", "text": "Оновлено сертифікат"}),
        json!({"op": "request_confirmation", "text": "Підтвердіть, будь ласка"}),
        json!({"op": "request_confirmation", "text": "Нагадуємо: підтвердіть рішення"}),
    ] {
        let (status, body) = act(&ana, &number, op.clone()).await;
        assert_eq!(status, StatusCode::OK, "{op}: {body}");
    }
    server.advance(chrono::Duration::days(60));
    let report = helpdesk_server::jobs::run_once(&server.app, server.now()).unwrap();
    assert_eq!(report.auto_closed, vec![number.clone()], "{report:?}");
    let mails = drained(&server).await;
    let kinds: Vec<&str> = mails.iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["registered", "resolved", "confirmation_requested", "confirmation_requested", "closed"],
        "{mails:#?}"
    );
    let messages = wait_for(&sink, 5, Duration::from_secs(10)).await;
    assert_eq!(about(&messages, &number).len(), 5, "{messages:#?}");
    let closed: Vec<&Value> = messages.iter().filter(|m| m["subject"].as_str().unwrap().contains("закрито")).collect();
    assert_eq!(closed.len(), 1);
    assert!(closed[0]["body"].as_str().unwrap().contains("закрито автоматично"), "{}", closed[0]);
}

/// Sent mail is kept for the retention (30 days by default), then the
/// timed jobs delete it; a failed message stays for the administrators,
/// and so does one still queued, however old.
#[tokio::test(flavor = "multi_thread")]
async fn sent_mail_is_deleted_after_the_retention_and_failed_mail_stays() {
    use helpdesk_server::store::outbox::{self, NewMail};
    let server = TestServer::start_with(mail_config()).await;
    assert_eq!(server.app.config.sent_mail_retention, chrono::Duration::days(30));
    let start = server.now();
    let queue = |id: &str| {
        let mail = NewMail {
            id,
            ticket_id: None,
            kind: "registered",
            recipient: "caller@example.com",
            language: "uk",
            subject: id,
            body: "—",
            message_id: id,
        };
        server.app.store.write(|tx| outbox::enqueue(tx, &mail, start)).unwrap();
    };
    for id in ["sent-first", "sent-later", "failed", "queued"] {
        queue(id);
    }
    server.app.store.write(|tx| outbox::mark_sent(tx, "sent-first", start)).unwrap();
    server
        .app
        .store
        .write(|tx| outbox::mark_sent(tx, "sent-later", start + chrono::Duration::days(2)))
        .unwrap();
    server
        .app
        .store
        .write(|tx| outbox::mark_failed(tx, "failed", "550 mailbox unavailable", None))
        .unwrap();
    let ids = |server: &TestServer| -> BTreeSet<String> {
        server
            .app
            .store
            .read(|conn| outbox::list(conn, None, 100))
            .unwrap()
            .into_iter()
            .map(|m| m.id)
            .collect()
    };
    let all: BTreeSet<String> = ["sent-first", "sent-later", "failed", "queued"].map(String::from).into();

    // Within the retention nothing goes.
    let at = start + chrono::Duration::days(30);
    assert!(helpdesk_server::jobs::run_leased(&server.app, "replica-a", at).unwrap().is_some());
    assert_eq!(ids(&server), all);

    // Past it, the first sent message goes; the one sent two days later
    // stays until its own term.
    let at = start + chrono::Duration::days(32) - chrono::Duration::seconds(30);
    assert!(helpdesk_server::jobs::run_leased(&server.app, "replica-a", at).unwrap().is_some());
    let left: BTreeSet<String> = ["sent-later", "failed", "queued"].map(String::from).into();
    assert_eq!(ids(&server), left);

    // A minute on, its term has passed, but on a database shared by
    // replicas another does not run the jobs while the first holds their
    // lease (one SQLite process always holds it).
    let later = at + chrono::Duration::seconds(60);
    let other = helpdesk_server::jobs::run_leased(&server.app, "replica-b", later).unwrap();
    if server.database_url.is_some() {
        assert!(other.is_none());
        assert_eq!(ids(&server), left);
    }

    let at = start + chrono::Duration::days(400);
    assert!(helpdesk_server::jobs::run_leased(&server.app, "replica-a", at).unwrap().is_some());
    let left: BTreeSet<String> = ["failed", "queued"].map(String::from).into();
    assert_eq!(ids(&server), left, "failed and queued mail stays for the administrators");
}
