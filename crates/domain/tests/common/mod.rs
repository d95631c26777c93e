//! Shorthand for SLA tests: events and instants from text.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use helpdesk_domain::policy::{CompiledPolicy, Policy, TicketClass};
use helpdesk_domain::sla::{evaluate, ClockEvent, ClockEventKind, MetricReport, SlaReport};
use helpdesk_domain::{Complexity, Line, Priority, Status, TicketType};

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}")).with_timezone(&Utc)
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn policy(name: &str) -> CompiledPolicy {
    Policy::preset(name).unwrap().compile(&[], &[]).unwrap()
}

pub fn policy_with_holidays(name: &str, holidays: &[&str]) -> CompiledPolicy {
    let holidays: Vec<NaiveDate> = holidays.iter().map(|d| date(d)).collect();
    Policy::preset(name).unwrap().compile(&holidays, &[]).unwrap()
}

pub fn class(ticket_type: TicketType, priority: u8) -> TicketClass {
    TicketClass {
        ticket_type,
        priority: Some(Priority::new(priority).unwrap()),
        complexity: None,
        service: None,
    }
}

pub fn ev(when: &str, kind: ClockEventKind) -> ClockEvent {
    ClockEvent { at: at(when), kind }
}

pub fn registered(when: &str) -> ClockEvent {
    ev(when, ClockEventKind::Registered { line: None })
}

/// Registered straight onto a group of `line`.
pub fn registered_on(when: &str, line: Line) -> ClockEvent {
    ev(when, ClockEventKind::Registered { line: Some(line) })
}

pub fn received(when: &str) -> ClockEvent {
    ev(when, ClockEventKind::Received)
}

pub fn status(when: &str, to: Status) -> ClockEvent {
    ev(when, ClockEventKind::Status { to })
}

pub fn priority(when: &str, to: u8) -> ClockEvent {
    ev(
        when,
        ClockEventKind::Priority {
            to: Priority::new(to).unwrap(),
        },
    )
}

pub fn complexity(when: &str, to: Complexity) -> ClockEvent {
    ev(when, ClockEventKind::Complexity { to })
}

pub fn workaround(when: &str) -> ClockEvent {
    ev(when, ClockEventKind::Workaround)
}

pub fn escalated(when: &str, line: Line) -> ClockEvent {
    ev(when, ClockEventKind::Escalated { line: Some(line) })
}

pub fn run(policy: &CompiledPolicy, class: &TicketClass, events: &[ClockEvent], now: &str) -> SlaReport {
    evaluate(policy, class, events, at(now)).unwrap()
}

pub fn metric<'a>(report: &'a SlaReport, name: &str) -> &'a MetricReport {
    report
        .metrics
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no metric {name} in {report:#?}"))
}

/// The deadline of one metric, as RFC 3339 in the given offset.
pub fn due_of(report: &SlaReport, name: &str, offset_hours: i32) -> String {
    let due = metric(report, name).due.unwrap_or_else(|| panic!("{name} has no deadline"));
    due.with_timezone(&chrono::FixedOffset::east_opt(offset_hours * 3600).unwrap()).to_rfc3339()
}
