//! The reasons a ticket is rejected for, per clause (004 §3.5).

mod ticket_fixtures;

use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::RejectReason;
use helpdesk_domain::workflow::EventKind;
use helpdesk_domain::{Status, TicketType};
use ticket_fixtures::{ana, ok, refused, taken};

fn no_approval() -> Op {
    Op::Reject {
        reason: RejectReason::NoMinistryApproval,
        note: "the ministry did not approve the change request".into(),
    }
}

/// 004 §3.5: «отсутствие согласования министерства … Запроса на
/// согласование «Запросов на изменение»» closes a change request.
#[test]
fn c004_s3_5_no_ministry_approval_rejects_a_change_request() {
    let a = ok(&taken(TicketType::ChangeRequest), no_approval(), &ana(), 5);
    assert_eq!(a.ticket.status, Status::Closed);
    assert_eq!(a.ticket.rejection.as_ref().map(|r| &r.reason), Some(&RejectReason::NoMinistryApproval));
    assert!(a.events.iter().any(|e| matches!(
        &e.kind,
        EventKind::Rejected {
            reason: RejectReason::NoMinistryApproval,
            ..
        }
    )));
}

/// 004 §3.5 names the ministry's approval for change requests only: the
/// other types are refused with `not_applicable`, and nothing changes.
#[test]
fn c004_s3_5_no_ministry_approval_is_for_change_requests_only() {
    for ticket_type in [TicketType::Incident, TicketType::ServiceRequest, TicketType::Consultation] {
        let t = taken(ticket_type);
        let refusal = refused(&t, no_approval(), &ana(), 5);
        assert_eq!(refusal.code(), "not_applicable", "{ticket_type}");
        assert!(refusal.to_string().contains("004 §3.5"), "{refusal}");
    }
}

/// The wire name the CLI and the desktop send, listed in `RejectReason::NAMES`.
#[test]
fn c004_s3_5_no_ministry_approval_wire_name() {
    let json = serde_json::to_value(RejectReason::NoMinistryApproval).unwrap();
    assert_eq!(json, serde_json::json!("no_ministry_approval"));
    assert!(RejectReason::NAMES.contains(&RejectReason::NoMinistryApproval.as_str()));
    for name in RejectReason::NAMES.iter().filter(|n| **n != "duplicate_of") {
        let reason: RejectReason = serde_json::from_value(serde_json::json!(name)).unwrap();
        assert_eq!(reason.as_str(), *name);
    }
}
