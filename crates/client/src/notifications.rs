//! The notifier: which notifications are due (the rules are in `notify`),
//! when to look again, and the loop that raises them through the host.

use crate::{notify, render, Client, Host, Notification, NotificationText, Result, MAX_NOTIFIER_SLEEP};
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use std::time::Duration;

impl Client {
    /// Raises the notifications that are due, then sleeps until the next
    /// SLA change (at most [`MAX_NOTIFIER_SLEEP`]) or until data changes;
    /// until `stop` resolves. Works offline: it reads only the replica.
    pub async fn run_notifier(&self, host: &dyn Host, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        loop {
            let now = self.now();
            let due = self.due_notifications(now);
            if let Ok(list) = &due {
                tracing::debug!(
                    due = list.len(),
                    signed_in = self.sync_client().is_some(),
                    "notifications: the replica looked at"
                );
            }
            match due {
                Ok(list) if !list.is_empty() => {
                    let language = self.settings().map(|s| s.language).unwrap_or_default();
                    let due: Vec<(Notification, NotificationText)> = list
                        .into_iter()
                        .map(|n| {
                            let text = render(&n, language);
                            (n, text)
                        })
                        .collect();
                    host.notify(&due);
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("notifications: {e}"),
            }
            let until = self.next_wakeup(now);
            let wait = (until - now).to_std().unwrap_or(Duration::ZERO).max(Duration::from_millis(500));
            tokio::select! {
                _ = &mut stop => return,
                _ = self.wake_notifier.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    /// The notifications due at `now`, each recorded in the replica's
    /// ledger so it is returned once, also across restarts. See the
    /// `notify` module for the rules.
    pub fn due_notifications(&self, now: DateTime<Utc>) -> Result<Vec<Notification>> {
        if self.sync_client().is_none() {
            return Ok(vec![]);
        }
        notify::due(self, now)
    }

    /// When the notifier should look again: the earliest SLA change of the
    /// analyst's tickets, at most [`MAX_NOTIFIER_SLEEP`] from `now`.
    pub fn next_wakeup(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let cap = now + ChronoDuration::from_std(MAX_NOTIFIER_SLEEP).expect("60 s");
        notify::next_change(self, now).map_or(cap, |t| t.min(cap))
    }

    /// Wakes the notifier now (e.g. when quiet hours were changed elsewhere).
    pub fn wake_notifier(&self) {
        self.wake_notifier.notify_one();
    }
}
