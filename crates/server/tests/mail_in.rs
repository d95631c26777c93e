//! E-mail into tickets from a real IMAP server (Debian's dovecot-imapd,
//! started unprivileged by the test): a request from a known requester
//! registers a ticket with its attachment, a reply with `[#NUMBER]` answers
//! the desk's request for information, a stranger's mail is registered
//! and flagged for L1, and nothing is taken in twice — also by a second
//! app on the same database (a restart, another replica). Runs on
//! PostgreSQL too (`HELPDESK_TEST_BACKEND=postgres`).

mod common;
mod mail_support;

use common::*;
use helpdesk_server::app::{App, Config};
use helpdesk_server::mail::imap_in::{poll_once, ImapSettings};
use helpdesk_server::mail::sender::{self, Sender};
use helpdesk_server::mail::{Language, MailSettings};
use helpdesk_server::store::{users, Store};
use mail_support::{about, Dovecot, SmtpSink};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn mail_config() -> Config {
    Config {
        mail: Some(MailSettings {
            from: "HELP DESK <helpdesk@example.org>".into(),
            default_language: Language::Uk,
        }),
        ..Config::default()
    }
}

/// A request with a PDF attached, from `from`.
fn request_mail(from: &str, subject: &str, body: &str) -> String {
    format!(
        "From: {from}\nTo: helpdesk@example.org\nSubject: {subject}\nMessage-ID: <{}@example.org>\nMIME-Version: 1.0\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\
         Content-Transfer-Encoding: 8bit\n\n{body}\n--b1\nContent-Type: application/pdf; name=\"md.pdf\"\n\
         Content-Disposition: attachment; filename=\"md.pdf\"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQKJcfsj6IK\n--b1--\n",
        unique()
    )
}

/// A plain reply.
fn reply_mail(from: &str, subject: &str, body: &str) -> String {
    format!(
        "From: {from}\nTo: helpdesk@example.org\nSubject: {subject}\nMessage-ID: <{}@example.org>\nMIME-Version: 1.0\n\
         Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}\n",
        unique()
    )
}

fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}.{}.{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    )
}

async fn requesters_tickets(server: &TestServer, who: &str) -> Vec<Value> {
    let client = server.login(who).await;
    let (status, list) = client.get("/api/v1/tickets").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["items"].as_array().unwrap().clone()
}

/// 000 §19, 001 §III.6: e-mail is a registration channel, and the
/// requester is told the number; 004 §3.2: the requester's answer by
/// e-mail (a reply keeping `[#NUMBER]`) answers the request for information.
#[tokio::test(flavor = "multi_thread")]
async fn c001_s3_6_a_known_requesters_mail_registers_a_ticket_and_the_reply_answers_the_desk() {
    let sink = SmtpSink::start();
    let imap = Dovecot::start();
    let server = TestServer::start_with(mail_config()).await;
    sender::spawn(server.app.clone(), Sender::new(&sink.url(), server.app.config.mail.as_ref().unwrap()).unwrap());
    let req = server.user_id("req");
    server
        .app
        .store
        .write(|tx| users::set_contact(tx, &req, Some("req@example.org"), None))
        .unwrap();
    let mailbox = ImapSettings::parse(&imap.url()).unwrap();

    imap.deliver(&request_mail(
        "Іван Requester <req@example.org>",
        "Не друкується МД",
        "Під час друку МД — помилка 42.",
    ))
    .await;
    let report = poll_once(&server.app, &mailbox).await.unwrap();
    assert_eq!((report.read, report.taken_in), (1, 1));
    let tickets = requesters_tickets(&server, "req").await;
    assert_eq!(tickets.len(), 1, "{tickets:#?}");
    let number = tickets[0]["number"].as_str().unwrap().to_string();
    let olga = server.login("olga").await;
    let (_, view) = olga.get(&format!("/api/v1/tickets/{number}")).await;
    let ticket = &view["ticket"];
    assert_eq!(ticket["channel"], "email", "{ticket}");
    assert_eq!(ticket["subject"], "Не друкується МД");
    assert!(ticket["description"].as_str().unwrap().contains("помилка 42"));
    assert_eq!(ticket["requester"]["user_id"], req);
    assert_eq!(ticket["group"], "cc-l1", "L1 classifies a request by e-mail");
    assert_eq!(ticket["attachments"][0]["name"], "md.pdf", "{ticket}");

    // The requester is told the number (000 §19).
    let told = sink.wait_for(1, Duration::from_secs(30));
    assert_eq!(about(&told, &number).len(), 1, "{told:#?}");

    // The desk asks; the requester answers by replying.
    assert_eq!(act(&olga, &number, json!({"op": "take"})).await.0, StatusCode::OK);
    let (status, body) = act(&olga, &number, json!({"op": "request_info", "question": "Який номер МД?"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    imap.deliver(&reply_mail(
        "req@example.org",
        &format!("Re: [#{number}] Потрібна додаткова інформація: Не друкується МД"),
        "Номер МД 25UA100000000001\n\nOn Monday the desk wrote:\n> Який номер МД?",
    ))
    .await;
    let report = poll_once(&server.app, &mailbox).await.unwrap();
    assert_eq!((report.read, report.taken_in), (1, 1));
    let (_, view) = olga.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(view["ticket"]["status"], "in_progress", "{}", view["ticket"]);
    let answers: Vec<&Value> = view["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"]["type"] == "info_received")
        .collect();
    assert_eq!(answers.len(), 1, "{:#?}", view["events"]);
    assert_eq!(answers[0]["kind"]["text"], "Номер МД 25UA100000000001");
    assert_eq!(answers[0]["actor"], req);

    // Read again: nothing new.
    let report = poll_once(&server.app, &mailbox).await.unwrap();
    assert_eq!((report.read, report.taken_in), (0, 0));
}

/// A mail from an address no account has is registered (channel e-mail)
/// and flagged for L1 with an internal note; a mail naming a ticket from
/// someone who is not its requester is not their comment but a request
/// of its own; a robot's auto-reply is not taken in.
#[tokio::test(flavor = "multi_thread")]
async fn c000_s19_strangers_are_registered_for_l1_to_identify_and_never_comment_on_others_tickets() {
    let imap = Dovecot::start();
    let server = TestServer::start_with(mail_config()).await;
    let mailbox = ImapSettings::parse(&imap.url()).unwrap();
    let (_, number) = register(&server, "req", "eais-l2").await;

    imap.deliver(&reply_mail(
        "Stranger <stranger@example.net>",
        &format!("Re: [#{number}] Ваш запит"),
        "Я теж маю цю проблему",
    ))
    .await;
    imap.deliver(&format!(
        "From: robot@example.net\nTo: helpdesk@example.org\nSubject: Auto: out of office\nAuto-Submitted: auto-replied\nMessage-ID: <{}@example.net>\n\nI am away.\n",
        unique()
    ))
    .await;
    let report = poll_once(&server.app, &mailbox).await.unwrap();
    assert_eq!((report.read, report.taken_in), (2, 2));

    let admin = server.login("admin").await;
    let (_, original) = admin.get(&format!("/api/v1/tickets/{number}")).await;
    assert!(
        original["ticket"]["comments"].as_array().unwrap().is_empty(),
        "a stranger commented: {}",
        original["ticket"]
    );
    let (_, list) = admin.get("/api/v1/tickets?q=stranger").await;
    let (_, all) = admin.get("/api/v1/tickets").await;
    let strangers: Vec<&Value> = all["items"].as_array().unwrap().iter().filter(|t| t["number"] != number.as_str()).collect();
    assert_eq!(strangers.len(), 1, "one ticket for the stranger, none for the robot: {all:#?} {list}");
    let stranger = strangers[0]["number"].as_str().unwrap();
    let (_, view) = admin.get(&format!("/api/v1/tickets/{stranger}")).await;
    let t = &view["ticket"];
    assert_eq!(t["channel"], "email");
    assert_eq!(t["group"], "cc-l1");
    assert_eq!(t["requester"]["email"], "stranger@example.net");
    assert!(t["requester"]["user_id"].is_null());
    let notes: Vec<&Value> = t["comments"].as_array().unwrap().iter().filter(|c| c["visibility"] == "internal").collect();
    assert_eq!(notes.len(), 1, "{t}");
    assert!(notes[0]["text"].as_str().unwrap().contains("stranger@example.net"));
}

/// The intake's position is in the database: a second app on the same
/// database (a restarted server, or another replica) reads nothing twice,
/// and a message offered again by UID is not taken in again.
#[tokio::test(flavor = "multi_thread")]
async fn nothing_is_taken_in_twice_across_restarts_and_replicas() {
    let imap = Dovecot::start();
    let server = TestServer::start_with(mail_config()).await;
    let mailbox = ImapSettings::parse(&imap.url()).unwrap();
    for i in 0..3 {
        imap.deliver(&request_mail("caller@example.com", &format!("Запит {i}"), "Текст")).await;
    }
    let first = poll_once(&server.app, &mailbox).await.unwrap();
    assert_eq!((first.read, first.taken_in), (3, 3));

    let store = match &server.database_url {
        Some(url) => Store::connect_with(url, 4).unwrap(),
        None => Store::open(server.data_dir()).unwrap(),
    };
    let now = server.now.clone();
    let second = Arc::new(App::new(store, Arc::new(move || *now.lock().unwrap()), mail_config()).unwrap());
    let again = poll_once(&second, &mailbox).await.unwrap();
    assert_eq!((again.read, again.taken_in), (0, 0));
    // Offered again (a replica that read the mailbox before the position moved).
    let raw = request_mail("caller@example.com", "Запит 0", "Текст");
    let (_, validity) = {
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", imap.port)).await.unwrap();
        let mut client = async_imap::Client::new(tcp);
        client.read_response().await.unwrap();
        let mut session = client
            .login(mail_support::IMAP_USER, mail_support::IMAP_PASSWORD)
            .await
            .map_err(|(e, _)| e)
            .unwrap();
        let selected = session.select("INBOX").await.unwrap();
        session.logout().await.unwrap();
        ((), selected.uid_validity.unwrap())
    };
    assert_eq!(second.take_in_mail(&mailbox.key(), validity, 2, raw.as_bytes()).unwrap(), None);

    imap.deliver(&request_mail("caller@example.com", "Запит 3", "Текст")).await;
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut taken = 0;
    while taken == 0 && Instant::now() < deadline {
        taken += poll_once(&second, &mailbox).await.unwrap().taken_in;
    }
    assert_eq!(taken, 1);
    let admin = server.login("admin").await;
    let (_, all) = admin.get("/api/v1/tickets").await;
    assert_eq!(all["total"], 4, "{all:#?}");
}

/// The binary with `--imap-url` and `--imap-poll-seconds`: a request sent
/// to the mailbox becomes a ticket without anyone asking for it.
#[tokio::test(flavor = "multi_thread")]
async fn c001_s3_6_the_server_reads_the_mailbox_named_by_imap_url() {
    const BINARY: &str = env!("CARGO_BIN_EXE_helpdesk-server");
    let imap = Dovecot::start();
    let dir = tempfile::tempdir().unwrap();
    let database_url = common::postgres::backend_is_postgres().then(|| common::postgres::fresh_database().expect("PostgreSQL"));
    let added = process::admin_command(
        BINARY.as_ref(),
        dir.path(),
        database_url.as_deref(),
        &["group", "add", "cc-l1", "--name", "Контакт-центр", "--line", "L1"],
        None,
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let port = process::free_port();
    let mut command = std::process::Command::new(BINARY);
    command
        .args([
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--bootstrap-admin",
            "admin",
            "--imap-poll-seconds",
            "1",
        ])
        .arg("--imap-url")
        .arg(imap.url())
        .env("HELPDESK_ADMIN_PASSWORD", process::ADMIN_PASSWORD)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match &database_url {
        Some(url) => command.arg("--database-url").arg(url),
        None => command.arg("--data-dir").arg(dir.path()),
    };
    let url = format!("http://127.0.0.1:{port}");
    let _server = process::ServerProcess {
        child: command.spawn().unwrap(),
        url: url.clone(),
        dir: dir.path().to_path_buf(),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not listen within 60 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    imap.deliver(&request_mail("Олена <olena@example.com>", "Не приходить підтвердження", "Текст запиту"))
        .await;
    let http = reqwest::Client::new();
    let (_, token) = process::sign_in(&http, &url, "admin", process::ADMIN_PASSWORD).await;
    let token = token.expect("the administrator signs in");
    let deadline = Instant::now() + Duration::from_secs(30);
    let list = loop {
        let list: Value = http
            .get(format!("{url}/api/v1/tickets"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if list["total"] != 0 || Instant::now() > deadline {
            break list;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(list["total"], 1, "{list:#?}");
    assert_eq!(list["items"][0]["subject"], "Не приходить підтвердження");
    // Administrators see what the intake took in.
    let listed = process::admin_command(BINARY.as_ref(), dir.path(), database_url.as_deref(), &["mail-inbox", "--json"], None);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let taken: Vec<Value> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(taken.len(), 1, "{taken:#?}");
    assert_eq!(taken[0]["outcome"], "registered");
    assert_eq!(taken[0]["ticket_number"], list["items"][0]["number"]);
    assert_eq!(taken[0]["detail"], "requester not identified");
}
