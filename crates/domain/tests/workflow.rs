//! The ticket workflow of SPEC §2: registration, the state machine, the
//! authorization rules and the wire form of ops. Each rule's test names the
//! clause it comes from.

mod ticket_fixtures;

use chrono::{DateTime, Duration, TimeZone, Utc};
use helpdesk_domain::actions::{allowed_ops, availability, probe};
use helpdesk_domain::ops::{AssignTarget, Op, OpKind};
use helpdesk_domain::policy::Policy;
use helpdesk_domain::ticket::{
    register, register_with, Attachment, CloseBasis, LinkKind, NewTicket, PostponeReason, RejectReason, Requester, RequesterKind, ResolutionCode, Ticket,
    Visibility,
};
use helpdesk_domain::workflow::{apply, apply_with, rule, Actor, Applied, EventKind, Membership, Permissions, Refusal, Role, WorkflowLimits, RULES};
use helpdesk_domain::{Channel, Complexity, Impact, Line, Priority, Status, TicketType, Urgency};
use ticket_fixtures::new_ticket;

// ---------------------------------------------------------------- fixtures

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap()
}

fn at(minutes: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(minutes)
}

fn analyst(id: &str, groups: &[(&str, Line)]) -> Actor {
    Actor {
        user_id: id.into(),
        role: Role::Analyst,
        groups: groups.iter().map(|(g, l)| Membership { group: (*g).into(), line: *l }).collect(),
        permissions: Permissions::default(),
    }
}

/// Member of G1 (the ticket's group, L2).
fn ana() -> Actor {
    analyst("ana", &[("G1", Line::L2)])
}
/// Another member of G1.
fn bob() -> Actor {
    analyst("bob", &[("G1", Line::L2)])
}
/// The lead of G1.
fn lead() -> Actor {
    let mut a = analyst("lead", &[("G1", Line::L2)]);
    a.permissions.group_lead = true;
    a
}
/// A member of G2 only.
fn carl() -> Actor {
    analyst("carl", &[("G2", Line::L2)])
}
/// An L1 operator of the contact centre's group.
fn olga() -> Actor {
    analyst("olga", &[("L1-CC", Line::L1)])
}
fn admin() -> Actor {
    Actor {
        user_id: "root".into(),
        role: Role::Administrator,
        groups: vec![],
        permissions: Permissions::default(),
    }
}
/// The requester of the fixture ticket.
fn requester() -> Actor {
    Actor {
        user_id: "req-1".into(),
        role: Role::SelfService,
        groups: vec![],
        permissions: Permissions::default(),
    }
}
fn stranger() -> Actor {
    Actor {
        user_id: "req-2".into(),
        role: Role::SelfService,
        groups: vec![],
        permissions: Permissions::default(),
    }
}

fn registered() -> Ticket {
    register(new_ticket(), "olga", t0()).expect("the fixture registers").ticket
}

fn ok(ticket: &Ticket, op: Op, actor: &Actor, minute: i64) -> Applied {
    match apply(ticket, &op, actor, at(minute)) {
        Ok(a) => a,
        Err(e) => panic!("{op:?} by {} on {}: refused: {e}", actor.user_id, ticket.status),
    }
}

fn refused(ticket: &Ticket, op: Op, actor: &Actor) -> Refusal {
    match apply(ticket, &op, actor, at(1000)) {
        Ok(a) => panic!("{op:?} by {} on {} was applied: {:?}", actor.user_id, ticket.status, a.events),
        Err(e) => e,
    }
}

/// A ticket in `status`, reached through the workflow by ana (owner where the status has one).
/// [`in_status`], made fit for `kind`'s sample: the timeline ops of
/// 002 §12 need a change request, the conclusion an open request.
fn fixture_for(kind: OpKind, status: Status) -> Ticket {
    let mut t = in_status(status);
    if matches!(kind, OpKind::RequestTimelineClarification | OpKind::GiveTimelineConclusion) {
        t.ticket_type = TicketType::ChangeRequest;
    }
    if kind == OpKind::GiveTimelineConclusion {
        t.timeline_clarification_at = Some(t0());
    }
    if kind == OpKind::AnswerReclassification {
        t.pending_reclassification = Some(helpdesk_domain::ticket::PendingReclassification {
            ticket_type: Some(TicketType::Consultation),
            level: None,
            note: "a question".into(),
            asked_at: t0(),
        });
    }
    t
}

fn in_status(status: Status) -> Ticket {
    let t = registered();
    if status == Status::New {
        return t;
    }
    let t = ok(&t, Op::Take {}, &ana(), 1).ticket;
    match status {
        Status::New => unreachable!(),
        Status::InProgress => t,
        Status::AwaitingInfo => {
            ok(
                &t,
                Op::RequestInfo {
                    question: "Which declaration number?".into(),
                },
                &ana(),
                2,
            )
            .ticket
        }
        Status::Postponed => ok(&t, postpone(), &ana(), 2).ticket,
        Status::Resolved => ok(&t, resolve(), &ana(), 2).ticket,
        Status::Closed => {
            let t = ok(&t, resolve(), &ana(), 2).ticket;
            ok(&t, Op::Close { basis: CloseBasis::Confirmed }, &requester(), 3).ticket
        }
    }
}

fn postpone() -> Op {
    Op::Postpone {
        reason: PostponeReason::SoftwareChange,
        note: "Fixed in release 2.3".into(),
    }
}
fn resolve() -> Op {
    Op::Resolve {
        code: "fixed".into(),
        text: "The certificate was renewed".into(),
        kb: vec![],
    }
}
fn comment(v: Visibility, text: &str) -> Op {
    Op::Comment {
        visibility: v,
        text: text.into(),
        attachments: vec![],
    }
}

/// One valid op of each kind for the fixture (an incident of G1, owned by ana when not new).
fn sample(kind: OpKind) -> Op {
    match kind {
        OpKind::Take => Op::Take {},
        OpKind::Assign => Op::Assign {
            to: AssignTarget::User("bob".into()),
        },
        OpKind::Comment => comment(Visibility::Internal, "checked the logs"),
        OpKind::RequestInfo => Op::RequestInfo {
            question: "Which declaration number?".into(),
        },
        OpKind::InfoReceived => Op::InfoReceived {
            text: "MRN 25UA0001".into(),
            attachments: vec![],
        },
        OpKind::Postpone => postpone(),
        OpKind::Resume => Op::Resume {},
        OpKind::Escalate => Op::Escalate {
            line: Some(Line::L3),
            group: Some("VENDOR".into()),
            note: "Needs a code fix".into(),
        },
        OpKind::AddCoExecutor => Op::AddCoExecutor { group: "G2".into() },
        OpKind::SetPriority => Op::SetPriority {
            level: Some(Priority::HIGHEST),
            impact: None,
            urgency: None,
            note: None,
        },
        OpKind::SetComplexity => Op::SetComplexity {
            complexity: Complexity::Complex,
        },
        OpKind::ChangeType => Op::ChangeType {
            ticket_type: TicketType::ServiceRequest,
            note: "the requester asks for an account, not a repair".into(),
        },
        OpKind::GrantPaperPermission => Op::GrantPaperPermission {
            note: "informed the customs office and the carrier".into(),
        },
        OpKind::RequestTimelineClarification => Op::RequestTimelineClarification {
            text: "When will it be delivered?".into(),
        },
        OpKind::GiveTimelineConclusion => Op::GiveTimelineConclusion {
            text: "With the March release".into(),
        },
        OpKind::ProposeReclassification => Op::ProposeReclassification {
            ticket_type: Some(TicketType::Consultation),
            level: None,
            note: "a question, not a failure".into(),
        },
        OpKind::AnswerReclassification => Op::AnswerReclassification {
            agreed: false,
            note: "disagrees".into(),
        },
        OpKind::Rate => Op::Rate {
            score: 4,
            comment: "Solved the same day".into(),
        },
        OpKind::GiveWorkaround => Op::GiveWorkaround {
            text: "Submit through the backup form".into(),
        },
        OpKind::Resolve => resolve(),
        OpKind::RequestConfirmation => Op::RequestConfirmation {
            text: "Please confirm the renewed certificate solved it".into(),
        },
        OpKind::Reopen => Op::Reopen {
            reason: "Still fails on submit".into(),
        },
        OpKind::Close => Op::Close { basis: CloseBasis::Confirmed },
        OpKind::Reject => Op::Reject {
            reason: RejectReason::OutOfScope,
            note: "A complaint goes to chapter 4 of the Customs Code".into(),
        },
        OpKind::LinkKb => Op::LinkKb { article: "KB-17".into() },
        OpKind::LinkTicket => Op::LinkTicket {
            ticket: "HD-000002".into(),
            kind: LinkKind::Related,
        },
        OpKind::ExtendDeadline => Op::ExtendDeadline {
            metric: "resolution".into(),
            until: t0() + Duration::days(30),
            justification: "The vendor ships the fix in release 2.3".into(),
        },
    }
}

fn status_changes(events: &[helpdesk_domain::workflow::TicketEvent]) -> Vec<(Status, Status)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::StatusChanged { from, to } => Some((*from, *to)),
            _ => None,
        })
        .collect()
}

// ------------------------------------------------------ the state machine

const S: [Status; 6] = [
    Status::New,
    Status::InProgress,
    Status::AwaitingInfo,
    Status::Postponed,
    Status::Resolved,
    Status::Closed,
];

/// SPEC §2.1 (001 §III.9; 002 §14; 004 §2.4, §3): the whole table, written
/// out independently of the code's `RULES`. Columns: new, in_progress,
/// awaiting_info, postponed, resolved, closed. `x` allowed, `.` refused, and
/// the status after the op (`=` unchanged).
#[rustfmt::skip]
const TABLE: &[(OpKind, &str, [Option<Status>; 6])] = {
    use Status::*;
    const U: Option<Status> = None;
    &[
        (OpKind::Take,           "xx....", [Some(InProgress), Some(InProgress), U, U, U, U]),
        (OpKind::Assign,         "xxxx..", [Some(InProgress), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::Comment,        "xxxxxx", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), Some(Resolved), Some(Closed)]),
        (OpKind::RequestInfo,    "xxxx..", [Some(AwaitingInfo), Some(AwaitingInfo), Some(AwaitingInfo), Some(AwaitingInfo), U, U]),
        (OpKind::InfoReceived,   "..x...", [U, U, Some(InProgress), U, U, U]),
        (OpKind::Postpone,       "xxx...", [Some(Postponed), Some(Postponed), Some(Postponed), U, U, U]),
        (OpKind::Resume,         "..xx..", [U, U, Some(InProgress), Some(InProgress), U, U]),
        (OpKind::Escalate,       "xxxx..", [Some(New), Some(New), Some(New), Some(New), U, U]),
        (OpKind::AddCoExecutor,  "xxxx..", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::SetPriority,    "xxxx..", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::SetComplexity,  "xxxx..", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::ChangeType,     "xxxx..", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::GiveWorkaround, ".xxx..", [U, Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::Resolve,        "xxxx..", [Some(Resolved), Some(Resolved), Some(Resolved), Some(Resolved), U, U]),
        (OpKind::RequestConfirmation, "....x.", [U, U, U, U, Some(Resolved), U]),
        (OpKind::Reopen,         "....x.", [U, U, U, U, Some(InProgress), U]),
        (OpKind::Close,          "....x.", [U, U, U, U, Some(Closed), U]),
        (OpKind::Reject,         "xxxx..", [Some(Closed), Some(Closed), Some(Closed), Some(Closed), U, U]),
        (OpKind::LinkKb,         "xxxxx.", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), Some(Resolved), U]),
        (OpKind::LinkTicket,     "xxxxx.", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), Some(Resolved), U]),
        (OpKind::ExtendDeadline, "xxxx..", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::GrantPaperPermission, "xxxx..", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::RequestTimelineClarification, "xxxx..", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::GiveTimelineConclusion, "xxxx..", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::ProposeReclassification, "xxxx..", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::AnswerReclassification, "xxxx..", [Some(New), Some(InProgress), Some(AwaitingInfo), Some(Postponed), U, U]),
        (OpKind::Rate,           ".....x", [U, U, U, U, U, Some(Closed)]),
    ]
};

#[test]
fn the_table_covers_every_op_and_matches_the_rules() {
    assert_eq!(TABLE.len(), OpKind::ALL.len());
    assert_eq!(RULES.len(), OpKind::ALL.len());
    for kind in OpKind::ALL {
        let (_, allowed, _) = TABLE.iter().find(|(k, _, _)| k == kind).unwrap();
        let expected: Vec<Status> = S.iter().zip(allowed.chars()).filter(|(_, c)| *c == 'x').map(|(s, _)| *s).collect();
        assert_eq!(rule(*kind).from, expected.as_slice(), "{kind}");
    }
}

/// Every Status × Op pair, for each actor who is otherwise allowed everything
/// (the group lead and an administrator): allowed exactly where the table
/// says, to the status it says; refused elsewhere with `wrong_status` naming
/// the statuses the op is allowed from. Every status change is recorded with
/// who and when (001 §III.9–10).
#[test]
fn every_status_times_every_op() {
    for actor in [lead(), admin()] {
        for (i, status) in S.iter().enumerate() {
            for (kind, allowed, next) in TABLE {
                let ticket = fixture_for(*kind, *status);
                assert_eq!(ticket.status, *status);
                let op = sample(*kind);
                let result = apply(&ticket, &op, &actor, at(500));
                if allowed.as_bytes()[i] == b'x' {
                    let applied = result.unwrap_or_else(|e| panic!("{kind} from {status} by {}: {e}", actor.user_id));
                    let to = next[i].unwrap();
                    assert_eq!(applied.ticket.status, to, "{kind} from {status}");
                    assert_eq!(applied.ticket.version, ticket.version + 1);
                    assert!(!applied.events.is_empty());
                    assert!(applied.events.iter().all(|e| e.at == at(500) && e.actor == actor.user_id));
                    let expected_changes = if to == *status { vec![] } else { vec![(*status, to)] };
                    assert_eq!(status_changes(&applied.events), expected_changes, "{kind} from {status}");
                } else {
                    let e = result.expect_err(&format!("{kind} from {status} must be refused"));
                    assert_eq!(e.code(), "wrong_status", "{kind} from {status}: {e}");
                    assert_eq!(e.op(), *kind);
                    assert_eq!(e.status(), *status);
                    match &e {
                        Refusal::WrongStatus { allowed: a, .. } => {
                            assert_eq!(a.as_slice(), rule(*kind).from)
                        }
                        other => panic!("{other:?}"),
                    }
                    let msg = e.to_string();
                    assert!(msg.contains(kind.as_str()) && msg.contains(status.as_str()), "{msg}");
                }
            }
        }
    }
}

/// Rule: a closed ticket accepts nothing but comments and its rating
/// (decision documented in `workflow`; 002 §6.8: new questions become new
/// tickets; 003 §6.1.12: the requester rates the answer).
#[test]
fn closed_accepts_only_comments_from_the_desk() {
    let closed = in_status(Status::Closed);
    for kind in OpKind::ALL {
        let r = apply(&closed, &sample(*kind), &admin(), at(100));
        assert_eq!(r.is_ok(), matches!(*kind, OpKind::Comment | OpKind::Rate), "{kind}");
    }
    let a = ok(&closed, comment(Visibility::Internal, "Declaration UA100 released"), &ana(), 100);
    assert_eq!(a.ticket.status, Status::Closed);
    // 002 §6.8: the requester files a new ticket instead.
    let e = refused(&closed, comment(Visibility::Public, "One more question"), &requester());
    assert_eq!(e.code(), "wrong_status");
}

// ------------------------------------------------------------ registration

/// 001 §III.6; 004 §2.4: registration assigns the number, records date and
/// time, status «Новий запит» / «Новая».
#[test]
fn registration_gives_a_new_ticket_with_its_registered_event() {
    let a = register(new_ticket(), "olga", t0()).unwrap();
    let t = &a.ticket;
    assert_eq!((t.status, t.version, t.owner.clone()), (Status::New, 1, None));
    assert_eq!(t.number, "HD-000001");
    assert_eq!(t.registered_at, t0());
    assert_eq!(t.received_at, t0());
    // 000 §13, §20: priority from impact × urgency.
    assert_eq!(t.priority, Priority::from_matrix(Impact::Medium, Urgency::Medium));
    assert_eq!(a.events.len(), 1);
    assert_eq!(a.events[0].actor, "olga");
    assert_eq!(a.events[0].at, t0());
    match &a.events[0].kind {
        EventKind::Registered {
            status,
            priority,
            line,
            group,
            received_at,
            ticket_type,
            ..
        } => {
            assert_eq!(*status, Status::New);
            assert_eq!(*priority, t.priority);
            assert_eq!(*line, Line::L2);
            assert_eq!(group, "G1");
            assert_eq!(*received_at, t0());
            assert_eq!(*ticket_type, TicketType::Incident);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_explicit_priority_and_receipt_time_are_kept() {
    let mut n = new_ticket();
    n.priority = Some(Priority::new(2).unwrap());
    n.received_at = Some(t0() - Duration::hours(3));
    let t = register(n, "olga", t0()).unwrap().ticket;
    assert_eq!(t.priority.value(), 2);
    assert_eq!(t.received_at, t0() - Duration::hours(3));
}

/// 003 §4.10 and 004 §3.1 set terms by complexity and by type, never by
/// priority: registering under those policies needs no impact and urgency.
/// The ticket is then recorded at the lowest level of the 000 §13 matrix
/// (low × low = P5), which no term of those policies reads. Under 000 §13,
/// whose resolution terms are by priority, they stay required; under 002 a
/// change request (its conclusion term, §12, ignores priority) needs none.
#[test]
fn clause_003_4_10_and_004_3_1_registration_needs_no_priority_where_no_term_reads_it() {
    let mut n = new_ticket();
    n.impact = None;
    n.urgency = None;
    for preset in ["primorye-social", "customs-contact-centre"] {
        let rules = Policy::preset(preset).unwrap().registration_rules(n.ticket_type);
        let t = register_with(n.clone(), "olga", t0(), rules).unwrap_or_else(|e| panic!("{preset}: {e}")).ticket;
        assert_eq!(t.priority, Priority::LOWEST, "{preset}");
        assert_eq!((t.impact, t.urgency), (Impact::Low, Urgency::Low), "{preset}");
    }
    for preset in ["customs-helpdesk", "ncts-transit", "lenobl-budget"] {
        let rules = Policy::preset(preset).unwrap().registration_rules(n.ticket_type);
        let e = register_with(n.clone(), "olga", t0(), rules).unwrap_err();
        assert_eq!(e.field_names(), ["impact", "urgency"], "{preset}");
        assert!(e.fields[0].message.contains("priority"), "{preset}: {}", e.fields[0].message);
    }
    // 002 §12: a change request's conclusion does not depend on priority.
    let mut change = n.clone();
    change.ticket_type = Some(TicketType::ChangeRequest);
    change.channel = Some(Channel::Email);
    change.requester.position = Some("Head of unit".into());
    let rules = Policy::preset("lenobl-budget").unwrap().registration_rules(change.ticket_type);
    assert!(register_with(change, "olga", t0(), rules).is_ok());
    // Given anyway, they are kept.
    let rules = Policy::preset("primorye-social").unwrap().registration_rules(Some(TicketType::Incident));
    let t = register_with(new_ticket(), "olga", t0(), rules).unwrap().ticket;
    assert_eq!((t.impact, t.urgency, t.priority.value()), (Impact::Medium, Urgency::Medium, 4));
    // Without a policy, `register` keeps requiring them.
    assert_eq!(register(n, "olga", t0()).unwrap_err().field_names(), ["impact", "urgency"]);
}

/// 001 §III.7; 002 §6.3, §6.5.2; 004 §2.4: an empty form names every missing field.
#[test]
fn an_empty_form_names_every_missing_field() {
    let e = register(NewTicket::default(), "olga", t0()).unwrap_err();
    assert_eq!(e.code(), "registration_invalid");
    let names = e.field_names();
    for f in [
        "id",
        "number",
        "type",
        "subject",
        "description",
        "service",
        "channel",
        "impact",
        "urgency",
        "line",
        "group",
        "requester.kind",
        "requester.name",
        "requester.email_or_phone",
    ] {
        assert!(names.contains(&f), "{f} missing from {names:?}");
    }
    let msg = e.to_string();
    assert!(msg.contains("requester.name"), "{msg}");
}

/// The server turns the JSON body into a NewTicket: absent keys are reported
/// by `register`, not by serde, so the 422 names all of them.
#[test]
fn a_json_form_with_absent_keys_deserializes_and_reports_them_all() {
    let n: NewTicket = serde_json::from_str(r#"{"type":"consultation","channel":"phone","requester":{"name":"Olena"}}"#).unwrap();
    let e = register(n, "olga", t0()).unwrap_err();
    let names = e.field_names();
    assert!(
        names.contains(&"subject") && names.contains(&"requester.kind") && names.contains(&"requester.email_or_phone"),
        "{names:?}"
    );
    assert!(!names.contains(&"type") && !names.contains(&"requester.name"), "{names:?}");
    assert!(
        serde_json::from_str::<NewTicket>(r#"{"subjekt":"typo"}"#).is_err(),
        "unknown fields are refused"
    );
}

/// 001 §II.3(1): a legal entity gives its name and EDRPOU code (8 digits).
#[test]
fn legal_entity_needs_name_and_edrpou_001_s2_3_1() {
    let mut n = new_ticket();
    n.requester.organisation = None;
    n.requester.edrpou = None;
    assert_eq!(
        register(n.clone(), "olga", t0()).unwrap_err().field_names(),
        ["requester.organisation", "requester.edrpou"]
    );
    n.requester.organisation = Some("TOV".into());
    n.requester.edrpou = Some("1234".into());
    let e = register(n, "olga", t0()).unwrap_err();
    assert_eq!(e.field_names(), ["requester.edrpou"]);
    assert_eq!(e.fields[0].problem.as_str(), "invalid");
}

/// 001 §II.3(1): an entrepreneur gives the taxpayer number (10 digits).
#[test]
fn entrepreneur_needs_tax_number_001_s2_3_1() {
    let mut n = new_ticket();
    n.requester.kind = Some(RequesterKind::Entrepreneur);
    assert_eq!(register(n.clone(), "olga", t0()).unwrap_err().field_names(), ["requester.tax_number"]);
    n.requester.tax_number = Some("1234567890".into());
    assert!(register(n, "olga", t0()).is_ok());
}

/// 001 §II.3(2): an official gives the customs unit and the position.
#[test]
fn official_needs_unit_and_position_001_s2_3_2() {
    let mut n = new_ticket();
    n.requester.kind = Some(RequesterKind::Official);
    assert_eq!(
        register(n.clone(), "olga", t0()).unwrap_err().field_names(),
        ["requester.customs_unit", "requester.position"]
    );
    n.requester.customs_unit = Some("UA100000".into());
    n.requester.position = Some("inspector".into());
    assert!(register(n, "olga", t0()).is_ok());
}

/// 004 §2.3.1.1; 002 Appendix 2: an employee names the organisation.
#[test]
fn employee_needs_organisation_004_s2_3_1_1() {
    let mut n = new_ticket();
    n.requester = Requester {
        kind: Some(RequesterKind::Employee),
        name: "Anna".into(),
        email: Some("anna@lenobl.ru".into()),
        user_id: Some("req-1".into()),
        ..Requester::default()
    };
    assert_eq!(register(n, "olga", t0()).unwrap_err().field_names(), ["requester.organisation"]);
}

/// 001 §II.3; 000 §19: an e-mail and/or a phone; 001 §III.14: an e-mail
/// request is answered by e-mail; formats are checked.
#[test]
fn contact_channel_rules_001_s2_3_and_s3_14() {
    let mut n = new_ticket();
    n.requester.email = None;
    assert_eq!(register(n.clone(), "olga", t0()).unwrap_err().field_names(), ["requester.email_or_phone"]);
    n.requester.phone = Some("+380 44 481-19-49".into());
    assert!(register(n.clone(), "olga", t0()).is_ok(), "a phone is enough on the portal");
    n.channel = Some(Channel::Email);
    assert_eq!(register(n.clone(), "olga", t0()).unwrap_err().field_names(), ["requester.email"]);
    n.requester.email = Some("not-an-address".into());
    n.requester.phone = Some("call me".into());
    let e = register(n, "olga", t0()).unwrap_err();
    assert_eq!(e.field_names(), ["requester.email", "requester.phone"]);
    assert!(e.fields.iter().all(|f| f.problem.as_str() == "invalid"));
}

/// 000 §15, §19: a portal request comes from a Self Service account.
#[test]
fn portal_request_needs_the_account_000_s19() {
    let mut n = new_ticket();
    n.requester.user_id = None;
    assert_eq!(register(n.clone(), "olga", t0()).unwrap_err().field_names(), ["requester.user_id"]);
    n.channel = Some(Channel::Phone);
    assert!(register(n, "olga", t0()).is_ok());
}

/// 004 §2.3.1.9: an incident states the expected and the actual result.
#[test]
fn incident_needs_expected_and_actual_result_004_s2_3_1_9() {
    let mut n = new_ticket();
    n.expected_result = None;
    n.actual_result = Some("  ".into());
    assert_eq!(
        register(n.clone(), "olga", t0()).unwrap_err().field_names(),
        ["expected_result", "actual_result"]
    );
    // 000 §18(2): an incident raised by monitoring has no requester to ask.
    n.channel = Some(Channel::Monitoring);
    n.requester = Requester {
        name: "Zabbix".into(),
        ..Requester::default()
    };
    assert!(register(n, "monitor", t0()).is_ok());
}

/// 004 §2.3.1.3, §2.3.1.10, §2.3.1.11: a change request comes by e-mail,
/// with the requester's position and the expected behaviour.
#[test]
fn change_request_rules_004_s2_3_1_3_10_11() {
    let mut n = new_ticket();
    n.ticket_type = Some(TicketType::ChangeRequest);
    n.expected_result = None;
    let e = register(n.clone(), "olga", t0()).unwrap_err();
    assert_eq!(e.field_names(), ["requester.position", "expected_result", "channel"]);
    assert!(e.fields.iter().any(|f| f.clause.as_deref() == Some("004 §2.3.1.11")));
    n.channel = Some(Channel::Email);
    n.requester.position = Some("chief accountant".into());
    n.expected_result = Some("A new report".into());
    assert!(register(n, "olga", t0()).is_ok());
}

#[test]
fn attachments_and_receipt_time_are_checked() {
    let mut n = new_ticket();
    n.attachments = vec![
        Attachment {
            name: "screen.png".into(),
            sha256: "a".repeat(64),
            size: 10,
        },
        Attachment {
            name: " ".into(),
            sha256: "XYZ".into(),
            size: 0,
        },
    ];
    n.received_at = Some(t0() + Duration::minutes(1));
    assert_eq!(
        register(n, "olga", t0()).unwrap_err().field_names(),
        ["attachments[1].name", "attachments[1].sha256", "attachments[1].size", "received_at"]
    );
}

// --------------------------------------------------------- focused rules

/// 000 §20: a member of the group takes the ticket: owner and «В роботі» (001 §III.9(2)).
#[test]
fn take_from_new_000_s20() {
    let a = ok(&registered(), Op::Take {}, &ana(), 5);
    assert_eq!(a.ticket.owner.as_deref(), Some("ana"));
    assert_eq!(a.ticket.status, Status::InProgress);
    assert!(matches!(&a.events[0].kind, EventKind::OwnerChanged { from: None, to: Some(o) } if o == "ana"));
    assert_eq!(status_changes(&a.events), [(Status::New, Status::InProgress)]);
}

#[test]
fn take_over_within_the_group_and_not_twice() {
    let t = in_status(Status::InProgress);
    let a = ok(&t, Op::Take {}, &bob(), 5);
    assert_eq!(a.ticket.owner.as_deref(), Some("bob"));
    assert!(status_changes(&a.events).is_empty());
    assert_eq!(refused(&a.ticket, Op::Take {}, &bob()).code(), "same_value");
    assert_eq!(refused(&t, Op::Take {}, &carl()).code(), "not_in_group");
}

/// 000 §20: leads give every ticket an owner; the owner may hand over; a
/// member may only assign themselves.
#[test]
fn assign_to_a_user_000_s20() {
    let t = registered();
    let a = ok(
        &t,
        Op::Assign {
            to: AssignTarget::User("bob".into()),
        },
        &lead(),
        5,
    );
    assert_eq!((a.ticket.owner.as_deref(), a.ticket.status), (Some("bob"), Status::InProgress));
    assert_eq!(
        refused(
            &t,
            Op::Assign {
                to: AssignTarget::User("bob".into())
            },
            &ana()
        )
        .code(),
        "not_group_lead"
    );
    assert_eq!(
        ok(
            &t,
            Op::Assign {
                to: AssignTarget::User("ana".into())
            },
            &ana(),
            5
        )
        .ticket
        .owner
        .as_deref(),
        Some("ana")
    );
    let owned = in_status(Status::Postponed);
    let handed = ok(
        &owned,
        Op::Assign {
            to: AssignTarget::User("bob".into()),
        },
        &ana(),
        5,
    );
    assert_eq!((handed.ticket.owner.as_deref(), handed.ticket.status), (Some("bob"), Status::Postponed));
    assert_eq!(
        refused(
            &owned,
            Op::Assign {
                to: AssignTarget::User("ana".into())
            },
            &lead()
        )
        .code(),
        "same_value"
    );
    assert_eq!(
        refused(
            &owned,
            Op::Assign {
                to: AssignTarget::User("x".into())
            },
            &carl()
        )
        .code(),
        "not_in_group"
    );
    assert_eq!(
        refused(
            &owned,
            Op::Assign {
                to: AssignTarget::User(" ".into())
            },
            &lead()
        )
        .code(),
        "empty_text"
    );
}

/// 003 §4.11–4.12: re-routing to another group; it waits there to be taken.
#[test]
fn assign_to_a_group_reroutes_003_s4_11() {
    let t = in_status(Status::InProgress);
    let a = ok(
        &t,
        Op::Assign {
            to: AssignTarget::Group("G2".into()),
        },
        &ana(),
        5,
    );
    assert_eq!((a.ticket.group.as_str(), a.ticket.owner.clone(), a.ticket.status), ("G2", None, Status::New));
    assert!(matches!(&a.events[0].kind, EventKind::GroupChanged { from, to } if from == "G1" && to == "G2"));
    assert_eq!(
        refused(
            &t,
            Op::Assign {
                to: AssignTarget::Group("G1".into())
            },
            &ana()
        )
        .code(),
        "same_value"
    );
    // now carl (G2) can take it, ana cannot any more.
    assert!(apply(&a.ticket, &Op::Take {}, &carl(), at(6)).is_ok());
    assert_eq!(refused(&a.ticket, Op::Take {}, &ana()).code(), "not_in_group");
}

/// 000 §20(4), 002 §9.3(7), 003 §4.12: escalation hands over to another
/// line/group, clears the owner, back to `new`; the event carries both.
#[test]
fn escalate_000_s20_4_and_003_s4_12() {
    let t = in_status(Status::InProgress);
    let a = ok(&t, sample(OpKind::Escalate), &ana(), 5);
    assert_eq!((a.ticket.line, a.ticket.group.as_str(), a.ticket.owner.clone()), (Line::L3, "VENDOR", None));
    assert_eq!(a.ticket.status, Status::New);
    assert!(matches!(&a.events[0].kind,
        EventKind::Escalated { from_line: Line::L2, line: Line::L3, from_group, group, note }
        if from_group == "G1" && group == "VENDOR" && note == "Needs a code fix"));
    assert!(matches!(&a.events[1].kind, EventKind::OwnerChanged { from: Some(_), to: None }));
    assert_eq!(status_changes(&a.events), [(Status::InProgress, Status::New)]);
    // line only keeps the group
    let l = ok(
        &t,
        Op::Escalate {
            line: Some(Line::L3),
            group: None,
            note: "vendor".into(),
        },
        &ana(),
        5,
    );
    assert_eq!((l.ticket.line, l.ticket.group.as_str()), (Line::L3, "G1"));
    let no_note = Op::Escalate {
        line: Some(Line::L3),
        group: None,
        note: " ".into(),
    };
    assert_eq!(refused(&t, no_note, &ana()).code(), "missing_reason");
    let nothing = Op::Escalate {
        line: None,
        group: None,
        note: "x".into(),
    };
    assert_eq!(refused(&t, nothing, &ana()).code(), "invalid_input");
    let same = Op::Escalate {
        line: Some(Line::L2),
        group: Some("G1".into()),
        note: "x".into(),
    };
    assert_eq!(refused(&t, same, &ana()).code(), "same_value");
    // an L1 operator escalates a new ticket of their group to L2 (000 §20; 003 §4.9)
    let mut n = new_ticket();
    n.line = Some(Line::L1);
    n.group = "L1-CC".into();
    let t1 = register(n, "olga", t0()).unwrap().ticket;
    let up = ok(
        &t1,
        Op::Escalate {
            line: Some(Line::L2),
            group: Some("G1".into()),
            note: "Not in the KB".into(),
        },
        &olga(),
        5,
    );
    assert_eq!((up.ticket.line, up.ticket.group.as_str()), (Line::L2, "G1"));
}

/// 003 §4.10, §4.15: co-executor groups; their members comment and link,
/// the owner's group does the work.
#[test]
fn co_executors_003_s4_15() {
    let t = in_status(Status::InProgress);
    assert_eq!(refused(&t, comment(Visibility::Internal, "hi"), &carl()).code(), "not_in_group");
    let a = ok(&t, Op::AddCoExecutor { group: "G2".into() }, &ana(), 5);
    assert_eq!(a.ticket.co_executor_groups, ["G2"]);
    assert!(matches!(&a.events[0].kind, EventKind::CoExecutorAdded { group } if group == "G2"));
    let t = a.ticket;
    assert!(apply(&t, &comment(Visibility::Internal, "G2 checked the gateway"), &carl(), at(6)).is_ok());
    assert!(apply(&t, &Op::LinkKb { article: "KB-1".into() }, &carl(), at(6)).is_ok());
    assert_eq!(refused(&t, resolve(), &carl()).code(), "not_in_group");
    assert_eq!(refused(&t, Op::Take {}, &carl()).code(), "not_in_group");
    assert_eq!(refused(&t, Op::AddCoExecutor { group: "G2".into() }, &ana()).code(), "same_value");
    assert_eq!(refused(&t, Op::AddCoExecutor { group: "G1".into() }, &ana()).code(), "invalid_target");
}

/// 001 §III.9(3); 002 §7.4; 004 §3.2: a request for information pauses the
/// ticket («Ожидает ответа»); the answer brings it back to «в работе».
#[test]
fn request_info_and_answer_004_s3_2() {
    let t = in_status(Status::InProgress);
    let a = ok(&t, Op::RequestInfo { question: "Which MRN?".into() }, &ana(), 5);
    assert_eq!((a.ticket.status, a.ticket.info_requests), (Status::AwaitingInfo, 1));
    assert!(matches!(&a.events[0].kind, EventKind::InfoRequested { count: 1, .. }));
    assert_eq!(
        a.ticket.comments.last().unwrap().visibility,
        Visibility::Public,
        "the question reaches the requester"
    );
    let again = ok(
        &a.ticket,
        Op::RequestInfo {
            question: "Reminder: which MRN?".into(),
        },
        &ana(),
        6,
    );
    assert_eq!((again.ticket.status, again.ticket.info_requests), (Status::AwaitingInfo, 2));
    assert!(status_changes(&again.events).is_empty());
    let answered = ok(
        &again.ticket,
        Op::InfoReceived {
            text: "25UA0001".into(),
            attachments: vec![],
        },
        &requester(),
        7,
    );
    assert_eq!((answered.ticket.status, answered.ticket.info_requests), (Status::InProgress, 0));
    assert_eq!(answered.ticket.owner.as_deref(), Some("ana"));
    assert_eq!(refused(&t, Op::RequestInfo { question: "".into() }, &ana()).code(), "empty_text");
    assert_eq!(refused(&t, Op::RequestInfo { question: "?".into() }, &bob()).code(), "not_owner");
    assert_eq!(
        refused(
            &a.ticket,
            Op::InfoReceived {
                text: " ".into(),
                attachments: vec![]
            },
            &requester()
        )
        .code(),
        "empty_text"
    );
}

/// 001 §III.9(4), §III.13; 002 §8.4 and Table 2: postponed with a reason and a note.
#[test]
fn postpone_and_resume_002_s8_4() {
    let t = in_status(Status::InProgress);
    let a = ok(&t, postpone(), &ana(), 5);
    assert_eq!(
        (a.ticket.status, a.ticket.postpone_reason),
        (Status::Postponed, Some(PostponeReason::SoftwareChange))
    );
    assert!(matches!(
        &a.events[0].kind,
        EventKind::Postponed {
            reason: PostponeReason::SoftwareChange,
            ..
        }
    ));
    let no_note = Op::Postpone {
        reason: PostponeReason::ExternalVendor,
        note: "".into(),
    };
    assert_eq!(refused(&t, no_note, &ana()).code(), "missing_reason");
    let r = ok(&a.ticket, Op::Resume {}, &ana(), 6);
    assert_eq!((r.ticket.status, r.ticket.postpone_reason), (Status::InProgress, None));
    assert_eq!(refused(&a.ticket, Op::Resume {}, &bob()).code(), "not_owner");
    assert!(apply(&a.ticket, &Op::Resume {}, &lead(), at(6)).is_ok(), "the lead may act for the owner");
}

/// 002 §7.3.2–7.3.5; 000 §13: priority changes carry from/to for the SLA engine.
#[test]
fn set_priority_002_s7_3() {
    let t = in_status(Status::InProgress);
    assert_eq!(t.priority.value(), 4);
    let a = ok(
        &t,
        Op::SetPriority {
            level: None,
            impact: Some(Impact::High),
            urgency: Some(Urgency::High),
            note: Some("agreed by e-mail".into()),
        },
        &bob(),
        5,
    );
    assert_eq!((a.ticket.priority.value(), a.ticket.impact, a.ticket.urgency), (1, Impact::High, Urgency::High));
    match &a.events[0].kind {
        EventKind::PriorityChanged { from, to, note, .. } => {
            assert_eq!((from.value(), to.value()), (4, 1));
            assert_eq!(note.as_deref(), Some("agreed by e-mail"));
        }
        other => panic!("{other:?}"),
    }
    let same = Op::SetPriority {
        level: Some(Priority::new(4).unwrap()),
        impact: None,
        urgency: None,
        note: None,
    };
    assert_eq!(refused(&t, same, &ana()).code(), "same_value");
    let half = Op::SetPriority {
        level: None,
        impact: Some(Impact::Low),
        urgency: None,
        note: None,
    };
    assert_eq!(refused(&t, half, &ana()).code(), "invalid_input");
    let none = Op::SetPriority {
        level: None,
        impact: None,
        urgency: None,
        note: None,
    };
    assert_eq!(refused(&t, none, &ana()).code(), "invalid_input");
    assert_eq!(refused(&t, sample(OpKind::SetPriority), &carl()).code(), "not_in_group");
}

/// 003 §4.10: complexity decides the resolution term.
#[test]
fn set_complexity_003_s4_10() {
    let t = in_status(Status::New);
    let a = ok(
        &t,
        Op::SetComplexity {
            complexity: Complexity::Medium,
        },
        &ana(),
        5,
    );
    assert!(matches!(
        a.events[0].kind,
        EventKind::ComplexityChanged {
            from: None,
            to: Complexity::Medium
        }
    ));
    assert_eq!(
        refused(
            &a.ticket,
            Op::SetComplexity {
                complexity: Complexity::Medium
            },
            &ana()
        )
        .code(),
        "same_value"
    );
}

/// 002 §9.3(6), §9.6: a workaround is for incidents.
#[test]
fn workaround_for_incidents_002_s9_6() {
    let t = in_status(Status::InProgress);
    let a = ok(&t, sample(OpKind::GiveWorkaround), &ana(), 5);
    assert!(a.ticket.workaround.is_some());
    assert!(matches!(a.events[0].kind, EventKind::WorkaroundGiven { .. }));
    assert_eq!(a.ticket.status, Status::InProgress);
    assert_eq!(refused(&a.ticket, sample(OpKind::GiveWorkaround), &ana()).code(), "same_value");
    let mut consultation = t.clone();
    consultation.ticket_type = TicketType::Consultation;
    assert_eq!(refused(&consultation, sample(OpKind::GiveWorkaround), &ana()).code(), "not_applicable");
}

/// 001 §III.9(5); 002 §14.1: resolve needs a code and a text; 001 §III.15: KB links.
#[test]
fn resolve_needs_code_and_text_002_s14_1() {
    let t = in_status(Status::InProgress);
    let no_code = Op::Resolve {
        code: "".into(),
        text: "done".into(),
        kb: vec![],
    };
    assert!(matches!(refused(&t, no_code, &ana()), Refusal::EmptyText { field, .. } if field == "code"));
    let no_text = Op::Resolve {
        code: "fixed".into(),
        text: " ".into(),
        kb: vec![],
    };
    assert!(matches!(refused(&t, no_text, &ana()), Refusal::EmptyText { field, .. } if field == "text"));
    let a = ok(
        &t,
        Op::Resolve {
            code: " Consulted ".into(),
            text: "See the FAQ".into(),
            kb: vec!["KB-1".into(), "KB-1".into()],
        },
        &ana(),
        5,
    );
    assert_eq!(a.ticket.status, Status::Resolved);
    assert_eq!(a.ticket.resolved_at, Some(at(5)));
    assert_eq!(a.ticket.kb_links, ["KB-1"]);
    assert_eq!(a.ticket.resolution.as_ref().unwrap().code, "consulted");
    assert!(matches!(&a.events[0].kind, EventKind::Resolved { code, .. } if code == "consulted"));
    assert_eq!(refused(&t, resolve(), &bob()).code(), "not_owner");
}

/// SPEC §2 "resolution text and code": the code is one of the desk's list
/// (`ResolutionCode`), so reports can group by it and every front end can
/// name it; any other code is refused with the list, and nothing changes.
#[test]
fn resolve_takes_a_code_of_the_list_spec_s2() {
    let t = in_status(Status::InProgress);
    for code in ResolutionCode::ALL {
        let a = ok(
            &t,
            Op::Resolve {
                code: code.as_str().into(),
                text: "done".into(),
                kb: vec![],
            },
            &ana(),
            5,
        );
        assert_eq!(a.ticket.resolution.as_ref().unwrap().code, code.as_str());
    }
    for unknown in ["faq", "configured", "solved"] {
        let refusal = refused(
            &t,
            Op::Resolve {
                code: unknown.into(),
                text: "done".into(),
                kb: vec![],
            },
            &ana(),
        );
        assert_eq!(refusal.code(), "invalid_input", "{unknown}");
        let message = refusal.to_string();
        assert!(message.contains(&format!("`{unknown}` is not a resolution code")), "{message}");
        assert!(message.contains("fixed, configuration, access_granted"), "{message}");
    }
}

/// 000 §19; 002 §14.1: the requester reopens a resolution that did not help,
/// with a reason; back to «в работе» with the same owner.
#[test]
fn reopen_000_s19_002_s14_1() {
    let t = in_status(Status::Resolved);
    let a = ok(
        &t,
        Op::Reopen {
            reason: "Still error 500".into(),
        },
        &requester(),
        5,
    );
    assert_eq!((a.ticket.status, a.ticket.owner.as_deref()), (Status::InProgress, Some("ana")));
    assert_eq!((a.ticket.resolution.clone(), a.ticket.resolved_at), (None, None));
    assert!(matches!(&a.events[0].kind, EventKind::Reopened { reason } if reason == "Still error 500"));
    assert_eq!(refused(&t, Op::Reopen { reason: "".into() }, &requester()).code(), "missing_reason");
    assert_eq!(refused(&t, Op::Reopen { reason: "x".into() }, &stranger()).code(), "not_requester");
    // the desk records the requester's objection given by phone (000 §20)
    assert!(apply(
        &t,
        &Op::Reopen {
            reason: "called: still fails".into()
        },
        &bob(),
        at(5)
    )
    .is_ok());
    // 002 §6.8: a closed ticket is not reopened; a new ticket is filed
    assert_eq!(
        refused(&in_status(Status::Closed), Op::Reopen { reason: "x".into() }, &requester()).code(),
        "wrong_status"
    );
}

/// 001 §III.9(6); 002 §14.2–14.4: closing is the confirmation of a resolution.
#[test]
fn close_001_s3_9_6_and_002_s14() {
    let t = in_status(Status::Resolved);
    let a = ok(&t, Op::Close { basis: CloseBasis::Confirmed }, &requester(), 5);
    assert_eq!((a.ticket.status, a.ticket.closed_at), (Status::Closed, Some(at(5))));
    assert!(matches!(a.events[0].kind, EventKind::Closed { basis: CloseBasis::Confirmed }));
    assert_eq!(refused(&t, Op::Close { basis: CloseBasis::Auto }, &requester()).code(), "forbidden_role");
    assert!(
        apply(&t, &Op::Close { basis: CloseBasis::Agreed }, &ana(), at(5)).is_ok(),
        "002 §14.2: by the desk in agreement"
    );
    assert!(
        apply(&t, &Op::Close { basis: CloseBasis::Auto }, &admin(), at(5)).is_ok(),
        "001 §III.9(6): auto-close"
    );
    // `auto` says the waiting time is over: the auto-close's to record, not an analyst's.
    let refusal = refused(&t, Op::Close { basis: CloseBasis::Auto }, &ana());
    assert_eq!(refusal.code(), "forbidden_role");
    assert!(refusal.to_string().contains("close with `confirmed` or `agreed`"), "{refusal}");
    assert_eq!(CloseBasis::OFFERED, [CloseBasis::Confirmed, CloseBasis::Agreed]);
    assert_eq!(
        refused(&in_status(Status::InProgress), Op::Close { basis: CloseBasis::Confirmed }, &ana()).code(),
        "wrong_status"
    );
}

/// 002 §14.1, §14.4 (§13.17, §13.19 for the contact centre): a resolved
/// ticket waits for the requester's confirmation, and the desk asks for it —
/// the status stays, the request is recorded with its text (auto-close
/// counts these); any member of the group may ask, the requester may not.
#[test]
fn request_confirmation_while_resolved_002_s14_4() {
    let t = in_status(Status::Resolved);
    let op = |text: &str| Op::RequestConfirmation { text: text.into() };
    let a = ok(&t, op("  Підтвердіть, будь ласка, що МД відкривається  "), &ana(), 5);
    assert_eq!(a.ticket.status, Status::Resolved);
    assert_eq!((a.ticket.version, a.ticket.updated_at), (t.version + 1, at(5)));
    assert_eq!(
        a.events.iter().map(|e| e.kind.clone()).collect::<Vec<_>>(),
        vec![EventKind::ConfirmationRequested {
            text: "Підтвердіть, будь ласка, що МД відкривається".into()
        }]
    );
    assert_eq!(
        (&a.ticket.resolution, a.ticket.resolved_at),
        (&t.resolution, t.resolved_at),
        "the solution stays"
    );
    let twice = ok(&a.ticket, op("Нагадування: підтвердіть рішення"), &bob(), 6);
    assert_eq!(twice.ticket.status, Status::Resolved);
    assert_eq!(refused(&t, op(" "), &ana()).code(), "empty_text");
    assert_eq!(refused(&t, op("?"), &requester()).code(), "forbidden_role");
    assert_eq!(refused(&t, op("?"), &carl()).code(), "not_in_group");
    assert_eq!(refused(&in_status(Status::InProgress), op("?"), &ana()).code(), "wrong_status");
    assert_eq!(refused(&in_status(Status::Closed), op("?"), &ana()).code(), "wrong_status");
    // The event's JSON form (the UI's timeline, the requester's view).
    assert_eq!(
        serde_json::to_value(&a.events[0].kind).unwrap(),
        serde_json::json!({"type": "confirmation_requested", "text": "Підтвердіть, будь ласка, що МД відкривається"})
    );
}

/// 002 §7.5(3): a duplicate names another, earlier ticket; it is linked.
#[test]
fn reject_as_duplicate_002_s7_5_3() {
    let t = in_status(Status::New);
    for me in ["t-1", "HD-000001"] {
        let op = Op::Reject {
            reason: RejectReason::DuplicateOf { ticket: me.into() },
            note: "same".into(),
        };
        assert_eq!(refused(&t, op, &ana()).code(), "invalid_target");
    }
    let op = Op::Reject {
        reason: RejectReason::DuplicateOf { ticket: "HD-000000".into() },
        note: "Filed twice".into(),
    };
    let a = ok(&t, op, &ana(), 5);
    assert_eq!(a.ticket.status, Status::Closed);
    assert_eq!(
        a.ticket.rejection.as_ref().unwrap().reason,
        RejectReason::DuplicateOf { ticket: "HD-000000".into() }
    );
    assert!(a.ticket.links.iter().any(|l| l.kind == LinkKind::DuplicateOf && l.ticket == "HD-000000"));
    assert!(matches!(&a.events[0].kind, EventKind::Rejected { .. }));
    assert!(matches!(
        &a.events[1].kind,
        EventKind::TicketLinked {
            kind: LinkKind::DuplicateOf,
            ..
        }
    ));
}

/// 002 §7.5(2): no response only after at least two requests, while waiting.
#[test]
fn reject_for_no_response_needs_two_requests_002_s7_5_2() {
    let no_response = || Op::Reject {
        reason: RejectReason::NoResponse,
        note: "No answer in 30 working days".into(),
    };
    assert_eq!(refused(&in_status(Status::InProgress), no_response(), &ana()).code(), "wrong_status");
    let once = in_status(Status::AwaitingInfo);
    match refused(&once, no_response(), &ana()) {
        Refusal::TooFewInfoRequests { made: 1, required: 2, .. } => {}
        other => panic!("{other:?}"),
    }
    let twice = ok(&once, Op::RequestInfo { question: "Reminder".into() }, &ana(), 5).ticket;
    let a = ok(&twice, no_response(), &ana(), 6);
    assert_eq!(a.ticket.status, Status::Closed);
    assert_eq!(a.ticket.info_requests, 2, "the closed ticket keeps its count");
}

/// 002 §7.5 «мотивированно»; 004 §3.5: every rejection has a note; the other reasons.
#[test]
fn reject_needs_a_note_004_s3_5() {
    let t = in_status(Status::InProgress);
    let op = Op::Reject {
        reason: RejectReason::Abusive,
        note: " ".into(),
    };
    assert_eq!(refused(&t, op, &ana()).code(), "missing_reason");
    for reason in [RejectReason::OutOfScope, RejectReason::Abusive, RejectReason::Unclear] {
        let a = ok(
            &t,
            Op::Reject {
                reason: reason.clone(),
                note: "explained".into(),
            },
            &ana(),
            5,
        );
        assert_eq!(a.ticket.rejection.unwrap().reason, reason);
    }
    assert_eq!(refused(&t, sample(OpKind::Reject), &bob()).code(), "not_owner");
    assert!(
        apply(&in_status(Status::New), &sample(OpKind::Reject), &bob(), at(5)).is_ok(),
        "any member while unowned (002 §7.5(1): at classification)"
    );
}

#[test]
fn links_are_not_repeated_nor_circular() {
    let t = in_status(Status::Resolved);
    let a = ok(&t, Op::LinkKb { article: "KB-9".into() }, &ana(), 5);
    assert_eq!(refused(&a.ticket, Op::LinkKb { article: "KB-9".into() }, &ana()).code(), "same_value");
    let b = ok(&t, sample(OpKind::LinkTicket), &ana(), 5);
    assert_eq!(refused(&b.ticket, sample(OpKind::LinkTicket), &ana()).code(), "same_value");
    let own = Op::LinkTicket {
        ticket: "HD-000001".into(),
        kind: LinkKind::Related,
    };
    assert_eq!(refused(&t, own, &ana()).code(), "invalid_target");
}

/// 001 §III.3(2), §III.13; 002 §8.3: L2 extends a deadline with a justification.
#[test]
fn extend_deadline_by_l2_001_s3_13() {
    let t = in_status(Status::InProgress);
    let a = ok(&t, sample(OpKind::ExtendDeadline), &ana(), 5);
    assert_eq!(a.ticket.deadline_extensions.len(), 1);
    assert!(matches!(&a.events[0].kind, EventKind::DeadlineExtended { metric, .. } if metric == "resolution"));
    let mut l1 = ana();
    l1.groups[0].line = Line::L1;
    assert_eq!(refused(&t, sample(OpKind::ExtendDeadline), &l1).code(), "forbidden_line");
    let past = Op::ExtendDeadline {
        metric: "resolution".into(),
        until: at(-1),
        justification: "x".into(),
    };
    assert_eq!(refused(&t, past, &ana()).code(), "invalid_target");
    let unjustified = Op::ExtendDeadline {
        metric: "resolution".into(),
        until: at(5000),
        justification: "".into(),
    };
    assert_eq!(refused(&t, unjustified, &ana()).code(), "missing_reason");
}

/// 001 §III.9–10: every status change of a lifecycle is recorded with who and when.
#[test]
fn a_lifecycle_records_every_status_change_001_s3_9_10() {
    let mut t = registered();
    let mut trail = Vec::new();
    let steps: Vec<(Op, Actor)> = vec![
        (Op::Take {}, ana()),
        (Op::RequestInfo { question: "MRN?".into() }, ana()),
        (
            Op::InfoReceived {
                text: "25UA1".into(),
                attachments: vec![],
            },
            requester(),
        ),
        (postpone(), ana()),
        (Op::Resume {}, ana()),
        (sample(OpKind::Escalate), ana()),
        (Op::Take {}, analyst("vic", &[("VENDOR", Line::L3)])),
        (resolve(), analyst("vic", &[("VENDOR", Line::L3)])),
        (Op::Reopen { reason: "not fixed".into() }, requester()),
        (resolve(), analyst("vic", &[("VENDOR", Line::L3)])),
        (Op::Close { basis: CloseBasis::Confirmed }, requester()),
    ];
    for (i, (op, who)) in steps.into_iter().enumerate() {
        let a = ok(&t, op, &who, i as i64 * 10);
        for e in &a.events {
            if let EventKind::StatusChanged { from, to } = e.kind {
                trail.push((from, to, e.actor.clone(), e.at));
            }
        }
        assert_eq!(a.ticket.version, t.version + 1);
        t = a.ticket;
    }
    use Status::*;
    let expected = [
        (New, InProgress, "ana", 0),
        (InProgress, AwaitingInfo, "ana", 10),
        (AwaitingInfo, InProgress, "req-1", 20),
        (InProgress, Postponed, "ana", 30),
        (Postponed, InProgress, "ana", 40),
        (InProgress, New, "ana", 50),
        (New, InProgress, "vic", 60),
        (InProgress, Resolved, "vic", 70),
        (Resolved, InProgress, "req-1", 80),
        (InProgress, Resolved, "vic", 90),
        (Resolved, Closed, "req-1", 100),
    ];
    let expected: Vec<_> = expected.iter().map(|(f, to, who, m)| (*f, *to, who.to_string(), at(*m))).collect();
    assert_eq!(trail, expected);
    assert_eq!(t.version, 12);
}

// ------------------------------------------------------ authorization

/// 000 §15, §19: a Self Service user may only comment publicly, answer,
/// reopen and confirm — on their own ticket; and answer a proposed
/// reclassification (002 §7.3.4) and rate the answer (003 §6.1.12).
#[test]
fn self_service_matrix_000_s15_s19() {
    let allowed = [
        OpKind::Comment,
        OpKind::InfoReceived,
        OpKind::Reopen,
        OpKind::Close,
        OpKind::AnswerReclassification,
        OpKind::Rate,
    ];
    for status in S {
        for kind in OpKind::ALL {
            let t = fixture_for(*kind, status);
            let op = match kind {
                OpKind::Comment => comment(Visibility::Public, "thanks"),
                k => sample(*k),
            };
            let e = apply(&t, &op, &stranger(), at(100)).unwrap_err();
            let expected = if allowed.contains(kind) { "not_requester" } else { "forbidden_role" };
            assert_eq!(e.code(), expected, "{kind} on {status} by a stranger");
            match apply(&t, &op, &requester(), at(100)) {
                Ok(_) => assert!(allowed.contains(kind), "{kind} on {status}"),
                Err(e) if allowed.contains(kind) => {
                    assert_eq!(e.code(), "wrong_status", "{kind} on {status}: {e}")
                }
                Err(e) => assert_eq!(e.code(), "forbidden_role", "{kind} on {status}: {e}"),
            }
        }
    }
    let t = in_status(Status::InProgress);
    assert_eq!(refused(&t, comment(Visibility::Internal, "psst"), &requester()).code(), "forbidden_role");
}

/// 000 §20: an analyst outside the ticket's groups can do nothing with it.
#[test]
fn an_analyst_outside_the_groups_is_refused_everything_000_s20() {
    for status in S {
        let t = in_status(status);
        for kind in OpKind::ALL {
            if !rule(*kind).from.contains(&status) {
                continue;
            }
            assert_eq!(refused(&t, sample(*kind), &carl()).code(), "not_in_group", "{kind} on {status}");
        }
    }
}

/// The levels of involvement: which ops a plain member (not owner, not lead)
/// of the ticket's group may do on a ticket owned by someone else.
#[test]
fn a_member_who_is_not_the_owner() {
    let t = in_status(Status::InProgress);
    for kind in OpKind::ALL {
        let r = apply(&t, &sample(*kind), &bob(), at(100));
        let expected = match kind {
            OpKind::Take
            | OpKind::Comment
            | OpKind::Escalate
            | OpKind::AddCoExecutor
            | OpKind::SetPriority
            | OpKind::SetComplexity
            | OpKind::ChangeType
            | OpKind::GrantPaperPermission
            | OpKind::ProposeReclassification
            | OpKind::LinkKb
            | OpKind::LinkTicket => Ok(()),
            // bob assigning the ticket to himself is allowed; the sample assigns to bob
            OpKind::Assign => Ok(()),
            OpKind::RequestInfo
            | OpKind::Postpone
            | OpKind::GiveWorkaround
            | OpKind::Resolve
            | OpKind::Reject
            | OpKind::ExtendDeadline
            | OpKind::GiveTimelineConclusion => Err("not_owner"),
            // 002 §7.3.4: no proposal awaits an answer.
            OpKind::AnswerReclassification => Err("invalid_input"),
            // 002 §12: the fixture is an incident.
            OpKind::RequestTimelineClarification => Err("not_applicable"),
            OpKind::InfoReceived | OpKind::Resume | OpKind::Reopen | OpKind::Close | OpKind::RequestConfirmation | OpKind::Rate => Err("wrong_status"),
        };
        assert_eq!(r.map(|_| ()).map_err(|e| e.code()), expected, "{kind}");
    }
    let to_other = Op::Assign {
        to: AssignTarget::User("zoe".into()),
    };
    assert_eq!(refused(&t, to_other.clone(), &bob()).code(), "not_group_lead");
    assert!(apply(&t, &to_other, &lead(), at(5)).is_ok());
}

/// 000 §15: an administrator may do everything an analyst may, on any ticket.
#[test]
fn an_administrator_acts_on_any_ticket_000_s15() {
    for kind in OpKind::ALL {
        let t = fixture_for(*kind, Status::InProgress);
        if rule(*kind).from.contains(&t.status) {
            assert!(apply(&t, &sample(*kind), &admin(), at(5)).is_ok(), "{kind}");
        }
    }
}

#[test]
fn refusals_have_stable_codes_and_say_what_to_do() {
    let e = refused(&in_status(Status::Closed), Op::Take {}, &ana());
    assert_eq!(e.code(), "wrong_status");
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["code"], "wrong_status");
    assert_eq!(json["op"], "take");
    assert_eq!(json["status"], "closed");
    assert_eq!(json["allowed"], serde_json::json!(["new", "in_progress"]));
    assert_eq!(e.to_string(), "cannot take a ticket that is closed: take is allowed only when the ticket is new, in_progress; reload the ticket and choose an action its status allows");
    let back: Refusal = serde_json::from_value(json).unwrap();
    assert_eq!(back, e);
    // every code in CODES is the serde tag of its variant
    let samples = [
        refused(&in_status(Status::Closed), Op::Take {}, &ana()),
        refused(&in_status(Status::New), Op::Take {}, &requester()),
        refused(&in_status(Status::Resolved), Op::Reopen { reason: "x".into() }, &stranger()),
        refused(&in_status(Status::InProgress), resolve(), &bob()),
        refused(&in_status(Status::InProgress), resolve(), &carl()),
    ];
    for e in samples {
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], e.code());
        assert!(Refusal::CODES.contains(&e.code()));
        assert!(!e.to_string().is_empty());
    }
}

// ------------------------------------------------------------- wire form

fn wire(op: &Op, expected: serde_json::Value) {
    assert_eq!(serde_json::to_value(op).unwrap(), expected, "{op:?}");
    let back: Op = serde_json::from_value(expected).unwrap();
    assert_eq!(&back, op);
}

#[test]
fn ops_have_a_stable_json_form() {
    use serde_json::json;
    wire(&Op::Take {}, json!({"op": "take"}));
    wire(&Op::Resume {}, json!({"op": "resume"}));
    wire(
        &Op::Assign {
            to: AssignTarget::User("u-7".into()),
        },
        json!({"op": "assign", "to": {"user": "u-7"}}),
    );
    wire(
        &Op::Assign {
            to: AssignTarget::Group("G2".into()),
        },
        json!({"op": "assign", "to": {"group": "G2"}}),
    );
    wire(
        &comment(Visibility::Internal, "hi"),
        json!({"op": "comment", "visibility": "internal", "text": "hi"}),
    );
    wire(
        &Op::Escalate {
            line: Some(Line::L3),
            group: None,
            note: "vendor".into(),
        },
        json!({"op": "escalate", "line": "L3", "note": "vendor"}),
    );
    wire(
        &Op::SetPriority {
            level: Some(Priority::new(2).unwrap()),
            impact: None,
            urgency: None,
            note: None,
        },
        json!({"op": "set_priority", "level": 2}),
    );
    wire(
        &Op::SetPriority {
            level: None,
            impact: Some(Impact::High),
            urgency: Some(Urgency::Low),
            note: None,
        },
        json!({"op": "set_priority", "impact": "high", "urgency": "low"}),
    );
    wire(
        &Op::Postpone {
            reason: PostponeReason::ExternalVendor,
            note: "VND-12".into(),
        },
        json!({"op": "postpone", "reason": "external_vendor", "note": "VND-12"}),
    );
    wire(
        &Op::Reject {
            reason: RejectReason::DuplicateOf { ticket: "HD-1".into() },
            note: "twice".into(),
        },
        json!({"op": "reject", "reason": {"duplicate_of": {"ticket": "HD-1"}}, "note": "twice"}),
    );
    wire(
        &Op::Reject {
            reason: RejectReason::NoResponse,
            note: "30 days".into(),
        },
        json!({"op": "reject", "reason": "no_response", "note": "30 days"}),
    );
    wire(
        &Op::Resolve {
            code: "fixed".into(),
            text: "ok".into(),
            kb: vec![],
        },
        json!({"op": "resolve", "code": "fixed", "text": "ok"}),
    );
    wire(&Op::Close { basis: CloseBasis::Auto }, json!({"op": "close", "basis": "auto"}));
    wire(
        &Op::RequestConfirmation {
            text: "Підтвердіть рішення".into(),
        },
        json!({"op": "request_confirmation", "text": "Підтвердіть рішення"}),
    );
    wire(
        &Op::SetComplexity {
            complexity: Complexity::Simple,
        },
        json!({"op": "set_complexity", "complexity": "simple"}),
    );
    wire(
        &Op::LinkTicket {
            ticket: "HD-2".into(),
            kind: LinkKind::DuplicateOf,
        },
        json!({"op": "link_ticket", "ticket": "HD-2", "kind": "duplicate_of"}),
    );
    wire(
        &Op::ExtendDeadline {
            metric: "resolution".into(),
            until: Utc.with_ymd_and_hms(2025, 4, 1, 15, 0, 0).unwrap(),
            justification: "vendor".into(),
        },
        json!({"op": "extend_deadline", "metric": "resolution", "until": "2025-04-01T15:00:00Z", "justification": "vendor"}),
    );
    // defaults
    let close: Op = serde_json::from_value(json!({"op": "close"})).unwrap();
    assert_eq!(close, Op::Close { basis: CloseBasis::Confirmed });
}

#[test]
fn unknown_fields_and_ops_are_refused() {
    for bad in [
        r#"{"op":"take","owner":"me"}"#,
        r#"{"op":"resume","x":1}"#,
        r#"{"op":"request_confirmation"}"#,
        r#"{"op":"request_confirmation","text":"a","count":2}"#,
        r#"{"op":"comment","visibility":"public","text":"a","extra":true}"#,
        r#"{"op":"set_status","status":"closed"}"#,
        r#"{"op":"comment","visibility":"secret","text":"a"}"#,
        r#"{"op":"set_priority","level":7}"#,
        r#"{"op":"escalate","line":"L9","note":"x"}"#,
        r#"{"text":"no op"}"#,
    ] {
        assert!(serde_json::from_str::<Op>(bad).is_err(), "{bad} must be refused");
    }
}

#[test]
fn op_kind_is_the_json_tag() {
    for kind in OpKind::ALL {
        let json = serde_json::to_value(sample(*kind)).unwrap();
        assert_eq!(json["op"], kind.as_str());
        assert_eq!(sample(*kind).kind(), *kind);
    }
}

#[test]
fn events_and_tickets_round_trip() {
    let t = in_status(Status::InProgress);
    let a = ok(&t, sample(OpKind::Escalate), &ana(), 5);
    let json = serde_json::to_value(&a.events[2]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"at": "2025-03-03T09:05:00Z", "actor": "ana", "kind": {"type": "status_changed", "from": "in_progress", "to": "new"}})
    );
    let back: Applied = serde_json::from_value(serde_json::to_value(&a).unwrap()).unwrap();
    assert_eq!(back, a);
    let tj = serde_json::to_value(&a.ticket).unwrap();
    assert_eq!(tj["type"], "incident");
    assert_eq!(tj["line"], "L3");
}

// ---------------------------------------------------------- properties

mod props {
    use super::*;
    use proptest::prelude::*;

    fn actors() -> Vec<Actor> {
        vec![
            ana(),
            bob(),
            lead(),
            carl(),
            olga(),
            admin(),
            requester(),
            stranger(),
            analyst("vic", &[("VENDOR", Line::L3)]),
        ]
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("  ".to_string()),
            Just("text".to_string()),
            Just("HD-000001".to_string())
        ]
    }
    fn any_user() -> impl Strategy<Value = String> {
        prop_oneof![Just("ana"), Just("bob"), Just("lead"), Just("carl"), Just(""), Just("vic")].prop_map(String::from)
    }
    fn any_group() -> impl Strategy<Value = String> {
        prop_oneof![Just("G1"), Just("G2"), Just("VENDOR"), Just("L1-CC"), Just("")].prop_map(String::from)
    }
    fn any_line() -> impl Strategy<Value = Line> {
        prop::sample::select(Line::ALL.to_vec())
    }

    fn any_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            Just(Op::Take {}),
            Just(Op::Resume {}),
            any_user().prop_map(|u| Op::Assign { to: AssignTarget::User(u) }),
            any_group().prop_map(|g| Op::Assign { to: AssignTarget::Group(g) }),
            (prop::sample::select(Visibility::ALL.to_vec()), any_text()).prop_map(|(visibility, text)| Op::Comment {
                visibility,
                text,
                attachments: vec![]
            }),
            any_text().prop_map(|question| Op::RequestInfo { question }),
            any_text().prop_map(|text| Op::InfoReceived { text, attachments: vec![] }),
            (prop::sample::select(PostponeReason::ALL.to_vec()), any_text()).prop_map(|(reason, note)| Op::Postpone { reason, note }),
            (prop::option::of(any_line()), prop::option::of(any_group()), any_text()).prop_map(|(line, group, note)| Op::Escalate { line, group, note }),
            any_group().prop_map(|group| Op::AddCoExecutor { group }),
            (
                prop::option::of(1u8..=5),
                prop::option::of(prop::sample::select(Impact::ALL.to_vec())),
                prop::option::of(prop::sample::select(Urgency::ALL.to_vec()))
            )
                .prop_map(|(l, impact, urgency)| Op::SetPriority {
                    level: l.map(|v| Priority::new(v).unwrap()),
                    impact,
                    urgency,
                    note: None
                }),
            prop::sample::select(Complexity::ALL.to_vec()).prop_map(|complexity| Op::SetComplexity { complexity }),
            any_text().prop_map(|text| Op::GiveWorkaround { text }),
            (
                prop_oneof![
                    3 => prop::sample::select(ResolutionCode::ALL.to_vec()).prop_map(|c| c.as_str().to_string()),
                    1 => any_text(),
                ],
                any_text()
            )
                .prop_map(|(code, text)| Op::Resolve {
                    code,
                    text,
                    kb: vec!["KB-1".into()]
                }),
            any_text().prop_map(|text| Op::RequestConfirmation { text }),
            any_text().prop_map(|reason| Op::Reopen { reason }),
            prop::sample::select(CloseBasis::ALL.to_vec()).prop_map(|basis| Op::Close { basis }),
            (
                prop_oneof![
                    Just(RejectReason::OutOfScope),
                    Just(RejectReason::NoResponse),
                    Just(RejectReason::Abusive),
                    Just(RejectReason::Unclear),
                    any_text().prop_map(|ticket| RejectReason::DuplicateOf { ticket }),
                ],
                any_text()
            )
                .prop_map(|(reason, note)| Op::Reject { reason, note }),
            any_text().prop_map(|article| Op::LinkKb { article }),
            (any_text(), prop::sample::select(LinkKind::ALL.to_vec())).prop_map(|(ticket, kind)| Op::LinkTicket { ticket, kind }),
            (any_text(), -60i64..6000, any_text()).prop_map(|(metric, m, justification)| {
                Op::ExtendDeadline {
                    metric,
                    until: at(m),
                    justification,
                }
            }),
        ]
    }

    fn check_invariants(t: &Ticket) {
        match t.status {
            Status::New => assert!(t.owner.is_none(), "new has no owner"),
            Status::InProgress | Status::AwaitingInfo | Status::Postponed | Status::Resolved => {
                assert!(t.owner.is_some(), "{} has an owner", t.status)
            }
            Status::Closed => assert!(t.closed_at.is_some()),
        }
        assert_eq!(t.status == Status::Postponed, t.postpone_reason.is_some());
        if t.status == Status::Resolved {
            assert!(t.resolution.is_some() && t.resolved_at.is_some());
        }
        if t.status != Status::AwaitingInfo && t.status != Status::Closed {
            assert_eq!(t.info_requests, 0);
        }
        assert!(!t.co_executor_groups.contains(&t.group));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Any sequence of ops by anyone never panics and keeps the invariants.
        #[test]
        fn random_op_sequences_keep_the_invariants(steps in prop::collection::vec((any_op(), 0usize..9), 1..40)) {
            let actors = actors();
            let mut t = registered();
            for (i, (op, who)) in steps.iter().enumerate() {
                let actor = &actors[*who];
                let now = at(i as i64 + 1);
                match apply(&t, op, actor, now) {
                    Ok(a) => {
                        prop_assert_eq!(a.ticket.version, t.version + 1);
                        prop_assert!(!a.events.is_empty());
                        prop_assert!(a.events.iter().all(|e| e.at == now && e.actor == actor.user_id));
                        prop_assert_eq!(a.ticket.updated_at, now);
                        prop_assert!(rule(op.kind()).from.contains(&t.status));
                        if t.status == Status::Closed {
                            prop_assert!(op.is_comment(), "closed accepts only comments");
                        }
                        let changes = status_changes(&a.events);
                        prop_assert!(a.ticket.status == t.status || t.status.can_change_to(a.ticket.status));
                        if a.ticket.status == t.status {
                            prop_assert!(changes.is_empty());
                        } else {
                            prop_assert_eq!(changes, vec![(t.status, a.ticket.status)]);
                        }
                        if actor.role == Role::SelfService {
                            prop_assert!(t.is_requester(&actor.user_id));
                        }
                        check_invariants(&a.ticket);
                        t = a.ticket;
                    }
                    Err(e) => {
                        prop_assert!(Refusal::CODES.contains(&e.code()));
                        prop_assert_eq!(e.op(), op.kind());
                        prop_assert_eq!(e.status(), t.status);
                        prop_assert!(!e.to_string().is_empty());
                    }
                }
            }
        }
    }

    /// Guards the property above against a generator that only produces
    /// refusals: with a fixed seed, random sequences apply a fair share of
    /// ops and reach every status.
    #[test]
    fn random_sequences_reach_every_status() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let strategy = prop::collection::vec((any_op(), 0usize..9), 40);
        let actors = actors();
        let (mut applied, mut total) = (0usize, 0usize);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..300 {
            let steps = strategy.new_tree(&mut runner).unwrap().current();
            let mut t = registered();
            for (i, (op, who)) in steps.iter().enumerate() {
                total += 1;
                if let Ok(a) = apply(&t, op, &actors[*who], at(i as i64 + 1)) {
                    applied += 1;
                    t = a.ticket;
                    seen.insert(t.status);
                }
            }
        }
        assert!(applied * 10 > total, "only {applied} of {total} random ops applied");
        assert_eq!(seen.len(), 6, "statuses reached: {seen:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// The actions the workflow offers are exactly the ones it accepts:
        /// for every reachable ticket and every actor, an op of a kind that
        /// `availability` refuses is refused by `apply`, whatever its
        /// payload, and the kinds it allows are accepted with the probe
        /// payload a front end would send.
        #[test]
        fn offered_actions_are_the_accepted_ones(steps in prop::collection::vec((any_op(), 0usize..9), 1..40)) {
            let actors = actors();
            let mut t = registered();
            for (i, (op, who)) in steps.iter().enumerate() {
                let actor = &actors[*who];
                let now = at(i as i64 + 1);
                let offered = availability(&t, actor, now, WorkflowLimits::DEFAULT);
                prop_assert_eq!(offered.len(), OpKind::ALL.len());
                let this = offered.iter().find(|a| a.op == op.kind()).unwrap();
                let applied = apply(&t, op, actor, now);
                if let Some(code) = &this.refused {
                    prop_assert!(applied.is_err(), "{} was refused ({}) but {:?} applied in {}", op.kind(), code, op, t.status);
                }
                for a in offered.iter().filter(|a| a.allowed()) {
                    prop_assert!(apply(&t, &probe(a.op, &t, actor, now), actor, now).is_ok());
                }
                if let Ok(a) = applied {
                    t = a.ticket;
                }
            }
        }
    }
}

/// 003 §4.9; 004 §3.3; 000 §20: a question answered at once (e.g. from the
/// knowledge base) is resolved straight from `new`; whoever resolves it
/// becomes its owner, so a reopen has someone to return to.
#[test]
fn resolve_straight_from_new_003_s4_9() {
    let a = ok(&registered(), resolve(), &ana(), 5);
    assert_eq!((a.ticket.status, a.ticket.owner.as_deref()), (Status::Resolved, Some("ana")));
    let kinds: Vec<_> = a.events.iter().map(|e| serde_json::to_value(&e.kind).unwrap()["type"].clone()).collect();
    assert_eq!(kinds, ["resolved", "owner_changed", "status_changed"]);
    assert_eq!(status_changes(&a.events), [(Status::New, Status::Resolved)]);
    let back = ok(&a.ticket, Op::Reopen { reason: "not answered".into() }, &requester(), 6);
    assert_eq!(back.ticket.owner.as_deref(), Some("ana"));
    // an analyst of another group cannot
    assert_eq!(refused(&registered(), resolve(), &carl()).code(), "not_in_group");
}

/// 001 §III.2(4); 000 §20: information is requested at registration; the
/// one who asks owns the wait.
#[test]
fn request_info_straight_from_new_001_s3_2_4() {
    let a = ok(&registered(), Op::RequestInfo { question: "Your EORI?".into() }, &bob(), 5);
    assert_eq!(
        (a.ticket.status, a.ticket.owner.as_deref(), a.ticket.info_requests),
        (Status::AwaitingInfo, Some("bob"), 1)
    );
    // a postponement while waiting, then back to the requester (002 Table 2)
    let p = ok(&a.ticket, postpone(), &bob(), 6);
    assert_eq!((p.ticket.status, p.ticket.info_requests), (Status::Postponed, 0));
    let q = ok(
        &p.ticket,
        Op::RequestInfo {
            question: "Still the same EORI?".into(),
        },
        &bob(),
        7,
    );
    assert_eq!((q.ticket.status, q.ticket.postpone_reason), (Status::AwaitingInfo, None));
}

/// The machine stays inside the transition graph of SPEC §2.1 as the model
/// states it (`Status::can_change_to`).
#[test]
fn every_transition_is_in_the_model_graph() {
    for (i, status) in S.iter().enumerate() {
        for (kind, allowed, next) in TABLE {
            if allowed.as_bytes()[i] == b'x' {
                let to = next[i].unwrap();
                assert!(to == *status || status.can_change_to(to), "{kind}: {status} → {to}");
            }
        }
    }
}

// ------------------------------------------------------- policy limits

/// A ticket of the fixture waiting for the requester after `requests` requests for information.
fn awaiting_after(requests: u32) -> Ticket {
    let mut t = in_status(Status::AwaitingInfo);
    for i in 1..requests {
        t = ok(
            &t,
            Op::RequestInfo {
                question: format!("Reminder {i}: which declaration number?"),
            },
            &ana(),
            10 + i as i64,
        )
        .ticket;
    }
    assert_eq!(t.info_requests, requests);
    t
}

fn no_response() -> Op {
    Op::Reject {
        reason: RejectReason::NoResponse,
        note: "The requester did not answer in time".into(),
    }
}

fn limits_of(preset: &str) -> WorkflowLimits {
    Policy::preset(preset).unwrap().workflow_limits()
}

/// 004 §3.5: «отсутствие обратной связи от Инициатора в течение 2 рабочих
/// дней с момента направления Запроса» — one request is enough under
/// primorye-social (`reject_no_response.min_requests = 1`).
#[test]
fn primorye_rejects_for_no_response_after_one_request_004_s3_5() {
    let limits = limits_of("primorye-social");
    assert_eq!(limits.min_info_requests_for_no_response, 1);
    let once = awaiting_after(1);
    let a = apply_with(&once, &no_response(), &ana(), at(100), limits).unwrap();
    assert_eq!(a.ticket.status, Status::Closed);
    assert_eq!(a.ticket.rejection.unwrap().reason, RejectReason::NoResponse);
    // Still only while waiting for the answer.
    let working = in_status(Status::InProgress);
    assert_eq!(
        apply_with(&working, &no_response(), &ana(), at(100), limits).unwrap_err().code(),
        "wrong_status"
    );
}

/// 002 §7.5(2): «не менее 2 (двух) раз» — lenobl-budget needs two requests.
#[test]
fn lenobl_needs_two_requests_for_no_response_002_s7_5_2() {
    let limits = limits_of("lenobl-budget");
    assert_eq!(limits.min_info_requests_for_no_response, 2);
    match apply_with(&awaiting_after(1), &no_response(), &ana(), at(100), limits).unwrap_err() {
        Refusal::TooFewInfoRequests { made: 1, required: 2, .. } => {}
        other => panic!("{other:?}"),
    }
    let a = apply_with(&awaiting_after(2), &no_response(), &ana(), at(100), limits).unwrap();
    assert_eq!(a.ticket.status, Status::Closed);
}

/// A policy without the `reject_no_response` timer (000, 001, 003 say
/// nothing about it) keeps the minimum of 002 §7.5(2), two requests — the
/// same as `apply` without a policy.
#[test]
fn a_policy_without_the_timer_keeps_two_requests_002_s7_5_2() {
    for preset in ["customs-helpdesk", "customs-contact-centre", "ncts-transit"] {
        let policy = Policy::preset(preset).unwrap();
        assert!(policy.timers.as_ref().and_then(|t| t.reject_no_response.as_ref()).is_none(), "{preset}");
        let limits = policy.workflow_limits();
        assert_eq!(limits, WorkflowLimits::DEFAULT, "{preset}");
        assert_eq!(limits, WorkflowLimits::default());
        assert_eq!(limits.min_info_requests_for_no_response, 2, "{preset}");
        let refusal = apply_with(&awaiting_after(1), &no_response(), &ana(), at(100), limits).unwrap_err();
        assert_eq!(refusal.code(), "too_few_info_requests", "{preset}");
        assert!(apply_with(&awaiting_after(2), &no_response(), &ana(), at(100), limits).is_ok(), "{preset}");
    }
    assert_eq!(
        apply(&awaiting_after(1), &no_response(), &ana(), at(100)).unwrap_err().code(),
        "too_few_info_requests"
    );
}

/// A policy file of its own sets its own minimum; `extends` carries the
/// preset's timers along (a file that only changes the calendar).
#[test]
fn an_own_policy_sets_its_own_minimum() {
    let three = Policy::from_toml(
        r#"
id = "strict"
name = "Strict"
extends = "lenobl-budget"
[timers]
reject_no_response = { after = "10 working days", min_requests = 3 }
"#,
    )
    .unwrap();
    let limits = three.workflow_limits();
    assert_eq!(limits.min_info_requests_for_no_response, 3);
    let refusal = apply_with(&awaiting_after(2), &no_response(), &ana(), at(100), limits).unwrap_err();
    assert!(refusal.to_string().contains("at least 3"), "{refusal}");
    assert!(apply_with(&awaiting_after(3), &no_response(), &ana(), at(100), limits).is_ok());
    let inherited = Policy::from_toml("id = \"p2\"\nname = \"P2\"\nextends = \"primorye-social\"\n").unwrap();
    assert_eq!(inherited.workflow_limits().min_info_requests_for_no_response, 1);
    // The limits' JSON form (kept with offline actions): a missing field is its default.
    assert_eq!(serde_json::from_str::<WorkflowLimits>("{}").unwrap(), WorkflowLimits::DEFAULT);
    assert_eq!(
        serde_json::to_value(limits).unwrap(),
        serde_json::json!({"min_info_requests_for_no_response": 3})
    );
}

/// 000 §19, 002 §6.8, §14.1: a closed ticket is final; the desk may only
/// comment on it (and record the requester's rating from a survey, 003
/// §6.1.12), and Reopen is not offered (the UI used to offer it).
#[test]
fn a_closed_ticket_offers_only_a_comment_000_s19() {
    let resolved = ok(&registered(), resolve(), &ana(), 5).ticket;
    let closed = ok(&resolved, Op::Close { basis: CloseBasis::Confirmed }, &requester(), 6).ticket;
    assert_eq!(allowed_ops(&closed, &ana(), at(7), WorkflowLimits::DEFAULT), [OpKind::Comment, OpKind::Rate]);
    let reopen = availability(&closed, &ana(), at(7), WorkflowLimits::DEFAULT)
        .into_iter()
        .find(|a| a.op == OpKind::Reopen)
        .unwrap();
    assert_eq!(reopen.refused.as_deref(), Some("wrong_status"));
    assert_eq!(
        allowed_ops(&closed, &requester(), at(7), WorkflowLimits::DEFAULT),
        [OpKind::Rate],
        "002 §6.8: a new question is a new ticket; 003 §6.1.12: the answer is rated"
    );
}

/// 000 §20, 004 §3.2: while the requester is asked, the ticket is not
/// taken; 002 §9.3(6): a workaround is for incidents being worked, not for
/// `new` ones.
#[test]
fn awaiting_info_offers_no_take_and_new_offers_no_workaround_002_s9_3() {
    let new = registered();
    let offered = allowed_ops(&new, &ana(), at(1), WorkflowLimits::DEFAULT);
    assert!(offered.contains(&OpKind::Take) && !offered.contains(&OpKind::GiveWorkaround), "{offered:?}");
    let awaiting = ok(&new, Op::RequestInfo { question: "EORI?".into() }, &ana(), 2).ticket;
    let offered = allowed_ops(&awaiting, &ana(), at(3), WorkflowLimits::DEFAULT);
    assert!(!offered.contains(&OpKind::Take), "{offered:?}");
    assert!(offered.contains(&OpKind::InfoReceived) && offered.contains(&OpKind::Resume), "{offered:?}");
    // The requester answers and comments; nothing else.
    assert_eq!(
        allowed_ops(&awaiting, &requester(), at(3), WorkflowLimits::DEFAULT),
        [OpKind::Comment, OpKind::InfoReceived]
    );
    // A consultation never offers a workaround, even in progress.
    let mut consultation = ok(&new, Op::Take {}, &ana(), 2).ticket;
    consultation.ticket_type = TicketType::Consultation;
    assert!(!allowed_ops(&consultation, &ana(), at(3), WorkflowLimits::DEFAULT).contains(&OpKind::GiveWorkaround));
}
