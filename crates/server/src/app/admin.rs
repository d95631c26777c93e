//! Administration (000 §15): users, working groups and their members,
//! routing rules, SLA policies, and the audit log. Administrators only;
//! every change is written to the audit log in the same transaction.

use super::auth::Caller;
use super::App;
use crate::error::{AppError, AppResult};
pub use crate::store::admin::AuditQuery;
use crate::store::{self, users, ReadTx, WriteTx};

use helpdesk_domain::policy::Policy;
use helpdesk_domain::workflow::{Actor, Permissions, Role};
use helpdesk_domain::TicketType;
pub use helpdesk_protocol::admin::*;

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

fn user_view(conn: &dyn ReadTx, user: users::UserRow) -> AppResult<AdminUser> {
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
fn find_user(conn: &dyn ReadTx, key: &str) -> AppResult<users::UserRow> {
    if let Some(u) = users::user_by_id(conn, key)? {
        return Ok(u);
    }
    let name = super::usernames::normalise(key).map_err(|_| AppError::NotFound(format!("no user `{key}`")))?;
    users::user_by_login(conn, &name, key.trim())?.ok_or_else(|| AppError::NotFound(format!("no user `{key}`")))
}

fn group_view(conn: &dyn ReadTx, id: &str) -> AppResult<GroupView> {
    let g = users::group(conn, id)?.ok_or_else(|| AppError::NotFound(format!("no working group `{id}`")))?;
    Ok(GroupView {
        members: users::members_of(conn, &g.id)?,
        id: g.id,
        name: g.name,
        line: g.line,
    })
}

/// Refuses to take away the last active administrator. The administrators'
/// rows are locked for the count, so two such changes at once (possible
/// on PostgreSQL) are decided one after the other.
fn last_admin_guard(tx: &dyn WriteTx, user: &users::UserRow) -> AppResult<()> {
    if user.role == Role::Administrator && !user.disabled && users::count_administrators_locked(tx)? <= 1 {
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
            user_view(tx, user.clone())
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
                store::admin::set_display_name(tx, &user.id, name)?;
            }
            if role != user.role {
                store::admin::set_role(tx, &user.id, role)?;
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
        let user = self.store.read(|conn| find_user(conn, key))?;
        self.set_password(&caller.actor.user_id, &user.id, password)
    }

    /// Clears a user's failed sign-ins, so a lockout ends at once.
    pub fn admin_unlock(&self, caller: &Caller, key: &str) -> AppResult<AdminUser> {
        require_admin(&caller.actor)?;
        let user = self.store.read(|conn| find_user(conn, key))?;
        self.unlock_sign_in(&caller.actor.user_id, &user.id)?;
        self.store.read(|conn| user_view(conn, user))
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
        Ok(self.store.read(store::admin::routing_rules)?)
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
            if !store::admin::policy_exists(tx, &policy)? {
                return Err(invalid("unknown_policy", "policy", format!("no SLA policy `{policy}`; import it first")));
            }
            let position = match request.position {
                Some(p) => p,
                None => store::admin::next_rule_position(tx)?,
            };
            let rule = RoutingRule {
                id: 0,
                position,
                service: service.clone(),
                ticket_type: ticket_type.clone(),
                group_id: group_id.clone(),
                policy: policy.clone(),
            };
            let id = store::admin::insert_routing_rule(tx, &rule)?;
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
            let rule = store::admin::routing_rules(tx)?
                .into_iter()
                .find(|r| r.id == id)
                .ok_or_else(|| AppError::NotFound(format!("no routing rule {id}")))?;
            store::admin::delete_routing_rule(tx, id)?;
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
        Ok(self.store.read(store::admin::policies)?)
    }

    pub fn admin_policy_toml(&self, caller: &Caller, id: &str) -> AppResult<String> {
        require_admin(&caller.actor)?;
        self.store
            .read(|conn| store::admin::policy_toml(conn, id))?
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
        let existed = self.store.read(|conn| store::admin::policy_exists(conn, id))?;
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
            .read(store::admin::policies)?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| AppError::Internal(format!("policy `{id}` vanished after import")))
    }

    // ---- audit ----

    pub fn admin_audit(&self, caller: &Caller, query: &AuditQuery) -> AppResult<Vec<AuditEntry>> {
        require_admin(&caller.actor)?;
        Ok(self.store.read(|conn| store::admin::audit(conn, query))?)
    }
}
