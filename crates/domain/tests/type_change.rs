//! Reclassifying a ticket's type (002 §7.3.2–7.3.5, §13.11–13.12): the op
//! and its effect on the deadline, by the direction of the new term.

mod common;
mod ticket_fixtures;

use common::{at, registered, run, status};
use helpdesk_domain::ops::Op;
use helpdesk_domain::policy::{CompiledPolicy, Policy, PriorityRef, TicketClass};
use helpdesk_domain::sla::{clock_events, ClockEvent, ClockEventKind, MetricReport, SlaReport, Step, TypeChangeEffect};
use helpdesk_domain::workflow::EventKind;
use helpdesk_domain::{Status, TicketType};
use ticket_fixtures::{ana, ok, refused, requester, taken};

fn lenobl() -> CompiledPolicy {
    Policy::preset("lenobl-budget").unwrap().compile(&[], &[]).unwrap()
}

/// A lenobl ticket of `ticket_type` at the 002 level named `level`.
fn lenobl_class(ticket_type: TicketType, level: &str) -> TicketClass {
    let policy = Policy::preset("lenobl-budget").unwrap();
    TicketClass {
        ticket_type,
        priority: Some(policy.resolve_priority(&PriorityRef::Name(level.into())).unwrap()),
        complexity: None,
        service: None,
    }
}

fn type_changed(when: &str, to: TicketType) -> ClockEvent {
    ClockEvent {
        at: at(when),
        kind: ClockEventKind::Type { to },
    }
}

fn resolution(report: &SlaReport) -> &MetricReport {
    report.metrics.iter().find(|m| m.name == "resolution").expect("a resolution metric")
}

fn effect(m: &MetricReport) -> TypeChangeEffect {
    m.steps
        .iter()
        .find_map(|s| match s {
            Step::TypeChanged { effect, .. } => Some(*effect),
            _ => None,
        })
        .expect("a type_changed step")
}

fn change_type(to: TicketType) -> Op {
    Op::ChangeType {
        ticket_type: to,
        note: "agreed with the requester by e-mail".into(),
    }
}

/// 002 §7.3.2: the specialist corrects a wrongly chosen type; the change is
/// recorded with its justification and the ticket's status stays.
#[test]
fn c002_s7_3_2_change_type_records_the_new_type_with_its_note() {
    let t = taken(TicketType::Incident);
    let a = ok(&t, change_type(TicketType::ServiceRequest), &ana(), 10);
    assert_eq!(a.ticket.ticket_type, TicketType::ServiceRequest);
    assert_eq!(a.ticket.status, Status::InProgress);
    assert!(a.events.iter().any(|e| matches!(
        &e.kind,
        EventKind::TypeChanged { from: TicketType::Incident, to: TicketType::ServiceRequest, note } if note.contains("agreed")
    )));
    let clock = clock_events(&a.events);
    assert!(clock.iter().any(|e| e.kind
        == ClockEventKind::Type {
            to: TicketType::ServiceRequest
        }));
}

/// 002 §7.3.2, §7.3.4 «с обоснованием»: a change of type needs a note, a
/// different type, and the service desk (not the requester).
#[test]
fn c002_s7_3_4_change_type_needs_a_justification_and_a_new_type() {
    let t = taken(TicketType::Incident);
    let blank = Op::ChangeType {
        ticket_type: TicketType::Consultation,
        note: "  ".into(),
    };
    assert_eq!(refused(&t, blank, &ana(), 10).code(), "missing_reason");
    assert_eq!(refused(&t, change_type(TicketType::Incident), &ana(), 10).code(), "same_value");
    assert_eq!(refused(&t, change_type(TicketType::Consultation), &requester(), 10).code(), "forbidden_role");
    let closed = ok(
        &ok(
            &t,
            Op::Resolve {
                code: "fixed".into(),
                text: "done".into(),
                kb: vec![],
            },
            &ana(),
            20,
        )
        .ticket,
        Op::Close { basis: Default::default() },
        &ana(),
        30,
    )
    .ticket;
    assert_eq!(refused(&closed, change_type(TicketType::Consultation), &ana(), 40).code(), "wrong_status");
}

/// 004 §2.3.1.3, §2.3.1.10: a change request names the requester's
/// position and the expected behaviour. A ticket reclassified into one is
/// asked for them as its registration would be; once they are there, the
/// change goes through.
#[test]
fn c004_s2_3_1_reclassifying_into_a_change_request_asks_for_its_fields() {
    let mut t = taken(TicketType::Consultation);
    t.requester.position = None;
    t.expected_result = None;
    let refusal = refused(&t, change_type(TicketType::ChangeRequest), &ana(), 10);
    assert_eq!(refusal.code(), "invalid_input");
    assert!(refusal.to_string().contains("004 §2.3.1.3"), "{refusal}");
    assert_eq!(refusal.params().get("field").and_then(|f| f.as_str()), Some("requester.position"));

    t.requester.position = Some("начальник відділу".into());
    let refusal = refused(&t, change_type(TicketType::ChangeRequest), &ana(), 10);
    assert_eq!(refusal.params().get("field").and_then(|f| f.as_str()), Some("expected_result"));

    t.expected_result = Some("Звіт формується за обраний період.".into());
    let a = ok(&t, change_type(TicketType::ChangeRequest), &ana(), 10);
    assert_eq!(a.ticket.ticket_type, TicketType::ChangeRequest);
}

/// 004 §2.3.1.9: the same holds for an incident, which names the expected
/// and the actual result.
#[test]
fn c004_s2_3_1_9_reclassifying_into_an_incident_asks_for_both_results() {
    let mut t = taken(TicketType::Consultation);
    t.expected_result = None;
    t.actual_result = None;
    let refusal = refused(&t, change_type(TicketType::Incident), &ana(), 10);
    assert_eq!(refusal.params().get("field").and_then(|f| f.as_str()), Some("expected_result"));
    t.expected_result = Some("a".into());
    t.actual_result = Some("b".into());
    ok(&t, change_type(TicketType::Incident), &ana(), 10);
}

/// 002 §7.3.5(2) for a type: a medium incident (8 working days) corrected on
/// Wed 21 Oct 15:00 to a medium service request (3 working days, shorter)
/// restarts the count at the change: Thu 22, Fri 23, Mon 26 Oct 18:00 —
/// nothing worked before the change carries over.
#[test]
fn c002_s7_3_5_2_a_type_with_a_shorter_term_restarts_at_the_change() {
    let events = [
        registered("2026-10-19T10:00:00+03:00"),
        status("2026-10-19T11:00:00+03:00", Status::InProgress),
        type_changed("2026-10-21T15:00:00+03:00", TicketType::ServiceRequest),
    ];
    let r = run(&lenobl(), &lenobl_class(TicketType::Incident, "medium"), &events, "2026-10-21T16:00:00+03:00");
    let m = resolution(&r);
    assert_eq!(m.target.as_deref(), Some("3 working days"));
    assert_eq!(m.due, Some(at("2026-10-26T18:00:00+03:00")));
    assert_eq!(m.elapsed_working_seconds, 3600, "only the hour since the change counts");
    assert_eq!(effect(m), TypeChangeEffect::Shortened);
}

/// 002 §7.3.5(1) for a type: a medium service request (3 working days)
/// corrected to a medium incident (8 working days, longer) is counted from
/// the registration with the time worked kept: Mon 19 Oct 10:00 + 8 working
/// days → Thu 29 Oct 18:00.
#[test]
fn c002_s7_3_5_1_a_type_with_a_longer_term_keeps_the_time_worked() {
    let events = [
        registered("2026-10-19T10:00:00+03:00"),
        status("2026-10-19T11:00:00+03:00", Status::InProgress),
        type_changed("2026-10-21T15:00:00+03:00", TicketType::Incident),
    ];
    let r = run(
        &lenobl(),
        &lenobl_class(TicketType::ServiceRequest, "medium"),
        &events,
        "2026-10-21T16:00:00+03:00",
    );
    let m = resolution(&r);
    assert_eq!(m.target.as_deref(), Some("8 working days"));
    assert_eq!(m.due, Some(at("2026-10-29T18:00:00+03:00")));
    match effect(m) {
        TypeChangeEffect::Lengthened { worked_seconds } => assert!(worked_seconds > 2 * 9 * 3600, "{worked_seconds}"),
        other => panic!("{other:?}"),
    }
}

/// 002 §7.3.3: a change of type that does not change the term changes
/// nothing in the count (000 §13's terms do not depend on the type).
#[test]
fn c002_s7_3_3_a_type_with_the_same_term_keeps_the_deadline() {
    let p = Policy::preset("customs-helpdesk").unwrap().compile(&[], &[]).unwrap();
    let class = TicketClass {
        ticket_type: TicketType::Incident,
        priority: Some(helpdesk_domain::Priority::new(3).unwrap()),
        complexity: None,
        service: None,
    };
    let before = [registered("2026-10-19T10:00:00+03:00"), status("2026-10-19T10:10:00+03:00", Status::InProgress)];
    let mut after = before.to_vec();
    after.push(type_changed("2026-10-19T12:00:00+03:00", TicketType::ServiceRequest));
    let now = "2026-10-19T13:00:00+03:00";
    let r0 = run(&p, &class, &before, now);
    let r1 = run(&p, &class, &after, now);
    assert_eq!(resolution(&r0).due, resolution(&r1).due);
    assert_eq!(effect(resolution(&r1)), TypeChangeEffect::KeptTarget);
}
