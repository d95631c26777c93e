//! Attachments that come after the registration (issue 15 §3: «attachments
//! come in as attachments»; 004 §2.3.1.8: a ticket's details may contain
//! files): a reply by e-mail with `[#NUMBER]` brings its files into the
//! ticket, stored as the requester's uploads, which the requester then
//! downloads through the portal's API; they count toward the ticket's
//! limit. The same through the API: a comment cites only files its author
//! may cite, and an internal comment brings none. Against a real IMAP
//! server (Debian's dovecot-imapd), like `mail_in.rs`.

mod common;
mod mail_support;

use base64::Engine;
use common::*;
use helpdesk_domain::attachments::MAX_ATTACHMENTS;
use helpdesk_server::app::Config;
use helpdesk_server::mail::imap_in::{poll_once, ImapSettings};
use helpdesk_server::mail::{Language, MailSettings};
use helpdesk_server::store::users;
use mail_support::Dovecot;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn mail_config() -> Config {
    Config {
        mail: Some(MailSettings {
            from: "HELP DESK <helpdesk@example.org>".into(),
            default_language: Language::Uk,
        }),
        ..Config::default()
    }
}

fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("{}.{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst))
}

/// A reply from `from` about `subject` with the files `(name, bytes)`.
fn reply_with_files(from: &str, subject: &str, body: &str, files: &[(&str, &[u8])]) -> String {
    let mut mail = format!(
        "From: {from}\nTo: helpdesk@example.org\nSubject: {subject}\nMessage-ID: <{}@example.org>\nMIME-Version: 1.0\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\
         Content-Transfer-Encoding: 8bit\n\n{body}\n",
        unique()
    );
    for (name, bytes) in files {
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        mail.push_str(&format!(
            "--b1\nContent-Type: image/png; name=\"{name}\"\nContent-Disposition: attachment; filename=\"{name}\"\n\
             Content-Transfer-Encoding: base64\n\n{encoded}\n"
        ));
    }
    mail.push_str("--b1--\n");
    mail
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

async fn ticket(client: &Client, number: &str) -> Value {
    let (status, view) = client.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    view["ticket"].clone()
}

async fn upload(client: &Client, bytes: Vec<u8>) -> String {
    let (status, body) = client.post_raw("/api/v1/attachments", "image/png", bytes).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["sha256"].as_str().unwrap().to_string()
}

/// Issue 15 §3, 000 §19: the requester's reply by e-mail brings its file
/// into the ticket; the requester downloads it through the portal's API;
/// a second reply's files count toward the ticket's limit — what would
/// pass it is left out, the reply's text and the files that fit are kept,
/// and the desk is told in an internal note the requester never sees.
#[tokio::test(flavor = "multi_thread")]
async fn c000_s19_a_reply_by_mail_brings_its_files_into_the_ticket_within_its_limit() {
    let imap = Dovecot::start();
    let server = TestServer::start_with(mail_config()).await;
    let mailbox = ImapSettings::parse(&imap.url()).unwrap();
    let req_id = server.user_id("req");
    server
        .app
        .store
        .write(|tx| users::set_contact(tx, &req_id, Some("req@example.org"), None))
        .unwrap();
    // Registered by L1 with all but three of the ticket's files.
    let olga = server.login("olga").await;
    let mut registered = Vec::new();
    for i in 0..MAX_ATTACHMENTS - 3 {
        let sha = upload(&olga, format!("registration file {i}").into_bytes()).await;
        registered.push(json!({"name": format!("f{i}.png"), "sha256": sha, "size": 1}));
    }
    let mut form = new_incident(Some(&req_id), "eais-l2");
    form["attachments"] = Value::Array(registered);
    let (status, created) = olga.post("/api/v1/tickets", form).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let number = created["ticket"]["number"].as_str().unwrap().to_string();

    // A reply with one file: a public comment that brings it.
    let screenshot: &[u8] = b"\x89PNG\r\n\x1a\n screenshot of error 42";
    imap.deliver(&reply_with_files(
        "req@example.org",
        &format!("Re: [#{number}] Ваш запит зареєстровано"),
        "Додаю знімок екрана",
        &[("помилка.png", screenshot)],
    ))
    .await;
    let report = poll_once(&server.app, &mailbox).await.unwrap();
    assert_eq!((report.read, report.taken_in), (1, 1));
    let req = server.login("req").await;
    let seen = ticket(&req, &number).await;
    let files = seen["attachments"].as_array().unwrap();
    assert_eq!(files.len(), MAX_ATTACHMENTS - 2, "{seen}");
    let added = &files[MAX_ATTACHMENTS - 3];
    assert_eq!(added["name"], "помилка.png");
    assert_eq!(added["sha256"], sha256_hex(screenshot));
    assert_eq!(added["size"], screenshot.len() as u64, "the stored upload's size");
    assert_eq!(seen["comments"].as_array().unwrap().last().unwrap()["text"], "Додаю знімок екрана");
    let download = req
        .http
        .get(format!("{}/api/v1/attachments/{}", req.base, sha256_hex(screenshot)))
        .bearer_auth(req.token.as_deref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.unwrap().as_ref(), screenshot, "the requester downloads what they sent");

    // The desk asks; the answer brings three files, two fit.
    let ana = server.login("ana").await;
    assert_eq!(act(&ana, &number, json!({"op": "take"})).await.0, StatusCode::OK);
    let (status, body) = act(&ana, &number, json!({"op": "request_info", "question": "Надішліть журнал"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let logs: [(&str, &[u8]); 3] = [("a.log", b"log a"), ("b.log", b"log b"), ("c.log", b"log c")];
    imap.deliver(&reply_with_files(
        "req@example.org",
        &format!("Re: [#{number}] Потрібна додаткова інформація"),
        "Журнали у вкладенні",
        &logs,
    ))
    .await;
    let report = poll_once(&server.app, &mailbox).await.unwrap();
    assert_eq!((report.read, report.taken_in), (1, 1));
    let seen = ticket(&req, &number).await;
    assert_eq!(seen["status"], "in_progress", "the answer was taken: {seen}");
    let files = seen["attachments"].as_array().unwrap();
    assert_eq!(files.len(), MAX_ATTACHMENTS, "{seen}");
    assert_eq!(files[MAX_ATTACHMENTS - 2]["name"], "a.log");
    assert_eq!(files[MAX_ATTACHMENTS - 1]["name"], "b.log");
    assert!(
        seen["comments"].as_array().unwrap().iter().all(|c| c["visibility"] == "public"),
        "the requester sees no internal note: {seen}"
    );
    let desk = ticket(&ana, &number).await;
    let notes: Vec<&Value> = desk["comments"].as_array().unwrap().iter().filter(|c| c["visibility"] == "internal").collect();
    assert_eq!(notes.len(), 1, "{desk}");
    let note = notes[0]["text"].as_str().unwrap();
    assert!(note.contains("не додано: 1") && note.contains(&MAX_ATTACHMENTS.to_string()), "{note}");
}

/// The same rule through the API (the portal, the desktop, a replica's
/// sync): a comment cites only a file its author uploaded or may read, at
/// the size stored; an internal comment brings none; past the ticket's
/// limit the comment is refused naming the limit.
#[tokio::test(flavor = "multi_thread")]
async fn c004_s2_3_1_8_a_comment_cites_only_files_its_author_may_cite() {
    let server = TestServer::start().await;
    let (_, number) = register(&server, "req", "eais-l2").await;
    let req = server.login("req").await;
    let req2 = server.login("req2").await;
    let ana = server.login("ana").await;

    let foreign = upload(&req2, b"someone else's file".to_vec()).await;
    let (status, body) = act(
        &req,
        &number,
        json!({"op": "comment", "visibility": "public", "text": "Ось", "attachments": [{"name": "x.png", "sha256": foreign, "size": 19}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "unknown_attachment", "{body}");

    let own = upload(&req, b"my screenshot".to_vec()).await;
    let (status, body) = act(
        &req,
        &number,
        json!({"op": "comment", "visibility": "public", "text": "Знімок", "attachments": [{"name": "s.png", "sha256": own, "size": 999}]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let seen = ticket(&req, &number).await;
    assert_eq!(seen["attachments"][0]["sha256"], own.as_str());
    assert_eq!(seen["attachments"][0]["size"], 13, "the stored size, not the one claimed");

    let internal = upload(&ana, b"database dump".to_vec()).await;
    let (status, body) = act(
        &ana,
        &number,
        json!({"op": "comment", "visibility": "internal", "text": "Дамп", "attachments": [{"name": "d.sql", "sha256": internal, "size": 13}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["message"].as_str().unwrap().contains("public comment"), "{body}");

    let many: Vec<Value> = (0..MAX_ATTACHMENTS)
        .map(|i| json!({"name": format!("{i}.png"), "sha256": own, "size": 13}))
        .collect();
    let (status, body) = act(
        &req,
        &number,
        json!({"op": "comment", "visibility": "public", "text": "Ще", "attachments": many}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["message"].as_str().unwrap().contains(&format!("at most {MAX_ATTACHMENTS}")), "{body}");
}

/// A requester known only by the address (no account; 000 §19: e-mail is
/// a channel for everyone) replies with a file: it joins the ticket too,
/// and the desk can read it.
#[tokio::test(flavor = "multi_thread")]
async fn c000_s19_a_reply_from_a_requester_without_an_account_brings_its_files() {
    let imap = Dovecot::start();
    let server = TestServer::start_with(mail_config()).await;
    let mailbox = ImapSettings::parse(&imap.url()).unwrap();
    imap.deliver(&reply_with_files(
        "Олена <olena@example.com>",
        "Не приходить підтвердження",
        "Текст запиту",
        &[],
    ))
    .await;
    assert_eq!(poll_once(&server.app, &mailbox).await.unwrap().taken_in, 1);
    let olga = server.login("olga").await;
    let (_, all) = olga.get("/api/v1/tickets").await;
    let number = all["items"][0]["number"].as_str().unwrap().to_string();
    assert!(ticket(&olga, &number).await["attachments"].as_array().unwrap().is_empty());

    let scan: &[u8] = b"scanned confirmation";
    imap.deliver(&reply_with_files(
        "olena@example.com",
        &format!("Re: [#{number}] Ваш запит зареєстровано"),
        "Ось скан",
        &[("scan.png", scan)],
    ))
    .await;
    assert_eq!(poll_once(&server.app, &mailbox).await.unwrap().taken_in, 1);
    let seen = ticket(&olga, &number).await;
    assert_eq!(seen["attachments"].as_array().unwrap().len(), 1, "{seen}");
    assert_eq!(seen["attachments"][0]["sha256"], sha256_hex(scan));
    let download = olga
        .http
        .get(format!("{}/api/v1/attachments/{}", olga.base, sha256_hex(scan)))
        .bearer_auth(olga.token.as_deref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), StatusCode::OK, "L1 reads the file of a ticket of their group");
}
