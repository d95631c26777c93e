//! Attachments, content-addressed: stored once per SHA-256; who uploaded
//! each, and which tickets cite it.

use super::sql::{ReadTx, WriteTx};
use super::StoreResult;
use crate::args;
use chrono::{DateTime, Utc};
use helpdesk_domain::ticket::Ticket;

/// Stores content under its hash; storing the same content again is a no-op.
pub fn put(tx: &dyn WriteTx, sha256: &str, media_type: &str, content: &[u8], now: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO attachments(sha256, size, media_type, content, created_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
        args![sha256, content.len() as i64, media_type, content, now.timestamp_millis()],
    )?;
    Ok(())
}

/// The media type and content of an attachment.
pub fn get(conn: &dyn ReadTx, sha256: &str) -> StoreResult<Option<(String, Vec<u8>)>> {
    let row = conn.query_opt("SELECT media_type, content FROM attachments WHERE sha256 = ?1", args![sha256])?;
    row.map(|r| Ok((r.get(0)?, r.get(1)?))).transpose()
}

/// The size of a stored attachment, if it is stored.
pub fn size(conn: &dyn ReadTx, sha256: &str) -> StoreResult<Option<u64>> {
    let size: Option<i64> = conn
        .query_opt("SELECT size FROM attachments WHERE sha256 = ?1", args![sha256])?
        .map(|r| r.get(0))
        .transpose()?;
    Ok(size.map(|n| n.max(0) as u64))
}

/// Records that `user_id` uploaded `size` bytes of the content `sha256` at `at`.
pub fn record_upload(tx: &dyn WriteTx, sha256: &str, user_id: &str, size: u64, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO attachment_uploads(sha256, user_id, size, at) VALUES (?1, ?2, ?3, ?4)",
        args![sha256, user_id, size as i64, at.timestamp_millis()],
    )?;
    Ok(())
}

/// The bytes `user_id` uploaded after `since`.
pub fn uploaded_bytes_after(conn: &dyn ReadTx, user_id: &str, since: DateTime<Utc>) -> StoreResult<u64> {
    let total: i64 = conn.scalar(
        "SELECT CAST(coalesce(sum(size), 0) AS BIGINT) FROM attachment_uploads WHERE user_id = ?1 AND at > ?2",
        args![user_id, since.timestamp_millis()],
    )?;
    Ok(total.max(0) as u64)
}

/// Whether `user_id` ever uploaded the content `sha256`.
pub fn uploaded_by(conn: &dyn ReadTx, sha256: &str, user_id: &str) -> StoreResult<bool> {
    Ok(conn
        .query_opt(
            "SELECT 1 FROM attachment_uploads WHERE sha256 = ?1 AND user_id = ?2 LIMIT 1",
            args![sha256, user_id],
        )?
        .is_some())
}

/// The tickets that cite the attachment (without their comments).
pub fn citing_tickets(conn: &dyn ReadTx, sha256: &str) -> StoreResult<Vec<Ticket>> {
    conn.query(
        "SELECT t.doc FROM ticket_attachments a JOIN tickets t ON t.id = a.ticket_id WHERE a.sha256 = ?1 ORDER BY t.id",
        args![sha256],
    )?
    .into_iter()
    .map(|mut r| super::ticket_comments::ticket(&r.take_text(0)?, &[]))
    .collect()
}
