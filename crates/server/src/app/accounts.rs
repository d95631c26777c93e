//! Creating accounts: one path for an administrator's single user and for
//! accounts made in bulk (demo data). Every account passes the same rules
//! — the password's, the user name's (no look-alike of an existing one),
//! Self Service users without desk permissions, contact details within
//! their limits — and the hashes of a bulk are computed in parallel.

use super::auth::{check_password_rules, Caller};
use super::tickets::MAX_NAME;
use super::usernames;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store::users::{self, NewUser, UserRow};
use crate::store::WriteTx;
use chrono::{DateTime, Utc};
use helpdesk_domain::workflow::{Permissions, Role};

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// The user's id (the API's are fresh random ids).
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
    pub permissions: Permissions,
    /// Contact details a portal form is filled in with (Self Service).
    pub email: Option<String>,
    pub organisation: Option<String>,
}

/// The contact details of an account, as [`NewAccount`] names them.
const CONTACT_FIELDS: [&str; 2] = ["email", "organisation"];

fn invalid(code: &'static str, field: &str, message: String) -> AppError {
    AppError::Unprocessable {
        code,
        message,
        fields: vec![field.to_string()],
    }
}

/// What can be checked of an account before any is written: its user
/// name as it will be stored.
pub(super) fn check(account: &NewAccount) -> AppResult<String> {
    check_password_rules(&account.password)?;
    if account.role == Role::SelfService && (account.permissions.group_lead || account.permissions.kb_editor) {
        return Err(invalid(
            "invalid_permissions",
            "permissions",
            "a Self Service user cannot be a group lead or a KB editor; make them an analyst first".into(),
        ));
    }
    for (field, value) in CONTACT_FIELDS.into_iter().zip([&account.email, &account.organisation]) {
        if value.as_deref().is_some_and(|v| v.chars().count() > MAX_NAME) {
            return Err(invalid(
                "text_too_long",
                field,
                format!("{field} has more than {MAX_NAME} characters; shorten it"),
            ));
        }
    }
    usernames::check_new(&account.username)
}

/// Inserts one checked account in `tx`; refused when its name is taken or
/// looks like a taken one. User creation is serialised (`lock_user_creation`).
pub(super) fn insert(tx: &dyn WriteTx, account: &NewAccount, username: &str, hash: &str, now: DateTime<Utc>) -> AppResult<UserRow> {
    users::lock_user_creation(tx)?;
    let skeleton = usernames::skeleton(username);
    if let Some(existing) = users::usernames(tx)?.into_iter().find(|u| usernames::skeleton(u) == skeleton) {
        let (code, message) = if existing == username {
            ("username_taken", format!("user `{username}` already exists; choose another name"))
        } else {
            (
                "username_confusable",
                format!("`{username}` looks too much like the existing user `{existing}`; choose a name that differs in more than look-alike letters"),
            )
        };
        return Err(AppError::Conflict { code, message });
    }
    users::insert_user(
        tx,
        &NewUser {
            id: &account.id,
            username,
            display_name: &account.display_name,
            password_hash: hash,
            role: account.role,
            permissions: account.permissions,
        },
        now,
    )?;
    if account.email.is_some() || account.organisation.is_some() {
        users::set_contact(tx, &account.id, account.email.as_deref(), account.organisation.as_deref())?;
    }
    Ok(users::user_by_id(tx, &account.id)?.expect("just inserted"))
}

impl App {
    /// Creates accounts, all or none: each checked, the passwords hashed
    /// as many at once as there are hashing workers, then written in one
    /// transaction.
    pub fn create_users(&self, accounts: &[NewAccount]) -> AppResult<Vec<UserRow>> {
        let names = accounts.iter().map(check).collect::<AppResult<Vec<String>>>()?;
        let passwords: Vec<&str> = accounts.iter().map(|a| a.password.as_str()).collect();
        let hashes = self.passwords.hash_many(&passwords)?;
        let now = self.now();
        self.store.write(|tx| {
            accounts
                .iter()
                .zip(&names)
                .zip(&hashes)
                .map(|((account, name), hash)| insert(tx, account, name, hash, now))
                .collect()
        })
    }

    /// The caller an account acts as when the server itself works on its
    /// behalf, without a sign-in (demo data).
    pub fn caller_of(&self, user_id: &str) -> AppResult<Caller> {
        self.store.read(|conn| {
            let user = users::user_by_id(conn, user_id)?.ok_or_else(|| AppError::NotFound(format!("no user `{user_id}`")))?;
            let (actor, me) = users::actor_and_me(conn, &user)?;
            Ok(Caller {
                actor,
                me,
                token_hash: String::new(),
            })
        })
    }
}
