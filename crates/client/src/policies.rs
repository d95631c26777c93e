//! The SLA policy of a ticket as this client counts it (the server's text
//! as last synced, else the built-in preset, with the user's thresholds),
//! and the engine's report of a ticket under it.

use crate::{lock, Client, DEFAULT_POLICY};
use chrono::{DateTime, Utc};
use helpdesk_domain::policy::{CompiledPolicy, Policy};
use helpdesk_domain::sla::{evaluate, evaluate_ticket, ClockState, MetricReport, SlaReport};
use helpdesk_protocol::{SyncedPolicy, TicketView};
use helpdesk_replica::{SettingKey, TicketDigest};
use std::sync::Arc;

impl Client {
    /// The ticket's policy compiled with the user's thresholds (cached until
    /// the next sync round or new settings): the server's text of it as last
    /// synced, else the built-in preset of that name, else [`DEFAULT_POLICY`]
    /// (the same way: synced, then built in).
    pub(crate) fn policy(&self, id: &str) -> Option<Arc<CompiledPolicy>> {
        // Held while compiling: a round clears the cache after it stored new
        // policies, so nothing compiled from an older text outlives it.
        let mut cache = lock(&self.policies);
        if let Some(p) = cache.get(id) {
            return p.clone();
        }
        let thresholds = self.settings().map(|s| s.thresholds).unwrap_or_default();
        let compiled = self
            .compile_policy(id)
            .or_else(|| {
                tracing::debug!(
                    policy = id,
                    fallback = DEFAULT_POLICY,
                    "SLA policy unknown on this client; counting with the fallback"
                );
                self.compile_policy(DEFAULT_POLICY)
            })
            .map(|mut c| {
                if !thresholds.is_empty() {
                    c.thresholds = thresholds;
                }
                Arc::new(c)
            });
        cache.insert(id.to_string(), compiled.clone());
        compiled
    }

    /// The policy `id` as last synced from the server, else the built-in
    /// preset of that name.
    pub(crate) fn compile_policy(&self, id: &str) -> Option<CompiledPolicy> {
        if let Some(text) = self.synced_policy_text(id) {
            match Policy::from_toml(&text).and_then(|p| p.compile(&[], &[])) {
                Ok(compiled) => return Some(compiled),
                Err(e) => tracing::warn!(policy = id, error = %e, "the synced SLA policy cannot be used; trying the built-in one"),
            }
        }
        Policy::preset(id).and_then(|p| p.compile(&[], &[])).ok()
    }

    /// The TOML text of the policy `id` the last sync stored, if any.
    pub(crate) fn synced_policy_text(&self, id: &str) -> Option<String> {
        let json = match self.replica().setting(SettingKey::Policies) {
            Ok(json) => json?,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the synced SLA policies");
                return None;
            }
        };
        match serde_json::from_str::<Vec<SyncedPolicy>>(&json) {
            Ok(policies) => policies.into_iter().find(|p| p.id == id).map(|p| p.toml),
            Err(e) => {
                tracing::warn!(error = %e, "the synced SLA policies are unreadable; sync again");
                None
            }
        }
    }

    pub(crate) fn sla(&self, view: &TicketView, now: DateTime<Utc>) -> Option<SlaReport> {
        let policy = self.policy(&view.policy)?;
        evaluate_ticket(&policy, &view.ticket, &view.events, now).ok()
    }

    /// The same from the ticket's digest (no trail to parse).
    pub(crate) fn sla_of(&self, digest: &TicketDigest, now: DateTime<Utc>) -> Option<SlaReport> {
        let policy = self.policy(&digest.policy)?;
        evaluate(&policy, &digest.class, &digest.clock, now).ok()
    }

    pub(crate) fn time_zone(&self, policy: &str) -> String {
        self.policy(policy)
            .map(|p| p.main_calendar().time_zone().name().to_string())
            .unwrap_or_else(|| "Europe/Kyiv".into())
    }
}

/// A clock still counting: running, or breached and not stopped.
pub(crate) fn is_counting(m: &MetricReport) -> bool {
    m.state == ClockState::Running || (m.state == ClockState::Breached && m.stopped_at.is_none())
}
