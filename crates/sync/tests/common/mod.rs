//! A real server on loopback (an EAIS and a vendor group, two analysts and
//! a Self Service user) and signed-in sync clients on fresh replica files,
//! shared by the tests of what a round keeps beside the replica.
#![allow(dead_code)]

use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::Line;
use helpdesk_protocol::{LoginResponse, PullRequest, PushRequest, PushResponse};
use helpdesk_replica::Replica;
use helpdesk_server::app::{App, Config};
use helpdesk_server::store::{users, Store};
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{SyncClient, Transport, TransportError};
use std::sync::{Arc, Mutex};

pub const PASSWORD: &str = "correct horse battery";

pub struct Server {
    pub url: String,
    pub app: Arc<App>,
    _dir: tempfile::TempDir,
}

pub async fn server() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(Store::open(dir.path()).unwrap(), Arc::new(chrono::Utc::now), Config::default()).unwrap();
    app.store
        .write(|tx| users::insert_group(tx, "eais-l2", "Технічний адміністратор ЄАІС", Line::L2))
        .unwrap();
    app.store.write(|tx| users::insert_group(tx, "vendor-l3", "Розробник ПЗ", Line::L3)).unwrap();
    for (username, role, group) in [
        ("ana", Role::Analyst, Some("eais-l2")),
        ("vasyl", Role::Analyst, Some("vendor-l3")),
        ("req", Role::SelfService, None),
    ] {
        let user = app
            .create_user(username, &format!("{username} (test)"), PASSWORD, role, Permissions::default())
            .unwrap();
        if let Some(g) = group {
            app.store.write(|tx| users::add_member(tx, g, &user.id)).unwrap();
        }
    }
    let app = Arc::new(app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let router = helpdesk_server::http::router(app.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Server { url, app, _dir: dir }
}

/// A signed-in sync client over `transport`, with a fresh replica.
pub async fn client<T: Transport>(transport: T, username: &str, laptop: &tempfile::TempDir) -> SyncClient<T> {
    let replica = Replica::open(&laptop.path().join("replica.db")).unwrap();
    let login = transport.login(username, PASSWORD).await.unwrap();
    replica.set_me(&login.me).unwrap();
    SyncClient::new(transport, Arc::new(Mutex::new(replica)))
}

/// What the replica keeps under `key`, read back.
pub fn stored<T: Transport, V: serde::de::DeserializeOwned>(client: &SyncClient<T>, key: helpdesk_replica::SettingKey) -> Option<V> {
    let json = client.replica().lock().unwrap().setting(key).unwrap()?;
    Some(serde_json::from_str(&json).unwrap_or_else(|e| panic!("the stored `{key:?}` does not read back: {e}")))
}

/// An incident for the EAIS group, registered over HTTP by `username`.
pub async fn register_ticket(server: &Server, username: &str) {
    let http = reqwest::Client::new();
    let login: LoginResponse = http
        .post(format!("{}/api/v1/auth/login", server.url))
        .json(&serde_json::json!({"username": username, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let response = http
        .post(format!("{}/api/v1/tickets", server.url))
        .bearer_auth(&login.token)
        .json(&serde_json::json!({
            "type": "incident",
            "subject": "Не відкривається митна декларація в ЄАІС",
            "description": "Під час відкриття МД з'являється помилка 500",
            "service": "ЄАІС",
            "channel": "phone",
            "requester": {"kind": "official", "name": "Петро Іваненко", "customs_unit": "Київська митниця", "position": "головний інспектор", "phone": "+380441234567"},
            "impact": "medium",
            "urgency": "high",
            "group": "eais-l2",
            "expected_result": "МД відкривається",
            "actual_result": "Помилка 500"
        }))
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert!(status.is_success(), "{status}: {}", response.text().await.unwrap());
}

/// A transport that leaves the directory and the policies to the trait's
/// defaults (an older or a test transport).
pub struct SyncOnly(pub HttpTransport);

impl Transport for SyncOnly {
    async fn login(&self, username: &str, password: &str) -> Result<LoginResponse, TransportError> {
        self.0.login(username, password).await
    }
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, TransportError> {
        self.0.push(request).await
    }
    async fn pull(&self, request: &PullRequest) -> Result<String, TransportError> {
        self.0.pull(request).await
    }
    async fn ticket(&self, id: &str) -> Result<String, TransportError> {
        self.0.ticket(id).await
    }
}
