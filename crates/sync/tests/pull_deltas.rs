//! A ticket the replica holds comes, on its next change, as what changed
//! (the new comment and events), and the replica holds the whole ticket the
//! server reads; a delta that does not fit the copy held (here: a copy put
//! back to an older version) leaves it to be fetched whole after the pull.
//! A server that does not say it sends deltas (one older than them, which
//! refuses the field) is never asked for them.

mod common;

use common::*;
use helpdesk_protocol::{LoginResponse, PullRequest, PushRequest, PushResponse};
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{Transport, TransportError};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The production transport, keeping the pages pulled and counting the
/// tickets fetched whole; with `older_server`, the pages lose the server's
/// word that it sends deltas, and a request asking for them fails the test.
struct Recording {
    http: HttpTransport,
    pages: Arc<Mutex<Vec<String>>>,
    fetched: Arc<AtomicUsize>,
    older_server: bool,
}

impl Transport for Recording {
    async fn login(&self, username: &str, password: &str) -> Result<LoginResponse, TransportError> {
        self.http.login(username, password).await
    }
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, TransportError> {
        self.http.push(request).await
    }
    async fn pull(&self, request: &PullRequest) -> Result<String, TransportError> {
        assert!(
            !(self.older_server && request.deltas),
            "a server that did not say it sends deltas was asked for them"
        );
        let mut page = self.http.pull(request).await?;
        if self.older_server {
            page = page.replace(",\"deltas\":true", "");
        }
        self.pages.lock().unwrap().push(page.clone());
        Ok(page)
    }
    async fn ticket(&self, id: &str) -> Result<String, TransportError> {
        self.fetched.fetch_add(1, Ordering::SeqCst);
        self.http.ticket(id).await
    }
}

fn held(laptop: &tempfile::TempDir) -> (String, u64, String) {
    let db = rusqlite::Connection::open(laptop.path().join("replica.db")).unwrap();
    db.query_row("SELECT id, version, view FROM tickets", [], |r| {
        Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?))
    })
    .unwrap()
}

fn comment(server: &Server, id: &str, text: &str) {
    let app = &server.app;
    let ana = app.authenticate(&app.login("ana", PASSWORD, "").unwrap().token).unwrap();
    let op = serde_json::from_value(serde_json::json!({"op": "comment", "visibility": "internal", "text": text})).unwrap();
    assert!(app.act(&ana, id, &op, None).unwrap().is_ok());
}

async fn server_view(server: &Server, id: &str) -> Value {
    let http = HttpTransport::new(&server.url, None).unwrap();
    http.login("ana", PASSWORD).await.unwrap();
    serde_json::from_str(&http.ticket(id).await.unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_held_ticket_comes_as_what_changed_and_an_unfit_delta_is_fetched_whole() {
    let server = server().await;
    register_ticket(&server, "ana").await;
    let laptop = tempfile::tempdir().unwrap();
    let pages = Arc::new(Mutex::new(Vec::new()));
    let fetched = Arc::new(AtomicUsize::new(0));
    let transport = Recording {
        http: HttpTransport::new(&server.url, None).unwrap(),
        pages: pages.clone(),
        fetched: fetched.clone(),
        older_server: false,
    };
    let client = client(transport, "ana", &laptop).await;
    client.round(chrono::Utc::now).await.unwrap();
    let (id, first_version, first_view) = held(&laptop);

    comment(&server, &id, "Перевірив журнал: помилка в модулі декларацій");
    pages.lock().unwrap().clear();
    client.round(chrono::Utc::now).await.unwrap();
    let pulled = pages.lock().unwrap().join("\n");
    assert!(pulled.contains("\"kind\":\"ticket_delta\""), "the change came as a delta: {pulled}");
    assert!(!pulled.contains("\"registered\""), "the events held did not come again: {pulled}");
    let (_, version, view) = held(&laptop);
    assert_eq!(version, first_version + 1);
    assert_eq!(serde_json::from_str::<Value>(&view).unwrap(), server_view(&server, &id).await);
    assert_eq!(fetched.load(Ordering::SeqCst), 0);

    // The copy held goes back to its first version; the next delta is cut
    // from the second and does not fit it.
    comment(&server, &id, "Передано розробнику");
    let db = rusqlite::Connection::open(laptop.path().join("replica.db")).unwrap();
    db.execute(
        "UPDATE tickets SET version = ?1, view = ?2 WHERE id = ?3",
        rusqlite::params![first_version as i64, first_view, id],
    )
    .unwrap();
    pages.lock().unwrap().clear();
    client.round(chrono::Utc::now).await.unwrap();
    let pulled = pages.lock().unwrap().join("\n");
    assert!(pulled.contains("\"kind\":\"ticket_delta\""), "{pulled}");
    assert!(!pulled.contains("Перевірив журнал"), "the comments held did not come again: {pulled}");
    assert_eq!(fetched.load(Ordering::SeqCst), 1, "the ticket was fetched whole once");
    let (_, version, view) = held(&laptop);
    assert_eq!(version, first_version + 2);
    assert_eq!(serde_json::from_str::<Value>(&view).unwrap(), server_view(&server, &id).await);
    assert!(client.replica().lock().unwrap().wanted_tickets().unwrap().is_empty());
    let buckets: i64 = db
        .query_row("SELECT count(*) FROM row_buckets WHERE kind = 'ticket' AND entity = ?1", [&id], |r| r.get(0))
        .unwrap();
    assert!(buckets >= 1, "the ticket fetched whole is held in its buckets");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_does_not_say_it_sends_deltas_is_not_asked_and_sends_whole_tickets() {
    let server = server().await;
    register_ticket(&server, "ana").await;
    let laptop = tempfile::tempdir().unwrap();
    let pages = Arc::new(Mutex::new(Vec::new()));
    let transport = Recording {
        http: HttpTransport::new(&server.url, None).unwrap(),
        pages: pages.clone(),
        fetched: Arc::new(AtomicUsize::new(0)),
        older_server: true,
    };
    let client = client(transport, "ana", &laptop).await;
    client.round(chrono::Utc::now).await.unwrap();
    let (id, first_version, _) = held(&laptop);
    comment(&server, &id, "Перевірив журнал: помилка в модулі декларацій");
    client.round(chrono::Utc::now).await.unwrap();
    let pulled = pages.lock().unwrap().join("\n");
    assert!(!pulled.contains("ticket_delta"), "{pulled}");
    let (_, version, view) = held(&laptop);
    assert_eq!(version, first_version + 1);
    assert_eq!(serde_json::from_str::<Value>(&view).unwrap(), server_view(&server, &id).await);
}
