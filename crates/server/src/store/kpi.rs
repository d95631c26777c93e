//! Reads of the KPI report that the ticket store has no query for.

use super::sql::{ReadTx, Value};
use super::StoreResult;
use chrono::{DateTime, Utc};
use helpdesk_domain::ticket::Ticket;

/// Tickets of `groups` resolved in `[from, to)` (003 §6.2.1: answered
/// within the period), whatever their registration; a resolved or closed
/// ticket was last updated at or after its resolution.
pub fn resolved_between(conn: &dyn ReadTx, groups: &[String], from: DateTime<Utc>, to: DateTime<Utc>) -> StoreResult<Vec<Ticket>> {
    updated_since(conn, groups, "'resolved', 'closed'", from, |t| {
        t.resolved_at.is_some_and(|at| at >= from && at < to)
    })
}

/// Tickets of `groups` whose requester rated the answer in `[from, to)`
/// (003 §6.1.12, §6.2.5); a rating updates the ticket, so it was last
/// updated at or after the rating.
pub fn rated_between(conn: &dyn ReadTx, groups: &[String], from: DateTime<Utc>, to: DateTime<Utc>) -> StoreResult<Vec<Ticket>> {
    updated_since(conn, groups, "'closed'", from, |t| {
        t.satisfaction.as_ref().is_some_and(|s| s.at >= from && s.at < to)
    })
}

/// Tickets of `groups` in one of `statuses` (SQL literals) last updated
/// at or after `from`, in registration order, that `keep` accepts.
fn updated_since(conn: &dyn ReadTx, groups: &[String], statuses: &str, from: DateTime<Utc>, keep: impl Fn(&Ticket) -> bool) -> StoreResult<Vec<Ticket>> {
    if groups.is_empty() {
        return Ok(vec![]);
    }
    let placeholders: Vec<String> = (0..groups.len()).map(|i| format!("?{}", i + 2)).collect();
    let sql = format!(
        "SELECT doc FROM tickets WHERE status IN ({statuses}) AND updated_at >= ?1 AND group_id IN ({}) ORDER BY registered_at, id",
        placeholders.join(", ")
    );
    let mut params: Vec<Value> = vec![from.timestamp_millis().into()];
    params.extend(groups.iter().map(Value::from));
    let mut out = Vec::new();
    for mut r in conn.query(&sql, &params)? {
        let ticket = super::ticket_comments::ticket(&r.take_text(0)?, &[])?;
        if keep(&ticket) {
            out.push(ticket);
        }
    }
    Ok(out)
}
