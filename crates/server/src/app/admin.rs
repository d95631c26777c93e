//! Administration (000 §15): users, working groups and their members,
//! routing rules, SLA policies, and the audit log. Administrators only;
//! every change is written to the audit log in the same transaction.
//!
//! The few statements the `store` module has no function for yet (user
//! name and role, routing rules, the audit log, the policy list) are in
//! [`sql`] below, so they can move under `store` as they are.

use super::auth::{check_password_rules, hash_password, Caller};
use super::App;
use crate::error::{AppError, AppResult};
use crate::store::{self, users};
use chrono::{DateTime, Utc};
use helpdesk_domain::policy::Policy;
use helpdesk_domain::workflow::{Actor, Permissions, Role};
use helpdesk_domain::{Line, TicketType};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AdminUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    #[schema(value_type = String)]
    pub role: Role,
    #[schema(value_type = Object)]
    pub permissions: Permissions,
    pub disabled: bool,
    /// Ids of the user's working groups.
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    pub username: String,
    pub display_name: String,
    pub password: String,
    #[schema(value_type = String)]
    pub role: Role,
    #[serde(default)]
    #[schema(value_type = Object)]
    pub permissions: Permissions,
    /// Working groups to add the user to (the desk only).
    #[serde(default)]
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub role: Option<Role>,
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub permissions: Option<Permissions>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordRequest {
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    #[schema(value_type = String)]
    pub line: Line,
    /// Ids of the members.
    pub members: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGroupRequest {
    pub id: String,
    pub name: String,
    #[schema(value_type = String)]
    pub line: Line,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberRequest {
    /// The user's id or user name.
    pub user: String,
}

/// A routing rule: tickets of `service` and/or `ticket_type` (absent: any)
/// go to `group_id` under `policy`; the lowest `position` that matches wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RoutingRule {
    pub id: i64,
    pub position: i64,
    pub service: Option<String>,
    pub ticket_type: Option<String>,
    pub group_id: String,
    pub policy: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRoutingRule {
    /// Default: after the last rule.
    #[serde(default)]
    pub position: Option<i64>,
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub ticket_type: Option<String>,
    pub group_id: String,
    pub policy: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PolicyInfo {
    pub id: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The acting user's id.
    pub actor: String,
    pub action: String,
    pub object: String,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
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

fn require_admin(actor: &Actor) -> AppResult<()> {
    if actor.role != Role::Administrator {
        return Err(AppError::Forbidden("administration is for administrators only".into()));
    }
    Ok(())
}

fn invalid(code: &'static str, field: &str, message: impl Into<String>) -> AppError {
    AppError::Unprocessable {
        code,
        message: message.into(),
        fields: vec![field.to_string()],
    }
}

fn check_display_name(name: &str) -> AppResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(invalid(
            "invalid_display_name",
            "display_name",
            "a display name is required, at most 200 characters",
        ));
    }
    Ok(name.to_string())
}

/// Self Service users carry no desk permissions.
fn check_role_permissions(role: Role, permissions: Permissions) -> AppResult<()> {
    if role == Role::SelfService && (permissions.group_lead || permissions.kb_editor) {
        return Err(invalid(
            "invalid_permissions",
            "permissions",
            "a Self Service user cannot be a group lead or a KB editor; make them an analyst first",
        ));
    }
    Ok(())
}

fn user_view(conn: &rusqlite::Connection, user: users::UserRow) -> AppResult<AdminUser> {
    let groups = users::groups_of(conn, &user.id)?.into_iter().map(|g| g.id).collect();
    Ok(AdminUser {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role: user.role,
        permissions: user.permissions,
        disabled: user.disabled,
        groups,
    })
}

/// A user by id, or else by user name.
fn find_user(conn: &rusqlite::Connection, key: &str) -> AppResult<users::UserRow> {
    if let Some(u) = users::user_by_id(conn, key)? {
        return Ok(u);
    }
    users::user_by_username(conn, key)?.ok_or_else(|| AppError::NotFound(format!("no user `{key}`")))
}

fn group_view(conn: &rusqlite::Connection, id: &str) -> AppResult<GroupView> {
    let g = users::group(conn, id)?.ok_or_else(|| AppError::NotFound(format!("no working group `{id}`")))?;
    Ok(GroupView {
        members: users::members_of(conn, &g.id)?,
        id: g.id,
        name: g.name,
        line: g.line,
    })
}

fn last_admin_guard(conn: &rusqlite::Connection, user: &users::UserRow) -> AppResult<()> {
    if user.role == Role::Administrator && !user.disabled && users::count_administrators(conn)? <= 1 {
        return Err(AppError::Conflict {
            code: "last_administrator",
            message: "this is the last active administrator; make another administrator first".into(),
        });
    }
    Ok(())
}

impl App {
    // ---- users ----

    pub fn admin_users(&self, caller: &Caller) -> AppResult<Vec<AdminUser>> {
        require_admin(&caller.actor)?;
        self.store
            .read(|conn| users::list_users(conn)?.into_iter().map(|u| user_view(conn, u)).collect())
    }

    pub fn admin_user(&self, caller: &Caller, key: &str) -> AppResult<AdminUser> {
        require_admin(&caller.actor)?;
        self.store.read(|conn| {
            let user = find_user(conn, key)?;
            user_view(conn, user)
        })
    }

    pub fn admin_create_user(&self, caller: &Caller, request: NewUserRequest) -> AppResult<AdminUser> {
        require_admin(&caller.actor)?;
        let display_name = check_display_name(&request.display_name)?;
        check_role_permissions(request.role, request.permissions)?;
        let mut groups: Vec<String> = Vec::new();
        for g in request.groups.iter().map(|g| g.trim()).filter(|g| !g.is_empty()) {
            if !groups.iter().any(|x| x == g) {
                groups.push(g.to_string());
            }
        }
        if request.role == Role::SelfService && !groups.is_empty() {
            return Err(invalid("invalid_groups", "groups", "a Self Service user is in no working group"));
        }
        self.store.read(|conn| {
            for g in &groups {
                if users::group(conn, g)?.is_none() {
                    return Err(invalid("unknown_group", "groups", format!("no working group `{g}`")));
                }
            }
            Ok::<_, AppError>(())
        })?;
        let user = self.create_user(request.username.trim(), &display_name, &request.password, request.role, request.permissions)?;
        let now = self.now();
        self.store.write(|tx| {
            for g in &groups {
                users::add_member(tx, g, &user.id)?;
            }
            store::audit(
                tx,
                now,
                &caller.actor.user_id,
                "user.create",
                &user.id,
                &serde_json::json!({
                    "username": user.username,
                    "role": users::role_name(user.role),
                    "permissions": user.permissions,
                    "groups": groups,
                }),
            )?;
            user_view(tx, user)
        })
    }

    pub fn admin_update_user(&self, caller: &Caller, key: &str, request: UpdateUserRequest) -> AppResult<AdminUser> {
        require_admin(&caller.actor)?;
        let display_name = request.display_name.as_deref().map(check_display_name).transpose()?;
        let now = self.now();
        self.store.write(|tx| {
            let user = find_user(tx, key)?;
            let role = request.role.unwrap_or(user.role);
            let mut permissions = request.permissions.unwrap_or(user.permissions);
            if request.permissions.is_none() && role == Role::SelfService {
                permissions = Permissions::default();
            }
            check_role_permissions(role, permissions)?;
            if role != Role::Administrator {
                last_admin_guard(tx, &user)?;
            }
            let mut removed_groups: Vec<String> = Vec::new();
            if role == Role::SelfService && user.role != Role::SelfService {
                for g in users::groups_of(tx, &user.id)? {
                    users::remove_member(tx, &g.id, &user.id)?;
                    removed_groups.push(g.id);
                }
            }
            if let Some(name) = &display_name {
                sql::set_display_name(tx, &user.id, name)?;
            }
            if role != user.role {
                sql::set_role(tx, &user.id, role)?;
            }
            users::set_permissions(tx, &user.id, permissions)?;
            store::audit(
                tx,
                now,
                &caller.actor.user_id,
                "user.update",
                &user.id,
                &serde_json::json!({
                    "display_name": display_name,
                    "role": users::role_name(role),
                    "permissions": permissions,
                    "removed_from_groups": removed_groups,
                }),
            )?;
            let user = users::user_by_id(tx, &user.id)?.ok_or_else(|| AppError::NotFound(format!("no user `{key}`")))?;
            user_view(tx, user)
        })
    }

    /// Disables (signing the user out everywhere) or enables an account.
    pub fn admin_set_disabled(&self, caller: &Caller, key: &str, disabled: bool) -> AppResult<AdminUser> {
        require_admin(&caller.actor)?;
        let now = self.now();
        self.store.write(|tx| {
            let user = find_user(tx, key)?;
            if disabled {
                last_admin_guard(tx, &user)?;
            }
            users::set_disabled(tx, &user.id, disabled)?;
            let action = if disabled { "user.disable" } else { "user.enable" };
            store::audit(tx, now, &caller.actor.user_id, action, &user.id, &serde_json::json!({}))?;
            let user = users::user_by_id(tx, &user.id)?.ok_or_else(|| AppError::NotFound(format!("no user `{key}`")))?;
            user_view(tx, user)
        })
    }

    /// Sets a new password and signs the user out everywhere.
    pub fn admin_reset_password(&self, caller: &Caller, key: &str, password: &str) -> AppResult<()> {
        require_admin(&caller.actor)?;
        check_password_rules(password)?;
        let hash = hash_password(password)?;
        let now = self.now();
        self.store.write(|tx| {
            let user = find_user(tx, key)?;
            users::set_password(tx, &user.id, &hash)?;
            sql::delete_tokens(tx, &user.id)?;
            store::audit(tx, now, &caller.actor.user_id, "user.password_reset", &user.id, &serde_json::json!({}))?;
            Ok(())
        })
    }

    // ---- groups ----

    pub fn admin_groups(&self, caller: &Caller) -> AppResult<Vec<GroupView>> {
        require_admin(&caller.actor)?;
        self.store
            .read(|conn| users::list_groups(conn)?.into_iter().map(|g| group_view(conn, &g.id)).collect())
    }

    pub fn admin_create_group(&self, caller: &Caller, request: NewGroupRequest) -> AppResult<GroupView> {
        require_admin(&caller.actor)?;
        let id = request.id.trim();
        if id.is_empty()
            || id.len() > 64
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.')
        {
            return Err(invalid(
                "invalid_group_id",
                "id",
                "a group id is 1–64 of a–z, 0–9, `-`, `_`, `.` (e.g. `eais-l2`)",
            ));
        }
        let name = request.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(invalid("invalid_group_name", "name", "a group name is required, at most 200 characters"));
        }
        let now = self.now();
        self.store.write(|tx| {
            if users::group(tx, id)?.is_some() {
                return Err(AppError::Conflict {
                    code: "group_exists",
                    message: format!("working group `{id}` already exists; choose another id"),
                });
            }
            users::insert_group(tx, id, name, request.line)?;
            store::audit(
                tx,
                now,
                &caller.actor.user_id,
                "group.create",
                id,
                &serde_json::json!({"name": name, "line": request.line.as_str()}),
            )?;
            group_view(tx, id)
        })
    }

    pub fn admin_add_member(&self, caller: &Caller, group: &str, user: &str) -> AppResult<GroupView> {
        require_admin(&caller.actor)?;
        let now = self.now();
        self.store.write(|tx| {
            let g = users::group(tx, group)?.ok_or_else(|| AppError::NotFound(format!("no working group `{group}`")))?;
            let u = find_user(tx, user.trim())?;
            if u.role == Role::SelfService {
                return Err(invalid(
                    "not_desk_user",
                    "user",
                    "a Self Service user cannot join a working group; make them an analyst first",
                ));
            }
            users::add_member(tx, &g.id, &u.id)?;
            store::audit(tx, now, &caller.actor.user_id, "group.add_member", &g.id, &serde_json::json!({"user": u.id}))?;
            group_view(tx, &g.id)
        })
    }

    pub fn admin_remove_member(&self, caller: &Caller, group: &str, user: &str) -> AppResult<GroupView> {
        require_admin(&caller.actor)?;
        let now = self.now();
        self.store.write(|tx| {
            let g = users::group(tx, group)?.ok_or_else(|| AppError::NotFound(format!("no working group `{group}`")))?;
            let u = find_user(tx, user)?;
            if !users::remove_member(tx, &g.id, &u.id)? {
                return Err(AppError::NotFound(format!("`{user}` is not a member of `{group}`")));
            }
            store::audit(tx, now, &caller.actor.user_id, "group.remove_member", &g.id, &serde_json::json!({"user": u.id}))?;
            group_view(tx, &g.id)
        })
    }

    // ---- routing rules ----

    pub fn admin_routing_rules(&self, caller: &Caller) -> AppResult<Vec<RoutingRule>> {
        require_admin(&caller.actor)?;
        Ok(self.store.read(sql::routing_rules)?)
    }

    pub fn admin_create_routing_rule(&self, caller: &Caller, request: NewRoutingRule) -> AppResult<RoutingRule> {
        require_admin(&caller.actor)?;
        let service = request.service.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
        let ticket_type = request
            .ticket_type
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|t| {
                t.parse::<TicketType>()
                    .map(|t| t.as_str().to_string())
                    .map_err(|e| invalid("unknown_ticket_type", "ticket_type", e.to_string()))
            })
            .transpose()?;
        let group_id = request.group_id.trim().to_string();
        let policy = request.policy.trim().to_string();
        let now = self.now();
        self.store.write(|tx| {
            if users::group(tx, &group_id)?.is_none() {
                return Err(invalid("unknown_group", "group_id", format!("no working group `{group_id}`")));
            }
            if !sql::policy_exists(tx, &policy)? {
                return Err(invalid("unknown_policy", "policy", format!("no SLA policy `{policy}`; import it first")));
            }
            let position = match request.position {
                Some(p) => p,
                None => sql::next_rule_position(tx)?,
            };
            let rule = RoutingRule {
                id: 0,
                position,
                service,
                ticket_type,
                group_id,
                policy,
            };
            let id = sql::insert_routing_rule(tx, &rule)?;
            let rule = RoutingRule { id, ..rule };
            store::audit(
                tx,
                now,
                &caller.actor.user_id,
                "routing.create",
                &id.to_string(),
                &serde_json::to_value(&rule).unwrap_or_default(),
            )?;
            Ok(rule)
        })
    }

    pub fn admin_delete_routing_rule(&self, caller: &Caller, id: i64) -> AppResult<()> {
        require_admin(&caller.actor)?;
        let now = self.now();
        self.store.write(|tx| {
            let rule = sql::routing_rules(tx)?
                .into_iter()
                .find(|r| r.id == id)
                .ok_or_else(|| AppError::NotFound(format!("no routing rule {id}")))?;
            sql::delete_routing_rule(tx, id)?;
            store::audit(
                tx,
                now,
                &caller.actor.user_id,
                "routing.delete",
                &id.to_string(),
                &serde_json::to_value(&rule).unwrap_or_default(),
            )?;
            Ok(())
        })
    }

    // ---- policies ----

    pub fn admin_policies(&self, caller: &Caller) -> AppResult<Vec<PolicyInfo>> {
        require_admin(&caller.actor)?;
        Ok(self.store.read(sql::policies)?)
    }

    pub fn admin_policy_toml(&self, caller: &Caller, id: &str) -> AppResult<String> {
        require_admin(&caller.actor)?;
        self.store
            .read(|conn| sql::policy_toml(conn, id))?
            .ok_or_else(|| AppError::NotFound(format!("no SLA policy `{id}`")))
    }

    /// Imports or replaces the policy `id` from its TOML text, whose `id`
    /// must be the same.
    pub fn admin_put_policy(&self, caller: &Caller, id: &str, text: &str) -> AppResult<PolicyInfo> {
        require_admin(&caller.actor)?;
        let parsed = Policy::from_toml(text).map_err(|e| AppError::Unprocessable {
            code: "invalid_policy",
            message: e.to_string(),
            fields: vec![],
        })?;
        if parsed.id != id {
            return Err(invalid(
                "policy_id_mismatch",
                "id",
                format!("the TOML defines policy `{}`, not `{id}`; PUT it to /admin/policies/{}", parsed.id, parsed.id),
            ));
        }
        let existed = self.store.read(|conn| sql::policy_exists(conn, id))?;
        let id = self.import_policy(text)?;
        let now = self.now();
        self.store.write(|tx| {
            store::audit(
                tx,
                now,
                &caller.actor.user_id,
                if existed { "policy.update" } else { "policy.create" },
                &id,
                &serde_json::json!({"bytes": text.len()}),
            )?;
            Ok::<_, AppError>(())
        })?;
        self.store
            .read(sql::policies)?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| AppError::Internal(format!("policy `{id}` vanished after import")))
    }

    // ---- audit ----

    pub fn admin_audit(&self, caller: &Caller, query: &AuditQuery) -> AppResult<Vec<AuditEntry>> {
        require_admin(&caller.actor)?;
        Ok(self.store.read(|conn| sql::audit(conn, query))?)
    }
}

/// Statements not (yet) in `store`.
mod sql {
    use super::{AuditEntry, AuditQuery, PolicyInfo, RoutingRule};
    use crate::store::users::role_name;
    use crate::store::StoreResult;
    use chrono::DateTime;
    use helpdesk_domain::workflow::Role;
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

    pub fn policy_toml(conn: &Connection, id: &str) -> StoreResult<Option<String>> {
        Ok(conn.query_row("SELECT toml FROM policies WHERE id = ?1", [id], |r| r.get(0)).optional()?)
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
}
