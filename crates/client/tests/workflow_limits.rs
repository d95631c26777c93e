//! The analyst's laptop decides as the server does for the same policy:
//! a rejection for no response, checked offline in the replica under the
//! limits of the ticket's policy (004 §3.5: one request; 002 §7.5(2) and a
//! policy without the timer: two), is refused exactly where the server
//! refuses it, and what the laptop allowed the server applies. A real
//! server on loopback per policy, real SQLite files on both sides.

use helpdesk_client::{Client, Options};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{NewTicket, RejectReason, Requester, RequesterKind};
use helpdesk_domain::workflow::{Permissions, Refusal, Role};
use helpdesk_domain::{Channel, Impact, Line, Status, TicketType, Urgency};
use helpdesk_server::app::auth::Caller;
use helpdesk_server::app::{system_clock, App, Config};
use helpdesk_server::error::AppError;
use helpdesk_server::store::{users, Store};
use std::path::Path;
use std::sync::Arc;

const PASSWORD: &str = "correct horse battery";

/// A server whose tickets are counted under `policy`.
struct Desk {
    app: Arc<App>,
    url: String,
    _dir: tempfile::TempDir,
}

impl Desk {
    async fn start(policy: &str) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            default_policy: policy.into(),
            ..Config::default()
        };
        let app = Arc::new(App::new(Store::open(dir.path()).unwrap(), system_clock(), config).unwrap());
        for (id, name, line) in [("cc-l1", "Контакт-центр", Line::L1), ("eais-l2", "Технічний адміністратор ЄАІС", Line::L2)]
        {
            app.store.write(|tx| users::insert_group(tx, id, name, line)).unwrap();
        }
        for (username, group) in [("olga", "cc-l1"), ("ana", "eais-l2")] {
            let user = app.create_user(username, username, PASSWORD, Role::Analyst, Permissions::default()).unwrap();
            app.store.write(|tx| users::add_member(tx, group, &user.id)).unwrap();
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let router = helpdesk_server::http::router(app.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Desk { app, url, _dir: dir }
    }

    fn caller(&self, username: &str) -> Caller {
        let login = self.app.login(username, PASSWORD, "").unwrap();
        self.app.authenticate(&login.token).unwrap()
    }

    /// An incident registered by the contact centre for eais-l2; its number.
    fn register(&self) -> String {
        let new = NewTicket {
            ticket_type: Some(TicketType::Incident),
            subject: "Не формується звіт".into(),
            description: "Звіт про виконання завершується помилкою".into(),
            service: "ЄАІС".into(),
            channel: Some(Channel::Phone),
            requester: Requester {
                kind: Some(RequesterKind::Official),
                name: "Петро Іваненко".into(),
                customs_unit: Some("Київська митниця".into()),
                position: Some("головний інспектор".into()),
                phone: Some("+380441234567".into()),
                ..Requester::default()
            },
            impact: Some(Impact::Medium),
            urgency: Some(Urgency::High),
            group: "eais-l2".into(),
            expected_result: Some("Звіт формується".into()),
            actual_result: Some("Помилка".into()),
            ..NewTicket::default()
        };
        self.app.register_ticket(&self.caller("olga"), new).unwrap().ticket.number
    }
}

fn open(dir: &Path) -> Client {
    Client::open(dir, Options::default()).unwrap()
}

fn ask(n: u32) -> Op {
    Op::RequestInfo {
        question: format!("Запит {n}: надайте знімок екрана з помилкою"),
    }
}

fn no_response() -> Op {
    Op::Reject {
        reason: RejectReason::NoResponse,
        note: "Заявник не відповів на запит у строк".into(),
    }
}

/// The rejection for no response after `requests` requests under `policy`:
/// decided offline by the client; where it refuses, the server refuses the
/// same op on the same ticket with the same code; where it allows, the
/// server applies it once the laptop is back online.
async fn offline_as_on_the_server(policy: &str, allowed_after: u32) {
    let desk = Desk::start(policy).await;
    let number = desk.register();
    let dir = tempfile::tempdir().unwrap();
    let client = open(dir.path());
    client.login(&desk.url, "ana", PASSWORD).await.unwrap();
    assert_eq!(client.ticket(&number).unwrap().view.policy, policy);
    client.act(&number, Op::Take {}).unwrap();
    client.act(&number, ask(1)).unwrap();
    assert_eq!(client.sync_round().await.unwrap().applied, 2, "{policy}");

    // Offline: the profile points at a closed port.
    let session_path = dir.path().join("session.json");
    let saved = std::fs::read_to_string(&session_path).unwrap();
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    std::fs::write(&session_path, saved.replace(&desk.url, &dead)).unwrap();
    drop(client);
    let client = open(dir.path());
    assert_eq!(client.sync_round().await.unwrap_err().code(), "offline");

    let ana = desk.caller("ana");
    for requests in 1..=allowed_after {
        if requests > 1 {
            client.act(&number, ask(requests)).unwrap();
        }
        let offline = client.act(&number, no_response());
        if requests < allowed_after {
            let refused = offline.unwrap_err();
            assert_eq!(refused.code(), "too_few_info_requests", "{policy}, {requests} request(s): {refused:?}");
            // The server, on the same ticket (one request), refuses alike.
            let on_server = desk.app.act(&ana, &number, &no_response(), None).unwrap_err();
            match on_server {
                AppError::Refused(r @ Refusal::TooFewInfoRequests { .. }) => {
                    assert_eq!(r.to_string(), refused.message, "{policy}: the same words on both sides")
                }
                other => panic!("{policy}: the server said {other:?}"),
            }
        } else {
            assert_eq!(offline.unwrap().view.ticket.status, Status::Closed, "{policy}, {requests} request(s)");
        }
    }

    // Back online: what the laptop allowed, the server applies.
    std::fs::write(&session_path, &saved).unwrap();
    drop(client);
    let client = open(dir.path());
    let report = client.sync_round().await.unwrap();
    // The further requests and the rejection: `allowed_after` ops in all.
    assert_eq!((report.applied, report.not_applied), (allowed_after as usize, 0), "{policy}: {report:?}");
    assert!(client.attention_list().unwrap().is_empty());
    let on_server = desk.app.ticket(&ana, &number).unwrap().ticket;
    assert_eq!(on_server.status, Status::Closed, "{policy}");
    assert_eq!(on_server.rejection.unwrap().reason, RejectReason::NoResponse);
    assert_eq!(on_server.info_requests, allowed_after);
}

/// 004 §3.5: one request, then the rejection — allowed offline and applied.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn primorye_offline_rejects_after_one_request_as_the_server_004_s3_5() {
    offline_as_on_the_server("primorye-social", 1).await;
}

/// 002 §7.5(2): refused offline after one request, exactly as the server
/// refuses it; allowed after the second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lenobl_offline_needs_two_requests_as_the_server_002_s7_5_2() {
    offline_as_on_the_server("lenobl-budget", 2).await;
}

/// A policy without the `reject_no_response` timer keeps 002 §7.5(2)'s two,
/// on the laptop and on the server alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_policy_without_the_timer_needs_two_requests_on_both_sides_002_s7_5_2() {
    offline_as_on_the_server("customs-helpdesk", 2).await;
}
