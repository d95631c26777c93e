//! The editors' knowledge-base work and the group report through the
//! client, against a real server on loopback (003 §1.5.10, §4.16, §5.1;
//! 000 §13.6): refusals keep their codes, a published article's edit is a
//! revision, the review list, the KPI series and its CSV saved to a file,
//! and a clear `offline` when the server is gone.

use helpdesk_client::kb_review::KbEdit;
use helpdesk_client::reports::ReportRequest;
use helpdesk_client::{Client, Options};
use helpdesk_domain::kpi::ReportPeriod;
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::Line;
use helpdesk_protocol::{ArticleInput, ArticleStatus};
use helpdesk_server::app::{system_clock, App, Config};
use helpdesk_server::store::{users, Store};
use std::sync::Arc;

const PASSWORD: &str = "correct-horse-battery-1";

/// A server on loopback with a KB editor (`nina`), an administrator and a
/// group lead (`lead`, eais-l2); stops when the sender is dropped.
fn start_server() -> (String, tokio::sync::oneshot::Sender<()>) {
    let (url_tx, url_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let dir = tempfile::tempdir().unwrap();
        let app = App::new(Store::open(dir.path()).unwrap(), system_clock(), Config::default()).unwrap();
        app.store.write(|tx| users::insert_group(tx, "eais-l2", "Супровід ЄАІС", Line::L2)).unwrap();
        for (name, role, lead, editor) in [
            ("nina", Role::Analyst, false, true),
            ("admin", Role::Administrator, false, false),
            ("lead", Role::Analyst, true, false),
        ] {
            let user = app
                .create_user(
                    name,
                    &format!("{name} (test)"),
                    PASSWORD,
                    role,
                    Permissions {
                        group_lead: lead,
                        kb_editor: editor,
                    },
                )
                .unwrap();
            if role == Role::Analyst {
                app.store.write(|tx| users::add_member(tx, "eais-l2", &user.id)).unwrap();
            }
        }
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            url_tx.send(format!("http://{}", listener.local_addr().unwrap())).unwrap();
            let router = helpdesk_server::http::router(Arc::new(app)).into_make_service_with_connect_info::<std::net::SocketAddr>();
            axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stop_rx.await;
                })
                .await
                .unwrap();
        });
        drop(dir);
    });
    (url_rx.recv().unwrap(), stop_tx)
}

async fn signed_in(server: &str, user: &str, dir: &tempfile::TempDir) -> Client {
    let client = Client::open(dir.path(), Options::default()).unwrap();
    client.login(server, user, PASSWORD).await.unwrap();
    client
}

fn input(body: &str) -> ArticleInput {
    ArticleInput {
        title: "Помилка 500 при відкритті МД".into(),
        body: body.into(),
        category: "ЄАІС".into(),
        tags: vec!["декларація".into()],
        language: "uk".into(),
        public: false,
        review_due: Some("2027-05-01".parse().unwrap()),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn c003_s4_16_editors_work_through_the_client_and_leads_export_the_report() {
    let (server, stop) = start_server();
    let (d1, d2, d3, out) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let nina = signed_in(&server, "nina", &d1).await;
    let admin = signed_in(&server, "admin", &d2).await;
    let lead = signed_in(&server, "lead", &d3).await;

    let draft = nina.kb_create(&input("Очистіть кеш.")).await.unwrap();
    assert_eq!(draft.status, ArticleStatus::Draft);
    nina.kb_move(&draft.id, ArticleStatus::Review, None).await.unwrap();
    let refused = nina.kb_move(&draft.id, ArticleStatus::Approved, None).await.unwrap_err();
    assert_eq!(refused.code(), "kb.own_approval", "{refused:?}");
    admin
        .kb_move(&draft.id, ArticleStatus::Approved, Some("Погоджено робочою групою".into()))
        .await
        .unwrap();
    let published = nina.kb_move(&draft.id, ArticleStatus::Published, None).await.unwrap();
    assert_eq!(published.version, 4);

    let edit = nina.kb_edit(&draft.id, &input("Очистіть кеш і cookies."), Some(4)).await.unwrap();
    let KbEdit::Revision(revision) = edit else {
        panic!("a published article's edit is a revision: {edit:?}")
    };
    assert_eq!((revision.status, revision.base_version), (ArticleStatus::Draft, 4));
    assert_eq!(nina.kb_fetch(&draft.id).await.unwrap().body, "Очистіть кеш.", "the published text stays");
    let view = nina.kb_revision(&draft.id).await.unwrap().unwrap();
    assert_eq!(view.revision, revision);
    assert_eq!(
        view.moves,
        vec![ArticleStatus::Review, ArticleStatus::Archived],
        "the domain's moves from draft"
    );
    let stale = nina.kb_edit(&draft.id, &input("x"), Some(3)).await.unwrap_err();
    assert_eq!(stale.code(), "kb.conflict");
    assert!(nina.kb_review_due(true).await.unwrap().is_empty());
    let usage = nina.kb_usage(&draft.id).await.unwrap();
    assert_eq!((usage.views, usage.tickets), (1, 0), "{usage:?}");
    let comments = nina.kb_comments(&draft.id).await.unwrap();
    assert_eq!(comments[0].text, "Погоджено робочою групою");
    let list = nina.kb_editorial_list(&[ArticleStatus::Published], Some("кеш")).await.unwrap();
    assert_eq!(list.iter().map(|i| i.article.id.as_str()).collect::<Vec<_>>(), vec![draft.id.as_str()]);
    assert_eq!(list[0].moves, vec![ArticleStatus::Archived]);
    nina.kb_revision_move(&draft.id, ArticleStatus::Review, None).await.unwrap();
    let in_review = nina.kb_revision(&draft.id).await.unwrap().unwrap();
    assert_eq!(
        in_review.moves,
        vec![ArticleStatus::Draft, ArticleStatus::Archived],
        "not `approved`: nina wrote it (003 §1.5.10)"
    );
    let for_admin = admin.kb_revision(&draft.id).await.unwrap().unwrap();
    assert!(for_admin.moves.contains(&ArticleStatus::Approved));

    let request = ReportRequest {
        from: None,
        to: None,
        period: ReportPeriod::Week,
        group: Some("eais-l2".into()),
    };
    let series = lead.kpi_series(&request).await.unwrap();
    assert_eq!(series.groups, vec!["eais-l2".to_string()]);
    assert!(series.periods.len() >= 12, "12 weeks by default: {}", series.periods.len());
    let file = lead.kpi_export_csv(&request, Some(out.path())).await.unwrap();
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(csv.starts_with("\u{feff}period_from,period_to,group,tickets"), "{csv}");
    assert!(file.file_name().unwrap().to_str().unwrap().starts_with("helpdesk-kpi-eais-l2-week"));
    let bad = lead
        .kpi_series(&ReportRequest {
            from: Some("2026-05-02".parse().unwrap()),
            to: Some("2026-05-01".parse().unwrap()),
            ..request.clone()
        })
        .await
        .unwrap_err();
    assert_eq!(bad.code(), "invalid_input");

    drop(stop);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let offline = nina.kb_create(&input("Без мережі")).await.unwrap_err();
    assert_eq!(offline.code(), "offline", "{offline:?}");
    assert!(offline.to_string().contains("try again"), "{offline}");
    assert_eq!(lead.kpi_series(&request).await.unwrap_err().code(), "offline");
}

/// An op on a ticket over HTTP, as `token`.
async fn op(http: &reqwest::Client, server: &str, token: &str, number: &str, op: serde_json::Value) {
    let response = http
        .post(format!("{server}/api/v1/tickets/{number}/ops"))
        .bearer_auth(token)
        .json(&serde_json::json!({ "op": op }))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.text().await.unwrap());
}

#[tokio::test(flavor = "multi_thread")]
async fn c000_s13_6_the_dashboard_and_the_server_report_count_one_mttr() {
    let (server, _stop) = start_server();
    let http = reqwest::Client::new();
    let login: serde_json::Value = http
        .post(format!("{server}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "lead", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap();
    // Received by phone five hours before it was registered.
    let received = chrono::Utc::now() - chrono::Duration::hours(5);
    let registered: serde_json::Value = http
        .post(format!("{server}/api/v1/tickets"))
        .bearer_auth(token)
        .json(&serde_json::json!({
            "type": "incident",
            "subject": "Не відкривається митна декларація в ЄАІС",
            "description": "Помилка 500",
            "service": "ЄАІС",
            "channel": "phone",
            "requester": {"kind": "official", "name": "Петро Іваненко", "customs_unit": "Київська митниця", "position": "інспектор", "phone": "+380441234567"},
            "impact": "medium",
            "urgency": "high",
            "group": "eais-l2",
            "expected_result": "МД відкривається",
            "actual_result": "Помилка 500",
            "received_at": received.to_rfc3339()
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let number = registered["ticket"]["number"].as_str().unwrap_or_else(|| panic!("{registered}")).to_string();
    op(&http, &server, token, &number, serde_json::json!({"op": "take"})).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    op(
        &http,
        &server,
        token,
        &number,
        serde_json::json!({"op": "resolve", "code": "fixed", "text": "Кеш очищено"}),
    )
    .await;

    let dir = tempfile::tempdir().unwrap();
    let lead = signed_in(&server, "lead", &dir).await;
    lead.sync_round().await.unwrap();
    let dashboard = lead.dashboard().unwrap();
    let desktop_hours = dashboard.groups_total.mttr_hours.expect("one ticket resolved");
    let request = ReportRequest {
        from: None,
        to: None,
        period: ReportPeriod::Day,
        group: Some("eais-l2".into()),
    };
    let report = lead.kpi_series(&request).await.unwrap();
    let server_seconds = report.overall.total.mttr_seconds.expect("one ticket resolved");
    assert!(server_seconds < 60.0, "registration → resolution, not receipt → resolution: {server_seconds} s");
    assert!(
        (desktop_hours * 3600.0 - server_seconds).abs() < 1.0,
        "desktop {desktop_hours} h, server {server_seconds} s"
    );
}
