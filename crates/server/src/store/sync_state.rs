//! Per-client sync state: the last seq with a final result, and each
//! result, so that a resent op gets the same answer and applies nothing.

use super::sql::{ReadTx, Row, WriteTx};
use super::StoreResult;
use crate::args;
use helpdesk_protocol::OpOutcome;

/// The client's last seq, registering the client for `user_id` if new, and
/// holding the client's row until the transaction ends (on PostgreSQL a
/// second push of the same client waits here: seqs apply once, in order).
/// `Err` with the owner's id when the client id belongs to another user.
pub fn client_last_seq(tx: &dyn WriteTx, client_id: &str, user_id: &str) -> StoreResult<Result<u64, String>> {
    let sql = tx.pick(
        "SELECT user_id, last_seq FROM sync_clients WHERE client_id = ?1",
        "SELECT user_id, last_seq FROM sync_clients WHERE client_id = ?1 FOR UPDATE",
    );
    // A known client (the common case) is one statement; a new one is
    // registered first (of two racing, one inserts, both then lock it).
    let row = match tx.query_opt(sql, args![client_id])? {
        Some(row) => row,
        None => {
            tx.execute(
                "INSERT INTO sync_clients(client_id, user_id, last_seq) VALUES (?1, ?2, 0) ON CONFLICT(client_id) DO NOTHING",
                args![client_id, user_id],
            )?;
            tx.query_one(sql, args![client_id])?
        }
    };
    let (owner, last): (String, i64) = (row.get(0)?, row.get(1)?);
    if owner == user_id {
        Ok(Ok(last as u64))
    } else {
        Ok(Err(owner))
    }
}

pub fn last_seq(conn: &dyn ReadTx, client_id: &str) -> StoreResult<u64> {
    let last: Option<i64> = conn
        .query_opt("SELECT last_seq FROM sync_clients WHERE client_id = ?1", args![client_id])?
        .map(|r| r.get(0))
        .transpose()?;
    Ok(last.unwrap_or(0) as u64)
}

pub fn stored_result(conn: &dyn ReadTx, client_id: &str, seq: u64) -> StoreResult<Option<(String, OpOutcome)>> {
    let row = conn.query_opt(
        "SELECT op_id, result FROM sync_results WHERE client_id = ?1 AND seq = ?2",
        args![client_id, seq as i64],
    )?;
    row.map(|mut r| Ok((r.take_text(0)?, serde_json::from_str(&r.take_text(1)?)?))).transpose()
}

/// Stores a final result; the client's `last_seq` is advanced past it by
/// [`set_last_seq`] in the same transaction. Written with the commit
/// ([`WriteTx::execute_late`]): a push reads stored results only of ops
/// stored by earlier pushes.
pub fn store_result(tx: &dyn WriteTx, client_id: &str, seq: u64, op_id: &str, outcome: &OpOutcome) -> StoreResult<()> {
    tx.execute_late(
        "INSERT INTO sync_results(client_id, seq, op_id, result) VALUES (?1, ?2, ?3, ?4)",
        args![client_id, seq as i64, op_id, serde_json::to_string(outcome)?],
    )
}

/// The client's last seq with a stored result: once per push, after its
/// results, written with the commit.
pub fn set_last_seq(tx: &dyn WriteTx, client_id: &str, seq: u64) -> StoreResult<()> {
    tx.execute_late("UPDATE sync_clients SET last_seq = ?2 WHERE client_id = ?1", args![client_id, seq as i64])
}

/// Who owns the client id and its last seq, without registering it.
pub fn client(conn: &dyn ReadTx, client_id: &str) -> StoreResult<Option<(String, u64)>> {
    let row = conn.query_opt("SELECT user_id, last_seq FROM sync_clients WHERE client_id = ?1", args![client_id])?;
    row.map(|r| Ok((r.get(0)?, r.get::<i64>(1)? as u64))).transpose()
}

/// The change log's head and the client's owner and last seq.
pub type SyncHead = (u64, Option<(String, u64)>);

/// The change log's head (the highest committed sequence) and the client's
/// owner and last seq, read by one statement: what a pull needs to tell
/// that nothing is new. The head read as committed is a safe watermark:
/// sequences are stamped under the head row's lock at the end of each
/// writing transaction, so every change at or below it has committed.
pub fn head_and_client(conn: &dyn ReadTx, client_id: &str) -> StoreResult<SyncHead> {
    let row = conn.query_one(&format!("SELECT {}", head_and_client_columns("?1")), args![client_id])?;
    head_and_client_at(&row, 0)
}

/// The three columns of [`head_and_client`]; `client_id` is the parameter
/// that holds the client's id.
pub(super) fn head_and_client_columns(client_id: &str) -> String {
    format!(
        "(SELECT value FROM counters WHERE name = 'change'),
         (SELECT user_id FROM sync_clients WHERE client_id = {client_id}),
         (SELECT last_seq FROM sync_clients WHERE client_id = {client_id})"
    )
}

/// [`head_and_client`] read from `row`'s columns from `first` on.
pub(super) fn head_and_client_at(row: &Row, first: usize) -> StoreResult<SyncHead> {
    let head = row.get::<Option<i64>>(first)?.unwrap_or(0) as u64;
    let client = match row.get::<Option<String>>(first + 1)? {
        Some(owner) => Some((owner, row.get::<Option<i64>>(first + 2)?.unwrap_or(0) as u64)),
        None => None,
    };
    Ok((head, client))
}
