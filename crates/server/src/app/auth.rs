//! Sign-in with argon2-hashed passwords (bounded: `passwords`), bearer
//! tokens stored as their SHA-256, and throttling of failures per user name,
//! per client address and per both (`store::sign_in`).

use super::usernames;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store::sign_in::{self, Counter, Rule};
use crate::store::token_caller;
use crate::store::users::{self, UserRow};
use base64::Engine;
use helpdesk_domain::workflow::{Actor, Permissions, Role};
use helpdesk_protocol::{LoginResponse, Me};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// One name from one address: five attempts, then 30 s doubling to 15 min.
const NAME_FROM_ADDRESS: Rule = Rule {
    scope: "name_address",
    free_failures: 5,
    first_wait_seconds: 30,
    max_wait_seconds: 15 * 60,
};
/// One name from anywhere: looser and capped low, so that a stranger's
/// attempts lock the owner out for minutes at most.
const NAME: Rule = Rule {
    scope: "name",
    free_failures: 20,
    first_wait_seconds: 30,
    max_wait_seconds: 5 * 60,
};
/// One address across names (guessing many accounts at once).
const ADDRESS: Rule = Rule {
    scope: "address",
    free_failures: 30,
    first_wait_seconds: 60,
    max_wait_seconds: 15 * 60,
};

/// The counters of an attempt; the address's own only when it is known.
fn counters<'a>(name: &'a str, address: &'a str) -> Vec<Counter<'a>> {
    let mut counters = vec![
        Counter {
            rule: NAME_FROM_ADDRESS,
            name,
            address,
        },
        Counter { rule: NAME, name, address: "" },
    ];
    if !address.is_empty() {
        counters.push(Counter {
            rule: ADDRESS,
            name: "",
            address,
        });
    }
    counters
}

/// The caller of a request, authenticated.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    pub me: Me,
    pub token_hash: String,
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn new_id(prefix: &str) -> String {
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

/// The longest password accepted, in bytes: longer ones are typing
/// accidents or attempts to make hashing expensive.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Checks a new password: long enough to resist guessing.
pub fn check_password_rules(password: &str) -> AppResult<()> {
    if password.chars().count() < 8 || password.len() > MAX_PASSWORD_BYTES {
        return Err(AppError::Unprocessable {
            code: "weak_password",
            message: format!("a password has at least 8 characters and at most {MAX_PASSWORD_BYTES} bytes"),
            fields: vec!["password".into()],
        });
    }
    Ok(())
}

impl App {
    /// Signs in. The attempt is counted before the password is checked;
    /// an unknown name costs a verification too, so timing tells nothing.
    /// `address` is the client's (empty when unknown).
    pub fn login(&self, username: &str, password: &str, address: &str) -> AppResult<LoginResponse> {
        let name = usernames::normalise(username)?;
        if password.len() > MAX_PASSWORD_BYTES {
            return Err(AppError::Unprocessable {
                code: "invalid_password",
                message: format!("a password has at most {MAX_PASSWORD_BYTES} bytes; check what was typed in the password field"),
                fields: vec!["password".into()],
            });
        }
        let now = self.now();
        let counters = counters(&name, address);
        if let Err(wait) = self.store.write(|tx| sign_in::begin_attempt(tx, &counters, now))? {
            tracing::info!(user = %name, address, "sign-in throttled");
            return Err(AppError::TooManyRequests {
                retry_after: wait.num_seconds().max(1) as u64,
            });
        }
        let user = self.store.read(|conn| users::user_by_login(conn, &name, username.trim()))?;
        let matches = match &user {
            Some(u) => self.passwords.verify(password, &u.password_hash)?,
            None => self.passwords.verify_nobody(password)?,
        };
        let user = match user {
            Some(u) if matches && !u.disabled => u,
            _ => {
                tracing::warn!(user = %name, address, "sign-in failed");
                return Err(AppError::Unauthorized {
                    code: "bad_credentials",
                    message: "wrong user name or password, or the account is disabled".into(),
                });
            }
        };
        let token = new_token();
        let expires_at = now + self.config.token_ttl;
        let me = self.store.write(|tx| {
            sign_in::succeeded(tx, &counters)?;
            users::insert_token(tx, &token_hash(&token), &user.id, now, expires_at)?;
            crate::store::audit(tx, now, &user.id, "login", &user.id, &serde_json::json!({"address": address}))?;
            Ok::<_, AppError>(users::actor_and_me(tx, &user)?.1)
        })?;
        Ok(LoginResponse { token, expires_at, me })
    }

    pub fn logout(&self, caller: &Caller) -> AppResult<()> {
        self.store.write(|tx| Ok::<_, AppError>(users::delete_token(tx, &caller.token_hash)?))
    }

    /// The caller of a bearer token.
    pub fn authenticate(&self, token: &str) -> AppResult<Caller> {
        let hash = token_hash(token);
        // One statement, read as committed now: a sign-out or a disabled
        // account counts from the next request on.
        let found = self.store.read_committed(|conn| token_caller::token_caller(conn, &hash))?;
        self.caller_of_token(hash, found)
    }

    /// The caller a token's row tells of, or why it may not send requests.
    pub(super) fn caller_of_token(&self, hash: String, found: Option<token_caller::TokenCaller>) -> AppResult<Caller> {
        let token_caller::TokenCaller { user, expires_at, groups } = found.ok_or_else(|| AppError::Unauthorized {
            code: "invalid_token",
            message: "not signed in, or the sign-in was revoked; sign in again".into(),
        })?;
        if expires_at <= self.now() {
            return Err(AppError::Unauthorized {
                code: "token_expired",
                message: "the sign-in has expired; sign in again".into(),
            });
        }
        if user.disabled {
            return Err(AppError::Unauthorized {
                code: "invalid_token",
                message: "the account is disabled; ask an administrator".into(),
            });
        }
        let (actor, me) = users::actor_and_me_of(&user, groups);
        Ok(Caller { actor, me, token_hash: hash })
    }

    /// Creates a user (administrators, and the command line).
    pub fn create_user(&self, username: &str, display_name: &str, password: &str, role: Role, permissions: Permissions) -> AppResult<UserRow> {
        let account = super::accounts::NewAccount {
            id: new_id("u-"),
            username: username.to_string(),
            display_name: display_name.to_string(),
            password: password.to_string(),
            role,
            permissions,
            email: None,
            organisation: None,
        };
        let mut created = self.create_users(&[account])?;
        created.pop().ok_or_else(|| AppError::Internal("no user was created".into()))
    }

    /// Sets a user's password and ends every session of theirs, whoever
    /// asks (the admin API, the command line); `by` is recorded in the audit.
    pub fn set_password(&self, by: &str, user_id: &str, password: &str) -> AppResult<()> {
        check_password_rules(password)?;
        let hash = self.passwords.hash(password)?;
        let now = self.now();
        self.store.write(|tx| {
            let user = users::user_by_id(tx, user_id)?.ok_or_else(|| AppError::NotFound(format!("no user `{user_id}`")))?;
            users::set_password(tx, &user.id, &hash)?;
            crate::store::admin::delete_tokens(tx, &user.id)?;
            sign_in::unlock(tx, &user.username)?;
            crate::store::audit(tx, now, by, "user.password_reset", &user.id, &serde_json::json!({}))?;
            Ok(())
        })
    }

    /// Clears the failed sign-ins of a user name from every address, so
    /// its owner can sign in at once; `by` is recorded in the audit.
    pub fn unlock_sign_in(&self, by: &str, user_id: &str) -> AppResult<()> {
        let now = self.now();
        self.store.write(|tx| {
            let user = users::user_by_id(tx, user_id)?.ok_or_else(|| AppError::NotFound(format!("no user `{user_id}`")))?;
            let cleared = sign_in::unlock(tx, &user.username)?;
            crate::store::audit(tx, now, by, "user.unlock", &user.id, &serde_json::json!({"counters_cleared": cleared}))?;
            Ok(())
        })
    }
}
