//! The deployment's registration settings over real HTTP: the defaults a
//! desk registration gets for a field it leaves out are the server's (its
//! administrator sets them), the server fills a registration with them,
//! and the service desk's clients read them — with the routing rules'
//! policies and the default policy — to fill and check a registration
//! offline the same way. Self Service users may not read them.

mod common;

use common::*;
use helpdesk_domain::registration_defaults::RegistrationDefaults;
use helpdesk_domain::{Channel, Impact, Urgency};
use helpdesk_server::app::Config;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// This deployment's defaults: e-mail, the ЄАІС service, low impact and
/// high urgency, and no default kind of requester.
fn config() -> Config {
    Config {
        default_policy: "customs-helpdesk".into(),
        registration: RegistrationDefaults {
            channel: Some(Channel::Email),
            requester_kind: None,
            service: Some("ЄАІС".into()),
            impact: Some(Impact::Low),
            urgency: Some(Urgency::High),
        },
        ..Config::default()
    }
}

/// A consultation with only what an operator types in: who asks, about
/// what, and the group.
fn minimal() -> Value {
    json!({
        "type": "consultation",
        "subject": "Як подати заяву",
        "description": "Заявник питає, куди подати заяву",
        "requester": {"kind": "citizen", "name": "Оксана Мельник", "email": "oksana@example.com"},
        "group": "cc-l1",
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn c000_s13_the_server_fills_what_a_desk_registration_leaves_out_with_its_defaults() {
    let server = TestServer::start_with(config()).await;
    let olga = server.login("olga").await;
    let (status, created) = olga.post("/api/v1/tickets", minimal()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let t = &created["ticket"];
    assert_eq!(t["channel"], "email");
    assert_eq!(t["service"], "ЄАІС");
    assert_eq!((t["impact"].as_str(), t["urgency"].as_str()), (Some("low"), Some("high")));
    // 000 §13: low impact × high urgency is priority 3.
    assert_eq!(t["priority"], 3);

    // What the request gives stays as given.
    let mut given = minimal();
    given["channel"] = json!("paper");
    given["service"] = json!("NCTS");
    let (status, created) = olga.post("/api/v1/tickets", given).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        (created["ticket"]["channel"].as_str(), created["ticket"]["service"].as_str()),
        (Some("paper"), Some("NCTS"))
    );

    // No default kind of requester here: a registration must name it.
    let mut no_kind = minimal();
    no_kind["requester"]["kind"] = Value::Null;
    let (status, refused) = olga.post("/api/v1/tickets", no_kind).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("registration_invalid")),
        "{refused}"
    );
    assert!(refused["message"].as_str().unwrap().contains("requester.kind"), "{refused}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_desk_reads_the_defaults_the_routing_policies_and_the_default_policy() {
    let server = TestServer::start_with(config()).await;
    let admin = server.login("admin").await;
    let (status, rule) = admin
        .post(
            "/api/v1/admin/routing-rules",
            json!({"service": "NCTS", "ticket_type": "incident", "group_id": "ncts-l2", "policy": "ncts-transit"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{rule}");

    let (status, settings) = server.login("olga").await.get("/api/v1/registration/settings").await;
    assert_eq!(status, StatusCode::OK, "{settings}");
    assert_eq!(
        settings["defaults"],
        json!({"channel": "email", "requester_kind": null, "service": "ЄАІС", "impact": "low", "urgency": "high"})
    );
    assert_eq!(settings["default_policy"], "customs-helpdesk");
    assert_eq!(
        settings["routes"],
        json!([{"service": "NCTS", "ticket_type": "incident", "policy": "ncts-transit"}])
    );

    let (status, refused) = server.login("req").await.get("/api/v1/registration/settings").await;
    assert_eq!((status, refused["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{refused}");
}

#[tokio::test(flavor = "multi_thread")]
async fn without_settings_the_defaults_are_the_built_in_ones() {
    let server = TestServer::start().await;
    let (status, settings) = server.login("olga").await.get("/api/v1/registration/settings").await;
    assert_eq!(status, StatusCode::OK, "{settings}");
    let defaults: RegistrationDefaults = serde_json::from_value(settings["defaults"].clone()).unwrap();
    assert_eq!(defaults, RegistrationDefaults::default());
}
