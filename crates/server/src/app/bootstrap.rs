//! The first administrator (`serve --bootstrap-admin USER`): made once
//! however many replicas start together on one database. The check "no
//! administrator yet" and the insert run in one transaction under the
//! user-creation lock, so of replicas racing exactly one creates it and
//! the others find it there and start.

use super::accounts::{check, insert, NewAccount};
use super::auth::new_id;
use super::App;
use crate::error::AppResult;
use crate::store::users;
use helpdesk_domain::workflow::{Permissions, Role};

impl App {
    /// Creates the administrator `username` unless the store has an
    /// enabled administrator: whether this call created it.
    pub fn bootstrap_administrator(&self, username: &str, password: &str) -> AppResult<bool> {
        if self.store.read(users::count_administrators)? > 0 {
            return Ok(false);
        }
        let account = NewAccount {
            id: new_id("u-"),
            username: username.to_string(),
            display_name: username.to_string(),
            password: password.to_string(),
            role: Role::Administrator,
            permissions: Permissions::default(),
            email: None,
            organisation: None,
        };
        let name = check(&account)?;
        let hash = self.passwords.hash(password)?;
        let now = self.now();
        self.store.write(|tx| {
            users::lock_user_creation(tx)?;
            // Read after the lock: a replica that created one first has committed it.
            if users::count_administrators(tx.reader())? > 0 {
                return Ok(false);
            }
            insert(tx, &account, &name, &hash, now)?;
            Ok(true)
        })
    }
}
