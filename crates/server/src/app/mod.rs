//! The service's behaviour, independent of HTTP: sign-in, tickets and their
//! workflow, sync, knowledge base, reports, staff directory, SLA policies,
//! administration.
//! Handlers in `http` only translate requests to these calls.

pub mod accounts;
pub mod admin;
pub mod attachments;
pub mod auth;
mod bootstrap;
mod comment_attachments;
pub mod directory;
pub mod kb;
pub mod kb_editorial;
pub mod mail;
pub mod mail_in;
pub mod mail_retention;
pub mod passwords;
pub mod policies;
pub mod portal;
pub mod portal_reclassification;
pub mod registration_settings;
pub mod reports;
pub mod reports_csv;
pub mod sync;
mod sync_caught_up;
mod sync_register;
pub mod tickets;
pub mod usernames;

use crate::error::{AppError, AppResult};
use crate::store::{self, ReadTx, Store};
use chrono::{DateTime, Utc};
use helpdesk_domain::policy::{CompiledPolicy, Policy, PRESET_NAMES};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Where the service reads the time; tests pass a clock they move.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

pub fn system_clock() -> Clock {
    Arc::new(Utc::now)
}

#[derive(Debug, Clone)]
pub struct Config {
    /// How long a sign-in lasts.
    pub token_ttl: chrono::Duration,
    /// Prefix of ticket numbers (`HD-2026-000123`; 004 uses `ID`).
    pub number_prefix: String,
    /// The policy of tickets no routing rule names.
    pub default_policy: String,
    pub max_attachment_bytes: usize,
    /// E-mail to requesters: `None` sends none (no `--smtp-url`).
    pub mail: Option<crate::mail::MailSettings>,
    /// How long a sent e-mail stays in the outbox (failed ones stay until
    /// an administrator queues them again).
    pub sent_mail_retention: chrono::Duration,
    /// What a desk registration gets for a field it leaves out.
    pub registration: helpdesk_domain::registration_defaults::RegistrationDefaults,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token_ttl: chrono::Duration::hours(12),
            number_prefix: "HD".into(),
            default_policy: "customs-helpdesk".into(),
            max_attachment_bytes: 10 << 20,
            mail: None,
            sent_mail_retention: chrono::Duration::days(30),
            registration: Default::default(),
        }
    }
}

pub struct App {
    pub store: Store,
    pub clock: Clock,
    pub config: Config,
    /// Compiled policies with the `updated_at` of the text they came from.
    policies: RwLock<HashMap<String, (i64, Arc<CompiledPolicy>)>>,
    /// Password hashing on a bounded set of threads.
    pub passwords: passwords::Passwords,
}

impl App {
    /// Opens the store, installs the preset policies at first start.
    pub fn new(store: Store, clock: Clock, config: Config) -> AppResult<App> {
        let app = App {
            store,
            clock,
            config,
            policies: RwLock::new(HashMap::new()),
            passwords: passwords::Passwords::new(),
        };
        app.install_presets()?;
        // Search entries made by another version's rules are made again, once.
        app.store.write(store::search_text::rebuild_if_stale)?;
        Ok(app)
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    fn install_presets(&self) -> AppResult<()> {
        let now = self.now();
        self.store.write(|tx| {
            for name in PRESET_NAMES {
                let text = Policy::preset_source(name).map_err(|e| AppError::Internal(e.to_string()))?;
                store::admin::insert_policy_if_absent(tx, name, text, now)?;
            }
            Ok::<_, AppError>(())
        })
    }

    /// A policy by id, compiled once and kept until its stored text changes
    /// (also when `helpdesk-server policy import` edits it on the data
    /// directory of this running server).
    pub fn policy(&self, id: &str) -> AppResult<Arc<CompiledPolicy>> {
        self.store.read(|conn| self.policy_in(conn, id))
    }

    /// [`App::policy`] read in the caller's transaction: code that holds a
    /// transaction never waits for a second connection (with a bounded
    /// pool, writers that each hold one and wait for another deadlock).
    pub fn policy_in(&self, conn: &dyn ReadTx, id: &str) -> AppResult<Arc<CompiledPolicy>> {
        let stored = store::admin::policy_updated_at(conn, id)?;
        self.policy_stored_at(conn, id, stored)
    }

    /// [`App::policy_in`] when the policy's `updated_at` is read already.
    pub fn policy_stored_at(&self, conn: &dyn ReadTx, id: &str, stored: Option<i64>) -> AppResult<Arc<CompiledPolicy>> {
        let stored = stored.ok_or_else(|| AppError::NotFound(format!("no SLA policy `{id}`")))?;
        if let Some((version, p)) = self.policies.read().unwrap_or_else(|p| p.into_inner()).get(id) {
            if *version == stored {
                return Ok(p.clone());
            }
        }
        let text = store::admin::policy_toml(conn, id)?;
        let text = text.ok_or_else(|| AppError::NotFound(format!("no SLA policy `{id}`")))?;
        let policy = Policy::from_toml(&text)
            .and_then(|p| p.compile(&[], &[]))
            .map_err(|e| AppError::Internal(format!("stored policy `{id}` is invalid: {e}")))?;
        let policy = Arc::new(policy);
        self.policies
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id.to_string(), (stored, policy.clone()));
        Ok(policy)
    }

    /// Imports or replaces a policy from its TOML text (administrators).
    pub fn import_policy(&self, text: &str) -> AppResult<String> {
        let policy = Policy::from_toml(text).map_err(|e| AppError::Unprocessable {
            code: "invalid_policy",
            message: e.to_string(),
            fields: vec![],
        })?;
        policy.compile(&[], &[]).map_err(|e| AppError::Unprocessable {
            code: "invalid_policy",
            message: e.to_string(),
            fields: vec![],
        })?;
        let now = self.now();
        self.store.write(|tx| store::admin::put_policy(tx, &policy.id, text, now))?;
        self.policies.write().unwrap_or_else(|p| p.into_inner()).remove(&policy.id);
        Ok(policy.id)
    }
}
