//! Delivers the mail outbox over SMTP. Every [`POLL`] the sender claims
//! the due messages one at a time under a lease (so that replicas on one
//! database never send the same message), hands each to the SMTP server
//! and marks it sent; a failure the server calls temporary, or no server
//! at all, is retried after a back-off that doubles from [`FIRST_RETRY`]
//! up to [`LAST_RETRY`]; a message the server refuses for good (a 5xx
//! answer, an address that cannot be written) is marked `failed` with the
//! error, for an administrator to fix and retry. Each message keeps one
//! Message-ID, so a message sent again after a crash between the SMTP
//! server's acceptance and the mark is recognisable as the same one.

use super::MailSettings;
use crate::app::App;
use crate::store::outbox::{self, OutboxMail};
use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::SmtpTransport;
use lettre::Transport;
use std::sync::Arc;
use std::time::Duration;

/// How often the sender looks for due messages.
pub const POLL: Duration = Duration::from_secs(1);
/// The wait after the first failure; it doubles with each further one.
pub const FIRST_RETRY: Duration = Duration::from_secs(2);
/// The longest wait between two attempts.
pub const LAST_RETRY: Duration = Duration::from_secs(15 * 60);
/// How long one claim lasts: longer than an SMTP conversation may take.
const LEASE: Duration = Duration::from_secs(120);
/// How long the SMTP client waits for the server's answers.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// Messages one pass sends at most before it looks at the clock again.
const BATCH: usize = 50;

/// When the attempt after `attempts` failed ones is due.
pub fn retry_at(now: DateTime<Utc>, attempts: u32) -> DateTime<Utc> {
    let doubled = FIRST_RETRY.saturating_mul(1u32 << attempts.saturating_sub(1).min(20));
    now + chrono::Duration::from_std(doubled.min(LAST_RETRY)).unwrap_or_default()
}

/// The SMTP side: the server (from the URL) and the sender's address.
pub struct Sender {
    transport: SmtpTransport,
    from: Mailbox,
    holder: String,
}

impl Sender {
    /// Checks the SMTP URL and the sender's address; nothing is connected yet.
    /// The URL is lettre's: `smtp://HOST:PORT` (STARTTLS when offered),
    /// `smtp://HOST:PORT?tls=required`, `smtps://HOST:465` (TLS from the
    /// start), with `USER:PASSWORD@` before the host to sign in.
    pub fn new(smtp_url: &str, settings: &MailSettings) -> Result<Sender, String> {
        let transport = SmtpTransport::from_url(smtp_url)
            .map_err(|e| {
                format!("the SMTP URL cannot be used ({e}); write it as smtp://HOST:PORT, smtp://USER:PASSWORD@HOST:587?tls=required or smtps://HOST:465")
            })?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        let from = settings.from.parse::<Mailbox>().map_err(|e| {
            format!(
                "the sender's address `{}` is not an e-mail address ({e}); write it as helpdesk@example.org or \"HELP DESK <helpdesk@example.org>\"",
                settings.from
            )
        })?;
        Ok(Sender {
            transport,
            from,
            holder: crate::app::auth::new_id("mailer-"),
        })
    }

    /// Sends the due messages; how many were sent.
    pub fn send_due(&self, app: &App) -> Result<usize, String> {
        let mut sent = 0;
        for _ in 0..BATCH {
            let now = app.now();
            let lease_until = now + chrono::Duration::from_std(LEASE).unwrap_or_default();
            let claimed = app
                .store
                .write(|tx| outbox::claim_next(tx, &self.holder, now, lease_until))
                .map_err(|e| e.to_string())?;
            let Some(mail) = claimed else { break };
            let outcome = self.deliver(&mail);
            let now = app.now();
            app.store
                .write(|tx| match &outcome {
                    Ok(()) => outbox::mark_sent(tx, &mail.id, now),
                    Err(Failure::Temporary(e)) => outbox::mark_failed(tx, &mail.id, e, Some(retry_at(now, mail.attempts))),
                    Err(Failure::Permanent(e)) => outbox::mark_failed(tx, &mail.id, e, None),
                })
                .map_err(|e| e.to_string())?;
            match outcome {
                Ok(()) => {
                    sent += 1;
                    tracing::info!(mail = %mail.id, kind = %mail.kind, ticket = ?mail.ticket_id, "mail sent");
                }
                Err(Failure::Temporary(e)) => {
                    tracing::warn!(mail = %mail.id, attempts = mail.attempts, error = %e, "mail not sent; it will be retried");
                    break; // the server is likely down for the others too: wait for the next poll
                }
                Err(Failure::Permanent(e)) => tracing::warn!(mail = %mail.id, error = %e, "mail refused for good"),
            }
        }
        Ok(sent)
    }

    fn deliver(&self, mail: &OutboxMail) -> Result<(), Failure> {
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|e| Failure::Permanent(format!("the address `{}` cannot take mail: {e}", mail.recipient)))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(mail.message_id.clone()))
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| Failure::Permanent(format!("the message cannot be built: {e}")))?;
        match self.transport.send(&message) {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(Failure::Permanent(format!("the SMTP server refused the message: {e}"))),
            Err(e) => Err(Failure::Temporary(describe(&e))),
        }
    }
}

/// An SMTP error with its causes (lettre's own text is terse: "Connection error").
fn describe(e: &lettre::transport::smtp::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

enum Failure {
    Temporary(String),
    Permanent(String),
}

/// Starts the sender on the runtime: a pass every [`POLL`], on a blocking
/// thread (SMTP and the store both block).
pub fn spawn(app: Arc<App>, sender: Sender) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        tracing::warn!("mail sender not started: no tokio runtime");
        return;
    };
    let sender = Arc::new(sender);
    handle.spawn(async move {
        let mut ticker = tokio::time::interval(POLL);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            let (app, sender) = (app.clone(), sender.clone());
            match tokio::task::spawn_blocking(move || sender.send_due(&app)).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::error!(error = %e, "mail sender: the outbox cannot be read"),
                Err(e) => tracing::error!(error = %e, "mail sender: a pass failed"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_up_to_its_limit() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let waits: Vec<i64> = (1..=12).map(|n| (retry_at(now, n) - now).num_seconds()).collect();
        assert_eq!(&waits[..5], &[2, 4, 8, 16, 32]);
        assert_eq!(*waits.last().unwrap(), LAST_RETRY.as_secs() as i64);
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
    }
}
