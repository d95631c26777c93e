//! The workflow: how an [`Op`] applies to a [`Ticket`] — one entry point,
//! [`apply`], driven by one table, [`RULES`] (status × op → allowed, who may,
//! the next status), and the audit trail it leaves ([`TicketEvent`]).
//!
//! # The state machine (SPEC §2.1)
//!
//! ```text
//! op               new  in_progress awaiting_info postponed resolved closed → next status
//! take              ✓       ✓            ·            ·         ·       ·     in_progress
//! assign            ✓       ✓            ✓            ✓         ·       ·     user: new→in_progress, else unchanged; group: new
//! comment           ✓       ✓            ✓            ✓         ✓       ✓     unchanged
//! request_info      ✓       ✓            ✓            ✓         ·       ·     awaiting_info (from new: the actor becomes the owner)
//! info_received     ·       ·            ✓            ·         ·       ·     in_progress
//! postpone          ✓       ✓            ✓            ·         ·       ·     postponed (from new: the actor becomes the owner)
//! resume            ·       ·            ✓            ✓         ·       ·     in_progress
//! escalate          ✓       ✓            ✓            ✓         ·       ·     new (owner cleared)
//! add_co_executor   ✓       ✓            ✓            ✓         ·       ·     unchanged
//! set_priority      ✓       ✓            ✓            ✓         ·       ·     unchanged
//! set_complexity    ✓       ✓            ✓            ✓         ·       ·     unchanged
//! change_type       ✓       ✓            ✓            ✓         ·       ·     unchanged
//! give_workaround   ·       ✓            ✓            ✓         ·       ·     unchanged
//! resolve           ✓       ✓            ✓            ✓         ·       ·     resolved (from new: the actor becomes the owner)
//! request_confirm.  ·       ·            ·            ·         ✓       ·     unchanged (request_confirmation: the requester is asked to confirm)
//! reopen            ·       ·            ·            ·         ✓       ·     in_progress
//! close             ·       ·            ·            ·         ✓       ·     closed
//! reject            ✓       ✓            ✓            ✓         ·       ·     closed (no_response: awaiting_info only)
//! link_kb           ✓       ✓            ✓            ✓         ✓       ·     unchanged
//! link_ticket       ✓       ✓            ✓            ✓         ✓       ·     unchanged
//! extend_deadline   ✓       ✓            ✓            ✓         ·       ·     unchanged
//! grant_paper_perm. ✓       ✓            ✓            ✓         ·       ·     unchanged (001 §IV.6–7)
//! request_timeline. ✓       ✓            ✓            ✓         ·       ·     unchanged (change requests, 002 §12)
//! give_timeline_c.  ✓       ✓            ✓            ✓         ·       ·     unchanged (after a request, 002 §12)
//! propose_reclass.  ✓       ✓            ✓            ✓         ·       ·     unchanged (002 §7.3.4)
//! answer_reclass.   ✓       ✓            ✓            ✓         ·       ·     unchanged (also the requester; 002 §7.3.4)
//! rate              ·       ·            ·            ·         ·       ✓     unchanged (the requester's satisfaction, once; 003 §6.1.12, §6.2.5)
//! ```
//!
//! Invariants kept by every transition (checked by the property test):
//! `new` has no owner; `in_progress`, `awaiting_info`, `postponed` and
//! `resolved` have one; `postponed` has a reason; `resolved` has a
//! resolution; a `closed` ticket accepts nothing but comments and its one
//! rating; every applied
//! op adds exactly 1 to the version and records at least one event; every
//! status change is recorded with who and when (001 §III.9–10).
//!
//! # Who may do what (000 §15, §20)
//!
//! * `self_service` — only on their own tickets (the requester's
//!   `user_id`): public comments (not on a closed ticket: 002 §6.8 wants a new
//!   ticket for a new question), `info_received`, `reopen` and `close`
//!   (confirmation) of their resolved ticket (000 §19; 002 §14.1–14.2),
//!   `answer_reclassification` (002 §7.3.4), and `rate` of their closed
//!   ticket (003 §6.1.12, §6.2.5).
//! * `analyst` — on tickets they are involved in. Four levels, named in the
//!   table's `who` column ([`Who`]): *involved* (owner, member of the ticket's
//!   group or of a co-executor group: comments and links, 003 §4.15);
//!   *member* (owner or member of the ticket's group: routing, priority,
//!   complexity, co-executors, reopen/close on the requester's word, asking
//!   the requester to confirm a solution, 000 §20; 002 §14.4);
//!   *worker* (the owner, or the lead of the ticket's group; a member while
//!   the ticket has no owner: the work itself); `assign` to a user needs the
//!   group lead, the current owner handing over, or a member assigning
//!   themselves (000 §20: leads make sure every ticket has an owner).
//!   Extending a deadline also needs a group on line L2 or higher (001 §III.3(2); SPEC §3.3).
//! * `administrator` — everything an analyst may, on every ticket.
//!
//! Checks run in this order, and the first failure is the refusal: the role
//! may do the op at all → the requester's own ticket → the status allows the
//! op → the analyst's involvement → the op's payload.
//!
//! # Comments
//!
//! Comments are allowed in every status, closed included, for the service
//! desk: 004 §3.3–3.4 let the requester and the executor exchange messages
//! after the result "any number of times", and an internal note about a
//! closed ticket (e.g. the declaration number of 001 §IV.8) must not be
//! lost; comments never conflict (ARCHITECTURE, sync protocol). A comment
//! never changes the status.
//!
//! # Figures that differ per policy
//!
//! A few rules carry a number the regulations set differently (how many
//! requests for information before a rejection for no response: 002 §7.5(2)
//! two, 004 §3.5 one). [`apply_with`] takes them as [`WorkflowLimits`], read
//! from the ticket's policy ([`crate::policy::Policy::workflow_limits`]);
//! [`apply`] uses [`WorkflowLimits::DEFAULT`] for callers that know no
//! policy. The server and the offline replica pass the same limits for the
//! same policy, so both decide alike.

use crate::model::Channel;
use crate::model::{named_enum, Complexity, Line, Status, TicketType};
use crate::ops::{AssignTarget, Op, OpKind};
use crate::priority::{Impact, Priority, Urgency};
use crate::ticket::{CloseBasis, Comment, LinkKind, PostponeReason, RejectReason, Ticket, Visibility};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod approval;
mod classification;
mod conversation;
mod deadlines;
mod feedback;
mod links;
mod outcome;
mod ownership;
mod routing;
mod terms;
mod waiting;

named_enum!(
    /// The roles of 000 §15.
    Role {
        SelfService => "self_service",
        Analyst => "analyst",
        Administrator => "administrator",
    }
);

/// A working group the user belongs to, and the support line it works on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub group: String,
    pub line: Line,
}

/// Permissions on top of the role (SPEC §1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Permissions {
    /// Leads the working groups the user belongs to (000 §20).
    pub group_lead: bool,
    /// May edit the knowledge base (003 §1.5.9–1.5.10).
    pub kb_editor: bool,
}

/// Who is acting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub user_id: String,
    pub role: Role,
    #[serde(default)]
    pub groups: Vec<Membership>,
    #[serde(default)]
    pub permissions: Permissions,
}

impl Actor {
    pub fn is_member_of(&self, group: &str) -> bool {
        self.groups.iter().any(|m| m.group == group)
    }

    /// Leads `group`: has the group-lead permission and belongs to the group.
    pub fn leads(&self, group: &str) -> bool {
        self.permissions.group_lead && self.is_member_of(group)
    }

    /// The highest line among the user's groups.
    pub fn highest_line(&self) -> Option<Line> {
        self.groups.iter().map(|m| m.line).max()
    }
}

/// A ticket after an applied op (or a registration), with what to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Applied {
    pub ticket: Ticket,
    pub events: Vec<TicketEvent>,
}

/// One entry of the audit trail (001 §III.9–10: who and when). The SLA
/// engine is fed from these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TicketEvent {
    #[serde(with = "crate::timestamp")]
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    /// The acting user's id.
    pub actor: String,
    pub kind: EventKind,
}

/// What happened. Within one op the events come in this order: the op's own
/// event(s), then `owner_changed`, then `status_changed`; all carry the same
/// instant (SPEC §3.4 rule 10: same instant → order of recording).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The ticket was registered (status `new`); everything the SLA engine needs to start.
    Registered {
        number: String,
        ticket_type: TicketType,
        status: Status,
        channel: Channel,
        priority: Priority,
        impact: Impact,
        urgency: Urgency,
        complexity: Option<Complexity>,
        line: Line,
        group: String,
        #[serde(with = "crate::timestamp")]
        #[ts(type = "string")]
        received_at: DateTime<Utc>,
    },
    /// Every status change (001 §III.9–10).
    StatusChanged {
        from: Status,
        to: Status,
    },
    OwnerChanged {
        from: Option<String>,
        to: Option<String>,
    },
    /// Re-routed to another group on the same line by `assign` (003 §4.11–4.12: deadlines are not reset).
    GroupChanged {
        from: String,
        to: String,
    },
    /// Handed to another line and/or group by `escalate` (000 §20(4); 003 §4.12: deadlines are not reset).
    Escalated {
        from_line: Line,
        line: Line,
        from_group: String,
        group: String,
        note: String,
    },
    CoExecutorAdded {
        group: String,
    },
    /// 002 §7.3.5: the SLA engine needs both levels (lowered vs raised).
    PriorityChanged {
        from: Priority,
        to: Priority,
        impact: Impact,
        urgency: Urgency,
        note: Option<String>,
    },
    ComplexityChanged {
        from: Option<Complexity>,
        to: Complexity,
    },
    /// The type (category) was corrected (002 §7.3.2–7.3.4, §13.11–13.12);
    /// the SLA engine applies 002 §7.3.5 by the direction of the new term.
    TypeChanged {
        from: TicketType,
        to: TicketType,
        note: String,
    },
    /// 002 §9.6, Table 3: the "with workaround" target applies.
    WorkaroundGiven {
        text: String,
    },
    /// The reason of a postponement (002 Table 2); the status change is recorded separately.
    Postponed {
        reason: PostponeReason,
        note: String,
    },
    Resolved {
        code: String,
        text: String,
    },
    Reopened {
        reason: String,
    },
    Closed {
        basis: CloseBasis,
    },
    Rejected {
        reason: RejectReason,
        note: String,
    },
    CommentAdded {
        visibility: Visibility,
    },
    KbLinked {
        article: String,
    },
    TicketLinked {
        ticket: String,
        kind: LinkKind,
    },
    /// 001 §III.13; 002 §8.3.
    DeadlineExtended {
        metric: String,
        #[serde(with = "crate::timestamp")]
        #[ts(type = "string")]
        until: DateTime<Utc>,
        justification: String,
    },
    /// `count`: requests since the last answer (002 §7.5(2)).
    InfoRequested {
        question: String,
        count: u32,
    },
    InfoReceived {
        text: String,
    },
    /// 001 §IV.6–7: the paper-declaration permission was given; valid 24 hours.
    PaperPermissionGranted {
        note: String,
    },
    /// 002 §12: a clarification of the change request's timeline was asked for.
    TimelineClarificationRequested {
        text: String,
    },
    /// 002 §12: the conclusion on the timeline was given.
    TimelineConclusionGiven {
        text: String,
    },
    /// 002 §7.3.4: a reclassification was proposed to the requester.
    ReclassificationProposed {
        ticket_type: Option<TicketType>,
        level: Option<Priority>,
        note: String,
    },
    /// 002 §7.3.4: the requester's answer (or the deemed agreement, by `system`).
    ReclassificationAnswered {
        agreed: bool,
        note: String,
    },
    /// 003 §6.1.12, §6.2.5: the requester rated the answer.
    Rated {
        score: u8,
        comment: String,
    },
    /// The requester was asked to confirm the solution of the resolved
    /// ticket (002 §14.4, §13.17, §13.19); auto-close counts these.
    ConfirmationRequested {
        text: String,
    },
}

/// Why an op was not applied. Every variant names the op and the ticket's
/// status; [`Refusal::code`] is the stable machine code (also the `code` tag
/// of the JSON form), the message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Refusal {
    #[error("cannot {op} a ticket that is {status}: {op} is allowed only when the ticket is {}; reload the ticket and choose an action its status allows", list(.allowed))]
    WrongStatus { op: OpKind, status: Status, allowed: Vec<Status> },
    #[error("a {role} user cannot {op} (ticket is {status}): {detail}")]
    ForbiddenRole { op: OpKind, status: Status, role: Role, detail: String },
    #[error("cannot {op} (ticket is {status}): the ticket was filed by another requester; a Self Service user acts only on their own tickets")]
    NotRequester { op: OpKind, status: Status },
    #[error("cannot {op} (ticket is {status}): only the owner{} or the lead of the ticket's group may; take the ticket or ask the group lead to assign it to you", owner_of(.owner))]
    NotOwner { op: OpKind, status: Status, owner: Option<String> },
    #[error("cannot {op} (ticket is {status}): the ticket belongs to group `{group}` and you are not its owner nor a member of it{}; ask that group's lead", if *.via_co_executor { " or of a co-executor group" } else { "" })]
    NotInGroup {
        op: OpKind,
        status: Status,
        group: String,
        /// Membership of a co-executor group would have been enough for this op.
        via_co_executor: bool,
    },
    #[error("cannot {op} (ticket is {status}) to another user: only the lead of group `{group}` or the current owner may hand the ticket over; take it yourself or ask the lead")]
    NotGroupLead { op: OpKind, status: Status, group: String },
    #[error("cannot {op} (ticket is {status}): only a member of a line {required} (or higher) group may; ask {required}")]
    ForbiddenLine { op: OpKind, status: Status, required: Line },
    #[error("cannot {op} (ticket is {status}): give the {field} (the regulations want it recorded)")]
    MissingReason { op: OpKind, status: Status, field: String },
    #[error("cannot {op} (ticket is {status}): `{field}` is empty; write it")]
    EmptyText { op: OpKind, status: Status, field: String },
    #[error("nothing to {op} (ticket is {status}): `{field}` is already {value}")]
    SameValue { op: OpKind, status: Status, field: String, value: String },
    #[error("cannot {op} (ticket is {status}): `{field}` {detail}")]
    InvalidTarget {
        op: OpKind,
        status: Status,
        field: String,
        detail: String,
    },
    #[error("cannot {op} (ticket is {status}): `{field}` {detail}")]
    InvalidInput {
        op: OpKind,
        status: Status,
        field: String,
        detail: String,
    },
    #[error("cannot {op} a {ticket_type} (ticket is {status}): {detail}")]
    NotApplicable {
        op: OpKind,
        status: Status,
        ticket_type: TicketType,
        detail: String,
    },
    #[error("cannot {op} for no response (ticket is {status}): information was requested {made} time(s) since the last answer, the ticket's policy needs at least {required} (002 §7.5(2): two; 004 §3.5: one); request it again")]
    TooFewInfoRequests { op: OpKind, status: Status, made: u32, required: u32 },
}

fn list(statuses: &[Status]) -> String {
    statuses.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

fn owner_of(owner: &Option<String>) -> String {
    match owner {
        Some(o) => format!(" (`{o}`)"),
        None => String::new(),
    }
}

impl Refusal {
    /// The stable machine code the client branches on.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::WrongStatus { .. } => "wrong_status",
            Refusal::ForbiddenRole { .. } => "forbidden_role",
            Refusal::NotRequester { .. } => "not_requester",
            Refusal::NotOwner { .. } => "not_owner",
            Refusal::NotInGroup { .. } => "not_in_group",
            Refusal::NotGroupLead { .. } => "not_group_lead",
            Refusal::ForbiddenLine { .. } => "forbidden_line",
            Refusal::MissingReason { .. } => "missing_reason",
            Refusal::EmptyText { .. } => "empty_text",
            Refusal::SameValue { .. } => "same_value",
            Refusal::InvalidTarget { .. } => "invalid_target",
            Refusal::InvalidInput { .. } => "invalid_input",
            Refusal::NotApplicable { .. } => "not_applicable",
            Refusal::TooFewInfoRequests { .. } => "too_few_info_requests",
        }
    }

    /// Every code [`Refusal::code`] can return.
    pub const CODES: &'static [&'static str] = &[
        "wrong_status",
        "forbidden_role",
        "not_requester",
        "not_owner",
        "not_in_group",
        "not_group_lead",
        "forbidden_line",
        "missing_reason",
        "empty_text",
        "same_value",
        "invalid_target",
        "invalid_input",
        "not_applicable",
        "too_few_info_requests",
    ];

    /// The op that was refused.
    pub fn op(&self) -> OpKind {
        match self {
            Refusal::WrongStatus { op, .. }
            | Refusal::ForbiddenRole { op, .. }
            | Refusal::NotRequester { op, .. }
            | Refusal::NotOwner { op, .. }
            | Refusal::NotInGroup { op, .. }
            | Refusal::NotGroupLead { op, .. }
            | Refusal::ForbiddenLine { op, .. }
            | Refusal::MissingReason { op, .. }
            | Refusal::EmptyText { op, .. }
            | Refusal::SameValue { op, .. }
            | Refusal::InvalidTarget { op, .. }
            | Refusal::InvalidInput { op, .. }
            | Refusal::NotApplicable { op, .. }
            | Refusal::TooFewInfoRequests { op, .. } => *op,
        }
    }

    /// The ticket's status when the op was refused.
    pub fn status(&self) -> Status {
        match self {
            Refusal::WrongStatus { status, .. }
            | Refusal::ForbiddenRole { status, .. }
            | Refusal::NotRequester { status, .. }
            | Refusal::NotOwner { status, .. }
            | Refusal::NotInGroup { status, .. }
            | Refusal::NotGroupLead { status, .. }
            | Refusal::ForbiddenLine { status, .. }
            | Refusal::MissingReason { status, .. }
            | Refusal::EmptyText { status, .. }
            | Refusal::SameValue { status, .. }
            | Refusal::InvalidTarget { status, .. }
            | Refusal::InvalidInput { status, .. }
            | Refusal::NotApplicable { status, .. }
            | Refusal::TooFewInfoRequests { status, .. } => *status,
        }
    }
}

/// How much involvement an analyst needs for an op (administrators need none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Owner, member of the ticket's group, or member of a co-executor group (003 §4.15).
    Involved,
    /// Owner or member of the ticket's group (000 §20).
    Member,
    /// The owner or the lead of the ticket's group; any member while there is no owner.
    Worker,
    /// `assign`: see [`apply`]'s rule for assign.
    Assign,
}

/// The status after an op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Unchanged,
    To(Status),
    /// `assign`: to a user → `in_progress` from `new`, otherwise unchanged;
    /// to a group → `new`.
    ByAssignTarget,
}

/// One row of the state machine.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub op: OpKind,
    /// The statuses the op is allowed from.
    pub from: &'static [Status],
    pub next: Next,
    /// May a Self Service user (the requester) do it on their own ticket?
    pub requester: bool,
    pub who: Who,
    /// The clauses the rule comes from.
    pub clause: &'static str,
}

use Status::{AwaitingInfo, Closed, InProgress, New, Postponed, Resolved};

const OPEN: &[Status] = &[New, InProgress, AwaitingInfo, Postponed];
const ACTIVE: &[Status] = &[InProgress, AwaitingInfo, Postponed];
const NOT_CLOSED: &[Status] = &[New, InProgress, AwaitingInfo, Postponed, Resolved];
const EVERY: &[Status] = &[New, InProgress, AwaitingInfo, Postponed, Resolved, Closed];

/// The state machine: one row per op (see the module's table).
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    Rule { op: OpKind::Take,           from: &[New, InProgress],       next: Next::To(InProgress),   requester: false, who: Who::Member,   clause: "000 §20 (members take ownership); 001 §III.9(2); 004 §2.4" },
    Rule { op: OpKind::Assign,         from: OPEN,                     next: Next::ByAssignTarget,   requester: false, who: Who::Assign,   clause: "000 §20 (leads assign owners; L2 involves another group); 003 §4.11" },
    Rule { op: OpKind::Comment,        from: EVERY,                    next: Next::Unchanged,        requester: true,  who: Who::Involved, clause: "004 §3.3–3.4; 000 §19" },
    Rule { op: OpKind::RequestInfo,    from: OPEN,                     next: Next::To(AwaitingInfo), requester: false, who: Who::Worker,   clause: "001 §III.2(4), §III.9(3); 000 §20; 002 §7.4; 004 §3.2" },
    Rule { op: OpKind::InfoReceived,   from: &[AwaitingInfo],          next: Next::To(InProgress),   requester: true,  who: Who::Member,   clause: "004 §3.2; 000 §19" },
    Rule { op: OpKind::Postpone,       from: &[New, InProgress, AwaitingInfo], next: Next::To(Postponed),    requester: false, who: Who::Worker,   clause: "001 §III.9(4), §III.13; 002 §8.4, §13.10, Appendix 1 Table 2" },
    Rule { op: OpKind::Resume,         from: &[AwaitingInfo, Postponed], next: Next::To(InProgress), requester: false, who: Who::Worker,   clause: "002 Appendix 1 Table 2; 004 §3.2" },
    Rule { op: OpKind::Escalate,       from: OPEN,                     next: Next::To(New),          requester: false, who: Who::Member,   clause: "000 §20(4); 001 §III.12; 002 §8.2, §9.3(7); 003 §4.11–4.12" },
    Rule { op: OpKind::AddCoExecutor,  from: OPEN,                     next: Next::Unchanged,        requester: false, who: Who::Member,   clause: "003 §4.10, §4.15; 000 §20(4)" },
    Rule { op: OpKind::SetPriority,    from: OPEN,                     next: Next::Unchanged,        requester: false, who: Who::Member,   clause: "002 §7.3.2–7.3.5; 000 §13" },
    Rule { op: OpKind::SetComplexity,  from: OPEN,                     next: Next::Unchanged,        requester: false, who: Who::Member,   clause: "003 §4.10" },
    Rule { op: OpKind::ChangeType,     from: OPEN,                     next: Next::Unchanged,        requester: false, who: Who::Member,   clause: "002 §7.3.2–7.3.4, §13.11–13.12" },
    Rule { op: OpKind::GiveWorkaround, from: ACTIVE,                   next: Next::Unchanged,        requester: false, who: Who::Worker,   clause: "002 §9.3(6), §9.6, Appendix 1 Table 3" },
    Rule { op: OpKind::Resolve,        from: OPEN,                     next: Next::To(Resolved),     requester: false, who: Who::Worker,   clause: "001 §III.9(5); 002 §14.1; 003 §4.9; 004 §3.3–3.4" },
    Rule { op: OpKind::RequestConfirmation, from: &[Resolved],         next: Next::Unchanged,        requester: false, who: Who::Member,   clause: "002 §14.1, §14.4, §13.17, §13.19" },
    Rule { op: OpKind::Reopen,         from: &[Resolved],              next: Next::To(InProgress),   requester: true,  who: Who::Member,   clause: "000 §19; 002 §14.1" },
    Rule { op: OpKind::Close,          from: &[Resolved],              next: Next::To(Closed),       requester: true,  who: Who::Member,   clause: "001 §III.9(6); 002 §14.2–14.4" },
    Rule { op: OpKind::Reject,         from: OPEN,                     next: Next::To(Closed),       requester: false, who: Who::Worker,   clause: "002 §7.5, §13.9; 004 §3.4–3.5" },
    Rule { op: OpKind::LinkKb,         from: NOT_CLOSED,               next: Next::Unchanged,        requester: false, who: Who::Involved, clause: "001 §III.15; 003 §4.14" },
    Rule { op: OpKind::LinkTicket,     from: NOT_CLOSED,               next: Next::Unchanged,        requester: false, who: Who::Involved, clause: "002 §6.7–6.8, §7.5(3)" },
    Rule { op: OpKind::ExtendDeadline, from: OPEN,                     next: Next::Unchanged,        requester: false, who: Who::Worker,   clause: "001 §III.3(2), §III.13; 002 §8.3" },
    Rule { op: OpKind::GrantPaperPermission, from: OPEN,               next: Next::Unchanged,        requester: false, who: Who::Member,   clause: "001 §IV.6–7" },
    Rule { op: OpKind::RequestTimelineClarification, from: OPEN,       next: Next::Unchanged,        requester: false, who: Who::Member,   clause: "002 §12" },
    Rule { op: OpKind::GiveTimelineConclusion, from: OPEN,             next: Next::Unchanged,        requester: false, who: Who::Worker,   clause: "002 §12" },
    Rule { op: OpKind::ProposeReclassification, from: OPEN,            next: Next::Unchanged,        requester: false, who: Who::Member,   clause: "002 §7.3.4" },
    Rule { op: OpKind::AnswerReclassification, from: OPEN,             next: Next::Unchanged,        requester: true,  who: Who::Member,   clause: "002 §7.3.4" },
    Rule { op: OpKind::Rate,           from: &[Closed],                next: Next::Unchanged,        requester: true,  who: Who::Member,   clause: "003 §6.1.12, §6.2.5" },
];

/// The row of [`RULES`] for `op`.
pub fn rule(op: OpKind) -> &'static Rule {
    RULES.iter().find(|r| r.op == op).expect("RULES has a row for every OpKind (tested)")
}

/// 002 §7.5(2): information must have been requested at least twice before
/// a ticket is rejected for no response. The default of
/// [`WorkflowLimits::min_info_requests_for_no_response`]; a policy may set
/// its own (004 §3.5: one).
pub const MIN_INFO_REQUESTS_FOR_NO_RESPONSE: u32 = 2;

/// The figures of the workflow that a policy sets (see the module's
/// "Figures that differ per policy"). Built from a policy by
/// [`crate::policy::Policy::workflow_limits`]; [`Default`] is
/// [`WorkflowLimits::DEFAULT`]. Its JSON form is kept with each offline
/// action, so a missing field reads as its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkflowLimits {
    /// `reject` with reason `no_response` needs at least this many requests
    /// for information in the current wait (`Ticket::info_requests`):
    /// 002 §7.5(2) two, 004 §3.5 one. 0 and 1 mean the same: the ticket is
    /// `awaiting_info` only after a request.
    pub min_info_requests_for_no_response: u32,
}

impl WorkflowLimits {
    /// What the workflow applies when no policy says otherwise: 002 §7.5(2),
    /// the one regulation that states a number of requests.
    pub const DEFAULT: WorkflowLimits = WorkflowLimits {
        min_info_requests_for_no_response: MIN_INFO_REQUESTS_FOR_NO_RESPONSE,
    };
}

impl Default for WorkflowLimits {
    fn default() -> Self {
        WorkflowLimits::DEFAULT
    }
}

/// Applies `op` by `actor` at `now` to `ticket` under the default
/// [`WorkflowLimits`]: [`apply_with`] for a caller that knows no policy
/// (tests, generated data). The server and the client pass the ticket's
/// policy's limits to [`apply_with`].
pub fn apply(ticket: &Ticket, op: &Op, actor: &Actor, now: DateTime<Utc>) -> Result<Applied, Refusal> {
    apply_with(ticket, op, actor, now, WorkflowLimits::DEFAULT)
}

/// Applies `op` by `actor` at `now` to `ticket` under the ticket's policy's
/// `limits`: the next ticket (version + 1) with the events to record, or
/// why not. Pure: the input is not changed.
///
/// Rules per op, beyond the table: each op has its own function, named
/// after it, next to its rule and clauses, in the submodules `workflow/ownership.rs`
/// (`take`, `assign`), `workflow/routing.rs` (`escalate`, `add_co_executor`),
/// `workflow/conversation.rs` (`comment`, `request_info`, `info_received`), `workflow/waiting.rs`
/// (`postpone`, `resume`), `workflow/classification.rs` (`set_priority`,
/// `set_complexity`, `change_type`), `workflow/outcome.rs` (`give_workaround`, `resolve`,
/// `request_confirmation`, `reopen`, `close`, `reject`), `workflow/links.rs` (`link_kb`,
/// `link_ticket`), `workflow/deadlines.rs` (`extend_deadline`) and
/// `workflow/terms.rs` (`grant_paper_permission`,
/// `request_timeline_clarification`, `give_timeline_conclusion`) and
/// `workflow/approval.rs` (`propose_reclassification`, `answer_reclassification`)
/// and `workflow/feedback.rs` (`rate`).
pub fn apply_with(ticket: &Ticket, op: &Op, actor: &Actor, now: DateTime<Utc>, limits: WorkflowLimits) -> Result<Applied, Refusal> {
    let kind = op.kind();
    let row = rule(kind);
    let status = ticket.status;
    let ctx = Ctx { op: kind, status };

    // 1. The role may do this op at all; a requester acts on their own ticket only.
    if actor.role == Role::SelfService {
        if !row.requester {
            return Err(Refusal::ForbiddenRole {
                op: kind,
                status,
                role: actor.role,
                detail:
                    "a requester may comment, answer a request for information, and reopen or confirm their resolved ticket, answer a proposed reclassification and rate their closed ticket; the service desk does the rest"
                        .into(),
            });
        }
        if !ticket.is_requester(&actor.user_id) {
            return Err(Refusal::NotRequester { op: kind, status });
        }
    }

    // 2. The status allows the op.
    if !row.from.contains(&status) {
        return Err(ctx.wrong_status(row.from));
    }

    // 3. The analyst is involved enough (administrators always are).
    if actor.role == Role::Analyst {
        check_involvement(ticket, op, row.who, actor, ctx)?;
    }

    // 4. The payload, and the effect.
    let mut w = Work {
        t: ticket.clone(),
        events: Vec::new(),
        actor: actor.user_id.clone(),
        now,
    };
    let input = Input { ticket, actor, limits, ctx };
    let i = &input;
    let work = &mut w;
    match op {
        Op::Take {} => ownership::take(i, work),
        Op::Assign { to: AssignTarget::User(user) } => ownership::assign_user(i, work, user),
        Op::Assign {
            to: AssignTarget::Group(group),
        } => ownership::assign_group(i, work, group),
        Op::Comment { visibility, text, attachments } => conversation::comment(i, work, *visibility, text, attachments),
        Op::RequestInfo { question } => conversation::request_info(i, work, question),
        Op::InfoReceived { text, attachments } => conversation::info_received(i, work, text, attachments),
        Op::Postpone { reason, note } => waiting::postpone(i, work, *reason, note),
        Op::Resume {} => waiting::resume(work),
        Op::Escalate { line, group, note } => routing::escalate(i, work, *line, group.as_deref(), note),
        Op::AddCoExecutor { group } => routing::add_co_executor(i, work, group),
        Op::SetPriority { level, impact, urgency, note } => classification::set_priority(i, work, *level, *impact, *urgency, note.as_deref()),
        Op::SetComplexity { complexity } => classification::set_complexity(i, work, *complexity),
        Op::ChangeType { ticket_type, note } => classification::change_type(i, work, *ticket_type, note),
        Op::GiveWorkaround { text } => outcome::give_workaround(i, work, text),
        Op::Resolve { code, text, kb } => outcome::resolve(i, work, code, text, kb),
        Op::RequestConfirmation { text } => outcome::request_confirmation(i, work, text),
        Op::Reopen { reason } => outcome::reopen(i, work, reason),
        Op::Close { basis } => outcome::close(i, work, *basis),
        Op::Reject { reason, note } => outcome::reject(i, work, reason, note),
        Op::LinkKb { article } => links::link_kb(i, work, article),
        Op::LinkTicket { ticket: other, kind } => links::link_ticket(i, work, other, *kind),
        Op::ExtendDeadline { metric, until, justification } => deadlines::extend_deadline(i, work, metric, *until, justification),
        Op::GrantPaperPermission { note } => terms::grant_paper_permission(i, work, note),
        Op::RequestTimelineClarification { text } => terms::request_timeline_clarification(i, work, text),
        Op::GiveTimelineConclusion { text } => terms::give_timeline_conclusion(i, work, text),
        Op::ProposeReclassification { ticket_type, level, note } => approval::propose_reclassification(i, work, *ticket_type, *level, note),
        Op::AnswerReclassification { agreed, note } => approval::answer_reclassification(i, work, *agreed, note),
        Op::Rate { score, comment } => feedback::rate(i, work, *score, comment),
    }?;

    debug_assert!(!w.events.is_empty(), "every applied op records an event");
    w.t.version += 1;
    w.t.updated_at = now;
    Ok(Applied { ticket: w.t, events: w.events })
}

fn check_involvement(ticket: &Ticket, op: &Op, who: Who, actor: &Actor, ctx: Ctx) -> Result<(), Refusal> {
    let me = actor.user_id.as_str();
    let is_owner = ticket.owner.as_deref() == Some(me);
    let member = actor.is_member_of(&ticket.group);
    let co_executor = ticket.co_executor_groups.iter().any(|g| actor.is_member_of(g));
    let not_in_group = || Refusal::NotInGroup {
        op: ctx.op,
        status: ctx.status,
        group: ticket.group.clone(),
        via_co_executor: who == Who::Involved,
    };
    match who {
        Who::Involved if is_owner || member || co_executor => Ok(()),
        Who::Member if is_owner || member => Ok(()),
        Who::Involved | Who::Member => Err(not_in_group()),
        Who::Worker => match &ticket.owner {
            None if member => Ok(()),
            None => Err(not_in_group()),
            Some(_) if is_owner || actor.leads(&ticket.group) => Ok(()),
            Some(owner) if member => Err(Refusal::NotOwner {
                op: ctx.op,
                status: ctx.status,
                owner: Some(owner.clone()),
            }),
            Some(_) => Err(not_in_group()),
        },
        Who::Assign => match op {
            Op::Assign { to: AssignTarget::User(user) } => {
                let to_self = user.trim() == me;
                if is_owner || actor.leads(&ticket.group) || (to_self && member) {
                    Ok(())
                } else if member {
                    Err(Refusal::NotGroupLead {
                        op: ctx.op,
                        status: ctx.status,
                        group: ticket.group.clone(),
                    })
                } else {
                    Err(not_in_group())
                }
            }
            _ if is_owner || member => Ok(()),
            _ => Err(not_in_group()),
        },
    }
}

/// What every op's rule reads: the ticket as it was, who acts, the
/// policy's limits, and the op with the status (for refusals).
struct Input<'a> {
    ticket: &'a Ticket,
    actor: &'a Actor,
    limits: WorkflowLimits,
    ctx: Ctx,
}

#[derive(Clone, Copy)]
struct Ctx {
    op: OpKind,
    status: Status,
}

impl Ctx {
    fn wrong_status(self, allowed: &[Status]) -> Refusal {
        Refusal::WrongStatus {
            op: self.op,
            status: self.status,
            allowed: allowed.to_vec(),
        }
    }
    fn same(self, field: &str, value: &str) -> Refusal {
        Refusal::SameValue {
            op: self.op,
            status: self.status,
            field: field.into(),
            value: value.into(),
        }
    }
    fn invalid_target(self, field: &str, detail: &str) -> Refusal {
        Refusal::InvalidTarget {
            op: self.op,
            status: self.status,
            field: field.into(),
            detail: detail.into(),
        }
    }
    fn invalid_input(self, field: &str, detail: &str) -> Refusal {
        Refusal::InvalidInput {
            op: self.op,
            status: self.status,
            field: field.into(),
            detail: detail.into(),
        }
    }
    /// A text the op is about: not blank (trimmed).
    fn text(self, field: &str, value: &str) -> Result<String, Refusal> {
        let v = value.trim();
        if v.is_empty() {
            Err(Refusal::EmptyText {
                op: self.op,
                status: self.status,
                field: field.into(),
            })
        } else {
            Ok(v.to_string())
        }
    }
    /// A reason / justification the regulations want recorded: not blank (trimmed).
    fn reason(self, field: &str, value: &str) -> Result<String, Refusal> {
        let v = value.trim();
        if v.is_empty() {
            Err(Refusal::MissingReason {
                op: self.op,
                status: self.status,
                field: field.into(),
            })
        } else {
            Ok(v.to_string())
        }
    }
}

struct Work {
    t: Ticket,
    events: Vec<TicketEvent>,
    actor: String,
    now: DateTime<Utc>,
}

impl Work {
    fn emit(&mut self, kind: EventKind) {
        self.events.push(TicketEvent {
            at: self.now,
            actor: self.actor.clone(),
            kind,
        });
    }

    fn comment(&mut self, visibility: Visibility, text: String) {
        self.t.comments.push(Comment {
            visibility,
            author: self.actor.clone(),
            at: self.now,
            text,
        });
    }

    /// A ticket worked straight from `new` (a question answered from the
    /// knowledge base, information asked for at registration) gets the actor
    /// as its owner, so every status past `new` has one.
    fn take_if_unowned(&mut self) {
        if self.t.owner.is_none() {
            self.set_owner(Some(self.actor.clone()));
        }
    }

    fn set_owner(&mut self, to: Option<String>) {
        if self.t.owner != to {
            let from = std::mem::replace(&mut self.t.owner, to.clone());
            self.emit(EventKind::OwnerChanged { from, to });
        }
    }

    /// Every status change is recorded with who and when (001 §III.9–10),
    /// and the status's companions are kept in step.
    fn set_status(&mut self, to: Status) {
        let from = self.t.status;
        if from == to {
            return;
        }
        self.t.status = to;
        if to != Postponed {
            self.t.postpone_reason = None;
        }
        if from == AwaitingInfo && to != Closed {
            // 002 §7.5(2) counts the requests of one wait; a rejected ticket keeps its count.
            self.t.info_requests = 0;
        }
        if to == Closed {
            self.t.closed_at = Some(self.now);
        }
        self.emit(EventKind::StatusChanged { from, to });
    }
}
