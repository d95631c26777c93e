//! Sign-in with argon2-hashed passwords, bearer tokens stored as their
//! SHA-256, and throttling of repeated failures.

use super::App;
use crate::error::{AppError, AppResult};
use crate::store::users::{self, NewUser, UserRow};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use helpdesk_domain::workflow::{Actor, Permissions, Role};
use helpdesk_protocol::{LoginResponse, Me};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Failures allowed before sign-in is throttled, and the first wait.
const FREE_FAILURES: u32 = 5;
const FIRST_WAIT_SECONDS: i64 = 30;

/// The caller of a request, authenticated.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    pub me: Me,
    pub token_hash: String,
}

pub fn hash_password(password: &str) -> AppResult<String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
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

/// Checks a new password: long enough to resist guessing.
pub fn check_password_rules(password: &str) -> AppResult<()> {
    if password.chars().count() < 8 {
        return Err(AppError::Unprocessable {
            code: "weak_password",
            message: "the password needs at least 8 characters".into(),
            fields: vec!["password".into()],
        });
    }
    Ok(())
}

impl App {
    pub fn login(&self, username: &str, password: &str) -> AppResult<LoginResponse> {
        let now = self.now();
        let key = username.trim().to_lowercase();
        if let Some((failures, last)) = self.login_failures.lock().unwrap_or_else(|p| p.into_inner()).get(&key).copied() {
            if failures >= FREE_FAILURES {
                let wait = FIRST_WAIT_SECONDS << (failures - FREE_FAILURES).min(6);
                let until = last + chrono::Duration::seconds(wait);
                if now < until {
                    return Err(AppError::TooManyRequests {
                        retry_after: (until - now).num_seconds().max(1) as u64,
                    });
                }
            }
        }
        let user = self.store.read(|conn| users::user_by_username(conn, username.trim()))?;
        let user = match user {
            Some(u) if !u.disabled && verify_password(password, &u.password_hash) => u,
            _ => {
                let mut failures = self.login_failures.lock().unwrap_or_else(|p| p.into_inner());
                let entry = failures.entry(key).or_insert((0, now));
                *entry = (entry.0 + 1, now);
                return Err(AppError::Unauthorized {
                    code: "bad_credentials",
                    message: "wrong user name or password, or the account is disabled".into(),
                });
            }
        };
        self.login_failures.lock().unwrap_or_else(|p| p.into_inner()).remove(&key);
        let token = new_token();
        let expires_at = now + self.config.token_ttl;
        let me = self.store.write(|tx| {
            users::insert_token(tx, &token_hash(&token), &user.id, now, expires_at)?;
            crate::store::audit(tx, now, &user.id, "login", &user.id, &serde_json::json!({}))?;
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
        let now = self.now();
        self.store.read(|conn| {
            let (user_id, expires_at) = users::token_user(conn, &hash)?.ok_or_else(|| AppError::Unauthorized {
                code: "invalid_token",
                message: "not signed in, or the sign-in was revoked; sign in again".into(),
            })?;
            if expires_at <= now {
                return Err(AppError::Unauthorized {
                    code: "token_expired",
                    message: "the sign-in has expired; sign in again".into(),
                });
            }
            let user = users::user_by_id(conn, &user_id)?
                .filter(|u| !u.disabled)
                .ok_or_else(|| AppError::Unauthorized {
                    code: "invalid_token",
                    message: "the account is disabled; ask an administrator".into(),
                })?;
            let (actor, me) = users::actor_and_me(conn, &user)?;
            Ok(Caller { actor, me, token_hash: hash })
        })
    }

    /// Creates a user (administrators, and the command line).
    pub fn create_user(&self, username: &str, display_name: &str, password: &str, role: Role, permissions: Permissions) -> AppResult<UserRow> {
        check_password_rules(password)?;
        if username.trim().is_empty() || username.contains(char::is_whitespace) {
            return Err(AppError::Unprocessable {
                code: "invalid_username",
                message: "a user name is one word without spaces".into(),
                fields: vec!["username".into()],
            });
        }
        let hash = hash_password(password)?;
        let id = new_id("u-");
        let now = self.now();
        self.store.write(|tx| {
            if users::user_by_username(tx, username)?.is_some() {
                return Err(AppError::Conflict {
                    code: "username_taken",
                    message: format!("user `{username}` already exists; choose another name"),
                });
            }
            users::insert_user(
                tx,
                &NewUser {
                    id: &id,
                    username,
                    display_name,
                    password_hash: &hash,
                    role,
                    permissions,
                },
                now,
            )?;
            Ok(users::user_by_id(tx, &id)?.expect("just inserted"))
        })
    }
}
