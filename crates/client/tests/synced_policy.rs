//! A deployment's own SLA policy reaches the analyst's laptop: an
//! administrator imports a policy the client has no preset for (its own
//! holidays and hours), a routing rule puts a ticket under it, the
//! analyst's client syncs, and the deadlines it counts offline are the
//! server's — not those of the built-in fallback. An edit of the policy
//! reaches the client with the next round that pulls a change, replacing
//! what it had compiled. Real server on loopback, real SQLite files.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Kyiv;
use helpdesk_client::{Client, Options};
use helpdesk_domain::policy::Policy;
use helpdesk_domain::sla::{evaluate_ticket, SlaReport};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::Line;
use helpdesk_server::app::{system_clock, App, Config};
use helpdesk_server::store::{tickets, users, Store};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

const PASSWORD: &str = "correct horse battery";
const CUSTOM: &str = "customs-2027";

struct Server {
    url: String,
    app: Arc<App>,
    _dir: tempfile::TempDir,
}

async fn server() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(Store::open(dir.path()).unwrap(), system_clock(), Config::default()).unwrap();
    app.store
        .write(|tx| users::insert_group(tx, "eais-l2", "Технічний адміністратор ЄАІС", Line::L2))
        .unwrap();
    for (username, role) in [("admin", Role::Administrator), ("ana", Role::Analyst)] {
        let user = app
            .create_user(username, &format!("{username} (test)"), PASSWORD, role, Permissions::default())
            .unwrap();
        if role == Role::Analyst {
            app.store.write(|tx| users::add_member(tx, "eais-l2", &user.id)).unwrap();
        }
    }
    let app = Arc::new(app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let router = helpdesk_server::http::router(app.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Server { url, app, _dir: dir }
}

/// Signed in over HTTP: (client, token).
async fn sign_in(server: &Server, username: &str) -> (reqwest::Client, String) {
    let http = reqwest::Client::new();
    let login: Value = http
        .post(format!("{}/api/v1/auth/login", server.url))
        .json(&json!({"username": username, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (http, login["token"].as_str().unwrap().to_string())
}

/// The policy as an administrator writes it: every day 08:00–20:00 Kyiv
/// time, `holidays` off, reaction within `reaction`.
fn custom_policy(holidays: &[NaiveDate], reaction: &str) -> String {
    let holidays: Vec<String> = holidays.iter().map(|d| format!("\"{d}\"")).collect();
    let mut text = format!(
        "id = \"{CUSTOM}\"\nname = \"Держмитслужба — HELP DESK 2027\"\n\n[calendar]\ntime_zone = \"Europe/Kyiv\"\nholidays = [{}]\n\n[calendar.week]\n",
        holidays.join(", ")
    );
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        text.push_str(&format!("{day} = [\"08:00-20:00\"]\n"));
    }
    text.push_str(&format!(
        r#"
[[metrics]]
name = "reaction"
start = "registered"
stop = ["taken", "resolved", "closed"]
targets = [{{ target = "{reaction}" }}]

[[metrics]]
name = "resolution"
start = "registered"
targets = [{{ target = "2 working days" }}]
"#
    ));
    text
}

async fn put_policy(server: &Server, text: &str) {
    let (http, token) = sign_in(server, "admin").await;
    let response = http
        .put(format!("{}/api/v1/admin/policies/{CUSTOM}", server.url))
        .bearer_auth(token)
        .header("content-type", "application/toml")
        .body(text.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert!(status.is_success(), "{status}: {}", response.text().await.unwrap());
}

/// An EAIS incident registered over HTTP by the analyst, routed by the
/// rules (no group given); returns (number, policy).
async fn register_ticket(server: &Server) -> (String, String) {
    let (http, token) = sign_in(server, "ana").await;
    let response = http
        .post(format!("{}/api/v1/tickets", server.url))
        .bearer_auth(token)
        .json(&json!({
            "type": "incident",
            "subject": "Не відкривається митна декларація в ЄАІС",
            "description": "Під час відкриття МД з'являється помилка 500",
            "service": "ЄАІС",
            "channel": "phone",
            "requester": {"kind": "official", "name": "Петро Іваненко", "customs_unit": "Київська митниця", "position": "головний інспектор", "phone": "+380441234567"},
            "impact": "medium",
            "urgency": "high",
            "group": "",
            "expected_result": "МД відкривається",
            "actual_result": "Помилка 500"
        }))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    assert_eq!(body["ticket"]["group"], "eais-l2", "routed: {body}");
    (
        body["ticket"]["number"].as_str().unwrap().to_string(),
        body["policy"].as_str().unwrap().to_string(),
    )
}

/// The server's own evaluation of the ticket at `now`.
fn server_sla(server: &Server, number: &str, now: DateTime<Utc>) -> SlaReport {
    let (ticket, policy) = server.app.store.read(|c| tickets::get(c, number)).unwrap().unwrap();
    let events = server.app.store.read(|c| tickets::events(c, &ticket.id)).unwrap();
    evaluate_ticket(&server.app.policy(&policy).unwrap(), &ticket, &events, now).unwrap()
}

fn dues(report: &SlaReport) -> BTreeMap<String, Option<DateTime<Utc>>> {
    report.metrics.iter().map(|m| (m.name.clone(), m.due)).collect()
}

/// 08:00 Kyiv time on `day`, plus `minutes`.
fn kyiv(day: NaiveDate, minutes: i64) -> DateTime<Utc> {
    Kyiv.from_local_datetime(&day.and_hms_opt(8, 0, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc)
        + Duration::minutes(minutes)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_client_counts_with_the_deployments_own_policy() {
    let server = server().await;
    // Today and tomorrow are holidays (in Kyiv): the clock starts the day
    // after tomorrow at 08:00, whenever the test runs.
    let today = Utc::now().with_timezone(&Kyiv).date_naive();
    let holidays = [today, today.succ_opt().unwrap()];
    let first_working_day = today + Duration::days(2);
    put_policy(&server, &custom_policy(&holidays, "30 working minutes")).await;
    let (http, token) = sign_in(&server, "admin").await;
    let response = http
        .post(format!("{}/api/v1/admin/routing-rules", server.url))
        .bearer_auth(token)
        .json(&json!({"service": "ЄАІС", "group_id": "eais-l2", "policy": CUSTOM}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.text().await.unwrap());
    let (number, policy) = register_ticket(&server).await;
    assert_eq!(policy, CUSTOM);

    // The analyst's laptop syncs: ticket and policies.
    let laptop = tempfile::tempdir().unwrap();
    let client = Client::open(laptop.path(), Options::default()).unwrap();
    client.login(&server.url, "ana", PASSWORD).await.unwrap();
    let detail = client.ticket(&number).unwrap();
    assert_eq!(detail.view.policy, CUSTOM);
    assert_eq!(detail.time_zone, "Europe/Kyiv");
    let sla = detail.sla.expect("the client evaluates the custom policy");
    let reaction = sla.metrics.iter().find(|m| m.name == "reaction").unwrap();
    assert_eq!(reaction.due, Some(kyiv(first_working_day, 30)), "{sla:?}");
    assert_eq!(reaction.target.as_deref(), Some("30 working minutes"));
    // The same as the server computes…
    assert_eq!(dues(&sla), dues(&server_sla(&server, &number, Utc::now())));
    // …and not what the built-in fallback (24×7, no holidays) would say.
    let fallback = Policy::preset("customs-helpdesk").unwrap().compile(&[], &[]).unwrap();
    let fallback = evaluate_ticket(&fallback, &detail.view.ticket, &detail.view.events, Utc::now()).unwrap();
    assert_ne!(dues(&sla), dues(&fallback));
    assert!(fallback.metrics[0].due.unwrap() < kyiv(first_working_day, 0), "{fallback:?}");
    // The queues count the same way (from the ticket's digest).
    let item = client.queue("group").unwrap().into_iter().find(|i| i.number == number).unwrap();
    assert_eq!(item.time_zone, "Europe/Kyiv");
    // The row shows the running reaction clock (the earliest deadline), due as the ticket says.
    let headline = item.headline.expect("a clock on the row");
    assert_eq!(headline.name, "reaction");
    assert_eq!(Some(headline.due), dues(&sla).get("reaction").copied());

    // The administrator gives more time; a round that pulls a change brings
    // the edit, and the client stops using what it had compiled.
    put_policy(&server, &custom_policy(&holidays, "90 working minutes")).await;
    register_ticket(&server).await;
    let report = client.sync_round().await.unwrap();
    assert!(report.changes > 0, "{report:?}");
    let sla = client.ticket(&number).unwrap().sla.unwrap();
    let reaction = sla.metrics.iter().find(|m| m.name == "reaction").unwrap();
    assert_eq!(reaction.due, Some(kyiv(first_working_day, 90)), "{sla:?}");
    assert_eq!(dues(&sla), dues(&server_sla(&server, &number, Utc::now())));
    let item = client.queue("group").unwrap().into_iter().find(|i| i.number == number).unwrap();
    assert_eq!(item.headline.unwrap().due, Some(kyiv(first_working_day, 90)));

    // Offline, after a restart, the profile still counts with it.
    drop(client);
    drop(server);
    let client = Client::open(laptop.path(), Options::default()).unwrap();
    let sla = client.ticket(&number).unwrap().sla.unwrap();
    assert_eq!(
        sla.metrics.iter().find(|m| m.name == "reaction").unwrap().due,
        Some(kyiv(first_working_day, 90))
    );
}
