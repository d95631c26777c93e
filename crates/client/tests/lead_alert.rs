//! Hierarchical escalation on the lead's laptop (002 §8.2, §13.16): under
//! lenobl-budget (75 % of the resolution term), once the share is used up
//! the group's lead is alerted, from the replica alone and once per
//! ticket; a member who is not a lead is not. A real server on loopback,
//! real SQLite files on both sides.

use chrono::{Duration, Utc};
use helpdesk_client::{Client, NotificationKind, Options};
use helpdesk_domain::ticket::{NewTicket, Requester, RequesterKind};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::{Channel, Impact, Line, TicketType, Urgency};
use helpdesk_server::app::{system_clock, App, Config};
use helpdesk_server::store::{users, Store};
use std::sync::Arc;

const PASSWORD: &str = "correct horse battery";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn c002_s8_2_the_groups_lead_is_alerted_once_when_the_share_is_used_up() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        default_policy: "lenobl-budget".into(),
        ..Config::default()
    };
    let app = Arc::new(App::new(Store::open(dir.path()).unwrap(), system_clock(), config).unwrap());
    for (id, name, line) in [("cc-l1", "Контакт-центр", Line::L1), ("budget-l2", "СТП ИС бюджетного процесса", Line::L2)] {
        app.store.write(|tx| users::insert_group(tx, id, name, line)).unwrap();
    }
    let lead = Permissions {
        group_lead: true,
        ..Permissions::default()
    };
    for (username, group, permissions) in [
        ("olga", "cc-l1", Permissions::default()),
        ("lena", "budget-l2", lead),
        ("ivan", "budget-l2", Permissions::default()),
    ] {
        let user = app.create_user(username, username, PASSWORD, Role::Analyst, permissions).unwrap();
        app.store.write(|tx| users::add_member(tx, group, &user.id)).unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let router = helpdesk_server::http::router(app.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    let olga = app.authenticate(&app.login("olga", PASSWORD, "").unwrap().token).unwrap();
    let new = NewTicket {
        ticket_type: Some(TicketType::Incident),
        subject: "Не формируется отчёт об исполнении бюджета".into(),
        description: "Отчёт завершается ошибкой".into(),
        service: "ИС бюджетного процесса".into(),
        channel: Some(Channel::Phone),
        requester: Requester {
            kind: Some(RequesterKind::Employee),
            name: "Пётр Иванов".into(),
            organisation: Some("Комитет финансов".into()),
            phone: Some("+78121234567".into()),
            ..Requester::default()
        },
        impact: Some(Impact::High),
        urgency: Some(Urgency::High),
        group: "budget-l2".into(),
        expected_result: Some("Отчёт формируется".into()),
        actual_result: Some("Ошибка".into()),
        ..NewTicket::default()
    };
    let number = app.register_ticket(&olga, new).unwrap().ticket.number;

    let alerts = |client: &Client, days: i64| -> Vec<String> {
        client
            .due_notifications(Utc::now() + Duration::days(days))
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == NotificationKind::EscalationDue)
            .map(|n| n.number)
            .collect()
    };
    let mut laptops = Vec::new();
    for username in ["lena", "ivan"] {
        let dir = tempfile::tempdir().unwrap();
        let client = Client::open(dir.path(), Options::default()).unwrap();
        client.login(&url, username, PASSWORD).await.unwrap();
        client.sync_round().await.unwrap();
        laptops.push((client, dir));
    }
    let (lena, ivan) = (&laptops[0].0, &laptops[1].0);
    assert!(alerts(lena, 0).is_empty(), "a fresh ticket is not due for escalation");
    // A week on, far past 75 % of the term (002 Table 3: P1 at most 3 working days).
    assert_eq!(alerts(lena, 7), vec![number.clone()], "the lead is alerted");
    assert!(alerts(lena, 8).is_empty(), "once per ticket");
    assert!(alerts(ivan, 7).is_empty(), "a member who is not a lead is not alerted");
    // The ticket shows the same state.
    let detail = lena.ticket(&number).unwrap();
    assert!(detail.escalation.is_some(), "{:?}", detail.escalation);
}
