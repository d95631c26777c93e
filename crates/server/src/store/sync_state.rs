//! Per-client sync state: the last seq with a final result, and each
//! result, so that a resent op gets the same answer and applies nothing.

use super::StoreResult;
use helpdesk_protocol::OpOutcome;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// The client's last seq, registering the client for `user_id` if new.
/// `Err` with the owner's id when the client id belongs to another user.
pub fn client_last_seq(tx: &Transaction, client_id: &str, user_id: &str) -> StoreResult<Result<u64, String>> {
    let row: Option<(String, i64)> = tx
        .prepare_cached("SELECT user_id, last_seq FROM sync_clients WHERE client_id = ?1")?
        .query_row([client_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        Some((owner, last)) if owner == user_id => Ok(Ok(last as u64)),
        Some((owner, _)) => Ok(Err(owner)),
        None => {
            tx.execute(
                "INSERT INTO sync_clients(client_id, user_id, last_seq) VALUES (?1, ?2, 0)",
                params![client_id, user_id],
            )?;
            Ok(Ok(0))
        }
    }
}

pub fn last_seq(conn: &Connection, client_id: &str) -> StoreResult<u64> {
    let last: Option<i64> = conn
        .prepare_cached("SELECT last_seq FROM sync_clients WHERE client_id = ?1")?
        .query_row([client_id], |r| r.get(0))
        .optional()?;
    Ok(last.unwrap_or(0) as u64)
}

pub fn stored_result(conn: &Connection, client_id: &str, seq: u64) -> StoreResult<Option<(String, OpOutcome)>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT op_id, result FROM sync_results WHERE client_id = ?1 AND seq = ?2")?
        .query_row(params![client_id, seq as i64], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(op_id, result)| Ok((op_id, serde_json::from_str(&result)?))).transpose()
}

/// Stores a final result and advances the client's `last_seq` to `seq`.
pub fn store_result(tx: &Transaction, client_id: &str, seq: u64, op_id: &str, outcome: &OpOutcome) -> StoreResult<()> {
    tx.prepare_cached("INSERT INTO sync_results(client_id, seq, op_id, result) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![client_id, seq as i64, op_id, serde_json::to_string(outcome)?])?;
    tx.prepare_cached("UPDATE sync_clients SET last_seq = ?2 WHERE client_id = ?1")?
        .execute(params![client_id, seq as i64])?;
    Ok(())
}

/// Who owns the client id and its last seq, without registering it.
pub fn client(conn: &Connection, client_id: &str) -> StoreResult<Option<(String, u64)>> {
    let row: Option<(String, i64)> = conn
        .prepare_cached("SELECT user_id, last_seq FROM sync_clients WHERE client_id = ?1")?
        .query_row([client_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row.map(|(owner, last)| (owner, last as u64)))
}
