//! 002 §7.3.4: a reclassification that lengthens the term waits for the
//! requester's answer, due within one working day and no later than 3
//! working hours before the resolution deadline; without it, deemed agreed.

mod common;
mod ticket_fixtures;

use helpdesk_domain::approval::answer_due;
use helpdesk_domain::ops::Op;
use helpdesk_domain::workflow::EventKind;
use helpdesk_domain::{Priority, TicketType};
use ticket_fixtures::{ana, ok, refused, requester, taken};

fn propose() -> Op {
    Op::ProposeReclassification {
        ticket_type: Some(TicketType::ServiceRequest),
        level: Some(Priority::new(5).unwrap()),
        note: "an account request, not a failure".into(),
    }
}

/// 002 §7.3.4: proposed with a justification, the ticket keeps its type
/// and priority until the answer; one proposal at a time.
#[test]
fn c002_s7_3_4_a_proposal_waits_for_the_answer() {
    let t = taken(TicketType::Incident);
    let a = ok(&t, propose(), &ana(), 10);
    assert_eq!(a.ticket.ticket_type, TicketType::Incident);
    assert_eq!(a.ticket.priority, t.priority);
    let pending = a.ticket.pending_reclassification.clone().expect("pending");
    assert_eq!(pending.ticket_type, Some(TicketType::ServiceRequest));
    assert_eq!(refused(&a.ticket, propose(), &ana(), 20).code(), "same_value");
    let nothing = Op::ProposeReclassification {
        ticket_type: Some(TicketType::Incident),
        level: None,
        note: "x".into(),
    };
    assert_eq!(refused(&t, nothing, &ana(), 10).code(), "invalid_input");
}

/// 002 §7.3.4: the requester agrees (on the portal) → the change applies
/// now, recorded as a type and a priority change for the SLA engine.
#[test]
fn c002_s7_3_4_agreed_applies_the_change() {
    let proposed = ok(&taken(TicketType::Incident), propose(), &ana(), 10).ticket;
    let answer = Op::AnswerReclassification {
        agreed: true,
        note: "agreed".into(),
    };
    let a = ok(&proposed, answer, &requester(), 30);
    assert_eq!(a.ticket.ticket_type, TicketType::ServiceRequest);
    assert_eq!(a.ticket.priority.value(), 5);
    assert!(a.ticket.pending_reclassification.is_none());
    let kinds: Vec<_> = a.events.iter().map(|e| &e.kind).collect();
    assert!(matches!(kinds[0], EventKind::ReclassificationAnswered { agreed: true, .. }), "{kinds:?}");
    assert!(kinds.iter().any(|k| matches!(k, EventKind::TypeChanged { .. })));
    assert!(kinds.iter().any(|k| matches!(k, EventKind::PriorityChanged { .. })));
}

/// 002 §7.3.4: declined → nothing changes; an answer needs a proposal.
#[test]
fn c002_s7_3_4_declined_keeps_the_classification() {
    let proposed = ok(&taken(TicketType::Incident), propose(), &ana(), 10).ticket;
    let no = Op::AnswerReclassification {
        agreed: false,
        note: "the requester disagrees by e-mail".into(),
    };
    let a = ok(&proposed, no.clone(), &ana(), 30);
    assert_eq!(a.ticket.ticket_type, TicketType::Incident);
    assert!(a.ticket.pending_reclassification.is_none());
    assert_eq!(refused(&a.ticket, no, &ana(), 40).code(), "invalid_input");
}

/// 002 §7.3.4 «в течение одного рабочего дня»: asked Mon 19 Oct 15:00
/// (9×5, Moscow) with a resolution due far later → the close of the next
/// working day, Tue 20 Oct 18:00.
#[test]
fn c002_s7_3_4_the_answer_is_due_in_one_working_day() {
    let p = common::policy("lenobl-budget");
    let due = answer_due(
        p.main_calendar(),
        common::at("2026-10-19T15:00:00+03:00"),
        Some(common::at("2026-10-29T18:00:00+03:00")),
    )
    .unwrap();
    assert_eq!(due, common::at("2026-10-20T18:00:00+03:00"));
}

/// 002 §7.3.4 «но не менее, чем за 3 рабочих часа до истечения срока
/// решения»: with the resolution due Tue 20 Oct 11:00, the answer is due 3
/// working hours earlier: Mon 19 Oct 17:00.
#[test]
fn c002_s7_3_4_and_no_later_than_3_working_hours_before_the_deadline() {
    let p = common::policy("lenobl-budget");
    let due = answer_due(
        p.main_calendar(),
        common::at("2026-10-19T15:00:00+03:00"),
        Some(common::at("2026-10-20T11:00:00+03:00")),
    )
    .unwrap();
    assert_eq!(due, common::at("2026-10-19T17:00:00+03:00"));
}
