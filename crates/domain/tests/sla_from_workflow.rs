//! The SLA engine fed from a real audit trail: a ticket registered and
//! worked through the workflow gives the same deadline as the clock events
//! written by hand (the lenobl case of sla_rules.rs).

mod common;

use common::*;
use helpdesk_domain::sla::{clock_events, evaluate_ticket, ClockState};
use helpdesk_domain::ticket::{register, NewTicket, Requester, RequesterKind};
use helpdesk_domain::workflow::{apply, Actor, Membership, Permissions, Role, TicketEvent};
use helpdesk_domain::{Channel, Impact, Line, TicketType, Urgency};
use serde_json::json;

fn analyst() -> Actor {
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

fn requester() -> Actor {
    Actor {
        user_id: "req-1".into(),
        role: Role::SelfService,
        groups: vec![],
        permissions: Permissions::default(),
    }
}

#[test]
fn a_worked_ticket_gets_its_deadline_from_the_audit_trail() {
    let new = NewTicket {
        id: "t-1".into(),
        number: "ID-000001".into(),
        ticket_type: Some(TicketType::Incident),
        subject: "Бюджетна заявка не зберігається".into(),
        description: "Помилка при збереженні".into(),
        service: "budget".into(),
        channel: Some(Channel::Portal),
        requester: Requester {
            kind: Some(RequesterKind::Employee),
            name: "Ірина Коваль".into(),
            organisation: Some("Комітет фінансів".into()),
            position: Some("головний спеціаліст".into()),
            email: Some("koval@example.org".into()),
            user_id: Some("req-1".into()),
            ..Requester::default()
        },
        // urgency high × impact medium = priority 2, "high" in 002's levels.
        impact: Some(Impact::Medium),
        urgency: Some(Urgency::High),
        line: Some(Line::L2),
        group: "G1".into(),
        expected_result: Some("Заявка збережена".into()),
        actual_result: Some("Помилка 500".into()),
        ..NewTicket::default()
    };
    let registered = register(new, "olga", at("2026-10-19T10:00:00+03:00")).unwrap();
    let mut ticket = registered.ticket;
    let mut trail: Vec<TicketEvent> = registered.events;
    let steps = [
        ("2026-10-19T11:00:00+03:00", analyst(), json!({"op": "take"})),
        (
            "2026-10-20T14:00:00+03:00",
            analyst(),
            json!({"op": "request_info", "question": "Який номер заявки?"}),
        ),
        ("2026-10-21T10:00:00+03:00", requester(), json!({"op": "info_received", "text": "№ 1234"})),
        ("2026-10-21T12:00:00+03:00", analyst(), json!({"op": "set_priority", "level": 3})),
        (
            "2026-10-21T15:00:00+03:00",
            analyst(),
            json!({"op": "give_workaround", "text": "Зберігайте чернетку"}),
        ),
        (
            "2026-10-23T16:00:00+03:00",
            analyst(),
            json!({"op": "resolve", "code": "fixed", "text": "Виправлено"}),
        ),
    ];
    for (when, actor, op) in steps {
        let op = serde_json::from_value(op.clone()).unwrap_or_else(|e| panic!("{op}: {e}"));
        let applied = apply(&ticket, &op, &actor, at(when)).unwrap_or_else(|refusal| panic!("{when}: {refusal}"));
        ticket = applied.ticket;
        trail.extend(applied.events);
    }
    assert!(!clock_events(&trail).is_empty());
    let policy = policy_with_holidays("lenobl-budget", &["2026-11-04"]);
    let report = evaluate_ticket(&policy, &ticket, &trail, at("2026-10-23T17:00:00+03:00")).unwrap();
    let resolution = metric(&report, "resolution");
    assert_eq!(due_of(&report, "resolution", 3), "2026-11-18T14:00:00+03:00");
    assert_eq!(resolution.state, ClockState::Met);
    assert_eq!(resolution.elapsed_working_seconds, 37 * 3600);
}

/// 004 §2.4: a ticket registered with no earlier receipt (received_at =
/// registered_at) has met its registration term, from the audit trail too.
#[test]
fn clause_004_2_4_registered_on_receipt_from_the_audit_trail() {
    let new = NewTicket {
        id: "t-2".into(),
        number: "ID-000002".into(),
        ticket_type: Some(TicketType::Consultation),
        subject: "Сертификат".into(),
        description: "Как оплатить покупку".into(),
        service: "social".into(),
        channel: Some(Channel::Email),
        requester: Requester {
            kind: Some(RequesterKind::Employee),
            name: "Тестов Тест".into(),
            organisation: Some("Бубль-Гум".into()),
            email: Some("test@example.org".into()),
            ..Requester::default()
        },
        impact: Some(Impact::Low),
        urgency: Some(Urgency::Low),
        line: Some(Line::L1),
        group: "G1".into(),
        ..NewTicket::default()
    };
    let t0 = at("2026-11-23T10:00:00+10:00");
    let applied = register(new, "operator", t0).unwrap();
    let report = evaluate_ticket(&policy("primorye-social"), &applied.ticket, &applied.events, at("2026-11-23T16:00:00+10:00")).unwrap();
    let m = metric(&report, "registration");
    assert_eq!(m.state, ClockState::Met);
    assert!(m.warnings.iter().all(|w| !w.reached));
}
