//! The deployment's registration settings as this client last synced them
//! (the server's defaults of a desk registration, its routing rules'
//! policies and its default policy), else the built-in ones: what the
//! desk's form, `helpdesk register` and an offline registration fill a
//! ticket with and which policy they check it under — the server's rules,
//! not the front end's.

use crate::{Client, DEFAULT_POLICY};
use helpdesk_domain::policy::Policy;
use helpdesk_domain::registration_defaults::RegistrationSettings;
use helpdesk_domain::ticket::{NewTicket, RegistrationRules};
use helpdesk_replica::SettingKey;

impl Client {
    /// The registration settings as last synced, else the built-in ones.
    pub fn registration_settings(&self) -> RegistrationSettings {
        self.synced_registration_settings()
            .unwrap_or_else(|| RegistrationSettings::built_in(DEFAULT_POLICY))
    }

    /// The registration settings as last synced, if a sync brought them.
    pub(crate) fn synced_registration_settings(&self) -> Option<RegistrationSettings> {
        let stored = match self.replica().setting(SettingKey::RegistrationSettings) {
            Ok(json) => json,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the synced registration settings");
                None
            }
        };
        stored.and_then(|json| {
            serde_json::from_str(&json)
                .map_err(|e| tracing::warn!(error = %e, "the synced registration settings are unreadable; sync again"))
                .ok()
        })
    }

    /// `new` with what it leaves out filled by the deployment's defaults,
    /// and the policy it will be counted under.
    pub(crate) fn registration_as_filled(&self, new: &NewTicket) -> (NewTicket, String) {
        let settings = self.registration_settings();
        let mut filled = new.clone();
        settings.defaults.fill(&mut filled);
        let policy = settings.policy_for(&filled).to_string();
        (filled, policy)
    }

    /// The registration rules of `policy` for `new`'s type: the policy as
    /// last synced, else the built-in preset, else everything required.
    pub(crate) fn registration_rules_under(&self, policy: &str, new: &NewTicket) -> RegistrationRules {
        let policy = self
            .synced_policy_text(policy)
            .and_then(|text| Policy::from_toml(&text).ok())
            .or_else(|| Policy::preset(policy).ok());
        policy.map_or(RegistrationRules::STRICT, |p| p.registration_rules(new.ticket_type))
    }
}
