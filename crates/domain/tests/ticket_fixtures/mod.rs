//! A registered ticket and the analysts who work it, for the workflow tests
//! of the rules added per clause (reject reasons, reclassification,
//! approvals, permissions).
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{register, NewTicket, Requester, RequesterKind, Ticket};
use helpdesk_domain::workflow::{apply, Actor, Applied, Membership, Permissions, Refusal, Role};
use helpdesk_domain::{Channel, Impact, Line, Status, TicketType, Urgency};

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap()
}

pub fn at(minutes: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(minutes)
}

/// A member of G1, the ticket's L2 group.
pub fn ana() -> Actor {
    Actor {
        user_id: "ana".into(),
        role: Role::Analyst,
        groups: vec![Membership {
            group: "G1".into(),
            line: Line::L2,
        }],
        permissions: Permissions::default(),
    }
}

/// The requester of the fixture ticket.
pub fn requester() -> Actor {
    Actor {
        user_id: "req-1".into(),
        role: Role::SelfService,
        groups: vec![],
        permissions: Permissions::default(),
    }
}

/// The form of an incident for G1 (L2), priority 4 (medium × medium).
pub fn new_ticket() -> NewTicket {
    NewTicket {
        id: "t-1".into(),
        number: "HD-000001".into(),
        ticket_type: Some(TicketType::Incident),
        subject: "Cannot submit a transit declaration".into(),
        description: "The module answers 500 on submit".into(),
        service: "NCTS".into(),
        channel: Some(Channel::Portal),
        requester: Requester {
            kind: Some(RequesterKind::LegalEntity),
            name: "Ivan Petrenko".into(),
            organisation: Some("TOV Transit".into()),
            edrpou: Some("12345678".into()),
            email: Some("ivan@transit.ua".into()),
            user_id: Some("req-1".into()),
            ..Requester::default()
        },
        impact: Some(Impact::Medium),
        urgency: Some(Urgency::Medium),
        line: Some(Line::L2),
        group: "G1".into(),
        expected_result: Some("The declaration is accepted".into()),
        actual_result: Some("Error 500".into()),
        ..NewTicket::default()
    }
}

/// An incident registered at [`t0`] from [`new_ticket`].
pub fn registered() -> Ticket {
    register(new_ticket(), "olga", t0()).expect("the fixture registers").ticket
}

/// The fixture of type `ticket_type`, taken by ana (in progress).
pub fn taken(ticket_type: TicketType) -> Ticket {
    let mut t = registered();
    t.ticket_type = ticket_type;
    ok(&t, Op::Take {}, &ana(), 1).ticket
}

pub fn ok(ticket: &Ticket, op: Op, actor: &Actor, minute: i64) -> Applied {
    match apply(ticket, &op, actor, at(minute)) {
        Ok(a) => a,
        Err(e) => panic!("{op:?} by {} on {}: refused: {e}", actor.user_id, ticket.status),
    }
}

pub fn refused(ticket: &Ticket, op: Op, actor: &Actor, minute: i64) -> Refusal {
    match apply(ticket, &op, actor, at(minute)) {
        Ok(_) => panic!("{op:?} by {} on {} was applied", actor.user_id, ticket.status),
        Err(e) => e,
    }
}

pub fn is_status(ticket: &Ticket, status: Status) -> bool {
    ticket.status == status
}
