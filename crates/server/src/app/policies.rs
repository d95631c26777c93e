//! The SLA policies as the server evaluates them, for the service desk's
//! clients, which count deadlines and raise warnings offline with the same
//! engine: every stored policy (the presets as installed at first start,
//! and whatever an administrator imported or edited since) with its TOML
//! text. Self Service users may not read them.

use super::auth::Caller;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store;
use helpdesk_domain::workflow::Role;
use helpdesk_protocol::SyncedPolicy;

impl App {
    pub fn synced_policies(&self, caller: &Caller) -> AppResult<Vec<SyncedPolicy>> {
        if caller.actor.role == Role::SelfService {
            return Err(AppError::Forbidden("the SLA policies are for the service desk".into()));
        }
        Ok(self.store.read(store::admin::policy_texts)?)
    }
}
