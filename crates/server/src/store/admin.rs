//! Administration data: user names and roles, routing rules, the SLA
//! policies (their TOML texts) and the audit log.

use crate::args;
use crate::store::sql::{ReadTx, Row, Value, WriteTx};
use crate::store::users::role_name;
use crate::store::StoreResult;
use chrono::{DateTime, Utc};
use helpdesk_domain::workflow::Role;
use helpdesk_protocol::admin::{AuditEntry, PolicyInfo, RoutingRule};
use helpdesk_protocol::SyncedPolicy;

pub fn set_display_name(tx: &dyn WriteTx, user_id: &str, name: &str) -> StoreResult<()> {
    tx.execute("UPDATE users SET display_name = ?2 WHERE id = ?1", args![user_id, name])?;
    Ok(())
}

pub fn set_role(tx: &dyn WriteTx, user_id: &str, role: Role) -> StoreResult<()> {
    tx.execute("UPDATE users SET role = ?2 WHERE id = ?1", args![user_id, role_name(role)])?;
    Ok(())
}

pub fn delete_tokens(tx: &dyn WriteTx, user_id: &str) -> StoreResult<()> {
    tx.execute("DELETE FROM tokens WHERE user_id = ?1", args![user_id])?;
    Ok(())
}

pub fn routing_rules(conn: &dyn ReadTx) -> StoreResult<Vec<RoutingRule>> {
    conn.query(
        "SELECT id, position, service, ticket_type, group_id, policy FROM routing_rules ORDER BY position, id",
        &[],
    )?
    .into_iter()
    .map(|r| {
        Ok(RoutingRule {
            id: r.get(0)?,
            position: r.get(1)?,
            service: r.get(2)?,
            ticket_type: r.get(3)?,
            group_id: r.get(4)?,
            policy: r.get(5)?,
        })
    })
    .collect()
}

pub fn next_rule_position(conn: &dyn ReadTx) -> StoreResult<i64> {
    conn.scalar("SELECT coalesce(max(position), 0) + 10 FROM routing_rules", &[])
}

pub fn insert_routing_rule(tx: &dyn WriteTx, rule: &RoutingRule) -> StoreResult<i64> {
    tx.scalar(
        "INSERT INTO routing_rules(position, service, ticket_type, group_id, policy) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        args![rule.position, &rule.service, &rule.ticket_type, rule.group_id.as_str(), rule.policy.as_str()],
    )
}

pub fn delete_routing_rule(tx: &dyn WriteTx, id: i64) -> StoreResult<bool> {
    Ok(tx.execute("DELETE FROM routing_rules WHERE id = ?1", args![id])? == 1)
}

pub fn policy_exists(conn: &dyn ReadTx, id: &str) -> StoreResult<bool> {
    Ok(conn.query_opt("SELECT 1 FROM policies WHERE id = ?1", args![id])?.is_some())
}

pub fn policies(conn: &dyn ReadTx) -> StoreResult<Vec<PolicyInfo>> {
    conn.query("SELECT id, updated_at FROM policies ORDER BY id", &[])?
        .into_iter()
        .map(|r| {
            Ok(PolicyInfo {
                id: r.get(0)?,
                updated_at: DateTime::from_timestamp_millis(r.get(1)?).unwrap_or_default(),
            })
        })
        .collect()
}

/// The group and policy of the first routing rule that matches a new
/// ticket's service and type, if any.
pub fn first_route(conn: &dyn ReadTx, service: &str, ticket_type: Option<&str>) -> StoreResult<Option<(String, String)>> {
    let row = conn.query_opt(
        "SELECT group_id, policy FROM routing_rules
         WHERE (service IS NULL OR service = ?1) AND (ticket_type IS NULL OR ticket_type = CAST(?2 AS TEXT))
         ORDER BY position, id LIMIT 1",
        args![service, ticket_type],
    )?;
    row.map(|r| Ok((r.get(0)?, r.get(1)?))).transpose()
}

/// When the policy's text was last stored (ms), to tell a compiled copy is stale.
pub fn policy_updated_at(conn: &dyn ReadTx, id: &str) -> StoreResult<Option<i64>> {
    conn.query_opt("SELECT updated_at FROM policies WHERE id = ?1", args![id])?
        .map(|r| r.get(0))
        .transpose()
}

pub fn policy_toml(conn: &dyn ReadTx, id: &str) -> StoreResult<Option<String>> {
    conn.query_opt("SELECT toml FROM policies WHERE id = ?1", args![id])?
        .map(|r| r.get(0))
        .transpose()
}

/// Every stored policy with its text, by id.
pub fn policy_texts(conn: &dyn ReadTx) -> StoreResult<Vec<SyncedPolicy>> {
    conn.query("SELECT id, toml, updated_at FROM policies ORDER BY id", &[])?
        .into_iter()
        .map(|r| {
            Ok(SyncedPolicy {
                id: r.get(0)?,
                toml: r.get(1)?,
                updated_at: DateTime::from_timestamp_millis(r.get(2)?).unwrap_or_default(),
            })
        })
        .collect()
}

/// Stores a policy unless one with this id is stored already (presets at
/// first start: an administrator's edit is kept).
pub fn insert_policy_if_absent(tx: &dyn WriteTx, id: &str, toml: &str, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO policies(id, toml, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        args![id, toml, at.timestamp_millis()],
    )?;
    Ok(())
}

/// Stores a policy, replacing the one with this id.
pub fn put_policy(tx: &dyn WriteTx, id: &str, toml: &str, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO policies(id, toml, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT(id) DO UPDATE SET toml = excluded.toml, updated_at = excluded.updated_at",
        args![id, toml, at.timestamp_millis()],
    )?;
    Ok(())
}

pub fn audit(conn: &dyn ReadTx, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>> {
    let limit = if query.limit == 0 { 100 } else { query.limit.min(1000) } as i64;
    let params: Vec<Value> = args![query.before, &query.actor, &query.action, &query.object, limit].to_vec();
    conn.query(
        "SELECT id, at, actor, action, object, detail FROM audit
         WHERE (CAST(?1 AS BIGINT) IS NULL OR id < CAST(?1 AS BIGINT)) AND (CAST(?2 AS TEXT) IS NULL OR actor = CAST(?2 AS TEXT))
           AND (CAST(?3 AS TEXT) IS NULL OR action = CAST(?3 AS TEXT)) AND (CAST(?4 AS TEXT) IS NULL OR object = CAST(?4 AS TEXT))
         ORDER BY id DESC LIMIT ?5",
        &params,
    )?
    .iter()
    .map(audit_entry)
    .collect()
}

fn audit_entry(r: &Row) -> StoreResult<AuditEntry> {
    let detail: String = r.get(5)?;
    Ok(AuditEntry {
        id: r.get(0)?,
        at: DateTime::from_timestamp_millis(r.get(1)?).unwrap_or_default(),
        actor: r.get(2)?,
        action: r.get(3)?,
        object: r.get(4)?,
        detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
    })
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
