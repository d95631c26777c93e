//! Administration data: user names and roles, routing rules, the SLA
//! policies (their TOML texts) and the audit log.

use crate::store::users::role_name;
use crate::store::StoreResult;
use chrono::{DateTime, Utc};
use helpdesk_domain::workflow::Role;
use helpdesk_protocol::admin::{AuditEntry, PolicyInfo, RoutingRule};
use helpdesk_protocol::SyncedPolicy;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

pub fn set_display_name(tx: &Transaction, user_id: &str, name: &str) -> StoreResult<()> {
    tx.execute("UPDATE users SET display_name = ?2 WHERE id = ?1", params![user_id, name])?;
    Ok(())
}

pub fn set_role(tx: &Transaction, user_id: &str, role: Role) -> StoreResult<()> {
    tx.execute("UPDATE users SET role = ?2 WHERE id = ?1", params![user_id, role_name(role)])?;
    Ok(())
}

pub fn delete_tokens(tx: &Transaction, user_id: &str) -> StoreResult<()> {
    tx.execute("DELETE FROM tokens WHERE user_id = ?1", [user_id])?;
    Ok(())
}

pub fn routing_rules(conn: &Connection) -> StoreResult<Vec<RoutingRule>> {
    let mut stmt = conn.prepare("SELECT id, position, service, ticket_type, group_id, policy FROM routing_rules ORDER BY position, id")?;
    let rows = stmt.query_map([], |r| {
        Ok(RoutingRule {
            id: r.get(0)?,
            position: r.get(1)?,
            service: r.get(2)?,
            ticket_type: r.get(3)?,
            group_id: r.get(4)?,
            policy: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn next_rule_position(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT coalesce(max(position), 0) + 10 FROM routing_rules", [], |r| r.get(0))?)
}

pub fn insert_routing_rule(tx: &Transaction, rule: &RoutingRule) -> StoreResult<i64> {
    tx.execute(
        "INSERT INTO routing_rules(position, service, ticket_type, group_id, policy) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![rule.position, rule.service, rule.ticket_type, rule.group_id, rule.policy],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn delete_routing_rule(tx: &Transaction, id: i64) -> StoreResult<bool> {
    Ok(tx.execute("DELETE FROM routing_rules WHERE id = ?1", [id])? == 1)
}

pub fn policy_exists(conn: &Connection, id: &str) -> StoreResult<bool> {
    Ok(conn.query_row("SELECT 1 FROM policies WHERE id = ?1", [id], |_| Ok(())).optional()?.is_some())
}

pub fn policies(conn: &Connection) -> StoreResult<Vec<PolicyInfo>> {
    let mut stmt = conn.prepare("SELECT id, updated_at FROM policies ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(PolicyInfo {
            id: r.get(0)?,
            updated_at: DateTime::from_timestamp_millis(r.get(1)?).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The group and policy of the first routing rule that matches a new
/// ticket's service and type, if any.
pub fn first_route(conn: &Connection, service: &str, ticket_type: Option<&str>) -> StoreResult<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT group_id, policy FROM routing_rules
             WHERE (service IS NULL OR service = ?1) AND (ticket_type IS NULL OR ticket_type = ?2)
             ORDER BY position, id LIMIT 1",
            rusqlite::params![service, ticket_type],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// When the policy's text was last stored (ms), to tell a compiled copy is stale.
pub fn policy_updated_at(conn: &Connection, id: &str) -> StoreResult<Option<i64>> {
    Ok(conn.query_row("SELECT updated_at FROM policies WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

pub fn policy_toml(conn: &Connection, id: &str) -> StoreResult<Option<String>> {
    Ok(conn.query_row("SELECT toml FROM policies WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

/// Every stored policy with its text, by id.
pub fn policy_texts(conn: &Connection) -> StoreResult<Vec<SyncedPolicy>> {
    let mut stmt = conn.prepare("SELECT id, toml, updated_at FROM policies ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(SyncedPolicy {
            id: r.get(0)?,
            toml: r.get(1)?,
            updated_at: DateTime::from_timestamp_millis(r.get(2)?).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Stores a policy unless one with this id is stored already (presets at
/// first start: an administrator's edit is kept).
pub fn insert_policy_if_absent(tx: &Transaction, id: &str, toml: &str, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT OR IGNORE INTO policies(id, toml, updated_at) VALUES (?1, ?2, ?3)",
        params![id, toml, at.timestamp_millis()],
    )?;
    Ok(())
}

/// Stores a policy, replacing the one with this id.
pub fn put_policy(tx: &Transaction, id: &str, toml: &str, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO policies(id, toml, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT(id) DO UPDATE SET toml = excluded.toml, updated_at = excluded.updated_at",
        params![id, toml, at.timestamp_millis()],
    )?;
    Ok(())
}

pub fn audit(conn: &Connection, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>> {
    let limit = if query.limit == 0 { 100 } else { query.limit.min(1000) } as i64;
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, object, detail FROM audit
         WHERE (?1 IS NULL OR id < ?1) AND (?2 IS NULL OR actor = ?2) AND (?3 IS NULL OR action = ?3) AND (?4 IS NULL OR object = ?4)
         ORDER BY id DESC LIMIT ?5",
    )?;
    let rows = stmt.query_map(params![query.before, query.actor, query.action, query.object, limit], |r| {
        let detail: String = r.get(5)?;
        Ok(AuditEntry {
            id: r.get(0)?,
            at: DateTime::from_timestamp_millis(r.get(1)?).unwrap_or_default(),
            actor: r.get(2)?,
            action: r.get(3)?,
            object: r.get(4)?,
            detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub limit: usize,
    /// Entries older than this id (paging back).
    pub before: Option<i64>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub object: Option<String>,
}
