//! Tickets, their audit trails, numbering and full-text search.

use super::search_text::{self, FtsEntries};
use super::sql::{Dialect, ReadTx, Value, WriteTx};
use super::{ticket_comments, StoreError, StoreResult};
use crate::args;
use chrono::{DateTime, Datelike, Utc};
use helpdesk_domain::ticket::{Comment, Ticket};
use helpdesk_domain::workflow::TicketEvent;
use helpdesk_domain::{Line, Status, TicketType};
use helpdesk_protocol::TicketSummary;
use std::sync::LazyLock;

/// The next human number of the year: `PREFIX-2026-000123` (001 §III.6).
pub fn next_number(tx: &dyn WriteTx, prefix: &str, now: DateTime<Utc>) -> StoreResult<String> {
    let year = now.year();
    let n: i64 = tx.scalar(
        "INSERT INTO ticket_numbers(year, last) VALUES (?1, 1) ON CONFLICT(year) DO UPDATE SET last = ticket_numbers.last + 1 RETURNING last",
        args![i64::from(year)],
    )?;
    Ok(format!("{prefix}-{year}-{n:06}"))
}

/// Writes the ticket's row (insert or update) and appends its new events
/// and comments: the op's cost does not grow with the ticket's history.
/// On PostgreSQL one statement (one round trip) for all of it.
pub fn save(tx: &dyn WriteTx, ticket: &Ticket, policy: &str, new_events: &[TicketEvent], new_comments: &[Comment], client_op: Option<&str>) -> StoreResult<()> {
    let doc = ticket_comments::stored_document(ticket)?;
    let row: Vec<Value> = args![
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
        return save_in_one_statement(tx, ticket, row, new_events, new_comments, client_op);
    }
    static SAVE_ROW: LazyLock<String> =
        LazyLock::new(|| format!("INSERT INTO tickets({ROW_COLUMNS}) VALUES ({ROW_VALUES}) ON CONFLICT(id) DO UPDATE SET {ROW_UPDATE}"));
    tx.execute(&SAVE_ROW, &row)?;
    for event in new_events {
        let (kind, body) = event_kind_and_body(event)?;
        // Appended after the ticket's last event, its index read by the insert itself.
        tx.execute(
            "INSERT INTO ticket_events(ticket_id, idx, version, at, actor, kind, body, client_op)
             VALUES (?1, (SELECT coalesce(max(idx), -1) + 1 FROM ticket_events WHERE ticket_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)",
            args![
                ticket.id.as_str(),
                ticket.version as i64,
                event.at.timestamp_millis(),
                event.actor.as_str(),
                kind,
                body,
                client_op
            ],
        )?;
    }
    ticket_comments::append_on_sqlite(tx, &ticket.id, ticket.version, new_comments)?;
    index_for_search(tx, ticket)?;
    // Which attachments the ticket cites (they are only ever added to a
    // ticket): whoever may read the ticket may read them.
    for attachment in &ticket.attachments {
        tx.execute(
            "INSERT INTO ticket_attachments(sha256, ticket_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            args![attachment.sha256.as_str(), ticket.id.as_str()],
        )?;
    }
    Ok(())
}

/// An event's kind (`kind.type`) and its stored JSON.
fn event_kind_and_body(event: &TicketEvent) -> StoreResult<(String, String)> {
    let body = serde_json::to_value(event)?;
    let kind = body.pointer("/kind/type").and_then(|v| v.as_str()).unwrap_or("").to_string();
    Ok((kind, body.to_string()))
}

/// [`save`] on PostgreSQL: the ticket's row with its search entry, its new
/// events and comments (each appended after the ticket's last, numbered in
/// order), and its attachments' index, as one statement of data-modifying
/// `WITH` parts. `row` is the fifteen values of the ticket's row.
fn save_in_one_statement(
    tx: &dyn WriteTx,
    ticket: &Ticket,
    mut row: Vec<Value>,
    new_events: &[TicketEvent],
    new_comments: &[Comment],
    client_op: Option<&str>,
) -> StoreResult<()> {
    let events = new_events
        .iter()
        .enumerate()
        .map(|(n, event)| {
            let (kind, body) = event_kind_and_body(event)?;
            Ok(serde_json::json!({"n": n, "at": event.at.timestamp_millis(), "actor": event.actor, "kind": kind, "body": body}))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let comments = new_comments
        .iter()
        .enumerate()
        .map(|(n, comment)| {
            Ok(serde_json::json!({
                "n": n,
                "visibility": comment.visibility.as_str(),
                "body": serde_json::to_string(comment)?,
                "search": ticket_comments::search_document(comment),
            }))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let attachments: Vec<&str> = ticket.attachments.iter().map(|a| a.sha256.as_str()).collect();
    row.extend_from_slice(args![
        ticket.subject.as_str(),
        search_text::document(&[&ticket.number, &ticket.subject, &ticket.description]),
        serde_json::Value::Array(events).to_string(),
        serde_json::Value::Array(comments).to_string(),
        serde_json::to_string(&attachments)?,
        client_op
    ]);
    static SAVE_ALL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "WITH saved AS (
           INSERT INTO tickets({ROW_COLUMNS}, subject, search_public)
           VALUES ({ROW_VALUES}, ?16, to_tsvector('simple', ?17))
           ON CONFLICT(id) DO UPDATE SET {ROW_UPDATE}, subject = excluded.subject, search_public = excluded.search_public
           RETURNING id),
         events AS (
           INSERT INTO ticket_events(ticket_id, idx, version, at, actor, kind, body, client_op)
           SELECT ?1, (SELECT coalesce(max(idx), -1) + 1 FROM ticket_events WHERE ticket_id = ?1) + e.n, ?3, e.at, e.actor, e.kind, e.body, CAST(?21 AS TEXT)
           FROM jsonb_to_recordset(CAST(?18 AS jsonb)) AS e(n bigint, at bigint, actor text, kind text, body text)),
         comments AS (
           INSERT INTO ticket_comments(ticket_id, idx, visibility, body, search, version)
           SELECT ?1, (SELECT coalesce(max(idx), -1) + 1 FROM ticket_comments WHERE ticket_id = ?1) + c.n, c.visibility, c.body,
                  to_tsvector('simple', c.search), ?3
           FROM jsonb_to_recordset(CAST(?19 AS jsonb)) AS c(n bigint, visibility text, body text, search text)),
         attachments AS (
           INSERT INTO ticket_attachments(sha256, ticket_id)
           SELECT a, ?1 FROM jsonb_array_elements_text(CAST(?20 AS jsonb)) AS a ON CONFLICT DO NOTHING)
         SELECT count(*) FROM saved"
        )
    });
    tx.execute(&SAVE_ALL, &row)?;
    Ok(())
}

/// The ticket row's fifteen columns as [`save`] writes them (`?1`–`?15`,
/// in this order), and what an update of an existing row sets: all but
/// the id, the number and the registration time.
const ROW_COLUMNS: &str =
    "id, number, version, ticket_type, status, priority, line, group_id, owner, requester_user, requester_name, policy, registered_at, updated_at, doc";
const ROW_VALUES: &str = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15";
const ROW_UPDATE: &str = "version = excluded.version, ticket_type = excluded.ticket_type, status = excluded.status,
    priority = excluded.priority, line = excluded.line, group_id = excluded.group_id, owner = excluded.owner,
    requester_user = excluded.requester_user, requester_name = excluded.requester_name, policy = excluded.policy,
    updated_at = excluded.updated_at, doc = excluded.doc";

/// Rebuilds the search entries of the ticket and its comments (and, on
/// PostgreSQL, its subject column) from what is stored: after a copy from
/// another database, or a change of the index form.
pub fn reindex(tx: &dyn WriteTx, ticket: &Ticket) -> StoreResult<()> {
    if tx.reader().dialect() == Dialect::Postgres {
        tx.execute(
            "UPDATE tickets SET subject = ?2 WHERE id = ?1",
            args![ticket.id.as_str(), ticket.subject.as_str()],
        )?;
    }
    index_for_search(tx, ticket)?;
    ticket_comments::reindex(tx, &ticket.id)
}

/// The search entry of the ticket's own texts (its comments have theirs,
/// [`ticket_comments`]). SQLite keeps it in `tickets_fts`; PostgreSQL in
/// the row's tsvector; both of the texts' [`search_text::index_form`].
fn index_for_search(tx: &dyn WriteTx, ticket: &Ticket) -> StoreResult<()> {
    match tx.reader().dialect() {
        Dialect::Sqlite => {
            let texts = [ticket.number.as_str(), &ticket.subject, &ticket.description];
            static ENTRIES: LazyLock<FtsEntries> = LazyLock::new(|| FtsEntries::new("tickets", "tickets_fts", &["number", "subject", "description"]));
            ENTRIES.replace(tx, &ticket.id, &texts)?;
        }
        Dialect::Postgres => {
            let texts = search_text::document(&[&ticket.number, &ticket.subject, &ticket.description]);
            tx.execute(
                "UPDATE tickets SET search_public = to_tsvector('simple', ?2) WHERE id = ?1",
                args![ticket.id.as_str(), texts],
            )?;
        }
    }
    Ok(())
}

/// A ticket by id or by human number, with its comments and the policy
/// it is counted under.
pub fn get(conn: &dyn ReadTx, id_or_number: &str) -> StoreResult<Option<(Ticket, String)>> {
    let Some(mut row) = conn.query_opt("SELECT id, doc, policy FROM tickets WHERE id = ?1 OR number = ?1", args![id_or_number])? else {
        return Ok(None);
    };
    let comments = ticket_comments::of_ticket(conn, &row.take_text(0)?)?;
    Ok(Some((ticket_comments::ticket(&row.take_text(1)?, &comments)?, row.take_text(2)?)))
}

/// A ticket without its comments (which an op only ever adds to), with
/// the policy it is counted under: what an op is applied to. Whatever
/// comments the op adds are the ticket's new ones for [`save`].
pub fn head(conn: &dyn ReadTx, id_or_number: &str) -> StoreResult<Option<(Ticket, String)>> {
    let row = conn.query_opt("SELECT doc, policy FROM tickets WHERE id = ?1 OR number = ?1", args![id_or_number])?;
    row.map(|mut r| Ok((ticket_comments::ticket(&r.take_text(0)?, &[])?, r.take_text(1)?)))
        .transpose()
}

/// [`head`] for a change: the row stays locked until the transaction ends,
/// so two writers of one ticket apply one after the other, each to what
/// the other saved (SQLite's single writer gives the same).
pub fn head_for_update(tx: &dyn WriteTx, id_or_number: &str) -> StoreResult<Option<(Ticket, String)>> {
    Ok(head_for_change(tx, id_or_number)?.map(|h| (h.ticket, h.policy)))
}

/// What [`head_for_change`] reads: the ticket without its comments, its
/// policy's id, and when that policy was last stored (`None`: no such
/// policy), which tells whether a compiled copy is still current.
pub struct TicketHead {
    pub ticket: Ticket,
    pub policy: String,
    pub policy_updated_at: Option<i64>,
}

/// [`head_for_update`] with its policy's version, read by the same
/// statement on PostgreSQL (one round trip).
pub fn head_for_change(tx: &dyn WriteTx, id_or_number: &str) -> StoreResult<Option<TicketHead>> {
    if tx.reader().dialect() == Dialect::Sqlite {
        let Some((ticket, policy)) = head(tx, id_or_number)? else { return Ok(None) };
        let policy_updated_at = super::admin::policy_updated_at(tx.reader(), &policy)?;
        return Ok(Some(TicketHead {
            ticket,
            policy,
            policy_updated_at,
        }));
    }
    // The row's lock, held to the commit. In READ COMMITTED a locking read
    // that waited for another writer returns the row as that writer
    // committed it. NO KEY: inserting a ticket's events and comments
    // (whose foreign keys share-lock the row's key) does not wait for it.
    // (The policy's version is read as of the statement's start: a policy
    // stored meanwhile is compiled by the next op.)
    let row = tx.query_opt(
        "SELECT t.doc, t.policy, (SELECT p.updated_at FROM policies p WHERE p.id = t.policy)
         FROM tickets t WHERE t.id = ?1 OR t.number = ?1 FOR NO KEY UPDATE OF t",
        args![id_or_number],
    )?;
    row.map(|mut r| {
        Ok(TicketHead {
            ticket: ticket_comments::ticket(&r.take_text(0)?, &[])?,
            policy: r.take_text(1)?,
            policy_updated_at: r.get(2)?,
        })
    })
    .transpose()
}

/// Locks the rows of the tickets named (by id or number) until the
/// transaction ends, in the order of their ids: a transaction that changes
/// several tickets takes them all at its start, so two such transactions
/// never wait for each other in a circle. SQLite's single writer needs none.
pub fn lock_for_update(tx: &dyn WriteTx, ids_or_numbers: &[&str]) -> StoreResult<()> {
    if tx.reader().dialect() == Dialect::Sqlite || ids_or_numbers.is_empty() {
        return Ok(());
    }
    let names = serde_json::to_string(ids_or_numbers)?;
    let sql = format!(
        "SELECT id FROM tickets WHERE {} OR {} ORDER BY id FOR NO KEY UPDATE",
        super::changes::in_ids(tx.reader(), "id", "?1"),
        super::changes::in_ids(tx.reader(), "number", "?1")
    );
    // Taken with the first op's own statement, in its round trip.
    tx.execute_deferred(&sql, args![names])
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
    // Every word must be found in the ticket's own texts or in one of its
    // comments; a requester's, in what a requester may read (public comments).
    let requester = matches!(visibility, Visibility::Requester(_));
    for key in filter.search.as_deref().map(search_text::keys).unwrap_or_default() {
        if postgres {
            let p = arg(search_text::ts_key(&key).into(), &mut args);
            let public_only = if requester { "c.visibility = 'public' AND " } else { "" };
            clauses.push(format!(
                "(t.search_public @@ to_tsquery('simple', {p}) OR EXISTS (SELECT 1 FROM ticket_comments c
                   WHERE c.ticket_id = t.id AND {public_only}c.search @@ to_tsquery('simple', {p})))"
            ));
        } else {
            let own = arg(search_text::fts_key(&key, None).into(), &mut args);
            let comments = arg(search_text::fts_key(&key, requester.then_some("{public_text}")).into(), &mut args);
            clauses.push(format!(
                "(t.rowid IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH {own}) OR t.id IN (SELECT c.ticket_id FROM ticket_comments c
                   WHERE c.rowid IN (SELECT rowid FROM ticket_comments_fts WHERE ticket_comments_fts MATCH {comments})))"
            ));
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

/// Tickets of `groups` registered in `[from, to)`, with their policies
/// and audit trails (not their comments: the report reads none).
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
        let ticket = ticket_comments::ticket(&r.take_text(0)?, &[])?;
        let policy = r.take_text(1)?;
        let trail = events(conn, &ticket.id)?;
        out.push((ticket, policy, trail));
    }
    Ok(out)
}
