//! Which of a ticket's events its requester is told of by e-mail, the
//! channel 000, 001 and 003 name next to the portal.
//!
//! A requester with an address hears of the registration (with the
//! ticket's number), of every request for information (the second one
//! too: 002 §7.5(2) and 004 §3.5 reject a ticket only after the requester
//! was asked), of the resolution (with a request to confirm it, 002
//! §14.2), of every further request to confirm (002 §14.4 closes a ticket
//! only after two), of the closing and the rejection (with the reason),
//! and of the desk's public replies. An internal comment, the desk's own
//! moves (assignment, escalation, priority) and what the requester did
//! themselves (after registering) are never mailed.
//!
//! This is the one place the rule is written; the server renders and
//! queues what it returns, in the same transaction as the change.

use crate::ticket::{CloseBasis, RejectReason, Ticket, Visibility};
use crate::workflow::{EventKind, TicketEvent};

/// What the requester is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeKind {
    /// The ticket was registered; its number is in the subject.
    Registered,
    /// The desk asks for information; `count` is the request's number in
    /// the current wait (2: the last before a rejection under 002 §7.5(2)).
    InfoRequested { question: String, count: u32 },
    /// The desk resolved the ticket: the solution, and a request to confirm it.
    Resolved { text: String },
    /// A further request to confirm the solution (002 §14.4).
    ConfirmationRequested { text: String },
    /// The ticket was closed; the basis says why.
    Closed { basis: CloseBasis },
    /// The ticket was rejected, with the reason and the desk's note.
    Rejected { reason: RejectReason, note: String },
    /// The desk's public reply.
    Reply { text: String },
}

impl NoticeKind {
    /// A stable name, for the outbox and the administrators' listing.
    pub fn as_str(&self) -> &'static str {
        match self {
            NoticeKind::Registered => "registered",
            NoticeKind::InfoRequested { .. } => "info_requested",
            NoticeKind::Resolved { .. } => "resolved",
            NoticeKind::ConfirmationRequested { .. } => "confirmation_requested",
            NoticeKind::Closed { .. } => "closed",
            NoticeKind::Rejected { .. } => "rejected",
            NoticeKind::Reply { .. } => "reply",
        }
    }
}

/// One e-mail to a requester.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequesterNotice {
    /// The requester's address, as the ticket holds it.
    pub to: String,
    pub kind: NoticeKind,
}

/// The requester's address, when the ticket has one that can take mail.
pub fn requester_address(ticket: &Ticket) -> Option<&str> {
    let email = ticket.requester.email.as_deref()?.trim();
    let (local, domain) = email.split_once('@')?;
    let plausible = !local.is_empty() && !domain.is_empty() && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    plausible.then_some(email)
}

/// The e-mails `events` (just recorded on `ticket`, which is the ticket
/// after them) give its requester, in the events' order.
pub fn requester_notices(ticket: &Ticket, events: &[TicketEvent]) -> Vec<RequesterNotice> {
    let Some(to) = requester_address(ticket) else {
        return Vec::new();
    };
    let by_requester = |e: &TicketEvent| ticket.requester.user_id.as_deref() == Some(e.actor.as_str()) || e.actor == crate::mail_intake::REQUESTER_BY_MAIL;
    events
        .iter()
        .filter_map(|e| {
            let kind = match &e.kind {
                EventKind::Registered { .. } => NoticeKind::Registered,
                _ if by_requester(e) => return None,
                EventKind::InfoRequested { question, count } => NoticeKind::InfoRequested {
                    question: question.clone(),
                    count: *count,
                },
                EventKind::Resolved { text, .. } => NoticeKind::Resolved { text: text.clone() },
                EventKind::ConfirmationRequested { text } => NoticeKind::ConfirmationRequested { text: text.clone() },
                EventKind::Closed { basis } => NoticeKind::Closed { basis: *basis },
                EventKind::Rejected { reason, note } => NoticeKind::Rejected {
                    reason: reason.clone(),
                    note: note.clone(),
                },
                EventKind::CommentAdded {
                    visibility: Visibility::Public,
                } => NoticeKind::Reply {
                    text: public_comment_text(ticket, e)?,
                },
                _ => return None,
            };
            Some(RequesterNotice { to: to.to_string(), kind })
        })
        .collect()
}

/// The text of the public comment `event` recorded.
fn public_comment_text(ticket: &Ticket, event: &TicketEvent) -> Option<String> {
    ticket
        .comments
        .iter()
        .rev()
        .find(|c| c.visibility == Visibility::Public && c.at == event.at && c.author == event.actor)
        .map(|c| c.text.clone())
}
