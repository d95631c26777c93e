//! The demo dataset: deterministic, not duplicated, realistic enough for
//! every view of the desktop app, and driven through the real workflow.

use chrono::{DateTime, Utc};
use helpdesk_domain::sla::{evaluate_ticket, ClockState};
use helpdesk_domain::{Priority, Status, TicketType};
use helpdesk_server::app::{App, Config};
use helpdesk_server::demo::{self, DemoOptions};
use helpdesk_server::store::tickets::ListFilter;
use helpdesk_server::store::{tickets as ticket_store, Store, StoreError};
use std::collections::BTreeSet;
use std::sync::Arc;

fn fixed_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T11:20:00+02:00").unwrap().with_timezone(&Utc)
}

fn app_in(dir: &std::path::Path, now: DateTime<Utc>) -> App {
    let store = Store::open(dir).unwrap();
    App::new(store, Arc::new(move || now), Config::default()).unwrap()
}

fn rows(app: &App) -> Vec<(String, String, String, String)> {
    app.store
        .read(|c| {
            c.query(
                "SELECT number, json_extract(doc, '$.subject'), status, ticket_type FROM tickets ORDER BY number",
                &[],
            )?
            .iter()
            .map(|r| Ok::<_, StoreError>((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .collect::<Result<Vec<_>, _>>()
        })
        .unwrap()
}

fn count(app: &App, sql: &str) -> i64 {
    app.store.read(|c| c.scalar(sql, &[])).unwrap()
}

#[test]
fn same_seed_same_data_and_no_refused_ops() {
    let (a, b, c) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let options = DemoOptions {
        tickets: 400,
        articles: 60,
        seed: 7,
    };
    let app_a = app_in(a.path(), fixed_now());
    let app_b = app_in(b.path(), fixed_now());
    let (accounts, report) = demo::generate_with(&app_a, &options).unwrap();
    assert!(report.generated);
    assert!(report.refused.is_empty(), "the workflow refused demo ops: {:#?}", report.refused);
    assert_eq!(report.tickets, 400);
    assert_eq!(report.articles, 60);
    assert!(report.comments >= 400 * 3, "about five comments a ticket: {}", report.comments);
    demo::generate_with(&app_b, &options).unwrap();
    let (ra, rb) = (rows(&app_a), rows(&app_b));
    assert_eq!(ra.len(), 400);
    assert_eq!(ra, rb, "same seed and clock → same tickets");
    let docs = |app: &App| -> Vec<String> { app.store.read(|c| c.column::<String>("SELECT doc FROM tickets ORDER BY number", &[])).unwrap() };
    assert_eq!(docs(&app_a), docs(&app_b), "same seed and clock → identical documents");
    assert_eq!(accounts, demo::accounts());

    let app_c = app_in(c.path(), fixed_now());
    demo::generate_with(&app_c, &DemoOptions { seed: 8, ..options.clone() }).unwrap();
    assert_ne!(rows(&app_c), ra, "another seed → other data");
}

#[test]
fn a_second_run_does_not_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path(), fixed_now());
    let first = demo::generate(&app, 120, 1).unwrap();
    let before = (
        count(&app, "SELECT count(*) FROM tickets"),
        count(&app, "SELECT count(*) FROM users"),
        count(&app, "SELECT count(*) FROM kb_articles"),
        count(&app, "SELECT count(*) FROM changes"),
    );
    let (second, report) = demo::generate_with(
        &app,
        &DemoOptions {
            tickets: 120,
            articles: 40,
            seed: 1,
        },
    )
    .unwrap();
    assert!(!report.generated);
    assert_eq!(first, second, "the accounts are listed again");
    let after = (
        count(&app, "SELECT count(*) FROM tickets"),
        count(&app, "SELECT count(*) FROM users"),
        count(&app, "SELECT count(*) FROM kb_articles"),
        count(&app, "SELECT count(*) FROM changes"),
    );
    assert_eq!(before, after);
    // And after a restart on the same directory.
    drop(app);
    let app = app_in(dir.path(), fixed_now());
    assert_eq!(demo::generate(&app, 500, 2).unwrap(), first);
    assert_eq!(count(&app, "SELECT count(*) FROM tickets"), before.0);
}

#[test]
fn every_type_status_and_priority_is_present_and_accounts_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path(), fixed_now());
    let accounts = demo::generate(&app, 300, 1).unwrap();
    let types: BTreeSet<String> = rows(&app).into_iter().map(|r| r.3).collect();
    for t in TicketType::ALL {
        assert!(types.contains(t.as_str()), "no {t} ticket");
    }
    let statuses: BTreeSet<String> = rows(&app).into_iter().map(|r| r.2).collect();
    for s in Status::ALL {
        assert!(statuses.contains(s.as_str()), "no {s} ticket");
    }
    for p in 1..=5 {
        assert!(
            count(&app, &format!("SELECT count(*) FROM tickets WHERE priority = {p}")) > 0,
            "no priority {p}"
        );
    }
    for kind in [
        "comment_added",
        "info_requested",
        "escalated",
        "reopened",
        "rejected",
        "postponed",
        "co_executor_added",
        "kb_linked",
    ] {
        assert!(
            count(&app, &format!("SELECT count(*) FROM ticket_events WHERE kind = '{kind}'")) > 0,
            "no {kind} event"
        );
    }
    assert!(count(&app, "SELECT count(*) FROM tickets WHERE json_extract(doc, '$.requester.edrpou') IS NOT NULL") > 0);
    assert!(
        count(
            &app,
            "SELECT count(*) FROM tickets WHERE json_extract(doc, '$.requester.customs_unit') IS NOT NULL"
        ) > 0
    );
    assert!(count(&app, "SELECT count(*) FROM tickets WHERE policy = 'ncts-transit'") > 0);
    assert!(
        count(&app, "SELECT count(*) FROM kb_articles WHERE status = 'published'") > count(&app, "SELECT count(*) FROM kb_articles WHERE status = 'draft'")
    );
    assert!(count(&app, "SELECT count(*) FROM kb_articles WHERE status = 'draft'") > 0);
    assert_eq!(count(&app, "SELECT count(*) FROM kb_fts"), count(&app, "SELECT count(*) FROM kb_articles"));
    assert!(count(&app, "SELECT count(*) FROM changes WHERE bucket = 'kb:public'") > 0);
    assert!(count(&app, "SELECT count(*) FROM routing_rules") >= 2);
    // History is spread over weeks, and nothing lies in the future.
    let now = fixed_now().timestamp_millis();
    assert!(count(&app, &format!("SELECT count(*) FROM ticket_events WHERE at > {now}")) == 0);
    assert!(count(&app, &format!("SELECT count(*) FROM tickets WHERE registered_at < {}", now - 21 * 86_400_000)) > 0);
    for a in &accounts {
        assert!(a.password.chars().count() >= 8);
        app.login(&a.username, &a.password, "")
            .unwrap_or_else(|e| panic!("{} cannot sign in: {e}", a.username));
    }
    let _ = Priority::new(1);
}

#[test]
fn the_demo_analyst_has_a_full_queue() {
    let dir = tempfile::tempdir().unwrap();
    // The queue is relative to the time of generation; use the real clock.
    let store = Store::open(dir.path()).unwrap();
    let app = App::new(store, helpdesk_server::app::system_clock(), Config::default()).unwrap();
    demo::generate(&app, 150, 1).unwrap();
    let login = app.login("analyst", "analyst-demo-1", "").unwrap();
    let me = app.authenticate(&login.token).unwrap();
    let my_id = me.me.id.clone();
    let list = |filter: ListFilter| app.list_tickets(&me, &filter).unwrap();

    let mine = list(ListFilter {
        owner: Some(my_id.clone()),
        status: vec![Status::InProgress],
        ..ListFilter::default()
    });
    assert!(mine.total >= 5, "mine in progress: {}", mine.total);
    let unassigned = list(ListFilter {
        group: Some("eais-l2".into()),
        unassigned: true,
        status: vec![Status::New],
        ..ListFilter::default()
    });
    assert!(unassigned.total >= 4, "group unassigned: {}", unassigned.total);
    let awaiting = list(ListFilter {
        owner: Some(my_id.clone()),
        status: vec![Status::AwaitingInfo],
        ..ListFilter::default()
    });
    assert!(awaiting.total >= 2, "awaiting the requester: {}", awaiting.total);
    for status in [Status::Postponed, Status::Resolved] {
        let l = list(ListFilter {
            owner: Some(my_id.clone()),
            status: vec![status],
            ..ListFilter::default()
        });
        assert!(l.total >= 1, "mine {status}: {}", l.total);
    }

    // Some of the analyst's tickets are near their deadline now, not yet breached.
    let now = app.now();
    let mut near = 0;
    for item in &mine.items {
        let (ticket, policy) = app.store.read(|c| ticket_store::get(c, &item.id)).unwrap().unwrap();
        let events = app.store.read(|c| ticket_store::events(c, &item.id)).unwrap();
        let sla = evaluate_ticket(&app.policy(&policy).unwrap(), &ticket, &events, now).unwrap();
        if sla
            .metrics
            .iter()
            .any(|m| m.state == ClockState::Running && m.warnings.iter().any(|w| w.reached && w.threshold < 1.0))
        {
            near += 1;
        }
    }
    assert!(near >= 2, "tickets near their deadline: {near}");

    // The demo requester sees their own tickets, among them one to answer and one to confirm.
    let login = app.login("requester", "requester-demo-1", "").unwrap();
    let requester = app.authenticate(&login.token).unwrap();
    let own = app.list_tickets(&requester, &ListFilter::default()).unwrap();
    let statuses: BTreeSet<Status> = own.items.iter().map(|t| t.status).collect();
    assert!(statuses.contains(&Status::AwaitingInfo) && statuses.contains(&Status::Resolved), "{statuses:?}");

    // The time-based work finds plenty to warn about, and nothing to break.
    let report = helpdesk_server::jobs::run_once(&app, now).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(!report.warnings.is_empty());
    let again = helpdesk_server::jobs::run_once(&app, now).unwrap();
    assert!(
        again.warnings.is_empty() && again.auto_closed.is_empty() && again.rejected.is_empty(),
        "{again:?}"
    );
}

#[test]
/// 2,000 tickets through the app layer, none refused. Its time is printed
/// here and measured by `cargo bench -p helpdesk-server --bench sync_bench`.
fn two_thousand_tickets_are_generated_with_nothing_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path(), fixed_now());
    let started = std::time::Instant::now();
    let (_, report) = demo::generate_with(
        &app,
        &DemoOptions {
            tickets: 2000,
            articles: 400,
            seed: 3,
        },
    )
    .unwrap();
    let elapsed = started.elapsed();
    eprintln!(
        "demo data: {} tickets, {} comments, {} events, {} articles in {elapsed:?} (debug build)",
        report.tickets, report.comments, report.events, report.articles
    );
    assert!(report.refused.is_empty(), "{:#?}", report.refused);
    assert_eq!(report.tickets, 2000);
}

/// A resolved demo ticket reads as one case: its resolution is the kind a
/// ticket of its type gets (a change request is implemented, a
/// consultation answered), the same resolution text never closes tickets
/// about different services, and a linked KB article is about the
/// ticket's service.
#[test]
fn resolutions_and_kb_links_fit_the_ticket() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path(), fixed_now());
    demo::generate_with(
        &app,
        &DemoOptions {
            tickets: 400,
            articles: 60,
            seed: 7,
        },
    )
    .unwrap();
    let resolved: Vec<(String, String, String, String, String, String)> = app
        .store
        .read(|c| {
            c.query(
                "SELECT number, ticket_type, json_extract(doc, '$.service'), json_extract(doc, '$.resolution.code'),
                        json_extract(doc, '$.resolution.text'), json_extract(doc, '$.kb_links')
                 FROM tickets WHERE json_extract(doc, '$.resolution') IS NOT NULL ORDER BY number",
                &[],
            )?
            .iter()
            .map(|r| Ok::<_, StoreError>((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .collect::<Result<Vec<_>, _>>()
        })
        .unwrap();
    assert!(resolved.len() > 100, "a realistic share resolved: {}", resolved.len());
    let categories: std::collections::HashMap<String, String> = app
        .store
        .read(|c| {
            c.query("SELECT id, json_extract(doc, '$.category') FROM kb_articles", &[])?
                .iter()
                .map(|r| Ok::<_, StoreError>((r.get(0)?, r.get(1)?)))
                .collect::<Result<_, _>>()
        })
        .unwrap();
    let mut services_of_text: std::collections::HashMap<&str, BTreeSet<&str>> = Default::default();
    let mut linked = 0;
    for (number, ticket_type, service, code, text, kb_links) in &resolved {
        let expected: &[&str] = match ticket_type.as_str() {
            "change_request" => &["implemented"],
            "consultation" => &["consulted"],
            _ => &[
                "fixed",
                "configuration",
                "access_granted",
                "software_updated",
                "vendor_fix",
                "user_error",
                "no_fault_found",
            ],
        };
        assert!(
            expected.contains(&code.as_str()),
            "{number} ({ticket_type}, {service}) resolved as {code}: {text}"
        );
        if ticket_type != "consultation" {
            services_of_text.entry(text).or_default().insert(service);
        }
        for article in serde_json::from_str::<Vec<String>>(kb_links).unwrap() {
            linked += 1;
            assert_eq!(categories.get(&article), Some(service), "{number} about {service} links the article {article}");
        }
    }
    for (text, services) in &services_of_text {
        assert_eq!(services.len(), 1, "«{text}» resolves tickets about {services:?}");
    }
    assert!(linked > 20, "resolutions cite the KB: {linked} links");
}
