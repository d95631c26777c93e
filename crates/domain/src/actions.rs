//! Which actions a ticket allows an actor now, and for each one it does
//! not, why (the workflow's refusal code). The answer is the workflow's
//! own: every op is tried on the ticket as it is with a payload the actor
//! could send ([`probe`]), through [`apply_with`], so the desktop, the CLI
//! and the server can never offer what the workflow would refuse, nor hide
//! what it would accept.

use crate::model::{Complexity, TicketType};
use crate::ops::{AssignTarget, Op, OpKind};
use crate::priority::Priority;
use crate::ticket::{CloseBasis, LinkKind, PostponeReason, RejectReason, ResolutionCode, Ticket, TicketLink, Visibility};
use crate::workflow::{apply_with, Actor, Role, WorkflowLimits};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One action of a ticket for an actor: allowed, or refused with a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Availability {
    pub op: OpKind,
    /// Why not: a code of [`crate::workflow::Refusal::code`]; absent when
    /// the action is allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub refused: Option<String>,
}

impl Availability {
    pub fn allowed(&self) -> bool {
        self.refused.is_none()
    }
}

/// Every op kind, in [`OpKind::ALL`]'s order, for `actor` on `ticket` at
/// `now` under the ticket's policy's `limits`.
pub fn availability(ticket: &Ticket, actor: &Actor, now: DateTime<Utc>, limits: WorkflowLimits) -> Vec<Availability> {
    OpKind::ALL
        .iter()
        .map(|&op| Availability {
            op,
            refused: apply_with(ticket, &probe(op, ticket, actor, now), actor, now, limits)
                .err()
                .map(|refusal| refusal.code().to_string()),
        })
        .collect()
}

/// The op kinds `actor` may do on `ticket` now.
pub fn allowed_ops(ticket: &Ticket, actor: &Actor, now: DateTime<Utc>, limits: WorkflowLimits) -> Vec<OpKind> {
    availability(ticket, actor, now, limits)
        .into_iter()
        .filter(Availability::allowed)
        .map(|a| a.op)
        .collect()
}

/// `base` with `~` appended until `taken` says it is free.
fn another(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut name = format!("{base}~");
    while taken(&name) {
        name.push('~');
    }
    name
}

/// An op of kind `op` with a payload that only the ticket's state and the
/// actor's rights can refuse: texts filled in, targets different from
/// what the ticket already has.
pub fn probe(op: OpKind, ticket: &Ticket, actor: &Actor, now: DateTime<Utc>) -> Op {
    let text = || "…".to_string();
    let other_group = || another(&ticket.group, |g| g == ticket.group || ticket.co_executor_groups.iter().any(|c| c == g));
    match op {
        OpKind::Take => Op::Take {},
        OpKind::Assign => {
            // To oneself, as a member takes over; an owner hands it on.
            let me = actor.user_id.clone();
            let to = if ticket.owner.as_deref() == Some(me.as_str()) {
                another(&me, |u| u == me)
            } else {
                me
            };
            Op::Assign { to: AssignTarget::User(to) }
        }
        OpKind::Comment => Op::Comment {
            visibility: if actor.role == Role::SelfService {
                Visibility::Public
            } else {
                Visibility::Internal
            },
            text: text(),
            attachments: vec![],
        },
        OpKind::RequestInfo => Op::RequestInfo { question: text() },
        OpKind::InfoReceived => Op::InfoReceived {
            text: text(),
            attachments: vec![],
        },
        OpKind::Postpone => Op::Postpone {
            reason: PostponeReason::ALL[0],
            note: text(),
        },
        OpKind::Resume => Op::Resume {},
        OpKind::Escalate => Op::Escalate {
            line: None,
            group: Some(other_group()),
            note: text(),
        },
        OpKind::AddCoExecutor => Op::AddCoExecutor { group: other_group() },
        OpKind::SetPriority => Op::SetPriority {
            level: Priority::new(if ticket.priority.value() == 1 { 2 } else { 1 }).ok(),
            impact: None,
            urgency: None,
            note: Some(text()),
        },
        OpKind::SetComplexity => Op::SetComplexity {
            complexity: Complexity::ALL
                .iter()
                .copied()
                .find(|c| ticket.complexity != Some(*c))
                .unwrap_or(Complexity::ALL[0]),
        },
        OpKind::ChangeType => Op::ChangeType {
            ticket_type: TicketType::ALL.iter().copied().find(|t| *t != ticket.ticket_type).unwrap_or(TicketType::ALL[0]),
            note: text(),
        },
        OpKind::GiveWorkaround => Op::GiveWorkaround {
            text: another("", |t| ticket.workaround.as_deref() == Some(t)),
        },
        OpKind::Resolve => Op::Resolve {
            code: ResolutionCode::ALL[0].as_str().into(),
            text: text(),
            kb: Vec::new(),
        },
        OpKind::RequestConfirmation => Op::RequestConfirmation { text: text() },
        OpKind::Reopen => Op::Reopen { reason: text() },
        OpKind::Close => Op::Close { basis: CloseBasis::Confirmed },
        OpKind::Reject => Op::Reject {
            reason: RejectReason::OutOfScope,
            note: text(),
        },
        OpKind::LinkKb => Op::LinkKb {
            article: another("kb", |a| ticket.kb_links.iter().any(|k| k == a)),
        },
        OpKind::LinkTicket => {
            let kind = LinkKind::ALL[0];
            let other = another(&ticket.number, |n| {
                ticket.is_called(n) || ticket.links.contains(&TicketLink { kind, ticket: n.to_string() })
            });
            Op::LinkTicket { ticket: other, kind }
        }
        OpKind::GrantPaperPermission => Op::GrantPaperPermission { note: text() },
        OpKind::ProposeReclassification => Op::ProposeReclassification {
            ticket_type: TicketType::ALL.iter().copied().find(|t| *t != ticket.ticket_type),
            level: None,
            note: text(),
        },
        OpKind::AnswerReclassification => Op::AnswerReclassification { agreed: true, note: text() },
        OpKind::Rate => Op::Rate {
            score: *crate::satisfaction::SCORES.end(),
            comment: String::new(),
        },
        OpKind::RequestTimelineClarification => Op::RequestTimelineClarification { text: text() },
        OpKind::GiveTimelineConclusion => Op::GiveTimelineConclusion { text: text() },
        OpKind::ExtendDeadline => Op::ExtendDeadline {
            metric: "resolution".into(),
            until: now + Duration::days(1),
            justification: text(),
        },
    }
}
