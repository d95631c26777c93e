//! The staff directory in a sync round, against a real server over
//! loopback HTTP and a real replica file: stored after the first round,
//! refreshed only after a pull that brought changes, and a failure to fetch
//! it never fails the round.

use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::Line;
use helpdesk_protocol::{Directory, LoginResponse, PullRequest, PushRequest, PushResponse};
use helpdesk_replica::Replica;
use helpdesk_server::app::{App, Config};
use helpdesk_server::store::{users, Store};
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{SyncClient, Transport, TransportError, DIRECTORY_SETTING};
use std::sync::{Arc, Mutex};

const PASSWORD: &str = "correct horse battery";

struct Server {
    url: String,
    app: Arc<App>,
    _dir: tempfile::TempDir,
}

async fn server() -> Server {
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
async fn client<T: Transport>(transport: T, username: &str, laptop: &tempfile::TempDir) -> SyncClient<T> {
    let replica = Replica::open(&laptop.path().join("replica.db")).unwrap();
    let login = transport.login(username, PASSWORD).await.unwrap();
    replica.set_me(&login.me).unwrap();
    SyncClient::new(transport, Arc::new(Mutex::new(replica)))
}

fn stored<T: Transport>(client: &SyncClient<T>) -> Option<Directory> {
    let json = client.replica().lock().unwrap().setting(DIRECTORY_SETTING).unwrap()?;
    Some(serde_json::from_str(&json).expect("the stored directory is a Directory"))
}

/// An incident for the EAIS group, registered over HTTP by `username`.
async fn register_ticket(server: &Server, username: &str) {
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

#[tokio::test(flavor = "multi_thread")]
async fn a_round_stores_the_directory_and_refreshes_it_after_changes() {
    let server = server().await;
    let laptop = tempfile::tempdir().unwrap();
    let client = client(HttpTransport::new(&server.url, None).unwrap(), "ana", &laptop).await;

    // The first round stores it, though nothing was pulled.
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert_eq!(report.changes, 0);
    let directory = stored(&client).expect("stored after the first round");
    let groups: Vec<(&str, &str)> = directory.groups.iter().map(|g| (g.id.as_str(), g.name.as_str())).collect();
    assert_eq!(groups, [("eais-l2", "Технічний адміністратор ЄАІС"), ("vendor-l3", "Розробник ПЗ")]);
    let names: Vec<(&str, &str, bool)> = directory
        .users
        .iter()
        .map(|u| (u.username.as_str(), u.display_name.as_str(), u.active))
        .collect();
    assert_eq!(names, [("ana", "ana (test)", true), ("vasyl", "vasyl (test)", true)]);
    assert_eq!(directory.users[1].groups, ["vendor-l3"]);

    // A round that pulls nothing keeps the stored copy.
    server
        .app
        .create_user("bob", "Bob Newcomer", PASSWORD, Role::Analyst, Permissions::default())
        .unwrap();
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert_eq!(report.changes, 0);
    assert_eq!(stored(&client), Some(directory));

    // A round that pulls changes fetches it again.
    register_ticket(&server, "ana").await;
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert!(report.changes > 0, "{report:?}");
    let directory = stored(&client).unwrap();
    assert!(
        directory.users.iter().any(|u| u.username == "bob" && u.display_name == "Bob Newcomer"),
        "{directory:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_directory_does_not_fail_the_round() {
    let server = server().await;
    // A Self Service user syncs their own tickets; the directory is 403.
    let laptop = tempfile::tempdir().unwrap();
    let transport = HttpTransport::new(&server.url, None).unwrap();
    transport.login("req", PASSWORD).await.unwrap();
    match transport.directory().await {
        Err(TransportError::Refused { status: 403, code, .. }) => assert_eq!(code, "forbidden"),
        other => panic!("expected a 403 refusal, got {other:?}"),
    }
    let client = client(transport, "req", &laptop).await;
    client.round(chrono::Utc::now).await.expect("the round succeeds without the directory");
    assert_eq!(stored(&client), None);
    assert!(client.status().last_error.is_none(), "{:?}", client.status());
}

/// A transport that leaves `directory` to the trait's default.
struct NoDirectory(HttpTransport);

impl Transport for NoDirectory {
    async fn login(&self, username: &str, password: &str) -> Result<LoginResponse, TransportError> {
        self.0.login(username, password).await
    }
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, TransportError> {
        self.0.push(request).await
    }
    async fn pull(&self, request: &PullRequest) -> Result<String, TransportError> {
        self.0.pull(request).await
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_transport_without_a_directory_still_syncs_and_keeps_the_stored_copy() {
    let server = server().await;
    let laptop = tempfile::tempdir().unwrap();
    let client = client(NoDirectory(HttpTransport::new(&server.url, None).unwrap()), "ana", &laptop).await;
    assert!(matches!(client.transport.directory().await, Err(TransportError::Refused { status: 404, .. })));
    let kept = r#"{"groups":[],"users":[]}"#;
    client.replica().lock().unwrap().set_setting(DIRECTORY_SETTING, kept).unwrap();
    register_ticket(&server, "ana").await;
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert!(report.changes > 0, "{report:?}");
    assert_eq!(client.replica().lock().unwrap().setting(DIRECTORY_SETTING).unwrap().as_deref(), Some(kept));
}
