//! Attachments, content-addressed: stored once per SHA-256; who uploaded
//! each, and which tickets cite it.

use super::StoreResult;
use chrono::{DateTime, Utc};
use helpdesk_domain::ticket::Ticket;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Stores content under its hash; storing the same content again is a no-op.
pub fn put(tx: &Transaction, sha256: &str, media_type: &str, content: &[u8], now: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT OR IGNORE INTO attachments(sha256, size, media_type, content, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![sha256, content.len() as i64, media_type, content, now.timestamp_millis()],
    )?;
    Ok(())
}

/// The media type and content of an attachment.
pub fn get(conn: &Connection, sha256: &str) -> StoreResult<Option<(String, Vec<u8>)>> {
    Ok(conn
        .query_row("SELECT media_type, content FROM attachments WHERE sha256 = ?1", [sha256], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

/// The size of a stored attachment, if it is stored.
pub fn size(conn: &Connection, sha256: &str) -> StoreResult<Option<u64>> {
    Ok(conn
        .prepare_cached("SELECT size FROM attachments WHERE sha256 = ?1")?
        .query_row([sha256], |r| r.get::<_, i64>(0))
        .optional()?
        .map(|n| n.max(0) as u64))
}

/// Records that `user_id` uploaded `size` bytes of the content `sha256` at `at`.
pub fn record_upload(tx: &Transaction, sha256: &str, user_id: &str, size: u64, at: DateTime<Utc>) -> StoreResult<()> {
    tx.prepare_cached("INSERT INTO attachment_uploads(sha256, user_id, size, at) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![sha256, user_id, size as i64, at.timestamp_millis()])?;
    Ok(())
}

/// The bytes `user_id` uploaded after `since`.
pub fn uploaded_bytes_after(conn: &Connection, user_id: &str, since: DateTime<Utc>) -> StoreResult<u64> {
    let total: i64 = conn
        .prepare_cached("SELECT coalesce(sum(size), 0) FROM attachment_uploads WHERE user_id = ?1 AND at > ?2")?
        .query_row(params![user_id, since.timestamp_millis()], |r| r.get(0))?;
    Ok(total.max(0) as u64)
}

/// Whether `user_id` ever uploaded the content `sha256`.
pub fn uploaded_by(conn: &Connection, sha256: &str, user_id: &str) -> StoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM attachment_uploads WHERE sha256 = ?1 AND user_id = ?2 LIMIT 1")?
        .query_row([sha256, user_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The tickets that cite the attachment (their stored documents).
pub fn citing_tickets(conn: &Connection, sha256: &str) -> StoreResult<Vec<Ticket>> {
    let mut stmt = conn.prepare_cached("SELECT t.doc FROM ticket_attachments a JOIN tickets t ON t.id = a.ticket_id WHERE a.sha256 = ?1 ORDER BY t.id")?;
    let docs = stmt.query_map([sha256], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    docs.iter().map(|doc| Ok(serde_json::from_str(doc)?)).collect()
}
