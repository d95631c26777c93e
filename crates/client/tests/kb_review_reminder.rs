//! The periodic review of knowledge-base articles (003 §5.1.5) on the
//! owner's laptop: a published article its owner wrote that is past its
//! review date rings on their laptop, from the replica alone, once per
//! article and review date (also after a restart); a new review date rings
//! again when it falls due; nobody else's laptop rings. A real server on
//! loopback, real SQLite files on both sides.

use chrono::{Days, Duration, NaiveDate, Utc};
use helpdesk_client::{Client, Language, Notification, NotificationKind, Options};
use helpdesk_domain::kb_review::review_today;
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::Line;
use helpdesk_protocol::{ArticleInput, ArticleStatus, ArticleTransition, ReviewedInput};
use helpdesk_server::app::auth::Caller;
use helpdesk_server::app::{system_clock, App, Config};
use helpdesk_server::store::{users, Store};
use std::sync::Arc;

const PASSWORD: &str = "correct horse battery";

/// Writes an article as `author`, with `review_due`, and publishes it (`approver` approves).
fn published(app: &App, author: &Caller, approver: &Caller, title: &str, review_due: NaiveDate) -> String {
    let input = ArticleInput {
        title: title.into(),
        body: "Перевірте сертифікат ключа і повторіть підписання.".into(),
        category: "ЄАІС".into(),
        tags: vec![],
        language: "uk".into(),
        public: false,
        review_due: Some(review_due),
    };
    let id = app.kb_create(author, input).unwrap().id;
    for (by, to) in [
        (author, ArticleStatus::Review),
        (approver, ArticleStatus::Approved),
        (author, ArticleStatus::Published),
    ] {
        app.kb_transition(by, &id, ArticleTransition { to, comment: None }).unwrap();
    }
    id
}

/// The review reminders among what is due at `at`, as (article id, days overdue).
fn reminders(client: &Client, at: chrono::DateTime<Utc>) -> Vec<(String, String)> {
    let due: Vec<Notification> = client.due_notifications(at).unwrap();
    due.into_iter()
        .filter(|n| n.kind == NotificationKind::KbReviewDue)
        .map(|n| (n.ticket_id.clone(), n.body_args["days"].clone()))
        .collect()
}

async fn laptop(url: &str, username: &str, dir: &std::path::Path) -> Client {
    let client = Client::open(dir, Options::default()).unwrap();
    client.login(url, username, PASSWORD).await.unwrap();
    client.sync_round().await.unwrap();
    client
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn c003_s5_1_5_the_owner_is_reminded_once_per_article_and_review_date() {
    let dir = tempfile::tempdir().unwrap();
    let app = Arc::new(App::new(Store::open(dir.path()).unwrap(), system_clock(), Config::default()).unwrap());
    app.store.write(|tx| users::insert_group(tx, "cc-l1", "Контакт-центр", Line::L1)).unwrap();
    let editor = Permissions {
        kb_editor: true,
        ..Permissions::default()
    };
    for (username, permissions) in [("olena", editor), ("petro", editor), ("ivan", Permissions::default())] {
        let user = app.create_user(username, username, PASSWORD, Role::Analyst, permissions).unwrap();
        app.store.write(|tx| users::add_member(tx, "cc-l1", &user.id)).unwrap();
    }
    let caller = |username: &str| app.authenticate(&app.login(username, PASSWORD, "").unwrap().token).unwrap();
    let (olena, petro) = (caller("olena"), caller("petro"));
    let today = review_today(Utc::now());
    let overdue = published(&app, &olena, &petro, "Помилка підпису митної декларації", today - Days::new(10));
    let later = published(&app, &olena, &petro, "Не відкривається модуль NCTS", today + Days::new(30));
    let petros = published(&app, &petro, &olena, "Зміна пароля в ЄАІС", today - Days::new(3));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let router = helpdesk_server::http::router(app.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    let profiles: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let olenas = laptop(&url, "olena", profiles[0].path()).await;
    let petros_laptop = laptop(&url, "petro", profiles[1].path()).await;
    let ivans = laptop(&url, "ivan", profiles[2].path()).await;
    let now = Utc::now();

    let first = olenas.due_notifications(now).unwrap();
    let mine: Vec<&Notification> = first.iter().filter(|n| n.kind == NotificationKind::KbReviewDue).collect();
    assert_eq!(mine.len(), 1, "only her overdue article: {first:?}");
    assert_eq!((mine[0].ticket_id.as_str(), mine[0].body_args["days"].as_str()), (overdue.as_str(), "10"));
    let text = helpdesk_client::render(mine[0], Language::Uk);
    assert_eq!(text.title, "Час переглянути вашу статтю бази знань");
    assert!(text.body.starts_with("Помилка підпису митної декларації\n"), "{}", text.body);
    assert!(text.body.ends_with("прострочено на 10 днів"), "{}", text.body);
    assert!(reminders(&olenas, now).is_empty(), "once per article and date");
    assert_eq!(reminders(&petros_laptop, now), vec![(petros.clone(), "3".to_string())], "each owner their own");
    assert!(reminders(&ivans, now + Duration::days(60)).is_empty(), "not the owner of any article");

    // Reviewed: the date moves five days on. The laptop, restarted before
    // it syncs, still has the old date, which already rang.
    let next = today + Days::new(5);
    let reviewed = ReviewedInput {
        next_review: Some(next),
        comment: None,
    };
    app.kb_reviewed(&olena, &overdue, reviewed).unwrap();
    drop(olenas);
    let olenas = Client::open(profiles[0].path(), Options::default()).unwrap();
    assert!(olenas.session().unwrap().me.is_some(), "still signed in after the restart");
    assert!(reminders(&olenas, now).is_empty(), "the ledger survives a restart");
    olenas.sync_round().await.unwrap();
    assert!(reminders(&olenas, now).is_empty(), "the new date is not due yet");
    // A week on, the new date is two days past; the other article (30 days) is not due.
    assert_eq!(reminders(&olenas, now + Duration::days(7)), vec![(overdue.clone(), "2".to_string())]);
    assert!(reminders(&olenas, now + Duration::days(8)).is_empty());
    assert_eq!(reminders(&olenas, now + Duration::days(40)), vec![(later, "10".to_string())]);
}
