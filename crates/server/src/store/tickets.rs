//! Tickets, their audit trails, numbering and full-text search.

use super::{StoreError, StoreResult};
use chrono::{DateTime, Datelike, Utc};
use helpdesk_domain::ticket::{Ticket, Visibility as CommentVisibility};
use helpdesk_domain::workflow::TicketEvent;
use helpdesk_domain::{Line, Status, TicketType};
use helpdesk_protocol::TicketSummary;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};

/// The next human number of the year: `PREFIX-2026-000123` (001 §III.6).
pub fn next_number(tx: &Transaction, prefix: &str, now: DateTime<Utc>) -> StoreResult<String> {
    let year = now.year();
    let n: i64 = tx.query_row(
        "INSERT INTO ticket_numbers(year, last) VALUES (?1, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last",
        [year],
        |r| r.get(0),
    )?;
    Ok(format!("{prefix}-{year}-{n:06}"))
}

/// Writes the ticket's row (insert or update) and appends its new events.
pub fn save(tx: &Transaction, ticket: &Ticket, policy: &str, new_events: &[TicketEvent], client_op: Option<&str>) -> StoreResult<()> {
    let doc = serde_json::to_string(ticket)?;
    tx.prepare_cached(
        "INSERT INTO tickets(id, number, version, ticket_type, status, priority, line, group_id, owner, requester_user, requester_name, policy, registered_at, updated_at, doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT(id) DO UPDATE SET version = excluded.version, ticket_type = excluded.ticket_type, status = excluded.status,
           priority = excluded.priority, line = excluded.line, group_id = excluded.group_id, owner = excluded.owner,
           requester_user = excluded.requester_user, requester_name = excluded.requester_name, policy = excluded.policy,
           updated_at = excluded.updated_at, doc = excluded.doc",
    )?
    .execute(params![
        ticket.id,
        ticket.number,
        ticket.version as i64,
        ticket.ticket_type.as_str(),
        ticket.status.as_str(),
        ticket.priority.value(),
        ticket.line.as_str(),
        ticket.group,
        ticket.owner,
        ticket.requester.user_id,
        ticket.requester.name,
        policy,
        ticket.registered_at.timestamp_millis(),
        ticket.updated_at.timestamp_millis(),
        doc
    ])?;
    let next: i64 = tx
        .prepare_cached("SELECT coalesce(max(idx), -1) + 1 FROM ticket_events WHERE ticket_id = ?1")?
        .query_row([&ticket.id], |r| r.get(0))?;
    let mut insert =
        tx.prepare_cached("INSERT INTO ticket_events(ticket_id, idx, version, at, actor, kind, body, client_op) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    for (i, event) in new_events.iter().enumerate() {
        let body = serde_json::to_value(event)?;
        let kind = body.pointer("/kind/type").and_then(|v| v.as_str()).unwrap_or("").to_string();
        insert.execute(params![
            ticket.id,
            next + i as i64,
            ticket.version as i64,
            event.at.timestamp_millis(),
            event.actor,
            kind,
            body.to_string(),
            client_op
        ])?;
    }
    index_for_search(tx, ticket)?;
    index_attachments(tx, ticket)?;
    Ok(())
}

/// The ticket's search entry: public and internal comments in columns of
/// their own, so that a requester's search reads only what they may read.
fn index_for_search(tx: &Transaction, ticket: &Ticket) -> StoreResult<()> {
    let rowid: i64 = tx
        .prepare_cached("SELECT rowid FROM tickets WHERE id = ?1")?
        .query_row([&ticket.id], |r| r.get(0))?;
    let comments = |public: bool| -> String {
        let texts: Vec<&str> = ticket
            .comments
            .iter()
            .filter(|c| (c.visibility == CommentVisibility::Public) == public)
            .map(|c| c.text.as_str())
            .collect();
        texts.join("\n")
    };
    tx.prepare_cached("DELETE FROM tickets_fts WHERE rowid = ?1")?.execute([rowid])?;
    tx.prepare_cached("INSERT INTO tickets_fts(rowid, number, subject, description, public_comments, internal_comments) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![
            rowid,
            ticket.number,
            ticket.subject,
            ticket.description,
            comments(true),
            comments(false)
        ])?;
    Ok(())
}

/// Records which attachments the ticket cites (attachments are only ever
/// added to a ticket): whoever may read the ticket may read them.
fn index_attachments(tx: &Transaction, ticket: &Ticket) -> StoreResult<()> {
    let mut insert = tx.prepare_cached("INSERT OR IGNORE INTO ticket_attachments(sha256, ticket_id) VALUES (?1, ?2)")?;
    for attachment in &ticket.attachments {
        insert.execute(params![attachment.sha256, ticket.id])?;
    }
    Ok(())
}

/// A ticket by id or by human number, with the policy it is counted under.
pub fn get(conn: &Connection, id_or_number: &str) -> StoreResult<Option<(Ticket, String)>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT doc, policy FROM tickets WHERE id = ?1 OR number = ?1")?
        .query_row([id_or_number], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(doc, policy)| Ok((serde_json::from_str(&doc)?, policy))).transpose()
}

pub fn events(conn: &Connection, ticket_id: &str) -> StoreResult<Vec<TicketEvent>> {
    let mut stmt = conn.prepare_cached("SELECT body FROM ticket_events WHERE ticket_id = ?1 ORDER BY idx")?;
    let rows = stmt.query_map([ticket_id], |r| r.get::<_, String>(0))?;
    rows.map(|body| Ok(serde_json::from_str(&body?)?)).collect()
}

/// Kinds of the events after `version` that someone other than `client_op`'s
/// client caused (`client_op` is `client_id:seq`; `None`: anyone counts).
pub fn foreign_event_kinds_since(conn: &Connection, ticket_id: &str, version: u64, client_id: Option<&str>) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind FROM ticket_events WHERE ticket_id = ?1 AND version > ?2
           AND (?3 IS NULL OR client_op IS NULL OR client_op NOT LIKE ?3 || ':%') ORDER BY idx",
    )?;
    let rows = stmt.query_map(params![ticket_id, version as i64, client_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Who may see which tickets in a list (SPEC §5: by role and working group).
#[derive(Debug, Clone)]
pub enum Visibility {
    All,
    /// Tickets of these groups (as group or co-executor), or owned by the user.
    Groups {
        user: String,
        groups: Vec<String>,
    },
    /// The requester's own tickets.
    Requester(String),
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub status: Vec<Status>,
    pub group: Option<String>,
    pub owner: Option<String>,
    pub unassigned: bool,
    pub ticket_type: Option<TicketType>,
    pub line: Option<Line>,
    pub search: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

pub fn list(conn: &Connection, visibility: &Visibility, filter: &ListFilter) -> StoreResult<(Vec<TicketSummary>, u64)> {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let arg = |v: rusqlite::types::Value, args: &mut Vec<rusqlite::types::Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    match visibility {
        Visibility::All => {}
        Visibility::Requester(user) => {
            let p = arg(user.clone().into(), &mut args);
            clauses.push(format!("t.requester_user = {p}"));
        }
        Visibility::Groups { user, groups } => {
            let p = arg(user.clone().into(), &mut args);
            let mut any = vec![format!("t.owner = {p}"), format!("t.requester_user = {p}")];
            for g in groups {
                let p = arg(g.clone().into(), &mut args);
                any.push(format!("t.group_id = {p}"));
                any.push(format!("EXISTS (SELECT 1 FROM json_each(t.doc, '$.co_executor_groups') c WHERE c.value = {p})"));
            }
            clauses.push(format!("({})", any.join(" OR ")));
        }
    }
    if !filter.status.is_empty() {
        let ps: Vec<String> = filter.status.iter().map(|s| arg(s.as_str().to_string().into(), &mut args)).collect();
        clauses.push(format!("t.status IN ({})", ps.join(", ")));
    }
    if let Some(g) = &filter.group {
        let p = arg(g.clone().into(), &mut args);
        clauses.push(format!("t.group_id = {p}"));
    }
    if let Some(o) = &filter.owner {
        let p = arg(o.clone().into(), &mut args);
        clauses.push(format!("t.owner = {p}"));
    }
    if filter.unassigned {
        clauses.push("t.owner IS NULL".into());
    }
    if let Some(t) = filter.ticket_type {
        let p = arg(t.as_str().to_string().into(), &mut args);
        clauses.push(format!("t.ticket_type = {p}"));
    }
    if let Some(l) = filter.line {
        let p = arg(l.as_str().to_string().into(), &mut args);
        clauses.push(format!("t.line = {p}"));
    }
    // A requester's words must each be found in what a requester may read.
    let columns = match visibility {
        Visibility::Requester(_) => Some(REQUESTER_COLUMNS),
        Visibility::All | Visibility::Groups { .. } => None,
    };
    if let Some(q) = filter.search.as_deref().map(|q| fts_query_in(q, columns)).filter(|q| !q.is_empty()) {
        let p = arg(q.into(), &mut args);
        clauses.push(format!("t.rowid IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH {p})"));
    }
    let filter_sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let total: i64 = conn.query_row(&format!("SELECT count(*) FROM tickets t {filter_sql}"), params_from_iter(args.iter()), |r| {
        r.get(0)
    })?;
    let limit = if filter.limit == 0 { 100 } else { filter.limit.min(1000) };
    let sql = format!(
        "SELECT t.id, t.number, t.ticket_type, t.status, t.priority, t.line, t.group_id, t.owner, t.requester_name, t.registered_at, t.updated_at, t.version, json_extract(t.doc, '$.subject')
         FROM tickets t {filter_sql} ORDER BY t.updated_at DESC, t.id LIMIT {limit} OFFSET {}",
        filter.offset.min(i64::MAX as usize)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, u8>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, i64>(9)?,
            r.get::<_, i64>(10)?,
            r.get::<_, i64>(11)?,
            r.get::<_, String>(12)?,
        ))
    })?;
    let mut items = Vec::new();
    for row in rows {
        let (id, number, ticket_type, status, priority, line, group, owner, requester, registered, updated, version, subject) = row?;
        let bad = |what: &str, v: &str| StoreError::Corrupt(format!("ticket {number}: {what} `{v}`"));
        items.push(TicketSummary {
            ticket_type: ticket_type.parse().map_err(|_| bad("type", &ticket_type))?,
            status: status.parse().map_err(|_| bad("status", &status))?,
            priority: helpdesk_domain::Priority::new(priority).map_err(|_| bad("priority", &priority.to_string()))?,
            line: line.parse().map_err(|_| bad("line", &line))?,
            id,
            number,
            subject,
            group,
            owner,
            requester,
            registered_at: DateTime::from_timestamp_millis(registered).unwrap_or_default(),
            updated_at: DateTime::from_timestamp_millis(updated).unwrap_or_default(),
            version: version as u64,
        });
    }
    Ok((items, total as u64))
}

/// The columns of `tickets_fts` a requester's search reads (not `internal_comments`).
const REQUESTER_COLUMNS: &str = "{number subject description public_comments}";

/// The longest search text accepted, in characters (longer is refused by the caller).
pub const MAX_QUERY_CHARS: usize = 200;
/// The most words of a search that count; later ones are ignored.
pub const MAX_QUERY_TERMS: usize = 10;
/// Shorter words are ignored: a one-letter prefix matches nearly every
/// word of the index, narrows nothing and costs a scan of it.
pub const MIN_TERM_CHARS: usize = 2;

/// A user's words as an FTS5 query: each word a prefix, all required; at
/// most [`MAX_QUERY_TERMS`] distinct words of at least [`MIN_TERM_CHARS`]
/// characters, so that no text costs more than a few index lookups.
pub fn fts_query(text: &str) -> String {
    fts_query_in(text, None)
}

/// [`fts_query`] with each word looked for in `columns` only (an FTS5
/// column filter such as `{subject description}`), or in every column.
fn fts_query_in(text: &str, columns: Option<&str>) -> String {
    let mut terms: Vec<String> = Vec::new();
    let words = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != 'ʼ' && c != '-')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .map(|w| w.replace(['\'', '’', 'ʼ'], "").replace('"', ""))
        .filter(|w| w.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_TERM_CHARS);
    for word in words {
        let term = format!("\"{word}\"*");
        if !terms.contains(&term) {
            terms.push(term);
            if terms.len() == MAX_QUERY_TERMS {
                break;
            }
        }
    }
    match columns {
        Some(columns) => terms.iter().map(|t| format!("{columns} : {t}")).collect::<Vec<_>>().join(" "),
        None => terms.join(" "),
    }
}

/// Every ticket id with its policy, for background work over all tickets.
pub fn open_ticket_ids(conn: &Connection) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM tickets WHERE status != 'closed' ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count(conn: &Connection) -> StoreResult<u64> {
    Ok(conn.query_row("SELECT count(*) FROM tickets", [], |r| r.get::<_, i64>(0))? as u64)
}

pub fn registered_between(
    conn: &rusqlite::Connection,
    groups: &[String],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<(Ticket, String, Vec<TicketEvent>)>> {
    if groups.is_empty() {
        return Ok(vec![]);
    }
    let placeholders: Vec<String> = (0..groups.len()).map(|i| format!("?{}", i + 3)).collect();
    let sql = format!(
        "SELECT doc, policy FROM tickets WHERE registered_at >= ?1 AND registered_at < ?2 AND group_id IN ({}) ORDER BY registered_at, id",
        placeholders.join(", ")
    );
    let mut args: Vec<rusqlite::types::Value> = vec![from.timestamp_millis().into(), to.timestamp_millis().into()];
    args.extend(groups.iter().map(|g| rusqlite::types::Value::from(g.clone())));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (doc, policy) in rows {
        let ticket: Ticket = serde_json::from_str(&doc)?;
        let trail = events(conn, &ticket.id)?;
        out.push((ticket, policy, trail));
    }
    Ok(out)
}
