//! The SLA policies over real HTTP, for clients that count deadlines
//! offline: the service desk reads every stored policy with its TOML text —
//! the presets as installed at first start and whatever an administrator
//! imported or edited since, exactly what the server evaluates with; Self
//! Service users may not.

mod common;

use common::*;
use helpdesk_domain::policy::{Policy, PRESET_NAMES};
use reqwest::StatusCode;
use serde_json::Value;

fn ids(policies: &Value) -> Vec<&str> {
    policies.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect()
}

fn find<'a>(policies: &'a Value, id: &str) -> &'a Value {
    policies
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no policy {id} in {policies}"))
}

/// Imports `text` as an administrator, over HTTP.
async fn put_policy(admin: &Client, id: &str, text: &str) {
    let response = admin
        .http
        .put(format!("{}/api/v1/admin/policies/{id}", admin.base))
        .bearer_auth(admin.token.as_ref().unwrap())
        .header("content-type", "application/toml")
        .body(text.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert_eq!(status, StatusCode::OK, "{}", response.text().await.unwrap());
}

#[tokio::test(flavor = "multi_thread")]
async fn analysts_read_the_presets_as_installed() {
    let server = TestServer::start().await;
    let (status, policies) = server.login("ana").await.get("/api/v1/policies").await;
    assert_eq!(status, StatusCode::OK, "{policies}");

    // The presets are stored at first start; listed by id.
    let mut presets: Vec<&str> = PRESET_NAMES.to_vec();
    presets.sort();
    assert_eq!(ids(&policies), presets);
    for name in PRESET_NAMES {
        let p = find(&policies, name);
        assert_eq!(p["toml"].as_str().unwrap(), Policy::preset_source(name).unwrap(), "{name}");
        assert_eq!(p.as_object().unwrap().len(), 3, "id, toml, updated_at only: {p}");
        let at: chrono::DateTime<chrono::Utc> = serde_json::from_value(p["updated_at"].clone()).unwrap();
        assert_eq!(at, server.now());
    }

    // An administrator reads the same.
    let (status, as_admin) = server.login("admin").await.get("/api/v1/policies").await;
    assert_eq!((status, &as_admin), (StatusCode::OK, &policies));
}

#[tokio::test(flavor = "multi_thread")]
async fn imported_and_edited_policies_are_listed_as_the_server_evaluates_them() {
    let server = TestServer::start().await;
    let admin = server.login("admin").await;
    let analyst = server.login("ana").await;

    // A custom policy: next year's holidays on a 9×5 calendar.
    let custom = r#"
id = "customs-2027"
name = "Держмитслужба — 2027"

[calendar]
time_zone = "Europe/Kyiv"
holidays = ["2027-01-01", "2027-01-07"]

[calendar.week]
mon = ["09:00-18:00"]
tue = ["09:00-18:00"]
wed = ["09:00-18:00"]
thu = ["09:00-18:00"]
fri = ["09:00-18:00"]

[[metrics]]
name = "reaction"
start = "registered"
stop = ["taken", "resolved", "closed"]
targets = [{ target = "30 working minutes" }]
"#;
    server.advance(chrono::Duration::minutes(5));
    put_policy(&admin, "customs-2027", custom).await;
    // An edited preset: the stored text wins over the built-in one.
    let edited = Policy::preset_source("customs-helpdesk")
        .unwrap()
        .replace("30 working minutes", "20 working minutes");
    server.advance(chrono::Duration::minutes(5));
    put_policy(&admin, "customs-helpdesk", &edited).await;

    let (status, policies) = analyst.get("/api/v1/policies").await;
    assert_eq!(status, StatusCode::OK, "{policies}");
    assert_eq!(ids(&policies).len(), PRESET_NAMES.len() + 1);
    assert!(ids(&policies).windows(2).all(|w| w[0] < w[1]), "by id: {policies}");
    let listed = find(&policies, "customs-2027");
    assert_eq!(listed["toml"].as_str().unwrap(), custom);
    let listed_at: chrono::DateTime<chrono::Utc> = serde_json::from_value(listed["updated_at"].clone()).unwrap();
    assert_eq!(listed_at, server.now() - chrono::Duration::minutes(5));
    let listed = find(&policies, "customs-helpdesk");
    assert_eq!(listed["toml"].as_str().unwrap(), edited);
    let listed_at: chrono::DateTime<chrono::Utc> = serde_json::from_value(listed["updated_at"].clone()).unwrap();
    assert_eq!(listed_at, server.now());

    // The text a client gets compiles to what the server counts with.
    for p in policies.as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        let from_wire = Policy::from_toml(p["toml"].as_str().unwrap()).unwrap().compile(&[], &[]).unwrap();
        let on_server = server.app.policy(id).unwrap();
        assert_eq!((&from_wire.policy, &from_wire.thresholds), (&on_server.policy, &on_server.thresholds), "{id}");
    }
    // The admin list agrees on ids and times.
    let (_, infos) = admin.get("/api/v1/admin/policies").await;
    let infos: Vec<(&str, &str)> = infos
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["updated_at"].as_str().unwrap()))
        .collect();
    let listed: Vec<(&str, &str)> = policies
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["updated_at"].as_str().unwrap()))
        .collect();
    assert_eq!(infos, listed);
}

#[tokio::test(flavor = "multi_thread")]
async fn self_service_and_anonymous_callers_are_refused() {
    let server = TestServer::start().await;
    let (status, body) = server.login("req").await.get("/api/v1/policies").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["code"], "forbidden");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");

    let (status, body) = server.anonymous().get("/api/v1/policies").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["code"], "not_signed_in");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_policy_edited_on_the_data_directory_counts_at_once_in_the_running_server() {
    let server = TestServer::start().await;
    let before = server.app.policy("customs-helpdesk").unwrap();
    // `helpdesk-server policy import` run by an administrator on the data
    // directory of this server: another writer, not this App.
    let edited = Policy::preset_source("customs-helpdesk")
        .unwrap()
        .replace("30 working minutes", "20 working minutes");
    let later = server.now() + chrono::Duration::minutes(1);
    server
        .app
        .store
        .write(|tx| helpdesk_server::store::admin::put_policy(tx, "customs-helpdesk", &edited, later))
        .unwrap();
    let after = server.app.policy("customs-helpdesk").unwrap();
    assert_ne!(before.policy, after.policy, "the compiled copy follows the stored text");
    assert_eq!(after.policy, Policy::from_toml(&edited).unwrap());
    // Unchanged text: the same compiled copy.
    assert!(std::sync::Arc::ptr_eq(&after, &server.app.policy("customs-helpdesk").unwrap()));
}
