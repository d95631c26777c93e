//! The mail outbox: messages to requesters, written in the transaction of
//! the change they tell of, claimed one at a time by a sender under a
//! lease (on PostgreSQL `FOR UPDATE SKIP LOCKED`, so replicas never claim
//! the same message), then marked sent, or retried later, or failed.

use super::sql::{ReadTx, Row, WriteTx};
use super::StoreResult;
use crate::args;
use crate::mail::Language;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMail<'a> {
    pub id: &'a str,
    pub ticket_id: Option<&'a str>,
    pub kind: &'a str,
    pub recipient: &'a str,
    pub language: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub message_id: &'a str,
}

/// Where a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Waiting to be sent, or to be retried after a failure.
    Queued,
    /// Handed to the SMTP server.
    Sent,
    /// Refused for good; queued again only by an administrator.
    Failed,
}

impl MailStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MailStatus::Queued => "queued",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
        }
    }

    fn parse(text: &str) -> StoreResult<MailStatus> {
        match text {
            "queued" => Ok(MailStatus::Queued),
            "sent" => Ok(MailStatus::Sent),
            "failed" => Ok(MailStatus::Failed),
            other => Err(super::StoreError::Corrupt(format!("mail status `{other}`"))),
        }
    }
}

/// A message as stored.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct OutboxMail {
    pub id: String,
    pub ticket_id: Option<String>,
    pub kind: String,
    pub recipient: String,
    pub language: Language,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub created_at: DateTime<Utc>,
    pub status: MailStatus,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, ticket_id, kind, recipient, language, subject, body, message_id, created_at, status, attempts, next_attempt_at, last_error, sent_at";

fn millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn from_row(r: &Row) -> StoreResult<OutboxMail> {
    Ok(OutboxMail {
        id: r.get(0)?,
        ticket_id: r.get(1)?,
        kind: r.get(2)?,
        recipient: r.get(3)?,
        language: Language::parse(&r.get::<String>(4)?).unwrap_or_default(),
        subject: r.get(5)?,
        body: r.get(6)?,
        message_id: r.get(7)?,
        created_at: millis(r.get(8)?),
        status: MailStatus::parse(&r.get::<String>(9)?)?,
        attempts: r.get::<i64>(10)?.max(0) as u32,
        next_attempt_at: millis(r.get(11)?),
        last_error: r.get(12)?,
        sent_at: r.get::<Option<i64>>(13)?.map(millis),
    })
}

/// Queues a message, due at once.
pub fn enqueue(tx: &dyn WriteTx, mail: &NewMail, now: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO mail_outbox(id, seq, ticket_id, kind, recipient, language, subject, body, message_id, created_at, next_attempt_at)
         VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM mail_outbox), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        args![
            mail.id,
            mail.ticket_id,
            mail.kind,
            mail.recipient,
            mail.language,
            mail.subject,
            mail.body,
            mail.message_id,
            now.timestamp_millis()
        ],
    )?;
    Ok(())
}

/// Claims the oldest queued message that is due and that no live lease
/// holds, for `holder` until `lease_until`; `None` when there is none.
pub fn claim_next(tx: &dyn WriteTx, holder: &str, now: DateTime<Utc>, lease_until: DateTime<Utc>) -> StoreResult<Option<OutboxMail>> {
    let pick = tx.pick(
        "SELECT id FROM mail_outbox
         WHERE status = 'queued' AND next_attempt_at <= ?1 AND (lease_until IS NULL OR lease_until < ?1)
         ORDER BY next_attempt_at, seq LIMIT 1",
        "SELECT id FROM mail_outbox
         WHERE status = 'queued' AND next_attempt_at <= ?1 AND (lease_until IS NULL OR lease_until < ?1)
         ORDER BY next_attempt_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED",
    );
    let Some(id) = tx.query_opt(pick, args![now.timestamp_millis()])?.map(|r| r.get::<String>(0)).transpose()? else {
        return Ok(None);
    };
    tx.execute(
        "UPDATE mail_outbox SET lease_holder = ?2, lease_until = ?3, attempts = attempts + 1 WHERE id = ?1",
        args![id.as_str(), holder, lease_until.timestamp_millis()],
    )?;
    let sql = format!("SELECT {COLUMNS} FROM mail_outbox WHERE id = ?1");
    tx.query_opt(&sql, args![id.as_str()])?.map(|r| from_row(&r)).transpose()
}

/// The message was handed to the SMTP server.
pub fn mark_sent(tx: &dyn WriteTx, id: &str, now: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "UPDATE mail_outbox SET status = 'sent', sent_at = ?2, last_error = NULL, lease_holder = NULL, lease_until = NULL WHERE id = ?1",
        args![id, now.timestamp_millis()],
    )?;
    Ok(())
}

/// The attempt failed: tried again at `retry_at`, or never (`None`: the
/// server refused it for good).
pub fn mark_failed(tx: &dyn WriteTx, id: &str, error: &str, retry_at: Option<DateTime<Utc>>) -> StoreResult<()> {
    match retry_at {
        Some(at) => tx.execute(
            "UPDATE mail_outbox SET last_error = ?2, next_attempt_at = ?3, lease_holder = NULL, lease_until = NULL WHERE id = ?1",
            args![id, error, at.timestamp_millis()],
        )?,
        None => tx.execute(
            "UPDATE mail_outbox SET status = 'failed', last_error = ?2, lease_holder = NULL, lease_until = NULL WHERE id = ?1",
            args![id, error],
        )?,
    };
    Ok(())
}

/// Queues failed messages again, due at once: the one with `id`, or every
/// failed one; how many.
pub fn requeue_failed(tx: &dyn WriteTx, id: Option<&str>, now: DateTime<Utc>) -> StoreResult<u64> {
    match id {
        Some(id) => tx.execute(
            "UPDATE mail_outbox SET status = 'queued', next_attempt_at = ?2 WHERE id = ?1 AND status = 'failed'",
            args![id, now.timestamp_millis()],
        ),
        None => tx.execute(
            "UPDATE mail_outbox SET status = 'queued', next_attempt_at = ?1 WHERE status = 'failed'",
            args![now.timestamp_millis()],
        ),
    }
}

/// Deletes the messages sent before `sent_before`; how many. Queued and
/// failed ones stay, whatever their age.
pub fn purge_sent(tx: &dyn WriteTx, sent_before: DateTime<Utc>) -> StoreResult<u64> {
    tx.execute(
        "DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < ?1",
        args![sent_before.timestamp_millis()],
    )
}

/// Messages with the given status (all when `None`), oldest first, at most `limit`.
pub fn list(conn: &dyn ReadTx, status: Option<&str>, limit: u32) -> StoreResult<Vec<OutboxMail>> {
    let sql = format!("SELECT {COLUMNS} FROM mail_outbox WHERE (CAST(?1 AS TEXT) IS NULL OR status = CAST(?1 AS TEXT)) ORDER BY seq LIMIT ?2");
    conn.query(&sql, args![status, i64::from(limit)])?.iter().map(from_row).collect()
}

/// The messages of one ticket, oldest first.
pub fn of_ticket(conn: &dyn ReadTx, ticket_id: &str) -> StoreResult<Vec<OutboxMail>> {
    let sql = format!("SELECT {COLUMNS} FROM mail_outbox WHERE ticket_id = ?1 ORDER BY seq");
    conn.query(&sql, args![ticket_id])?.iter().map(from_row).collect()
}

/// The language a user chose for their e-mail, if any.
pub fn user_language(conn: &dyn ReadTx, user_id: &str) -> StoreResult<Option<String>> {
    Ok(conn
        .query_opt("SELECT language FROM users WHERE id = ?1", args![user_id])?
        .map(|r| r.get::<Option<String>>(0))
        .transpose()?
        .flatten())
}

/// Sets (or clears) the language of a user's e-mail.
pub fn set_user_language(tx: &dyn WriteTx, user_id: &str, language: Option<&str>) -> StoreResult<()> {
    tx.execute("UPDATE users SET language = ?2 WHERE id = ?1", args![user_id, language])?;
    Ok(())
}
