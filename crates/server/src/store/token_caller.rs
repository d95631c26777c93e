//! Who a bearer token signs in, read with one statement: the token's
//! expiry, its user and the user's working groups. Every request checks
//! its token, so this is one round trip, not a transaction of four; a
//! revoked token or a disabled account is seen by the next request.

use super::sql::{ReadTx, Row};
use super::users::{to_user, user_from_row, UserRow};
use super::{StoreError, StoreResult};
use crate::args;
use chrono::{DateTime, Utc};
use helpdesk_protocol::GroupInfo;

/// What a token tells of who sends a request.
pub struct TokenCaller {
    pub user: UserRow,
    pub expires_at: DateTime<Utc>,
    /// The user's working groups, by id.
    pub groups: Vec<GroupInfo>,
}

/// The caller of the token `hash`; `None` for an unknown token.
pub fn token_caller(conn: &dyn ReadTx, hash: &str) -> StoreResult<Option<TokenCaller>> {
    let rows = conn.query(&format!("SELECT {CALLER_COLUMNS} {CALLER_FROM}"), args![hash])?;
    caller_of_rows(&rows)
}

/// The caller of the token `hash` with what a pull of client `client_id`
/// needs to tell that nothing is new (as [`super::sync_state::head_and_client`]):
/// one statement for a client that has everything. `None` for an unknown
/// token.
pub fn token_caller_and_sync_head(conn: &dyn ReadTx, hash: &str, client_id: &str) -> StoreResult<Option<(TokenCaller, super::sync_state::SyncHead)>> {
    let rows = conn.query(
        &format!("SELECT {CALLER_COLUMNS}, {} {CALLER_FROM}", super::sync_state::head_and_client_columns("?2")),
        args![hash, client_id],
    )?;
    let Some(caller) = caller_of_rows(&rows)? else { return Ok(None) };
    Ok(Some((caller, super::sync_state::head_and_client_at(&rows[0], 12)?)))
}

/// Twelve columns: the user (0–7), the token's expiry (8), one working
/// group per row (9–11). `?1` is the token's hash.
const CALLER_COLUMNS: &str = "u.id, u.username, u.display_name, u.password_hash, u.role, u.group_lead, u.kb_editor, u.disabled,
                t.expires_at, g.id, g.name, g.line";
const CALLER_FROM: &str = "FROM tokens t JOIN users u ON u.id = t.user_id
         LEFT JOIN group_members m ON m.user_id = u.id LEFT JOIN groups g ON g.id = m.group_id
         WHERE t.hash = ?1 ORDER BY g.id";

fn caller_of_rows(rows: &[Row]) -> StoreResult<Option<TokenCaller>> {
    let Some(first) = rows.first() else { return Ok(None) };
    let user = to_user(user_from_row(first)?)?;
    let expires_at = DateTime::from_timestamp_millis(first.get(8)?).unwrap_or_default();
    let mut groups = Vec::new();
    for row in rows {
        let Some(id) = row.get::<Option<String>>(9)? else { continue };
        let line: String = row.get(11)?;
        groups.push(GroupInfo {
            id,
            name: row.get(10)?,
            line: line.parse().map_err(|_| StoreError::Corrupt(format!("line `{line}`")))?,
        });
    }
    Ok(Some(TokenCaller { user, expires_at, groups }))
}
