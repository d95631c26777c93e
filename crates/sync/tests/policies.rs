//! The SLA policies in a sync round, against a real server over loopback
//! HTTP and a real replica file: stored after the first round as the server
//! evaluates them (presets and imported policies), refreshed after a pull
//! that brought changes, and a failure to fetch them never fails the round.

mod common;

use common::*;
use helpdesk_domain::policy::{Policy, PRESET_NAMES};
use helpdesk_protocol::SyncedPolicy;
use helpdesk_replica::SettingKey;
use helpdesk_server::store::admin;
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{Transport, TransportError, REFERENCE_MAX_AGE};

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

#[tokio::test(flavor = "multi_thread")]
async fn a_round_stores_the_policies_and_refreshes_them_after_changes() {
    let server = server().await;
    server.app.import_policy(&custom_policy("customs-2027", "45 working minutes")).unwrap();
    let laptop = tempfile::tempdir().unwrap();
    let client = client(HttpTransport::new(&server.url, None).unwrap(), "ana", &laptop).await;
    assert_eq!(stored::<_, Vec<SyncedPolicy>>(&client, SettingKey::Policies), None);

    // The first round stores them, though nothing was pulled.
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert_eq!(report.changes, 0);
    let policies = stored::<_, Vec<SyncedPolicy>>(&client, SettingKey::Policies).expect("stored after the first round");
    assert_eq!(policies, on_server(&server));
    assert_eq!(policies.len(), PRESET_NAMES.len() + 1);
    let custom = policies.iter().find(|p| p.id == "customs-2027").unwrap();
    assert!(custom.toml.contains("45 working minutes"), "{}", custom.toml);

    // A round that pulls nothing keeps the stored copy while it is fresh…
    server.app.import_policy(&custom_policy("customs-2027", "50 working minutes")).unwrap();
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert_eq!(report.changes, 0);
    assert_eq!(stored::<_, Vec<SyncedPolicy>>(&client, SettingKey::Policies), Some(policies));

    // …and fetches it again once it is older than REFERENCE_MAX_AGE: an
    // edit with no ticket activity still reaches the laptop.
    let later = || chrono::Utc::now() + chrono::Duration::from_std(REFERENCE_MAX_AGE).unwrap() + chrono::Duration::minutes(1);
    let report = client.round(later).await.unwrap();
    assert_eq!(report.changes, 0);
    let refreshed = stored::<_, Vec<SyncedPolicy>>(&client, SettingKey::Policies).unwrap();
    assert!(refreshed.iter().any(|p| p.id == "customs-2027" && p.toml.contains("50 working minutes")));
    server.app.import_policy(&custom_policy("customs-2027", "45 working minutes")).unwrap();

    // A round that pulls changes fetches them again.
    register_ticket(&server, "ana").await;
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert!(report.changes > 0, "{report:?}");
    let policies = stored::<_, Vec<SyncedPolicy>>(&client, SettingKey::Policies).unwrap();
    assert_eq!(policies, on_server(&server));
    assert!(policies.iter().any(|p| p.id == "customs-2027" && p.toml.contains("45 working minutes")));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_self_service_round_is_refused_the_policies_and_does_not_ask_for_them() {
    let server = server().await;
    // A Self Service user syncs their own tickets; the policies are 403 to
    // them, so their rounds do not ask for them and never fail on them.
    let laptop = tempfile::tempdir().unwrap();
    let transport = HttpTransport::new(&server.url, None).unwrap();
    transport.login("req", PASSWORD).await.unwrap();
    match transport.policies().await {
        Err(TransportError::Refused { status: 403, code, .. }) => assert_eq!(code, "forbidden"),
        other => panic!("expected a 403 refusal, got {other:?}"),
    }
    let client = client(transport, "req", &laptop).await;
    client.round(chrono::Utc::now).await.expect("the round succeeds without the policies");
    assert_eq!(stored::<_, Vec<SyncedPolicy>>(&client, SettingKey::Policies), None);
    assert!(client.status().last_error.is_none(), "{:?}", client.status());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_transport_without_policies_still_syncs_and_keeps_the_stored_copy() {
    let server = server().await;
    let laptop = tempfile::tempdir().unwrap();
    let client = client(SyncOnly(HttpTransport::new(&server.url, None).unwrap()), "ana", &laptop).await;
    assert!(matches!(client.transport.policies().await, Err(TransportError::Refused { status: 404, .. })));
    let kept = "[]";
    client.replica().lock().unwrap().set_setting(SettingKey::Policies, kept).unwrap();
    register_ticket(&server, "ana").await;
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert!(report.changes > 0, "{report:?}");
    assert_eq!(client.replica().lock().unwrap().setting(SettingKey::Policies).unwrap().as_deref(), Some(kept));
}
