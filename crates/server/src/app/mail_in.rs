//! Mail into tickets: one message of an IMAP mailbox taken in, in one
//! transaction with the mailbox's new position, so it is taken in exactly
//! once across restarts and replicas. The domain's `mail_intake` decides
//! what it becomes: the requester's answer on the ticket its subject names,
//! or a new request (channel e-mail) with its attachments.

use super::tickets::{front_line_group, MAX_ATTACHMENTS};
use super::App;
use crate::error::{AppError, AppResult};
use crate::jobs::system_actor;
use crate::store::{attachments, inbox, tickets as ticket_store, users, WriteTx};
use chrono::{DateTime, Utc};
use helpdesk_domain::attachments::files_left_out_note;
use helpdesk_domain::mail_intake::{self, Reply, Sender, REQUESTER_BY_MAIL};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{Attachment, Visibility};
use helpdesk_domain::workflow::{Actor, Permissions, Role};
use helpdesk_domain::Channel;
use mail_parser::{MessageParser, MimeHeaders};
use sha2::{Digest, Sha256};

/// What became of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenIn {
    /// `registered`, `answered`, `commented`, `ignored` or `refused`.
    pub outcome: &'static str,
    pub ticket_number: Option<String>,
    pub detail: Option<String>,
}

impl App {
    /// Takes in the message `uid` of `mailbox` (whose UIDVALIDITY is
    /// `uid_validity`); `None` when it was taken in before.
    pub fn take_in_mail(&self, mailbox: &str, uid_validity: u32, uid: u32, raw: &[u8]) -> AppResult<Option<TakenIn>> {
        let now = self.now();
        self.store.write(|tx| {
            let position = inbox::position_for_update(tx, mailbox)?;
            let last = match position {
                Some((validity, last)) if validity == uid_validity => last,
                _ => 0, // a new mailbox, or renumbered: Message-IDs keep out what was taken in
            };
            if uid <= last {
                return Ok(None);
            }
            let parsed = MessageParser::default().parse(raw);
            let message_id = parsed
                .as_ref()
                .and_then(|m| m.message_id())
                .map(|id| id.trim().to_string())
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| format!("{mailbox}/{uid_validity}/{uid}"));
            let taken = if inbox::seen(tx.reader(), &message_id)? {
                None
            } else {
                let outcome = match &parsed {
                    Some(message) => match tx.savepoint("mail_in", || self.take_in(tx, message, now))? {
                        Ok(t) => t,
                        Err(AppError::Store(e)) => return Err(AppError::Store(e)),
                        Err(refused) => refusal(refused),
                    },
                    None => ignored("not an e-mail message"),
                };
                inbox::record(
                    tx,
                    &inbox::Taken {
                        message_id: &message_id,
                        mailbox,
                        uid,
                        outcome: outcome.outcome,
                        ticket_number: outcome.ticket_number.as_deref(),
                        detail: outcome.detail.as_deref(),
                    },
                    now,
                )?;
                Some(outcome)
            };
            inbox::set_position(tx, mailbox, uid_validity, uid)?;
            Ok(taken)
        })
    }

    fn take_in(&self, tx: &dyn WriteTx, message: &mail_parser::Message, now: DateTime<Utc>) -> AppResult<TakenIn> {
        let Some(from) = message.from().and_then(|a| a.first()) else {
            return Ok(ignored("no sender"));
        };
        let Some(address) = from.address.as_deref().map(str::trim).filter(|a| a.contains('@')) else {
            return Ok(ignored("no sender address"));
        };
        if mail_intake::is_automatic(message.header("Auto-Submitted").and_then(|h| h.as_text())) {
            return Ok(ignored("an automatic reply (Auto-Submitted)"));
        }
        if let Some(settings) = &self.config.mail {
            if crate::mail::address_of(&settings.from).is_some_and(|own| mail_intake::same_address(own, address)) {
                return Ok(ignored("the desk's own mail"));
            }
        }
        let subject = message.subject().unwrap_or_default();
        let body = message.body_text(0).map(|b| b.into_owned()).unwrap_or_default();
        if let Some(number) = mail_intake::number_in_subject(subject) {
            if let Some((ticket, _)) = ticket_store::head(tx.reader(), number)? {
                let account = match ticket.requester.user_id.as_deref() {
                    Some(id) => users::user_by_id(tx.reader(), id)?,
                    None => None,
                };
                let account_email = match &account {
                    Some(user) => users::contact(tx.reader(), &user.id)?.and_then(|(_, email)| email),
                    None => None,
                };
                if let Reply::Answer(op) = mail_intake::reply_to(&ticket, address, account_email.as_deref(), &body) {
                    let actor = match &account {
                        Some(user) => users::actor_and_me(tx.reader(), user)?.0,
                        None => Actor {
                            user_id: REQUESTER_BY_MAIL.into(),
                            role: Role::Administrator,
                            groups: vec![],
                            permissions: Permissions::default(),
                        },
                    };
                    let outcome = if matches!(op, Op::InfoReceived { .. }) { "answered" } else { "commented" };
                    let room = MAX_ATTACHMENTS.saturating_sub(ticket.attachments.len());
                    let files = self.mail_attachments(tx, message, &actor.user_id, room, now)?;
                    let left_out = message.attachments().count() - files.len();
                    let op = op.clone().with_attachments(files).unwrap_or(op);
                    self.act_in(tx, &actor, &ticket.id, &op, None, None, now)?;
                    self.note_files_left_out(tx, &ticket.id, left_out, now)?;
                    return Ok(TakenIn {
                        outcome,
                        ticket_number: Some(ticket.number),
                        detail: None,
                    });
                }
            }
        }
        self.register_from_mail(tx, message, address, from.name.as_deref(), subject, &body, now)
    }

    #[allow(clippy::too_many_arguments)]
    fn register_from_mail(
        &self,
        tx: &dyn WriteTx,
        message: &mail_parser::Message,
        address: &str,
        display_name: Option<&str>,
        subject: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> AppResult<TakenIn> {
        let account = inbox::requester_by_email(tx.reader(), address)?;
        let sender = Sender {
            address: address.to_string(),
            name: display_name
                .map(str::to_string)
                .or_else(|| account.as_ref().map(|a| a.1.clone()))
                .unwrap_or_default(),
            user_id: account.as_ref().map(|a| a.0.clone()),
            organisation: account.as_ref().and_then(|a| a.2.clone()),
        };
        let mut form = mail_intake::email_registration(&sender, subject, body);
        let actor = match &account {
            Some((id, _, _)) => {
                let user = users::user_by_id(tx.reader(), id)?.ok_or_else(|| AppError::Internal(format!("no user {id}")))?;
                users::actor_and_me(tx.reader(), &user)?.0
            }
            None => {
                form.group = front_line_group(tx.reader(), &form)?;
                system_actor()
            }
        };
        form.attachments = self.mail_attachments(tx, message, &actor.user_id, MAX_ATTACHMENTS, now)?;
        let left_out = message.attachments().count() - form.attachments.len();
        let (ticket, _) = self.register_in(tx, &actor, form, Channel::Email, crate::app::auth::new_id("t-"), now)?;
        self.note_files_left_out(tx, &ticket.id, left_out, now)?;
        if account.is_none() {
            let note = Op::Comment {
                visibility: Visibility::Internal,
                text: mail_intake::unidentified_note(address),
                attachments: vec![],
            };
            self.act_in(tx, &system_actor(), &ticket.id, &note, None, None, now)?;
        }
        Ok(TakenIn {
            outcome: "registered",
            ticket_number: Some(ticket.number),
            detail: account.is_none().then(|| "requester not identified".to_string()),
        })
    }

    /// Tells the desk, in an internal note, that `left_out` files of the
    /// message did not join ticket `ticket_id` (nothing when none).
    fn note_files_left_out(&self, tx: &dyn WriteTx, ticket_id: &str, left_out: usize, now: DateTime<Utc>) -> AppResult<()> {
        if left_out == 0 {
            return Ok(());
        }
        let note = Op::Comment {
            visibility: Visibility::Internal,
            text: files_left_out_note(left_out, self.config.max_attachment_bytes >> 20),
            attachments: vec![],
        };
        self.act_in(tx, &system_actor(), ticket_id, &note, None, None, now)?;
        Ok(())
    }

    /// The message's attachments, stored as uploads of `uploader`: at most
    /// `room` of them, each within the attachment size limit.
    fn mail_attachments(
        &self,
        tx: &dyn WriteTx,
        message: &mail_parser::Message,
        uploader: &str,
        room: usize,
        now: DateTime<Utc>,
    ) -> AppResult<Vec<Attachment>> {
        let mut out = Vec::new();
        for part in message.attachments() {
            if out.len() == room {
                break;
            }
            let content = part.contents();
            if content.is_empty() || content.len() > self.config.max_attachment_bytes {
                continue;
            }
            let sha256 = hex::encode(Sha256::digest(content));
            let media_type = part
                .content_type()
                .map(|c| match c.subtype() {
                    Some(sub) => format!("{}/{sub}", c.ctype()),
                    None => c.ctype().to_string(),
                })
                .unwrap_or_else(|| "application/octet-stream".into());
            attachments::put(tx, &sha256, &media_type, content, now)?;
            attachments::record_upload(tx, &sha256, uploader, content.len() as u64, now)?;
            out.push(Attachment {
                name: part.attachment_name().unwrap_or("attachment").to_string(),
                sha256,
                size: content.len() as u64,
            });
        }
        Ok(out)
    }
}

fn ignored(why: &str) -> TakenIn {
    TakenIn {
        outcome: "ignored",
        ticket_number: None,
        detail: Some(why.to_string()),
    }
}

/// A message a rule refused is recorded with why, and not read again.
fn refusal(error: AppError) -> TakenIn {
    tracing::warn!(error = %error, "an e-mail could not be taken in");
    TakenIn {
        outcome: "refused",
        ticket_number: None,
        detail: Some(error.to_string()),
    }
}
