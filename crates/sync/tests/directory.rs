//! The staff directory in a sync round, against a real server over
//! loopback HTTP and a real replica file: stored after the first round,
//! refreshed only after a pull that brought changes, and a failure to fetch
//! it never fails the round.

mod common;

use common::*;
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_protocol::Directory;
use helpdesk_replica::SettingKey;
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{Transport, TransportError};

#[tokio::test(flavor = "multi_thread")]
async fn a_round_stores_the_directory_and_refreshes_it_after_changes() {
    let server = server().await;
    let laptop = tempfile::tempdir().unwrap();
    let client = client(HttpTransport::new(&server.url, None).unwrap(), "ana", &laptop).await;

    // The first round stores it, though nothing was pulled.
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert_eq!(report.changes, 0);
    let directory = stored::<_, Directory>(&client, SettingKey::Directory).expect("stored after the first round");
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
    assert_eq!(stored::<_, Directory>(&client, SettingKey::Directory), Some(directory));

    // A round that pulls changes fetches it again.
    register_ticket(&server, "ana").await;
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert!(report.changes > 0, "{report:?}");
    let directory = stored::<_, Directory>(&client, SettingKey::Directory).unwrap();
    assert!(
        directory.users.iter().any(|u| u.username == "bob" && u.display_name == "Bob Newcomer"),
        "{directory:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_self_service_round_is_refused_the_directory_and_does_not_ask_for_it() {
    let server = server().await;
    // A Self Service user syncs their own tickets; the directory is 403 to
    // them, so their rounds do not ask for it and never fail on it.
    let laptop = tempfile::tempdir().unwrap();
    let transport = HttpTransport::new(&server.url, None).unwrap();
    transport.login("req", PASSWORD).await.unwrap();
    match transport.directory().await {
        Err(TransportError::Refused { status: 403, code, .. }) => assert_eq!(code, "forbidden"),
        other => panic!("expected a 403 refusal, got {other:?}"),
    }
    let client = client(transport, "req", &laptop).await;
    client.round(chrono::Utc::now).await.expect("the round succeeds without the directory");
    assert_eq!(stored::<_, Directory>(&client, SettingKey::Directory), None);
    assert!(client.status().last_error.is_none(), "{:?}", client.status());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_transport_without_a_directory_still_syncs_and_keeps_the_stored_copy() {
    let server = server().await;
    let laptop = tempfile::tempdir().unwrap();
    let client = client(SyncOnly(HttpTransport::new(&server.url, None).unwrap()), "ana", &laptop).await;
    assert!(matches!(client.transport.directory().await, Err(TransportError::Refused { status: 404, .. })));
    let kept = r#"{"groups":[],"users":[]}"#;
    client.replica().lock().unwrap().set_setting(SettingKey::Directory, kept).unwrap();
    register_ticket(&server, "ana").await;
    let report = client.round(chrono::Utc::now).await.unwrap();
    assert!(report.changes > 0, "{report:?}");
    assert_eq!(client.replica().lock().unwrap().setting(SettingKey::Directory).unwrap().as_deref(), Some(kept));
}
