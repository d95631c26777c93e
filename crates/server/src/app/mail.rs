//! Mail to requesters from the application: the domain's notices of a
//! change, rendered in the requester's language and queued in the outbox
//! in the same transaction as the change (so a change never goes unmailed
//! and a rolled-back change is never mailed); the administrators' view of
//! the outbox.

use super::auth::{new_id, Caller};
use super::App;
use crate::error::{AppError, AppResult};
use crate::mail::{domain_of, templates, Language};
use crate::store::outbox::{self, NewMail, OutboxMail};
use crate::store::{ReadTx, WriteTx};
use chrono::{DateTime, Utc};
use helpdesk_domain::requester_mail::requester_notices;
use helpdesk_domain::ticket::Ticket;
use helpdesk_domain::workflow::{Role, TicketEvent};

/// The language of `ticket`'s requester: their account's choice, else
/// the deployment's default.
pub fn requester_language(conn: &dyn ReadTx, ticket: &Ticket, default: Language) -> AppResult<Language> {
    let chosen = match ticket.requester.user_id.as_deref() {
        Some(user) => outbox::user_language(conn, user)?,
        None => None,
    };
    Ok(chosen.as_deref().and_then(Language::parse).unwrap_or(default))
}

impl App {
    /// Queues the e-mails `events` (just saved on `ticket`) give its
    /// requester; nothing when the deployment sends no mail.
    pub(crate) fn queue_requester_mail(&self, tx: &dyn WriteTx, ticket: &Ticket, events: &[TicketEvent], now: DateTime<Utc>) -> AppResult<()> {
        let Some(settings) = &self.config.mail else {
            return Ok(());
        };
        let notices = requester_notices(ticket, events);
        if notices.is_empty() {
            return Ok(());
        }
        let language = requester_language(tx.reader(), ticket, settings.default_language)?;
        for notice in notices {
            let rendered = templates::render(language, ticket, &notice.kind);
            let id = new_id("m-");
            let message_id = format!("<{id}.{}@{}>", ticket.number, domain_of(&settings.from));
            outbox::enqueue(
                tx,
                &NewMail {
                    id: &id,
                    ticket_id: Some(&ticket.id),
                    kind: notice.kind.as_str(),
                    recipient: &notice.to,
                    language: language.as_str(),
                    subject: &rendered.subject,
                    body: &rendered.body,
                    message_id: &message_id,
                },
                now,
            )?;
        }
        Ok(())
    }

    /// The outbox for administrators: messages of `status` (all when
    /// `None`), oldest first, at most `limit`.
    pub fn mail_outbox(&self, caller: &Caller, status: Option<&str>, limit: u32) -> AppResult<Vec<OutboxMail>> {
        if caller.actor.role != Role::Administrator {
            return Err(AppError::Forbidden("only administrators see the mail outbox".into()));
        }
        check_status(status)?;
        Ok(self.store.read(|conn| outbox::list(conn, status, limit.clamp(1, 1000)))?)
    }

    /// Queues failed messages again (one, or all with `None`): for
    /// administrators, once the cause (an address, the SMTP account) is fixed.
    pub fn retry_mail(&self, caller: &Caller, id: Option<&str>) -> AppResult<u64> {
        if caller.actor.role != Role::Administrator {
            return Err(AppError::Forbidden("only administrators retry mail".into()));
        }
        let now = self.now();
        Ok(self.store.write(|tx| outbox::requeue_failed(tx, id, now))?)
    }

    /// Sets the language of a user's e-mail (`None`: the deployment's default).
    pub fn set_mail_language(&self, user_id: &str, language: Option<Language>) -> AppResult<()> {
        Ok(self.store.write(|tx| outbox::set_user_language(tx, user_id, language.map(Language::as_str)))?)
    }
}

/// A status filter must be one the outbox knows.
pub fn check_status(status: Option<&str>) -> AppResult<()> {
    match status {
        None | Some("queued" | "sent" | "failed") => Ok(()),
        Some(other) => Err(AppError::Unprocessable {
            code: "bad_query",
            message: format!("no mail status `{other}`; ask for queued, sent or failed, or leave it out for all"),
            fields: vec!["status".into()],
        }),
    }
}
