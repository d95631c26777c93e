//! Tickets, their audit trails, numbering and full-text search.

use super::sql::{Dialect, ReadTx, Value, WriteTx};
use super::{search_text, StoreError, StoreResult};
use crate::args;
use chrono::{DateTime, Datelike, Utc};
use helpdesk_domain::ticket::{Ticket, Visibility as CommentVisibility};
use helpdesk_domain::workflow::TicketEvent;
use helpdesk_domain::{Line, Status, TicketType};
use helpdesk_protocol::TicketSummary;

/// The next human number of the year: `PREFIX-2026-000123` (001 §III.6).
pub fn next_number(tx: &dyn WriteTx, prefix: &str, now: DateTime<Utc>) -> StoreResult<String> {
    let year = now.year();
    let n: i64 = tx.scalar(
        "INSERT INTO ticket_numbers(year, last) VALUES (?1, 1) ON CONFLICT(year) DO UPDATE SET last = ticket_numbers.last + 1 RETURNING last",
        args![i64::from(year)],
    )?;
    Ok(format!("{prefix}-{year}-{n:06}"))
}

/// Writes the ticket's row (insert or update) and appends its new events.
pub fn save(tx: &dyn WriteTx, ticket: &Ticket, policy: &str, new_events: &[TicketEvent], client_op: Option<&str>) -> StoreResult<()> {
    let doc = serde_json::to_string(ticket)?;
    let sql = tx.pick(
        "INSERT INTO tickets(id, number, version, ticket_type, status, priority, line, group_id, owner, requester_user, requester_name, policy, registered_at, updated_at, doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT(id) DO UPDATE SET version = excluded.version, ticket_type = excluded.ticket_type, status = excluded.status,
           priority = excluded.priority, line = excluded.line, group_id = excluded.group_id, owner = excluded.owner,
           requester_user = excluded.requester_user, requester_name = excluded.requester_name, policy = excluded.policy,
           updated_at = excluded.updated_at, doc = excluded.doc",
        "INSERT INTO tickets(id, number, version, ticket_type, status, priority, line, group_id, owner, requester_user, requester_name, policy, registered_at, updated_at, doc, subject)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT(id) DO UPDATE SET version = excluded.version, ticket_type = excluded.ticket_type, status = excluded.status,
           priority = excluded.priority, line = excluded.line, group_id = excluded.group_id, owner = excluded.owner,
           requester_user = excluded.requester_user, requester_name = excluded.requester_name, policy = excluded.policy,
           updated_at = excluded.updated_at, doc = excluded.doc, subject = excluded.subject",
    );
    let mut values: Vec<Value> = args![
        ticket.id.as_str(),
        ticket.number.as_str(),
        ticket.version as i64,
        ticket.ticket_type.as_str(),
        ticket.status.as_str(),
        ticket.priority.value(),
        ticket.line.as_str(),
        ticket.group.as_str(),
        &ticket.owner,
        &ticket.requester.user_id,
        ticket.requester.name.as_str(),
        policy,
        ticket.registered_at.timestamp_millis(),
        ticket.updated_at.timestamp_millis(),
        doc
    ]
    .to_vec();
    if tx.reader().dialect() == Dialect::Postgres {
        values.push(ticket.subject.as_str().into());
    }
    tx.execute(sql, &values)?;
    let next: i64 = tx.scalar(
        "SELECT coalesce(max(idx), -1) + 1 FROM ticket_events WHERE ticket_id = ?1",
        args![ticket.id.as_str()],
    )?;
    for (i, event) in new_events.iter().enumerate() {
        let body = serde_json::to_value(event)?;
        let kind = body.pointer("/kind/type").and_then(|v| v.as_str()).unwrap_or("").to_string();
        tx.execute(
            "INSERT INTO ticket_events(ticket_id, idx, version, at, actor, kind, body, client_op) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            args![
                ticket.id.as_str(),
                next + i as i64,
                ticket.version as i64,
                event.at.timestamp_millis(),
                event.actor.as_str(),
                kind,
                body.to_string(),
                client_op
            ],
        )?;
    }
    index_for_search(tx, ticket)?;
    index_attachments(tx, ticket)?;
    Ok(())
}

/// Appends a ticket's events as a history made elsewhere: each with the
/// version it produced, after the events the ticket has.
pub fn append_history(tx: &dyn WriteTx, ticket_id: &str, events: &[(u64, TicketEvent)]) -> StoreResult<()> {
    let next: i64 = tx.scalar("SELECT coalesce(max(idx), -1) + 1 FROM ticket_events WHERE ticket_id = ?1", args![ticket_id])?;
    for (i, (version, event)) in events.iter().enumerate() {
        let body = serde_json::to_value(event)?;
        let kind = body.pointer("/kind/type").and_then(|v| v.as_str()).unwrap_or("").to_string();
        tx.execute(
            "INSERT INTO ticket_events(ticket_id, idx, version, at, actor, kind, body, client_op) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)",
            args![
                ticket_id,
                next + i as i64,
                *version as i64,
                event.at.timestamp_millis(),
                event.actor.as_str(),
                kind,
                body.to_string()
            ],
        )?;
    }
    Ok(())
}

/// Rebuilds the ticket's search entry (and, on PostgreSQL, its subject
/// column) from its document: after a copy from another database.
pub fn reindex(tx: &dyn WriteTx, ticket: &Ticket) -> StoreResult<()> {
    if tx.reader().dialect() == Dialect::Postgres {
        tx.execute(
            "UPDATE tickets SET subject = ?2 WHERE id = ?1",
            args![ticket.id.as_str(), ticket.subject.as_str()],
        )?;
    }
    index_for_search(tx, ticket)
}

/// The ticket's search entry: public and internal comments apart, so that
/// a requester's search reads only what they may read. SQLite keeps it in
/// `tickets_fts`; PostgreSQL in the row's two tsvectors; both of the
/// texts' [`search_text::index_form`].
fn index_for_search(tx: &dyn WriteTx, ticket: &Ticket) -> StoreResult<()> {
    let comments = |public: bool| -> String {
        let texts: Vec<&str> = ticket
            .comments
            .iter()
            .filter(|c| (c.visibility == CommentVisibility::Public) == public)
            .map(|c| c.text.as_str())
            .collect();
        texts.join("\n")
    };
    match tx.reader().dialect() {
        Dialect::Sqlite => {
            let rowid: i64 = tx.scalar("SELECT rowid FROM tickets WHERE id = ?1", args![ticket.id.as_str()])?;
            tx.execute("DELETE FROM tickets_fts WHERE rowid = ?1", args![rowid])?;
            tx.execute(
                "INSERT INTO tickets_fts(rowid, number, subject, description, public_comments, internal_comments) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                args![
                    rowid,
                    search_text::index_form(&ticket.number),
                    search_text::index_form(&ticket.subject),
                    search_text::index_form(&ticket.description),
                    search_text::index_form(&comments(true)),
                    search_text::index_form(&comments(false))
                ],
            )?;
        }
        Dialect::Postgres => {
            let public = search_text::document(&[&ticket.number, &ticket.subject, &ticket.description, &comments(true)]);
            let internal = search_text::document(&[&comments(false)]);
            tx.execute(
                "UPDATE tickets SET search_public = to_tsvector('simple', ?2),
                   search_all = to_tsvector('simple', ?2) || to_tsvector('simple', ?3) WHERE id = ?1",
                args![ticket.id.as_str(), public, internal],
            )?;
        }
    }
    Ok(())
}

/// Records which attachments the ticket cites (attachments are only ever
/// added to a ticket): whoever may read the ticket may read them.
fn index_attachments(tx: &dyn WriteTx, ticket: &Ticket) -> StoreResult<()> {
    for attachment in &ticket.attachments {
        tx.execute(
            "INSERT INTO ticket_attachments(sha256, ticket_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            args![attachment.sha256.as_str(), ticket.id.as_str()],
        )?;
    }
    Ok(())
}

/// A ticket by id or by human number, with the policy it is counted under.
pub fn get(conn: &dyn ReadTx, id_or_number: &str) -> StoreResult<Option<(Ticket, String)>> {
    let row = conn.query_opt("SELECT doc, policy FROM tickets WHERE id = ?1 OR number = ?1", args![id_or_number])?;
    row.map(|mut r| Ok((serde_json::from_str(&r.take_text(0)?)?, r.take_text(1)?))).transpose()
}

/// [`get`] for a change: the row stays locked until the transaction ends,
/// so two writers of one ticket apply one after the other, each to what
/// the other saved (SQLite's single writer gives the same).
pub fn get_for_update(tx: &dyn WriteTx, id_or_number: &str) -> StoreResult<Option<(Ticket, String)>> {
    if tx.reader().dialect() == Dialect::Sqlite {
        return get(tx, id_or_number);
    }
    // The ticket's lock (held to the commit), then the row as the last
    // writer committed it: READ COMMITTED reads after the wait.
    let Some(id) = tx.query_opt("SELECT id FROM tickets WHERE id = ?1 OR number = ?1", args![id_or_number])? else {
        return Ok(None);
    };
    let id: String = id.get(0)?;
    tx.query("SELECT pg_advisory_xact_lock(hashtextextended('ticket:' || ?1, 0))", args![id.as_str()])?;
    let row = tx.query_opt("SELECT doc, policy FROM tickets WHERE id = ?1", args![id])?;
    row.map(|mut r| Ok((serde_json::from_str(&r.take_text(0)?)?, r.take_text(1)?))).transpose()
}

pub fn events(conn: &dyn ReadTx, ticket_id: &str) -> StoreResult<Vec<TicketEvent>> {
    conn.query("SELECT body FROM ticket_events WHERE ticket_id = ?1 ORDER BY idx", args![ticket_id])?
        .into_iter()
        .map(|mut r| Ok(serde_json::from_str(&r.take_text(0)?)?))
        .collect()
}

/// Kinds of the events after `version` that someone other than `client_op`'s
/// client caused (`client_op` is `client_id:seq`; `None`: anyone counts).
pub fn foreign_event_kinds_since(conn: &dyn ReadTx, ticket_id: &str, version: u64, client_id: Option<&str>) -> StoreResult<Vec<String>> {
    conn.column(
        "SELECT kind FROM ticket_events WHERE ticket_id = ?1 AND version > ?2
           AND (CAST(?3 AS TEXT) IS NULL OR client_op IS NULL OR client_op NOT LIKE CAST(?3 AS TEXT) || ':%') ORDER BY idx",
        args![ticket_id, version as i64, client_id],
    )
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

pub fn list(conn: &dyn ReadTx, visibility: &Visibility, filter: &ListFilter) -> StoreResult<(Vec<TicketSummary>, u64)> {
    let postgres = conn.dialect() == Dialect::Postgres;
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    match visibility {
        Visibility::All => {}
        Visibility::Requester(user) => {
            let p = arg(user.into(), &mut args);
            clauses.push(format!("t.requester_user = {p}"));
        }
        Visibility::Groups { user, groups } => {
            let p = arg(user.into(), &mut args);
            let mut any = vec![format!("t.owner = {p}"), format!("t.requester_user = {p}")];
            for g in groups {
                let p = arg(g.into(), &mut args);
                any.push(format!("t.group_id = {p}"));
                any.push(if postgres {
                    format!("CAST(t.doc AS jsonb) -> 'co_executor_groups' @> jsonb_build_array(CAST({p} AS text))")
                } else {
                    format!("EXISTS (SELECT 1 FROM json_each(t.doc, '$.co_executor_groups') c WHERE c.value = {p})")
                });
            }
            clauses.push(format!("({})", any.join(" OR ")));
        }
    }
    if !filter.status.is_empty() {
        let ps: Vec<String> = filter.status.iter().map(|s| arg(s.as_str().into(), &mut args)).collect();
        clauses.push(format!("t.status IN ({})", ps.join(", ")));
    }
    if let Some(g) = &filter.group {
        let p = arg(g.into(), &mut args);
        clauses.push(format!("t.group_id = {p}"));
    }
    if let Some(o) = &filter.owner {
        let p = arg(o.into(), &mut args);
        clauses.push(format!("t.owner = {p}"));
    }
    if filter.unassigned {
        clauses.push("t.owner IS NULL".into());
    }
    if let Some(t) = filter.ticket_type {
        let p = arg(t.as_str().into(), &mut args);
        clauses.push(format!("t.ticket_type = {p}"));
    }
    if let Some(l) = filter.line {
        let p = arg(l.as_str().into(), &mut args);
        clauses.push(format!("t.line = {p}"));
    }
    // A requester's words must each be found in what a requester may read.
    let requester = matches!(visibility, Visibility::Requester(_));
    if let Some(text) = filter.search.as_deref() {
        if postgres {
            let q = search_text::ts_query(text);
            if !q.is_empty() {
                let p = arg(q.into(), &mut args);
                let column = if requester { "search_public" } else { "search_all" };
                clauses.push(format!("t.{column} @@ to_tsquery('simple', {p})"));
            }
        } else {
            let columns = requester.then_some(REQUESTER_COLUMNS);
            let q = search_text::fts_query(text, columns);
            if !q.is_empty() {
                let p = arg(q.into(), &mut args);
                clauses.push(format!("t.rowid IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH {p})"));
            }
        }
    }
    let filter_sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let total: i64 = conn.scalar(&format!("SELECT count(*) FROM tickets t {filter_sql}"), &args)?;
    let limit = if filter.limit == 0 { 100 } else { filter.limit.min(1000) };
    let subject = if postgres { "t.subject" } else { "json_extract(t.doc, '$.subject')" };
    let sql = format!(
        "SELECT t.id, t.number, t.ticket_type, t.status, t.priority, t.line, t.group_id, t.owner, t.requester_name, t.registered_at, t.updated_at, t.version, {subject}
         FROM tickets t {filter_sql} ORDER BY t.updated_at DESC, t.id LIMIT {limit} OFFSET {}",
        filter.offset.min(i64::MAX as usize)
    );
    let mut items = Vec::new();
    for r in conn.query(&sql, &args)? {
        let number: String = r.get(1)?;
        let (ticket_type, status, line): (String, String, String) = (r.get(2)?, r.get(3)?, r.get(5)?);
        let priority: u8 = r.get(4)?;
        let bad = |what: &str, v: &str| StoreError::Corrupt(format!("ticket {number}: {what} `{v}`"));
        items.push(TicketSummary {
            ticket_type: ticket_type.parse().map_err(|_| bad("type", &ticket_type))?,
            status: status.parse().map_err(|_| bad("status", &status))?,
            priority: helpdesk_domain::Priority::new(priority).map_err(|_| bad("priority", &priority.to_string()))?,
            line: line.parse().map_err(|_| bad("line", &line))?,
            id: r.get(0)?,
            subject: r.get(12)?,
            group: r.get(6)?,
            owner: r.get(7)?,
            requester: r.get(8)?,
            registered_at: DateTime::from_timestamp_millis(r.get(9)?).unwrap_or_default(),
            updated_at: DateTime::from_timestamp_millis(r.get(10)?).unwrap_or_default(),
            version: r.get::<i64>(11)? as u64,
            number,
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

/// Every ticket id with its policy, for background work over all tickets.
pub fn open_ticket_ids(conn: &dyn ReadTx) -> StoreResult<Vec<String>> {
    conn.column("SELECT id FROM tickets WHERE status != 'closed' ORDER BY id", &[])
}

pub fn count(conn: &dyn ReadTx) -> StoreResult<u64> {
    Ok(conn.scalar::<i64>("SELECT count(*) FROM tickets", &[])? as u64)
}

pub fn registered_between(
    conn: &dyn ReadTx,
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
    let mut args: Vec<Value> = vec![from.timestamp_millis().into(), to.timestamp_millis().into()];
    args.extend(groups.iter().map(Value::from));
    let mut out = Vec::new();
    for mut r in conn.query(&sql, &args)? {
        let ticket: Ticket = serde_json::from_str(&r.take_text(0)?)?;
        let policy = r.take_text(1)?;
        let trail = events(conn, &ticket.id)?;
        out.push((ticket, policy, trail));
    }
    Ok(out)
}
