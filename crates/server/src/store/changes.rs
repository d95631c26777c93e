//! The sync change log. Each entity (ticket, KB article) is in a set of
//! buckets (`user:<id>`, `group:<id>`, `kb`, `kb:public`); every write of an
//! entity stamps its row in each of its buckets with a new sequence number,
//! and writes a REMOVE in each bucket it left. Only the latest change of an
//! entity per bucket is kept, so a full pull reads each entity once.

use super::StoreResult;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Ticket,
    Article,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Ticket => "ticket",
            EntityKind::Article => "article",
        }
    }

    fn parse(text: &str) -> EntityKind {
        if text == "article" {
            EntityKind::Article
        } else {
            EntityKind::Ticket
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    pub seq: u64,
    pub kind: EntityKind,
    pub entity: String,
    pub removed: bool,
}

fn next_seq(tx: &Transaction) -> StoreResult<u64> {
    let value: i64 = tx
        .prepare_cached("UPDATE counters SET value = value + 1 WHERE name = 'change' RETURNING value")?
        .query_row([], |r| r.get(0))?;
    Ok(value as u64)
}

/// Records that `entity` changed and is now in exactly `buckets`.
pub fn record(tx: &Transaction, kind: EntityKind, entity: &str, buckets: &BTreeSet<String>) -> StoreResult<()> {
    let before: BTreeSet<String> = {
        let mut stmt = tx.prepare_cached("SELECT bucket FROM memberships WHERE kind = ?1 AND entity = ?2")?;
        let rows = stmt.query_map(params![kind.as_str(), entity], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut upsert = tx.prepare_cached(
        "INSERT INTO changes(bucket, kind, entity, seq, removed) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(bucket, kind, entity) DO UPDATE SET seq = excluded.seq, removed = excluded.removed",
    )?;
    for bucket in buckets {
        upsert.execute(params![bucket, kind.as_str(), entity, next_seq(tx)? as i64, false])?;
        if !before.contains(bucket) {
            tx.prepare_cached("INSERT INTO memberships(kind, entity, bucket) VALUES (?1, ?2, ?3)")?
                .execute(params![kind.as_str(), entity, bucket])?;
        }
    }
    for bucket in before.difference(buckets) {
        upsert.execute(params![bucket, kind.as_str(), entity, next_seq(tx)? as i64, true])?;
        tx.prepare_cached("DELETE FROM memberships WHERE kind = ?1 AND entity = ?2 AND bucket = ?3")?
            .execute(params![kind.as_str(), entity, bucket])?;
    }
    Ok(())
}

/// Changes of `bucket` after `cursor`, oldest first, whatever the watermark.
pub fn page(conn: &Connection, bucket: &str, cursor: u64, limit: usize) -> StoreResult<Vec<ChangeRow>> {
    page_upto(conn, bucket, cursor, i64::MAX as u64, limit)
}

/// The highest committed sequence: every change at or below it is visible.
pub fn watermark(conn: &Connection) -> StoreResult<u64> {
    let value: Option<i64> = conn
        .query_row("SELECT value FROM counters WHERE name = 'change'", [], |r| r.get(0))
        .optional()?;
    Ok(value.unwrap_or(0) as u64)
}

/// Changes of `bucket` in `(cursor, upto]`, oldest first: a page served
/// under the watermark `upto` read in the same snapshot.
pub fn page_upto(conn: &Connection, bucket: &str, cursor: u64, upto: u64, limit: usize) -> StoreResult<Vec<ChangeRow>> {
    let mut stmt = conn.prepare_cached("SELECT seq, kind, entity, removed FROM changes WHERE bucket = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4")?;
    let rows = stmt.query_map(params![bucket, cursor as i64, upto as i64, limit as i64], |r| {
        Ok(ChangeRow {
            seq: r.get::<_, i64>(0)? as u64,
            kind: EntityKind::parse(&r.get::<_, String>(1)?),
            entity: r.get(2)?,
            removed: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The stored documents of the given tickets: `(id, doc, policy)`, in no
/// particular order; ids without a row are left out. One query for a page.
pub fn ticket_docs(conn: &Connection, ids: &[&str]) -> StoreResult<Vec<(String, String, String)>> {
    let ids = serde_json::to_string(ids)?;
    let mut stmt = conn.prepare_cached("SELECT id, doc, policy FROM tickets WHERE id IN (SELECT value FROM json_each(?1))")?;
    let rows = stmt.query_map([ids], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The audit events (their stored JSON) of the given tickets: `(ticket_id,
/// body)`, each ticket's oldest first. One query for a page.
pub fn ticket_event_bodies(conn: &Connection, ids: &[&str]) -> StoreResult<Vec<(String, String)>> {
    let ids = serde_json::to_string(ids)?;
    let mut stmt =
        conn.prepare_cached("SELECT ticket_id, body FROM ticket_events WHERE ticket_id IN (SELECT value FROM json_each(?1)) ORDER BY ticket_id, idx")?;
    let rows = stmt.query_map([ids], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The stored documents of the given KB articles: `(id, doc)`.
pub fn article_docs(conn: &Connection, ids: &[&str]) -> StoreResult<Vec<(String, String)>> {
    let ids = serde_json::to_string(ids)?;
    let mut stmt = conn.prepare_cached("SELECT id, doc FROM kb_articles WHERE id IN (SELECT value FROM json_each(?1))")?;
    let rows = stmt.query_map([ids], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every working group's id: the group buckets of an administrator.
pub fn all_group_ids(conn: &Connection) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM groups ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
