//! Users, working groups, memberships and bearer tokens.

use super::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use helpdesk_domain::workflow::{Actor, Membership, Permissions, Role};
use helpdesk_domain::Line;
use helpdesk_protocol::{DirectoryUser, GroupInfo, Me};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub permissions: Permissions,
    pub disabled: bool,
}

#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub id: &'a str,
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub permissions: Permissions,
}

fn parse_role(text: &str) -> StoreResult<Role> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| StoreError::Corrupt(format!("role `{text}`")))
}

pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::SelfService => "self_service",
        Role::Analyst => "analyst",
        Role::Administrator => "administrator",
    }
}

/// A row of `users` as stored, the role still its text.
struct StoredUser {
    id: String,
    username: String,
    display_name: String,
    password_hash: String,
    role: String,
    group_lead: bool,
    kb_editor: bool,
    disabled: bool,
}

fn user_from_row(r: &rusqlite::Row) -> rusqlite::Result<StoredUser> {
    Ok(StoredUser {
        id: r.get(0)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        password_hash: r.get(3)?,
        role: r.get(4)?,
        group_lead: r.get(5)?,
        kb_editor: r.get(6)?,
        disabled: r.get(7)?,
    })
}

const USER_COLUMNS: &str = "id, username, display_name, password_hash, role, group_lead, kb_editor, disabled";

fn to_user(u: StoredUser) -> StoreResult<UserRow> {
    Ok(UserRow {
        role: parse_role(&u.role)?,
        id: u.id,
        username: u.username,
        display_name: u.display_name,
        password_hash: u.password_hash,
        permissions: Permissions {
            group_lead: u.group_lead,
            kb_editor: u.kb_editor,
        },
        disabled: u.disabled,
    })
}

pub fn insert_user(tx: &Transaction, user: &NewUser, now: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO users(id, username, display_name, password_hash, role, group_lead, kb_editor, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            user.id,
            user.username,
            user.display_name,
            user.password_hash,
            role_name(user.role),
            user.permissions.group_lead,
            user.permissions.kb_editor,
            now.timestamp_millis()
        ],
    )?;
    Ok(())
}

pub fn user_by_username(conn: &Connection, username: &str) -> StoreResult<Option<UserRow>> {
    let row = conn
        .query_row(&format!("SELECT {USER_COLUMNS} FROM users WHERE username = ?1"), [username], user_from_row)
        .optional()?;
    row.map(to_user).transpose()
}

/// The account a sign-in names: its normalised name, or (for accounts
/// made before names were normalised) exactly as typed.
pub fn user_by_login(conn: &Connection, normalised: &str, as_typed: &str) -> StoreResult<Option<UserRow>> {
    match user_by_username(conn, normalised)? {
        Some(user) => Ok(Some(user)),
        None if as_typed != normalised => user_by_username(conn, as_typed),
        None => Ok(None),
    }
}

/// Every user name.
pub fn usernames(conn: &Connection) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT username FROM users")?;
    let rows = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
    Ok(rows)
}

pub fn user_by_id(conn: &Connection, id: &str) -> StoreResult<Option<UserRow>> {
    let row = conn
        .query_row(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"), [id], user_from_row)
        .optional()?;
    row.map(to_user).transpose()
}

/// A requester's name and e-mail as their account has them.
pub fn contact(conn: &Connection, id: &str) -> StoreResult<Option<(String, Option<String>)>> {
    Ok(conn
        .query_row("SELECT display_name, email FROM users WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn list_users(conn: &Connection) -> StoreResult<Vec<UserRow>> {
    let mut stmt = conn.prepare(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY username"))?;
    let rows = stmt.query_map([], user_from_row)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(to_user).collect()
}

pub fn set_password(tx: &Transaction, user_id: &str, hash: &str) -> StoreResult<bool> {
    Ok(tx.execute("UPDATE users SET password_hash = ?2 WHERE id = ?1", params![user_id, hash])? == 1)
}

pub fn set_disabled(tx: &Transaction, user_id: &str, disabled: bool) -> StoreResult<bool> {
    let changed = tx.execute("UPDATE users SET disabled = ?2 WHERE id = ?1", params![user_id, disabled])? == 1;
    if disabled {
        tx.execute("DELETE FROM tokens WHERE user_id = ?1", [user_id])?;
    }
    Ok(changed)
}

pub fn set_permissions(tx: &Transaction, user_id: &str, permissions: Permissions) -> StoreResult<bool> {
    Ok(tx.execute(
        "UPDATE users SET group_lead = ?2, kb_editor = ?3 WHERE id = ?1",
        params![user_id, permissions.group_lead, permissions.kb_editor],
    )? == 1)
}

pub fn count_administrators(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM users WHERE role = 'administrator' AND disabled = 0", [], |r| r.get(0))?)
}

// ---- groups ----

pub fn insert_group(tx: &Transaction, id: &str, name: &str, line: Line) -> StoreResult<()> {
    tx.execute("INSERT INTO groups(id, name, line) VALUES (?1, ?2, ?3)", params![id, name, line.as_str()])?;
    Ok(())
}

/// Groups selected as `id, name, line` by `sql` with `params`.
fn query_groups(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> StoreResult<Vec<GroupInfo>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?
        .collect::<Result<Vec<(String, String, String)>, _>>()?;
    rows.into_iter()
        .map(|(id, name, line)| {
            Ok(GroupInfo {
                id,
                name,
                line: line.parse().map_err(|_| StoreError::Corrupt(format!("line `{line}`")))?,
            })
        })
        .collect()
}

pub fn group(conn: &Connection, id: &str) -> StoreResult<Option<GroupInfo>> {
    Ok(query_groups(conn, "SELECT id, name, line FROM groups WHERE id = ?1", [id])?.into_iter().next())
}

pub fn list_groups(conn: &Connection) -> StoreResult<Vec<GroupInfo>> {
    query_groups(conn, "SELECT id, name, line FROM groups ORDER BY id", [])
}

pub fn add_member(tx: &Transaction, group_id: &str, user_id: &str) -> StoreResult<()> {
    tx.execute(
        "INSERT OR IGNORE INTO group_members(group_id, user_id) VALUES (?1, ?2)",
        params![group_id, user_id],
    )?;
    Ok(())
}

pub fn remove_member(tx: &Transaction, group_id: &str, user_id: &str) -> StoreResult<bool> {
    Ok(tx.execute("DELETE FROM group_members WHERE group_id = ?1 AND user_id = ?2", params![group_id, user_id])? == 1)
}

pub fn groups_of(conn: &Connection, user_id: &str) -> StoreResult<Vec<GroupInfo>> {
    query_groups(
        conn,
        "SELECT g.id, g.name, g.line FROM groups g JOIN group_members m ON m.group_id = g.id WHERE m.user_id = ?1 ORDER BY g.id",
        [user_id],
    )
}

pub fn members_of(conn: &Connection, group_id: &str) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT user_id FROM group_members WHERE group_id = ?1 ORDER BY user_id")?;
    let rows = stmt.query_map([group_id], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
    Ok(rows)
}

/// Every staff account (not Self Service), by user name, with the ids of
/// its working groups; disabled accounts included, `active = false`. Reads
/// no password hash.
pub fn staff_directory(conn: &Connection) -> StoreResult<Vec<DirectoryUser>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.user_id, m.group_id FROM group_members m JOIN users u ON u.id = m.user_id \
         WHERE u.role <> 'self_service' ORDER BY m.user_id, m.group_id",
    )?;
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (user, group) = row?;
        groups.entry(user).or_default().push(group);
    }
    let mut stmt = conn.prepare_cached("SELECT id, username, display_name, role, disabled FROM users WHERE role <> 'self_service' ORDER BY username")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, username, display_name, role, disabled)| {
            Ok(DirectoryUser {
                groups: groups.remove(&id).unwrap_or_default(),
                role: parse_role(&role)?,
                id,
                username,
                display_name,
                active: !disabled,
            })
        })
        .collect()
}

/// The user as the workflow sees them, and as `GET /me` shows them.
pub fn actor_and_me(conn: &Connection, user: &UserRow) -> StoreResult<(Actor, Me)> {
    let groups = groups_of(conn, &user.id)?;
    let actor = Actor {
        user_id: user.id.clone(),
        role: user.role,
        groups: groups
            .iter()
            .map(|g| Membership {
                group: g.id.clone(),
                line: g.line,
            })
            .collect(),
        permissions: user.permissions,
    };
    let me = Me {
        id: user.id.clone(),
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        groups,
        permissions: user.permissions,
    };
    Ok((actor, me))
}

// ---- tokens ----

pub fn insert_token(tx: &Transaction, hash: &str, user_id: &str, now: DateTime<Utc>, expires_at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO tokens(hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![hash, user_id, now.timestamp_millis(), expires_at.timestamp_millis()],
    )?;
    tx.execute("DELETE FROM tokens WHERE expires_at < ?1", [now.timestamp_millis()])?;
    Ok(())
}

/// The user of a token hash and the token's expiry.
pub fn token_user(conn: &Connection, hash: &str) -> StoreResult<Option<(String, DateTime<Utc>)>> {
    let row = conn
        .prepare_cached("SELECT user_id, expires_at FROM tokens WHERE hash = ?1")?
        .query_row([hash], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .optional()?;
    Ok(row.map(|(user, expires)| (user, DateTime::from_timestamp_millis(expires).unwrap_or_default())))
}

pub fn delete_token(tx: &Transaction, hash: &str) -> StoreResult<()> {
    tx.execute("DELETE FROM tokens WHERE hash = ?1", [hash])?;
    Ok(())
}
