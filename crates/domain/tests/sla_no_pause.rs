//! Presets whose regulation provides no pause (SPEC §3.3: pause only where
//! the regulation provides one): 000 §13 and 001 §III.12–13 count the time
//! spent waiting for the requester or postponed.

mod common;

use common::{at, class, policy, registered, registered_on, run, status};
use helpdesk_domain::sla::{ClockState, MetricReport, SlaReport, Step};
use helpdesk_domain::{Line, Status, TicketType};

fn metric<'a>(r: &'a SlaReport, name: &str) -> &'a MetricReport {
    r.metrics.iter().find(|m| m.name == name).unwrap_or_else(|| panic!("no {name}"))
}

fn no_pause_step(m: &MetricReport) -> bool {
    !m.steps.iter().any(|s| matches!(s, Step::Paused { .. }))
}

/// 000 §13 sets reaction and resolution by priority and names no status
/// that stops them: a P3 incident registered Mon 19 Oct 10:00 (24×7) that
/// waits for the requester 11:00–15:00 is still due 24 hours after its
/// registration, Tue 20 Oct 10:00, and its clock runs while it waits.
#[test]
fn c000_s13_waiting_for_the_requester_does_not_pause_resolution() {
    let events = [
        registered("2026-10-19T10:00:00+03:00"),
        status("2026-10-19T10:10:00+03:00", Status::InProgress),
        status("2026-10-19T11:00:00+03:00", Status::AwaitingInfo),
    ];
    let r = run(
        &policy("customs-helpdesk"),
        &class(TicketType::Incident, 3),
        &events,
        "2026-10-19T14:00:00+03:00",
    );
    let m = metric(&r, "resolution");
    assert_eq!(m.state, ClockState::Running, "awaiting_info does not pause under 000");
    assert_eq!(m.due, Some(at("2026-10-20T10:00:00+03:00")));
    assert!(no_pause_step(m), "{:?}", m.steps);
}

/// 000 §13: a postponement does not pause the resolution either.
#[test]
fn c000_s13_a_postponement_does_not_pause_resolution() {
    let events = [
        registered("2026-10-19T10:00:00+03:00"),
        status("2026-10-19T10:10:00+03:00", Status::InProgress),
        status("2026-10-19T11:00:00+03:00", Status::Postponed),
        status("2026-10-19T15:00:00+03:00", Status::InProgress),
    ];
    let r = run(
        &policy("customs-helpdesk"),
        &class(TicketType::Incident, 3),
        &events,
        "2026-10-19T16:00:00+03:00",
    );
    let m = metric(&r, "resolution");
    assert_eq!(m.due, Some(at("2026-10-20T10:00:00+03:00")));
    assert_eq!(m.elapsed_working_seconds, 6 * 3600);
    assert!(no_pause_step(m));
}

/// 001 §III.12–13: L2's processing runs from L2's taking into work to
/// «Відкладено»/«Вирішено»; «Розгляд продовжено» (information needed) does
/// not stop it — §III.13 extends the term instead. A P1 request (4 working
/// hours, Mon–Thu 08:00–17:00) taken by L2 Mon 19 Oct 10:30 and waiting for
/// the user 11:00–14:00 is due 14:30 the same day.
#[test]
fn c001_s3_13_awaiting_information_does_not_pause_l2_processing() {
    let events = [
        registered_on("2026-10-19T10:00:00+03:00", Line::L2),
        status("2026-10-19T10:30:00+03:00", Status::InProgress),
        status("2026-10-19T11:00:00+03:00", Status::AwaitingInfo),
        status("2026-10-19T14:00:00+03:00", Status::InProgress),
    ];
    let r = run(&policy("ncts-transit"), &class(TicketType::Incident, 1), &events, "2026-10-19T14:10:00+03:00");
    let m = metric(&r, "l2_processing");
    assert_eq!(m.due, Some(at("2026-10-19T14:30:00+03:00")));
    assert!(no_pause_step(m), "{:?}", m.steps);
}
