//! Issue 12 item 5: the demo data is nothing the product would refuse.
//! Every demo ticket is registered anew by the domain under its policy's
//! registration rules, then every op of its life is applied again by the
//! domain's `apply_with` under the policy's limits, by the same actors at
//! the same instants — and the result must be exactly the ticket and the
//! history the store holds. The actors are the store's accounts as they
//! are. Runs on SQLite, and on PostgreSQL with HELPDESK_TEST_BACKEND=postgres.

mod common;

use chrono::{DateTime, Utc};
use helpdesk_domain::policy::Policy;
use helpdesk_domain::ticket::{register_with, NewTicket, Ticket};
use helpdesk_domain::workflow::{apply_with, Actor};
use helpdesk_server::app::{App, Config};
use helpdesk_server::demo::{self, DemoOptions, TicketJournal};
use helpdesk_server::jobs::SYSTEM_USER;
use helpdesk_server::store::{admin as admin_store, tickets as ticket_store, users, ReadTx};
use std::collections::BTreeSet;
use std::sync::Arc;

fn fixed_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T11:20:00+02:00").unwrap().with_timezone(&Utc)
}

/// The registration form a registered ticket was made of.
fn form_of(ticket: &Ticket) -> NewTicket {
    NewTicket {
        id: ticket.id.clone(),
        number: ticket.number.clone(),
        ticket_type: Some(ticket.ticket_type),
        subject: ticket.subject.clone(),
        description: ticket.description.clone(),
        service: ticket.service.clone(),
        channel: Some(ticket.channel),
        requester: ticket.requester.clone(),
        impact: Some(ticket.impact),
        urgency: Some(ticket.urgency),
        priority: None,
        complexity: ticket.complexity,
        line: Some(ticket.line),
        group: ticket.group.clone(),
        expected_result: ticket.expected_result.clone(),
        actual_result: ticket.actual_result.clone(),
        attachments: ticket.attachments.clone(),
        received_at: Some(ticket.received_at),
    }
}

/// The actor `actor` claims to be must be the account as the store has it
/// (role, groups, permissions), or the background work's system actor.
fn check_actor(conn: &dyn ReadTx, actor: &Actor, number: &str) {
    if actor.user_id == SYSTEM_USER {
        assert_eq!(*actor, helpdesk_server::jobs::system_actor(), "{number}");
        return;
    }
    let user = users::user_by_id(conn, &actor.user_id)
        .unwrap()
        .unwrap_or_else(|| panic!("{number}: acted on by `{}`, who has no account", actor.user_id));
    assert!(!user.disabled, "{number}: acted on by a disabled account");
    let (stored, _) = users::actor_and_me(conn, &user).unwrap();
    assert_eq!(*actor, stored, "{number}: an actor unlike its account");
}

fn replay(app: &App, conn: &dyn ReadTx, journal: &TicketJournal) {
    let registered = &journal.registered;
    let number = registered.number.as_str();
    let text = admin_store::policy_toml(conn, &journal.policy).unwrap().expect("the ticket's policy is stored");
    let rules = Policy::from_toml(&text).unwrap().registration_rules(Some(registered.ticket_type));
    let limits = app.policy(&journal.policy).unwrap().workflow_limits();

    check_actor(conn, &journal.registered_by, number);
    let applied = register_with(form_of(registered), &journal.registered_by.user_id, registered.registered_at, rules)
        .unwrap_or_else(|e| panic!("{number} does not register under {}: {e}", journal.policy));
    assert_eq!(applied.ticket, *registered, "{number}: registered otherwise than the domain registers it");
    let (mut ticket, mut events) = (applied.ticket, applied.events);
    for step in &journal.steps {
        check_actor(conn, &step.actor, number);
        let applied = apply_with(&ticket, &step.op, &step.actor, step.at, limits).unwrap_or_else(|refusal| {
            panic!(
                "{number} v{}: {} by {} at {} refused: {refusal}",
                ticket.version, step.op, step.actor.user_id, step.at
            )
        });
        events.extend(applied.events);
        ticket = applied.ticket;
    }
    let (stored, policy) = ticket_store::get(conn, &registered.id).unwrap().expect("the ticket is stored");
    assert_eq!(policy, journal.policy, "{number}");
    assert_eq!(stored, ticket, "{number}: the stored ticket is not what its history makes");
    assert_eq!(ticket_store::events(conn, &registered.id).unwrap(), events, "{number}: stored history differs");
    assert!(ticket.updated_at <= fixed_now(), "{number} changes in the future");
}

#[test]
fn issue12_every_demo_ticket_replays_through_the_domain_from_its_registration() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = common::postgres::test_store(dir.path());
    let app = App::new(store, Arc::new(fixed_now), Config::default()).unwrap();
    let options = DemoOptions {
        tickets: 500,
        articles: 60,
        seed: 11,
    };
    let (_, report) = demo::generate_journaled(&app, &options).unwrap();
    assert!(report.refused.is_empty(), "the product refused demo ops: {:#?}", report.refused);
    assert_eq!(report.journal.len(), options.tickets);
    let stored: BTreeSet<String> = app
        .store
        .read(|c| c.column::<String>("SELECT id FROM tickets", &[]))
        .unwrap()
        .into_iter()
        .collect();
    let journaled: BTreeSet<String> = report.journal.iter().map(|j| j.registered.id.clone()).collect();
    assert_eq!(stored, journaled, "every stored ticket has its journal, and no other");
    let steps: usize = report.journal.iter().map(|j| j.steps.len()).sum();
    assert!(steps >= options.tickets * 4, "a realistic life per ticket: {steps} ops");
    app.store
        .read(|conn| {
            for journal in &report.journal {
                replay(&app, conn, journal);
            }
            Ok::<_, helpdesk_server::store::StoreError>(())
        })
        .unwrap();
}
