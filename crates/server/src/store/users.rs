//! Users, working groups, memberships and bearer tokens.

use super::sql::{ReadTx, Row, WriteTx};
use super::{StoreError, StoreResult};
use crate::args;
use chrono::{DateTime, Utc};
use helpdesk_domain::workflow::{Actor, Membership, Permissions, Role};
use helpdesk_domain::Line;
use helpdesk_protocol::{DirectoryUser, GroupInfo, Me};
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
pub(super) struct StoredUser {
    id: String,
    username: String,
    display_name: String,
    password_hash: String,
    role: String,
    group_lead: bool,
    kb_editor: bool,
    disabled: bool,
}

pub(super) fn user_from_row(r: &Row) -> StoreResult<StoredUser> {
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

pub(super) fn to_user(u: StoredUser) -> StoreResult<UserRow> {
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

pub fn insert_user(tx: &dyn WriteTx, user: &NewUser, now: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO users(id, username, display_name, password_hash, role, group_lead, kb_editor, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        args![
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

/// Makes account creations wait for each other until the transaction ends:
/// a new name is checked against every existing name's look-alike
/// skeleton, which no unique constraint can express (SQLite's single
/// writer already serialises them).
pub fn lock_user_creation(tx: &dyn WriteTx) -> StoreResult<()> {
    if tx.reader().dialect() == super::sql::Dialect::Postgres {
        tx.query("SELECT pg_advisory_xact_lock(7215300001)", &[])?;
    }
    Ok(())
}

/// A requester's e-mail address and organisation.
pub fn set_contact(tx: &dyn WriteTx, user_id: &str, email: Option<&str>, organisation: Option<&str>) -> StoreResult<()> {
    tx.execute(
        "UPDATE users SET email = ?2, organisation = ?3 WHERE id = ?1",
        args![user_id, email, organisation],
    )?;
    Ok(())
}

fn one_user(conn: &dyn ReadTx, filter: &str, key: &str) -> StoreResult<Option<UserRow>> {
    let row = conn.query_opt(&format!("SELECT {USER_COLUMNS} FROM users WHERE {filter} = ?1"), args![key])?;
    row.map(|r| to_user(user_from_row(&r)?)).transpose()
}

pub fn user_by_username(conn: &dyn ReadTx, username: &str) -> StoreResult<Option<UserRow>> {
    one_user(conn, "username", username)
}

/// The account a sign-in names: its normalised name, or (for accounts
/// made before names were normalised) exactly as typed.
pub fn user_by_login(conn: &dyn ReadTx, normalised: &str, as_typed: &str) -> StoreResult<Option<UserRow>> {
    match user_by_username(conn, normalised)? {
        Some(user) => Ok(Some(user)),
        None if as_typed != normalised => user_by_username(conn, as_typed),
        None => Ok(None),
    }
}

/// Every user name.
pub fn usernames(conn: &dyn ReadTx) -> StoreResult<Vec<String>> {
    conn.column("SELECT username FROM users", &[])
}

pub fn user_by_id(conn: &dyn ReadTx, id: &str) -> StoreResult<Option<UserRow>> {
    one_user(conn, "id", id)
}

/// A requester's name and e-mail as their account has them.
pub fn contact(conn: &dyn ReadTx, id: &str) -> StoreResult<Option<(String, Option<String>)>> {
    conn.query_opt("SELECT display_name, email FROM users WHERE id = ?1", args![id])?
        .map(|r| Ok((r.get(0)?, r.get(1)?)))
        .transpose()
}

pub fn list_users(conn: &dyn ReadTx) -> StoreResult<Vec<UserRow>> {
    conn.query(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY username"), &[])?
        .iter()
        .map(|r| to_user(user_from_row(r)?))
        .collect()
}

pub fn set_password(tx: &dyn WriteTx, user_id: &str, hash: &str) -> StoreResult<bool> {
    Ok(tx.execute("UPDATE users SET password_hash = ?2 WHERE id = ?1", args![user_id, hash])? == 1)
}

pub fn set_disabled(tx: &dyn WriteTx, user_id: &str, disabled: bool) -> StoreResult<bool> {
    let changed = tx.execute("UPDATE users SET disabled = ?2 WHERE id = ?1", args![user_id, disabled])? == 1;
    if disabled {
        tx.execute("DELETE FROM tokens WHERE user_id = ?1", args![user_id])?;
    }
    Ok(changed)
}

pub fn set_permissions(tx: &dyn WriteTx, user_id: &str, permissions: Permissions) -> StoreResult<bool> {
    Ok(tx.execute(
        "UPDATE users SET group_lead = ?2, kb_editor = ?3 WHERE id = ?1",
        args![user_id, permissions.group_lead, permissions.kb_editor],
    )? == 1)
}

pub fn count_administrators(conn: &dyn ReadTx) -> StoreResult<i64> {
    conn.scalar("SELECT count(*) FROM users WHERE role = 'administrator' AND disabled = 0", &[])
}

/// The enabled administrators, counted with their rows locked until the
/// transaction ends: two administrators disabled at once on PostgreSQL
/// cannot both see the other still there (SQLite's single writer gives
/// the same).
pub fn count_administrators_locked(tx: &dyn WriteTx) -> StoreResult<i64> {
    let sql = tx.pick(
        "SELECT id FROM users WHERE role = 'administrator' AND disabled = 0",
        "SELECT id FROM users WHERE role = 'administrator' AND disabled = 0 FOR UPDATE",
    );
    Ok(tx.column::<String>(sql, &[])?.len() as i64)
}

// ---- groups ----

pub fn insert_group(tx: &dyn WriteTx, id: &str, name: &str, line: Line) -> StoreResult<()> {
    tx.execute("INSERT INTO groups(id, name, line) VALUES (?1, ?2, ?3)", args![id, name, line.as_str()])?;
    Ok(())
}

/// Groups selected as `id, name, line` by `sql` with `params`.
fn query_groups(conn: &dyn ReadTx, sql: &str, params: &[super::sql::Value]) -> StoreResult<Vec<GroupInfo>> {
    conn.query(sql, params)?
        .into_iter()
        .map(|r| {
            let line: String = r.get(2)?;
            Ok(GroupInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                line: line.parse().map_err(|_| StoreError::Corrupt(format!("line `{line}`")))?,
            })
        })
        .collect()
}

pub fn group(conn: &dyn ReadTx, id: &str) -> StoreResult<Option<GroupInfo>> {
    Ok(query_groups(conn, "SELECT id, name, line FROM groups WHERE id = ?1", args![id])?
        .into_iter()
        .next())
}

pub fn list_groups(conn: &dyn ReadTx) -> StoreResult<Vec<GroupInfo>> {
    query_groups(conn, "SELECT id, name, line FROM groups ORDER BY id", &[])
}

pub fn add_member(tx: &dyn WriteTx, group_id: &str, user_id: &str) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO group_members(group_id, user_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        args![group_id, user_id],
    )?;
    Ok(())
}

pub fn remove_member(tx: &dyn WriteTx, group_id: &str, user_id: &str) -> StoreResult<bool> {
    Ok(tx.execute("DELETE FROM group_members WHERE group_id = ?1 AND user_id = ?2", args![group_id, user_id])? == 1)
}

pub fn groups_of(conn: &dyn ReadTx, user_id: &str) -> StoreResult<Vec<GroupInfo>> {
    query_groups(
        conn,
        "SELECT g.id, g.name, g.line FROM groups g JOIN group_members m ON m.group_id = g.id WHERE m.user_id = ?1 ORDER BY g.id",
        args![user_id],
    )
}

pub fn members_of(conn: &dyn ReadTx, group_id: &str) -> StoreResult<Vec<String>> {
    conn.column("SELECT user_id FROM group_members WHERE group_id = ?1 ORDER BY user_id", args![group_id])
}

/// Every staff account (not Self Service), by user name, with the ids of
/// its working groups; disabled accounts included, `active = false`. Reads
/// no password hash.
pub fn staff_directory(conn: &dyn ReadTx) -> StoreResult<Vec<DirectoryUser>> {
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    for r in conn.query(
        "SELECT m.user_id, m.group_id FROM group_members m JOIN users u ON u.id = m.user_id \
         WHERE u.role <> 'self_service' ORDER BY m.user_id, m.group_id",
        &[],
    )? {
        groups.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    conn.query(
        "SELECT id, username, display_name, role, disabled FROM users WHERE role <> 'self_service' ORDER BY username",
        &[],
    )?
    .into_iter()
    .map(|r| {
        let id: String = r.get(0)?;
        Ok(DirectoryUser {
            groups: groups.remove(&id).unwrap_or_default(),
            role: parse_role(&r.get::<String>(3)?)?,
            id,
            username: r.get(1)?,
            display_name: r.get(2)?,
            active: !r.get::<bool>(4)?,
        })
    })
    .collect()
}

/// The user as the workflow sees them, and as `GET /me` shows them.
pub fn actor_and_me(conn: &dyn ReadTx, user: &UserRow) -> StoreResult<(Actor, Me)> {
    Ok(actor_and_me_of(user, groups_of(conn, &user.id)?))
}

/// [`actor_and_me`] with the user's groups read already.
pub fn actor_and_me_of(user: &UserRow, groups: Vec<GroupInfo>) -> (Actor, Me) {
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
    (actor, me)
}

// ---- tokens ----

pub fn insert_token(tx: &dyn WriteTx, hash: &str, user_id: &str, now: DateTime<Utc>, expires_at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO tokens(hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        args![hash, user_id, now.timestamp_millis(), expires_at.timestamp_millis()],
    )?;
    tx.execute("DELETE FROM tokens WHERE expires_at < ?1", args![now.timestamp_millis()])?;
    Ok(())
}

/// The user of a token hash and the token's expiry.
pub fn token_user(conn: &dyn ReadTx, hash: &str) -> StoreResult<Option<(String, DateTime<Utc>)>> {
    let row = conn.query_opt("SELECT user_id, expires_at FROM tokens WHERE hash = ?1", args![hash])?;
    row.map(|r| Ok((r.get(0)?, DateTime::from_timestamp_millis(r.get(1)?).unwrap_or_default())))
        .transpose()
}

pub fn delete_token(tx: &dyn WriteTx, hash: &str) -> StoreResult<()> {
    tx.execute("DELETE FROM tokens WHERE hash = ?1", args![hash])?;
    Ok(())
}
