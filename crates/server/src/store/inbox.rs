//! The mail intake's position in each IMAP mailbox and the messages it
//! took in (see migration 006).

use super::sql::{ReadTx, WriteTx};
use super::StoreResult;
use crate::args;
use chrono::{DateTime, Utc};

/// `(uid_validity, last_uid)` of `mailbox`, held until the transaction
/// ends on PostgreSQL (a second intake waits, then sees the new position).
pub fn position_for_update(tx: &dyn WriteTx, mailbox: &str) -> StoreResult<Option<(u32, u32)>> {
    tx.execute(
        "INSERT INTO mail_inbox_state(mailbox, uid_validity, last_uid) VALUES (?1, 0, 0) ON CONFLICT(mailbox) DO NOTHING",
        args![mailbox],
    )?;
    let sql = tx.pick(
        "SELECT uid_validity, last_uid FROM mail_inbox_state WHERE mailbox = ?1",
        "SELECT uid_validity, last_uid FROM mail_inbox_state WHERE mailbox = ?1 FOR UPDATE",
    );
    let row = tx.query_one(sql, args![mailbox])?;
    let (validity, last): (i64, i64) = (row.get(0)?, row.get(1)?);
    Ok((validity != 0).then_some((validity as u32, last as u32)))
}

/// `(uid_validity, last_uid)` of `mailbox`, if it was read before.
pub fn position(conn: &dyn ReadTx, mailbox: &str) -> StoreResult<Option<(u32, u32)>> {
    let row = conn.query_opt("SELECT uid_validity, last_uid FROM mail_inbox_state WHERE mailbox = ?1", args![mailbox])?;
    Ok(row
        .map(|r| Ok::<_, super::StoreError>((r.get::<i64>(0)?, r.get::<i64>(1)?)))
        .transpose()?
        .filter(|(v, _)| *v != 0)
        .map(|(v, l)| (v as u32, l as u32)))
}

pub fn set_position(tx: &dyn WriteTx, mailbox: &str, uid_validity: u32, last_uid: u32) -> StoreResult<()> {
    tx.execute(
        "UPDATE mail_inbox_state SET uid_validity = ?2, last_uid = ?3 WHERE mailbox = ?1",
        args![mailbox, i64::from(uid_validity), i64::from(last_uid)],
    )?;
    Ok(())
}

/// Whether a message with this Message-ID was taken in already.
pub fn seen(conn: &dyn ReadTx, message_id: &str) -> StoreResult<bool> {
    Ok(conn
        .query_opt("SELECT 1 FROM mail_inbox_seen WHERE message_id = ?1", args![message_id])?
        .is_some())
}

/// What became of a message.
pub struct Taken<'a> {
    pub message_id: &'a str,
    pub mailbox: &'a str,
    pub uid: u32,
    pub outcome: &'a str,
    pub ticket_number: Option<&'a str>,
    pub detail: Option<&'a str>,
}

pub fn record(tx: &dyn WriteTx, taken: &Taken, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO mail_inbox_seen(message_id, mailbox, uid, outcome, ticket_number, detail, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(message_id) DO NOTHING",
        args![
            taken.message_id,
            taken.mailbox,
            i64::from(taken.uid),
            taken.outcome,
            taken.ticket_number,
            taken.detail,
            at.timestamp_millis()
        ],
    )?;
    Ok(())
}

/// The enabled Self Service account with this e-mail address:
/// `(id, display name, organisation)`.
pub fn requester_by_email(conn: &dyn ReadTx, address: &str) -> StoreResult<Option<(String, String, Option<String>)>> {
    let row = conn.query_opt(
        "SELECT id, display_name, organisation FROM users
         WHERE lower(email) = lower(?1) AND role = 'self_service' AND disabled = 0 ORDER BY created_at LIMIT 1",
        args![address.trim()],
    )?;
    row.map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).transpose()
}

/// A message the intake took in, as administrators list them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SeenMail {
    pub message_id: String,
    pub mailbox: String,
    pub uid: u32,
    pub outcome: String,
    pub ticket_number: Option<String>,
    pub detail: Option<String>,
    pub at: DateTime<Utc>,
}

/// The messages taken in, newest first, at most `limit`.
pub fn recent(conn: &dyn ReadTx, limit: u32) -> StoreResult<Vec<SeenMail>> {
    conn.query(
        "SELECT message_id, mailbox, uid, outcome, ticket_number, detail, at FROM mail_inbox_seen ORDER BY at DESC, uid DESC LIMIT ?1",
        args![i64::from(limit)],
    )?
    .iter()
    .map(|r| {
        Ok(SeenMail {
            message_id: r.get(0)?,
            mailbox: r.get(1)?,
            uid: r.get::<i64>(2)?.max(0) as u32,
            outcome: r.get(3)?,
            ticket_number: r.get(4)?,
            detail: r.get(5)?,
            at: DateTime::from_timestamp_millis(r.get(6)?).unwrap_or_default(),
        })
    })
    .collect()
}
