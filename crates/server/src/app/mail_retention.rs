//! Sent e-mail does not stay forever: the timed jobs (under their lease,
//! so one replica does it) delete what was sent longer ago than the
//! deployment's retention (`serve --mail-retention-days`, 30 by default).
//! Queued and failed messages stay, for administrators to see and retry.

use super::App;
use crate::error::AppResult;
use crate::store::outbox;
use chrono::{DateTime, Utc};

impl App {
    /// Deletes the e-mail sent before `now` minus the retention; how many.
    pub fn purge_sent_mail(&self, now: DateTime<Utc>) -> AppResult<u64> {
        let before = now - self.config.sent_mail_retention;
        let purged = self.store.write(|tx| outbox::purge_sent(tx, before))?;
        if purged > 0 {
            tracing::info!(
                purged,
                retention_days = self.config.sent_mail_retention.num_days(),
                "sent e-mail past its retention deleted"
            );
        }
        Ok(purged)
    }
}
