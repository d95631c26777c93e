//! A real server on 127.0.0.1 with a temporary data directory, a clock the
//! test moves, and a fixture of groups and users; clients speak real HTTP.
#![allow(dead_code)]

pub mod postgres;
pub mod process;

use chrono::{DateTime, Duration, Utc};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::Line;
use helpdesk_server::app::{App, Config};
use helpdesk_server::store::users;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

pub const PASSWORD: &str = "correct horse battery";

pub struct TestServer {
    pub url: String,
    pub app: Arc<App>,
    pub now: Arc<Mutex<DateTime<Utc>>>,
    /// The PostgreSQL database of the server, when the tests run on it.
    pub database_url: Option<String>,
    _dir: tempfile::TempDir,
}

/// Working groups: the contact centre (L1), the EAIS technical
/// administrator and NCTS methodology (L2), the software vendor (L3).
pub const GROUPS: [(&str, &str, Line); 4] = [
    ("cc-l1", "Контакт-центр", Line::L1),
    ("eais-l2", "Технічний адміністратор ЄАІС", Line::L2),
    ("ncts-l2", "Методологія NCTS", Line::L2),
    ("vendor-l3", "Розробник ПЗ", Line::L3),
];

/// (username, role, groups, group lead, KB editor)
pub const USERS: [(&str, Role, &[&str], bool, bool); 9] = [
    ("admin", Role::Administrator, &[], false, false),
    ("olga", Role::Analyst, &["cc-l1"], false, false),
    ("ana", Role::Analyst, &["eais-l2"], false, false),
    ("bob", Role::Analyst, &["eais-l2"], false, false),
    ("lead", Role::Analyst, &["eais-l2"], true, false),
    ("nina", Role::Analyst, &["ncts-l2"], false, true),
    ("vasyl", Role::Analyst, &["vendor-l3"], false, false),
    ("req", Role::SelfService, &[], false, false),
    ("req2", Role::SelfService, &[], false, false),
];

impl TestServer {
    pub async fn start() -> TestServer {
        Self::start_with(Config::default()).await
    }

    /// [`TestServer::start`] with the service's settings.
    pub async fn start_with(config: Config) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let now = Arc::new(Mutex::new(
            DateTime::parse_from_rfc3339("2026-11-23T09:00:00+02:00").unwrap().with_timezone(&Utc),
        ));
        let clock_now = now.clone();
        let (store, database_url) = postgres::test_store(dir.path());
        let app = App::new(store, Arc::new(move || *clock_now.lock().unwrap()), config).unwrap();
        for (id, name, line) in GROUPS {
            app.store.write(|tx| users::insert_group(tx, id, name, line)).unwrap();
        }
        for (username, role, groups, group_lead, kb_editor) in USERS {
            let user = app
                .create_user(username, &format!("{username} (test)"), PASSWORD, role, Permissions { group_lead, kb_editor })
                .unwrap();
            for g in groups {
                app.store.write(|tx| users::add_member(tx, g, &user.id)).unwrap();
            }
        }
        let app = Arc::new(app);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let router = helpdesk_server::http::router(app.clone());
        tokio::spawn(async move {
            axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
                .await
                .unwrap()
        });
        TestServer {
            url,
            app,
            now,
            database_url,
            _dir: dir,
        }
    }

    /// The data directory this server runs on.
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    pub fn advance(&self, by: Duration) {
        *self.now.lock().unwrap() += by;
    }

    pub fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap()
    }

    pub fn user_id(&self, username: &str) -> String {
        self.app.store.read(|c| users::user_by_username(c, username)).unwrap().unwrap().id
    }

    /// A client signed in as `username`.
    pub async fn login(&self, username: &str) -> Client {
        let anonymous = Client {
            http: reqwest::Client::new(),
            base: self.url.clone(),
            token: None,
        };
        let (status, body) = anonymous.post("/api/v1/auth/login", json!({"username": username, "password": PASSWORD})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        Client {
            token: Some(body["token"].as_str().unwrap().to_string()),
            ..anonymous
        }
    }

    pub fn anonymous(&self) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: self.url.clone(),
            token: None,
        }
    }
}

pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
}

impl Client {
    fn auth(&self, rb: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    async fn finish(rb: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let response = rb.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            match serde_json::from_str(&text) {
                Ok(value) => value,
                Err(_) => Value::String(text),
            }
        };
        (status, body)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        Self::finish(self.auth(self.http.get(format!("{}{path}", self.base)))).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        Self::finish(self.auth(self.http.post(format!("{}{path}", self.base)).json(&body))).await
    }

    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
        Self::finish(self.auth(self.http.post(format!("{}{path}", self.base)).header("content-type", content_type).body(body))).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        Self::finish(self.auth(self.http.put(format!("{}{path}", self.base)).json(&body))).await
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        Self::finish(self.auth(self.http.delete(format!("{}{path}", self.base)))).await
    }
}

/// A consultation an official asks for by phone, registered straight to
/// `group` (the application-level tests' ticket).
pub fn consultation(subject: &str, service: &str, group: &str) -> helpdesk_domain::ticket::NewTicket {
    use helpdesk_domain::ticket::{NewTicket, Requester, RequesterKind};
    use helpdesk_domain::{Channel, Impact, TicketType, Urgency};
    NewTicket {
        ticket_type: Some(TicketType::Consultation),
        subject: subject.into(),
        description: "Потрібна консультація щодо заповнення графи 44".into(),
        service: service.into(),
        channel: Some(Channel::Phone),
        requester: Requester {
            kind: Some(RequesterKind::Official),
            name: "Петро Іваненко".into(),
            customs_unit: Some("Київська митниця".into()),
            position: Some("інспектор".into()),
            phone: Some("+380441234567".into()),
            ..Requester::default()
        },
        impact: Some(Impact::Low),
        urgency: Some(Urgency::Medium),
        group: group.into(),
        ..NewTicket::default()
    }
}

/// A ticket as an L1 operator registers it for a requester (SPEC §2).
pub fn new_incident(requester_user: Option<&str>, group: &str) -> Value {
    json!({
        "type": "incident",
        "subject": "Не відкривається митна декларація в ЄАІС",
        "description": "Під час відкриття МД з'являється помилка 500",
        "service": "ЄАІС",
        "channel": "phone",
        "requester": {
            "kind": "official",
            "name": "Петро Іваненко",
            "customs_unit": "Київська митниця",
            "position": "головний інспектор",
            "phone": "+380441234567",
            "user_id": requester_user
        },
        "impact": "medium",
        "urgency": "high",
        "group": group,
        "expected_result": "МД відкривається",
        "actual_result": "Помилка 500"
    })
}

/// Registers a ticket as `olga` (L1) for `requester` in `group`: (id, number).
pub async fn register(server: &TestServer, requester: &str, group: &str) -> (String, String) {
    let olga = server.login("olga").await;
    let (status, created) = olga.post("/api/v1/tickets", new_incident(Some(&server.user_id(requester)), group)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    (
        created["ticket"]["id"].as_str().unwrap().to_string(),
        created["ticket"]["number"].as_str().unwrap().to_string(),
    )
}

/// An op on a ticket by number, as `client`.
pub async fn act(client: &Client, number: &str, op: Value) -> (StatusCode, Value) {
    client.post(&format!("/api/v1/tickets/{number}/ops"), json!({ "op": op })).await
}
