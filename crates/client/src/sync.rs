//! Syncing: one round on demand, the status, and the background loop that
//! tells the host each change of the status and each pull that brought
//! changes.

use crate::{lock, Client, ClientError, Connectivity, Host, Result, RoundReport, SyncStatus};
use helpdesk_replica::SettingKey;
use std::time::Duration;

impl Client {
    /// One push and one complete pull, now.
    pub async fn sync_round(&self) -> Result<RoundReport> {
        let sync = self.sync_client().ok_or_else(ClientError::not_signed_in)?;
        let report = sync.round(|| self.now()).await;
        lock(&self.policies).clear(); // the round may have stored new SLA policies
        let report = report?;
        if report.changes > 0 || report.pushed > 0 {
            self.wake_notifier.notify_one();
        }
        Ok(report.into())
    }

    pub fn status(&self) -> Result<SyncStatus> {
        match self.sync_client() {
            Some(sync) => Ok(sync.status().into()),
            None => {
                let replica = self.replica();
                Ok(SyncStatus {
                    connectivity: Connectivity::SignInRequired,
                    pending: replica.pending_count()?,
                    needs_attention: replica.attention_count()?,
                    last_sync: replica.setting(SettingKey::LastSync)?.and_then(|s| s.parse().ok()),
                    clock_skew_seconds: None,
                    last_error: None,
                })
            }
        }
    }

    /// Syncs until `stop` resolves: at once after an action or a sign-in,
    /// every [`Options::sync_interval`](crate::Options::sync_interval)
    /// otherwise, and after a failure with the sync crate's backoff (1 s …
    /// 60 s with jitter), without waiting for a new write. Tells the host
    /// each change of the status and each pull that brought changes.
    pub async fn run_sync(&self, host: &dyn Host, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        let mut failures: u32 = 0;
        let mut last: Option<SyncStatus> = None;
        let mut publish = |status: SyncStatus| {
            if last.as_ref() != Some(&status) {
                host.sync_status(&status);
                last = Some(status);
            }
        };
        loop {
            let wait = match self.sync_client() {
                None => {
                    if let Ok(s) = self.status() {
                        publish(s);
                    }
                    failures = 0;
                    Duration::from_secs(3600)
                }
                Some(sync) => {
                    let mut before: SyncStatus = sync.status().into();
                    before.connectivity = Connectivity::Syncing;
                    publish(before);
                    let result = sync.round(|| self.now()).await;
                    lock(&self.policies).clear(); // the round may have stored new SLA policies
                    publish(sync.status().into());
                    match result {
                        Ok(report) => {
                            log_round(&report);
                            failures = 0;
                            if report.changes > 0 || report.pushed > 0 {
                                host.data_changed();
                                self.wake_notifier.notify_one();
                            }
                            self.sync_interval
                        }
                        Err(e) if e.is_transient() => {
                            failures = failures.saturating_add(1);
                            helpdesk_sync::backoff(failures)
                        }
                        Err(_) => self.sync_interval,
                    }
                }
            };
            tokio::select! {
                _ = &mut stop => return,
                _ = self.wake_sync.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }
}

/// A round done, in the log at debug level (the desktop's notification
/// tests wait on it).
pub(crate) fn log_round(report: &helpdesk_sync::RoundReport) {
    tracing::debug!(changes = report.changes, pushed = report.pushed, "sync: a round done");
}
