//! `helpdesk-server migrate --from DATA_DIR --database-url URL`: a SQLite
//! deployment with demo data moved into a new PostgreSQL database, verified
//! by counts and checksums, and then served the same from PostgreSQL
//! (issue 14, "Done when"). Skipped where PostgreSQL is not installed,
//! unless `HELPDESK_REQUIRE_POSTGRES=1`.

mod common;

use common::postgres::fresh_database;
use helpdesk_server::app::{App, Config};
use helpdesk_server::store::tickets::{self as ticket_store, ListFilter, Visibility};
use helpdesk_server::store::Store;
use std::process::Command;
use std::sync::Arc;

const BINARY: &str = env!("CARGO_BIN_EXE_helpdesk-server");

#[test]
fn issue14_migrate_copies_everything_and_verifies_each_table() {
    let Some(url) = fresh_database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = App::new(Store::open(dir.path()).unwrap(), helpdesk_server::app::system_clock(), Config::default()).unwrap();
    helpdesk_server::demo::generate(&sqlite, 40, 3).unwrap();
    let tickets = sqlite.store.read(ticket_store::count).unwrap();
    let (some, _) = sqlite.store.read(|c| ticket_store::list(c, &Visibility::All, &ListFilter::default())).unwrap();
    let (sample, full) = some
        .iter()
        .find_map(|t| {
            let full = sqlite.store.read(|c| ticket_store::get(c, &t.id)).unwrap().unwrap().0;
            (!full.comments.is_empty()).then(|| (t.clone(), full))
        })
        .expect("a demo ticket with comments");
    let events = sqlite.store.read(|c| ticket_store::events(c, &sample.id)).unwrap();
    // Every table of the SQLite schema is copied (search tables are made again).
    let tables: Vec<String> = sqlite
        .store
        .read(|c| {
            c.column::<String>(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name",
                &[],
            )
        })
        .unwrap();
    let mut listed: Vec<&str> = helpdesk_server::store::copy::TABLES.to_vec();
    listed.sort();
    assert_eq!(tables, listed, "store::copy::TABLES lists every table of the schema");
    drop(sqlite);

    let out = Command::new(BINARY)
        .args(["migrate", "--from"])
        .arg(dir.path())
        .args(["--database-url", &url])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains(&format!("copied and verified {} tables", listed.len())), "{stdout}");

    let pg = Arc::new(App::new(Store::connect(&url).unwrap(), helpdesk_server::app::system_clock(), Config::default()).unwrap());
    assert_eq!(pg.store.read(ticket_store::count).unwrap(), tickets);
    assert_eq!(pg.store.read(|c| ticket_store::events(c, &sample.id)).unwrap(), events);
    assert_eq!(
        pg.store.read(|c| ticket_store::get(c, &sample.id)).unwrap().unwrap().0,
        full,
        "with its comments, in order"
    );
    // Found by its number, by a word of its subject and of a comment, as on SQLite.
    let long_word = |text: &str| {
        text.split_whitespace()
            .find(|w| w.chars().count() > 4)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
    };
    let comment = full.comments.iter().find_map(|c| long_word(&c.text)).expect("a comment with a word to find");
    for q in [sample.number.clone(), long_word(&sample.subject).unwrap(), comment] {
        let filter = ListFilter {
            search: Some(q.clone()),
            limit: 1000,
            ..ListFilter::default()
        };
        let (found, _) = pg.store.read(|c| ticket_store::list(c, &Visibility::All, &filter)).unwrap();
        assert!(found.iter().any(|t| t.id == sample.id), "`{q}` finds {}", sample.number);
    }

    // A second run refuses: the database is no longer empty.
    let again = Command::new(BINARY)
        .args(["migrate", "--from"])
        .arg(dir.path())
        .args(["--database-url", &url])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("new, empty database"));
}

#[test]
fn issue14_demo_fills_an_empty_postgres_database_once_when_replicas_start_together() {
    let Some(url) = fresh_database() else { return };
    let replicas: Vec<Arc<App>> = (0..3)
        .map(|_| Arc::new(App::new(Store::connect_with(&url, 4).unwrap(), helpdesk_server::app::system_clock(), Config::default()).unwrap()))
        .collect();
    let options = helpdesk_server::demo::DemoOptions {
        tickets: 30,
        articles: 5,
        seed: 1,
    };
    let barrier = Arc::new(std::sync::Barrier::new(3));
    let handles: Vec<_> = replicas
        .iter()
        .map(|app| {
            let (app, barrier, options) = (app.clone(), barrier.clone(), options.clone());
            std::thread::spawn(move || {
                barrier.wait();
                helpdesk_server::demo::generate_with(&app, &options).unwrap().1.generated
            })
        })
        .collect();
    let filled = handles.into_iter().map(|h| h.join().unwrap()).filter(|g| *g).count();
    assert_eq!(filled, 1, "one replica fills the database");
    assert_eq!(replicas[0].store.read(ticket_store::count).unwrap(), 30);
}
