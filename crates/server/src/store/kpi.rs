//! Reads of the KPI report that the ticket store has no query for.

use super::StoreResult;
use chrono::{DateTime, Utc};
use helpdesk_domain::ticket::Ticket;

/// Tickets of `groups` resolved in `[from, to)` (003 §6.2.1: answered
/// within the period), whatever their registration; a resolved or closed
/// ticket was last updated at or after its resolution.
pub fn resolved_between(conn: &rusqlite::Connection, groups: &[String], from: DateTime<Utc>, to: DateTime<Utc>) -> StoreResult<Vec<Ticket>> {
    if groups.is_empty() {
        return Ok(vec![]);
    }
    let placeholders: Vec<String> = (0..groups.len()).map(|i| format!("?{}", i + 2)).collect();
    let sql = format!(
        "SELECT doc FROM tickets WHERE status IN ('resolved', 'closed') AND updated_at >= ?1 AND group_id IN ({}) ORDER BY registered_at, id",
        placeholders.join(", ")
    );
    let mut args: Vec<rusqlite::types::Value> = vec![from.timestamp_millis().into()];
    args.extend(groups.iter().map(|g| rusqlite::types::Value::from(g.clone())));
    let mut stmt = conn.prepare(&sql)?;
    let docs = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    for doc in docs {
        let ticket: Ticket = serde_json::from_str(&doc)?;
        if ticket.resolved_at.is_some_and(|at| at >= from && at < to) {
            out.push(ticket);
        }
    }
    Ok(out)
}
