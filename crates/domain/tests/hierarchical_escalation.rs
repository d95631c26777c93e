//! Hierarchical escalation at a share of the resolution term (002 §8.2,
//! §13.16): the one rule the server's job, the laptop's notifier and the
//! ticket view apply.

mod common;

use common::{class, policy, registered, run, status};
use helpdesk_domain::escalation::hierarchical_escalation;
use helpdesk_domain::{Status, TicketType};

/// 002 §13.16: «при достижении определенного уровня срока … должен
/// обеспечить эскалацию заявки на следующую линию»: lenobl-budget sets the
/// level at 75 %. A high incident (3 working days from Mon 19 Oct 10:00,
/// due Thu 22 Oct 18:00) has used about 56 % of its term on Wed 21 Oct
/// 11:00 — no escalation yet — and more than 75 % on Thu 22 Oct 12:00.
#[test]
fn c002_s13_16_escalation_is_due_at_the_policy_share() {
    let p = policy("lenobl-budget");
    let events = [registered("2026-10-19T10:00:00+03:00"), status("2026-10-19T10:00:00+03:00", Status::InProgress)];
    let c = class(TicketType::Incident, 2);
    let before = hierarchical_escalation(&p, &run(&p, &c, &events, "2026-10-21T11:00:00+03:00")).expect("lenobl sets a share");
    assert_eq!(before.share, 0.75);
    assert!(!before.due, "{before:?}");
    let after = hierarchical_escalation(&p, &run(&p, &c, &events, "2026-10-22T12:00:00+03:00")).unwrap();
    assert!(after.due && after.used_share >= 0.75, "{after:?}");
}

/// 002 §8.2 «без нарушения установленных сроков»: a resolved ticket needs
/// no escalation, whatever share it used.
#[test]
fn c002_s8_2_no_escalation_once_resolved() {
    let p = policy("lenobl-budget");
    let events = [
        registered("2026-10-19T10:00:00+03:00"),
        status("2026-10-19T10:00:00+03:00", Status::InProgress),
        status("2026-10-21T17:00:00+03:00", Status::Resolved),
    ];
    let e = hierarchical_escalation(&p, &run(&p, &class(TicketType::Incident, 2), &events, "2026-10-22T12:00:00+03:00")).unwrap();
    assert!(!e.due);
}

/// A policy that sets no share (000 names none) escalates nothing by itself.
#[test]
fn c000_no_share_no_hierarchical_escalation() {
    let p = policy("customs-helpdesk");
    let r = run(
        &p,
        &class(TicketType::Incident, 1),
        &[registered("2026-10-19T10:00:00+03:00")],
        "2026-10-19T14:00:00+03:00",
    );
    assert!(hierarchical_escalation(&p, &r).is_none());
}
