//! The SLA policies in a sync round, against a real server over loopback
//! HTTP and a real replica file: stored after the first round as the server
//! evaluates them (presets and imported policies), refreshed after a pull
//! that brought changes, and a failure to fetch them never fails the round.

use helpdesk_domain::policy::{Policy, PRESET_NAMES};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::Line;
use helpdesk_protocol::{LoginResponse, PullRequest, PushRequest, PushResponse, SyncedPolicy};
use helpdesk_replica::Replica;
use helpdesk_server::app::{App, Config};
use helpdesk_server::store::{admin, users, Store};
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{SyncClient, Transport, TransportError, POLICIES_SETTING};
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
    for (username, role, group) in [("ana", Role::Analyst, Some("eais-l2")), ("req", Role::SelfService, None)] {
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

fn stored<T: Transport>(client: &SyncClient<T>) -> Option<Vec<SyncedPolicy>> {
    let json = client.replica().lock().unwrap().setting(POLICIES_SETTING).unwrap()?;
    Some(serde_json::from_str(&json).expect("the stored policies are a Vec<SyncedPolicy>"))
}

/// What the server evaluates with, from its own store.
fn on_server(server: &Server) -> Vec<SyncedPolicy> {
    server.app.store.read(admin::policy_texts).unwrap()
}

/// The built-in preset under another id, with other targets.
fn custom_policy(id: &str, reaction: &str) -> String {
    Policy::preset_source("customs-helpdesk")
        .unwrap()
        .replace("id = \"customs-helpdesk\"", &format!("id = \"{id}\""))
        .replace("30 working minutes", reaction)
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
async fn a_round_stores_the_policies_and_refreshes_them_after_changes() {
    let server = server().await;
    server.app.import_policy(&custom_policy("customs-2027", "45 working minutes")).unwrap();
    let laptop = tempfile::tempdir().unwrap();
    let client = client(HttpTransport::new(&server.url, None).unwrap(), "ana", &laptop).await;
    assert_eq!(stored(&client), None);

    // The first round stores them, though nothing was pulled.
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert_eq!(report.changes, 0);
    let policies = stored(&client).expect("stored after the first round");
    assert_eq!(policies, on_server(&server));
    assert_eq!(policies.len(), PRESET_NAMES.len() + 1);
    let custom = policies.iter().find(|p| p.id == "customs-2027").unwrap();
    assert!(custom.toml.contains("45 working minutes"), "{}", custom.toml);

    // A round that pulls nothing keeps the stored copy.
    server.app.import_policy(&custom_policy("customs-2027", "50 working minutes")).unwrap();
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert_eq!(report.changes, 0);
    assert_eq!(stored(&client), Some(policies));

    // A round that pulls changes fetches them again.
    register_ticket(&server, "ana").await;
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert!(report.changes > 0, "{report:?}");
    let policies = stored(&client).unwrap();
    assert_eq!(policies, on_server(&server));
    assert!(policies.iter().any(|p| p.id == "customs-2027" && p.toml.contains("50 working minutes")));
}

#[tokio::test(flavor = "multi_thread")]
async fn refused_policies_do_not_fail_the_round() {
    let server = server().await;
    // A Self Service user syncs their own tickets; the policies are 403.
    let laptop = tempfile::tempdir().unwrap();
    let transport = HttpTransport::new(&server.url, None).unwrap();
    transport.login("req", PASSWORD).await.unwrap();
    match transport.policies().await {
        Err(TransportError::Refused { status: 403, code, .. }) => assert_eq!(code, "forbidden"),
        other => panic!("expected a 403 refusal, got {other:?}"),
    }
    let client = client(transport, "req", &laptop).await;
    client.round(chrono::Utc::now).await.expect("the round succeeds without the policies");
    assert_eq!(stored(&client), None);
    assert!(client.status().last_error.is_none(), "{:?}", client.status());
}

/// A transport that leaves `policies` (and `directory`) to the trait's default.
struct NoPolicies(HttpTransport);

impl Transport for NoPolicies {
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
async fn a_transport_without_policies_still_syncs_and_keeps_the_stored_copy() {
    let server = server().await;
    let laptop = tempfile::tempdir().unwrap();
    let client = client(NoPolicies(HttpTransport::new(&server.url, None).unwrap()), "ana", &laptop).await;
    assert!(matches!(client.transport.policies().await, Err(TransportError::Refused { status: 404, .. })));
    let kept = "[]";
    client.replica().lock().unwrap().set_setting(POLICIES_SETTING, kept).unwrap();
    register_ticket(&server, "ana").await;
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert!(report.changes > 0, "{report:?}");
    assert_eq!(client.replica().lock().unwrap().setting(POLICIES_SETTING).unwrap().as_deref(), Some(kept));
}
