//! Issue 14: a push is one write transaction on PostgreSQL, which holds
//! the rows of every ticket its ops name until it commits. Two pushes that
//! name the same tickets in opposite orders must not wait for each other
//! in a circle (PostgreSQL would end one as a deadlock's victim after a
//! second's wait): the tickets are locked together, in one order, at the
//! start. Every op applies once, and the database records no deadlock.
//! Skipped where PostgreSQL is not installed, unless
//! `HELPDESK_REQUIRE_POSTGRES=1`.

mod common;

use common::postgres::fresh_database;
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::Visibility;
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::Line;
use helpdesk_protocol::{OpOutcome, PushOp, PushRequest, SCHEMA_VERSION};
use helpdesk_server::app::{App, Config};
use helpdesk_server::store::{users, Store};
use std::sync::Arc;

fn ticket(app: &App, caller: &helpdesk_server::app::auth::Caller, subject: &str) -> String {
    let new = common::consultation(subject, "EAIS", "eais-l2");
    app.register_ticket(caller, new).unwrap().ticket.id
}

fn comment(seq: u64, client: &str, ticket: &str) -> PushOp {
    PushOp {
        seq,
        op_id: format!("{client}-{seq}"),
        ticket: ticket.to_string(),
        base_version: 0,
        device_time: chrono::Utc::now(),
        op: Op::Comment {
            visibility: Visibility::Internal,
            text: format!("{client} {seq}"),
            attachments: vec![],
        }
        .into(),
    }
}

#[test]
fn issue14_pushes_naming_the_same_tickets_in_opposite_orders_apply_without_a_deadlock() {
    let Some(url) = fresh_database() else { return };
    let app = Arc::new(App::new(Store::connect_with(&url, 8).unwrap(), helpdesk_server::app::system_clock(), Config::default()).unwrap());
    app.store.write(|tx| users::insert_group(tx, "eais-l2", "ЄАІС", Line::L2)).unwrap();
    let mut callers = Vec::new();
    for name in ["ana", "bob"] {
        let user = app
            .create_user(name, name, "correct horse battery", Role::Analyst, Permissions::default())
            .unwrap();
        app.store.write(|tx| users::add_member(tx, "eais-l2", &user.id)).unwrap();
        callers.push(app.caller_of(&user.id).unwrap());
    }
    let tickets: Vec<String> = (0..3).map(|i| ticket(&app, &callers[0], &format!("Заявка {i}"))).collect();
    let rounds = 40u64;
    let threads: Vec<_> = callers
        .into_iter()
        .enumerate()
        .map(|(c, caller)| {
            let (app, tickets) = (app.clone(), tickets.clone());
            std::thread::spawn(move || {
                let client = format!("client-{c}");
                let mut order = tickets.clone();
                if c == 1 {
                    order.reverse();
                }
                for round in 0..rounds {
                    let first = round * 3 + 1;
                    let ops = order.iter().enumerate().map(|(i, t)| comment(first + i as u64, &client, t)).collect();
                    let request = PushRequest {
                        client_id: client.clone(),
                        schema_version: SCHEMA_VERSION,
                        ops,
                    };
                    let response = app.push_request(&caller, request).unwrap();
                    for result in &response.results {
                        assert!(
                            matches!(result.outcome, OpOutcome::Applied { .. }),
                            "{client} seq {}: {:?}",
                            result.seq,
                            result.outcome
                        );
                    }
                    assert_eq!(response.client_last_seq, first + 2);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let comments: u64 = tickets
        .iter()
        .map(|t| app.store.read(|r| helpdesk_server::store::ticket_comments::count(r, t)).unwrap())
        .sum();
    assert_eq!(comments, 2 * rounds * 3, "every comment once");
    // Each backend reports its statistics within a second of its last transaction.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let deadlocks: i64 = app
        .store
        .read(|r| r.scalar("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", &[]))
        .unwrap();
    assert_eq!(deadlocks, 0, "pushes waited for each other in a circle");
}

/// A transaction's `BEGIN` and its savepoints are sent with its next
/// statement, in one round trip: a push whose middle op is refused keeps
/// the ops around it and nothing of the refused one, each op answered once;
/// a deferred statement that fails is the failure of the statement it went
/// with, the transaction is rolled back, and the connection serves the next.
#[test]
fn issue14_statements_sent_with_the_next_one_keep_a_push_op_by_op() {
    let Some(url) = fresh_database() else { return };
    let app = App::new(Store::connect_with(&url, 1).unwrap(), helpdesk_server::app::system_clock(), Config::default()).unwrap();
    app.store.write(|tx| users::insert_group(tx, "eais-l2", "ЄАІС", Line::L2)).unwrap();
    let user = app
        .create_user("ana", "ana", "correct horse battery", Role::Analyst, Permissions::default())
        .unwrap();
    app.store.write(|tx| users::add_member(tx, "eais-l2", &user.id)).unwrap();
    let caller = app.caller_of(&user.id).unwrap();
    let id = ticket(&app, &caller, "Заявка");
    let version = app.ticket(&caller, &id).unwrap().ticket.version;
    let mut refused = comment(2, "client-a", &id);
    refused.op = Op::Resolve {
        code: "configured".into(),
        text: "Налаштовано".into(),
        kb: vec![],
    }
    .into();
    let request = PushRequest {
        client_id: "client-a".into(),
        schema_version: SCHEMA_VERSION,
        ops: vec![comment(1, "client-a", &id), refused, comment(3, "client-a", &id)],
    };
    let response = app.push_request(&caller, request).unwrap();
    let outcomes: Vec<&OpOutcome> = response.results.iter().map(|r| &r.outcome).collect();
    assert!(
        matches!(outcomes[..], [OpOutcome::Applied { .. }, OpOutcome::Rejected { .. }, OpOutcome::Applied { .. }]),
        "{outcomes:?}"
    );
    assert_eq!(response.client_last_seq, 3);
    let view = app.ticket(&caller, &id).unwrap();
    assert_eq!(view.ticket.version, version + 2, "two ops applied");
    let texts: Vec<&str> = view.ticket.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["client-a 1", "client-a 3"]);
    assert!(view.ticket.resolution.is_none());

    // One pooled connection: a failed deferred statement must not leave it unusable.
    let failed = app.store.write(|tx| {
        tx.batch_deferred("SELEC 1")?;
        tx.query("SELECT 1", &[])
    });
    let message = failed.unwrap_err().to_string();
    assert!(message.contains("syntax error"), "{message}");
    let one: i64 = app.store.write(|tx| tx.scalar("SELECT 1", &[])).unwrap();
    assert_eq!(one, 1);
    // A statement that fails in a savepoint, rolled back to it (sent with
    // the next statement), and then a statement this connection never
    // prepared: prepared after the rollback, not in the failed transaction.
    let after: i64 = app
        .store
        .write(|tx| {
            let failed = tx.savepoint("probe", || tx.query("SELECT * FROM no_such_table", &[]))?;
            assert!(failed.is_err());
            tx.scalar("SELECT 2 + 0 AS never_prepared_before", &[])
        })
        .unwrap();
    assert_eq!(after, 2);
    let versions: i64 = app
        .store
        .read(|r| r.scalar("SELECT version FROM tickets WHERE id = ?1", helpdesk_server::args![id.as_str()]))
        .unwrap();
    assert_eq!(versions as u64, version + 2);
}
