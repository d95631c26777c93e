//! Terms counted from a moment of their own (001 §IV.7; 002 §12): the ops
//! that record the moment, and the policy metrics that count from it.

mod common;
mod ticket_fixtures;

use common::{at, class, policy, registered, run};
use helpdesk_domain::milestone::Milestone;
use helpdesk_domain::ops::Op;
use helpdesk_domain::sla::{clock_events, evaluate_ticket, ClockEvent, ClockEventKind, ClockState, MetricReport, SlaReport};
use helpdesk_domain::workflow::EventKind;
use helpdesk_domain::TicketType;
use ticket_fixtures::{ana, ok, refused, taken};

fn milestone(when: &str, name: Milestone) -> ClockEvent {
    ClockEvent {
        at: at(when),
        kind: ClockEventKind::Milestone { name },
    }
}

fn metric<'a>(r: &'a SlaReport, name: &str) -> &'a MetricReport {
    r.metrics
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", r.metrics))
}

fn grant() -> Op {
    Op::GrantPaperPermission {
        note: "informed the customs office of departure and the carrier by phone".into(),
    }
}

/// 001 §IV.6–7: L1 records that it informed of the permission; once per ticket.
#[test]
fn c001_s4_7_the_permission_is_recorded_once() {
    let a = ok(&taken(TicketType::Incident), grant(), &ana(), 10);
    assert!(a.ticket.paper_permission_at.is_some());
    assert!(a.events.iter().any(|e| matches!(e.kind, EventKind::PaperPermissionGranted { .. })));
    assert!(clock_events(&a.events).iter().any(|e| e.kind
        == ClockEventKind::Milestone {
            name: Milestone::PaperPermissionGranted
        }));
    assert_eq!(refused(&a.ticket, grant(), &ana(), 20).code(), "same_value");
    let blank = Op::GrantPaperPermission { note: " ".into() };
    assert_eq!(refused(&taken(TicketType::Incident), blank, &ana(), 10).code(), "missing_reason");
}

/// 001 §IV.7: «Строк дії дозволу … складає 24 години з моменту інформування»:
/// informed Sat 21 Nov 22:00 (the term runs round the clock) → lapses Sun
/// 22 Nov 22:00; warned at 75 % (Sun 16:00) and 90 % (Sun 19:36) before.
#[test]
fn c001_s4_7_the_permission_lapses_24_hours_after_informing() {
    let events = [
        registered("2026-11-21T21:00:00+02:00"),
        milestone("2026-11-21T22:00:00+02:00", Milestone::PaperPermissionGranted),
    ];
    let p = policy("ncts-transit");
    let r = run(&p, &class(TicketType::Incident, 2), &events, "2026-11-22T17:00:00+02:00");
    let m = metric(&r, "paper_permission");
    assert_eq!(m.due, Some(at("2026-11-22T22:00:00+02:00")));
    assert_eq!(m.state, ClockState::Running);
    let warned: Vec<_> = m.warnings.iter().filter(|w| w.reached).map(|w| (w.threshold, w.at)).collect();
    assert_eq!(warned, vec![(0.75, at("2026-11-22T16:00:00+02:00"))]);
    let r = run(&p, &class(TicketType::Incident, 2), &events, "2026-11-22T22:00:01+02:00");
    assert_eq!(metric(&r, "paper_permission").state, ClockState::Breached, "lapsed");
}

/// 001 §IV.7: a request without a permission counts nothing.
#[test]
fn c001_s4_7_no_permission_no_term() {
    let r = run(
        &policy("ncts-transit"),
        &class(TicketType::Incident, 2),
        &[registered("2026-11-21T21:00:00+02:00")],
        "2026-11-23T10:00:00+02:00",
    );
    assert_eq!(metric(&r, "paper_permission").state, ClockState::NotStarted);
}

/// 002 §12: a timeline clarification is asked of a change request only, one at a time.
#[test]
fn c002_s12_timeline_clarification_is_for_change_requests() {
    let ask = || Op::RequestTimelineClarification {
        text: "When will the new report form be delivered?".into(),
    };
    assert_eq!(refused(&taken(TicketType::Incident), ask(), &ana(), 10).code(), "not_applicable");
    let t = ok(&taken(TicketType::ChangeRequest), ask(), &ana(), 10).ticket;
    assert_eq!(refused(&t, ask(), &ana(), 20).code(), "same_value");
    let answer = Op::GiveTimelineConclusion {
        text: "Delivered with the March release".into(),
    };
    let done = ok(&t, answer.clone(), &ana(), 30).ticket;
    assert!(done.timeline_clarification_at.is_none());
    assert_eq!(refused(&done, answer, &ana(), 40).code(), "invalid_input", "no open request to answer");
}

/// 002 §12: «заключение по запросу об уточнении сроков … в срок 5 рабочих
/// дней»: asked Wed 21 Oct 15:00 (9×5, Moscow) → Wed 28 Oct 18:00; the
/// conclusion given Mon 26 Oct meets it.
#[test]
fn c002_s12_timeline_conclusion_within_5_working_days() {
    let p = policy("lenobl-budget");
    let c = class(TicketType::ChangeRequest, 3);
    let mut events = vec![
        registered("2026-10-19T10:00:00+03:00"),
        milestone("2026-10-21T15:00:00+03:00", Milestone::TimelineClarificationRequested),
    ];
    let r = run(&p, &c, &events, "2026-10-22T10:00:00+03:00");
    let m = metric(&r, "timeline_conclusion");
    assert_eq!(m.target.as_deref(), Some("5 working days"));
    assert_eq!(m.due, Some(at("2026-10-28T18:00:00+03:00")));
    events.push(milestone("2026-10-26T12:00:00+03:00", Milestone::TimelineConclusionGiven));
    let r = run(&p, &c, &events, "2026-10-30T10:00:00+03:00");
    assert_eq!(metric(&r, "timeline_conclusion").state, ClockState::Met);
}

/// 002 §12 through the workflow: the ops feed the engine from the audit trail.
#[test]
fn c002_s12_the_ops_feed_the_engine() {
    let p = policy("lenobl-budget");
    let t0 = taken(TicketType::ChangeRequest);
    let asked = ok(&t0, Op::RequestTimelineClarification { text: "when?".into() }, &ana(), 60);
    // The request's own events are enough for this metric's start.
    let trail = asked.events.clone();
    let r = evaluate_ticket(&p, &asked.ticket, &trail, ticket_fixtures::at(120)).unwrap();
    let m = metric(&r, "timeline_conclusion");
    assert_eq!(m.state, ClockState::Running);
    assert_eq!(m.started_at, Some(ticket_fixtures::at(60)));
}
