//! The races SQLite's single writer hides and PostgreSQL exposes, run
//! concurrently on a throwaway PostgreSQL cluster (ARCHITECTURE, "Scale"):
//! the change log's sequence equals commit order, a ticket's load→save,
//! the last-administrator guard, account creation. Skipped where
//! PostgreSQL is not installed, unless `HELPDESK_REQUIRE_POSTGRES=1`.

mod common;

use common::postgres::fresh_database;
use common::{act, register, TestServer};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_server::app::{App, Config};
use helpdesk_server::store::changes::{self, EntityKind};
use helpdesk_server::store::{users, Store};
use serde_json::json;
use std::collections::{BTreeSet, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Writers that commit in another order than they began, and a puller
/// that advances its cursor to each snapshot's watermark: every change
/// must reach the puller. Returns the entities the puller never saw.
fn changes_missed_by_a_puller(store: Arc<Store>, writers: usize, per_writer: usize) -> BTreeSet<String> {
    let bucket = BTreeSet::from(["group:g".to_string()]);
    let done = Arc::new(AtomicBool::new(false));
    let puller = {
        let (store, done) = (store.clone(), done.clone());
        std::thread::spawn(move || {
            let mut cursor = 0u64;
            let mut seen = HashSet::new();
            loop {
                let finished = done.load(Ordering::SeqCst);
                let (rows, watermark) = store
                    .read(|r| {
                        let watermark = changes::watermark(r)?;
                        Ok::<_, helpdesk_server::store::StoreError>((changes::page_upto(r, "group:g", cursor, watermark, 100_000)?, watermark))
                    })
                    .unwrap();
                seen.extend(rows.into_iter().map(|r| r.entity));
                cursor = watermark;
                if finished {
                    return seen;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    let handles: Vec<_> = (0..writers)
        .map(|w| {
            let (store, bucket) = (store.clone(), bucket.clone());
            std::thread::spawn(move || {
                for i in 0..per_writer {
                    store
                        .write(|tx| {
                            changes::record(tx, EntityKind::Ticket, &format!("e-{w}-{i}"), None, &bucket)?;
                            // Work after the change is recorded: a slow commit.
                            std::thread::sleep(Duration::from_micros(((w * 7 + i * 13) % 5) as u64 * 300));
                            Ok::<_, helpdesk_server::store::StoreError>(())
                        })
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let seen = puller.join().unwrap();
    (0..writers)
        .flat_map(|w| (0..per_writer).map(move |i| format!("e-{w}-{i}")))
        .filter(|e| !seen.contains(e))
        .collect()
}

#[test]
fn arch_scale_sequences_follow_commit_order_so_no_pull_skips_a_late_commit() {
    let Some(url) = fresh_database() else { return };
    let store = Arc::new(Store::connect_with(&url, 12).unwrap());
    let missed = changes_missed_by_a_puller(store, 8, 40);
    assert!(missed.is_empty(), "changes a puller never saw: {missed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn arch_scale_concurrent_comments_on_one_ticket_are_all_kept() {
    if !common::postgres::backend_is_postgres() && fresh_database().is_none() {
        return;
    }
    let server = TestServer::start().await;
    let (_, number) = register(&server, "req", "eais-l2").await;
    let ana = Arc::new(server.login("ana").await);
    let mut tasks = Vec::new();
    for i in 0..16 {
        let (ana, number) = (ana.clone(), number.clone());
        tasks.push(tokio::spawn(async move {
            let (status, body) = act(&ana, &number, json!({"op": "comment", "visibility": "internal", "text": format!("note {i}")})).await;
            assert!(status.is_success(), "{body}");
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let (_, view) = ana.get(&format!("/api/v1/tickets/{number}")).await;
    let comments = view["ticket"]["comments"].as_array().unwrap();
    let texts: HashSet<&str> = comments.iter().filter_map(|c| c["text"].as_str()).collect();
    for i in 0..16 {
        assert!(texts.contains(format!("note {i}").as_str()), "comment {i} was lost: {view}");
    }
}

/// An application on a fresh PostgreSQL database with two administrators.
fn app_with_two_administrators() -> Option<Arc<App>> {
    let url = fresh_database()?;
    let app = App::new(Store::connect_with(&url, 12).unwrap(), helpdesk_server::app::system_clock(), Config::default()).unwrap();
    for name in ["root1", "root2"] {
        app.create_user(name, name, "a long enough password 1", Role::Administrator, Permissions::default())
            .unwrap();
    }
    Some(Arc::new(app))
}

#[test]
fn arch_scale_two_administrators_disabled_at_once_leave_one() {
    for _ in 0..5 {
        let Some(app) = app_with_two_administrators() else { return };
        let ids: Vec<String> = ["root1", "root2"]
            .iter()
            .map(|n| app.store.read(|c| users::user_by_username(c, n)).unwrap().unwrap().id)
            .collect();
        let barrier = Arc::new(std::sync::Barrier::new(2));
        let handles: Vec<_> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let (app, barrier, id) = (app.clone(), barrier.clone(), id.clone());
                // Each administrator disables the other.
                let other = ["root1", "root2"][1 - i];
                let token = app.login(other, "a long enough password 1", "127.0.0.1").unwrap().token;
                std::thread::spawn(move || {
                    let by = app.authenticate(&token).unwrap();
                    barrier.wait();
                    app.admin_set_disabled(&by, &id, true).is_ok()
                })
            })
            .collect();
        let disabled = handles.into_iter().map(|h| h.join().unwrap()).filter(|ok| *ok).count();
        assert_eq!(disabled, 1, "exactly one of the two is disabled");
        assert_eq!(app.store.read(users::count_administrators).unwrap(), 1);
    }
}

#[test]
fn arch_scale_look_alike_names_created_at_once_make_one_account() {
    let Some(url) = fresh_database() else { return };
    let app = Arc::new(App::new(Store::connect_with(&url, 12).unwrap(), helpdesk_server::app::system_clock(), Config::default()).unwrap());
    let barrier = Arc::new(std::sync::Barrier::new(4));
    // Latin and Cyrillic spellings that look alike.
    let handles: Vec<_> = ["olena", "оlena", "olеna", "olenа"]
        .into_iter()
        .map(|name| {
            let (app, barrier) = (app.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                app.create_user(name, name, "a long enough password 1", Role::Analyst, Permissions::default())
                    .is_ok()
            })
        })
        .collect();
    let created = handles.into_iter().map(|h| h.join().unwrap()).filter(|ok| *ok).count();
    assert_eq!(created, 1, "one account of the look-alike names");
}

/// Writer A records a change and waits before committing; writer B records
/// and commits; a puller catches up to the watermark; then A commits and
/// the puller pulls again. Whether the puller ever saw A's change. With
/// `unsafe_stamping` the sequence is taken when the change is recorded (a
/// database sequence), not as the last statements under the head's lock.
fn late_commit_reaches_the_puller(unsafe_stamping: bool) -> bool {
    let Some(url) = fresh_database() else { return true };
    let store = Arc::new(Store::connect_with(&url, 6).unwrap());
    let bucket = BTreeSet::from(["group:g".to_string()]);
    let write = move |tx: &dyn helpdesk_server::store::WriteTx, entity: &str| -> Result<(), helpdesk_server::store::StoreError> {
        if unsafe_stamping {
            let seq: i64 = tx.scalar("SELECT nextval('unsafe_seq')", &[])?;
            tx.execute(
                "INSERT INTO changes(bucket, kind, entity, seq, removed) VALUES ('group:g', 'ticket', ?1, ?2, 0)",
                helpdesk_server::args![entity, seq],
            )?;
            Ok(())
        } else {
            changes::record(tx, EntityKind::Ticket, entity, None, &bucket)
        }
    };
    store.write(|tx| tx.batch("CREATE SEQUENCE unsafe_seq")).unwrap();
    let (recorded, go) = (Arc::new(std::sync::Barrier::new(2)), Arc::new(std::sync::Barrier::new(2)));
    let a = {
        let (store, recorded, go, write) = (store.clone(), recorded.clone(), go.clone(), write.clone());
        std::thread::spawn(move || {
            store
                .write(|tx| {
                    write(tx, "A")?;
                    recorded.wait();
                    go.wait();
                    if unsafe_stamping {
                        tx.execute("UPDATE counters SET value = greatest(value, currval('unsafe_seq')) WHERE name = 'change'", &[])?;
                    }
                    Ok::<_, helpdesk_server::store::StoreError>(())
                })
                .unwrap()
        })
    };
    recorded.wait();
    store
        .write(|tx| {
            write(tx, "B")?;
            if unsafe_stamping {
                tx.execute("UPDATE counters SET value = greatest(value, currval('unsafe_seq')) WHERE name = 'change'", &[])?;
            }
            Ok::<_, helpdesk_server::store::StoreError>(())
        })
        .unwrap();
    let pull = |cursor: u64| {
        store
            .read(|r| {
                let watermark = changes::watermark(r)?;
                let rows = changes::page_upto(r, "group:g", cursor, watermark, 100)?;
                Ok::<_, helpdesk_server::store::StoreError>((rows.into_iter().map(|r| r.entity).collect::<Vec<_>>(), watermark))
            })
            .unwrap()
    };
    let (mut seen, cursor) = pull(0);
    go.wait();
    a.join().unwrap();
    seen.extend(pull(cursor).0);
    assert!(seen.contains(&"B".to_string()), "{seen:?}");
    seen.contains(&"A".to_string())
}

#[test]
fn arch_scale_a_late_commit_reaches_a_puller_and_the_check_catches_unsafe_stamping() {
    assert!(late_commit_reaches_the_puller(false), "the store's stamping lost a late commit");
    if fresh_database().is_some() {
        assert!(
            !late_commit_reaches_the_puller(true),
            "negative control: stamping when a change is recorded must lose the late commit"
        );
    }
}

/// A figure, not an assertion: serialised change-log commits per second
/// on PostgreSQL (4 writers, one change each), and an empty pull's read.
#[test]
fn arch_scale_figures_change_log_commits_per_second() {
    let Some(url) = fresh_database() else { return };
    let store = Arc::new(Store::connect_with(&url, 8).unwrap());
    let started = std::time::Instant::now();
    let handles: Vec<_> = (0..4)
        .map(|w| {
            let store = store.clone();
            std::thread::spawn(move || {
                let bucket = BTreeSet::from([format!("group:g{w}")]);
                for i in 0..250 {
                    store
                        .write(|tx| changes::record(tx, EntityKind::Ticket, &format!("f-{w}-{i}"), None, &bucket))
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut reads = Vec::new();
    for _ in 0..200 {
        let t = std::time::Instant::now();
        store
            .read(|r| {
                let watermark = changes::watermark(r)?;
                changes::page_upto(r, "group:g0", watermark, watermark, 100)
            })
            .unwrap();
        reads.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    reads.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "postgres: {:.0} change-log commits/s (4 writers); empty read p50 {:.2} ms, p99 {:.2} ms",
        1000.0 / seconds,
        reads[100],
        reads[198]
    );
}
