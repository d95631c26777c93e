//! Issue 14 on a throwaway PostgreSQL cluster: the timed jobs' lease on
//! its own (two applications on one database, as two replicas: a due
//! auto-close happens once, the lease passes on when it runs out), and a
//! write transaction that PostgreSQL ends as a deadlock's victim or for a
//! serialization failure runs again, a bounded number of times. Skipped
//! where PostgreSQL is not installed, unless `HELPDESK_REQUIRE_POSTGRES=1`.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::postgres::fresh_database;
use helpdesk_domain::ops::Op;
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::{Line, Status};
use helpdesk_server::app::{App, Config};
use helpdesk_server::jobs::{run_leased, PERIOD};
use helpdesk_server::store::postgres::WRITE_ATTEMPTS;
use helpdesk_server::store::{tickets as ticket_store, users, Store, StoreError};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};

fn kyiv(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

/// A replica: its own application and pool on the shared database, on a
/// clock the test sets.
fn replica(url: &str, now: &Arc<Mutex<DateTime<Utc>>>) -> App {
    let clock = now.clone();
    let config = Config {
        default_policy: "ncts-transit".into(),
        ..Config::default()
    };
    App::new(Store::connect_with(url, 4).unwrap(), Arc::new(move || *clock.lock().unwrap()), config).unwrap()
}

/// A ticket of ncts-transit (auto-close 10 days after resolution)
/// resolved at the clock's time.
fn resolved_ticket(app: &App, now: &Arc<Mutex<DateTime<Utc>>>) -> String {
    app.store.write(|tx| users::insert_group(tx, "ncts-l2", "Методологія NCTS", Line::L2)).unwrap();
    let ana = app
        .create_user("ana", "Анна", "correct horse battery", Role::Analyst, Permissions::default())
        .unwrap();
    app.store.write(|tx| users::add_member(tx, "ncts-l2", &ana.id)).unwrap();
    let ana = app.caller_of(&ana.id).unwrap();
    let new = common::consultation("Як подати транзитну декларацію NCTS", "NCTS", "ncts-l2");
    let id = app.register_ticket(&ana, new).unwrap().ticket.id;
    for op in [
        Op::Take {},
        Op::Resolve {
            code: "consulted".into(),
            text: "Надано роз'яснення".into(),
            kb: vec![],
        },
    ] {
        *now.lock().unwrap() += Duration::minutes(10);
        app.act(&ana, &id, &op, None).unwrap().unwrap();
    }
    id
}

#[test]
fn issue14_two_replicas_on_one_database_run_a_due_job_once_and_the_lease_passes_on_when_it_runs_out() {
    let Some(url) = fresh_database() else { return };
    let now = Arc::new(Mutex::new(kyiv("2026-11-23T10:00:00+02:00")));
    let (a, b) = (replica(&url, &now), replica(&url, &now));
    let id = resolved_ticket(&a, &now);
    let due = *now.lock().unwrap() + Duration::days(20);

    // Both replicas' timers fire at once, well after the auto-close is due.
    let start = Barrier::new(2);
    let (ran_a, ran_b) = std::thread::scope(|s| {
        let first = s.spawn(|| {
            start.wait();
            run_leased(&a, "replica-a", due).unwrap()
        });
        let second = s.spawn(|| {
            start.wait();
            run_leased(&b, "replica-b", due).unwrap()
        });
        (first.join().unwrap(), second.join().unwrap())
    });
    let runs: Vec<_> = [&ran_a, &ran_b].into_iter().flatten().collect();
    assert_eq!(runs.len(), 1, "exactly one replica holds the lease and runs: {ran_a:?} / {ran_b:?}");
    let (ticket, _) = a.store.read(|c| ticket_store::get(c, &id)).unwrap().unwrap();
    assert_eq!(runs[0].auto_closed, vec![ticket.number.clone()]);
    assert_eq!(ticket.status, Status::Closed);
    let audits = |app: &App| {
        app.store
            .read(|c| c.scalar::<i64>("SELECT count(*) FROM audit WHERE action = 'auto_close'", &[]))
            .unwrap()
    };
    assert_eq!(audits(&a), 1, "closed once");

    // The holder renews its lease; the other waits until it runs out.
    let (holder, (other, other_app)) = if ran_a.is_some() {
        (("replica-a", &a), ("replica-b", &b))
    } else {
        (("replica-b", &b), ("replica-a", &a))
    };
    let later = due + Duration::minutes(1);
    assert!(run_leased(holder.1, holder.0, later).unwrap().is_some(), "the holder renews");
    assert!(run_leased(other_app, other, later).unwrap().is_none(), "the lease still runs");
    let expired = later + Duration::from_std(PERIOD * 3).unwrap() + Duration::seconds(1);
    let taken_over = run_leased(other_app, other, expired).unwrap();
    assert!(
        taken_over.is_some_and(|r| r.auto_closed.is_empty()),
        "the other takes over, and finds nothing left to do"
    );
    assert!(run_leased(holder.1, holder.0, expired).unwrap().is_none(), "now the first waits");
    assert_eq!(audits(&a), 1);
}

/// Two transactions that update two rows in opposite orders: PostgreSQL
/// ends one of them as the deadlock's victim, and it runs again.
#[test]
fn issue14_a_deadlock_victim_runs_again_and_both_writes_land() {
    let Some(url) = fresh_database() else { return };
    let store = Store::connect_with(&url, 4).unwrap();
    store
        .write(|tx| {
            tx.execute("INSERT INTO settings(key, value) VALUES ('deadlock.a', 'x'), ('deadlock.b', 'x')", &[])?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let both_hold_one = Barrier::new(2);
    let runs = AtomicUsize::new(0);
    let transfer = |first: &str, second: &str, mark: &str| {
        let attempt = AtomicUsize::new(0);
        store.write(|tx| {
            runs.fetch_add(1, Ordering::SeqCst);
            let append = "UPDATE settings SET value = value || ?2 WHERE key = ?1";
            tx.execute(append, helpdesk_server::args![first, mark])?;
            if attempt.fetch_add(1, Ordering::SeqCst) == 0 {
                both_hold_one.wait();
            }
            tx.execute(append, helpdesk_server::args![second, mark])?;
            Ok::<_, StoreError>(())
        })
    };
    let (one, two) = std::thread::scope(|s| {
        let one = s.spawn(|| transfer("deadlock.a", "deadlock.b", "1"));
        let two = s.spawn(|| transfer("deadlock.b", "deadlock.a", "2"));
        (one.join().unwrap(), two.join().unwrap())
    });
    one.unwrap();
    two.unwrap();
    assert_eq!(runs.load(Ordering::SeqCst), 3, "the victim ran twice, the other once");
    for key in ["deadlock.a", "deadlock.b"] {
        let value: String = store
            .read(|c| c.scalar("SELECT value FROM settings WHERE key = ?1", helpdesk_server::args![key]))
            .unwrap();
        let mut marks: Vec<char> = value.chars().skip(1).collect();
        marks.sort();
        assert_eq!((value.len(), marks), (3, vec!['1', '2']), "{key} = {value}: each write once");
    }
}

/// A transaction that keeps failing for serialization is given up after
/// a bounded number of runs; another error is not run again at all.
#[test]
fn issue14_retries_are_bounded_and_only_for_deadlocks_and_serialization_failures() {
    let Some(url) = fresh_database() else { return };
    let store = Store::connect_with(&url, 2).unwrap();
    let fail_with = |sqlstate: &str| {
        let runs = AtomicUsize::new(0);
        let outcome = store.write(|tx| {
            runs.fetch_add(1, Ordering::SeqCst);
            tx.batch(&format!("DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '{sqlstate}'; END $$"))?;
            Ok::<_, StoreError>(())
        });
        (outcome.unwrap_err().to_string(), runs.load(Ordering::SeqCst))
    };
    let (error, runs) = fail_with("40001");
    assert_eq!(runs, WRITE_ATTEMPTS as usize, "{error}");
    assert!(error.contains("40001"), "the last failure is reported: {error}");
    let (error, runs) = fail_with("40P01");
    assert_eq!(runs, WRITE_ATTEMPTS as usize, "{error}");
    let (error, runs) = fail_with("23505");
    assert_eq!(runs, 1, "not a conflict, not run again: {error}");
}
