//! The sync change log. Each entity (ticket, KB article) is in a set of
//! buckets (`user:<id>`, `group:<id>`, `kb`, `kb:public`); every write of an
//! entity stamps its row in each of its buckets with a new sequence number,
//! and writes a REMOVE in each bucket it left; the numbers are given when
//! the transaction commits. Only the latest change of an
//! entity per bucket is kept, so a full pull reads each entity once.

use super::sql::{Dialect, PendingChange, ReadTx, WriteTx};
use super::StoreResult;
use crate::args;
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
    /// The change this one replaced in its bucket, if the entity was in the
    /// bucket then: `(seq, version)`. A reader whose cursor is at or past
    /// that seq holds the entity at that version (or a later one).
    pub replaced: Option<(u64, u64)>,
}

/// Records that `entity` changed (to `version`, for a ticket) and is now in
/// exactly `buckets`. Its rows get their sequence numbers when the
/// transaction commits ([`stamp`]).
pub fn record(tx: &dyn WriteTx, kind: EntityKind, entity: &str, version: Option<u64>, buckets: &BTreeSet<String>) -> StoreResult<()> {
    let before: BTreeSet<String> = tx
        .column::<String>("SELECT bucket FROM memberships WHERE kind = ?1 AND entity = ?2", args![kind.as_str(), entity])?
        .into_iter()
        .collect();
    let mut pending = Vec::new();
    for bucket in buckets {
        pending.push(PendingChange {
            bucket: bucket.clone(),
            kind: kind.as_str(),
            entity: entity.to_string(),
            removed: false,
            version,
        });
        if !before.contains(bucket) {
            tx.execute(
                "INSERT INTO memberships(kind, entity, bucket) VALUES (?1, ?2, ?3)",
                args![kind.as_str(), entity, bucket],
            )?;
        }
    }
    for bucket in before.difference(buckets) {
        pending.push(PendingChange {
            bucket: bucket.clone(),
            kind: kind.as_str(),
            entity: entity.to_string(),
            removed: true,
            version,
        });
        tx.execute(
            "DELETE FROM memberships WHERE kind = ?1 AND entity = ?2 AND bucket = ?3",
            args![kind.as_str(), entity, bucket],
        )?;
    }
    tx.pending_changes().borrow_mut().extend(pending);
    Ok(())
}

/// [`record`] for a ticket saved at its version.
pub fn record_ticket(tx: &dyn WriteTx, ticket: &helpdesk_domain::ticket::Ticket, buckets: &BTreeSet<String>) -> StoreResult<()> {
    record(tx, EntityKind::Ticket, &ticket.id, Some(ticket.version), buckets)
}

/// [`record`] for an entity that stays in exactly the buckets it was in
/// (the caller knows them from the entity as it was stored): its rows in
/// `buckets` get new sequence numbers; no membership is read or written.
pub fn record_same_buckets(tx: &dyn WriteTx, kind: EntityKind, entity: &str, version: Option<u64>, buckets: &BTreeSet<String>) {
    tx.pending_changes().borrow_mut().extend(buckets.iter().map(|bucket| PendingChange {
        bucket: bucket.clone(),
        kind: kind.as_str(),
        entity: entity.to_string(),
        removed: false,
        version,
    }));
}

/// Gives the transaction's recorded changes their sequence numbers, in the
/// order they were recorded: the last statements before the commit. The
/// counter row stays locked until the commit, so sequences are handed out
/// in commit order (SQLite's single writer gives the same).
pub fn stamp(tx: &dyn WriteTx) -> StoreResult<()> {
    let pending = latest_per_entity(std::mem::take(&mut *tx.pending_changes().borrow_mut()));
    if pending.is_empty() {
        return Ok(());
    }
    let last: i64 = tx.scalar(
        "UPDATE counters SET value = value + ?1 WHERE name = 'change' RETURNING value",
        args![pending.len() as i64],
    )?;
    let first = last - pending.len() as i64 + 1;
    for (i, change) in pending.iter().enumerate() {
        insert_change(tx, change, first + i as i64)?;
    }
    Ok(())
}

/// How a new change of an entity replaces its row in a bucket: the row
/// keeps the change it replaced (unless that was a REMOVE), so that a pull
/// can send a reader past it only what changed since ([`ChangeRow::replaced`]).
const REPLACING: &str = "ON CONFLICT(bucket, kind, entity) DO UPDATE SET
    prev_seq = CASE WHEN changes.removed = 0 THEN changes.seq END,
    prev_version = CASE WHEN changes.removed = 0 THEN changes.version END,
    seq = excluded.seq, removed = excluded.removed, version = excluded.version";

/// Writes `change`'s row in its bucket with sequence number `seq`.
fn insert_change(tx: &dyn WriteTx, change: &PendingChange, seq: i64) -> StoreResult<()> {
    tx.execute(
        &format!("INSERT INTO changes(bucket, kind, entity, seq, removed, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6) {REPLACING}"),
        args![
            change.bucket.as_str(),
            change.kind,
            change.entity.as_str(),
            seq,
            change.removed,
            change.version.map(|v| v as i64)
        ],
    )?;
    Ok(())
}

/// The last recorded change of each entity in each bucket, in the order
/// of those last records: only an entity's latest change per bucket is
/// kept, so earlier ones of the same transaction would take a sequence
/// number for nothing (and one statement cannot write a row twice).
fn latest_per_entity(pending: Vec<PendingChange>) -> Vec<PendingChange> {
    let mut seen = std::collections::HashSet::new();
    let mut latest: Vec<PendingChange> = pending
        .into_iter()
        .rev()
        .filter(|c| seen.insert((c.bucket.clone(), c.kind, c.entity.clone())))
        .collect();
    latest.reverse();
    latest
}

/// [`stamp`] on PostgreSQL, as the text of one statement that the store
/// sends together with the `COMMIT` (one round trip): the head row's
/// update and the change rows. The head row's lock is then held for no
/// round trip between the server and the database, only while PostgreSQL
/// runs the statement and commits, which is what bounds how many writes
/// per second all replicas together can commit. `None`: nothing to stamp.
pub fn stamp_statement(tx: &dyn WriteTx) -> StoreResult<Option<String>> {
    let pending = latest_per_entity(std::mem::take(&mut *tx.pending_changes().borrow_mut()));
    if pending.is_empty() {
        return Ok(None);
    }
    let rows: Vec<serde_json::Value> = pending
        .iter()
        .enumerate()
        .map(|(i, c)| serde_json::json!({"bucket": c.bucket, "kind": c.kind, "entity": c.entity, "removed": i64::from(c.removed), "version": c.version, "n": i as i64 + 1}))
        .collect();
    let count = pending.len();
    Ok(Some(format!(
        "WITH head AS (UPDATE counters SET value = value + {count} WHERE name = 'change' RETURNING value)
         INSERT INTO changes(bucket, kind, entity, seq, removed, version)
         SELECT c.bucket, c.kind, c.entity, head.value - {count} + c.n, c.removed, c.version
         FROM head, jsonb_to_recordset(CAST({} AS jsonb)) AS c(bucket text, kind text, entity text, removed bigint, version bigint, n bigint)
         ORDER BY c.n
         {REPLACING}",
        super::postgres::literal(&serde_json::Value::Array(rows).to_string())
    )))
}

/// TEST ONLY — the scale benchmark's negative control. When the server
/// process starts with `HELPDESK_UNSAFE_STAMPING_FOR_BENCH=1`, writes on
/// PostgreSQL take their first change-log sequence from the database
/// sequence `helpdesk_unsafe_change_seq` at the START of the transaction
/// (see [`reserve_unsafely`], [`stamp_unsafely`]), so sequences no longer
/// follow commit order and a pull can skip a change committed late. The
/// benchmark (`cargo bench -p helpdesk-server --bench scale`) creates that
/// sequence and must catch the skipped changes; anywhere else the missing
/// sequence fails every write at once instead of losing changes quietly.
/// Read once per process; without the variable the production path runs
/// unchanged ([`stamp`]). SQLite ignores it (its single writer serialises).
pub const UNSAFE_STAMPING_SWITCH: &str = "HELPDESK_UNSAFE_STAMPING_FOR_BENCH";

/// Whether [`UNSAFE_STAMPING_SWITCH`] is set to `1` in this process.
pub fn unsafe_stamping_for_bench() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| {
        let on = std::env::var(UNSAFE_STAMPING_SWITCH).is_ok_and(|v| v == "1");
        if on {
            tracing::warn!("{UNSAFE_STAMPING_SWITCH}=1: the change log is stamped UNSAFELY (a benchmark's negative control); never serve users like this");
        }
        on
    })
}

/// The unsafe control's first statement of a write: a sequence number
/// taken before the transaction's work, out of commit order.
pub fn reserve_unsafely(tx: &dyn WriteTx) -> StoreResult<i64> {
    tx.scalar("SELECT nextval('helpdesk_unsafe_change_seq')", &[])
}

/// The unsafe control's stamping: the first change gets the number
/// reserved at the start, the others fresh ones; the watermark is raised
/// to the highest, whatever committed in between.
pub fn stamp_unsafely(tx: &dyn WriteTx, reserved: i64) -> StoreResult<()> {
    let pending = std::mem::take(&mut *tx.pending_changes().borrow_mut());
    let mut highest = 0;
    for (i, change) in pending.iter().enumerate() {
        let seq = if i == 0 { reserved } else { reserve_unsafely(tx)? };
        highest = highest.max(seq);
        insert_change(tx, change, seq)?;
    }
    if highest > 0 {
        tx.execute("UPDATE counters SET value = greatest(value, ?1) WHERE name = 'change'", args![highest])?;
    }
    Ok(())
}

/// Changes of `bucket` after `cursor`, oldest first, whatever the watermark.
pub fn page(conn: &dyn ReadTx, bucket: &str, cursor: u64, limit: usize) -> StoreResult<Vec<ChangeRow>> {
    page_upto(conn, bucket, cursor, i64::MAX as u64, limit)
}

/// The highest committed sequence: every change at or below it is visible.
pub fn watermark(conn: &dyn ReadTx) -> StoreResult<u64> {
    let value: Option<i64> = conn
        .query_opt("SELECT value FROM counters WHERE name = 'change'", &[])?
        .map(|r| r.get(0))
        .transpose()?;
    Ok(value.unwrap_or(0) as u64)
}

/// Changes of `bucket` in `(cursor, upto]`, oldest first: a page served
/// under the watermark `upto` read in the same snapshot.
pub fn page_upto(conn: &dyn ReadTx, bucket: &str, cursor: u64, upto: u64, limit: usize) -> StoreResult<Vec<ChangeRow>> {
    let rows = conn.query(
        "SELECT seq, kind, entity, removed, prev_seq, prev_version FROM changes WHERE bucket = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq LIMIT ?4",
        args![bucket, cursor as i64, upto as i64, limit as i64],
    )?;
    rows.into_iter().map(|r| change_row(&r, 0)).collect()
}

/// [`page_upto`] for several `(bucket, cursor)` at once, each bucket's rows
/// in the same place of the answer: on PostgreSQL one query.
pub fn pages_upto(conn: &dyn ReadTx, buckets: &[(&str, u64)], upto: u64, limit: usize) -> StoreResult<Vec<Vec<ChangeRow>>> {
    if conn.dialect() == Dialect::Sqlite || buckets.len() == 1 {
        return buckets.iter().map(|(bucket, cursor)| page_upto(conn, bucket, *cursor, upto, limit)).collect();
    }
    let wanted: Vec<serde_json::Value> = buckets
        .iter()
        .enumerate()
        .map(|(i, (bucket, cursor))| serde_json::json!({"i": i, "bucket": bucket, "after": *cursor as i64}))
        .collect();
    let rows = conn.query(
        "SELECT b.i, c.seq, c.kind, c.entity, c.removed, c.prev_seq, c.prev_version
         FROM jsonb_to_recordset(CAST(?1 AS jsonb)) AS b(i bigint, bucket text, after bigint)
         CROSS JOIN LATERAL (SELECT seq, kind, entity, removed, prev_seq, prev_version FROM changes
                             WHERE bucket = b.bucket AND seq > b.after AND seq <= ?2 ORDER BY seq LIMIT ?3) c
         ORDER BY b.i, c.seq",
        args![serde_json::Value::Array(wanted).to_string(), upto as i64, limit as i64],
    )?;
    let mut pages: Vec<Vec<ChangeRow>> = vec![Vec::new(); buckets.len()];
    for r in rows {
        let i = r.get::<i64>(0)? as usize;
        let page = pages.get_mut(i).ok_or_else(|| super::StoreError::Corrupt(format!("no bucket {i} in a page")))?;
        page.push(change_row(&r, 1)?);
    }
    Ok(pages)
}

/// A change row read from its columns `seq, kind, entity, removed,
/// prev_seq, prev_version`, the first at `at`.
fn change_row(r: &super::sql::Row, at: usize) -> StoreResult<ChangeRow> {
    let prev_seq: Option<i64> = r.get(at + 4)?;
    let prev_version: Option<i64> = r.get(at + 5)?;
    Ok(ChangeRow {
        seq: r.get::<i64>(at)? as u64,
        kind: EntityKind::parse(&r.get::<String>(at + 1)?),
        entity: r.get(at + 2)?,
        removed: r.get(at + 3)?,
        replaced: prev_seq.zip(prev_version).map(|(s, v)| (s as u64, v as u64)),
    })
}

/// `WHERE id IN` a JSON array of ids, per dialect. On PostgreSQL the ids
/// become one array first (`= ANY(ARRAY(…))`), which the planner looks up
/// in the column's index; `IN (SELECT …)` made it hash-join a sequential
/// scan of the whole table (9 ms instead of 0.4 ms on 20,000 events).
pub(super) fn in_ids(conn: &dyn ReadTx, column: &str, param: &str) -> String {
    match conn.dialect() {
        Dialect::Sqlite => format!("{column} IN (SELECT value FROM json_each({param}))"),
        Dialect::Postgres => format!("{column} = ANY(ARRAY(SELECT jsonb_array_elements_text(CAST({param} AS jsonb))))"),
    }
}

/// The given tickets' documents with their comments put back in
/// ([`super::ticket_comments::with_comments`]) and their audit events'
/// stored JSON joined by commas, oldest first: `(id, doc, policy, events)`,
/// in one query; ids without a row are left out.
pub fn ticket_docs_with_events(conn: &dyn ReadTx, ids: &[&str]) -> StoreResult<Vec<(String, String, String, String)>> {
    let join = text_join(conn);
    let sql = format!(
        "SELECT t.id, t.doc, t.policy,
           coalesce((SELECT {join}(c.body, ',' ORDER BY c.idx) FROM ticket_comments c WHERE c.ticket_id = t.id), ''),
           coalesce((SELECT {join}(e.body, ',' ORDER BY e.idx) FROM ticket_events e WHERE e.ticket_id = t.id), '')
         FROM tickets t WHERE {}",
        in_ids(conn, "t.id", "?1")
    );
    conn.query(&sql, args![serde_json::to_string(ids)?])?
        .into_iter()
        .map(|mut r| {
            let id = r.take_text(0)?;
            let doc = super::ticket_comments::with_comments(&r.take_text(1)?, &[r.take_text(3)?]);
            Ok((id, doc, r.take_text(2)?, r.take_text(4)?))
        })
        .collect()
}

/// The aggregate that joins text in a given order: SQLite's
/// `group_concat`, PostgreSQL's `string_agg`.
fn text_join(conn: &dyn ReadTx) -> &'static str {
    match conn.dialect() {
        Dialect::Sqlite => "group_concat",
        Dialect::Postgres => "string_agg",
    }
}

/// A ticket as what changed after a version ([`ticket_deltas`]).
pub struct TicketDeltaRow {
    pub id: String,
    /// The version the delta is after.
    pub base: u64,
    /// The stored document with only the comments added after the version.
    pub doc: String,
    pub policy: String,
    /// The events after the version, their stored JSON joined by commas.
    pub events: String,
    /// How many comments and events the ticket had at the version.
    pub comments_from: u64,
    pub events_from: u64,
}

/// The given tickets as what changed after the version given for each:
/// the document, the comments and audit events added after that version,
/// and how many of each came before them. Ids without a row are left out.
/// On PostgreSQL one query; on SQLite one per ticket. Comments stored
/// before versions were recorded on them are never new (a reader that
/// lacks them gets the whole ticket: the counts do not match).
pub fn ticket_deltas(conn: &dyn ReadTx, wanted: &[(&str, u64)]) -> StoreResult<Vec<TicketDeltaRow>> {
    let join = text_join(conn);
    let parts = format!(
        "t.doc, t.policy,
           (SELECT coalesce(max(c.idx) + 1, 0) FROM ticket_comments c WHERE c.ticket_id = t.id),
           (SELECT count(*) FROM ticket_comments c WHERE c.ticket_id = t.id AND c.version > b.base),
           coalesce((SELECT {join}(c.body, ',' ORDER BY c.idx) FROM ticket_comments c WHERE c.ticket_id = t.id AND c.version > b.base), ''),
           (SELECT coalesce(max(e.idx) + 1, 0) FROM ticket_events e WHERE e.ticket_id = t.id),
           (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.version > b.base),
           coalesce((SELECT {join}(e.body, ',' ORDER BY e.idx) FROM ticket_events e WHERE e.ticket_id = t.id AND e.version > b.base), '')"
    );
    let read = |mut r: super::sql::Row, id: String, base: u64, at: usize| -> StoreResult<TicketDeltaRow> {
        let count = |r: &super::sql::Row, i: usize| -> StoreResult<u64> { Ok(r.get::<i64>(at + i)?.max(0) as u64) };
        let (comments_total, comments_new, events_total, events_new) = (count(&r, 2)?, count(&r, 3)?, count(&r, 5)?, count(&r, 6)?);
        let comments = r.take_text(at + 4)?;
        let comments = if comments.is_empty() { Vec::new() } else { vec![comments] };
        Ok(TicketDeltaRow {
            doc: super::ticket_comments::with_comments(&r.take_text(at)?, &comments),
            policy: r.take_text(at + 1)?,
            events: r.take_text(at + 7)?,
            comments_from: comments_total.saturating_sub(comments_new),
            events_from: events_total.saturating_sub(events_new),
            id,
            base,
        })
    };
    if conn.dialect() == Dialect::Sqlite {
        let sql = format!("SELECT {parts} FROM tickets t, (SELECT ?2 AS base) b WHERE t.id = ?1");
        let mut out = Vec::with_capacity(wanted.len());
        for (id, base) in wanted {
            if let Some(row) = conn.query_opt(&sql, args![*id, *base as i64])? {
                out.push(read(row, id.to_string(), *base, 0)?);
            }
        }
        return Ok(out);
    }
    let rows: Vec<serde_json::Value> = wanted.iter().map(|(id, base)| serde_json::json!({"id": id, "base": *base as i64})).collect();
    // Each ticket looked up by its key (`OFFSET 0` keeps the planner from
    // turning the lookups into a scan of every ticket joined by hash).
    let sql = format!(
        "SELECT t.id, b.base, {parts} FROM jsonb_to_recordset(CAST(?1 AS jsonb)) AS b(id text, base bigint)
         CROSS JOIN LATERAL (SELECT id, doc, policy FROM tickets WHERE id = b.id OFFSET 0) t"
    );
    conn.query(&sql, args![serde_json::Value::Array(rows).to_string()])?
        .into_iter()
        .map(|mut r| {
            let id = r.take_text(0)?;
            let base = r.get::<i64>(1)? as u64;
            read(r, id, base, 2)
        })
        .collect()
}

/// The stored documents of the given KB articles: `(id, doc)`.
pub fn article_docs(conn: &dyn ReadTx, ids: &[&str]) -> StoreResult<Vec<(String, String)>> {
    let ids = serde_json::to_string(ids)?;
    let sql = format!("SELECT id, doc FROM kb_articles WHERE {}", in_ids(conn, "id", "?1"));
    conn.query(&sql, args![ids])?
        .into_iter()
        .map(|mut r| Ok((r.take_text(0)?, r.take_text(1)?)))
        .collect()
}

/// Every working group's id: the group buckets of an administrator.
pub fn all_group_ids(conn: &dyn ReadTx) -> StoreResult<Vec<String>> {
    conn.column("SELECT id FROM groups ORDER BY id", &[])
}
