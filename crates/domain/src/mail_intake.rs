//! What an e-mail to the service desk's mailbox becomes (000 §19, 001
//! §III.2, §III.6: e-mail is a registration channel). A message whose
//! subject carries `[#NUMBER]` of a ticket, from that ticket's requester's
//! address, is the requester's answer: it answers a pending request for
//! information, else it is their public comment. Any other message is a
//! new request, registered with channel `email` for L1 to classify (type
//! consultation at the lowest priority until L1 decides); a sender no
//! account has is registered by address and flagged for L1 to identify.
//! Automatic replies (RFC 3834 `Auto-Submitted`) are never taken in, so
//! two robots cannot answer each other forever.

use crate::ops::Op;
use crate::ticket::{NewTicket, Requester, RequesterKind, Ticket, Visibility};
use crate::{Channel, Impact, Status, TicketType, Urgency};

/// The actor recorded for a requester without an account who answers by
/// e-mail; the requester's own actions are not mailed back to them.
pub const REQUESTER_BY_MAIL: &str = "requester-by-mail";

/// The service recorded on a request by e-mail until L1 classifies it.
pub const UNCLASSIFIED_SERVICE: &str = "не визначено (e-mail)";

/// The longest text taken from a message (the limit of a comment).
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The ticket number in a subject's `[#NUMBER]`, if any.
pub fn number_in_subject(subject: &str) -> Option<&str> {
    let start = subject.find("[#")? + 2;
    let len = subject[start..].find(']')?;
    let number = subject[start..start + len].trim();
    let plausible = !number.is_empty() && number.len() <= 40 && number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    plausible.then_some(number)
}

/// Whether two addresses are the same mailbox (the domain is not case-sensitive;
/// the local part is compared without case too, as mail servers do in practice).
pub fn same_address(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Whether a message is an automatic one (RFC 3834): an `Auto-Submitted`
/// header with any value but `no`.
pub fn is_automatic(auto_submitted: Option<&str>) -> bool {
    auto_submitted.is_some_and(|v| !v.trim().eq_ignore_ascii_case("no"))
}

/// The requester's own words of a reply: the quoted lines (`>`) and the
/// trailing quotation header left out, at most [`MAX_TEXT_CHARS`].
pub fn reply_text(body: &str) -> String {
    let mut lines: Vec<&str> = body.lines().map(str::trim_end).filter(|l| !l.trim_start().starts_with('>')).collect();
    while lines.last().is_some_and(|l| {
        l.trim().is_empty()
            || l.trim_end().ends_with("wrote:")
            || l.trim_end().ends_with("пише:")
            || l.trim_end().ends_with("написал:")
            || l.trim_end().ends_with("написав:")
    }) {
        lines.pop();
    }
    clip(lines.join("\n").trim())
}

fn clip(text: &str) -> String {
    text.chars().take(MAX_TEXT_CHARS).collect()
}

/// What an incoming message is for a ticket it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The requester's answer: the op to apply as them.
    Answer(Op),
    /// Not from the ticket's requester: taken as a new request instead.
    NotTheRequester,
}

/// The op a reply from `from` to `ticket` becomes: an answer to a pending
/// request for information (`info_received`, 004 §3.2), else a public
/// comment.
pub fn reply_to(ticket: &Ticket, from: &str, account_email: Option<&str>, body: &str) -> Reply {
    let requester = ticket.requester.email.as_deref().is_some_and(|e| same_address(e, from)) || account_email.is_some_and(|e| same_address(e, from));
    if !requester {
        return Reply::NotTheRequester;
    }
    let text = reply_text(body);
    let text = if text.is_empty() { "(e-mail)".to_string() } else { text };
    Reply::Answer(if ticket.status == Status::AwaitingInfo {
        Op::InfoReceived { text, attachments: vec![] }
    } else {
        Op::Comment {
            visibility: Visibility::Public,
            text,
            attachments: vec![],
        }
    })
}

/// Who sent a new request, as the desk knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub address: String,
    /// The display name of the message's `From:`, else the account's name.
    pub name: String,
    /// The sender's Self Service account, when one has the address.
    pub user_id: Option<String>,
    pub organisation: Option<String>,
}

/// The registration form of a new request by e-mail: channel `email`,
/// for L1 to classify (type consultation, the lowest impact and urgency,
/// an unclassified service); the requester is the sender (a citizen until
/// L1 says otherwise).
pub fn email_registration(sender: &Sender, subject: &str, body: &str) -> NewTicket {
    let subject = subject.trim();
    let subject: String = if subject.is_empty() {
        "(e-mail)".into()
    } else {
        subject.chars().take(300).collect()
    };
    let description = clip(body.trim());
    let description = if description.is_empty() { subject.clone() } else { description };
    let name = if sender.name.trim().is_empty() {
        sender.address.clone()
    } else {
        sender.name.trim().to_string()
    };
    NewTicket {
        ticket_type: Some(TicketType::Consultation),
        subject,
        description,
        service: UNCLASSIFIED_SERVICE.into(),
        channel: Some(Channel::Email),
        requester: Requester {
            kind: Some(RequesterKind::Citizen),
            name,
            organisation: sender.organisation.clone(),
            email: Some(sender.address.clone()),
            user_id: sender.user_id.clone(),
            ..Requester::default()
        },
        impact: Some(Impact::Low),
        urgency: Some(Urgency::Low),
        ..NewTicket::default()
    }
}

/// The desk's internal note on a request from an address no account has.
pub fn unidentified_note(address: &str) -> String {
    format!("Заявника не ідентифіковано: запит надійшов електронною поштою з адреси {address}, якої немає в обліковому записі жодного користувача. Встановіть особу заявника.")
}
