//! Issue 14: search finds the same on SQLite and on PostgreSQL, by the
//! rules of `helpdesk_text` that the replica searches by too. The same
//! demo data (deterministic) on both backends; for Ukrainian and Russian
//! queries, ticket numbers and words of several forms, both backends
//! return the same tickets in the same order and the same articles with
//! the same snippets — exactly those whose text holds every key of the
//! query as a word's prefix, as `helpdesk_text` computes it. Skipped where
//! PostgreSQL is not installed, unless `HELPDESK_REQUIRE_POSTGRES=1`.

mod common;

use chrono::{DateTime, Utc};
use common::postgres::fresh_database;
use helpdesk_domain::ticket::Ticket;
use helpdesk_server::app::auth::Caller;
use helpdesk_server::app::kb::KbQuery;
use helpdesk_server::app::{App, Config};
use helpdesk_server::demo::{self, DemoOptions};
use helpdesk_server::store::search_text::{self, index_form};
use helpdesk_server::store::tickets::{self as ticket_store, ListFilter};
use helpdesk_server::store::{Store, StoreError};
use std::collections::BTreeSet;
use std::sync::Arc;

fn fixed_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T11:20:00+02:00").unwrap().with_timezone(&Utc)
}

/// Queries in Ukrainian and in Russian; pairs of one word's two
/// languages' (or two cases') spellings must find the same.
const QUERIES: &[&str] = &[
    "декларація",
    "декларация",
    "декларації",
    "сертифікат",
    "сертификат",
    "митниці",
    "митницы",
    "помилка підпису",
    "NCTS транзит",
    "ЄАІС",
    "еаис",
    "не відкривається",
    "Інспектор",
];
const SAME: &[(&str, &str)] = &[
    ("декларація", "декларация"),
    ("декларація", "декларації"),
    ("сертифікат", "сертификат"),
    ("митниці", "митницы"),
    ("ЄАІС", "еаис"),
];

fn demo_on(store: Store) -> (App, Caller) {
    let app = App::new(store, Arc::new(fixed_now), Config::default()).unwrap();
    let options = DemoOptions {
        tickets: 250,
        articles: 60,
        seed: 4,
    };
    let (_, report) = demo::generate_with(&app, &options).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let admin = app.caller_of("u-admin").unwrap();
    (app, admin)
}

fn ticket_numbers(app: &App, admin: &Caller, q: &str) -> Vec<String> {
    let filter = ListFilter {
        search: Some(q.into()),
        limit: 1000,
        ..ListFilter::default()
    };
    app.list_tickets(admin, &filter).unwrap().items.into_iter().map(|t| t.number).collect()
}

/// (article id, snippet)
fn articles(app: &App, admin: &Caller, q: &str) -> BTreeSet<(String, Option<String>)> {
    let query = KbQuery {
        q: Some(q.into()),
        limit: 500,
        ..KbQuery::default()
    };
    app.kb_search(admin, query)
        .unwrap()
        .items
        .into_iter()
        .map(|h| (h.article.id, h.snippet))
        .collect()
}

/// Whether an indexed text holds every key as a word's prefix.
fn holds_all(keys: &[String], indexed: &str) -> bool {
    helpdesk_text::matched_keys(keys, indexed) == keys.len()
}

#[test]
fn issue14_the_same_uk_and_ru_searches_find_the_same_tickets_and_articles_on_sqlite_and_postgresql() {
    let Some(url) = fresh_database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (sqlite, sqlite_admin) = demo_on(Store::open(dir.path()).unwrap());
    let (postgres, postgres_admin) = demo_on(Store::connect_with(&url, 4).unwrap());

    // The oracle: every ticket's and article's text in its index form.
    let (tickets, kb) = sqlite
        .store
        .read(|c| {
            let mut tickets: Vec<(String, String)> = Vec::new();
            for id in c.column::<String>("SELECT id FROM tickets", &[])? {
                let (t, _): (Ticket, String) = ticket_store::get(c, &id)?.unwrap();
                let comments: Vec<&str> = t.comments.iter().map(|c| c.text.as_str()).collect();
                let all_comments = comments.join(" ");
                let text = [t.number.as_str(), t.subject.as_str(), t.description.as_str(), all_comments.as_str()]
                    .map(index_form)
                    .join(" ");
                tickets.push((t.number.clone(), text));
            }
            let mut kb: Vec<(String, String)> = Vec::new();
            for doc in c.column::<String>("SELECT doc FROM kb_articles", &[])? {
                let a: helpdesk_protocol::Article = serde_json::from_str(&doc)?;
                let tags = a.tags.join(" ");
                kb.push((a.id.clone(), [a.title.as_str(), a.body.as_str(), tags.as_str()].map(index_form).join(" ")));
            }
            Ok::<_, StoreError>((tickets, kb))
        })
        .unwrap();
    let some_number = tickets[tickets.len() / 2].0.clone();

    let mut found_something = 0;
    for q in QUERIES.iter().copied().chain([some_number.as_str()]) {
        let keys = search_text::keys(q);
        let on_sqlite = ticket_numbers(&sqlite, &sqlite_admin, q);
        assert_eq!(on_sqlite, ticket_numbers(&postgres, &postgres_admin, q), "tickets for «{q}»");
        let expected: BTreeSet<&String> = tickets.iter().filter(|(_, text)| holds_all(&keys, text)).map(|(n, _)| n).collect();
        assert_eq!(on_sqlite.iter().collect::<BTreeSet<_>>(), expected, "tickets for «{q}» (keys {keys:?})");

        let kb_sqlite = articles(&sqlite, &sqlite_admin, q);
        assert_eq!(kb_sqlite, articles(&postgres, &postgres_admin, q), "articles for «{q}»");
        let expected: BTreeSet<&String> = kb.iter().filter(|(_, text)| holds_all(&keys, text)).map(|(id, _)| id).collect();
        assert_eq!(kb_sqlite.iter().map(|(id, _)| id).collect::<BTreeSet<_>>(), expected, "articles for «{q}»");
        assert!(
            kb_sqlite.iter().all(|(_, s)| s.as_deref().is_some_and(|s| s.contains("**"))),
            "a snippet marks what was found"
        );
        if !on_sqlite.is_empty() && !kb_sqlite.is_empty() {
            found_something += 1;
        }
    }
    assert!(found_something >= 5, "the queries find tickets and articles: {found_something}");
    assert!(ticket_numbers(&sqlite, &sqlite_admin, &some_number).contains(&some_number));

    for (a, b) in SAME {
        assert_eq!(
            ticket_numbers(&sqlite, &sqlite_admin, a),
            ticket_numbers(&sqlite, &sqlite_admin, b),
            "«{a}» / «{b}»"
        );
        assert_eq!(
            articles(&postgres, &postgres_admin, a),
            articles(&postgres, &postgres_admin, b),
            "«{a}» / «{b}»"
        );
    }
}

/// Search entries made by an older server's rules are made again, once,
/// when the new server starts (here: entries lost altogether).
#[test]
fn issue14_search_entries_of_another_index_version_are_rebuilt_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let (app, admin) = demo_on(Store::open(dir.path()).unwrap());
    let before: Vec<Vec<String>> = QUERIES.iter().map(|q| ticket_numbers(&app, &admin, q)).collect();
    let kb_before: Vec<_> = QUERIES.iter().map(|q| articles(&app, &admin, q)).collect();
    assert!(before.iter().any(|found| !found.is_empty()));
    app.store
        .write(|tx| {
            tx.batch("DELETE FROM tickets_fts; DELETE FROM kb_fts; UPDATE settings SET value = 'old' WHERE key = 'search.index_version'")?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    assert!(ticket_numbers(&app, &admin, QUERIES[0]).is_empty(), "the entries are gone");
    drop(app);
    let app = App::new(Store::open(dir.path()).unwrap(), Arc::new(fixed_now), Config::default()).unwrap();
    let after: Vec<Vec<String>> = QUERIES.iter().map(|q| ticket_numbers(&app, &admin, q)).collect();
    assert_eq!(after, before);
    assert_eq!(QUERIES.iter().map(|q| articles(&app, &admin, q)).collect::<Vec<_>>(), kb_before);
}
