//! The intents an analyst (or a requester, or the server) sends about a
//! ticket: one serde enum with a stable JSON form, `{"op": "<name>", ...}`.
//! Unknown fields are refused. How each op applies is
//! [`crate::workflow::apply`]; the wire form is pinned by the tests in
//! `crates/domain/tests/workflow.rs`.

use crate::model::{named_enum, Complexity, Line, TicketType};
use crate::priority::{Impact, Priority, Urgency};
use crate::ticket::{Attachment, CloseBasis, LinkKind, PostponeReason, RejectReason, Visibility};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// To whom a ticket is assigned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssignTarget {
    /// A user (the new owner) — `{"user": "u-1"}`.
    User(String),
    /// A working group (re-routing; the ticket waits to be taken there) — `{"group": "g-1"}`.
    Group(String),
}

/// An intent about one ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Op {
    /// Take the ticket: the actor becomes the owner, `in_progress`.
    Take {},
    /// Hand the ticket to a user or re-route it to a group.
    Assign { to: AssignTarget },
    /// Add a comment (public: the requester sees it; internal: the desk only).
    /// A public comment may bring files, added to the ticket's attachments
    /// (absent in the JSON = none, as before attachments came with comments).
    Comment {
        visibility: Visibility,
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[ts(optional, as = "Option<Vec<Attachment>>")]
        attachments: Vec<Attachment>,
    },
    /// Ask the requester for information → `awaiting_info`.
    RequestInfo { question: String },
    /// The requested information arrived → `in_progress`; the answer may
    /// bring files, added to the ticket's attachments.
    InfoReceived {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[ts(optional, as = "Option<Vec<Attachment>>")]
        attachments: Vec<Attachment>,
    },
    /// Postpone for a reason of SPEC §2.1 → `postponed`.
    Postpone { reason: PostponeReason, note: String },
    /// Continue work after a postponement or a wait for information → `in_progress`.
    Resume {},
    /// Hand over to another line and/or group → `new` there, without an owner.
    Escalate {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        line: Option<Line>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        group: Option<String>,
        note: String,
    },
    /// Involve another group as co-executor (003 §4.10, §4.15).
    AddCoExecutor { group: String },
    /// Change the priority: either `level`, or `impact` and `urgency` (000 §13 matrix).
    SetPriority {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        level: Option<Priority>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        impact: Option<Impact>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        urgency: Option<Urgency>,
        /// Justification / the requester's agreement (002 §7.3.2, §7.3.4).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        note: Option<String>,
    },
    /// Set the complexity (003 §4.10).
    SetComplexity { complexity: Complexity },
    /// Reclassify the ticket's type (category), with the justification or
    /// the requester's agreement (002 §7.3.2–7.3.4, §13.11–13.12).
    ChangeType { ticket_type: TicketType, note: String },
    /// Give a workaround (002 §9.3(6), §9.6).
    GiveWorkaround { text: String },
    /// Give the solution → `resolved`.
    Resolve {
        /// One of [`crate::ticket::ResolutionCode`] (text on the wire, so a
        /// client of an older list is answered with the list, not a parse error).
        code: String,
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        kb: Vec<String>,
    },
    /// Ask the requester to confirm the solution of a `resolved` ticket;
    /// the status stays (002 §14.4, §13.17, §13.19: auto-close needs two such requests).
    RequestConfirmation { text: String },
    /// The solution did not solve it → `in_progress` (000 §19; 002 §14.1).
    Reopen { reason: String },
    /// Close a resolved ticket (confirmation, agreement or auto-close).
    Close {
        #[serde(default)]
        basis: CloseBasis,
    },
    /// Close without working it, with a reason (002 §7.5; 004 §3.5).
    Reject { reason: RejectReason, note: String },
    /// Link a knowledge-base article.
    LinkKb { article: String },
    /// Link another ticket.
    LinkTicket { ticket: String, kind: LinkKind },
    /// Propose a new type and/or priority that lengthens the term to the
    /// requester (002 §7.3.4); it applies once agreed or deemed agreed.
    ProposeReclassification {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        ticket_type: Option<TicketType>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        level: Option<Priority>,
        note: String,
    },
    /// The requester's answer to the proposal (002 §7.3.4); the server's
    /// timed job answers `agreed` when the term passed without one.
    AnswerReclassification { agreed: bool, note: String },
    /// The requester rates the answer once the ticket is closed: a score of
    /// [`crate::satisfaction::SCORES`] and an optional comment (003 §6.1.12, §6.2.5).
    Rate {
        score: u8,
        #[serde(default)]
        comment: String,
    },
    /// L1 informed the customs office and the subject of the regime of the
    /// paper-declaration permission: valid 24 hours (001 §IV.6–7).
    GrantPaperPermission { note: String },
    /// The customer asks to clarify a change request's timeline: a
    /// conclusion is due in 5 working days (002 §12).
    RequestTimelineClarification { text: String },
    /// The conclusion on the timeline clarification (002 §12).
    GiveTimelineConclusion { text: String },
    /// Extend a deadline with a justification (001 §III.3(2), §III.13; 002 §8.3).
    ExtendDeadline {
        metric: String,
        #[ts(type = "string")]
        until: DateTime<Utc>,
        justification: String,
    },
}

named_enum!(
    /// The name of an [`Op`], without its payload (the `op` tag of the JSON form).
    OpKind {
        Take => "take",
        Assign => "assign",
        Comment => "comment",
        RequestInfo => "request_info",
        InfoReceived => "info_received",
        Postpone => "postpone",
        Resume => "resume",
        Escalate => "escalate",
        AddCoExecutor => "add_co_executor",
        SetPriority => "set_priority",
        SetComplexity => "set_complexity",
        ChangeType => "change_type",
        GiveWorkaround => "give_workaround",
        Resolve => "resolve",
        RequestConfirmation => "request_confirmation",
        Reopen => "reopen",
        Close => "close",
        Reject => "reject",
        LinkKb => "link_kb",
        LinkTicket => "link_ticket",
        ExtendDeadline => "extend_deadline",
        GrantPaperPermission => "grant_paper_permission",
        RequestTimelineClarification => "request_timeline_clarification",
        GiveTimelineConclusion => "give_timeline_conclusion",
        ProposeReclassification => "propose_reclassification",
        AnswerReclassification => "answer_reclassification",
        Rate => "rate",
    }
);

impl Op {
    pub fn kind(&self) -> OpKind {
        match self {
            Op::Take {} => OpKind::Take,
            Op::Assign { .. } => OpKind::Assign,
            Op::Comment { .. } => OpKind::Comment,
            Op::RequestInfo { .. } => OpKind::RequestInfo,
            Op::InfoReceived { .. } => OpKind::InfoReceived,
            Op::Postpone { .. } => OpKind::Postpone,
            Op::Resume {} => OpKind::Resume,
            Op::Escalate { .. } => OpKind::Escalate,
            Op::AddCoExecutor { .. } => OpKind::AddCoExecutor,
            Op::SetPriority { .. } => OpKind::SetPriority,
            Op::SetComplexity { .. } => OpKind::SetComplexity,
            Op::ChangeType { .. } => OpKind::ChangeType,
            Op::GiveWorkaround { .. } => OpKind::GiveWorkaround,
            Op::Resolve { .. } => OpKind::Resolve,
            Op::RequestConfirmation { .. } => OpKind::RequestConfirmation,
            Op::Reopen { .. } => OpKind::Reopen,
            Op::Close { .. } => OpKind::Close,
            Op::Reject { .. } => OpKind::Reject,
            Op::LinkKb { .. } => OpKind::LinkKb,
            Op::LinkTicket { .. } => OpKind::LinkTicket,
            Op::ExtendDeadline { .. } => OpKind::ExtendDeadline,
            Op::GrantPaperPermission { .. } => OpKind::GrantPaperPermission,
            Op::RequestTimelineClarification { .. } => OpKind::RequestTimelineClarification,
            Op::GiveTimelineConclusion { .. } => OpKind::GiveTimelineConclusion,
            Op::ProposeReclassification { .. } => OpKind::ProposeReclassification,
            Op::AnswerReclassification { .. } => OpKind::AnswerReclassification,
            Op::Rate { .. } => OpKind::Rate,
        }
    }

    /// Comments never conflict (ARCHITECTURE: sync protocol): the sync layer
    /// may apply them whatever version they were made against.
    pub fn is_comment(&self) -> bool {
        matches!(self, Op::Comment { .. })
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind().as_str())
    }
}
