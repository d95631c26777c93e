//! Registration from the desk through the client: an offline registration
//! is filled and checked as the server will fill and count it — with the
//! deployment's defaults, under the policy its routing rules give the
//! ticket (not the default policy), and a ticket no rule routes must name
//! its group; a registration the server refused is corrected and sent
//! again with nothing typed lost. Real server on loopback, real SQLite
//! files; the checks read only what the sign-in's sync stored.

use helpdesk_client::{Client, Options};
use helpdesk_domain::policy::Policy;
use helpdesk_domain::registration_defaults::RegistrationDefaults;
use helpdesk_domain::ticket::{NewTicket, Requester, RequesterKind};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::{Channel, Line, TicketType};
use helpdesk_server::app::{system_clock, App, Config};
use helpdesk_server::store::{users, Store};
use serde_json::{json, Value};
use std::sync::Arc;

const PASSWORD: &str = "correct horse battery";
/// Counted by 000's table, which reads the priority.
const DEFAULT_POLICY: &str = "customs-helpdesk";
/// The contact centre's terms read no priority.
const ROUTED_POLICY: &str = "customs-contact-centre";
const ROUTED_SERVICE: &str = "Довідкова служба";

struct Server {
    url: String,
    _dir: tempfile::TempDir,
}

/// A deployment without default impact and urgency (so a policy that
/// reads the priority needs them given) and one routing rule.
async fn server() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        default_policy: DEFAULT_POLICY.into(),
        registration: RegistrationDefaults {
            impact: None,
            urgency: None,
            ..RegistrationDefaults::default()
        },
        ..Config::default()
    };
    let app = App::new(Store::open(dir.path()).unwrap(), system_clock(), config).unwrap();
    app.store.write(|tx| users::insert_group(tx, "cc-l1", "Контакт-центр", Line::L1)).unwrap();
    for (username, role) in [("admin", Role::Administrator), ("olga", Role::Analyst)] {
        let user = app.create_user(username, username, PASSWORD, role, Permissions::default()).unwrap();
        if role == Role::Analyst {
            app.store.write(|tx| users::add_member(tx, "cc-l1", &user.id)).unwrap();
        }
    }
    let app = Arc::new(app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let router = helpdesk_server::http::router(app.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let http = reqwest::Client::new();
    let login: Value = http
        .post(format!("{url}/api/v1/auth/login"))
        .json(&json!({"username": "admin", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rule = http
        .post(format!("{url}/api/v1/admin/routing-rules"))
        .bearer_auth(login["token"].as_str().unwrap())
        .json(&json!({"service": ROUTED_SERVICE, "group_id": "cc-l1", "policy": ROUTED_POLICY}))
        .send()
        .await
        .unwrap();
    assert!(rule.status().is_success(), "{}", rule.text().await.unwrap());
    Server { url, _dir: dir }
}

/// A consultation by phone about `service`, without impact and urgency.
fn consultation(service: &str, group: &str) -> NewTicket {
    NewTicket {
        ticket_type: Some(TicketType::Consultation),
        subject: "Графік роботи митного поста".into(),
        description: "Заявник питає, коли працює митний пост".into(),
        service: service.into(),
        channel: Some(Channel::Phone),
        requester: Requester {
            kind: Some(RequesterKind::Citizen),
            name: "Ірина Ткач".into(),
            phone: Some("+380931112233".into()),
            ..Requester::default()
        },
        group: group.into(),
        ..NewTicket::default()
    }
}

fn fields(client: &Client, new: &NewTicket) -> Vec<String> {
    client.registration_problems(new).into_iter().map(|p| p.field).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn c000_s13_an_offline_registration_is_checked_under_the_policy_its_routing_rule_gives() {
    // The two policies differ in what registration requires.
    let rules = |policy: &str| Policy::preset(policy).unwrap().registration_rules(Some(TicketType::Consultation));
    assert!(rules(DEFAULT_POLICY).priority_required);
    assert!(!rules(ROUTED_POLICY).priority_required);

    let server = server().await;
    let laptop = tempfile::tempdir().unwrap();
    let client = Client::open(laptop.path(), Options::default()).unwrap();
    client.login(&server.url, "olga", PASSWORD).await.unwrap();
    assert_eq!(client.registration_settings().defaults.impact, None, "the server's settings, synced");

    // Routed to the contact centre's policy: no priority needed.
    assert_eq!(fields(&client, &consultation(ROUTED_SERVICE, "")), Vec::<String>::new());
    // No rule for the service: the default policy, which reads the
    // priority, and a group to name.
    assert_eq!(fields(&client, &consultation("ЄАІС", "")), ["impact", "urgency", "group"]);
    assert_eq!(fields(&client, &consultation("ЄАІС", "cc-l1")), ["impact", "urgency"]);
    // The desk's form asks the same.
    let form = client.registration_form(TicketType::Consultation, Channel::Phone, Some(RequesterKind::Citizen));
    assert!(form.required.contains(&"impact".to_string()), "the default service is not routed: {form:?}");

    // Registered offline under the routed policy, and the server agrees.
    let registered = client.register(consultation(ROUTED_SERVICE, "")).unwrap();
    let local = client.ticket(&registered.local_reference).unwrap();
    assert_eq!(local.view.policy, ROUTED_POLICY);
    let report = client.sync_round().await.unwrap();
    assert_eq!(report.applied, 1, "{report:?}");
    let number = client.registered_number(&registered).unwrap().expect("numbered by the server");
    client.sync_round().await.unwrap();
    assert_eq!(client.ticket(&number).unwrap().view.policy, ROUTED_POLICY);
}

#[tokio::test(flavor = "multi_thread")]
async fn c001_s3_2_3_a_refused_registration_is_corrected_and_sent_again_with_nothing_lost() {
    let server = server().await;
    let laptop = tempfile::tempdir().unwrap();
    let client = Client::open(laptop.path(), Options::default()).unwrap();
    client.login(&server.url, "olga", PASSWORD).await.unwrap();

    let mut typed = consultation(ROUTED_SERVICE, "no-such-group");
    typed.requester.email = Some("iryna@example.com".into());
    typed.description = "Заявник питає, коли працює митний пост у вихідні".into();
    client.register(typed.clone()).unwrap();
    client.sync_round().await.unwrap();
    let refused = client.refused_registration_list().unwrap();
    assert_eq!(refused.len(), 1, "{refused:?}");
    let first = &refused[0];
    assert_eq!(first.code, "unknown_group");
    assert_eq!(first.fields, ["group"], "the server names the field to correct");
    let mut kept = typed.clone();
    kept.impact = first.ticket.impact;
    kept.urgency = first.ticket.urgency;
    assert_eq!(first.ticket, kept, "every field as typed (and filled by the defaults)");

    // A correction that leaves a problem is refused, naming it; the
    // refused registration stays.
    let mut still_wrong = first.ticket.clone();
    still_wrong.group = "cc-l1".into();
    still_wrong.requester.phone = None;
    still_wrong.requester.email = None;
    let err = client.resend_registration(first.seq, still_wrong).unwrap_err();
    assert_eq!(err.params.get("fields"), Some(&json!(["requester.email_or_phone"])), "{err:?}");
    assert_eq!(client.refused_registration_list().unwrap().len(), 1);

    let mut corrected = first.ticket.clone();
    corrected.group = "cc-l1".into();
    let resent = client.resend_registration(first.seq, corrected).unwrap();
    assert!(client.refused_registration_list().unwrap().is_empty(), "it left Needs attention");
    assert_eq!(client.pending_registrations().unwrap(), std::slice::from_ref(&resent));
    let report = client.sync_round().await.unwrap();
    assert_eq!(report.applied, 1, "{report:?}");
    let number = client.registered_number(&resent).unwrap().expect("numbered by the server");
    client.sync_round().await.unwrap();
    let registered = client.ticket(&number).unwrap().view.ticket;
    assert_eq!(registered.group, "cc-l1");
    assert_eq!(registered.description, typed.description);
    assert_eq!(registered.requester.email.as_deref(), Some("iryna@example.com"));
    assert_eq!(client.status().unwrap().needs_attention, 0);
}
