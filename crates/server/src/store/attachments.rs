//! Attachments, content-addressed: stored once per SHA-256.

use super::StoreResult;
use chrono::{DateTime, Utc};
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

/// Whether a ticket of this requester refers to the attachment.
pub fn referenced_by_requester(conn: &Connection, sha256: &str, user_id: &str) -> StoreResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM tickets t, json_each(t.doc, '$.attachments') a
             WHERE t.requester_user = ?2 AND json_extract(a.value, '$.sha256') = ?1 LIMIT 1",
            params![sha256, user_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}
